"""Authors, images and corrections in every feed format (issue 12, item 6): per-item
authors, the feed's icon and logo, corrections at the top of the content, and the
updated time set to the newest of 'updated' and the corrections. Item ids never change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from generator.entries.model import Author, Correction, Image
from tests.feeds.feed_support import (
    ATOM,
    BASE_DATE,
    CONTENT,
    SETTINGS,
    build,
    corpus_entries,
    load_json,
    make_entry,
    parse,
    permalink,
    xml,
)

DC = "{http://purl.org/dc/elements/1.1/}"
LOGO = "https://news.example.org/assets/images/logo.png"
EVIL = '<script>alert("x")</script> & Co'
JANE = Author("jane-doe", "Jane Doe", "https://example.org/jane")
ENTRY = make_entry(
    "fields", days=10,
    authors=(JANE, Author("evil", EVIL)),
    image=Image("chart.png", 'A "chart" <b>', "Lab & Co", "entries/2026/chart.png"),
    corrections=(Correction(BASE_DATE + timedelta(days=11), "The year was wrong."),
                 Correction(BASE_DATE + timedelta(days=13), "<script>alert(1)</script> fixed")),
    updated=BASE_DATE + timedelta(days=12),
)
FILES = build([*corpus_entries(), ENTRY])
NEWEST_CORRECTION = "2026-06-15T09:30:00Z"


def rss_item(files: dict[str, bytes] = FILES, entry=ENTRY):
    return next(i for i in xml(files["feed.xml"]).find("channel").findall("item")
                if i.findtext("link") == permalink(entry))


def atom_entry(files: dict[str, bytes] = FILES, entry=ENTRY):
    return next(e for e in xml(files["atom.xml"]).findall(f"{ATOM}entry")
                if e.find(f"{ATOM}link").get("href") == permalink(entry))


def json_item(files: dict[str, bytes] = FILES, entry=ENTRY):
    return next(i for i in load_json(files["feed.json"])["items"] if i["url"] == permalink(entry))


def test_rss_names_each_author_with_dc_creator_and_has_an_image() -> None:
    assert [c.text for c in rss_item().findall(f"{DC}creator")] == ["Jane Doe", EVIL]
    assert b'xmlns:dc="http://purl.org/dc/elements/1.1/"' in FILES["feed.xml"]
    channel = xml(FILES["feed.xml"]).find("channel")
    image = channel.find("image")
    assert (image.findtext("url"), image.findtext("title"), image.findtext("link")) == \
        (LOGO, channel.findtext("title"), channel.findtext("link"))
    parsed = parse(FILES["feed.xml"])
    entry = next(e for e in parsed.entries if e.link == permalink(ENTRY))
    assert entry.author in ("Jane Doe", EVIL) and not parsed.bozo  # feedparser keeps one


def test_atom_has_an_author_per_item_and_an_icon_and_logo() -> None:
    root = xml(FILES["atom.xml"])
    assert root.findtext(f"{ATOM}icon") == root.findtext(f"{ATOM}logo") == LOGO
    authors = [(a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri")) for a in atom_entry().findall(f"{ATOM}author")]
    assert authors == [("Jane Doe", "https://example.org/jane"), (EVIL, None)]
    plain = next(e for e in root.findall(f"{ATOM}entry")
                 if e.find(f"{ATOM}link").get("href") != permalink(ENTRY))
    assert plain.findall(f"{ATOM}author") == []  # the feed's author stands for it
    parsed = parse(FILES["atom.xml"])
    assert [a.name for a in next(e for e in parsed.entries if e.link == permalink(ENTRY)).authors] == \
        ["Jane Doe", EVIL]


def test_json_feed_has_authors_icon_and_image() -> None:
    document = load_json(FILES["feed.json"])
    assert document["icon"] == document["favicon"] == LOGO
    item = json_item()
    assert item["authors"] == [{"name": "Jane Doe", "url": "https://example.org/jane"}, {"name": EVIL}]
    assert item["image"] == permalink(ENTRY) + "chart.png"
    assert "authors" not in next(i for i in document["items"] if i["url"] != permalink(ENTRY))


def test_corrections_are_in_every_items_content_escaped() -> None:
    contents = [rss_item().findtext(f"{CONTENT}encoded"), atom_entry().findtext(f"{ATOM}content"),
                json_item()["content_html"]]
    for content in contents:
        assert content.startswith("<p>What happened in fields.</p>")
        assert content.index("Updates and corrections") < content.index("What\u2019s new")
        assert "&lt;script&gt;alert(1)&lt;/script&gt; fixed" in content
        assert "<script" not in content and "<b>" not in content
        assert f'src="{permalink(ENTRY)}chart.png"' in content
        assert "Image: Lab &amp; Co" in content


def test_updated_is_the_newest_of_updated_and_the_corrections() -> None:
    assert rss_item().findtext(f"{ATOM}updated") == NEWEST_CORRECTION
    assert atom_entry().findtext(f"{ATOM}updated") == NEWEST_CORRECTION
    assert json_item()["date_modified"] == NEWEST_CORRECTION
    only = replace(ENTRY, updated=None, corrections=ENTRY.corrections[:1])
    files = build([only])
    assert json_item(files, only)["date_modified"] == "2026-06-13T09:30:00Z"


def test_a_same_day_correction_never_dates_the_item_before_it_was_published() -> None:
    timed = make_entry("timed", date=datetime(2026, 6, 2, 15, tzinfo=UTC),
                       corrections=(Correction(datetime(2026, 6, 2, tzinfo=UTC), "Same day."),))
    item = json_item(build([timed]), timed)
    assert item["date_modified"] >= item["date_published"] == "2026-06-02T15:00:00Z"
    assert timed.modified == timed.date


def test_new_fields_never_change_an_items_id() -> None:
    plain = replace(ENTRY, authors=(), image=None, corrections=(), updated=None)
    assert json_item(build([plain]), plain)["id"] == json_item()["id"]
    assert rss_item(build([plain]), plain).findtext("guid") == rss_item().findtext("guid")


def test_without_a_logo_there_is_no_icon() -> None:
    files = build([ENTRY], replace(SETTINGS, logo=None))
    assert xml(files["feed.xml"]).find("channel/image") is None
    assert xml(files["atom.xml"]).find(f"{ATOM}icon") is None
    assert "icon" not in load_json(files["feed.json"])
