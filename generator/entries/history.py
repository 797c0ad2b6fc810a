"""What a branch does to what readers already have: published addresses and feed identities.

``digest check --changed-since REF`` compares the entries the branch deleted (a rename or a
date change deletes the old file) or edited with the entries there are now:

- E310: a published entry's address must keep working, as another entry's alias (the old
  slug, or ``YYYY/MM/DD/slug`` when the date changed);
- E311: the entry that keeps it (the one whose alias points at the old address) must keep
  the old feed identity too, by setting ``id``; and an edit must not add, change or remove
  a published entry's ``id``: otherwise every subscriber's reader shows the brief twice.

Only git knows what an entry was, so these run only with ``--changed-since``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path, PurePosixPath

from generator.cli.changed_files import Changes, old_text
from generator.diagnostics import Diagnostic
from generator.editions.notes import NOTES_DIR
from generator.entries.loader import VOCABULARY, entry_from_text, is_entry_name
from generator.entries.model import Entry
from generator.entries.rules.authors import AUTHORS_FILE, load_authors
from generator.entries.rules.vocabulary import Named, load_vocabulary
from generator.settings import Settings

# Files that every entry's check or page depends on: when a branch changes one of them,
# ``--changed-since`` checks every entry again (a tag removed from the vocabulary, a new
# time zone or template can break an entry nobody touched). Folders end with '/'.
SHARED = ("mkdocs.yml", "pyproject.toml", "requirements/", "generator/", "docs/overrides/")


def shared_changes(changes: Changes, root: Path, settings: Settings) -> list[str]:
    """The changed or deleted files, relative to ``root``, that every entry depends on."""
    folder = settings.entries_dir.strip('/')
    vocabularies = (f"{folder}/{VOCABULARY}", f"{folder}/{AUTHORS_FILE}")
    names = [_relative(path, root) for path in changes.existing] + list(changes.deleted)
    return [name for name in names
            if name in vocabularies or any(name == s or (s.endswith("/") and name.startswith(s))
                                         for s in SHARED)]


def _relative(path: Path, root: Path) -> str:
    return PurePosixPath(path.relative_to(root)).as_posix()


def deleted_entries(changes: Changes, root: Path, settings: Settings) -> list[Entry]:
    """The entries the branch deleted, as they were at the base (valid ones only: an invalid
    entry never built, so it was never published)."""
    return _old_entries(changes.deleted, changes, root, settings)


def edited_entries(changes: Changes, root: Path, settings: Settings) -> list[Entry]:
    """The entries the branch changed in place, as they were at the base (new files have
    no old version and are left out)."""
    return _old_entries([_relative(path, root) for path in changes.existing], changes, root,
                        settings)


def _old_entries(names: list[str], changes: Changes, root: Path, settings: Settings) -> list[Entry]:
    prefix = settings.entries_dir.strip("/") + "/"
    names = [n for n in names if n.startswith(prefix) and is_entry_name(PurePosixPath(n).name)
             and not n.startswith(f"{prefix}{NOTES_DIR}/")]  # editor's notes are not entries
    if not names:
        return []
    tags = _old_vocabulary(changes.base, root, prefix + VOCABULARY, load_vocabulary)
    # An entry naming an author is valid only with the authors it was written with.
    authors = _old_vocabulary(changes.base, root, prefix + AUTHORS_FILE, load_authors)
    found = []
    for name in names:
        text = old_text(root, changes.base, name)
        if text is None:
            continue
        entry, _ = entry_from_text(text, name, PurePosixPath(name).name, tags, settings,
                                   authors=authors)
        if entry is not None:
            found.append(entry)
    return found


def _old_vocabulary(commit: str, root: Path, name: str,
                    load: Callable[[Path, str], tuple[dict[str, Named], list[Diagnostic]]],
                    ) -> dict[str, Named]:
    """A vocabulary file (tags.yml, authors.yml) as ``commit`` had it, read by ``load``;
    empty when that commit has none."""
    text = old_text(root, commit, name)
    if text is None:
        return {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / PurePosixPath(name).name
        path.write_text(text, encoding="utf-8")
        found, _ = load(path, name)
    return found


def check_history(deleted: Iterable[Entry], current: Sequence[Entry],
                  now: datetime | None, edited: Iterable[Entry] = ()) -> list[Diagnostic]:
    """E310 for each deleted published entry whose address nothing keeps, E311 for each entry
    that keeps a deleted entry's address under another feed identity, or whose edit changed
    its own ('id' added, changed or removed)."""
    problems = []
    by_path = {entry.path: entry for entry in current}
    for old in edited:
        new = by_path.get(old.path)
        if _published(old, now) and new is not None and new.identity != old.identity:
            problems.append(Diagnostic(
                new.path, 1, 1, "E311",
                f"this entry's feed identity changes from '{old.identity}' to '{new.identity}': "
                "feed readers would show it twice",
                f"keep 'id: {old.identity}'" if old.id else "remove 'id' (or set it to the slug)"))
    urls = {entry.url: entry for entry in current}
    kept_by = {entry.alias_url(alias): entry for entry in current for alias in entry.aliases}
    for old in deleted:
        if not _published(old, now):
            continue  # never published: nobody has its address or its feed item
        heir = urls.get(old.url) or kept_by.get(old.url)
        if heir is not None and not _published(heir, now):
            heir = None  # an unpublished entry serves no address yet
        if heir is None:
            problems.append(Diagnostic(
                old.path, 1, 1, "E310",
                f"published entry deleted: its address {old.url} would stop working",
                f"if it moved, add '{old.slug}' to the new entry's aliases "
                f"('{old.url.rstrip('/')}' if its date changed) and set 'id: {old.identity}'"))
        elif heir.identity != old.identity:
            problems.append(Diagnostic(
                heir.path, 1, 1, "E311",
                f"this entry keeps the address of {old.path} but not its feed identity "
                f"'{old.identity}': feed readers would show it twice",
                f"add 'id: {old.identity}' to the front matter"))
    return problems


def _published(entry: Entry, now: datetime | None) -> bool:
    return not entry.draft and (now is None or entry.date <= now)
