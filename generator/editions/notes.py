"""Editor's notes: an optional file per edition, ``entries/editions/YYYY-MM-DD.md``.

The date is the first day of the edition's period (its key). The front matter holds an
optional ``title`` and an optional ``top`` story (an entry's slug or id); the body is the
intro, one Markdown paragraph. Problems are located diagnostics with codes E500-E519,
reported by ``digest check`` like an entry's.

The notes' folder is not scanned for entries (``generator.entries.loader.discover``), so a
note never meets the entry rules (E010 would refuse its name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic
from generator.editions.periods import Periods
from generator.entries.markup import Parsed, parse, refused_scheme, title_markup
from generator.entries.model import Entry
from generator.entries.reader import Document, read_text, split
from generator.entries.render import inline_html
from generator.settings import Settings

NOTES_DIR = "editions"  # below the entries folder
KEYS = ("title", "top")
_NAME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.md")
_TITLE_CHARS = (3, 200)
# What reading the front matter reports for entries, as the note's own code.
_FRONT_MATTER_CODES = frozenset({"E100", "E101", "E102", "E103"})


@dataclass(frozen=True, slots=True)
class EditorNote:
    """A valid editor's note. ``intro_html`` is sanitized inline HTML (no ``<p>``)."""

    path: str
    start: date  # the first day of the edition's period: the edition's key
    title: str | None
    intro_html: str
    top: str | None  # an entry's slug or id


def notes_dir(root: Path, settings: Settings) -> Path:
    return root / settings.entries_dir / NOTES_DIR


def note_files(folder: Path) -> list[Path]:
    """Every file of the notes' folder but hidden ones, in name order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "_")))


def check_notes(paths: Iterable[Path], shown: Mapping[Path, str], settings: Settings,
                entries: Iterable[Entry]) -> tuple[dict[str, EditorNote], list[Diagnostic]]:
    """The valid notes by edition key (``YYYY-MM-DD``) and every note's problems."""
    paths = list(paths)
    if not paths:  # most checks: no index of the entries' names needed
        return {}, []
    by_name = _entry_names(entries)
    notes: dict[str, EditorNote] = {}
    problems: list[Diagnostic] = []
    for path in paths:
        note, found = check_note(path, shown[path], settings, by_name)
        problems.extend(found)
        if note is not None:
            notes[note.start.isoformat()] = note
    return notes, problems


def _entry_names(entries: Iterable[Entry]) -> dict[str, Entry]:
    names: dict[str, Entry] = {}
    for entry in entries:
        names.setdefault(entry.slug, entry)
        names.setdefault(entry.identity, entry)
    return names


def check_note(path: Path, shown: str, settings: Settings,
               entries: Mapping[str, Entry]) -> tuple[EditorNote | None, list[Diagnostic]]:
    match = _NAME.fullmatch(path.name)
    start = _date(match.group(1)) if match else None
    if start is None:
        return None, [Diagnostic(shown, 1, 1, "E500", f"editor's note name '{path.name}' is not YYYY-MM-DD.md",
                                 "name the note after the first day of its edition, e.g. 2026-11-23.md")]
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    doc, split_problems = split(text, shown)
    if doc is None:
        return None, [_as_note_code(p) for p in split_problems]
    problems = list(_period_problems(shown, start, settings))
    fields, field_problems = _fields(doc)
    problems += field_problems
    intro, intro_problems = _intro(doc)
    problems += intro_problems
    top = fields.get("top")
    if top is not None:
        problems += _top_problems(doc, top, start, settings, entries)
    if problems:
        return None, problems
    title = fields.get("title")
    return EditorNote(shown, start, " ".join(title.value.split()) if title else None,
                      inline_html(intro), top.value.strip() if top else None), []


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _as_note_code(problem: Diagnostic) -> Diagnostic:
    if problem.code not in _FRONT_MATTER_CODES:
        return problem
    return Diagnostic(problem.path, problem.line, problem.col, "E502", problem.message, problem.hint)


