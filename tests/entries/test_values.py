"""Values are text, of lengths and ranges every stage can take, and no placeholder or stray
file is published in silence (E003, E004, E010, E011, E120, E160, E214, E401)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from generator.authoring.import_feed import Item, Options, SourceFeed, plain_text, plan_drafts
from generator.entries.loader import entry_from_text, load
from generator.entries.reader import decode
from generator.entries.rules.vocabulary import load_vocabulary
from generator.entries.values import MAX_SLUG, parse_date
from generator.feeds.model import rfc822, rfc3339
from generator.settings import Settings
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


def test_feed_text_is_made_text() -> None:
    """Drafts from a feed do not carry what the check refuses: a Windows-1252 byte read as
    a C1 control becomes the character meant, other controls are dropped."""
    assert plain_text("It\x92s \x93new\x94 \u202eevil\u202c\x1b[31m red") == "It\u2019s \u201cnew\u201d evil[31m red"
    assert plain_text("It&#146;s &#x2028;here") == "It\u2019s here"


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


# -- 2. lengths and ranges ---------------------------------------------------------------------

def test_slugs_have_a_maximum_length(tmp_path: Path) -> None:
    longest = "a" * (MAX_SLUG - 2) + "-b"
    too_long = "word-" * 60 + "end"  # 303 characters: 'File name too long' in the build
    entries = {
        f"2026/2026-06-02-{longest}.md": replace("date:", f"id: {longest}\naliases: [{longest}x]\ndate:"),
        f"2026/2026-06-02-{longest}c.md": replace("date:", f"id: {too_long}\ndate:"),
        f"2026/2026-06-03-x{longest}.md": replace(
            "date: 2026-06-02", f"date: 2026-06-03\naliases: [old, {too_long}]"),
    }
    tags = TAGS_YML + f"{longest}:\n  name: L\n  description: ok\n" \
                      f"{too_long}:\n  name: T\n  description: too long\n"
    write_project(tmp_path, entries, tags=tags)
    status, found = check_json(tmp_path)
    assert status == 1
    errors = {(d["code"], d["path"].rsplit("/", 1)[-1], d["line"]) for d in found
              if d["severity"] == "error"}
    assert errors == {
        ("E160", f"2026-06-02-{longest}.md", 4),
        ("E010", f"2026-06-02-{longest}c.md", 1),
        ("E160", f"2026-06-02-{longest}c.md", 3),
        ("E010", f"2026-06-03-x{longest}.md", 1),
        ("E160", f"2026-06-03-x{longest}.md", 4),
        ("E401", "tags.yml", 13),
    }
    messages = " ".join(d["message"] for d in found)
    assert f"longer than {MAX_SLUG} characters" in messages
    assert too_long not in messages  # cut short in the message


OUT_OF_RANGE = ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00", "9999-12-31",
                "0001-01-01", "9999-01-01T00:00:00Z", "0999-06-02", "1969-12-31",
                "1969-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00", "1969-12-31T23:00:00-05:00",
                "2106-01-01", "2105-12-31T23:00:00-01:00", "2106-01-01T05:00:00+14:00",
                "2106-02-07T06:28:16Z"]


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize("field", ["date", "updated"])
def test_dates_out_of_range_are_refused(value: str, field: str) -> None:
    line = "date: 2026-06-02" if field == "date" else "date: 2026-06-02\nupdated: '2026-06-02'"
    text = replace("date: 2026-06-02", line)
    text = replace(f"{field}: " + ("2026-06-02" if field == "date" else "'2026-06-02'"),
                   f"{field}: '{value}'", text)
    problems = [p for p in problems_of(text) if p.code != "E121"]
    assert codes_at(problems) == [("E120", 3 if field == "date" else 4, 7 if field == "date" else 10)]
    assert "out of range" in problems[0].message and "1970-01-01" in problems[0].message


def test_date_out_of_range_is_a_located_error_not_a_traceback(tmp_path: Path) -> None:
    write_project(tmp_path, {
        "9999/9999-12-31-valid-entry.md": replace("date: 2026-06-02", "date: 9999-12-31T23:00:00-05:00"),
        "0001/0001-01-01-early-entry.md": replace(
            "date: 2026-06-02", "date: 2026-06-02\nupdated: 0001-01-01T00:00:00+05:00"),
    })
    status, found = check_json(tmp_path)
    assert status == 1
    assert {(d["code"], d["line"]) for d in found if d["code"] == "E120"} == {("E120", 3), ("E120", 4)}


def test_site_time_zone_counts_for_the_range() -> None:
    plus_14 = Settings(timezone="Etc/GMT-14")
    text = replace("date: 2026-06-02", "date: 1970-01-01")
    assert ("E120", 3, 7) in codes_at(problems_of(text, "1970-01-01-valid-entry.md", plus_14))
    assert codes_at(problems_of(text, "1970-01-01-valid-entry.md")) == []


def test_updated_before_date_is_still_reported() -> None:
    text = replace("date: 2026-06-02", "date: 2026-06-02T10:00:00+02:00\nupdated: 2026-06-02T07:00:00Z")
    assert codes_at(problems_of(text)) == [("E122", 4, 10)]


@pytest.mark.parametrize("value", ["1970-01-02", "1970-01-01T00:00:00Z", "1970-01-01T23:00:00-12:00",
                                   "2105-12-31T23:59:59Z", "2105-12-31T23:59:59+14:00",
                                   "2105-12-31T10:00:00-12:00"])
@pytest.mark.parametrize("zone", ["UTC", "Etc/GMT-14", "Etc/GMT+12", "America/New_York"])
def test_accepted_dates_convert_everywhere(value: str, zone: str) -> None:
    """Every conversion the build makes works for any date the check accepts."""
    moment = parse_date(value, Settings(timezone=zone).tz)
    assert 1970 <= moment.year <= 2105
    assert len(rfc3339(moment)) == 20 and rfc822(moment)[-3:] == "GMT"
    moment.astimezone(Settings(timezone=zone).tz)
    assert f"{moment:%Y/%m/%d}"[4] == "/"  # four-digit years in addresses
    moment.isoformat()


def test_extreme_dates_build(tmp_path: Path, monkeypatch) -> None:
    """Entries at both ends of the range go through the whole build: pages, feeds, sitemap."""
    write_project(tmp_path, {
        "1970/1970-01-01-earliest-entry.md": replace("date: 2026-06-02",
                                                     "date: 1970-01-01T00:00:00Z"),
        "2105/2105-12-31-latest-entry.md": replace(
            "date: 2026-06-02", "date: 2105-12-31T23:59:59+14:00\nupdated: 2105-12-31T23:59:59Z"),
    })
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nsite_url: https://digest.example.org/\ntheme:\n  name: material\n"
        "plugins:\n  - digest\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4291747200")  # 2106-01-01: both are published
    status, found = check_json(tmp_path)
    assert status == 0, found
    result = digest("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "1970/01/01/earliest-entry/index.html").is_file()
    assert (site / "2105/12/31/latest-entry/index.html").is_file()
    feeds = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.xml"))
    # The 1970 entry is dated by day only: feeds stamp it within its first hour.
    assert "Thu, 31 Dec 2105 09:59:59 GMT" in feeds
    assert re.search(r"Thu, 01 Jan 1970 00:[0-5]\d:[0-5]\d GMT", feeds)
    assert "2105-12-31T23:59:59Z" in feeds
    assert "<lastmod>2105-12-31</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "sitemap.xml.gz").is_file()


def test_feed_item_dated_out_of_range_is_skipped_with_a_message(tmp_path: Path) -> None:
    from datetime import UTC, date, datetime
    item = Item("A feed item from the far future", "https://news.example.com/far",
                datetime(9999, 12, 31, 23, tzinfo=UTC), None, "far future")
    plan = plan_drafts(SourceFeed("Example", (item,)), Options(tags=("ai",)), entries_dir=tmp_path,
                       known=set(), taken_slugs=set(), vocabulary={},
                       tz=Settings(timezone="Asia/Tokyo").tz, publisher_fallback="x",
                       today=date(2026, 6, 2))
    assert plan.drafts == []
    assert [(i.link, why) for i, why in plan.skipped] == [
        ("https://news.example.com/far", "its date 9999-12-31 is not in years 1970 to 2105")]


def test_new_refuses_a_date_out_of_range_and_a_long_slug(project: Path) -> None:
    result = digest("new", "A title that is long enough", "--tag", "ai", "--date", "0001-01-01",
                    cwd=project)
    assert result.returncode == 2 and "out of range" in result.stderr
    assert not (project / "entries" / "0001").exists()
    result = digest("new", "A title that is long enough", "--tag", "ai", "--date", "2026-06-02",
                    "--slug", "a" * (MAX_SLUG + 1), cwd=project)
    assert result.returncode == 2 and f"longer than {MAX_SLUG} characters" in result.stderr
    assert not (project / "entries" / "2026").exists()


# -- 3. placeholders and strays ----------------------------------------------------------------

def _todo_lines(text: str) -> dict[int, int]:
    """{line: column of the first 'TODO'} for every front matter line holding one."""
    found = {}
    for number, line in enumerate(text.split("\n"), 1):
        if "TODO" in line:
            key_end = line.find(": ") + 2 if ": " in line and not line.lstrip().startswith("- TODO") \
                and "TODO" not in line.split(": ")[0] else None
            found[number] = line.index("TODO") + 1 if key_end else None
    return found


@pytest.mark.parametrize("sources", [[], ["https://news.example.com/a", "https://b.example.org/"]])
def test_every_placeholder_of_digest_new_fails_the_check(project: Path, sources: list[str]) -> None:
    args = [a for url in sources for a in ("--source", url)]
    result = digest("new", "A new brief about a model launch", "--tag", "ai",
                    "--date", "2026-06-02", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    path = result.stdout.strip()
    text = (project / path).read_text(encoding="utf-8")
    status, found = check_json(project)
    assert status == 1
    reported = {d["line"]: d["col"] for d in found if d["code"] == "E214" and d["path"] == path}
    expected = _todo_lines(text)
    assert set(reported) == set(expected), (text, found)
    for line, col in expected.items():
        if col is not None:  # front matter: at the value
            assert reported[line] == col, (line, text.split("\n")[line - 1], found)
    publisher = [n for n, line in enumerate(text.split("\n"), 1) if "TODO publisher" in line]
    assert len(publisher) == max(1, len(sources)) and set(publisher) <= set(reported)
    assert ("https://TODO.example/source" in text) == (not sources)


@pytest.mark.parametrize("field, value, line, col", [
    ("publisher", "TODO publisher", 7, 17),  # at the TODO, after the quote
    ("url", "https://TODO.example/source", 8, 19),
    ("title", "TODO: the title of the source", 9, 13),
    ("quote", "TODO: the sentence from the source.", 10, 13),
])
def test_placeholder_in_a_source_value(field: str, value: str, line: int, col: int) -> None:
    old = _line_of(f"    {field}: x")
    text = replace(old, old.split(":")[0] + f": '{value}'")
    problems = problems_of(text)
    assert codes_at(problems) == [("E214", line, col)]
    assert field in problems[0].message


STRAYS = ["2026-06-02-valid-entry.MD", "2026-06-02-valid-entry.Md", "2026-06-02-valid-entry.markdown",
          "2026-06-02-valid-entry.md.txt", "2026-06-02-valid-entry...md", "...md", "..md", ".md",
          "2026-06-02-.md", "2026-06-02-valid-entry", "2026-06-02-valid-entry.txt",
          "2026-06-02-valid-entry.md~", "2026-06-02-valid-entry.md.bak", "2026-06-02-valid-entry.html",
          "2026-06-02-valid-entry.yml", "valid-entry.md", "notes.txt", "readme.md", "entry.mdown",
          "2026-6-2-valid-entry.md", "2026-06-02_valid_entry.md"]


@pytest.mark.parametrize("name", STRAYS)
def test_misnamed_entry_file_is_an_error(tmp_path: Path, name: str) -> None:
    write_project(tmp_path, {"2026/2026-06-03-other-entry.md": replace("2026-06-02", "2026-06-03"),
                             f"2026/{name}": VALID_ENTRY})
    status, found = check_json(tmp_path)
    assert status == 1
    assert [(d["code"], d["path"], d["line"]) for d in found if d["code"] == "E010"] \
        == [("E010", f"entries/2026/{name}", 1)]


@pytest.mark.skipif(os.name != "posix", reason="file names with control characters")
def test_file_name_control_characters_are_not_printed(tmp_path: Path) -> None:
    write_project(tmp_path, {"2026/2026-06-02-valid\x1b[2J\u202e.md": VALID_ENTRY})
    result = digest("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "entries/2026/2026-06-02-valid\\u001b[2J\\u202e.md:1:1: error[E010]" in result.stdout


IGNORED = ["README.md", "_draft.md", "_2026-06-02-valid-entry.md", ".gitkeep", ".DS_Store",
           ".2026-06-02-valid-entry.md.swp", "2026-06-02-valid-entry.png", "2026-06-02-chart.JPG",
           "photo.jpg", "diagram.svg", "report.pdf", "Thumbs.db"]


def test_other_files_are_ignored(tmp_path: Path) -> None:
    write_project(tmp_path, {f"2026/{name}": VALID_ENTRY for name in IGNORED}
                  | {"2026/2026-06-02-valid-entry.md": VALID_ENTRY,
                     "2026/tags.yml": "not: read\n"})
    status, found = check_json(tmp_path)
    assert (status, found) == (0, [])


def test_misnamed_file_is_checked_when_named_or_changed(tmp_path: Path) -> None:
    write_project(tmp_path, {"2026/2026-06-02-valid-entry.markdown": VALID_ENTRY})
    status, found = check_json(tmp_path, "entries/2026/2026-06-02-valid-entry.markdown")
    assert status == 1 and [d["code"] for d in found] == ["E010"]


ENTRY_SHAPED = "2026-06-02-valid-entry.md"


@pytest.mark.parametrize("folder", ["", "docs", "docs/2026/06", "notes"])
def test_entry_file_outside_entries_is_reported(tmp_path: Path, folder: str) -> None:
    write_project(tmp_path, {f"2026/{ENTRY_SHAPED}": VALID_ENTRY})
    target = tmp_path / folder / "2026-06-03-stray-entry.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(VALID_ENTRY, encoding="utf-8")
    shown = target.relative_to(tmp_path).as_posix()
    status, found = check_json(tmp_path)
    assert status == 1
    assert [(d["code"], d["path"], d["line"], d["col"]) for d in found] == [("E011", shown, 1, 1)]
    status, found = check_json(tmp_path, shown)  # named: reported too
    assert status == 1 and [d["code"] for d in found] == ["E011"]
    assert load(tmp_path, SETTINGS).ok is False  # the build (and 'digest compile') fail too


def test_entry_shaped_files_in_tooling_folders_are_not_reported(tmp_path: Path) -> None:
    write_project(tmp_path, {f"2026/{ENTRY_SHAPED}": VALID_ENTRY})
    for folder in (".venv/lib", "venv", "site", "node_modules/x", ".git", "seeds", "tests/data",
                   ".hidden", "benchmarks/work/venv-x/lib"):
        path = tmp_path / folder / "2026-06-03-stray-entry.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(VALID_ENTRY, encoding="utf-8")
    (tmp_path / "benchmarks/work/venv-x/pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "2026-06-03-no-front-matter.md").write_text("# A page\n")
    (tmp_path / "docs" / "about.md").write_text(VALID_ENTRY)
    status, found = check_json(tmp_path)
    assert (status, found) == (0, [])


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_vocabulary_symlink_leaving_the_repository_is_refused(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", {f"2026/{ENTRY_SHAPED}": VALID_ENTRY})
    outside = tmp_path / "tags.yml"
    outside.write_text(TAGS_YML, encoding="utf-8")
    (project / "entries" / "tags.yml").unlink()
    (project / "entries" / "tags.yml").symlink_to(outside)
    status, found = check_json(project)
    assert status == 1
    assert ("E004", "entries/tags.yml", 1, 1) in {(d["code"], d["path"], d["line"], d["col"])
                                                 for d in found}
    inside = project / "vocabulary.yml"  # a link that stays in the repository is fine
    inside.write_text(TAGS_YML, encoding="utf-8")
    (project / "entries" / "tags.yml").unlink()
    (project / "entries" / "tags.yml").symlink_to(inside)
    status, found = check_json(project)
    assert (status, found) == (0, [])
