"""Rules for Markdown text wherever it appears (summary and body)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.markup import (
    ALLOWED_SCHEMES,
    EXTENSION_SYNTAX,
    PLACEHOLDER,
    RAW_HTML,
    blank_code,
    link_scheme,
    link_targets,
)
from generator.rules.context import EntryCheck

# Characters every rule's pattern needs (a character class is the fastest search there
# is): text without any of them is skipped at once.
_SUSPECT = re.compile(r"[<\]{]")


def check_inline(check: EntryCheck, text: str, first_line: int,
                 first_col: int = 1) -> Iterator[Diagnostic]:
    """Raw HTML (E210), link schemes (E211), image alt text (E212), extension syntax
    (E213) and placeholders (E214) in Markdown text starting at a file position.

    Each pattern runs once over the whole text, not line by line, and text with none
    of the characters they need is skipped at once: checking 10,000 entries stays fast.
    """
    if "TODO" not in text and not _SUSPECT.search(text):
        return
    text = blank_code(text)

    def at(offset: int, code: str, message: str) -> Diagnostic:
        line_index = text.count("\n", 0, offset)
        col = offset - (text.rfind("\n", 0, offset) + 1) + (first_col if line_index == 0 else 1)
        return check.line(first_line + line_index, col, code, message)

    for match in RAW_HTML.finditer(text) if "<" in text else ():
        snippet = text[match.start():match.start() + 20].split("\n")[0].strip()
        yield at(match.start(), "E210", f"raw HTML '{snippet}' is not allowed")
    for offset, target, alt, is_image in link_targets(text):
        scheme = link_scheme(target)
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            yield at(offset, "E211", f"link scheme '{scheme}:' is not allowed")
        if is_image and not alt.strip():
            yield at(offset, "E212", "image has no alt text")
    if "{" in text or "8<" in text or "markdown" in text:
        for match in EXTENSION_SYNTAX.finditer(text):
            yield at(match.start(), "E213", f"extension syntax '{match.group()}' is not allowed")
    for match in PLACEHOLDER.finditer(text) if "TODO" in text else ():
        yield at(match.start(), "E214", "placeholder text is still there")
