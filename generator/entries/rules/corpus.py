"""Rules that cross files: slugs, ids and aliases must not collide."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence

from generator.diagnostics import Diagnostic
from generator.entries.model import Entry


def _shared(entries: Sequence[Entry], key: Callable[[Entry], str]) -> Iterator[tuple[Entry, list[Entry]]]:
    """Each entry whose key others share, with those others: both sides of a clash
    are reported, so each file gets its own located annotation."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[key(entry)].append(entry)
    for group in groups.values():
        if len(group) > 1:
            for entry in group:
                yield entry, [other for other in group if other is not entry]


def check_unique_slugs(entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    for entry, others in _shared(entries, lambda e: e.slug):
        yield Diagnostic(entry.path, 1, 1, "E300", f"slug '{entry.slug}' is also used by "
                         + ", ".join(other.path for other in others))


def check_unique_ids(entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    for entry, others in _shared(entries, lambda e: e.identity):
        # Entries without an explicit id share an identity only when they share a
        # slug, which E300 already reports.
        if entry.id or any(other.id for other in others):
            yield Diagnostic(entry.path, 1, 1, "E302", f"id '{entry.identity}' is also the "
                             "identity of " + ", ".join(other.path for other in others))


def check_aliases(entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    """An alias must not take a URL or slug that another entry owns, nor another alias's
    URL; both sides of each clash are reported."""
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
                yield Diagnostic(owner.path, 1, 1, "E301",
                                 f"slug '{owner.slug}' is claimed as an alias by {entry.path}")
            previous = claimed.setdefault(url, entry)
            if previous is not entry:
                yield Diagnostic(entry.path, 1, 1, "E301",
                                 f"alias '{alias}' is also an alias of {previous.path}")
                yield Diagnostic(previous.path, 1, 1, "E301",
                                 f"alias '{alias}' is also an alias of {entry.path}")


RULES = (check_unique_slugs, check_unique_ids, check_aliases)
