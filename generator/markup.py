"""Line-level understanding of entry Markdown: sections, code spans, links and HTML.

Shared by the validation rules (which locate problems) and the model builder
(which takes the section text), so the two never disagree about structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

SECTIONS = ("What's new", "Context", "Why it matters")
SECTION_KEYS = tuple(s.lower() for s in SECTIONS)

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
RAW_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|!--|!\[CDATA\[|\?)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*>")
INLINE_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)")
REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
EXTENSION_SYNTAX = re.compile(r"-{1,2}8<-{1,2}|\{:|\{\s*[#.][A-Za-z]|\bmarkdown\s*=\s*[\"']?1")
PLACEHOLDER = re.compile(r"\bTODO\b")
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
BULLET = re.compile(r"^ {0,3}[-*+][ \t]+\S")


def section_key(title: str) -> str:
    return title.replace("\u2019", "'").replace("\u2018", "'").strip().lower()


@dataclass(slots=True)
class Section:
    title: str
    line: int  # file line of the heading
    col: int
    lines: list[tuple[int, str]] = field(default_factory=list)  # (file line, text)

    @property
    def key(self) -> str:
        return section_key(self.title)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines).strip("\n")


@dataclass(slots=True)
class Outline:
    """The body split at its level-2 headings."""

    preamble: list[tuple[int, str]]  # lines before the first section
    sections: list[Section]
    stray_headings: list[tuple[int, int, int, str]]  # (line, col, level, text)


def outline(body: str, first_line: int) -> Outline:
    result = Outline([], [], [])
    fence: str | None = None
    for offset, text in enumerate(body.split("\n")):
        number = first_line + offset
        fence_match = _FENCE.match(text)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
        heading = None if fence or fence_match else _HEADING.match(text)
        if heading:
            level, title = len(heading.group(1)), (heading.group(2) or "").strip()
            col = text.index("#") + 1
            if level == 2:
                result.sections.append(Section(title, number, col))
                continue
            result.stray_headings.append((number, col, level, title))
        target = result.sections[-1].lines if result.sections else result.preamble
        target.append((number, text))
    return result


def prose_lines(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Lines outside fenced code, with inline code spans blanked out (same columns)."""
    fence: str | None = None
    for number, text in lines:
        fence_match = _FENCE.match(text)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is None:
            yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group()), text)


def link_targets(text: str) -> Iterator[tuple[int, str, str, bool]]:
    """(column index, target, alt text, is_image) for every link-like construct in a line."""
    for match in INLINE_LINK.finditer(text):
        yield match.start(3), match.group(3), match.group(2), match.group(1) == "!"
    for match in AUTOLINK.finditer(text):
        yield match.start(1), match.group(1) + ":", "", False
    ref = REFERENCE_DEF.match(text)
    if ref:
        yield ref.start(1), ref.group(1), "", False


def link_scheme(target: str) -> str | None:
    """The scheme of a link target, or None for relative links and fragments."""
    # Browsers ignore control characters and whitespace inside schemes.
    cleaned = re.sub(r"[\x00-\x20]", "", target)
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None
