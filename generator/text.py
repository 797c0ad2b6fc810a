"""Small text helpers every stage shares."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import datetime
from html import unescape

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(moment: datetime) -> str:
    """``2 June 2026``: the site's way of writing a date, whatever the locale."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """``did you mean 'x'?`` naming up to three close choices, or None when none is close."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=3, cutoff=0.6)
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else None


# Block boundaries become spaces so that words of adjacent blocks do not run together;
# inline tags vanish so that "de-<em>identified</em>" stays one word.
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|section|article|blockquote|div|br|hr|t[rdh]|table)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")


def html_text(html: str) -> str:
    """The text of sanitized HTML (well-formed, no comments or scripts: what ``render`` and
    nh3 produce) on one line, entities decoded. Untrusted markup goes through nh3 first
    (``generator.authoring.import_feed.plain_text``)."""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", html))
    return " ".join(unescape(text).split())  # str.split: several times faster than re.sub(r"\s+")
