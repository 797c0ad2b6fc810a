"""Building entries for feed tests, parsing feeds, and expectations derived from entries."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import feedparser

from generator.entries.model import Entry, Source, Tag
from generator.entries.render import RenderedEntry, Renderer
from generator.feeds import feed_files
from generator.settings import Settings

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"

SETTINGS = Settings(
    site_name="Test Digest",
    site_url="https://news.example.org/",
    site_description="Short briefs for tests.",
    language="en",
    id_authority="news.example.org",
    id_date="2026-01",
)

TAGS = {
    "ai": Tag("ai", "AI", "Artificial intelligence."),
    "cloud": Tag("cloud", "Cloud", "Cloud platforms."),
    "healthcare": Tag("healthcare", "Healthcare", "Hospitals and health data."),
    "r-and-d": Tag("r-and-d", "R&D <labs>", "Research & development."),
}

BASE_DATE = datetime(2026, 6, 2, 9, 30, tzinfo=UTC)


def make_entry(slug: str, *, days: int = 0, **fields: Any) -> Entry:
    """A valid-looking entry dated ``days`` after BASE_DATE; ``fields`` override anything."""
    values: dict[str, Any] = {
        "path": f"entries/2026/{slug}.md",
        "slug": slug,
        "title": f"Entry {slug}",
        "date": BASE_DATE + timedelta(days=days),
        "tags": ("ai",),
        "summary": f"What happened in {slug}.",
        "sources": (Source("Example News", f"https://news.example.com/{slug}/", "Story",
                           "A quote."),),
        "whats_new": f"- {slug} happened.",
        "context": "Some *context*.",
        "why_it_matters": "It **matters**.",
    }
    values.update(fields)
    return Entry(**values)


def corpus_entries() -> list[Entry]:
    """Five entries with mixed tags and an update, in no particular order."""
    return [
        make_entry("alpha", days=0, tags=("ai", "healthcare")),
        make_entry("bravo", days=3, tags=("cloud",), updated=BASE_DATE + timedelta(days=9)),
        make_entry("charlie", days=1, tags=("ai", "r-and-d")),
        make_entry("delta", days=5, tags=("healthcare", "cloud", "ai")),
        make_entry("echo", days=2, tags=("r-and-d",), id="echo-stable"),
    ]


def render(entries: Iterable[Entry]) -> list[RenderedEntry]:
    """Rendered entries newest first, as the site build passes them."""
    renderer = Renderer()
    ordered = sorted(entries, key=lambda e: (e.date, e.slug), reverse=True)
    return [renderer.render(e) for e in ordered]


def build(entries: Iterable[Entry], settings: Settings = SETTINGS, **kwargs: Any) -> dict[str, bytes]:
    return feed_files(render(entries), TAGS, settings, **kwargs)


def parse(data: bytes) -> feedparser.FeedParserDict:
    """feedparser's reading, without its sanitizing and URI rewriting so content is exact."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def xml(data: bytes) -> ET.Element:
    """Strict (expat) parse: proves well-formedness."""
    return ET.fromstring(data)


def load_json(data: bytes) -> dict[str, Any]:
    return json.loads(data.decode("utf-8"))


# Expectations, derived from the entries alone.

def permalink(entry: Entry, settings: Settings = SETTINGS) -> str:
    return settings.site_url + entry.url


def expected_id(entry: Entry, settings: Settings = SETTINGS) -> str:
    return f"tag:{settings.id_authority},{settings.id_date}:{entry.id or entry.slug}"


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.date, reverse=True)


def utc_tuple(moment: datetime) -> tuple[int, ...]:
    return tuple(moment.astimezone(UTC).timetuple())[:6]


def with_tag(entries: Iterable[Entry], slug: str) -> list[Entry]:
    return [e for e in entries if slug in e.tags]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v or "" for k, v in attrs if k in {"href", "src"}]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def urls_and_text(html: str) -> tuple[list[str], str]:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.urls, "".join(parser.text)


def item_content(rendered) -> str:
    """What a feed item's full content is: the lede first, then the updates and
    corrections and the image (as the page shows them), then the page's body."""
    return f"<p>{rendered.summary_html}</p>\n{rendered.notes_html}{rendered.figure_html}{rendered.body_html}"


def assert_same_html_with_absolute_links(content: str, page_html: str, base: str) -> None:
    """``content`` is the page's HTML, except each link is resolved against ``base``."""
    content_urls, content_text = urls_and_text(content)
    page_urls, page_text = urls_and_text(page_html)
    assert content_text == page_text
    assert content_urls == [urljoin(base, u) for u in page_urls]
    if page_urls == content_urls:
        assert content == page_html


def edited(entry: Entry, **changes: Any) -> Entry:
    return replace(entry, **changes)
