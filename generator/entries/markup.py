"""Entry Markdown, parsed once: the token tree that both the rules and the renderer read.

An entry's body (and its summary) is parsed with markdown-it-py (CommonMark, linear
time, a line map on every block token). The validation rules decide on these tokens
(what is a heading, what is code, what is a link) and the renderer turns the very
same tokens into HTML, so ``digest check`` and the published page cannot disagree.

Inline tokens carry their offset in the inline source (``token.meta["pos"]``), which
:func:`inline_position` turns into a file line and column for diagnostics.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from types import MethodType

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

SECTIONS = ("What's new", "Context", "Why it matters")
SECTION_KEYS = tuple(s.lower() for s in SECTIONS)
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Lists and block quotes inside each other: deeper than this is refused (E215) long
# before the parser's own recursion guard (PARSER_NESTING) would silently drop text.
MAX_NESTING = 4
# markdown-it's recursion guard for blocks and inline brackets alike. Each unclosed '['
# costs work in proportion to it, so it is kept low: a fifth nested list opens at
# block level 8, still below it, so E215 always sees what the parser would drop.
PARSER_NESTING = 10
CONTAINERS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open"})

SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_SCHEME_NOISE = re.compile(r"[\x00-\x20]")
EXTENSION_SYNTAX = re.compile(r"-{1,2}8<-{1,2}|\{:|\{\s*[#.][A-Za-z]")
PLACEHOLDER = re.compile(r"\bTODO\b")


def section_key(title: str) -> str:
    return title.replace("\u2019", "'").replace("\u2018", "'").strip().lower()


def link_scheme(target: str) -> str | None:
    """The scheme of a link target, or None for relative links and fragments."""
    # Browsers ignore control characters and whitespace inside schemes.
    match = SCHEME.match(_SCHEME_NOISE.sub("", target))
    return match.group(1).lower() if match else None


def refused_scheme(target: str) -> str | None:
    """The scheme of a link target when entries may not link with it (not http(s),
    mailto or relative), else None."""
    scheme = link_scheme(target)
    return scheme if scheme is not None and scheme not in ALLOWED_SCHEMES else None


class _LocatingState(StateInline):
    """Inline parser state that stamps each token with its offset in the source."""

    pending_start = 0

    def append_pending(self, text: str) -> None:
        if not self._pending_buffer and not self._pending:
            self.pending_start = self.pos
        super().append_pending(text)

    def pushPending(self) -> Token:
        token = super().pushPending()
        token.meta["pos"] = self.pending_start
        return token

    def push(self, ttype, tag, nesting):  # type: ignore[no-untyped-def]
        token = super().push(ttype, tag, nesting)
        token.meta["pos"] = self.pos
        return token


def _parse_inline(self, src, md, env, tokens):  # type: ignore[no-untyped-def]
    """markdown-it's ParserInline.parse with the locating state."""
    state = _LocatingState(src, md, env, tokens)
    self.tokenize(state)
    for rule in self.ruler2.getRules(""):
        rule(state)
    return state.tokens


_SCHEME_TAIL = re.compile(r"(?:^|[^a-z0-9.+-])([a-z][a-z0-9.+-]*)$", re.IGNORECASE)
_URL_END = re.compile(r"[\s<>]")
# A bare URL longer than this stays text: it bounds the work at each '://'.
MAX_BARE_URL = 2048


