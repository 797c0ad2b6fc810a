"""Render each entry's Markdown to sanitized HTML, once; every page and feed reuses it.

Two lines of defence: the rules refuse raw HTML and unsafe links, and whatever gets
past them is removed here by nh3 (a maintained sanitizer) before any output sees it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import jinja2
import markdown
import nh3

from generator.markup import link_scheme
from generator.model import Entry

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "del", "em", "h2", "h3", "hr",
    "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "ul",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"},
                      "abbr": {"title"}, "ol": {"start"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def safe_url(url: str) -> str:
    """``url`` when it is an absolute http(s) or mailto URL, else ``#``: source URLs go
    into ``href`` without passing through nh3, so a hostile one must not become a
    ``javascript:`` link even when it got past the validator."""
    return url if link_scheme(url) in ALLOWED_SCHEMES else "#"


_templates.filters["safe_url"] = safe_url


def template(name: str) -> jinja2.Template:
    return _templates.get_template(name)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
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


def _unwrap_paragraph(html: str) -> str:
    html = html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


class Renderer:
    """Markdown -> sanitized HTML with one reusable Markdown instance."""

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        # Joins an entry's four texts into one document: one conversion and one sanitizer
        # pass per entry instead of four. Random, so entry text cannot contain it.
        self._separator = f"digest-part-{secrets.token_hex(16)}"

    def html(self, text: str) -> str:
        self._markdown.reset()
        return sanitize(self._markdown.convert(text))

    def inline_html(self, text: str) -> str:
        return _unwrap_paragraph(self.html(text))

    def render(self, entry: Entry) -> RenderedEntry:
        texts = (entry.summary, entry.whats_new, entry.context, entry.why_it_matters)
        parts = self.html(f"\n\n{self._separator}\n\n".join(texts)).split(
            f"<p>{self._separator}</p>")
        if len(parts) != len(texts):  # e.g. an unclosed code fence swallowed a separator
            parts = [self.html(text) for text in texts]
        summary, whats_new, context, why = (part.strip("\n") for part in parts)
        return RenderedEntry(entry=entry, summary_html=_unwrap_paragraph(summary),
                             whats_new_html=whats_new, context_html=context,
                             why_it_matters_html=why)

    def render_all(self, entries: Iterable[Entry]) -> dict[str, RenderedEntry]:
        """Rendered entries keyed by slug."""
        return {entry.slug: self.render(entry) for entry in entries}
