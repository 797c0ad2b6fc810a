"""``digest tags`` and ``digest new``: the small commands editors reach for."""

from __future__ import annotations

import json
from pathlib import Path

from tests.editors.helpers import entry, run
from tests.support import TAGS_YML, write_project


def test_tags_counts_and_warnings(tmp_path: Path, capsys) -> None:
    tags = TAGS_YML + "clouds:\n  name: Clouds\n  description: Near-duplicate of cloud.\n"
    write_project(tmp_path, {"2026/2026-06-02-a.md": entry(),
                             "2026/2026-06-03-b.md": entry("2026-06-03", **{
                                 "tags: [ai, healthcare]": "tags: [ai]"}),
                             "2026/2026-06-04-broken.md": "no front matter"}, tags=tags)
    status, out, err = run(tmp_path, "tags", capsys=capsys)
    assert status == 0
    rows = [line.split()[:2] for line in out.splitlines()]
    assert rows == [["2", "ai"], ["1", "healthcare"], ["0", "cloud"], ["0", "clouds"]]
    assert "entries/tags.yml:7:1: warning[W400]: tag 'cloud' is not used" in err
    assert "entries/tags.yml:10:1: warning[W400]: tag 'clouds' is not used" in err
    assert "warning[W401]: tags 'cloud' and 'clouds' look like near-duplicates" in err
    assert "1 entry file(s) with errors are not counted" in err
    status, out, _ = run(tmp_path, "tags", "--format", "json", capsys=capsys)
    data = json.loads(out)
    assert {row["slug"]: row["count"] for row in data["tags"]} == {
        "ai": 2, "healthcare": 1, "cloud": 0, "clouds": 0}


def test_tags_with_a_broken_vocabulary_fails(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, tags="Not A Slug:\n  name: X\n  description: Y\n")
    status, _, err = run(tmp_path, "tags", capsys=capsys)
    assert status == 1 and "E401" in err


def test_new_prints_the_path_and_what_to_fill_in(tmp_path: Path, capsys) -> None:
    write_project(tmp_path)
    status, out, err = run(tmp_path, "new", "Hospitals adopt a new triage model", "--tag", "ai",
                           "--date", "2026-06-02", capsys=capsys)
    assert status == 0
    path = "entries/2026/2026-06-02-hospitals-adopt-a-new-triage-model.md"
    assert out == path + "\n"
    assert "Fill in every TODO" in err and f"digest check {path}" in err
    assert (tmp_path / path).is_file()
    # The scaffold fails only on its placeholders, and is never overwritten.
    status, out, _ = run(tmp_path, "check", str(tmp_path / path), capsys=capsys)
    assert status == 1 and {line.split("[")[1][:4] for line in out.splitlines()} == {"E214"}
    status, _, err = run(tmp_path, "new", "Hospitals adopt a new triage model", "--tag", "ai",
                         "--date", "2026-06-02", capsys=capsys)
    assert status == 1 and "already exists" in err


def test_new_names_the_authors_it_is_given(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, {"authors.yml": "jane-doe:\n  name: Jane Doe\n"})
    status, out, _ = run(tmp_path, "new", "Hospitals adopt a new triage model", "--tag", "ai",
                         "--date", "2026-06-02", "--author", "jane-doe", capsys=capsys)
    assert status == 0
    text = (tmp_path / out.strip()).read_text(encoding="utf-8")
    assert "\nauthors:\n- jane-doe\n" in text
    status, out, _ = run(tmp_path, "check", str(tmp_path / out.strip()), capsys=capsys)
    assert {line.split("[")[1][:4] for line in out.splitlines() if "error[" in line} == {"E214"}
