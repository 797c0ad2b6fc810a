"""Edition pages, the index, the editions feeds (structure per spec), OPML, autodiscovery
and determinism."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from generator.editions.notes import EditorNote
from tests.editions.edition_support import build, page, week_corpus
from tests.feeds.feed_support import ATOM, SETTINGS, parse

RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
NOTE = EditorNote("entries/editions/2026-11-23.md", date(2026, 11, 23), "Chips got cheaper this week",
                  "A <strong>busy</strong> week.", "second-week-friday")


def test_edition_page_groups_briefs_by_day_oldest_first_with_lede_and_why() -> None:
    html = page(build(week_corpus()), "editions/2026-11-23/").html
    days = re.findall(r'<h2 class="digest-day__title" id="day-([0-9-]+)">', html)
    assert days == ["2026-11-23", "2026-11-24", "2026-11-27"]
    assert html.count('class="digest-item digest-edition__brief"') == 3
    assert "What happened in second-week-tuesday." in html  # the lede
    assert "<strong>Why it matters:</strong> It matters." in html  # the section's teaser
    assert 'href="../../2026/11/24/second-week-tuesday/"' in html


def test_previous_and_next_edition_links() -> None:
    site = build(week_corpus())
    first, second = page(site, "editions/2026-11-16/"), page(site, "editions/2026-11-23/")
    assert 'href="../../editions/2026-11-23/" rel="next"' in first.html and 'rel="prev"' not in first.html
    assert 'href="../../editions/2026-11-16/" rel="prev"' in second.html and 'rel="next"' not in second.html
    assert second.meta["digest"]["pager"] == {"prev": "editions/2026-11-16/", "next": None}


def test_the_editors_note_gives_title_intro_and_top_story() -> None:
    site = build(week_corpus(), notes={"2026-11-23": NOTE})
    edition = page(site, "editions/2026-11-23/")
    assert edition.title == "Chips got cheaper this week"
    html = edition.html
    assert "A <strong>busy</strong> week." in html
    top = html.index('id="top-story"')
    assert html.index("Entry second-week-friday") > top  # opens the edition
    assert html.count("Entry second-week-friday</a>") == 1  # and is not repeated below
    assert "Chips got cheaper this week" in page(site, "editions/").html


def test_autodiscovery_and_opml_list_the_editions_feeds() -> None:
    site = build(week_corpus())
    for url in ("editions/", "editions/2026-11-23/"):
        feeds = page(site, url).meta["digest"]["feeds"]
        assert {(f["type"], f["href"]) for f in feeds} == {
            ("application/rss+xml", "editions/feed.xml"), ("application/atom+xml", "editions/atom.xml")}
    opml = ET.fromstring(site.files["feeds.opml"])
    urls = [o.get("xmlUrl") for o in opml.iter("outline")]
    assert urls[:2] == [SETTINGS.site_url + "feed.xml", SETTINGS.site_url + "editions/feed.xml"]


def test_rss_structure() -> None:
    root = ET.fromstring(build(week_corpus()).files["editions/feed.xml"])
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for tag in ("title", "link", "description", "lastBuildDate"):
        assert (channel.findtext(tag) or "").strip()
    assert channel.findtext("link") == SETTINGS.site_url + "editions/"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("href") == SETTINGS.site_url + "editions/feed.xml" and self_link.get("rel") == "self"
    items = channel.findall("item")
    assert [i.findtext("link") for i in items] == [SETTINGS.site_url + "editions/2026-11-23/",
                                                   SETTINGS.site_url + "editions/2026-11-16/"]
    for item in items:
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false"
        assert guid.text == "tag:news.example.org,2026-01:" + item.findtext("link")[len(SETTINGS.site_url):-1]
        content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        assert 'href="https://news.example.org/' in content and 'href="../' not in content
    # Published when the week closed: Monday midnight after it.
    assert items[0].findtext("pubDate") == "Mon, 30 Nov 2026 00:00:00 GMT"
    assert not parse(build(week_corpus()).files["editions/feed.xml"]).bozo


def test_atom_structure() -> None:
    data = build(week_corpus()).files["editions/atom.xml"]
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == "tag:news.example.org,2026-01:feeds/editions"
    assert RFC3339.fullmatch(root.findtext(f"{ATOM}updated"))
    assert root.find(f"{ATOM}author/{ATOM}name").text
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": SETTINGS.site_url + "editions/atom.xml",
                     "alternate": SETTINGS.site_url + "editions/"}
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 2
    for entry in entries:
        for tag in ("id", "title", "updated", "published", "content", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert entry.find(f"{ATOM}content").get("type") == "html"
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}updated"))
    assert not parse(data).bozo


def test_same_inputs_give_identical_bytes() -> None:
    one, two = build(week_corpus(), notes={"2026-11-23": NOTE}), build(week_corpus(), notes={"2026-11-23": NOTE})
    assert dict(one.files) == dict(two.files)
    assert [(p.url, p.body) for p in one.pages] == [(p.url, p.body) for p in two.pages]
