"""Rules for Markdown text wherever it appears (summary and body)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.markup import (
    ALLOWED_SCHEMES,
    EXTENSION_SYNTAX,
    PLACEHOLDER,
    RAW_HTML,
    link_scheme,
    link_targets,
    prose_lines,
)
from generator.rules.context import EntryCheck


def check_inline(check: EntryCheck, lines: list[tuple[int, str]],
                 base_col: int = 1) -> Iterator[Diagnostic]:
    """Raw HTML (E210), link schemes (E211), image alt text (E212), extension syntax
    (E213) and placeholders (E214) in the given lines."""
    for number, text in prose_lines(_split(lines)):
        col0 = base_col if number == lines[0][0] else 1
        for match in RAW_HTML.finditer(text):
            yield check.line(number, col0 + match.start(), "E210",
                             f"raw HTML '{text[match.start():match.start() + 20].strip()}' "
                             "is not allowed")
        for index, target, alt, is_image in link_targets(text):
            scheme = link_scheme(target)
            if scheme is not None and scheme not in ALLOWED_SCHEMES:
                yield check.line(number, col0 + index, "E211",
                                 f"link scheme '{scheme}:' is not allowed")
            if is_image and not alt.strip():
                yield check.line(number, col0 + index, "E212", "image has no alt text")
        match = EXTENSION_SYNTAX.search(text)
        if match:
            yield check.line(number, col0 + match.start(), "E213",
                             f"extension syntax '{match.group()}' is not allowed")
        match = PLACEHOLDER.search(text)
        if match:
            yield check.line(number, col0 + match.start(), "E214",
                             "placeholder text is still there")


def _split(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Multi-line values (a YAML block) become one entry per line."""
    out: list[tuple[int, str]] = []
    for number, text in lines:
        out.extend((number + i, part) for i, part in enumerate(text.split("\n")))
    return out
