"""Fetching a source feed: a file or an http(s) URL, with conditional GET.

The HTTP is done here, not by feedparser, so that every request has a timeout, a size
limit and our User-Agent, and so that feedparser only ever sees bytes (given a string it
may treat it as a URL or a local file name).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator import __version__

TIMEOUT = 20.0  # seconds, per network operation
MAX_BYTES = 5 * 1024 * 1024  # real feeds are well under 1 MB
USER_AGENT = f"news-digest/{__version__}"
ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
          "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")
STATE_FILE = ".digest-feeds.json"


class FetchError(Exception):
    """The feed cannot be fetched; the message says why, for the editor."""


@dataclass(frozen=True)
class Fetched:
    """What a fetch returned. ``data`` is None when the server said 304 Not Modified."""

    data: bytes | None
    content_type: str | None = None
    location: str | None = None  # final URL after redirects: base for relative links
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.data is None


def is_url(feed: str) -> bool:
    return urlsplit(feed).scheme.lower() in {"http", "https"}


def fetch(feed: str, validators: dict[str, str] | None = None, *, timeout: float = TIMEOUT,
          max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT) -> Fetched:
    """Read a feed from a path or an http(s) URL; ``validators`` are the ETag and
    Last-Modified remembered from the previous fetch."""
    if is_url(feed):
        return _fetch_url(feed, validators or {}, timeout, max_bytes, user_agent)
    if "://" in feed:
        raise FetchError(f"{feed}: only http(s) URLs and file paths are supported")
    path = Path(feed)
    try:
        if path.stat().st_size > max_bytes:
            raise FetchError(f"{feed}: the file is larger than {max_bytes:,} bytes")
        # application/xml: the XML declaration decides the encoding, as for a served file.
        return Fetched(path.read_bytes(), "application/xml", path.resolve().as_uri())
    except OSError as error:
        raise FetchError(f"{feed}: {error.strerror or error}") from error


def _fetch_url(url: str, validators: dict[str, str], timeout: float, max_bytes: int,
               user_agent: str) -> Fetched:
    headers = {"User-Agent": user_agent, "Accept": ACCEPT}
    if validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url}: the feed is {int(declared):,} bytes; "
                                 f"the limit is {max_bytes:,}")
            data = response.read(max_bytes + 1)  # a lying or missing length is caught here
            if len(data) > max_bytes:
                raise FetchError(f"{url}: the feed is larger than {max_bytes:,} bytes")
            return Fetched(data, response.headers.get("Content-Type"), response.geturl(),
                           response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(None, location=url, etag=validators.get("etag"),
                           last_modified=validators.get("last_modified"))
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: {error.reason}") from error
    except (TimeoutError, OSError) as error:
        raise FetchError(f"{url}: {error or type(error).__name__}") from error


class FeedState:
    """ETag and Last-Modified per feed URL, kept in a small JSON file at the project root."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}  # a missing or damaged state file only costs one full fetch
        self.feeds: dict[str, dict[str, str]] = data if isinstance(data, dict) else {}

    def validators(self, url: str) -> dict[str, str]:
        value = self.feeds.get(url)
        return {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}

    def remember(self, url: str, fetched: Fetched) -> None:
        value = {k: v for k, v in (("etag", fetched.etag),
                                   ("last_modified", fetched.last_modified)) if v}
        if value:
            self.feeds[url] = value
        else:
            self.feeds.pop(url, None)

    def save(self) -> None:
        text = json.dumps(self.feeds, indent=2, sort_keys=True) + "\n"
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(self.path)
