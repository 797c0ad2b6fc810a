"""Rules for Markdown wherever it appears (summary and body), decided on parsed tokens.

Code spans, fenced and indented code are code: nothing inside them is HTML, a link or
a placeholder, because the renderer shows them literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.entries.markup import (
    ALLOWED_SCHEMES,
    EXTENSION_SYNTAX,
    MAX_NESTING,
    PLACEHOLDER,
    Parsed,
    inline_offset,
    link_scheme,
    nesting_too_deep,
)
from generator.entries.rules.context import EntryCheck
from generator.entries.values import NOT_TEXT, describe_character

_TEXT = frozenset({"text", "text_special"})


def check_markup(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """Raw HTML (E210), link schemes (E211), image alt text (E212), extension syntax
    (E213), placeholders (E214) and nesting depth (E215) in parsed Markdown."""
    for token in parsed.tokens:
        if token.type == "html_block":
            snippet = token.content.strip().split("\n")[0][:20]
            yield check.line(parsed.line_of(token), _indent(parsed, token) + 1, "E210",
                             f"raw HTML '{snippet}' is not allowed")
    for block in parsed.tokens:
        for index, token in enumerate(block.children or ()):
            yield from _inline_rules(check, parsed, block, index, token)
    deep = nesting_too_deep(parsed.tokens)
    if deep is not None:
        yield check.line(parsed.line_of(deep), _indent(parsed, deep) + 1, "E215",
                         f"lists and quotes are nested more than {MAX_NESTING} levels deep",
                         "flatten the list: a brief needs two or three levels at most")


def _inline_rules(check: EntryCheck, parsed: Parsed, block, index: int,
                  token) -> Iterator[Diagnostic]:
    kind = token.type
    if kind == "html_inline":
        yield _at(check, parsed, block, token, "E210",
                  f"raw HTML '{token.content[:20].split(chr(10))[0]}' is not allowed")
    elif kind in ("link_open", "image"):
        target = token.attrs.get("href" if kind == "link_open" else "src", "")
        scheme = link_scheme(str(target))
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            yield _at(check, parsed, block, token, "E211", f"link scheme '{scheme}:' is not allowed",
                      _target_offset(block, index) - inline_offset(token))
        title = str(token.attrs.get("title", ""))
        control = NOT_TEXT.search(title)
        if control:
            yield _at(check, parsed, block, token, "E003",
                      f"a link title holds {describe_character(control.group())}, which is not allowed")
        if kind == "image":
            if not token.content.strip():
                yield _at(check, parsed, block, token, "E212", "image has no alt text")
            for alt in token.children or ():  # alt text: placeholders count there too
                if alt.type in _TEXT and alt.content:
                    # Alt text is parsed on its own, from just after the '!['.
                    start = inline_offset(token) + 2 + inline_offset(alt)
                    yield from _text_rules(check, parsed, block, alt, start)
    elif kind in _TEXT and token.content:
        yield from _text_rules(check, parsed, block, token)


def _text_rules(check: EntryCheck, parsed: Parsed, block, token,
                start: int | None = None) -> Iterator[Diagnostic]:
    text = token.content
    shift = 0 if start is None else start - inline_offset(token)
    control = NOT_TEXT.search(text)
    if control:  # raw ones are refused with the file; these come from &#...; references
        yield _at(check, parsed, block, token, "E003",
                  f"a character reference makes {describe_character(control.group())}, "
                  "which is not allowed",
                  shift + _reference_offset(block, inline_offset(token), control.group()))
    if "{" in text or "8<" in text:
        for match in EXTENSION_SYNTAX.finditer(text):
            yield _at(check, parsed, block, token, "E213",
                      f"extension syntax '{match.group()}' is not allowed", shift + match.start())
    if "TODO" in text:
        for match in PLACEHOLDER.finditer(text):
            yield _at(check, parsed, block, token, "E214", "placeholder text is still there",
                      shift + match.start())


_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _reference_offset(block, start: int, char: str) -> int:
    """Offset (from ``start``) of the numeric character reference that makes ``char`` in
    the block's source; 0 when it cannot be found."""
    for match in _REFERENCE.finditer(block.content, start):
        hexadecimal, decimal = match.groups()
        if int(hexadecimal or decimal, 16 if hexadecimal else 10) == ord(char):
            return match.start() - start
    return 0


def _target_offset(block, index: int) -> int:
    """Where a written link's target starts: after the '](' that follows its text
    (the link_close token is stamped at the closing ']'); else the link itself."""
    children = block.children
    link = children[index]
    start = inline_offset(link)
    if link.type != "link_open" or link.markup:
        return start
    close = next((t for t in children[index + 1:] if t.type == "link_close"), None)
    content = block.content
    at = close.meta.get("pos", start) + 1 if close is not None else start
    if content.startswith("(", at):
        at += 1
        while at < len(content) and content[at] in " \t\n<":
            at += 1
        return at
    return start


def _at(check: EntryCheck, parsed: Parsed, block, token, code: str, message: str,
        within: int = 0) -> Diagnostic:
    line, col = parsed.inline_position(block, inline_offset(token) + within)
    return check.line(line, col, code, message)


def _indent(parsed: Parsed, token) -> int:
    lines = parsed.source_lines
    text = lines[token.map[0]] if token.map and token.map[0] < len(lines) else ""
    return len(text) - len(text.lstrip())
