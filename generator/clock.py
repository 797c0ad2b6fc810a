"""The one place the build reads the clock, and the reproducible-builds timestamp."""

from __future__ import annotations

import os
from datetime import UTC, datetime


class ClockError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a Unix timestamp."""


def parse_source_date_epoch(value: str | None) -> datetime | None:
    """``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/) as a
    UTC time; None when unset or empty. Raises ClockError for anything but Unix seconds."""
    if value is None or not value.strip():
        return None
    try:
        return datetime.fromtimestamp(int(value.strip()), UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise ClockError(f"SOURCE_DATE_EPOCH '{value}' is not a Unix timestamp in seconds") from error


def build_now() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the wall clock.

    Only the choice of published entries (scheduled publishing) depends on it;
    nothing else in the output reads the clock.
    """
    return parse_source_date_epoch(os.environ.get("SOURCE_DATE_EPOCH")) or datetime.now(UTC)
