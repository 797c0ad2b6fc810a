"""Convert raw briefs in the seed format into entry drafts.

The seed format: a title line, the lede, then the plain lines ``What's new`` (bullets),
``Context`` and ``Why it matters`` (paragraphs, one a line) and ``Corroborating
sources`` (for each: a ``- Publisher`` line, a URL line and a quoted sentence).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from generator.entries.markup import SECTIONS, section_key
from generator.entries.model import Source, Tag

SOURCES_HEADING = "corroborating sources"
_HEADINGS = {section_key(s): s for s in SECTIONS}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_URL_DATE = re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})/")
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


class SeedError(ValueError):
    """The seed cannot be converted; the message says why and where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Brief:
    title: str
    lede: str
    sections: dict[str, str]
    sources: tuple[Source, ...]


def parse_seed(text: str) -> Brief:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")]
    blocks: dict[str, list[tuple[int, str]]] = {"": []}
    current = ""
    for number, line in enumerate(lines, start=1):
        key = section_key(line)
        if key in _HEADINGS or key == SOURCES_HEADING:
            if key in blocks:
                raise SeedError(number, f"'{line}' appears twice")
            current = key
            blocks[current] = []
        elif line.strip():
            blocks[current].append((number, line.strip()))
    head = blocks[""]
    if len(head) < 2:
        raise SeedError(1, "a seed starts with a title line and a lede")
    for key, title in _HEADINGS.items():
        if not blocks.get(key):
            raise SeedError(len(lines), f"the '{title}' part is missing or empty")
    sections = {
        _HEADINGS[key]: "\n\n".join(text for _, text in blocks[key]) for key in _HEADINGS
    }
    bullets = [t if t.startswith(("- ", "* ")) else f"- {t}" for _, t in blocks["what's new"]]
    sections[SECTIONS[0]] = "\n".join("- " + b[2:].strip() for b in bullets)
    return Brief(head[0][1], " ".join(t for _, t in head[1:]), sections,
                 _sources(blocks.get(SOURCES_HEADING, [])))


def _sources(lines: list[tuple[int, str]]) -> tuple[Source, ...]:
    sources: list[Source] = []
    publisher: str | None = None
    url: str | None = None
    for number, text in lines:
        if text.startswith(("- ", "* ")):
            if publisher and url:
                sources.append(Source(publisher, url))
            publisher, url = text[2:].strip(), None
        elif re.match(r"https?://", text):
            if publisher is None:
                raise SeedError(number, "a source URL must follow a '- Publisher' line")
            url = text
        elif publisher and url:
            sources.append(Source(publisher, url, quote=text.strip(_QUOTES).strip()))
            publisher = url = None
        else:
            raise SeedError(number, f"unexpected line in the sources: {text[:40]!r}")
    if publisher and url:
        sources.append(Source(publisher, url))
    if not sources:
        raise SeedError(0, "the seed has no corroborating sources")
    return tuple(sources)


def find_date(brief: Brief) -> str | None:
    """An ISO date in the lede, else a /YYYY/MM/DD/ date in a source URL's path."""
    match = _ISO_DATE.search(brief.lede)
    if match:
        return match.group(0)
    for source in brief.sources:
        match = _URL_DATE.search(source.url)
        if match:
            year, month, day = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def find_tags(brief: Brief, vocabulary: Mapping[str, Tag], limit: int = 4) -> list[str]:
    """Vocabulary tags whose name or slug occurs in the brief, most mentioned first."""
    text = " ".join([brief.title, brief.lede, *brief.sections.values()]).lower()
    counts: Counter[str] = Counter()
    for slug, tag in vocabulary.items():
        words = {tag.name.lower(), slug.replace("-", " ")}
        for word in words:
            counts[slug] += len(re.findall(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", text))
    ranked = sorted((slug for slug in counts if counts[slug]), key=lambda s: (-counts[s], s))
    return ranked[:limit]


def front_matter(brief: Brief, date: str, tags: list[str]) -> dict[str, object]:
    sources = []
    for source in brief.sources:
        item: dict[str, str] = {"publisher": source.publisher, "url": source.url}
        if source.title:
            item["title"] = source.title
        if source.quote:
            item["quote"] = source.quote
        sources.append(item)
    return {"title": brief.title, "date": date, "tags": tags, "summary": brief.lede,
            "sources": sources}
