"""Site search: our own static index of the entry pages, written into the built site.

Nothing here imports MkDocs: the plugin's ``on_post_build`` hands over the compiled pages
and the built site's folder. Only entry pages are indexed (listings, tags and the archive
repeat entry text; the hand-written pages are reached from the navigation). The reader's
side is docs/overrides/assets/javascripts/search-index.js.
"""

from __future__ import annotations

from generator.search.index import INDEX_DIR, write_search_index
from generator.search.records import SearchRecord, entry_pages, entry_records, plain_text
from generator.search.tokenize import terms, tokens

__all__ = ["INDEX_DIR", "SearchRecord", "entry_pages", "entry_records", "plain_text", "terms", "tokens",
           "write_search_index"]
