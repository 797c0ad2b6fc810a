"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from the feed model."""

from __future__ import annotations

import json
from typing import Any

from generator.feeds.model import Feed, FeedItem, rfc3339

VERSION = "https://jsonfeed.org/version/1.1"


def serialize(feed: Feed) -> bytes:
    if feed.json_url is None:
        raise ValueError(f"'{feed.title}' is not published as a JSON Feed (it has no JSON URL)")
    document: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.json_url,
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": feed.author, "url": feed.author_url}],
        "items": [_item(item) for item in feed.items],
    }
    if feed.icon:
        document["icon"] = feed.icon
        document["favicon"] = feed.icon
    # ensure_ascii=False keeps the file readable UTF-8; key order is fixed by the code above.
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def _item(item: FeedItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "content_html": item.content_html,
        "summary": item.summary_text,
        "date_published": rfc3339(item.published),
    }
    if item.updated is not None:
        out["date_modified"] = rfc3339(item.updated)
    if item.categories:
        out["tags"] = [category.name for category in item.categories]
    if item.authors:
        out["authors"] = [{"name": a.name, **({"url": a.url} if a.url else {})} for a in item.authors]
    if item.image:
        out["image"] = item.image
    return out
