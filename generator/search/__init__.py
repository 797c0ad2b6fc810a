"""Site search: a Pagefind index of the entry pages, written into the built site.

Nothing here imports MkDocs: the plugin's ``on_post_build`` hands over the compiled pages
and the built site's folder. Only entry pages are indexed (listings, tags and the archive
repeat entry text; the hand-written pages are reached from the navigation), and their text
goes to Pagefind as records, so Pagefind never parses the site's HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.compile import CompiledPage
from generator.search.pagefind import INDEX_DIR, SearchIndexError, write_pagefind_index
from generator.search.records import SearchRecord, entry_records, plain_text

__all__ = ["INDEX_DIR", "SearchIndexError", "SearchRecord", "entry_records", "plain_text",
           "write_search_index"]


def write_search_index(site_dir: Path, pages: Iterable[CompiledPage], language: str) -> int:
    """Write ``site_dir/pagefind/`` for the entry pages among ``pages``; the number indexed."""
    records = entry_records(pages)
    write_pagefind_index(records, site_dir / INDEX_DIR, language)
    return len(records)
