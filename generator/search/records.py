"""What the search index holds, built from the typed model, never from page HTML.

``compile_site`` makes one ``SearchRecord`` per published entry, in the site's own order
(newest first by the entry's instant, whatever its UTC offset, then by slug), and one per
tag page; ``handwritten_records`` adds the hand-written pages of ``docs/`` (About,
Contributing), read from their Markdown. Nothing here imports the compile stage or MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

# The kinds of result, in index order: entries first (so that a lower id is a newer entry),
# then tag pages, then the hand-written pages.
KINDS = ("entry", "tag", "page")


@dataclass(frozen=True, slots=True)
class SearchRecord:
    kind: str  # one of KINDS
    url: str  # site-relative, e.g. "2026/06/02/slug/" (the page's JS adds the site's root)
    title: str  # plain text
    date: str  # as the page shows it, e.g. "2 June 2026"; "" for pages without a date
    lede: str  # plain text
    tags: tuple[str, ...] = ()  # tag names
    body: tuple[str, ...] = ()  # plain text: sections, sources
    published: datetime | None = None  # timezone-aware; entries only
    tag_slugs: tuple[str, ...] = ()  # entries only: for the tag filter
    year: str = ""  # entries only: the year the site shows, for the year filter


def ordered(records: Iterable[SearchRecord]) -> list[SearchRecord]:
    """Records in index order: entries newest first by instant (UTC, not the offset's
    local time), then slug-like URL; then tags and pages by URL."""
    items = list(records)
    entries = [r for r in items if r.kind == "entry"]
    entries.sort(key=lambda r: r.url, reverse=True)
    entries.sort(key=lambda r: r.published.timestamp() if r.published else float("-inf"), reverse=True)
    others = sorted((r for r in items if r.kind != "entry"), key=lambda r: (KINDS.index(r.kind), r.url))
    return entries + others


def handwritten_records(docs_dir: Path) -> list[SearchRecord]:
    """One record per hand-written Markdown page of ``docs_dir`` (its top level: About,
    Contributing), from the Markdown tokens: front matter title and description, text."""
    records = []
    parser = MarkdownIt("commonmark")
    for path in sorted(docs_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta: dict[str, object] = {}
        if text.startswith("---\n"):
            head, _, text = text[4:].partition("\n---\n")
            loaded = yaml.safe_load(head)
            meta = loaded if isinstance(loaded, dict) else {}
        words: list[str] = []
        heading = ""
        tokens = parser.parse(text)
        for i, token in enumerate(tokens):
            if token.type != "inline":
                continue
            plain = "".join(child.content if child.type in ("text", "code_inline") else " "
                            for child in token.children or ()
                            if child.type in ("text", "code_inline", "softbreak", "hardbreak"))
            if not heading and i and tokens[i - 1].type == "heading_open" and tokens[i - 1].tag == "h1":
                heading = plain
                continue
            words.append(plain)
        stem = path.stem
        url = "" if stem in ("index", "README") else f"{stem}/"
        records.append(SearchRecord(kind="page", url=url, title=str(meta.get("title") or heading or stem),
                                    date="", lede=str(meta.get("description") or ""), body=tuple(words)))
    return records
