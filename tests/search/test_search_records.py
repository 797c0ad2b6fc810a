"""What goes into the search index: typed records from the compiled model (never the pages'
HTML read back), in the site's own order, plus the tag pages and the hand-written pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from generator.compile import compile_site
from generator.entries.model import Corpus
from generator.search import SearchRecord, handwritten_records, ordered
from tests.feeds.feed_support import SETTINGS, TAGS, make_entry

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_records_come_from_the_model_in_the_sites_order_across_utc_offsets() -> None:
    # east is 01:00 at +05:00 (20:00 UTC the day before), west 22:00 UTC the same day before:
    # west is the newer; the local clock times (and the ISO strings) say the opposite.
    east = make_entry("east", date=datetime(2026, 6, 2, 1, 0, tzinfo=timezone(timedelta(hours=5))))
    west = make_entry("west", date=datetime(2026, 6, 1, 22, 0, tzinfo=UTC))
    assert east.date.isoformat() > west.date.isoformat() and west.date > east.date
    site = compile_site(Corpus((east, west), TAGS), SETTINGS)
    entries = [record for record in site.search if record.kind == "entry"]
    assert [record.url for record in entries] == [west.url, east.url]
    assert [record.url for record in ordered(reversed(site.search))][:2] == [west.url, east.url]
    record = entries[0]
    assert record.title == west.title and record.published == west.date
    assert record.date == "1 June 2026"
    assert record.tags == tuple(TAGS[slug].name for slug in west.tags)
    assert record.lede and record.body and all("<" not in text for text in record.body)


def test_tag_pages_are_records_of_their_own_kind() -> None:
    site = compile_site(Corpus((make_entry("alpha", tags=("ai",)),), TAGS), SETTINGS)
    tags = {record.url: record for record in site.search if record.kind == "tag"}
    assert set(tags) == {f"tags/{slug}/" for slug in TAGS}
    assert tags["tags/ai/"].title == TAGS["ai"].name and tags["tags/ai/"].lede == TAGS["ai"].description


def test_the_hand_written_pages_are_read_from_their_markdown() -> None:
    pages = {record.url: record for record in handwritten_records(DOCS)}
    assert set(pages) == {"about/", "contributing/"}
    about = pages["about/"]
    assert about.kind == "page" and about.title == "About" and about.lede.startswith("What this news digest")
    assert any("short, sourced briefs" in text for text in about.body)
    assert not any("](" in text or "\n" in text for text in about.body)  # text, not Markdown


def test_order_puts_entries_newest_first_then_tags_then_pages() -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    records = [SearchRecord("page", "about/", "About", "", ""), SearchRecord("tag", "tags/ai/", "AI", "", ""),
               SearchRecord("entry", "2026/01/01/a/", "A", "", "", published=when),
               SearchRecord("entry", "2026/01/02/b/", "B", "", "", published=when + timedelta(days=1))]
    assert [r.url for r in ordered(records)] == ["2026/01/02/b/", "2026/01/01/a/", "tags/ai/", "about/"]
