"""`digest check` reuses the result of an unchanged file, and never a stale one: a change
to the file, the tag vocabulary, the settings or the code starts afresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import generator.entries.loader as loader
from generator.entries.check_cache import FILE, FOLDER
from generator.entries.loader import check
from generator.settings import Settings
from tests.support import TAGS_YML, VALID_ENTRY, digest, write_project

NAME = "2026/2026-06-02-valid-entry.md"
OTHER = "2026/2026-06-03-other-entry.md"


def _other() -> str:
    return VALID_ENTRY.replace("date: 2026-06-02", "date: 2026-06-03")


def _codes(result) -> list[tuple[str, str]]:
    return [(d.path.rsplit("/", 1)[-1], d.code) for d in result.diagnostics]


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The entry files actually read and checked (not served from the cache)."""
    seen: list[str] = []
    real = loader.load_entry

    def load_entry(path, *args, **kwargs):
        seen.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(loader, "load_entry", load_entry)
    return seen


def test_unchanged_files_are_not_checked_again(tmp_path: Path, counted: list[str]) -> None:
    root = write_project(tmp_path, {NAME: VALID_ENTRY, OTHER: _other().replace("## Context", "## Contxt")})
    first = check(root, Settings())
    assert sorted(counted) == ["2026-06-02-valid-entry.md", "2026-06-03-other-entry.md"]
    counted.clear()
    second = check(root, Settings())
    assert counted == []
    assert second.diagnostics == first.diagnostics and second.entries == first.entries
    assert (root / FOLDER / ".gitignore").read_text().strip().endswith("*")


def test_an_edited_file_is_checked_again(tmp_path: Path, counted: list[str]) -> None:
    root = write_project(tmp_path, {NAME: VALID_ENTRY, OTHER: _other()})
    assert check(root, Settings()).ok
    (root / "entries" / OTHER).write_text(_other().replace("- The model is out.", "The model is out."))
    counted.clear()
    result = check(root, Settings())
    assert counted == ["2026-06-03-other-entry.md"]
    assert ("2026-06-03-other-entry.md", "E201") in _codes(result)


def test_cross_file_rules_see_cached_entries(tmp_path: Path) -> None:
    root = write_project(tmp_path, {NAME: VALID_ENTRY})
    check(root, Settings())
    (root / "entries" / "2026" / "2026-06-04-valid-entry.md").write_text(
        VALID_ENTRY.replace("date: 2026-06-02", "date: 2026-06-04"))
    result = check(root, Settings())
    assert [code for _, code in _codes(result)] == ["E300", "E300"]


def test_the_vocabulary_settings_and_a_broken_cache_start_afresh(tmp_path: Path, counted: list[str]) -> None:
    # 20:00 UTC is already the next day in Kiritimati (UTC+14): E121 there only.
    root = write_project(tmp_path, {NAME: VALID_ENTRY.replace("date: 2026-06-02", "date: 2026-06-02T20:00:00Z")})
    assert check(root, Settings()).ok
    (root / "entries" / "tags.yml").write_text(TAGS_YML.replace("healthcare:", "health:"))
    counted.clear()
    assert ("2026-06-02-valid-entry.md", "E131") in _codes(check(root, Settings()))
    assert counted == ["2026-06-02-valid-entry.md"]
    (root / "entries" / "tags.yml").write_text(TAGS_YML)
    counted.clear()
    assert ("2026-06-02-valid-entry.md", "E121") in _codes(check(root, Settings(timezone="Pacific/Kiritimati")))
    assert counted == ["2026-06-02-valid-entry.md"]
    for broken in ("{not json", json.dumps({"fingerprint": 1, "files": []}), "[]"):
        (root / FOLDER / FILE).write_text(broken)
        counted.clear()
        assert check(root, Settings()).ok and counted == ["2026-06-02-valid-entry.md"]


def test_a_cached_result_is_plain_data(tmp_path: Path) -> None:
    root = write_project(tmp_path, {NAME: VALID_ENTRY.replace("## Context", "## Contxt")})
    check(root, Settings())
    data = json.loads((root / FOLDER / FILE).read_text())
    (stored,) = data["files"].values()
    assert {d["code"] for d in stored["diagnostics"]} >= {"E200", "E204"}
    assert stored["entry"] is None


def test_no_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    root = write_project(tmp_path, {NAME: VALID_ENTRY})
    result = digest("check", "--no-cache", cwd=root)
    assert result.returncode == 0 and not (root / FOLDER).exists()
    assert digest("check", cwd=root).returncode == 0 and (root / FOLDER / FILE).is_file()


def test_files_not_reported_on_are_read_for_their_front_matter_only(tmp_path: Path) -> None:
    broken_body = _other().replace("## Context", "## Contxt")
    root = write_project(tmp_path, {NAME: VALID_ENTRY, OTHER: broken_body,
                                    "2026/2026-06-04-valid-entry.md": VALID_ENTRY.replace(
                                        "date: 2026-06-02", "date: 2026-06-04")})
    result = check(root, Settings(), only=[root / "entries" / NAME], cache=False)
    # The other file's body problem is not reported, but its slug still clashes.
    assert _codes(result) == [("2026-06-02-valid-entry.md", "E300")]
