"""Rules for the Markdown body of one entry: the three sections and their content."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.markup import BULLET, SECTION_KEYS, SECTIONS, Section
from generator.rules.context import EntryCheck
from generator.rules.front_matter import did_you_mean
from generator.rules.inline import check_inline


def _known(check: EntryCheck) -> list[Section]:
    return [s for s in check.outline.sections if s.key in SECTION_KEYS]


def check_outside_sections(check: EntryCheck) -> Iterator[Diagnostic]:
    for number, text in check.outline.preamble:
        if text.strip():
            yield check.line(number, 1, "E204", "text before the first section",
                             "start the body with '## What's new'")
            break
    for number, col, level, title in check.outline.stray_headings:
        yield check.line(number, col, "E204",
                         f"level-{level} heading '{title}' is not allowed",
                         "entries have only the three level-2 sections; use **bold** text")
    for section in check.outline.sections:
        if section.key not in SECTION_KEYS:
            yield check.line(section.line, section.col, "E204",
                             f"unexpected section '{section.title}'",
                             did_you_mean(section.key, SECTION_KEYS)
                             or "the sections are: " + ", ".join(SECTIONS))


def check_sections_present(check: EntryCheck) -> Iterator[Diagnostic]:
    sections = _known(check)
    present = {s.key for s in sections}
    end_line = check.doc.body_line + check.doc.body.count("\n")
    for index, key in enumerate(SECTION_KEYS):
        if key in present:
            continue
        later = [s for s in sections if SECTION_KEYS.index(s.key) > index]
        line = later[0].line if later else end_line
        yield check.line(line, 1, "E200", f"section '## {SECTIONS[index]}' is missing")


def check_sections_unique_and_ordered(check: EntryCheck) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    highest = -1
    for section in _known(check):
        if section.key in seen:
            yield check.line(section.line, section.col, "E202",
                             f"section '{section.title}' appears twice")
            continue
        seen.add(section.key)
        position = SECTION_KEYS.index(section.key)
        if position < highest:
            yield check.line(section.line, section.col, "E203",
                             f"section '{section.title}' is out of order",
                             "the order is: " + ", ".join(SECTIONS))
        highest = max(highest, position)


def check_section_content(check: EntryCheck) -> Iterator[Diagnostic]:
    for section in _known(check):
        content = [(n, t) for n, t in section.lines if t.strip()]
        if not content:
            yield check.line(section.line, section.col, "E201",
                             f"section '{section.title}' is empty")
        elif section.key == SECTION_KEYS[0]:
            yield from _bullet_list_only(check, section)
        elif all(BULLET.match(t) for _, t in content):
            yield check.line(section.line, section.col, "E201",
                             f"section '{section.title}' needs at least one paragraph")


def _bullet_list_only(check: EntryCheck, section: Section) -> Iterator[Diagnostic]:
    previous_blank = True
    in_list = False
    for number, text in section.lines:
        if not text.strip():
            previous_blank = True
            continue
        if BULLET.match(text):
            in_list = True
        elif (previous_blank or not in_list) and not text.startswith((" ", "\t")):
            yield check.line(number, 1, "E201",
                             f"'{section.title}' must be a bullet list ('- ' items) only")
            return
        previous_blank = False


def check_body_inline(check: EntryCheck) -> Iterator[Diagnostic]:
    yield from check_inline(check, check.doc.body, check.doc.body_line)


RULES = (check_outside_sections, check_sections_present, check_sections_unique_and_ordered,
         check_section_content, check_body_inline)
