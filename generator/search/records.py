"""What the search index holds: one record per entry page (URL, title, date, lede, plain text)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import unescape

from generator.compile import CompiledPage
from generator.text import html_text


@dataclass(frozen=True, slots=True)
class SearchRecord:
    url: str  # from the site's root, e.g. "/2026/06/02/slug/" (the page's JS adds the base)
    title: str  # plain text
    date: str  # the byline's date as the page shows it, e.g. "2 June 2026"
    lede: str  # plain text
    content: str  # plain text: title, tags, lede, sections, sources


# The byline (date, reading time) and the previous/next links (other entries' titles)
# would only add noise to matches and excerpts.
_NOISE = re.compile(r'<p class="digest-byline">.*?</p>|<nav\b.*?</nav>', re.S)
_BYLINE_TIME = re.compile(r'<p class="digest-byline">\s*<time datetime="([^"]*)">([^<]*)</time>')


def plain_text(html: str) -> str:
    """The readable text of an entry page's compiled HTML, on one line."""
    return html_text(_NOISE.sub(" ", html))


def entry_pages(pages: Iterable[CompiledPage]) -> list[CompiledPage]:
    """The entry pages, newest first (by the byline's timestamp, then URL): the search index
    numbers them in this order, whatever the input order, so that ranking by id is by age."""
    entries = sorted((page for page in pages if _kind(page) == "entry"), key=lambda page: page.url)
    return sorted(entries, key=lambda page: _published(page)[0], reverse=True)


def record(page: CompiledPage) -> SearchRecord:
    return SearchRecord(url="/" + page.url, title=page.title, date=unescape(_published(page)[1]),
                        lede=page.description, content=plain_text(page.html))


def entry_records(pages: Iterable[CompiledPage]) -> list[SearchRecord]:
    """One record per entry page, newest first (the index must not depend on input order)."""
    return [record(page) for page in entry_pages(pages)]


def _published(page: CompiledPage) -> tuple[str, str]:
    """(ISO timestamp, shown date) from the byline; empty when a page has none."""
    found = _BYLINE_TIME.search(page.html)
    return (found[1], found[2]) if found else ("", "")


def _kind(page: CompiledPage) -> object:
    digest = page.meta.get("digest")
    return digest.get("kind") if isinstance(digest, Mapping) else None
