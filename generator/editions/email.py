"""The newsletter of a closed edition: ``email.html`` (for mail clients), ``email.txt`` (its
plain-text alternative) and a MIME message of both (``digest edition``). Nothing is sent.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

import css_inline

from generator.editions.model import Edition
from generator.entries.render import template
from generator.feeds.model import absolutize
from generator.text import html_text

# Gmail clips a message's HTML beyond 102 KB ("[Message clipped]"): an edition too long
# for it shows its first briefs in full and the rest as headlines.
MAX_EMAIL_BYTES = 102 * 1024 - 2048  # a margin for what a newsletter service adds
PREHEADER_CHARS = 140
TEXT_WIDTH = 72

# Remote stylesheets are never fetched: the template has none, and a build stays offline.
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


@dataclass(frozen=True, slots=True)
class Newsletter:
    """What the email of an edition needs besides the edition."""

    site_name: str
    language: str
    base: str  # the site's absolute URL, ending in '/'
    feed_url: str
    ledes: Mapping[str, str]  # slug -> lede HTML with absolute links
    whys: Mapping[str, str]  # slug -> "Why it matters" teaser (plain text)

    def web_url(self, edition: Edition) -> str:
        return self.base + edition.url


def subject(edition: Edition, site_name: str) -> str:
    if edition.note and edition.note.title:
        return f"{edition.note.title} ({edition.label})"
    return f"{site_name}: {edition.label}"


def preheader(edition: Edition) -> str:
    """The line inboxes show after the subject: the intro, or the first headlines."""
    if edition.note:
        text = html_text(edition.note.intro_html)
    else:
        text = " · ".join(view.entry.title for view in edition.views)
    return text if len(text) <= PREHEADER_CHARS else text[:PREHEADER_CHARS - 1].rstrip() + "\u2026"


def email_html(edition: Edition, letter: Newsletter) -> bytes:
    """The inlined HTML email; an edition over :data:`MAX_EMAIL_BYTES` keeps its ledes for
    fewer briefs until it fits (halving: a few renders at most)."""
    order = [view.entry.slug for view in _reading_order(edition)]
    keep = len(order)
    while True:
        html = _render(edition, letter, frozenset(order[:keep]), len(order) - keep)
        if len(html) <= MAX_EMAIL_BYTES or keep == 0:
            return html
        keep //= 2


def _reading_order(edition: Edition) -> list:
    top = edition.top
    return ([top] if top else []) + [view for _, views in edition.days() for view in views]


def _render(edition: Edition, letter: Newsletter, full: frozenset[str], shortened: int) -> bytes:
    html = template("email.html").render(
        edition=edition, top=edition.top, days=edition.days(), full=full, shortened=shortened,
        site_name=letter.site_name, language=letter.language, base=letter.base,
        subject=subject(edition, letter.site_name), preheader=preheader(edition),
        ledes=letter.ledes, whys=letter.whys, web_url=letter.web_url(edition), intro=_intro(edition, letter),
        index_url=letter.base + "editions/", feed_url=letter.feed_url)
    return _INLINER.inline(html).encode("utf-8")


def _intro(edition: Edition, letter: Newsletter) -> str:
    """The note's intro with its links made absolute (relative to the edition's page)."""
    return absolutize(edition.note.intro_html, letter.web_url(edition)) if edition.note else ""


def email_text(edition: Edition, letter: Newsletter) -> bytes:
    """The plain-text alternative: headings underlined, paragraphs wrapped, links in full."""
    lines = [f"{letter.site_name} · {edition.label}", "", edition.title, "=" * len(edition.title), ""]
    if edition.note:
        lines += [*_wrap(html_text(edition.note.intro_html)), ""]
    top = edition.top
    if top:
        lines += _heading("Top story") + _brief_text(top, letter)
    for day, views in edition.days():
        lines += _heading(day)
        for view in views:
            lines += _brief_text(view, letter)
    lines += ["-- ", f"Read this edition on the web: {letter.web_url(edition)}",
              f"All editions: {letter.base}editions/", f"Feed: {letter.feed_url}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _heading(text: str) -> list[str]:
    return [text, "-" * len(text), ""]


def _wrap(text: str, indent: str = "") -> list[str]:
    """Greedy word wrap at :data:`TEXT_WIDTH` (a word longer than a line, a URL, stays
    whole), as textwrap does, in one regular-expression pass: it runs for every brief."""
    if not _ONE_SPACED.fullmatch(text):  # html_text and titles are already
        text = " ".join(text.split())
    return [indent + line for line in _line_pattern(TEXT_WIDTH - len(indent)).findall(text)] or [indent]


_ONE_SPACED = re.compile(r"(?:\S+(?: \S+)*)?")


@functools.cache
def _line_pattern(width: int) -> re.Pattern[str]:
    # The longest run of at most ``width`` characters that ends before a space or the end
    # (backtracking at most one line's length), else one overlong word.
    return re.compile(rf"\S.{{0,{width - 2}}}\S(?= |$)|\S+")


def _brief_text(view, letter: Newsletter) -> list[str]:
    lines = _wrap(view.entry.title, "* ")
    lines[1:] = ["  " + line[2:] for line in lines[1:]]
    lines += _wrap(view.lede, "  ")  # the lede's text, as the listings show it
    why = letter.whys[view.entry.slug]
    if why:
        lines += _wrap(f"Why it matters: {why}", "  ")
    return [*lines, f"  {letter.base}{view.url}", ""]


def message(edition: Edition, html: bytes, text: bytes, site_name: str, host: str,
            sender: str | None = None) -> bytes:
    """A standard MIME message (multipart/alternative: text, then HTML; UTF-8), ready for a
    newsletter tool or mail client to import. Every header derives from the edition, so
    the same edition gives the same bytes."""
    mail = EmailMessage()
    mail["Subject"] = subject(edition, site_name)
    if sender:
        mail["From"] = sender
    mail["Date"] = format_datetime(edition.closes)
    mail["Message-ID"] = f"<edition-{edition.key}@{host}>"
    mail.set_content(text.decode("utf-8"), subtype="plain", charset="utf-8", cte="quoted-printable")
    mail.add_alternative(html.decode("utf-8"), subtype="html", charset="utf-8", cte="quoted-printable")
    # The default boundary is random; one from the content keeps the output reproducible.
    digest = hashlib.sha256(html + text).hexdigest()[:32]
    mail.set_boundary(f"=_edition-{edition.key}-{digest}")
    return mail.as_bytes(policy=SMTP)
