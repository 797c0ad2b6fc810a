"""Rules for Markdown wherever it appears (summary and body), decided on parsed tokens.

Each rule is a small function of the parsed text. Code spans, fenced and indented code
are code: nothing inside them is HTML, a link or a placeholder, because the renderer
shows them literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from markdown_it.token import Token

from generator.diagnostics import Diagnostic
from generator.entries.markup import (
    EXTENSION_SYNTAX,
    MAX_NESTING,
    PLACEHOLDER,
    Parsed,
    inline_offset,
    nesting_too_deep,
    refused_scheme,
)
from generator.entries.rules.context import EntryCheck
from generator.entries.values import NOT_TEXT, describe_character

_TEXT = frozenset({"text", "text_special"})
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


@dataclass(frozen=True, slots=True)
class _Inline:
    """An inline token with what locating it needs."""

    block: Token  # the ``inline`` block token it belongs to
    index: int  # its position among the block's children
    token: Token
    start: int  # its offset in the block's content


def _inline(parsed: Parsed) -> Iterator[_Inline]:
    """Every inline token, image alt text included (parsed on its own after '![')."""
    for block in parsed.tokens:
        for index, token in enumerate(block.children or ()):
            start = inline_offset(token)
            yield _Inline(block, index, token, start)
            if token.type == "image":
                for alt in token.children or ():
                    yield _Inline(block, index, alt, start + 2 + inline_offset(alt))


def _texts(parsed: Parsed) -> Iterator[_Inline]:
    return (item for item in _inline(parsed) if item.token.type in _TEXT and item.token.content)


def _at(check: EntryCheck, parsed: Parsed, item: _Inline, code: str, message: str,
        within: int = 0, hint: str | None = None) -> Diagnostic:
    line, col = parsed.inline_position(item.block, item.start + within)
    return check.line(line, col, code, message, hint)


def check_raw_html(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """E210: HTML blocks and inline tags, comments and processing instructions."""
    for token in parsed.tokens:
        if token.type == "html_block":
            snippet = token.content.strip().split("\n")[0][:20]
            yield check.line(*parsed.block_position(token), "E210",
                             f"raw HTML '{snippet}' is not allowed")
    for item in _inline(parsed):
        if item.token.type == "html_inline":
            snippet = item.token.content[:20].split("\n")[0]
            yield _at(check, parsed, item, "E210", f"raw HTML '{snippet}' is not allowed")


def check_link_schemes(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """E211: links and images, in every syntax, only to http(s), mailto or relative."""
    for item in _inline(parsed):
        kind = item.token.type
        if kind not in ("link_open", "image"):
            continue
        scheme = refused_scheme(str(item.token.attrs.get("href" if kind == "link_open" else "src", "")))
        if scheme:
            yield _at(check, parsed, item, "E211", f"link scheme '{scheme}:' is not allowed",
                      _target_offset(item) - item.start)


def check_image_alt(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """E212: every image describes itself."""
    for item in _inline(parsed):
        if item.token.type == "image" and not item.token.content.strip():
            yield _at(check, parsed, item, "E212", "image has no alt text")


def check_extension_syntax(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """E213: file includes and attribute lists, which the renderer would show as text."""
    for item in _texts(parsed):
        text = item.token.content
        if "{" in text or "8<" in text:
            for match in EXTENSION_SYNTAX.finditer(text):
                yield _at(check, parsed, item, "E213",
                          f"extension syntax '{match.group()}' is not allowed", match.start())


def check_placeholders(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """E214 (W214 in a draft): the TODO text that `digest new` writes, outside code."""
    for item in _texts(parsed):
        if "TODO" in item.token.content:
            for match in PLACEHOLDER.finditer(item.token.content):
                yield _at(check, parsed, item, check.unfinished("E214"), "placeholder text is still there",
                          match.start())


def check_nesting(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """E215: lists and quotes nested deeper than MAX_NESTING."""
    deep = nesting_too_deep(parsed.tokens)
    if deep is not None:
        yield check.line(*parsed.block_position(deep), "E215",
                         f"lists and quotes are nested more than {MAX_NESTING} levels deep",
                         "flatten the list: a brief needs two or three levels at most")


def check_character_references(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """E003: raw control characters are refused with the file; a character reference
    (&#x202e;) in text or a link title must not make one either."""
    for item in _inline(parsed):
        token = item.token
        if token.type in _TEXT:
            control = NOT_TEXT.search(token.content)
            if control:
                yield _at(check, parsed, item, "E003",
                          f"a character reference makes {describe_character(control.group())}, "
                          "which is not allowed", _reference_offset(item, control.group()))
        elif token.type in ("link_open", "image"):
            control = NOT_TEXT.search(str(token.attrs.get("title", "")))
            if control:
                yield _at(check, parsed, item, "E003", f"a link title holds "
                          f"{describe_character(control.group())}, which is not allowed")


RULES: tuple[Callable[[EntryCheck, Parsed], Iterator[Diagnostic]], ...] = (
    check_raw_html, check_link_schemes, check_image_alt, check_extension_syntax,
    check_placeholders, check_nesting, check_character_references)


def check_markup(check: EntryCheck, parsed: Parsed) -> Iterator[Diagnostic]:
    """Every rule above, on one parsed text."""
    for rule in RULES:
        yield from rule(check, parsed)


def _reference_offset(item: _Inline, char: str) -> int:
    """Offset (from the token's start) of the numeric character reference that makes
    ``char`` in the block's source; 0 when it cannot be found."""
    for match in _REFERENCE.finditer(item.block.content, item.start):
        hexadecimal, decimal = match.groups()
        if int(hexadecimal or decimal, 16 if hexadecimal else 10) == ord(char):
            return match.start() - item.start
    return 0


def _target_offset(item: _Inline) -> int:
    """Where a written link's target starts: after the '](' that follows its text
    (the link_close token is stamped at the closing ']'); else the link itself."""
    if item.token.type != "link_open" or item.token.markup:
        return item.start
    children = item.block.children or []
    close = next((t for t in islice(children, item.index + 1, None) if t.type == "link_close"), None)
    content = item.block.content
    at = close.meta.get("pos", item.start) + 1 if close is not None else item.start
    if not content.startswith("(", at):
        return item.start
    at += 1
    while at < len(content) and content[at] in " \t\n<":
        at += 1
    return at
