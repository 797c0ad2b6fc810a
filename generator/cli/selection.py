"""Which files a ``digest check PATH...`` call reports on."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.editions.notes import NOTES_DIR, note_files
from generator.entries.loader import VOCABULARY, discover, stray_entries
from generator.entries.rules.authors import AUTHORS_FILE
from generator.settings import Settings


@dataclass
class Selection:
    files: list[Path] | None  # None: the whole corpus
    skipped: list[str] = field(default_factory=list)  # given paths that are not entry files

    def union(self, other: Selection) -> Selection:
        if self.files is None or other.files is None:
            return Selection(None, self.skipped + other.skipped)
        return Selection(list(dict.fromkeys(self.files + other.files)), self.skipped + other.skipped)


def select(paths: list[Path], root: Path, settings: Settings) -> Selection:
    """The entry files (and the vocabulary) among ``paths``; folders stand for the entry
    files below them. Other files are skipped, so pre-commit and ``--changed-since`` can
    pass whatever changed."""
    entries_dir = (root / settings.entries_dir).resolve()
    vocabulary = entries_dir / VOCABULARY
    authors = entries_dir / AUTHORS_FILE
    vocabularies = {vocabulary, authors} if authors.is_file() else {vocabulary}
    known = {p.resolve() for p in discover(entries_dir)} if entries_dir.is_dir() else set()
    known |= {p.resolve() for p in note_files(entries_dir / NOTES_DIR)}  # editor's notes
    # Entry-shaped files outside the entries folder are reported (E011) when named.
    strays = {p.resolve() for p in stray_entries(root.resolve(), entries_dir)}
    chosen: dict[Path, None] = {}  # ordered set
    skipped: list[str] = []
    for given in paths:
        path = Path(os.path.abspath(given)).resolve()
        if path.is_dir():
            if entries_dir.is_relative_to(path):
                return Selection(None, skipped)
            below = sorted(p for p in known | vocabularies if p.is_relative_to(path))
            strays_below = sorted(p for p in strays if p.is_relative_to(path))
            if path.is_relative_to(entries_dir):
                chosen.update(dict.fromkeys(below))
            elif strays_below:
                chosen.update(dict.fromkeys(strays_below))
            else:
                skipped.append(str(given))
        elif path in (vocabulary, authors) or path in known or path in strays:
            chosen[path] = None
        else:
            skipped.append(str(given))
    return Selection(list(chosen), skipped)
