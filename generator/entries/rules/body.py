"""Rules for the Markdown body of one entry: the three sections and their content.

Structure is read from the parsed tokens (``EntryCheck.outline``), the same tokens the
renderer turns into the page: a heading inside a code fence is code, an underlined
(setext) heading is a heading.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.entries.markup import SECTION_KEYS, SECTIONS, Section
from generator.entries.rules.context import EntryCheck
from generator.entries.rules.inline import check_markup
from generator.text import did_you_mean


def _known(check: EntryCheck) -> list[Section]:
    return [s for s in check.outline.sections if s.key in SECTION_KEYS]


def check_outside_sections(check: EntryCheck) -> Iterator[Diagnostic]:
    for token in check.outline.preamble:
        if token.map is not None and token.nesting >= 0 and token.level == 0 \
                and token.type != "heading_open":
            yield check.line(*check.outline.parsed.block_position(token), "E204", "text before the first section",
                             "start the body with '## What's new'")
            break
    for token, title in check.outline.stray_headings:
        level = int(token.tag[1])
        where = "" if token.level == 0 else " inside a list or quote"
        yield check.line(*check.outline.parsed.block_position(token), "E204",
                         f"level-{level} heading '{title}'{where} is not allowed",
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
    """'What's new' is bullet lists only; the other two have at least one paragraph."""
    for section in _known(check):
        top = [t for t in section.tokens if t.level == 0 and t.nesting >= 0]
        if not top:
            yield check.line(section.line, section.col, check.unfinished("E201"),
                             f"section '{section.title}' is empty")
        elif section.key == SECTION_KEYS[0]:
            other = next((t for t in top if t.type != "bullet_list_open"), None)
            if other is not None:
                line, _ = check.outline.parsed.block_position(other)
                yield check.line(line, 1, "E201",
                                 f"'{section.title}' must be a bullet list ('- ' items) only")
        elif not any(t.type == "paragraph_open" for t in top):
            yield check.line(section.line, section.col, "E201",
                             f"section '{section.title}' needs at least one paragraph")


def check_body_markup(check: EntryCheck) -> Iterator[Diagnostic]:
    yield from check_markup(check, check.outline.parsed)


RULES = (check_outside_sections, check_sections_present, check_sections_unique_and_ordered,
         check_section_content, check_body_markup)
