"""The editions part of the build: ``editions/`` (index), a page, an ``email.html`` and an
``email.txt`` per closed edition, and the editions' RSS and Atom feeds.

Every brief is in one edition, and each edition is rendered a fixed number of times
(page, feed item, email), so the cost grows linearly with the number of briefs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from types import MappingProxyType

from generator.compile.pages import CompiledPage, _View, date_text, root_of, teaser
from generator.editions.email import Newsletter, email_html, email_text
from generator.editions.model import Edition, Editions, group
from generator.editions.notes import EditorNote
from generator.editions.periods import Periods
from generator.entries.render import template
from generator.feeds import atom, rss
from generator.feeds.links import (
    EDITIONS_ATOM_PATH,
    EDITIONS_DIR,
    EDITIONS_RSS_PATH,
    edition_links,
    editions_feed_title,
)
from generator.feeds.model import (
    Feed,
    FeedItem,
    absolutize,
    build_date,
    check_settings,
    parse_source_date_epoch,
    site_base,
    tag_uri,
    xml_safe,
)
from generator.memo import NO_MEMO, Memo
from generator.settings import Settings
from generator.text import html_text

INDEX_URL = EDITIONS_DIR
_SO_FAR = {"day": "Today so far", "week": "This week so far", "month": "This month so far"}


@dataclass(frozen=True, slots=True)
class EditionsOutput:
    pages: tuple[CompiledPage, ...] = ()
    files: Mapping[str, bytes] = field(default_factory=dict)
    feed: Feed | None = None  # for the OPML list
    closed: tuple[Edition, ...] = ()  # newest first


def compile_editions(views: Sequence[_View], notes: Mapping[str, EditorNote], settings: Settings,
                     now: datetime | None, *, source_date_epoch: str | None = None,
                     memo: Memo = NO_MEMO) -> EditionsOutput:
    """The editions of the published ``views`` (newest first) at ``now``; nothing when the
    setting ``editions`` is "off". ``memo`` (``digest serve``): each edition's page, email
    and feed item is made again only when its briefs, note or neighbours changed."""
    if settings.editions == "off":
        return EditionsOutput()
    check_settings(settings)
    periods = Periods.of(settings)
    editions = group(views, periods, notes, now)
    whys = {view.entry.slug: memo.call(("why", view.entry.slug), _why, view) for view in views}
    head_feeds = [{"type": link.type, "title": link.title, "href": link.href}
                  for link in edition_links(settings.site_name)]
    pages = [_index(editions, periods, head_feeds, settings)]
    closed = editions.closed
    base = site_base(settings)
    ledes = {view.entry.slug: memo.call(("absolute-lede", view.entry.slug), _absolute_lede, view, base)
             for edition in closed for view in edition.views}
    for index, edition in enumerate(closed):
        newer = closed[index - 1] if index > 0 else None
        older = closed[index + 1] if index + 1 < len(closed) else None
        pages.append(memo.call(("edition", edition.key), _page, edition, newer, older,
                               _of(edition, whys), head_feeds))
    files = _emails(closed, whys, ledes, settings, memo)
    feed = _feed(closed, whys, ledes, settings, now, source_date_epoch, memo)
    files[EDITIONS_RSS_PATH] = memo.call(("feed", EDITIONS_RSS_PATH), rss.serialize, feed)
    files[EDITIONS_ATOM_PATH] = memo.call(("feed", EDITIONS_ATOM_PATH), atom.serialize, feed)
    return EditionsOutput(tuple(pages), MappingProxyType(files), feed, closed)


def _of(edition: Edition, by_slug: Mapping[str, str]) -> dict[str, str]:
    """The values of ``by_slug`` for the edition's briefs: what one edition's output reads."""
    return {view.entry.slug: by_slug[view.entry.slug] for view in edition.views}


def _why(view: _View) -> str:
    """The "Why it matters" teaser: the first sentence of the section's first paragraph
    (the listings' teaser); only that paragraph is read, whatever the section's length."""
    html = view.rendered.why_it_matters_html
    end = html.find("</p>")
    return teaser(html_text(html[:end] if end > 0 else html))


def _newest(edition: Edition) -> str:
    return max(f"{view.entry.modified:%Y-%m-%d}" for view in edition.views)


def _index(editions: Editions, periods: Periods, feeds: list[dict[str, str]],
           settings: Settings) -> CompiledPage:
    root = root_of(INDEX_URL)
    current = editions.current
    closes = date_text(current.closes) if current else None
    body = template("editions_index.html").render(
        closed=editions.closed, current=current, closes=closes, noun=periods.noun,
        so_far=_SO_FAR[periods.kind], root=root,
        feeds=[{**feed, "href": root + feed["href"]} for feed in feeds])
    digest: dict[str, object] = {"kind": "editions", "feeds": feeds}
    newest = [_newest(e) for e in (current, *editions.closed[:1]) if e is not None]
    if newest:
        digest["updated"] = max(newest)
    description = f"Every {periods.noun}'s briefs on one page, as a feed and as a newsletter."
    return CompiledPage(f"{INDEX_URL}index.md", INDEX_URL, "Editions", description, body,
                        MappingProxyType({"digest": digest, "search": {"exclude": True}}))


def _page(edition: Edition, newer: Edition | None, older: Edition | None,
          whys: Mapping[str, str], feeds: list[dict[str, str]]) -> CompiledPage:
    root = root_of(edition.url)
    body = template("edition.html").render(
        edition=edition, newer=newer, older=older, whys=whys, root=root,
        feeds=[{**feed, "href": root + feed["href"]} for feed in feeds])
    count = len(edition.views)
    description = (html_text(edition.note.intro_html) if edition.note else
                   f"{edition.label}: {count} brief{'' if count == 1 else 's'}.")
    digest = {"kind": "edition", "feeds": feeds, "updated": _newest(edition),
              # <link rel=prev/next>: the neighbouring editions (older is "previous").
              "pager": {"prev": older.url if older else None, "next": newer.url if newer else None}}
    return CompiledPage(f"{edition.url}index.md", edition.url, edition.title, description, body,
                        MappingProxyType({"digest": digest, "search": {"exclude": True}}))


def _absolute_lede(view: _View, base: str) -> str:
    """The lede with its links made absolute against its own brief's address (only ledes
    with a link need the parser)."""
    html = view.rendered.summary_html
    if "href=" in html or "src=" in html:
        html = absolutize(html, base + view.url)
    return xml_safe(html)


def _emails(closed: Sequence[Edition], whys: Mapping[str, str], ledes: Mapping[str, str],
            settings: Settings, memo: Memo = NO_MEMO) -> dict[str, bytes]:
    base = site_base(settings)
    files = {}
    for edition in closed:
        letter = Newsletter(site_name=settings.site_name, language=settings.language, base=base,
                            feed_url=base + EDITIONS_RSS_PATH, ledes=_of(edition, ledes),
                            whys=_of(edition, whys))
        html, text = memo.call(("email", edition.key), _email, edition, letter)
        files[f"{edition.url}email.html"] = html
        files[f"{edition.url}email.txt"] = text
    return files


def _email(edition: Edition, letter: Newsletter) -> tuple[bytes, bytes]:
    return email_html(edition, letter), email_text(edition, letter)


def _feed(closed: Sequence[Edition], whys: Mapping[str, str], ledes: Mapping[str, str],
          settings: Settings, now: datetime | None, source_date_epoch: str | None,
          memo: Memo = NO_MEMO) -> Feed:
    base = site_base(settings)
    items = tuple(memo.call(("edition-item", edition.key), _item, edition, _of(edition, whys),
                            _of(edition, ledes), settings, base)
                  for edition in closed[:settings.feed_size])
    if source_date_epoch is None:  # as the brief feeds: the reproducible-builds timestamp
        source_date_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = parse_source_date_epoch(source_date_epoch)
    site_name = xml_safe(settings.site_name)
    return Feed(
        id=tag_uri(settings, "feeds/editions"),
        title=editions_feed_title(site_name),
        description=f"{site_name}, one item per edition with all its briefs.",
        home_url=base + INDEX_URL,
        language=xml_safe(settings.language),
        author=site_name,
        author_url=base,
        updated=build_date(items, epoch, now, settings),
        rss_url=base + EDITIONS_RSS_PATH,
        atom_url=base + EDITIONS_ATOM_PATH,
        json_url=None,
        items=items,
    )


def _item(edition: Edition, whys: Mapping[str, str], ledes: Mapping[str, str], settings: Settings,
          base: str) -> FeedItem:
    url = base + edition.url
    # Rendered with absolute links throughout (the site's URL as root, the absolute ledes and
    # intro), so the whole edition never goes through the link resolver.
    intro = absolutize(edition.note.intro_html, url) if edition.note else ""
    content = template("_edition.html").module.content(  # type: ignore[attr-defined]
        edition, base, whys, ledes, intro)
    published = edition.closes.astimezone(UTC)
    changed = max(view.entry.modified for view in edition.views).astimezone(UTC).replace(microsecond=0)
    count = len(edition.views)
    summary = (edition.note.intro_html if edition.note else
               escape(f"{count} brief{'' if count == 1 else 's'}: "
                      + "; ".join(view.entry.title for view in edition.views)))
    summary_html = xml_safe(absolutize(summary, url))
    return FeedItem(
        # The period's first day: never changes when briefs are added or withdrawn.
        id=tag_uri(settings, f"editions/{edition.key}"),
        url=url,
        title=xml_safe(f"{edition.label}: {edition.title}" if edition.title != edition.label
                       else edition.label),
        published=published,
        # A brief backdated into a closed edition changes it after it was published.
        updated=changed if changed > published else None,
        categories=(),
        summary_html=summary_html,
        summary_text=html_text(summary_html),
        content_html=xml_safe(str(content)),
    )
