"""Feeds: RSS 2.0, Atom 1.0, JSON Feed 1.1 and OPML, behind one entry model.

The site build calls :func:`feed_files` and writes each returned file as is; page
templates call :func:`alternate_links` for their ``<link rel="alternate">`` tags.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import datetime

from generator.entries.model import Tag
from generator.entries.render import RenderedEntry
from generator.feeds import atom, jsonfeed, links, opml, rss
from generator.feeds.links import FeedLink, alternate_links
from generator.feeds.model import (
    Feed,
    FeedError,
    FeedItem,
    build_feed,
    check_settings,
    feed_item,
    in_some_feed,
    parse_source_date_epoch,
    select,
)
from generator.memo import NO_MEMO, Memo
from generator.settings import Settings

__all__ = ["FeedError", "FeedLink", "alternate_links", "feed_files"]


def _build_feed(items: Sequence[FeedItem], settings: Settings, tag: Tag | None,
                epoch: datetime | None, now: datetime | None) -> Feed:
    return build_feed(items, settings, tag=tag, source_date_epoch=epoch, now=now)


def feed_files(entries: Sequence[RenderedEntry], tags: Mapping[str, Tag], settings: Settings,
               now: datetime | None = None, *,
               source_date_epoch: str | None = None, also: Sequence[Feed] = (),
               memo: Memo = NO_MEMO) -> dict[str, bytes]:
    """Site-relative path -> file content for every feed of the site.

    ``entries`` are the published entries, newest first; drafts and entries dated after
    ``now`` are left out even if passed. ``source_date_epoch`` defaults to the
    ``SOURCE_DATE_EPOCH`` environment variable. Raises :class:`FeedError` (a ValueError)
    when the settings cannot make correct feeds, e.g. without ``site_url``. ``memo``
    (``digest serve``) reuses the items and files whose inputs did not change.
    """
    check_settings(settings)
    if source_date_epoch is None:
        source_date_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = parse_source_date_epoch(source_date_epoch)
    # Each item built once and shared by the site feed and its tags' feeds.
    chosen = in_some_feed(select(entries, now), settings.feed_size)
    items = [memo.call(("feed-item", rendered.entry.slug), feed_item, rendered, tags, settings)
             for rendered in chosen]
    items = tuple(items)
    # A feed's date is the clock's only when it has no items (build_date): otherwise the
    # clock is left out, so that the memo's arguments stay the same from build to build.
    now = now if not items else None
    site = memo.call(("feed-model", None), _build_feed, items, settings, None, epoch, now)
    files = {
        links.RSS_PATH: memo.call(("feed", links.RSS_PATH), rss.serialize, site),
        links.ATOM_PATH: memo.call(("feed", links.ATOM_PATH), atom.serialize, site),
        links.JSON_PATH: memo.call(("feed", links.JSON_PATH), jsonfeed.serialize, site),
    }
    used = {category.slug for item in items for category in item.categories}
    tag_feeds = []
    for slug in sorted(used):
        tag = tags.get(slug) or Tag(slug, slug, "")
        feed = memo.call(("feed-model", slug), _build_feed, items, settings, tag, epoch, now)
        tag_feeds.append(feed)
        for path, serialize in ((links.tag_rss_path(slug), rss.serialize),
                                (links.tag_atom_path(slug), atom.serialize)):
            files[path] = memo.call(("feed", path), serialize, feed)
    # ``also``: feeds built elsewhere (the editions'), listed after the site's.
    files[links.OPML_PATH] = memo.call(("feed", links.OPML_PATH), opml.serialize, site,
                                       (*also, *tag_feeds))
    return files
