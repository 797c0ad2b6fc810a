"""The one place the build reads the clock."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def build_now() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the wall clock.

    Only the choice of published entries (scheduled publishing) depends on it;
    nothing else in the output reads the clock.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)
