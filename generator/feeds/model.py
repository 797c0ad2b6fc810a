"""The one feed model every format serializes: built once from rendered entries + settings.

Everything format-independent is decided here (which entries, absolute URLs, ids, dates,
XML-safe text), so RSS, Atom and JSON Feed can only differ in syntax.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import format_datetime
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin

from generator import clock
from generator.entries.model import Entry, Tag
from generator.entries.render import RenderedEntry
from generator.feeds import links
from generator.settings import Settings, tag_date
from generator.text import html_text

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
GENERATOR = "news-digest"

# Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets), lone surrogates
# included: a single one makes a feed unparseable, so they never reach any format.
_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Attributes of the sanitizer's allowed tags (generator.entries.render) that hold URLs.
_URL_ATTRIBUTES = frozenset({"href", "src"})


class FeedError(ValueError):
    """The settings cannot produce correct feeds; the site build reports it as a failure."""


@dataclass(frozen=True, slots=True)
class Category:
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class FeedAuthor:
    name: str  # plain text
    url: str | None


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry as every feed format sees it. Dates are UTC, whole seconds."""

    id: str  # tag: URI from the entry's identity only
    url: str  # absolute permalink
    title: str  # plain text
    published: datetime
    updated: datetime | None  # only when the entry sets ``updated`` or has corrections
    categories: tuple[Category, ...]
    summary_html: str  # the lede, links made absolute
    summary_text: str  # the lede without markup, for JSON Feed's plain-text ``summary``
    content_html: str  # the page's sanitized body, links made absolute
    authors: tuple[FeedAuthor, ...] = ()
    image: str | None = None  # absolute URL of the entry's image

    @property
    def modified(self) -> datetime:
        return self.updated or self.published


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed (the site's, or one tag's) in every format it is published in."""

    id: str
    title: str
    description: str
    home_url: str  # the HTML page the feed mirrors
    language: str
    author: str
    author_url: str
    updated: datetime  # deterministic: SOURCE_DATE_EPOCH, else the newest item's modified time
    rss_url: str
    atom_url: str
    json_url: str | None  # tag feeds have no JSON Feed
    items: tuple[FeedItem, ...]
    icon: str | None = None  # absolute URL of the site's square logo


def xml_safe(text: str) -> str:
    """Text every format can carry: XML-invalid characters dropped and newlines as
    ``\\n``, since XML parsers turn ``\\r\\n`` into ``\\n`` and content must round-trip."""
    return _XML_INVALID.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def site_base(settings: Settings) -> str:
    """``site_url`` with a trailing slash (:func:`check_settings` requires it)."""
    url = settings.site_url.strip()
    return url if url.endswith("/") else url + "/"


def tag_uri(settings: Settings, specific: str) -> str:
    """``tag:AUTHORITY,DATE:SPECIFIC`` (RFC 4151): independent of scheme, host and content."""
    return f"tag:{settings.id_authority},{tag_date(settings.id_date)}:{specific}"


def check_settings(settings: Settings) -> None:
    """Fail before any work, and even for a site without entries, on settings feeds cannot
    use: the one validation of :class:`Settings`, for callers that built their own."""
    settings.require(site=True, error=FeedError)


def entry_id(settings: Settings, entry: Entry) -> str:
    return tag_uri(settings, entry.identity)


def feed_id(settings: Settings, tag_slug: str | None) -> str:
    # A '/' never occurs in an entry identity (a slug), so feed ids never equal an item id.
    return tag_uri(settings, "feeds/site" if tag_slug is None else f"feeds/tags/{tag_slug}")


def parse_source_date_epoch(value: str | None) -> datetime | None:
    """The reproducible-builds timestamp; an invalid one is a :class:`FeedError`."""
    try:
        return clock.parse_source_date_epoch(value)
    except clock.ClockError as error:
        raise FeedError(str(error)) from error


def _utc(moment: datetime, tz: tzinfo) -> datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=tz)
    return aware.astimezone(UTC).replace(microsecond=0)


# A brief dated by day only is stamped at local midnight, so every brief of a day would
# share one instant, and feed readers (and the W3C validator, as DuplicateUpdated) cannot
# order them. In feeds such a brief gets a second within the first hour of its day that
# comes from its identity: distinct for briefs of one day, and unchanged when others are
# added. The site keeps showing the day alone.
_DAY_SPREAD = 3600


def _stamp(moment: datetime, tz: tzinfo, identity: str) -> datetime:
    stamped = _utc(moment, tz)
    local = moment if moment.tzinfo else moment.replace(tzinfo=tz)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        digest = hashlib.sha256(identity.encode("utf-8")).digest()
        stamped += timedelta(seconds=int.from_bytes(digest[:8], "big") % _DAY_SPREAD)
    return stamped


def _distinct(items: Sequence[FeedItem]) -> tuple[FeedItem, ...]:
    """Items whose modified times are all different: the rare two that the identity
    spread still puts at one second move apart by a second, in the order of their ids."""
    taken: set[datetime] = set()
    moved: dict[str, FeedItem] = {}
    for item in sorted(items, key=lambda i: (i.modified, i.id)):
        shift = timedelta(0)
        while item.modified + shift in taken:
            shift += timedelta(seconds=1)
        taken.add(item.modified + shift)
        if shift:
            moved[item.id] = replace(item, published=item.published + shift,
                                     updated=item.updated + shift if item.updated else None)
    return tuple(moved.get(item.id, item) for item in items)


class _Absolutizer(HTMLParser):
    """Re-emits HTML as parsed, with relative ``href``/``src`` resolved against a base.

    Tags without relative URLs are copied verbatim, so content stays the page's HTML. (nh3's
    ``attribute_filter`` would do the resolving, but nh3 re-serializes the whole fragment:
    the template's ``&#39;`` becomes ``'``, so every feed item with a quote would change.)
    """

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=False)
        self.base = base
        self.out: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closing: str) -> None:
        raw = self.get_starttag_text() or ""
        resolved = [(k, urljoin(self.base, v) if k in _URL_ATTRIBUTES and v is not None else v)
                    for k, v in attrs]
        if resolved == attrs:
            self.out.append(raw)
            return
        text = "".join(f" {k}" if v is None else f' {k}="{escape(v, quote=True)}"'
                       for k, v in resolved)
        self.out.append(f"<{tag}{text}{closing}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, " /")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")


def absolutize(html: str, base: str) -> str:
    """``html`` with relative links and image sources resolved against ``base``."""
    parser = _Absolutizer(base)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def feed_item(rendered: RenderedEntry, tags: Mapping[str, Tag], settings: Settings) -> FeedItem:
    entry = rendered.entry
    url = site_base(settings) + entry.url
    summary_html = xml_safe(absolutize(rendered.summary_html, url))
    identity = entry_id(settings, entry)
    published = _stamp(entry.date, settings.tz, identity)
    revised = entry.revised
    image = entry.image
    return FeedItem(
        id=identity,
        url=url,
        title=xml_safe(entry.title),
        published=published,
        # The newest of 'updated' and the corrections; never before publication.
        updated=max(published, _stamp(revised, settings.tz, identity + "#updated"))
        if revised else None,
        categories=tuple(Category(slug, xml_safe(_tag(tags, slug).name)) for slug in entry.tags),
        summary_html=summary_html,
        summary_text=html_text(summary_html),
        # The lede first: readers that show the full content never show the summary. Then
        # the updates and corrections, so subscribers see what changed, and the image.
        content_html=xml_safe(absolutize(f"<p>{rendered.summary_html}</p>\n{rendered.notes_html}"
                                         f"{rendered.figure_html}{rendered.body_html}", url)),
        authors=tuple(FeedAuthor(xml_safe(author.name), author.url) for author in entry.authors),
        image=urljoin(url, image.name or image.src) if image is not None else None,
    )


def _tag(tags: Mapping[str, Tag], slug: str) -> Tag:
    # The rules guarantee every tag is in the vocabulary; fall back to the slug regardless.
    return tags.get(slug) or Tag(slug, slug, "")


def select(entries: Sequence[RenderedEntry], now: datetime | None = None) -> list[RenderedEntry]:
    """Published entries newest first, the same order as ``Corpus.published``.

    Callers pass published entries already; drafts and (given ``now``) future entries are
    dropped again so a caller's slip cannot leak them to subscribers, who cannot unsee them.
    """
    visible = [r for r in entries if not r.entry.draft and (now is None or r.entry.date <= now)]
    seen: dict[str, str] = {}
    for rendered in visible:
        other = seen.setdefault(rendered.entry.identity, rendered.entry.path)
        if other != rendered.entry.path:
            raise FeedError(f"{rendered.entry.path} and {other} share the identity "
                            f"'{rendered.entry.identity}': their feed items would be one")
    return sorted(visible, key=lambda r: (r.entry.date, r.entry.slug), reverse=True)


def in_some_feed(entries: Sequence[RenderedEntry], feed_size: int) -> list[RenderedEntry]:
    """The entries (newest first) among the newest ``feed_size`` of the site or of one of their
    tags: only these become items, so a large archive costs nothing per build."""
    per_tag: dict[str, int] = {}
    kept = []
    for index, rendered in enumerate(entries):
        tags = rendered.entry.tags
        if index < feed_size or any(per_tag.get(slug, 0) < feed_size for slug in tags):
            kept.append(rendered)
        for slug in tags:
            per_tag[slug] = per_tag.get(slug, 0) + 1
    return kept


def build_date(items: Sequence[FeedItem], source_date_epoch: datetime | None,
               now: datetime | None, settings: Settings) -> datetime:
    """When the feed last changed: SOURCE_DATE_EPOCH when set, else the newest modification
    among its items, else ``now``, else the Unix epoch; never the wall clock, so rebuilding
    unchanged entries gives identical bytes."""
    if source_date_epoch is not None:
        return source_date_epoch
    if items:
        return max(item.modified for item in items)
    return _utc(now, settings.tz) if now is not None else EPOCH


def build_feed(items: Sequence[FeedItem], settings: Settings, *, tag: Tag | None = None,
               source_date_epoch: datetime | None = None, now: datetime | None = None) -> Feed:
    """The site's feed, or with ``tag`` that tag's feed, from all items newest first."""
    check_settings(settings)
    base = site_base(settings)
    chosen = tuple(item for item in items
                   if tag is None or any(c.slug == tag.slug for c in item.categories))
    chosen = _distinct(chosen[: settings.feed_size])
    site_name = xml_safe(settings.site_name)
    if tag is None:
        title = links.site_feed_title(site_name)
        description = xml_safe(settings.site_description) or site_name
        home, rss, atom, json_path = "", links.RSS_PATH, links.ATOM_PATH, links.JSON_PATH
    else:
        name = xml_safe(tag.name)
        title = links.tag_feed_title(site_name, name)
        description = xml_safe(tag.description) or f"{site_name}: entries tagged {name}"
        home, rss, atom, json_path = (links.tag_dir(tag.slug), links.tag_rss_path(tag.slug),
                                      links.tag_atom_path(tag.slug), None)
    return Feed(
        id=feed_id(settings, tag.slug if tag else None),
        title=title,
        description=description,
        home_url=base + home,
        language=xml_safe(settings.language),
        author=site_name,
        author_url=base,
        updated=build_date(chosen, source_date_epoch, now, settings),
        rss_url=base + rss,
        atom_url=base + atom,
        json_url=base + json_path if json_path else None,
        items=chosen,
        icon=settings.logo_url,
    )


def rfc822(moment: datetime) -> str:
    """RSS dates (RFC 822 with four-digit years, as RSS 2.0 asks), in GMT."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def rfc3339(moment: datetime) -> str:
    """Atom and JSON Feed dates, in UTC with a ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
