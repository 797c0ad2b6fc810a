"""Values are text, of lengths and ranges every stage can take, and no placeholder or stray
file is published in silence (E003, E004, E010, E011, E120, E160, E214, E401)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.feed_import import Feed, Item, Options, plan_drafts
from generator.feeds.model import rfc822, rfc3339
from generator.loader import entry_from_text, load
from generator.reader import decode
from generator.rules.vocabulary import load_vocabulary
from generator.settings import Settings
from generator.values import MAX_SLUG, parse_date
from tests.support import TAGS_YML, VALID_ENTRY, digest, write_project

NAME = "2026-06-02-valid-entry.md"
SETTINGS = Settings()
TITLE = "title: A valid entry about a model launch"


def replace(old: str, new: str, text: str = VALID_ENTRY) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def problems_of(text: str, name: str = NAME, settings: Settings = SETTINGS,
                tags: dict | None = None) -> list:
    """What `digest check` reports for one file's text (bytes decoded as it does)."""
    decoded, problems = decode(text.encode("utf-8"), name)
    if decoded is None:
        return problems
    vocabulary = tags if tags is not None else {"ai": None, "healthcare": None}
    return entry_from_text(decoded, name, name, vocabulary, settings)[1]


def codes_at(problems: list) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.col) for p in problems]


def check_json(root: Path, *args: str) -> tuple[int, list[dict]]:
    result = digest("check", "--format", "json", *args, cwd=root)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


# -- 1. values are text ------------------------------------------------------------------------

NOT_TEXT = ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x80", "\x85", "\x92", "\x9f",
            "\u2028", "\u2029", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
            "\u2067", "\u2068", "\u2069", "\ufffe"]


