"""Parsing of field values, shared by the rules that check them and the model builder."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, tzinfo

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ENTRY_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)\.md")
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def parse_date(value: str, tz: tzinfo) -> datetime:
    """Parse ``YYYY-MM-DD`` or an ISO 8601 date-time; naive times are in ``tz``.

    Raises ValueError for text that is not a date or a date that does not exist.
    """
    text = value.strip()
    if _DATE_ONLY.fullmatch(text):
        return datetime.combine(date.fromisoformat(text), time(0), tzinfo=tz)
    if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        raise ValueError(f"'{text}' is not YYYY-MM-DD or an ISO 8601 date-time")
    parsed = datetime.fromisoformat(text.replace("z", "Z"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


MAX_SLUG = 60


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
