"""YAML mistakes come back with a hint for their usual cause, and they do not hide the
body's problems: one round of `digest check` shows everything to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import VALID_ENTRY, digest, write_project

NAME = "2026/2026-06-02-valid-entry.md"


@pytest.mark.parametrize(("old", "new", "line", "hint"), [
    ("title: A valid entry about a model launch", "title: Mayo: a model launch", 2, "must be quoted"),
    ("tags: [ai, healthcare]", "tags:\n  - ai\n - healthcare", 6, "indentation"),
    ("    url: https://news", "   url: https://news", 8, "indentation"),
    ("tags: [ai, healthcare]", "tags: [ai, healthcare]\n\tdraft: true", 5, "tabs"),
    ("title: A valid entry about a model launch", "title: 'A valid entry about a model launch", 2, "not closed"),
    ("title: A valid entry about a model launch", "title: @lab launches a model today", 2, "must be quoted"),
])
def test_yaml_errors_carry_a_hint(tmp_path: Path, old: str, new: str, line: int, hint: str) -> None:
    assert old in VALID_ENTRY
    write_project(tmp_path, {NAME: VALID_ENTRY.replace(old, new, 1)})
    found = json.loads(digest("check", "--format", "json", cwd=tmp_path).stdout)
    (error,) = [d for d in found if d["code"] == "E101"]
    assert error["line"] == line and hint in (error["hint"] or ""), error


def test_the_body_is_checked_when_the_front_matter_fails(tmp_path: Path) -> None:
    text = VALID_ENTRY.replace("title: A valid entry about a model launch", "title: Mayo: a model launch")
    text = text.replace("Labs have been racing to ship models.", "Labs <b>race</b>.\n\n### Extra heading")
    write_project(tmp_path, {NAME: text})
    result = digest("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert sorted((d["code"], d["line"]) for d in json.loads(result.stdout)) == [
        ("E101", 2), ("E204", 22), ("E210", 20), ("E210", 20)]
