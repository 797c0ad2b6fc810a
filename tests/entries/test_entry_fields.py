"""The optional fields authors, image and corrections (issue 12, item 3): what the check
accepts and refuses beyond one case per code (tests/entries/test_error_codes.py), the
model it builds, the author vocabulary, the cache, the JSON Schemas and --changed-since."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.entries.loader import load
from generator.entries.model import Author, Correction, Image
from generator.entries.schema import authors_schema, front_matter_schema
from generator.settings import Settings
from tests.editors.helpers import git, git_repo
from tests.editors.helpers import run as run_cli
from tests.entries.test_error_codes import PNG
from tests.support import VALID_ENTRY, digest, write_project

NAME = "2026/2026-06-02-valid-entry.md"
AUTHORS_YML = """\
jane-doe:
  name: Jane Doe
  url: https://example.org/jane
sam-lee:
  name: "Sam <b>Lee</b> & Co"
"""
FIELDS = """\
authors: [jane-doe, sam-lee]
image:
  src: images/chart.png
  alt: A chart of the model's scores
  credit: Example Lab
corrections:
  - date: 2026-06-03
    note: An earlier version gave the wrong year.
  - date: '2026-06-04T08:00:00+02:00'
    note: "<script>alert(1)</script> stays text"
"""


def with_fields(fields: str = FIELDS, text: str = VALID_ENTRY) -> str:
    return text.replace("date: 2026-06-02\n", "date: 2026-06-02\n" + fields, 1)


def project(tmp_path: Path, entry: str, *, authors: str | None = AUTHORS_YML,
            image: bool = True) -> Path:
    files: dict[str, str | bytes] = {NAME: entry}
    if authors is not None:
        files["authors.yml"] = authors
    if image:
        files["2026/images/chart.png"] = PNG
    return write_project(tmp_path, files)


def codes(root: Path) -> list[tuple[str, str, int, int]]:
    result = digest("check", "--format", "json", cwd=root)
    return [(d["code"], d["path"], d["line"], d["col"]) for d in json.loads(result.stdout)
            if d["severity"] == "error"]


def test_a_valid_entry_with_every_new_field_passes_and_builds_the_model(tmp_path: Path) -> None:
    root = project(tmp_path, with_fields())
    result = digest("check", cwd=root)
    assert result.returncode == 0, result.stdout
    [entry] = load(root, Settings()).corpus.entries
    assert entry.authors == (Author("jane-doe", "Jane Doe", "https://example.org/jane"),
                             Author("sam-lee", "Sam <b>Lee</b> & Co", None))
    assert entry.image == Image("images/chart.png", "A chart of the model's scores", "Example Lab",
                                "entries/2026/images/chart.png")
    assert entry.image.name == "chart.png"
    assert entry.corrections == (
        Correction(datetime(2026, 6, 3, tzinfo=UTC), "An earlier version gave the wrong year."),
        Correction(datetime.fromisoformat("2026-06-04T08:00:00+02:00"), "<script>alert(1)</script> stays text"))
    assert entry.revised == entry.modified == datetime(2026, 6, 4, 6, tzinfo=UTC)


def test_no_author_file_is_fine_until_an_entry_names_an_author(tmp_path: Path) -> None:
    root = project(tmp_path, VALID_ENTRY, authors=None, image=False)
    assert digest("check", cwd=root).returncode == 0
    (root / "entries" / NAME).write_text(with_fields("authors: [jane-doe]\n"), encoding="utf-8")
    assert codes(root) == [("E170", f"entries/{NAME}", 4, 11)]


def test_an_empty_author_file_is_fine(tmp_path: Path) -> None:
    assert codes(project(tmp_path, VALID_ENTRY, authors="", image=False)) == []


@pytest.mark.parametrize(("authors", "expected"), [
    ("jane-doe:\n  name: Jane\njane-doe:\n  name: Jane again\n", [("E410", 3, 1)]),
    ("jane-doe: Jane Doe\n", [("E410", 1, 11)]),
    ("jane-doe:\n  url: https://example.org/jane\n", [("E410", 1, 1)]),
    ("jane-doe:\n  name: [Jane]\n", [("E410", 2, 9)]),
    ("- jane-doe\n", [("E410", 1, 1)]),
    ("jane_doe:\n  name: Jane\n", [("E411", 1, 1)]),
    ("jane-doe:\n  name: Jane\n  url: ftp://example.org/jane\n", [("E412", 3, 8)]),
])
def test_author_vocabulary_problems_are_located(tmp_path: Path, authors: str,
                                                expected: list[tuple[str, int, int]]) -> None:
    root = project(tmp_path, VALID_ENTRY, authors=authors, image=False)
    found = [(code, line, col) for code, path, line, col in codes(root) if path == "entries/authors.yml"]
    assert found == expected


def test_an_author_with_a_problem_is_unknown_to_entries(tmp_path: Path) -> None:
    root = project(tmp_path, with_fields("authors: [jane-doe]\n"), image=False,
                   authors="jane-doe:\n  name: Jane\n  url: javascript:alert(1)\n")
    assert sorted(c[0] for c in codes(root)) == ["E170", "E412"]


@pytest.mark.parametrize(("fields", "expected"), [
    # A correction dated by day only may fall on the entry's first day, whatever its time.
    ("corrections:\n  - {date: 2026-06-02, note: Same day.}\n", []),
    ("corrections:\n  - {date: '2026-06-01T23:00:00Z', note: Before.}\n", ["E192"]),
    ("corrections: []\n", ["E190"]),
    ("corrections:\n  - Fixed the year.\n", ["E106"]),
    ("corrections:\n  - {date: 2026-06-03, note: Fixed., by: me}\n", ["E104"]),
    ("corrections:\n  - {date: 2026-06-03, note: ''}\n", ["E190"]),
    ("corrections:\n  - {date: 2026-06-03, note: TODO say what changed}\n", ["E214"]),
    ("image: https://img.example.com/a.png\n", ["E106"]),
    ("image: {src: 'data:image/png;base64,AAAA', alt: A, credit: B}\n", ["E181"]),
    ("image: {src: /abs/chart.png, alt: A, credit: B}\n", ["E181"]),
    ("image: {src: ./chart.png, alt: A, credit: B}\n", ["E181"]),
    ("image: {src: 'chart.png?x=1', alt: A, credit: B}\n", ["E181"]),
    ("image: {src: https://img.example.com/a.png, alt: A, credit: B, caption: C}\n", ["E104"]),
    ("image: {src: https://img.example.com/a.png, alt: TODO, credit: B}\n", ["E214"]),
    ("image: {src: images/CHART.PNG, alt: A, credit: B}\n", ["E182"]),  # names are case-sensitive
    ("authors: []\n", ["E106"]),
    ("authors: jane-doe\n", ["E106"]),
    ("authors: [[jane-doe]]\n", ["E106"]),
    ("authors: [Jane Doe]\n", ["E170"]),
])
def test_what_the_new_fields_accept_and_refuse(tmp_path: Path, fields: str, expected: list[str]) -> None:
    root = project(tmp_path, with_fields(fields))
    assert [c[0] for c in codes(root)] == expected


def test_an_unknown_author_hint_names_the_slug_of_a_name(tmp_path: Path) -> None:
    root = project(tmp_path, with_fields("authors: [Jane Doe]\n"))
    [found] = json.loads(digest("check", "--format", "json", cwd=root).stdout)
    assert found["hint"] == "did you mean 'jane-doe'?"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_an_image_link_that_leaves_the_entries_folder_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, with_fields(), image=False)
    (tmp_path / "secret.png").write_bytes(PNG)
    (root / "entries/2026/images").mkdir()
    (root / "entries/2026/images/chart.png").symlink_to(tmp_path / "secret.png")
    assert [c[0] for c in codes(root)] == ["E182"]


def test_a_vanished_image_is_found_although_the_entry_did_not_change(tmp_path: Path) -> None:
    root = project(tmp_path, with_fields())
    assert codes(root) == []
    assert codes(root) == []  # the cache is warm
    (root / "entries/2026/images/chart.png").unlink()
    assert [c[0] for c in codes(root)] == ["E182"]


def test_an_author_file_change_reaches_cached_results(tmp_path: Path) -> None:
    root = project(tmp_path, with_fields("authors: [jane-doe]\n"), image=False)
    assert codes(root) == []
    (root / "entries/authors.yml").write_text("sam-lee:\n  name: Sam\n", encoding="utf-8")
    assert [c[0] for c in codes(root)] == ["E170"]


# -- JSON Schemas -----------------------------------------------------------------------------

def _schema_errors(entry: str) -> list[str]:
    data = json.loads(json.dumps(yaml.safe_load(entry.split("---\n")[1]), default=str))
    return [e.message for e in jsonschema.Draft202012Validator(front_matter_schema()).iter_errors(data)]


def test_the_schema_accepts_the_new_fields() -> None:
    assert _schema_errors(with_fields()) == []


@pytest.mark.parametrize("fields", [
    "authors: [Jane Doe]\n", "authors: [jane-doe, jane-doe]\n", "authors: []\n",
    "image: {src: 'http://img.example.com/a.png', alt: A, credit: B}\n",
    "image: {src: chart.svg, alt: A, credit: B}\n",
    "image: {src: https://img.example.com/a.png, credit: B}\n",
    "image: {src: https://img.example.com/a.png, alt: '', credit: B}\n",
    "corrections: [{date: 2026-06-03}]\n",
    "corrections: [{date: June 3rd, note: Fixed.}]\n",
    "corrections: [{date: 2026-06-03, note: \"two\\nlines\"}]\n",
])
def test_what_the_schema_refuses_the_check_refuses(tmp_path: Path, fields: str) -> None:
    entry = with_fields(fields)
    assert _schema_errors(entry), fields
    assert codes(project(tmp_path, entry)), fields


def test_authors_schema_agrees_with_the_check() -> None:
    validator = jsonschema.Draft202012Validator(authors_schema())
    assert not list(validator.iter_errors(yaml.safe_load(AUTHORS_YML)))
    assert list(validator.iter_errors({"Jane Doe": {"name": "Jane"}}))
    assert list(validator.iter_errors({"jane-doe": {"url": "https://example.org/"}}))
    assert list(validator.iter_errors({"jane-doe": {"name": "Jane", "url": "ftp://example.org/"}}))


# -- digest check --changed-since -------------------------------------------------------------

def test_removing_an_author_an_unchanged_entry_names_fails_changed_since(tmp_path: Path, capsys) -> None:
    project(tmp_path, with_fields("authors: [jane-doe]\n"), image=False)
    git_repo(tmp_path)
    git(tmp_path, "checkout", "-q", "-b", "pr")
    (tmp_path / "entries/authors.yml").write_text("sam-lee:\n  name: Sam\n", encoding="utf-8")
    status, out, err = run_cli(tmp_path, "check", "--changed-since", "main", capsys=capsys)
    assert status == 1 and "error[E170]" in out
    assert "entries/authors.yml changed, which every entry depends on" in err


def test_deleting_a_published_entry_with_authors_still_needs_a_redirect(tmp_path: Path, capsys) -> None:
    project(tmp_path, with_fields("authors: [jane-doe]\n"), image=False)
    git_repo(tmp_path)
    git(tmp_path, "checkout", "-q", "-b", "pr")
    git(tmp_path, "rm", "-q", f"entries/{NAME}")
    status, out, _ = run_cli(tmp_path, "check", "--changed-since", "main", capsys=capsys)
    assert status == 1 and "error[E310]" in out
