"""Render each entry's parsed Markdown to sanitized HTML, once; every page and feed reuses it.

The HTML comes from the very tokens the validation rules read (``generator.entries.markup``):
the loader renders them while it builds the model, so what ``digest check`` accepted
is what the page shows. Two lines of defence: the rules refuse raw HTML and unsafe
links, the renderer prints raw HTML as text and drops unsafe link targets, and nh3 (a
maintained sanitizer) cleans the result before any output sees it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import nh3
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from generator.entries.markup import (
    ALLOWED_SCHEMES,
    PARSER,
    SECTION_KEYS,
    Outline,
    Parsed,
    link_scheme,
    parse,
    refused_scheme,
)
from generator.entries.model import Correction, Entry, EntryHTML
from generator.text import long_date

if TYPE_CHECKING:
    import jinja2

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "del", "em", "h2", "h3", "hr",
    "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "ul",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"},
                      "abbr": {"title"}, "ol": {"start"}}


@functools.cache
def _templates() -> jinja2.Environment:
    import jinja2  # only the page stages need templates; `digest check` never does

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["safe_url"] = safe_url
    environment.filters["domain"] = domain
    environment.filters["long_date"] = long_date
    return environment


def domain(url: str) -> str:
    """The host a source lives on, as readers know it (``www.`` dropped), or ``""`` for a
    URL that ``safe_url`` refuses or that has no host."""
    if safe_url(url) != url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def safe_url(url: str) -> str:
    """``url`` when it is an absolute http(s) or mailto URL, else ``#``: source URLs go
    into ``href`` without passing through nh3, so a hostile one must not become a
    ``javascript:`` link even when it got past the validator."""
    return url if link_scheme(url) in ALLOWED_SCHEMES else "#"


def template(name: str) -> jinja2.Template:
    return _templates().get_template(name)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class _SafeRenderer(RendererHTML):
    """markdown-it's HTML renderer that prints raw HTML as text and drops link and image
    targets whose scheme is not allowed (the rules refuse both; this is for entries
    that never went through them)."""

    def html_block(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        return f"<p>{escapeHtml(tokens[idx].content)}</p>\n"

    def html_inline(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        return escapeHtml(tokens[idx].content)

    def link_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        _drop_unsafe(tokens[idx], "href")
        return self.renderToken(tokens, idx, options, env)

    def image(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        _drop_unsafe(tokens[idx], "src")
        return super().image(tokens, idx, options, env)


def _drop_unsafe(token: Token, attribute: str) -> None:
    if refused_scheme(str(token.attrs.get(attribute, ""))):
        token.attrs[attribute] = "#"


_RENDERER = _SafeRenderer(PARSER)


def tokens_html(tokens: Sequence[Token]) -> str:
    """Sanitized HTML of block tokens."""
    return sanitize(_RENDERER.render(tokens, PARSER.options, {})).strip("\n")


def inline_html(parsed: Parsed) -> str:
    """Sanitized inline HTML of a one-paragraph text (the lede), without the <p>."""
    blocks = [t for t in parsed.tokens if t.type == "inline"]
    if len(blocks) != 1:
        html = tokens_html(parsed.tokens)
        return html.removeprefix("<p>").removesuffix("</p>") if html.count("<p>") == 1 else html
    return sanitize(_RENDERER.renderInline(blocks[0].children or [], PARSER.options, {}))


def entry_html(body: Outline, summary: Parsed) -> EntryHTML:
    """The HTML of an entry's lede and three sections, from their parsed tokens."""
    sections = {section.key: section for section in body.sections}
    return EntryHTML(
        summary=inline_html(summary),
        whats_new=tokens_html(sections[SECTION_KEYS[0]].tokens),
        context=tokens_html(sections[SECTION_KEYS[1]].tokens),
        why_it_matters=tokens_html(sections[SECTION_KEYS[2]].tokens),
    )


@dataclass(frozen=True)
class RenderedEntry:
    """An entry with its HTML. All HTML here is sanitized."""

    entry: Entry
    summary_html: str  # inline HTML of the lede (no enclosing <p>)
    whats_new_html: str
    context_html: str
    why_it_matters_html: str

    @property
    def body_html(self) -> str:
        """The article body shared by the entry page and feed items: the three
        sections and the sources. Not cached: each caller uses it once, and caching kept
        a third copy of every entry's HTML alive through the build (10,000 entries)."""
        return template("entry_body.html").render(rendered=self, entry=self.entry)

    @property
    def notes_html(self) -> str:
        """The "Updates and corrections" box (empty when there is nothing to say): at the
        top of the entry page, and after the lede in feed items."""
        found = notes(self.entry)
        # Most entries have none: no template to render for them (10,000 entries).
        return template("entry_notes.html").render(notes=found) if found else ""

    @property
    def figure_html(self) -> str:
        """The entry's image as a figure with its alt text and credit (empty without one);
        ``src`` is relative to the entry page, as feeds resolve it."""
        image = self.entry.image
        return template("entry_figure.html").render(image=image) if image is not None else ""


def notes(entry: Entry) -> list[Correction]:
    """The entry's corrections and its ``updated`` date (a note without text), newest
    first; corrections of one date keep the order they were written in."""
    found = list(entry.corrections)
    if entry.updated is not None:
        found.append(Correction(entry.updated, ""))
    return sorted(found, key=lambda note: note.date, reverse=True)


class Renderer:
    """Entries -> RenderedEntry, reusing the HTML the loader rendered from the checked
    tokens; entries made in code (tests, tools) are parsed here by the same parser."""

    def render(self, entry: Entry) -> RenderedEntry:
        html = entry.html or self._parse_and_render(entry)
        return RenderedEntry(entry=entry, summary_html=html.summary,
                             whats_new_html=html.whats_new, context_html=html.context,
                             why_it_matters_html=html.why_it_matters)

    @staticmethod
    def _parse_and_render(entry: Entry) -> EntryHTML:
        return EntryHTML(summary=inline_html(parse(entry.summary)),
                         whats_new=tokens_html(parse(entry.whats_new).tokens),
                         context=tokens_html(parse(entry.context).tokens),
                         why_it_matters=tokens_html(parse(entry.why_it_matters).tokens))

    def render_all(self, entries: Iterable[Entry]) -> dict[str, RenderedEntry]:
        """Rendered entries keyed by slug."""
        return {entry.slug: self.render(entry) for entry in entries}
