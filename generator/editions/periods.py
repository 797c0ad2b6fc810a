"""Edition periods: which day, week or month a moment falls in, in the site's time zone.

An edition is keyed by the first day of its period (``2026-11-23``): that date depends on
the period's definition alone, never on which briefs exist, so adding a brief to an
earlier week or withdrawing one never changes another edition's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from generator.settings import WEEKDAYS, Settings

_NOUNS = {"day": "day", "week": "week", "month": "month"}


@dataclass(frozen=True, slots=True)
class Periods:
    """How the site cuts time into editions."""

    kind: str  # "day", "week" or "month"
    tz: tzinfo
    week_start: int = 0  # 0 = Monday, as date.weekday()

    @classmethod
    def of(cls, settings: Settings) -> Periods:
        return cls(settings.editions, settings.tz, WEEKDAYS.index(settings.week_start))

    @property
    def noun(self) -> str:
        return _NOUNS[self.kind]

    def start_of(self, moment: datetime) -> date:
        """The first day of the period ``moment`` falls in (as the site's clock reads it)."""
        day = moment.astimezone(self.tz).date()
        if self.kind == "day":
            return day
        if self.kind == "month":
            return day.replace(day=1)
        return day - timedelta(days=(day.weekday() - self.week_start) % 7)

    def is_start(self, day: date) -> bool:
        return self.start_of(self.opening(day)) == day

    def next_start(self, start: date) -> date:
        if self.kind == "day":
            return start + timedelta(days=1)
        if self.kind == "month":
            return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start + timedelta(days=7)

    def opening(self, day: date) -> datetime:
        """Local midnight at the start of ``day`` (a period opens and closes at midnight)."""
        return datetime.combine(day, time(0), self.tz)

    def closes(self, start: date) -> datetime:
        """When the period that starts on ``start`` closes: the next period's first midnight."""
        return self.opening(self.next_start(start))
