"""Parsing of field values, shared by the rules that check them and the model builder."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, tzinfo
from urllib.parse import urlsplit

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ENTRY_NAME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-(.+)\.md")
_DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")

MAX_SLUG = 60  # a slug is a folder name in the built site; file systems allow 255 bytes

# Dates, as UTC. The tightest limit is MkDocs': it stores the newest page date in the
# gzip header of sitemap.xml.gz as 32-bit Unix seconds (1970-01-01 to 2106-02-07) and
# fails the build outside. Within this range every other stage works too (feeds' RFC 822
# and RFC 3339 dates, four-digit years in page addresses, time zone conversions), and it
# still catches a mistyped century.
MIN_YEAR = 1970
MAX_YEAR = 2105

# Characters that are not text. C0 controls except tab and newline (a carriage return
# is a line break before this is used), DEL and the C1 controls (U+0085 is a YAML line
# break), the Unicode line and paragraph separators (YAML line breaks too: text that
# looks like one line could hide a key), the bidirectional embeddings, overrides and
# isolates (they reorder what a reader sees), and the noncharacters XML refuses.
# The left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C)
# are allowed: right-to-left names need them and they cannot reorder text.
NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def describe_character(char: str) -> str:
    """``U+001B`` or ``U+202E (RIGHT-TO-LEFT OVERRIDE)``: never the character itself."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def is_slug(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_SLUG and SLUG.fullmatch(value) is not None


def slug_problem(value: object) -> str | None:
    """Why ``value`` is not a slug (``'is not a slug'``...), or None when it is one."""
    if not isinstance(value, str) or SLUG.fullmatch(value) is None:
        return "is not a slug"
    if len(value) > MAX_SLUG:
        return f"is longer than {MAX_SLUG} characters ({len(value)})"
    return None


def parse_date(value: str, tz: tzinfo) -> datetime:
    """Parse ``YYYY-MM-DD`` or an ISO 8601 date-time; naive times are in ``tz``.

    Raises ValueError for text that is not a date, a date that does not exist, or a
    date outside years MIN_YEAR to MAX_YEAR (as written, and in UTC).
    """
    text = value.strip()
    if _DATE_ONLY.fullmatch(text):
        parsed = datetime.combine(date.fromisoformat(text), time(0), tzinfo=tz)
    elif not _DATE_TIME.match(text):
        raise ValueError(f"'{text}' is not YYYY-MM-DD or an ISO 8601 date-time")
    else:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
        if not parsed.tzinfo:
            parsed = parsed.replace(tzinfo=tz)
    try:
        years = (parsed.year, parsed.astimezone(UTC).year)
    except OverflowError:
        years = (0,)
    if not all(MIN_YEAR <= year <= MAX_YEAR for year in years):
        raise ValueError(f"'{text}' is out of range: dates are between {MIN_YEAR}-01-01 "
                         f"and {MAX_YEAR}-12-31, as written and in UTC")
    return parsed


def slugify(text: str) -> str:
    """A URL slug from free text: lowercase ASCII words joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return "-".join(words)


def short_slug(slug: str, limit: int = MAX_SLUG) -> str:
    """``slug`` cut to at most ``limit`` characters, at a hyphen where there is one."""
    while len(slug) > limit and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:limit].strip("-")


_WHITESPACE = re.compile(r"\s")


def is_http_url(text: str) -> bool:
    """An absolute http(s) URL with a host (and a valid port, if any): parsed by
    urllib, not matched with a regular expression that could backtrack."""
    if _WHITESPACE.search(text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
