"""The one data model every stage reads: immutable entries, sources and tags."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.editions.notes import EditorNote

# An alias is an earlier slug (same date), or an earlier address 'YYYY/MM/DD/slug' when
# the date changed too: the old URL of a re-dated entry.
_DATED_ALIAS = re.compile(r"(\d{4})/(\d{2})/(\d{2})/([a-z0-9]+(?:-[a-z0-9]+)*)")


def is_dated_alias(value: object) -> bool:
    """``YYYY/MM/DD/slug`` with a real date."""
    match = _DATED_ALIAS.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return False
    try:
        date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Source:
    """A corroborating source of an entry."""

    publisher: str
    url: str
    title: str | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag of the vocabulary in ``entries/tags.yml``."""

    slug: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class EntryHTML:
    """Sanitized HTML of an entry's lede (inline, no <p>) and its three sections,
    rendered from the same tokens the rules checked."""

    summary: str
    whats_new: str
    context: str
    why_it_matters: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A validated news brief.

    Text fields hold Markdown exactly as the editor wrote it; ``html`` holds what
    ``generator.entries.render`` made of the parsed text when the loader built the entry
    (None when loaded only for checking, or made in code).
    """

    path: str  # POSIX path relative to the project root, as shown in diagnostics
    slug: str
    title: str
    date: datetime  # timezone-aware
    tags: tuple[str, ...]
    summary: str
    sources: tuple[Source, ...]
    whats_new: str
    context: str
    why_it_matters: str
    updated: datetime | None = None
    draft: bool = False
    id: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    html: EntryHTML | None = field(default=None, compare=False, repr=False)

    @property
    def identity(self) -> str:
        """What feed ids derive from: survives edits of title, text, tags and date."""
        return self.id or self.slug

    @property
    def url(self) -> str:
        """Site-relative URL of the entry page, e.g. ``2026/06/02/slug/``."""
        return f"{self.date:%Y/%m/%d}/{self.slug}/"

    def alias_url(self, alias: str) -> str:
        """The old address an alias keeps: the slug at the entry's date, or a dated alias."""
        if is_dated_alias(alias):
            return f"{alias}/"
        return f"{self.date:%Y/%m/%d}/{alias}/"

    @property
    def modified(self) -> datetime:
        return self.updated or self.date

    @property
    def word_count(self) -> int:
        text = " ".join((self.summary, self.whats_new, self.context, self.why_it_matters))
        return len(text.split())

    @property
    def reading_minutes(self) -> int:
        """Reading time at 220 words a minute, at least one minute."""
        return max(1, round(self.word_count / 220))


@dataclass(frozen=True, slots=True)
class Corpus:
    """All entries and the tag vocabulary, with precomputed indexes.

    ``entries`` holds every valid entry, drafts included; ``published`` the ones a
    reader sees, newest first.
    """

    entries: tuple[Entry, ...]
    tags: dict[str, Tag]
    # Editor's notes by edition key (YYYY-MM-DD), from entries/editions/.
    notes: Mapping[str, EditorNote] = field(default_factory=dict)

    def published(self, now: datetime | None = None) -> tuple[Entry, ...]:
        """Entries readers and subscribers see, newest first.

        Drafts never appear; entries dated after ``now`` appear once their date
        arrives (scheduled publishing). ``now=None`` publishes every non-draft.
        """
        visible = [e for e in self.entries if not e.draft and (now is None or e.date <= now)]
        return tuple(sorted(visible, key=lambda e: (e.date, e.slug), reverse=True))
