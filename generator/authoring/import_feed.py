"""Drafting entries from a source feed: feed bytes -> items -> draft entry files.

Each new item becomes a ``draft: true`` entry whose summary and sections are TODO
placeholders, so it fails ``digest check`` (E214) until an editor writes it. What came
from the feed (title, date, link, publisher, first sentence) is filled in.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import feedparser
import nh3
import yaml

from generator.authoring.entry_file import SECTION_TODOS, SUMMARY_TODO, entry_path, entry_text
from generator.authoring.import_seed import Brief, find_tags
from generator.entries.model import Tag
from generator.entries.reader import read_text, split
from generator.entries.values import (
    ENTRY_NAME,
    MAX_SLUG,
    MAX_YEAR,
    MIN_YEAR,
    NOT_TEXT,
    is_http_url,
    short_slug,
    slugify,
)
from generator.text import html_text

MAX_QUOTE = 300
MAX_TITLE = 200  # E110's upper bound
MAX_LINK = 2000  # longer links are not sources a reader can follow
# A sentence ends at . ! or ? followed by space and what can start the next sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u024f])")


class SourceFeedError(Exception):
    """The bytes are not a feed feedparser can read. (Not ``generator.feeds.FeedError``:
    that one is about the feeds this site publishes.)"""


@dataclass(frozen=True)
class Item:
    """One feed item, reduced to what a draft needs; text fields are plain text."""

    title: str
    link: str | None
    published: datetime | None  # UTC
    first_sentence: str | None
    text: str  # title and description, for picking vocabulary tags
    date_problem: str | None = None  # a date given but unreadable or out of range


@dataclass(frozen=True)
class SourceFeed:
    """A feed someone else publishes, read to make drafts (``generator.feeds.model.Feed`` is
    one this site publishes)."""

    title: str
    items: tuple[Item, ...]
    problem: str | None = None  # what feedparser tolerated (bozo), worth telling


@dataclass
class Draft:
    """A draft entry ready to write, and what to tell the editor about it."""

    path: Path
    text: str
    item: Item
    notes: list[str] = field(default_factory=list)


def parse_feed(data: bytes, content_type: str | None = None, location: str | None = None) -> SourceFeed:
    """Parse feed bytes with feedparser; raise SourceFeedError when nothing usable came out."""
    headers = {k: v for k, v in (("content-type", content_type),
                                 ("content-location", location)) if v}
    try:
        # A stream, never bytes or str: feedparser would try those as a file name or URL.
        parsed = feedparser.parse(io.BytesIO(_valid_references(data)), response_headers=headers)
    except Exception as error:  # a hostile feed must not end in a traceback
        raise SourceFeedError(f"not a readable feed: {_one_line(str(error)) or type(error).__name__}") from error
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no feed items and no recognizable feed format"
        raise SourceFeedError(f"not a readable feed: {_one_line(str(reason))}")
    title = plain_text(parsed.feed.get("title", ""))
    # A wrong or missing Content-Type or charset is the server's problem, not the feed's.
    benign = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
    problem = _one_line(str(parsed.bozo_exception)) \
        if parsed.bozo and not isinstance(parsed.bozo_exception, benign) else None
    return SourceFeed(title, tuple(_item(entry) for entry in parsed.entries), problem)


# Numeric references to surrogates or beyond U+10FFFF make feedparser's fallback parser
# raise; they become U+FFFD, as an HTML parser would make them.
_NUMERIC_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _valid_reference(match: re.Match[bytes]) -> bytes:
    hexadecimal, decimal = match.groups()
    digits = hexadecimal or decimal
    code = int(digits, 16 if hexadecimal else 10) if len(digits) <= 8 else -1
    return match.group() if 0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"


def _valid_references(data: bytes) -> bytes:
    return _NUMERIC_REFERENCE.sub(_valid_reference, data) if b"&#" in data else data


def _item(entry: Mapping) -> Item:
    title = _shorten(_title_text(entry), MAX_TITLE)
    link = (entry.get("link") or "").strip() or None
    # dict.get: feedparser's own get() maps a missing 'updated' to 'published' with a
    # DeprecationWarning.
    stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    written = dict.get(entry, "published") or dict.get(entry, "updated")
    published, date_problem = None, None
    try:
        published = datetime(*stamp[:6], tzinfo=UTC) if stamp else None
    except (ValueError, OverflowError):
        published = None
    if published is not None and not MIN_YEAR <= published.year <= MAX_YEAR:
        date_problem = f"its date {published.date().isoformat()} is not in years {MIN_YEAR} to {MAX_YEAR}"
        published = None
    elif published is None and written:
        date_problem = f"its date {_shorten(plain_text(str(written)), 40)!r} cannot be read or is out of range"
    description = entry.get("summary") or ""
    if not description and entry.get("content"):
        description = entry["content"][0].get("value", "")
    description = plain_text(description)
    return Item(title, link, published, first_sentence(description),
                f"{title} {description}", date_problem)


_MARKUP_TYPES = {"text/html", "application/xhtml+xml", "html", "xhtml"}


def _title_text(entry: Mapping) -> str:
    """The item's title as text: tags are removed only when the feed says the title is
    HTML; a plain-text title such as 'Use <details> for...' keeps what it says."""
    title = entry.get("title", "")
    detail = entry.get("title_detail") or {}
    if detail.get("type") in _MARKUP_TYPES:
        return plain_text(title)
    return _one_line(_text_only(title))  # feedparser has decoded its entities already


def plain_text(markup: str) -> str:
    """Text of an HTML fragment (or plain text) from a feed on one line, entities decoded:
    nh3 parses the untrusted markup (comments, scripts and styles dropped, block tags kept
    without attributes), then the site's one HTML-to-text helper reads it."""
    cleaned = nh3.clean(markup, tags=_BLOCKS, attributes={}, link_rel=None)
    return _one_line(_text_only(html_text(cleaned)))


