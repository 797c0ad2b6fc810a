"""Corpora for the editions tests: entries at chosen moments, and the compiled site."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from generator.compile import CompiledSite, compile_site
from generator.editions.notes import EditorNote
from generator.entries.model import Corpus, Entry
from tests.feeds.feed_support import SETTINGS, TAGS, make_entry

UTC = ZoneInfo("UTC")
PARIS = ZoneInfo("Europe/Paris")
# Monday 23 November 2026 starts the week that "now" (Wednesday 2 December) is past.
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def at(slug: str, moment: datetime, **fields: Any) -> Entry:
    return make_entry(slug, date=moment, path=f"entries/{moment:%Y}/{moment:%Y-%m-%d}-{slug}.md",
                      **fields)


def week_corpus() -> list[Entry]:
    """Briefs over three weeks (Monday starts): 16-22 Nov, 23-29 Nov, and the open week of
    30 Nov, plus a draft and a scheduled brief that no edition may show."""
    return [
        at("first-week-monday", datetime(2026, 11, 16, 9, tzinfo=UTC)),
        at("first-week-sunday", datetime(2026, 11, 22, 23, 59, 59, tzinfo=UTC)),
        at("second-week-open", datetime(2026, 11, 23, 0, 0, tzinfo=UTC)),  # on the boundary
        at("second-week-tuesday", datetime(2026, 11, 24, 8, tzinfo=UTC), tags=("cloud",)),
        at("second-week-friday", datetime(2026, 11, 27, 17, tzinfo=UTC)),
        at("current-week-tuesday", datetime(2026, 12, 1, 10, tzinfo=UTC)),
        at("draft-in-second-week", datetime(2026, 11, 25, 10, tzinfo=UTC), draft=True),
        at("scheduled-next-week", datetime(2026, 12, 8, 10, tzinfo=UTC)),
    ]


def build(entries: Iterable[Entry], *, settings=SETTINGS, now: datetime | None = NOW,
          notes: Mapping[str, EditorNote] | None = None, **changes: Any) -> CompiledSite:
    if changes:
        settings = replace(settings, **changes)
    return compile_site(Corpus(tuple(entries), TAGS, dict(notes or {})), settings, now)


def page_urls(site: CompiledSite) -> set[str]:
    return {page.url for page in site.pages}


def edition_keys(site: CompiledSite) -> list[str]:
    """Closed editions with a page, oldest first."""
    return sorted(page.url.split("/")[1] for page in site.pages
                  if page.url.startswith("editions/") and page.url != "editions/")


def page(site: CompiledSite, url: str):
    return next(p for p in site.pages if p.url == url)
