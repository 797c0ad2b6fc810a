"""The one data model every stage reads: immutable entries, sources, tags and authors."""

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
class Author:
    """An author of the vocabulary in ``entries/authors.yml``."""

    slug: str
    name: str
    url: str | None = None  # an absolute http(s) URL (the rules check it)


@dataclass(frozen=True, slots=True)
class Image:
    """An entry's lead image: an https URL, or a file next to the entry."""

    src: str  # as written in the front matter
    alt: str
    credit: str
    # For a file: its path relative to the project root (like ``Entry.path``); the build
    # copies it to the entry's folder of the site. None for a URL.
    file: str | None = None

    @property
    def name(self) -> str | None:
        """The file's name in the entry's folder of the site, or None for a URL."""
        return self.file.rsplit("/", 1)[-1] if self.file else None


@dataclass(frozen=True, slots=True)
class Correction:
    """A dated note saying what an entry got wrong and what changed."""

    date: datetime  # timezone-aware, not before the entry's date
    note: str  # plain text, one line


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
    authors: tuple[Author, ...] = ()
    image: Image | None = None
    corrections: tuple[Correction, ...] = ()  # in the order written
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
    def revised(self) -> datetime | None:
        """The newest of ``updated`` and the corrections' dates; None when neither is set."""
        dates = [c.date for c in self.corrections]
        if self.updated is not None:
            dates.append(self.updated)
        return max(dates, default=None)

    @property
    def modified(self) -> datetime:
        """The last change: a correction dated by day only may fall before the entry's
        time on its first day, and a change is never before publication."""
        revised = self.revised
        return max(revised, self.date) if revised is not None else self.date

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
