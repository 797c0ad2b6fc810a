"""The JSON Schemas in .vscode/ are what generator.entries.schema makes from the rules'
constants, and they agree with `digest check` on the entries they accept."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.entries.loader import entry_from_text
from generator.entries.model import Tag
from generator.entries.schema import SCHEMAS, front_matter_schema, tags_schema, text
from generator.settings import Settings
from tests.support import ROOT, TAGS_YML, VALID_ENTRY

NAME = "2026-06-02-valid-entry.md"
TAGS = {slug: Tag(slug, slug, "x") for slug in yaml.safe_load(TAGS_YML)}


def front(entry: str) -> dict:
    return yaml.safe_load(entry.split("---\n")[1])


def schema_errors(entry: str) -> list[str]:
    data = front(entry)
    for key in ("date", "updated"):  # PyYAML reads an unquoted date as a date; YAML 1.2 tools as text
        if key in data and not isinstance(data[key], str):
            data[key] = str(data[key])
    return [error.message for error in jsonschema.Draft202012Validator(front_matter_schema()).iter_errors(data)]


def check_errors(entry: str) -> list[str]:
    _, problems = entry_from_text(entry, f"entries/{NAME}", NAME, TAGS, Settings())
    return [p.code for p in problems if p.severity == "error"]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schemas_are_generated(name: str) -> None:
    assert (ROOT / ".vscode" / name).read_text(encoding="utf-8") == text(SCHEMAS[name]), \
        "run: python -m generator.entries.schema .vscode"


def test_the_schemas_are_valid_json_schemas() -> None:
    jsonschema.Draft202012Validator.check_schema(front_matter_schema())
    jsonschema.Draft202012Validator.check_schema(tags_schema())


def test_a_valid_entry_and_the_projects_own_files_pass() -> None:
    assert schema_errors(VALID_ENTRY) == [] and check_errors(VALID_ENTRY) == []
    for path in (ROOT / "entries").rglob("*.md"):
        assert schema_errors(path.read_text(encoding="utf-8")) == [], path
    vocabulary = yaml.safe_load((ROOT / "entries" / "tags.yml").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(tags_schema()).iter_errors(vocabulary)) == []


@pytest.mark.parametrize(("old", "new"), [
    ("title: A valid entry about a model launch\n", ""),
    ("title: A valid entry about a model launch", "title: Too short"),
    ("title: A valid entry about a model launch", "titel: A valid entry about a model launch"),
    ("tags: [ai, healthcare]", "tags: []"),
    ("tags: [ai, healthcare]", "tags: [ai, ai]"),
    ("tags: [ai, healthcare]", "tags: [ai, Health_Care]"),
    ("url: https://news.example.com", "url: ftp://news.example.com"),
    ("    title: Model launched\n", "    title: Model launched\n    extra: x\n"),
    ("date: 2026-06-02", "date: 2026-06-02\nid: Not A Slug"),
    ("date: 2026-06-02", "date: 2026-06-02\naliases: [" + "a" * 61 + "]"),
    ("date: 2026-06-02", "date: 2026-06-02\ndraft: maybe"),
    ("date: 2026-06-02", "date: June 2nd"),
])
def test_what_the_schema_refuses_the_check_refuses(old: str, new: str) -> None:
    assert old in VALID_ENTRY
    entry = VALID_ENTRY.replace(old, new, 1)
    assert schema_errors(entry), entry
    assert check_errors(entry), entry


def test_tags_schema_refuses_what_the_check_refuses() -> None:
    validator = jsonschema.Draft202012Validator(tags_schema())
    assert list(validator.iter_errors({"Bad Tag": {"name": "B", "description": "d"}}))
    assert list(validator.iter_errors({"ai": {"name": "AI"}}))
    assert not list(validator.iter_errors(json.loads(json.dumps(yaml.safe_load(TAGS_YML)))))


def test_vscode_settings_point_at_the_schemas() -> None:
    settings = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    for name in SCHEMAS:
        assert f"./.vscode/{name}" in settings
    assert Path(ROOT / ".vscode" / "extensions.json").is_file()
