"""Atom 1.0 (RFC 4287) from the feed model."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.feeds._xml import ATOM_NS, XML_LANG, sub, to_bytes
from generator.feeds.model import GENERATOR, Feed, rfc3339


def serialize(feed: Feed) -> bytes:
    # Unprefixed Atom elements (some readers mishandle prefixed ones): ElementTree cannot mix
    # a default namespace with unqualified attributes, so the declaration is set directly.
    root = ET.Element("feed", {"xmlns": ATOM_NS})
    if feed.language:
        root.set(XML_LANG, feed.language)
    sub(root, "id", feed.id)
    sub(root, "title", feed.title)
    if feed.description:
        sub(root, "subtitle", feed.description)
    sub(root, "updated", rfc3339(feed.updated))
    author = sub(root, "author")
    sub(author, "name", feed.author)
    sub(author, "uri", feed.author_url)
    sub(root, "link", rel="self", type="application/atom+xml", href=feed.atom_url)
    sub(root, "link", rel="alternate", type="text/html", href=feed.home_url)
    sub(root, "generator", GENERATOR)
    if feed.icon:
        sub(root, "icon", feed.icon)
        sub(root, "logo", feed.icon)
    for item in feed.items:
        entry = sub(root, "entry")
        sub(entry, "id", item.id)
        sub(entry, "title", item.title, type="text")
        sub(entry, "link", rel="alternate", type="text/html", href=item.url)
        sub(entry, "published", rfc3339(item.published))
        sub(entry, "updated", rfc3339(item.modified))
        for person in item.authors:  # without them, the feed's author is the entry's
            author = sub(entry, "author")
            sub(author, "name", person.name)
            if person.url:
                sub(author, "uri", person.url)
        for category in item.categories:
            sub(entry, "category", term=category.slug, label=category.name)
        sub(entry, "summary", item.summary_html, type="html")
        sub(entry, "content", item.content_html, type="html")
    return to_bytes(root)