def _linkify(state: StateInline, silent: bool) -> bool:
    """Bare ``scheme://`` URLs become links (markdown-it's own rule searches the whole
    pending text and the rest of the input at every '://', which is quadratic): only
    the tail of the pending text can hold the scheme, and a URL ends at white space."""
    pos, src = state.pos, state.src
    if state.linkLevel > 0 or not src.startswith("://", pos) or pos + 3 > state.posMax:
        return False
    match = _SCHEME_TAIL.search(state.pending[-64:])
    if match is None:
        return False
    scheme = match.group(1)
    limit = min(state.posMax, pos + MAX_BARE_URL)
    end = _URL_END.search(src, pos, limit)
    if end is None and limit < state.posMax:
        return False
    found = state.md.linkify.match_at_start(src[pos - len(scheme):end.start() if end else limit])
    if found is None:
        return False
    url = found.url.rstrip("*")  # a trailing '*' closes emphasis
    if not silent:
        state.pending = state.pending[:-len(scheme)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": state.md.normalizeLink(url)}
        token.markup, token.info = "linkify", "auto"
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        token = state.push("link_close", "a", -1)
        token.markup, token.info = "linkify", "auto"
    state.pos += len(url) - len(scheme)
    return True


def _make_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True, "linkify": True,
                                       "maxNesting": PARSER_NESTING})
    parser.enable("linkify")
    parser.inline.ruler.at("linkify", _linkify)
    # The core linkify pass only adds fuzzy links (no scheme), which are off; its
    # pretest alone cost a third of `digest check`.
    parser.core.ruler.disable("linkify")
    # Only bare URLs with a scheme become links: "www.x.com", "ASP.NET" stay words.
    parser.linkify.set({"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    # Every link and image becomes a token, whatever its scheme, so that the rules can
    # refuse it with a location (E211) instead of markdown-it silently keeping it as
    # text; the renderer drops unsafe targets and nh3 checks again.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.inline.parse = MethodType(_parse_inline, parser.inline)  # type: ignore[method-assign]
    return parser


PARSER = _make_parser()


@dataclass(frozen=True, slots=True)
class Section:
    """A level-2 section of the body: its heading and the tokens below it."""

    title: str
    key: str  # the normalized title, for comparisons
    line: int  # file line of the heading
    col: int
    end_line: int  # file line after the section's last token
    tokens: Sequence[Token]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A Markdown text parsed once: its tokens and where the text starts in the file."""

    text: str
    tokens: Sequence[Token]
    source_lines: Sequence[str]  # the text's lines, for locating tokens
    first_line: int  # file line of the text's first line
    first_col: int = 1  # file column of the text's first character

    def line_of(self, token: Token) -> int:
        return self.first_line + (token.map[0] if token.map else 0)

    def block_position(self, token: Token) -> tuple[int, int]:
        """File line of a block token, and the column where its first line's text starts."""
        index = token.map[0] if token.map else 0
        text = self.source_lines[index] if index < len(self.source_lines) else ""
        col = len(text) - len(text.lstrip()) + 1
        return self.first_line + index, col + (self.first_col - 1 if index == 0 else 0)

    def inline_position(self, block: Token, offset: int) -> tuple[int, int]:
        """File line and column of ``offset`` in the content of an ``inline`` token.

        The content drops container markers and indentation ('> ', list item indent), so
        each content line is found again as the end of its source line.
        """
        starts, shifts = self._line_table(block)
        line_index = bisect_right(starts, offset) - 1
        number = (block.map[0] if block.map else 0) + line_index
        col = shifts[line_index] + (offset - starts[line_index]) + 1
        if number == 0:
            col += self.first_col - 1
        return self.first_line + number, col

    def _line_table(self, block: Token) -> tuple[list[int], list[int]]:
        """Offsets where the block's content lines start, and how far each is shifted
        from its source line; computed once per block, so locating many problems in one
        long paragraph stays linear."""
        table = block.meta.get("digest_lines")
        if table is None:
            first = block.map[0] if block.map else 0
            starts, shifts, start = [], [], 0
            for index, line in enumerate(block.content.split("\n")):
                number = first + index
                text = line.rstrip()
                source = self.source_lines[number].rstrip() if number < len(self.source_lines) else text
                starts.append(start)
                shifts.append(len(source) - len(text) if source.endswith(text) else 0)
                start += len(line) + 1
            table = block.meta["digest_lines"] = (starts, shifts)
        return table


def parse(text: str, first_line: int = 1, first_col: int = 1) -> Parsed:
    return Parsed(text, PARSER.parse(text, {}), text.split("\n"), first_line, first_col)


@dataclass(frozen=True, slots=True)
class Outline:
    """The body split at its top-level level-2 headings."""

    parsed: Parsed
    preamble: Sequence[Token]  # block tokens before the first section
    sections: Sequence[Section]
    stray_headings: Sequence[tuple[Token, str]]  # (heading_open, title) of non-sections


def outline(body: str, first_line: int) -> Outline:
    """Parse the body and split it at its top-level ``<h2>`` headings (ATX or setext)."""
    parsed = parse(body, first_line)
    tokens = parsed.tokens
    preamble: list[Token] = []
    sections: list[Section] = []
    stray: list[tuple[Token, str]] = []
    current: list[Token] = preamble
    heading: Token | None = None
    title = ""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            if token.level == 0 and token.tag == "h2":
                if heading is not None:
                    sections.append(_section(parsed, heading, title, current, tokens[index]))
                heading, title, current = token, tokens[index + 1].content.strip(), []
                index += 3  # heading_open, inline, heading_close
                continue
            stray.append((token, tokens[index + 1].content.strip()))
        current.append(token)
        index += 1
    if heading is not None:
        sections.append(_section(parsed, heading, title, current, None))
    return Outline(parsed, preamble, sections, stray)


def _section(parsed: Parsed, heading: Token, title: str, tokens: list[Token],
             following: Token | None) -> Section:
    line, col = parsed.block_position(heading)
    end = following.map[0] if following is not None and following.map else len(parsed.source_lines)
    return Section(title, section_key(title), line, col, parsed.first_line + end, tokens)


def section_text(parsed: Parsed, section: Section) -> str:
    """The Markdown source of a section's content, as the editor wrote it."""
    lines = parsed.source_lines
    start = section.line - parsed.first_line + 1
    return "\n".join(lines[start:section.end_line - parsed.first_line]).strip("\n")


def inline_offset(token: Token) -> int:
    """Offset of an inline token in its block's content (linkified URLs start at their
    scheme, which markdown-it has already consumed when it makes the token)."""
    pos = token.meta.get("pos", 0)
    if token.type == "link_open" and token.markup == "linkify":
        pos -= len(link_scheme(token.attrs.get("href", "")) or "")
    elif token.type == "link_open" and not token.markup:  # pushed after its '['
        pos -= 1
    return max(pos, 0)


def nesting_too_deep(tokens: Sequence[Token]) -> Token | None:
    """The first list or quote nested deeper than MAX_NESTING, if any."""
    depth = 0
    for token in tokens:
        if token.type in CONTAINERS:
            depth += 1
            if depth > MAX_NESTING:
                return token
        elif token.nesting < 0 and token.type.replace("_close", "_open") in CONTAINERS:
            depth -= 1
    return None


# Inline tokens that are markup in a title (which is shown as written, never parsed):
# HTML, links, images, code and '*' emphasis. Underscores stay text ('__init__').
_TITLE_MARKUP = {"html_inline": "HTML", "link_open": "a link", "image": "an image",
                 "code_inline": "a code span"}


def title_markup(title: str) -> tuple[int, str] | None:
    """(offset, what) of the first real Markdown or HTML in a title, or None."""
    # The inline parser alone: no core rules, so character references stay tokens of
    # their own instead of being joined into the text around them.
    for child in PARSER.inline.parse(title, PARSER, {}, []):
        what = _TITLE_MARKUP.get(child.type)
        if child.markup == "linkify":  # a bare URL is text the editor typed, not markup
            continue
        if child.type in ("strong_open", "em_open") and child.markup.startswith("*"):
            what = "bold text" if child.type == "strong_open" else "italic text"
        elif child.type == "text_special" and child.info == "entity":
            what = f"the character reference '{child.markup}'"
        if what is not None:
            return inline_offset(child), what
    return None
