"""Each format against its specification's requirements, checked on the raw document.

RSS 2.0: https://www.rssboard.org/rss-specification
Atom 1.0: RFC 4287 (https://www.rfc-editor.org/rfc/rfc4287)
JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/
OPML 2.0: http://opml.org/spec2.opml
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest

from tests.feeds.feed_support import (
    ATOM,
    CONTENT,
    SETTINGS,
    build,
    corpus_entries,
    load_json,
    make_entry,
    xml,
)

ENTRIES = corpus_entries()
FILES = build(ENTRIES)
TAG_SLUGS = sorted({t for e in ENTRIES for t in e.tags})
RSS_FILES = ["feed.xml", *(f"tags/{t}/feed.xml" for t in TAG_SLUGS)]
ATOM_FILES = ["atom.xml", *(f"tags/{t}/atom.xml" for t in TAG_SLUGS)]

# RFC 3339 section 5.6 date-time.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
# RFC 4151 tag URI: tag:authority,date:specific.
TAG_URI = re.compile(r"tag:[A-Za-z0-9.@-]+,\d{4}(-\d{2}(-\d{2})?)?:[!-~]+")
# RFC 822 date-time with the four-digit year RSS 2.0 recommends.
RFC822 = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})")


def absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(tag)
    assert len(found) == 1, f"expected exactly one <{tag}> in <{parent.tag}>, found {len(found)}"
    return found[0]


def test_every_xml_file_declares_utf8_and_is_well_formed() -> None:
    for name, data in FILES.items():
        if name.endswith((".xml", ".opml")):
            assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
            xml(data)
            data.decode("utf-8")


@pytest.mark.parametrize("name", RSS_FILES)
def test_rss_required_elements(name: str) -> None:
    root = xml(FILES[name])
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = one(root, "channel")
    # Required channel elements: title, link, description.
    for tag in ("title", "link", "description"):
        assert (one(channel, tag).text or "").strip(), f"empty <{tag}>"
    assert absolute(channel.findtext("link"))
    assert channel.findtext("language") == SETTINGS.language
    assert RFC822.fullmatch(channel.findtext("lastBuildDate"))
    parsedate_to_datetime(channel.findtext("lastBuildDate"))
    self_links = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(self_links) == 1
    assert self_links[0].get("href") == SETTINGS.site_url + name
    assert self_links[0].get("type") == "application/rss+xml"
    items = channel.findall("item")
    assert items
    guids = []
    for item in items:
        # "All elements of an item are optional, however at least one of title or description
        # must be present."
        assert item.findtext("title") or item.findtext("description")
        assert absolute(item.findtext("link"))
        guid = one(item, "guid")
        assert guid.get("isPermaLink") == "false" and TAG_URI.fullmatch(guid.text)
        guids.append(guid.text)
        assert RFC822.fullmatch(one(item, "pubDate").text)
        assert one(item, f"{CONTENT}encoded").text
        assert item.findall("category")
        for child in item:
            # Only RSS 2.0 item elements, or elements in a namespace (extensions).
            assert child.tag.startswith("{") or child.tag in {
                "title", "link", "description", "author", "category", "comments", "enclosure",
                "guid", "pubDate", "source"}
    assert len(set(guids)) == len(guids)
    for child in channel:
        assert child.tag.startswith("{") or child.tag in {
            "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
            "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
            "rating", "textInput", "skipHours", "skipDays", "item"}


@pytest.mark.parametrize("name", ATOM_FILES)
def test_atom_required_elements(name: str) -> None:
    root = xml(FILES[name])
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == SETTINGS.language
    # atom:feed MUST contain exactly one atom:id, atom:title and atom:updated.
    assert TAG_URI.fullmatch(one(root, f"{ATOM}id").text)
    assert one(root, f"{ATOM}title").text
    assert RFC3339.fullmatch(one(root, f"{ATOM}updated").text)
    # One or more atom:author unless every entry has one.
    feed_authors = root.findall(f"{ATOM}author")
    for author in feed_authors:
        assert one(author, f"{ATOM}name").text
    links = root.findall(f"{ATOM}link")
    self_links = [link for link in links if link.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href") == SETTINGS.site_url + name
    # At most one alternate link with the same type and hreflang.
    alternates = Counter((link.get("type"), link.get("hreflang")) for link in links
                         if link.get("rel", "alternate") == "alternate")
    assert alternates and max(alternates.values()) == 1
    assert all(absolute(link.get("href")) for link in links)
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = []
    for entry in entries:
        # atom:entry MUST contain exactly one atom:id, atom:title, atom:updated.
        ids.append(one(entry, f"{ATOM}id").text)
        assert TAG_URI.fullmatch(ids[-1])
        assert one(entry, f"{ATOM}title").text
        assert RFC3339.fullmatch(one(entry, f"{ATOM}updated").text)
        assert len(entry.findall(f"{ATOM}published")) <= 1
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}published"))
        assert feed_authors or entry.findall(f"{ATOM}author")
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert len(alternate) == 1 and absolute(alternate[0].get("href"))
        content = one(entry, f"{ATOM}content")
        assert content.get("type") == "html" and content.text
        assert one(entry, f"{ATOM}summary").get("type") == "html"
        for category in entry.findall(f"{ATOM}category"):
            assert category.get("term")  # term is required
        assert len(entry.findall(f"{ATOM}rights")) <= 1
    assert len(set(ids)) == len(ids)
    # updated is at least as new as every entry's.
    newest = max(datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries)
    assert datetime.fromisoformat(root.findtext(f"{ATOM}updated")) >= newest


def test_json_feed_required_fields() -> None:
    document = load_json(FILES["feed.json"])
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str) and document["title"]
    assert absolute(document["home_page_url"]) and absolute(document["feed_url"])
    assert document["feed_url"] == SETTINGS.site_url + "feed.json"
    assert document["language"] == SETTINGS.language
    assert all(author.get("name") for author in document["authors"])
    items = document["items"]
    assert isinstance(items, list) and items
    for item in items:
        assert isinstance(item["id"], str) and TAG_URI.fullmatch(item["id"])
        assert item.get("content_html") or item.get("content_text")
        assert absolute(item["url"])
        assert RFC3339.fullmatch(item["date_published"])
        if "date_modified" in item:
            assert RFC3339.fullmatch(item["date_modified"])
        assert all(isinstance(tag, str) for tag in item.get("tags", []))
    assert len({item["id"] for item in items}) == len(items)
    # 1.0's singular "author" is deprecated in 1.1; "authors" is used instead.
    assert "author" not in document


def test_opml_lists_the_site_feed_and_every_tag_feed() -> None:
    root = xml(FILES["feeds.opml"])
    assert root.tag == "opml" and root.get("version") == "2.0"
    head = one(root, "head")
    assert one(head, "title").text
    assert RFC822.fullmatch(head.findtext("dateCreated"))
    outlines = one(root, "body").findall("outline")
    for outline in outlines:
        assert outline.get("text")  # required on every outline
        assert outline.get("type") == "rss" and absolute(outline.get("xmlUrl"))
    listed = [outline.get("xmlUrl") for outline in outlines]
    assert listed == [SETTINGS.site_url + name for name in RSS_FILES]
    # ...and every listed feed is a file the build writes.
    assert {url.removeprefix(SETTINGS.site_url) for url in listed} <= set(FILES)


def test_no_cdata_anywhere() -> None:
    files = build([make_entry("cdata", title="]]> <![CDATA[", whats_new="]]> <![CDATA[")])
    for name, data in files.items():
        if not name.endswith(".json"):
            assert b"<![CDATA[" not in data
