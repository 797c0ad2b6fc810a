"""Fetching a source feed: a file or an http(s) URL, with conditional GET.

The HTTP is done here, not by feedparser, so that every fetch has one deadline (a server
trickling a byte at a time cannot hold it), a size limit and our User-Agent; redirects go
only to http(s), and never from a public address to a loopback, private or link-local
one; and feedparser only ever sees bytes (given a string it may treat it as a URL or a
local file name).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator import __version__

TIMEOUT = 20.0  # seconds for the whole fetch: connecting, redirects, headers and body
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
          max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT,
          resolver: Resolver | None = None) -> Fetched:
    """Read a feed from a path or an http(s) URL; ``validators`` are the ETag and
    Last-Modified remembered from the previous fetch; ``resolver`` (host -> addresses)
    decides which redirects lead to internal addresses."""
    if is_url(feed):
        return _fetch_url(feed, validators or {}, timeout, max_bytes, user_agent, resolver or resolve)
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


Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    """The addresses a host name stands for (empty when it does not resolve)."""
    try:
        return [info[4][0] for info in socket.getaddrinfo(host, None)]
    except (OSError, UnicodeError):
        return []


def is_internal(host: str, resolver: Resolver = resolve) -> bool:
    """True when the host is, or resolves to, a loopback, private, link-local or
    otherwise non-global address."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolver(host)]
    return any(not address.is_global for address in addresses)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http(s), and not from a public host to an internal one
    (a feed on the internet must not make us read this machine's or its network's URLs)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        target = urlsplit(newurl)
        if target.scheme.lower() not in {"http", "https"}:
            raise FetchError(f"{req.full_url}: redirected to {newurl}, which is not http(s)")
        source_host = urlsplit(req.full_url).hostname or ""
        if not is_internal(source_host, self.resolver) and is_internal(target.hostname or "", self.resolver):
            raise FetchError(f"{req.full_url}: redirected to {newurl}, an internal address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch_url(url: str, validators: dict[str, str], timeout: float, max_bytes: int,
               user_agent: str, resolver: Resolver = resolve) -> Fetched:
    headers = {"User-Agent": user_agent, "Accept": ACCEPT}
    if validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_Redirects(resolver))
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url}: the feed is {int(declared):,} bytes; "
                                 f"the limit is {max_bytes:,}")
            data = _read(response, max_bytes, deadline, url, timeout)
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


def _read(response, max_bytes: int, deadline: float, url: str, timeout: float) -> bytes:
    """The body, read as it arrives, until the deadline: each read waits at most the
    time left, so a server sending one byte every few seconds cannot hold us."""
    chunks: list[bytes] = []
    size = 0
    sock = _socket_of(response)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{url}: the server took longer than {timeout:g} s")
        if sock is not None:
            sock.settimeout(left)
        chunk = response.read1(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:  # a lying or missing length is caught here
            raise FetchError(f"{url}: the feed is larger than {max_bytes:,} bytes")


def _socket_of(response) -> socket.socket | None:
    """The socket under an http.client response, to shorten its time-out as the deadline
    nears; None where the layers differ (the deadline is still checked between reads)."""
    raw = getattr(getattr(response, "fp", None), "raw", None)
    sock = getattr(raw, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


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
