"""Where the feeds live and how pages advertise them.

The paths are a public contract: subscribers never re-subscribe, so they change never.
Hrefs are site-relative (no leading slash), like ``Entry.url``; templates prefix them
with the site's base URL.
"""

from __future__ import annotations

from dataclasses import dataclass

RSS_PATH = "feed.xml"
ATOM_PATH = "atom.xml"
JSON_PATH = "feed.json"
OPML_PATH = "feeds.opml"

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"
OPML_TYPE = "text/x-opml"

# The site's feeds by name, for templates (the footer's subscribe links, redirect pages):
# the paths are typed here only.
SITE_FEEDS = {
    "rss": {"href": RSS_PATH, "type": RSS_TYPE},
    "atom": {"href": ATOM_PATH, "type": ATOM_TYPE},
    "json": {"href": JSON_PATH, "type": JSON_TYPE},
    "opml": {"href": OPML_PATH, "type": OPML_TYPE},
}


def tag_dir(slug: str) -> str:
    """Site-relative folder of a tag: its feeds live here, and the alternate (HTML) link of
    its feeds points here."""
    return f"tags/{slug}/"


def tag_rss_path(slug: str) -> str:
    return tag_dir(slug) + RSS_PATH


def tag_atom_path(slug: str) -> str:
    return tag_dir(slug) + ATOM_PATH


def site_feed_title(site_name: str) -> str:
    return site_name


def tag_feed_title(site_name: str, tag_name: str) -> str:
    return f"{site_name}: {tag_name}"


@dataclass(frozen=True, slots=True)
class FeedLink:
    """One ``<link rel="alternate" type=... title=... href=...>`` for a page's ``<head>``."""

    type: str
    title: str
    href: str  # site-relative
    rel: str = "alternate"


def alternate_links(tag_slug: str | None = None, *, site_name: str = "News digest",
                    tag_name: str | None = None) -> list[FeedLink]:
    """The feeds a page advertises: the site's RSS, Atom and JSON feeds, then, on a tag's
    page (``tag_slug`` given), that tag's RSS and Atom feeds.

    Titles start with the feed's own title, so the name a reader offers before subscribing
    is the one it shows after; ``tag_name`` defaults to the slug.
    """
    title = site_feed_title(site_name)
    links = [
        FeedLink(RSS_TYPE, f"{title} (RSS)", RSS_PATH),
        FeedLink(ATOM_TYPE, f"{title} (Atom)", ATOM_PATH),
        FeedLink(JSON_TYPE, f"{title} (JSON Feed)", JSON_PATH),
    ]
    if tag_slug is not None:
        tag_title = tag_feed_title(site_name, tag_name or tag_slug)
        links += [
            FeedLink(RSS_TYPE, f"{tag_title} (RSS)", tag_rss_path(tag_slug)),
            FeedLink(ATOM_TYPE, f"{tag_title} (Atom)", tag_atom_path(tag_slug)),
        ]
    return links


# Editions (generator.editions): one item per closed edition.
EDITIONS_DIR = "editions/"
EDITIONS_RSS_PATH = EDITIONS_DIR + RSS_PATH
EDITIONS_ATOM_PATH = EDITIONS_DIR + ATOM_PATH


def editions_feed_title(site_name: str) -> str:
    return f"{site_name}: editions"


def edition_links(site_name: str = "News digest") -> list[FeedLink]:
    """The editions' feeds, advertised on the editions' pages."""
    title = editions_feed_title(site_name)
    return [FeedLink(RSS_TYPE, f"{title} (RSS)", EDITIONS_RSS_PATH),
            FeedLink(ATOM_TYPE, f"{title} (Atom)", EDITIONS_ATOM_PATH)]
