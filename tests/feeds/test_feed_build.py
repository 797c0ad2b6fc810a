"""Deterministic bytes, build dates, clear failures, and the links pages advertise."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from generator.feeds import FeedError, alternate_links, feed_files
from generator.feeds.links import FeedLink
from tests.feeds.feed_support import (
    ATOM,
    SETTINGS,
    TAGS,
    build,
    corpus_entries,
    load_json,
    make_entry,
    parse,
    render,
    utc_tuple,
    xml,
)

EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z


@pytest.fixture(autouse=True)
def _no_ambient_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def build_dates(files: dict[str, bytes]) -> set[tuple[int, ...]]:
    """The feed-level date of every file, as a reader parses it."""
    return {tuple(parse(data).feed.updated_parsed)[:6]
            for name, data in files.items() if name.endswith(".xml")}


def test_same_input_same_bytes() -> None:
    entries = corpus_entries()
    first = build(entries)
    shuffled = entries[:]
    random.Random(4).shuffle(shuffled)
    assert feed_files(render(entries), TAGS, SETTINGS) == first
    # The order entries arrive in does not matter either.
    renderings = render(shuffled)
    random.Random(5).shuffle(renderings)
    assert feed_files(renderings, TAGS, SETTINGS) == first


def test_build_date_is_the_newest_modification_not_the_clock() -> None:
    entries = corpus_entries()
    newest = max(e.updated or e.date for e in entries)
    files = build(entries)
    assert build_dates({name: files[name] for name in ("feed.xml", "atom.xml")}) == {utc_tuple(newest)}
    # An explicit "now" is not a build date when entries give one.
    assert build(entries, now=datetime(2030, 1, 1, tzinfo=UTC)) == files


def test_tag_feed_dates_come_from_their_own_entries() -> None:
    entries = [make_entry("old", days=0, tags=("cloud",)), make_entry("new", days=4, tags=("ai",))]
    files = build(entries)
    cloud = parse(files["tags/cloud/atom.xml"]).feed.updated_parsed
    assert tuple(cloud)[:6] == utc_tuple(entries[0].date)


def test_source_date_epoch_sets_every_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    files = build(corpus_entries())
    expected = utc_tuple(datetime.fromtimestamp(EPOCH, UTC))
    assert build_dates(files) == {expected}
    opml_date = xml(files["feeds.opml"]).findtext("head/dateCreated")
    assert opml_date == "Thu, 01 Jan 2026 00:00:00 GMT"
    assert build(corpus_entries()) == files
    # Item dates stay the entries' own.
    item = parse(files["atom.xml"]).entries[-1]
    assert tuple(item.published_parsed)[:6] == utc_tuple(min(e.date for e in corpus_entries()))


def test_source_date_epoch_as_an_argument() -> None:
    files = feed_files(render(corpus_entries()), TAGS, SETTINGS, source_date_epoch=str(EPOCH))
    assert xml(files["atom.xml"]).findtext(f"{ATOM}updated") == "2026-01-01T00:00:00Z"


def test_bad_source_date_epoch_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(FeedError, match="SOURCE_DATE_EPOCH"):
        build(corpus_entries())


def test_no_entries_still_gives_valid_feeds() -> None:
    files = build([])
    assert set(files) == {"feed.xml", "atom.xml", "feed.json", "feeds.opml"}
    for name in ("feed.xml", "atom.xml"):
        assert parse(files[name]).entries == []
    assert load_json(files["feed.json"])["items"] == []
    # Without entries or SOURCE_DATE_EPOCH the date is fixed, not the clock.
    assert build([]) == files
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert xml(build([], now=now)["atom.xml"]).findtext(f"{ATOM}updated") == "2026-03-01T12:00:00Z"


@pytest.mark.parametrize("site_url", [None, "", "   ", "digest.example.org", "/relative/", "ftp://x.org/"])
def test_missing_or_bad_site_url_is_a_clear_error(site_url: str | None) -> None:
    with pytest.raises(FeedError, match="site_url") as caught:
        build(corpus_entries(), replace(SETTINGS, site_url=site_url))
    assert isinstance(caught.value, ValueError)  # what the site build turns into a failure


def test_missing_site_url_fails_even_without_entries() -> None:
    with pytest.raises(FeedError, match="site_url"):
        build([], replace(SETTINGS, site_url=None))


@pytest.mark.parametrize(("field", "value"), [("id_date", "June 2026"), ("id_date", ""), ("id_date", "2026-13"),
                                              ("id_date", "\u0662\u0660\u0662\u0666"), ("id_date", 20261),
                                              ("id_authority", "https://example.org/"),
                                              ("id_authority", "")])
def test_bad_id_settings_are_a_clear_error(field: str, value: str) -> None:
    with pytest.raises(FeedError, match=field):
        build(corpus_entries(), replace(SETTINGS, **{field: value}))


@pytest.mark.parametrize(("value", "text"), [(2026, "2026"), (date(2026, 1, 2), "2026-01-02"),
                                           ("2026-01", "2026-01")])
def test_unquoted_yaml_id_dates_mean_the_same(value: object, text: str) -> None:
    files = build([make_entry("a")], replace(SETTINGS, id_date=value))
    assert parse(files["atom.xml"]).entries[0].id == f"tag:{SETTINGS.id_authority},{text}:a"


@pytest.mark.parametrize("size", [0, -1, "50", None])
def test_bad_feed_size_is_a_clear_error(size: object) -> None:
    with pytest.raises(FeedError, match="feed_size"):
        build(corpus_entries(), replace(SETTINGS, feed_size=size))


def test_alternate_links_of_every_page_are_real_files() -> None:
    files = build(corpus_entries())
    links = alternate_links(site_name=SETTINGS.site_name)
    assert [(link.type, link.href) for link in links] == [
        ("application/rss+xml", "feed.xml"), ("application/atom+xml", "atom.xml"),
        ("application/feed+json", "feed.json")]
    assert all(link.href in files and link.rel == "alternate" for link in links)
    assert all(link.title.startswith(SETTINGS.site_name) for link in links)


def test_alternate_links_of_a_tag_page_add_its_feeds() -> None:
    files = build(corpus_entries())
    tag = TAGS["r-and-d"]
    links = alternate_links(tag.slug, site_name=SETTINGS.site_name, tag_name=tag.name)
    assert links[:3] == alternate_links(site_name=SETTINGS.site_name)
    extra = links[3:]
    assert [(link.type, link.href) for link in extra] == [
        ("application/rss+xml", "tags/r-and-d/feed.xml"), ("application/atom+xml", "tags/r-and-d/atom.xml")]
    for link in extra:
        assert link.href in files
        # The advertised title names the feed the reader will get.
        assert link.title.startswith(parse(files[link.href]).feed.title)
    assert isinstance(extra[0], FeedLink)


def test_item_dates_use_the_entry_offset_correctly() -> None:
    from zoneinfo import ZoneInfo

    local = datetime(2026, 6, 2, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))  # 23:30 UTC the day before
    entry = make_entry("berlin", date=local, updated=local + timedelta(hours=2))
    files = build([entry])
    for name in ("feed.xml", "atom.xml"):
        item = parse(files[name]).entries[0]
        assert tuple(item.published_parsed)[:6] == (2026, 6, 1, 23, 30, 0)
        assert tuple(item.updated_parsed)[:6] == (2026, 6, 2, 1, 30, 0)
    assert load_json(files["feed.json"])["items"][0]["date_published"] == "2026-06-01T23:30:00Z"
