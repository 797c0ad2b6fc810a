"""Published briefs grouped into editions, in one pass over the site's newest-first list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from generator.compile.pages import MONTHS, date_text
from generator.editions.notes import EditorNote
from generator.editions.periods import Periods

if TYPE_CHECKING:
    from generator.compile.pages import _View

@dataclass(frozen=True, slots=True)
class Edition:
    """One period's published briefs, oldest first (the order the period was lived in)."""

    key: str  # YYYY-MM-DD, the period's first day: its URL and feed identity
    start: date
    closes: datetime  # the next period's first midnight, in the site's time zone
    closed: bool  # by the build's clock: only closed editions get a page, feed item, email
    views: tuple[_View, ...]
    note: EditorNote | None
    label: str  # "Week of 23 November 2026"

    @property
    def url(self) -> str:
        return f"editions/{self.key}/"

    @property
    def title(self) -> str:
        return self.note.title if self.note and self.note.title else self.label

    @property
    def top(self) -> _View | None:
        """The editor's top story when it is in this edition (a scheduled pick that is not
        published yet is simply not shown)."""
        pick = self.note.top if self.note else None
        if pick is None:
            return None
        return next((v for v in self.views if pick in (v.entry.slug, v.entry.identity)), None)

    def days(self) -> list[tuple[str, list[_View]]]:
        """The briefs grouped by day (``date_text``, views), oldest day first; the top story
        is shown once, above them."""
        top = self.top
        out: list[tuple[str, list[_View]]] = []
        for view in self.views:
            if view is top:
                continue
            if not out or out[-1][0] != view.date_text:
                out.append((view.date_text, []))
            out[-1][1].append(view)
        return out


@dataclass(frozen=True, slots=True)
class Editions:
    closed: tuple[Edition, ...]  # newest first
    current: Edition | None  # the open period ("this week so far"), if it has briefs


def label(periods: Periods, start: date) -> str:
    if periods.kind == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    day = date_text(start)
    return f"Week of {day}" if periods.kind == "week" else day


def group(views: Sequence[_View], periods: Periods, notes: Mapping[str, EditorNote],
          now: datetime | None) -> Editions:
    """Editions from published views (newest first, as the site lists them). A period with
    no published brief has no edition. ``now`` None: every period counts as closed."""
    buckets: dict[date, list[_View]] = {}
    for view in views:
        buckets.setdefault(periods.start_of(view.entry.date), []).append(view)
    closed: list[Edition] = []
    current = None
    for start, items in buckets.items():  # newest period first
        closes = periods.closes(start)
        key = start.isoformat()
        items.reverse()  # oldest first; same-day briefs keep the site's (date, slug) order
        edition = Edition(key, start, closes, now is None or closes <= now, tuple(items),
                          notes.get(key), label(periods, start))
        if edition.closed:
            closed.append(edition)
        else:
            current = edition
    return Editions(tuple(closed), current)
