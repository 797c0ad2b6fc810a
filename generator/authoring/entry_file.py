"""Writing entry files: the inverse of reading, used by ``digest new`` and the importers."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from generator.entries.markup import SECTIONS

# The placeholders a new entry starts with ('digest new', 'digest import-feed'): each one
# fails the check (E214) until an editor writes the text.
SUMMARY_TODO = "TODO: one paragraph that says what happened, who did it and when."
SECTION_TODOS = {
    SECTIONS[0]: "- TODO: the first new fact.\n- TODO: the next new fact.",
    SECTIONS[1]: "TODO: the background a reader needs.",
    SECTIONS[2]: "TODO: why this matters, and to whom.",
}


class _Dumper(yaml.SafeDumper):
    """Block style, no anchors: what an editor would write by hand."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def entry_text(front: dict[str, object], sections: dict[str, str]) -> str:
    """Entry file text from front matter fields and the three sections' Markdown."""
    # One line a value, like the body's paragraphs: diffs stay readable.
    header = yaml.dump(front, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                       width=1_000_000)
    body = "\n\n".join(f"## {title}\n\n{sections[title].strip()}" for title in SECTIONS)
    return f"---\n{header}---\n\n{body}\n"


def entry_path(entries_dir: Path, date: str, slug: str) -> Path:
    """Where an entry of that date and slug lives: ``entries/YYYY/YYYY-MM-DD-slug.md``."""
    return entries_dir / date[:4] / f"{date}-{slug}.md"


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; never overwrites (raises FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
