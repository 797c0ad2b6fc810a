"""Period boundaries: week start, time zones, a brief on the boundary, backdated and
withdrawn briefs, and edition URLs and ids that none of these changes move."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from generator.editions.periods import Periods
from tests.editions.edition_support import PARIS, UTC, at, build, edition_keys, page, week_corpus


def periods(kind: str = "week", tz=UTC, week_start: int = 0) -> Periods:
    return Periods(kind, tz, week_start)


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2026, 11, 23, 0, 0, tzinfo=UTC), date(2026, 11, 23)),  # Monday midnight: opens it
    (datetime(2026, 11, 22, 23, 59, 59, tzinfo=UTC), date(2026, 11, 16)),  # a second before
    (datetime(2026, 11, 29, 23, 59, 59, tzinfo=UTC), date(2026, 11, 23)),  # its last second
    (datetime(2026, 11, 30, 0, 0, tzinfo=UTC), date(2026, 11, 30)),
])
def test_a_week_is_monday_midnight_to_the_next(moment: datetime, expected: date) -> None:
    assert periods().start_of(moment) == expected


def test_week_start_comes_from_the_settings() -> None:
    sunday = periods(week_start=6)
    assert sunday.start_of(datetime(2026, 11, 24, 12, tzinfo=UTC)) == date(2026, 11, 22)
    assert sunday.start_of(datetime(2026, 11, 22, 0, tzinfo=UTC)) == date(2026, 11, 22)
    assert sunday.start_of(datetime(2026, 11, 21, 23, 59, tzinfo=UTC)) == date(2026, 11, 15)
    assert sunday.is_start(date(2026, 11, 22)) and not sunday.is_start(date(2026, 11, 23))


def test_the_site_time_zone_decides_the_day() -> None:
    # 23:30 UTC on Sunday is already Monday 00:30 in Paris.
    moment = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert periods().start_of(moment) == date(2026, 11, 16)
    assert periods(tz=PARIS).start_of(moment) == date(2026, 11, 23)
    # A Paris week closes at Paris midnight, an hour before UTC's.
    assert periods(tz=PARIS).closes(date(2026, 11, 23)) == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)


def test_days_and_months() -> None:
    assert periods("day").start_of(datetime(2026, 11, 25, 23, 59, tzinfo=UTC)) == date(2026, 11, 25)
    assert periods("month").start_of(datetime(2026, 12, 31, 23, 59, tzinfo=UTC)) == date(2026, 12, 1)
    assert periods("month").next_start(date(2026, 12, 1)) == date(2027, 1, 1)
    assert periods("month").next_start(date(2026, 2, 1)) == date(2026, 3, 1)


def test_closed_editions_and_the_open_week() -> None:
    site = build(week_corpus())
    # The week of 30 November is still open at NOW: no page, no feed item, no email.
    assert edition_keys(site) == ["2026-11-16", "2026-11-23"]
    assert "editions/2026-11-30/email.html" not in site.files
    index = page(site, "editions/").html
    assert "This week so far" in index
    assert "Entry current-week-tuesday" in index
    feed = site.files["editions/feed.xml"].decode()
    assert "2026-11-30" not in feed and "editions/2026-11-23" in feed


def test_an_edition_closes_at_midnight_by_the_build_clock() -> None:
    before = build(week_corpus(), now=datetime(2026, 11, 29, 23, 59, 59, tzinfo=UTC))
    after = build(week_corpus(), now=datetime(2026, 11, 30, 0, 0, tzinfo=UTC))
    assert edition_keys(before) == ["2026-11-16"]
    assert edition_keys(after) == ["2026-11-16", "2026-11-23"]


def test_a_brief_on_the_boundary_opens_the_new_week() -> None:
    site = build(week_corpus())
    second = page(site, "editions/2026-11-23/").html
    first = page(site, "editions/2026-11-16/").html
    assert "Entry second-week-open" in second and "Entry second-week-open" not in first
    assert "Entry first-week-sunday" in first


def test_drafts_and_scheduled_briefs_are_in_no_edition() -> None:
    site = build(week_corpus())
    text = "".join(p.html for p in site.pages if p.url.startswith("editions/"))
    text += "".join(v.decode() for k, v in site.files.items() if k.startswith("editions/"))
    assert "draft-in-second-week" not in text and "scheduled-next-week" not in text


def test_backdating_and_withdrawing_keep_every_url_and_id() -> None:
    entries = week_corpus()
    before = build(entries)
    backdated = build([*entries, at("late-addition", datetime(2026, 11, 17, 8, tzinfo=UTC))])
    withdrawn = build([e for e in entries if e.slug != "second-week-tuesday"])
    for site in (backdated, withdrawn):
        assert edition_keys(site) == edition_keys(before)
        assert _guids(site) == _guids(before)
    assert "Entry late-addition" in page(backdated, "editions/2026-11-16/").html
    assert "Entry second-week-tuesday" not in page(withdrawn, "editions/2026-11-23/").html


def test_an_empty_week_has_no_edition_and_the_others_stay() -> None:
    entries = [e for e in week_corpus() if not e.slug.startswith("first-week")]
    site = build(entries)
    assert edition_keys(site) == ["2026-11-23"]
    assert _guids(site) == {"tag:news.example.org,2026-01:editions/2026-11-23"}


def test_time_zone_and_week_start_settings_reach_the_build() -> None:
    entries = [at("late-sunday", datetime(2026, 11, 22, 23, 30, tzinfo=UTC))]
    assert edition_keys(build(entries)) == ["2026-11-16"]
    assert edition_keys(build(entries, timezone="Europe/Paris")) == ["2026-11-23"]
    assert edition_keys(build(entries, week_start="sunday")) == ["2026-11-22"]
    assert edition_keys(build(entries, editions="day")) == ["2026-11-22"]
    assert edition_keys(build(entries, editions="month")) == ["2026-11-01"]
    assert edition_keys(build(entries, editions="off")) == []


def _guids(site) -> set[str]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(site.files["editions/feed.xml"])
    return {guid.text for guid in root.iter("guid")}
