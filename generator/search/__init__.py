"""Site search: our own static index of the entry pages, written into the built site.

Nothing here imports MkDocs: ``compile_site`` makes the records (``CompiledSite.search``:
entries and tag pages, from the typed model), ``handwritten_records`` adds the pages of
``docs/``, and the plugin's ``on_post_build`` and ``digest compile`` write the same index.
Listings and the archive are not indexed (they repeat entry text). The reader's side is
docs/overrides/assets/javascripts/search-index.js.
"""

from __future__ import annotations

from generator.search.index import INDEX_DIR, write_search_index
from generator.search.records import SearchRecord, handwritten_records, ordered
from generator.search.tokenize import stem, terms, tokens

__all__ = ["INDEX_DIR", "SearchRecord", "handwritten_records", "ordered", "stem", "terms", "tokens",
           "write_search_index"]
