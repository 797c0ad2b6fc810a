"""Rules that cross files: slugs, ids and aliases must not collide."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.diagnostics import Diagnostic
from generator.model import Entry


def check_unique_slugs(entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    owners: dict[str, Entry] = {}
    for entry in entries:
        other = owners.setdefault(entry.slug, entry)
        if other is not entry:
            yield Diagnostic(entry.path, 1, 1, "E300",
                             f"slug '{entry.slug}' is also used by {other.path}")

def check_unique_ids(entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    owners: dict[str, Entry] = {}
    for entry in entries:
        other = owners.setdefault(entry.identity, entry)
        if other is not entry:
            yield Diagnostic(entry.path, 1, 1, "E302",
                             f"id '{entry.identity}' is also the identity of {other.path}")

def check_aliases(entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    """An alias must not take a URL or slug that another entry owns."""
    urls = {entry.url: entry for entry in entries}
    slugs = {entry.slug: entry for entry in entries}
    claimed: dict[str, Entry] = {}
    for entry in entries:
        for alias in entry.aliases:
            url = entry.alias_url(alias)
            owner = urls.get(url) or slugs.get(alias)
            if owner is not None and owner is not entry:
                yield Diagnostic(entry.path, 1, 1, "E301",
                                 f"alias '{alias}' collides with {owner.path}")
            previous = claimed.setdefault(url, entry)
            if previous is not entry:
                yield Diagnostic(entry.path, 1, 1, "E301",
                                 f"alias '{alias}' is also an alias of {previous.path}")

RULES = (check_unique_slugs, check_unique_ids, check_aliases)