@pytest.mark.parametrize("char", NOT_TEXT, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("where", ["title", "body"])
def test_raw_character_is_refused_at_its_position(char: str, where: str) -> None:
    if where == "title":
        text = replace("A valid entry", f"A val{char}id entry")
        line, col = 2, 13
    else:
        text = replace("Labs have been", f"Labs{char} have been")
        line, col = 20, 5
    problems = problems_of(text)
    assert codes_at(problems) == [("E003", line, col)]
    assert f"U+{ord(char):04X}" in problems[0].message
    assert char not in problems[0].message


@pytest.mark.parametrize("char", ["\t", "\u200e", "\u200f", "\u061c", "\u00a0", "\u2019", "\U0001f600"],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_text_characters_are_allowed(char: str) -> None:
    text = replace("publisher: Example News", f"publisher: Example{char}News")
    text = replace("quote: The lab released", f'quote: "The\\U{ord(char):08x} lab" +', text)
    text = replace('lab" + the model today.', 'lab released the model today."', text)
    assert [p.code for p in problems_of(text)] == []


def test_line_separator_cannot_hide_a_key(tmp_path: Path) -> None:
    """YAML reads U+2028 as a line break: 'title' would end and 'draft: true' begin."""
    entry = replace(TITLE, TITLE + "\u2028draft: true")
    write_project(tmp_path, {f"2026/{NAME}": entry})
    status, found = check_json(tmp_path)
    assert status == 1
    assert [(d["code"], d["line"], d["col"]) for d in found] == [("E003", 2, 42)]
    assert "U+2028 (LINE SEPARATOR)" in found[0]["message"]


def test_line_separator_cannot_hide_an_anchor() -> None:
    text = replace("tags: [ai, healthcare]", "tags: [ai, healthcare]\u2029other: &a x")
    assert codes_at(problems_of(text)) == [("E003", 4, 23)]


ESCAPES = ["\\x1b", "\\0", "\\a", "\\e", "\\r", "\\v", "\\f", "\\x7f", "\\u0092", "\\N",
           "\\L", "\\P", "\\u2028", "\\u202E", "\\u2066", "\\U0000202e", "\\uFFFE"]

# (a line of front matter with {} where the escape goes, its line, the node's column, the
# name the message gives)
PLACES = [
    ('title: "It{}s a valid entry about a model"', 2, 8, "'title'"),
    ('summary: "A lab{} released a model."', 5, 10, "'summary'"),
    ('date: "2026-06-02{}"', 3, 7, "'date'"),
    ('updated: "2026-06-03{}"', 3, 10, "'updated'"),
    ('id: "valid{}"', 3, 5, "'id'"),
    ('aliases: [old-slug, "x{}"]', 3, 21, "'aliases[2]'"),
    ('tags: [ai, "health{}care"]', 4, 12, "'tags[2]'"),
    ('"ti{}tle": A second title', 3, 1, "a key"),
    ('  - publisher: "Example{} News"', 7, 16, "'sources[1].publisher'"),
    ('    url: "https://news.example.com/{}"', 8, 10, "'sources[1].url'"),
    ('    title: "Model{} launched"', 9, 12, "'sources[1].title'"),
    ('    quote: "The lab{}."', 10, 12, "'sources[1].quote'"),
    ('    "quote{}": The lab.', 10, 5, "a key in 'sources[1]'"),
]


def _line_of(line_text: str) -> str:
    """The line of VALID_ENTRY with the same key (a source's key when indented)."""
    key = line_text.strip().removeprefix("- ").split(":")[0].replace("{}", "").strip('"')
    lines = VALID_ENTRY.split("\n")
    if line_text.startswith(" "):
        lines = lines[lines.index("sources:"):]
    return next(x for x in lines if x.strip().removeprefix("- ").startswith(key + ":")
                and x.startswith(" ") == line_text.startswith(" "))


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize("place", PLACES, ids=lambda p: p[3])
def test_escaped_character_is_refused_at_its_node(place, escape: str) -> None:
    line_text, line, col, name = place
    if name == "a key":
        text = replace(TITLE, TITLE + "\n" + line_text.format(escape))
    elif name == "'date'":
        text = replace("date: 2026-06-02", line_text.format(escape))
    elif name in {"'updated'", "'id'", "'aliases[2]'"}:
        text = replace("date: 2026-06-02", "date: 2026-06-02\n" + line_text.format(escape))
        line = 4
    else:
        text = replace(_line_of(line_text), line_text.format(escape))
    problems = problems_of(text)
    assert codes_at(problems) == [("E003", line, col)], problems
    message = problems[0].message
    assert message.startswith("control character U+") and message.endswith(f"in {name}")


def test_pasted_windows_1252_apostrophe_never_reaches_the_title(tmp_path: Path) -> None:
    entry = replace(TITLE, 'title: "It\\u0092s a valid entry about a model launch"')
    write_project(tmp_path, {f"2026/{NAME}": entry})
    status, found = check_json(tmp_path)
    assert status == 1
    assert found == [{"path": f"entries/2026/{NAME}", "line": 2, "col": 8, "code": "E003",
                      "message": "control character U+0092 in 'title'", "hint": None,
                      "severity": "error"}]


@pytest.mark.parametrize("tags, line, col, message", [
    ('"a\\x1bi":\n  name: AI\n  description: x\n', 1, 1, "a key"),
    ('ai:\n  name: "A\\u0092I"\n  description: x\n', 2, 9, "'ai.name'"),
    ('ai:\n  name: AI\n  description: "x\\u202e"\n', 3, 16, "'ai.description'"),
    ('ai:\n  name: AI\n  description: "x\\L"\n', 3, 16, "'ai.description'"),
    ('ai:\n  name: AI\u202e\n  description: x\n', 2, 11, "is not allowed"),
    ('ai:\n  name: AI\n  description: x\u2028y: z\n', 3, 17, "is not allowed"),
])
def test_tag_vocabulary_values_are_text(tmp_path: Path, tags: str, line: int, col: int,
                                        message: str) -> None:
    path = tmp_path / "tags.yml"
    path.write_text(tags, encoding="utf-8")
    found, problems = load_vocabulary(path, "entries/tags.yml")
    assert found == {}
    assert codes_at(problems) == [("E003", line, col)]
    assert problems[0].message.endswith(message if message == "is not allowed" else f"in {message}")


def test_tag_vocabulary_escape_is_reported_by_check(tmp_path: Path) -> None:
    write_project(tmp_path, tags=TAGS_YML.replace("name: AI", 'name: "A\\u0085I"'))
    status, found = check_json(tmp_path)
    assert status == 1
    assert ("E003", "entries/tags.yml", 2) in {(d["code"], d["path"], d["line"]) for d in found}