_BLOCKS = {"p", "br", "div", "li"}


def _windows_1252(code: int) -> str:
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


# C1 controls in a feed are Windows-1252 bytes read as Latin-1 ("It\x92s"): the character
# meant; every other character that is not text (E003) is dropped.
_C1_AS_1252 = {code: _windows_1252(code) for code in range(0x80, 0xA0)}


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_only(text: str) -> str:
    text = _SURROGATE.sub("\ufffd", text)  # a lone surrogate cannot be written as UTF-8
    if NOT_TEXT.search(text) is None:
        return text
    return NOT_TEXT.sub("", text.translate(_C1_AS_1252))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def first_sentence(text: str) -> str | None:
    """The first sentence of plain text, cut at a word boundary if very long."""
    if not text:
        return None
    return _shorten(_SENTENCE_END.split(text[:MAX_QUOTE * 4], maxsplit=1)[0].strip(), MAX_QUOTE)


def _shorten(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;: ") + "…"


# Query parameters that only say where a reader came from: the same story either way.
_TRACKING = re.compile(r"utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid"
                       r"|_hsenc|_hsmi|igshid|mkt_tok", re.IGNORECASE)


def link_key(url: str) -> str:
    """What makes two source URLs the same: no scheme, case-insensitive host, no
    fragment, no trailing slash, no tracking parameters (feeds and editors disagree on
    these all the time). Never raises: a malformed URL is its own key."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        if parts.port and parts.port not in {80, 443}:
            host += f":{parts.port}"
    except ValueError:  # a port out of range, a broken IPv6 host
        return url.strip().split("#", 1)[0]
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not _TRACKING.fullmatch(pair.split("=", 1)[0]))
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", query, ""))


def known_links(entry_files: Iterable[Path], root: Path) -> set[str]:
    """Source URLs of every entry file, drafts and broken entries included (a draft that
    does not pass the check yet is still a draft of that link)."""
    found: set[str] = set()
    for path in entry_files:
        text, _ = read_text(path, path.name)
        doc = split(text, path.name)[0] if text is not None else None
        if doc is None:
            continue
        for key, value in doc.front.value:
            if getattr(key, "value", None) == "sources" and isinstance(value, yaml.SequenceNode):
                for source in value.value:
                    if isinstance(source, yaml.MappingNode):
                        found.update(link_key(v.value) for k, v in source.value
                                     if getattr(k, "value", None) == "url"
                                     and isinstance(v, yaml.ScalarNode))
    return found


def item_slug(item: Item) -> str:
    """A slug from the title, else from the link, else from a hash of the link."""
    slug = slugify(item.title)
    if not slug and item.link:
        slug = slugify(urlsplit(item.link).path.replace("/", " "))
    if not slug:
        slug = "feed-item-" + hashlib.sha256((item.link or item.title).encode()).hexdigest()[:8]
    return short_slug(slug)


@dataclass(frozen=True)
class Options:
    tags: tuple[str, ...] = ()  # for every item; empty: pick from the vocabulary
    since: date | None = None
    limit: int | None = None


@dataclass
class Plan:
    """What an import would do: drafts to write, and items left out with the reason."""

    drafts: list[Draft] = field(default_factory=list)
    skipped: list[tuple[Item, str]] = field(default_factory=list)
    limited: int = 0  # new items left for a later run by --limit


def plan_drafts(feed: SourceFeed, options: Options, *, entries_dir: Path, known: set[str],
                taken_slugs: set[str], vocabulary: Mapping[str, Tag], tz: tzinfo,
                publisher_fallback: str, today: date, site_url: str | None = None) -> Plan:
    """Decide, without writing anything, which items become which draft files (in time
    linear in the number of items)."""
    plan = Plan()
    seen = set(known)
    slugs = set(taken_slugs)
    counters: dict[str, int] = {}
    own = link_key(site_url) if site_url else None
    for item in feed.items:
        if not item.link or not is_http_url(item.link):
            plan.skipped.append((item, "it has no valid http(s) link"))
            continue
        if len(item.link) > MAX_LINK:
            plan.skipped.append((item, f"its link is longer than {MAX_LINK:,} characters"))
            continue
        key = link_key(item.link)
        if own and (key + "/").startswith(own.rstrip("/") + "/"):
            plan.skipped.append((item, "its link is on this site (site_url): it is one of ours"))
            continue
        if item.date_problem:
            plan.skipped.append((item, item.date_problem))
            continue
        if key in seen:
            why = "its link is already a source of an entry" if key in known \
                else "its link appears earlier in the feed"
            plan.skipped.append((item, why))
            continue
        day = _local_day(item.published, tz)
        if item.published is not None and day is None:
            plan.skipped.append((item, f"its date {item.published.date().isoformat()} is not in "
                                       f"years {MIN_YEAR} to {MAX_YEAR}"))
            continue
        if options.since and day and day < options.since:
            plan.skipped.append((item, f"it is dated {day}, before --since"))
            continue
        if options.limit is not None and len(plan.drafts) >= options.limit:
            plan.limited += 1
            continue
        seen.add(key)
        notes = []
        if day is None:
            day = today
            notes.append(f"the item has no date; used today's date {day}")
        tags = list(options.tags)
        if not tags:
            tags = find_tags(Brief(item.title, item.text, {}, ()), vocabulary)
            notes.append(f"picked tags: {', '.join(tags)}" if tags
                         else "no vocabulary tag found: add one under 'tags'")
        slug = _free_slug(item_slug(item), slugs, counters)
        slugs.add(slug)
        title = item.title or "TODO: a title for this item"
        if len(title) < 10:  # too short for E110: a placeholder to write, like the sections
            notes.append(f"the title has {len(title)} characters; write one of 10 to 200")
            title = f"TODO: a title of 10 to 200 characters (the feed's: {title})"
        source: dict[str, str] = {"publisher": feed.title or publisher_fallback,
                                  "url": item.link}
        if item.title:
            source["title"] = item.title
        if item.first_sentence:
            source["quote"] = item.first_sentence
        front = {"title": title, "date": day.isoformat(), "tags": tags, "draft": True,
                 "summary": SUMMARY_TODO, "sources": [source]}
        path = entry_path(entries_dir, day.isoformat(), slug)
        plan.drafts.append(Draft(path, entry_text(front, SECTION_TODOS), item, notes))
    return plan


def _local_day(published: datetime | None, tz: tzinfo) -> date | None:
    """The item's day in the site's time zone; None without a date an entry can have
    (feeds have been seen dated in year 1 or 9999, where the conversion overflows)."""
    if published is None or not MIN_YEAR <= published.year <= MAX_YEAR:
        return None
    return published.astimezone(tz).date()


def _free_slug(slug: str, taken: set[str], counters: dict[str, int]) -> str:
    """``slug``, or ``slug-N`` with the next free N (remembered per slug, so that many
    items with one title take linear time), short enough for E010."""
    if slug not in taken:
        return slug
    number = counters.get(slug, 2)
    while True:
        suffix = f"-{number}"
        candidate = short_slug(slug, MAX_SLUG - len(suffix)) + suffix
        number += 1
        if candidate not in taken:
            counters[slug] = number
            return candidate


def slugs_of(entry_files: Iterable[Path]) -> set[str]:
    """Slugs taken by existing files, valid or not (a slug must stay unique)."""
    matches = (ENTRY_NAME.fullmatch(path.name) for path in entry_files)
    return {match.group(2) for match in matches if match}
