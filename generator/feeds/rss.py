"""RSS 2.0 (https://www.rssboard.org/rss-specification) from the feed model."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.feeds._xml import ATOM_NS, CONTENT_NS, DC_NS, sub, to_bytes
from generator.feeds.model import GENERATOR, Feed, rfc822, rfc3339


def serialize(feed: Feed) -> bytes:
    # ElementTree declares the atom: and content: prefixes on the root when used.
    rss = ET.Element("rss", {"version": "2.0"})
    channel = sub(rss, "channel")
    sub(channel, "title", feed.title)
    sub(channel, "link", feed.home_url)
    sub(channel, "description", feed.description)
    sub(channel, f"{{{ATOM_NS}}}link", href=feed.rss_url, rel="self", type="application/rss+xml")
    if feed.language:
        sub(channel, "language", feed.language)
    sub(channel, "lastBuildDate", rfc822(feed.updated))
    sub(channel, "generator", GENERATOR)
    sub(channel, "docs", "https://www.rssboard.org/rss-specification")
    if feed.icon:
        # The channel's image: its title and link must be the channel's (RSS 2.0).
        image = sub(channel, "image")
        sub(image, "url", feed.icon)
        sub(image, "title", feed.title)
        sub(image, "link", feed.home_url)
    for item in feed.items:
        element = sub(channel, "item")
        sub(element, "title", item.title)
        sub(element, "link", item.url)
        # RSS 2.0 says description may hold entity-encoded HTML; ElementTree does the encoding.
        sub(element, "description", item.summary_html)
        sub(element, f"{{{CONTENT_NS}}}encoded", item.content_html)
        sub(element, "guid", item.id, isPermaLink="false")
        sub(element, "pubDate", rfc822(item.published))
        # RSS's own <author> is an email address; dc:creator holds a name.
        for author in item.authors:
            sub(element, f"{{{DC_NS}}}creator", author.name)
        if item.updated is not None:
            # RSS has no "updated"; atom:updated is the extension readers understand.
            sub(element, f"{{{ATOM_NS}}}updated", rfc3339(item.updated))
        for category in item.categories:
            sub(element, "category", category.name)
    return to_bytes(rss)
