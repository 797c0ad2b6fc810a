"""OPML 2.0 (http://opml.org/spec2.opml): the site's feed and every tag feed, for one-click
import into a reader."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from generator.feeds._xml import sub, to_bytes
from generator.feeds.model import Feed, rfc822


def serialize(site: Feed, tag_feeds: Sequence[Feed]) -> bytes:
    """The outline lists RSS feeds (the format every reader imports), site feed first."""
    root = ET.Element("opml", {"version": "2.0"})
    head = sub(root, "head")
    sub(head, "title", f"{site.title} feeds")
    sub(head, "dateCreated", rfc822(site.updated))
    sub(head, "ownerName", site.author)
    sub(head, "docs", "http://opml.org/spec2.opml")
    body = sub(root, "body")
    for feed in (site, *tag_feeds):
        sub(body, "outline", type="rss", version="RSS2", text=feed.title, title=feed.title,
            description=feed.description, xmlUrl=feed.rss_url, htmlUrl=feed.home_url,
            language=feed.language)
    return to_bytes(root)