def _period_problems(shown: str, start: date, settings: Settings) -> Iterator[Diagnostic]:
    if settings.editions == "off":
        return
    periods = Periods.of(settings)
    if not periods.is_start(start):
        first = periods.start_of(periods.opening(start))
        yield Diagnostic(shown, 1, 1, "E501",
                         f"{start.isoformat()} is not the first day of an edition "
                         f"(editions: {settings.editions}, week_start: {settings.week_start})",
                         f"rename the note to {first.isoformat()}.md, the first day of its edition")


def _fields(doc: Document) -> tuple[dict[str, yaml.ScalarNode], list[Diagnostic]]:
    fields: dict[str, yaml.ScalarNode] = {}
    problems: list[Diagnostic] = []
    for key, value in doc.front.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name not in KEYS:
            problems.append(doc.at(key, "E503", f"unknown key {name!r} in an editor's note",
                                   "the keys are 'title' and 'top'; the intro is the text "
                                   "below the front matter"))
        elif name in fields:
            problems.append(doc.at(key, "E503", f"the key {name!r} appears twice"))
        elif not _is_text(value):
            problems.append(doc.at(value, "E504", f"'{name}' must be text"))
        else:
            problems.extend(_field_problems(doc, name, value))
            fields[name] = value
    return fields, problems


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" \
        and bool(node.value.strip())


def _field_problems(doc: Document, name: str, node: yaml.ScalarNode) -> list[Diagnostic]:
    value = node.value.strip()
    if name == "title":
        low, high = _TITLE_CHARS
        if "\n" in value or not low <= len(value) <= high:
            return [doc.at(node, "E504", f"the title must be one line of {low} to {high} characters")]
        markup = title_markup(value)
        if markup is not None:  # plain text, as an entry's title (E111)
            return [doc.at(node, "E504", f"the title must be plain text: {markup[1]} is not allowed")]
    return []


def _intro(doc: Document) -> tuple[Parsed, list[Diagnostic]]:
    parsed = parse(doc.body.strip("\n"), doc.body_line + _leading_blank_lines(doc.body))
    blocks = [t for t in parsed.tokens if t.nesting >= 0 and t.level == 0]
    if not blocks or [t.type for t in blocks] != ["paragraph_open"]:
        line = parsed.line_of(blocks[1]) if len(blocks) > 1 else doc.body_line
        return parsed, [Diagnostic(doc.path, line, 1, "E505",
                                   "the intro below the front matter must be one paragraph"
                                   + ("" if blocks else ", and it is empty"))]
    return parsed, list(_markup_problems(doc.path, parsed))


def _leading_blank_lines(text: str) -> int:
    return len(text) - len(text.lstrip("\n"))


def _markup_problems(shown: str, parsed: Parsed) -> Iterator[Diagnostic]:
    for block in parsed.tokens:
        for token in block.children or ():
            line = parsed.line_of(block)
            if token.type == "html_inline":
                yield Diagnostic(shown, line, 1, "E506", "raw HTML is not allowed in the intro",
                                 "use Markdown: **bold**, *italic*, [text](https://...)")
            elif token.type in ("link_open", "image"):
                target = str(token.attrs.get("href" if token.type == "link_open" else "src", ""))
                scheme = refused_scheme(target)
                if scheme:
                    yield Diagnostic(shown, line, 1, "E506", f"the link scheme '{scheme}:' is not allowed",
                                     "links are http(s), mailto or relative")


def _top_problems(doc: Document, node: yaml.ScalarNode, start: date, settings: Settings,
                  entries: Mapping[str, Entry]) -> list[Diagnostic]:
    entry = entries.get(node.value.strip())
    if entry is None:
        return [doc.at(node, "E507", f"top story '{node.value}' is not the slug or id of an entry")]
    if entry.draft:
        return [doc.at(node, "E509", f"top story '{node.value}' is a draft: drafts are never in an edition")]
    if settings.editions != "off" and Periods.of(settings).start_of(entry.date) != start:
        return [doc.at(node, "E508", f"top story '{node.value}' ({entry.date:%Y-%m-%d}) is not in the "
                                     f"edition that starts {start.isoformat()}")]
    return []
