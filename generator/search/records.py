"""What the search index holds: one record (URL, title, plain text) per entry page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import unescape

from generator.compile import CompiledPage


@dataclass(frozen=True, slots=True)
class SearchRecord:
    url: str  # from the site's root, e.g. "/2026/06/02/slug/" (the page's JS adds the base)
    title: str  # plain text
    content: str  # plain text: title, tags, lede, sections, sources


# The byline (date, reading time) and the previous/next links (other entries' titles)
# would only add noise to matches and excerpts.
_NOISE = re.compile(r'<p class="digest-byline">.*?</p>|<nav\b.*?</nav>', re.S)
# Block boundaries become spaces so that words of adjacent blocks do not run together;
# inline tags vanish so that "de-<em>identified</em>" stays one word.
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|section|article|blockquote|div|br|hr|t[rdh]|table)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """The readable text of an entry page's compiled HTML, on one line."""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", _NOISE.sub(" ", html)))
    return _SPACE.sub(" ", unescape(text)).strip()


def entry_records(pages: Iterable[CompiledPage]) -> list[SearchRecord]:
    """One record per entry page, in URL order (the index must not depend on input order)."""
    records = [
        SearchRecord(url="/" + page.url, title=page.title, content=plain_text(page.html))
        for page in pages
        if _kind(page) == "entry"
    ]
    return sorted(records, key=lambda record: record.url)


def _kind(page: CompiledPage) -> object:
    digest = page.meta.get("digest")
    return digest.get("kind") if isinstance(digest, Mapping) else None
