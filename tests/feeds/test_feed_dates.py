"""Briefs dated by day only: every feed item still has its own instant (no Atom
DuplicateUpdated), it does not move when another brief of that day is added, and the
lede comes first in every item's full content."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.feeds.feed_support import ATOM, CONTENT, build, load_json, make_entry, xml

DAY = datetime(2026, 6, 2, tzinfo=UTC)  # midnight: what a date-only entry is


def _updated(files: dict[str, bytes]) -> dict[str, str]:
    root = xml(files["atom.xml"])
    return {e.findtext(f"{ATOM}id"): e.findtext(f"{ATOM}updated") for e in root.iter(f"{ATOM}entry")}


def test_briefs_of_one_day_get_distinct_stable_instants_within_its_first_hour() -> None:
    entries = [make_entry(f"brief-{n}", date=DAY) for n in range(30)]
    before = _updated(build(entries))
    assert len(set(before.values())) == 30
    assert all(value.startswith("2026-06-02T00:") for value in before.values())
    after = _updated(build([*entries, make_entry("one-more", date=DAY)]))
    assert {key: after[key] for key in before} == before  # nobody else moved
    rss = xml(build(entries)["feed.xml"])
    assert len({item.findtext("pubDate") for item in rss.iter("item")}) == 30


def test_a_brief_with_a_time_keeps_it() -> None:
    moment = DAY + timedelta(hours=9, minutes=30)
    (value,) = _updated(build([make_entry("timed", date=moment)])).values()
    assert value == "2026-06-02T09:30:00Z"


def test_the_lede_comes_first_in_every_content() -> None:
    files = build([make_entry("lede", date=DAY, summary="The **lede** says it all.")])
    rss_content = xml(files["feed.xml"]).find("channel/item").findtext(f"{CONTENT}encoded")
    atom_content = xml(files["atom.xml"]).find(f"{ATOM}entry").findtext(f"{ATOM}content")
    json_content = load_json(files["feed.json"])["items"][0]["content_html"]
    for content in (rss_content, atom_content, json_content):
        assert content.startswith("<p>The <strong>lede</strong> says it all.</p>\n<section"), content
