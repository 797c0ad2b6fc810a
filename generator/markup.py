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
_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.MULTILINE)
RAW_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|!--|!\[CDATA\[|\?)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*>")
# Starts with a literal so the regex engine can skip ahead quickly.
INLINE_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)")
REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
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
    key: str = ""  # the normalized title, for comparisons

    def __post_init__(self) -> None:
        self.key = section_key(self.title)

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
    """Split the body at its level-2 headings (headings inside fenced code don't count)."""
    lines = body.split("\n")
    if "```" in body or "~~~" in body:
        return _outline_line_by_line(lines, first_line)
    # No code fences: only the few heading lines need a look (10,000 entries stay fast).
    result = Outline([], [], [])
    start = 0  # first line of the current part
    for match in _HEADING_LINE.finditer(body):
        index = body.count("\n", 0, match.start())
        heading = _HEADING.match(lines[index])
        if heading is None:
            continue
        level, title = len(heading.group(1)), (heading.group(2) or "").strip()
        col = lines[index].index("#") + 1
        if level != 2:
            result.stray_headings.append((first_line + index, col, level, title))
            continue
        _part(result).extend(_numbered(lines, start, index, first_line))
        result.sections.append(Section(title, first_line + index, col))
        start = index + 1
    _part(result).extend(_numbered(lines, start, len(lines), first_line))
    return result


def _numbered(lines: list[str], start: int, end: int, first_line: int) -> list[tuple[int, str]]:
    return list(zip(range(first_line + start, first_line + end), lines[start:end], strict=True))


def _part(result: Outline) -> list[tuple[int, str]]:
    return result.sections[-1].lines if result.sections else result.preamble


def _outline_line_by_line(lines: list[str], first_line: int) -> Outline:
    result = Outline([], [], [])
    fence: str | None = None
    for offset, text in enumerate(lines):
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
        _part(result).append((number, text))
    return result


_FENCED_BLOCK = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[^\n]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN_ANY = re.compile(r"(`+)[^\n]+?\1")


def _blank_lines(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())  # code spans never hold a line break


def blank_code(text: str) -> str:
    """The text with fenced code blocks and code spans blanked out, same positions:
    what is code is shown literally, so the prose rules must not look inside it."""
    if "`" not in text and "~~~" not in text:
        return text
    if "```" in text or "~~~" in text:
        text = _FENCED_BLOCK.sub(_blank_lines, text)
    return _CODE_SPAN_ANY.sub(_blank, text)


def link_targets(text: str) -> Iterator[tuple[int, str, str, bool]]:
    """(offset, target, alt text, is_image) for every link-like construct in the text."""
    if "](" in text:
        for match in INLINE_LINK.finditer(text):
            is_image = match.start() > 0 and text[match.start() - 1] == "!"
            yield match.start(2), match.group(2), match.group(1), is_image
    if "<" in text:
        for match in AUTOLINK.finditer(text):
            yield match.start(1), match.group(1) + ":", "", False
    if "]:" in text:
        for match in REFERENCE_DEF.finditer(text):
            yield match.start(1), match.group(1), "", False


def link_scheme(target: str) -> str | None:
    """The scheme of a link target, or None for relative links and fragments."""
    # Browsers ignore control characters and whitespace inside schemes.
    cleaned = re.sub(r"[\x00-\x20]", "", target)
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None
