"""The digest command line: check, new and import, as editors use them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.support import ROOT, VALID_ENTRY, digest, digest_process, write_project

NAME = "2026/2026-06-02-valid-entry.md"


def test_project_entries_pass_check() -> None:
    # End to end (here, the JSON report and the exit statuses below): a real process.
    result = digest_process("check", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert "0 errors" in result.stderr


def test_valid_entry_passes_with_bom_and_crlf(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + VALID_ENTRY.replace("\n", "\r\n").encode()
    write_project(tmp_path, {NAME: data})
    result = digest("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "checked 2 files: 0 errors, 0 warnings" in result.stderr


def test_curly_apostrophe_in_section_heading(tmp_path: Path) -> None:
    write_project(tmp_path, {NAME: VALID_ENTRY.replace("## What's new", "## What\u2019s new")})
    assert digest("check", cwd=tmp_path).returncode == 0


def test_non_entries_are_ignored(tmp_path: Path) -> None:
    write_project(tmp_path, {"README.md": "# Entries\n", "_draft.md": "nope", ".hidden.md": "x",
                             NAME: VALID_ENTRY})
    result = digest("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_every_problem_is_reported_sorted(tmp_path: Path) -> None:
    broken = VALID_ENTRY.replace("tags: [ai, healthcare]", "tags: [ai, nope]").replace(
        "Labs have been racing", "Labs <b>have</b> been racing")
    write_project(tmp_path, {NAME: broken, "2026/2026-06-01-another.md": "no front matter\n"})
    result = digest_process("check", "--format", "json", cwd=tmp_path)
    found = [(d["path"], d["line"], d["code"]) for d in json.loads(result.stdout)]
    assert found == [
        ("entries/2026/2026-06-01-another.md", 1, "E100"),
        (f"entries/{NAME}", 4, "E131"),
        (f"entries/{NAME}", 20, "E210"),  # <b>
        (f"entries/{NAME}", 20, "E210"),  # </b>
    ]
    assert result.returncode == 1


def test_github_format_annotates_each_error(tmp_path: Path) -> None:
    write_project(tmp_path, {NAME: VALID_ENTRY.replace("date: 2026-06-02", "date: 2026-13-02")})
    result = digest("check", "--format", "github", cwd=tmp_path)
    lines = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert lines == [lines[0]] and lines[0].startswith(
        f"::error file=entries/{NAME},line=3,col=7,title=E120::")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    write_project(tmp_path)
    assert digest_process("check", "--format", "xml", cwd=tmp_path).returncode == 2
    assert digest_process("check", "entries/missing.md", cwd=tmp_path).returncode == 2
    assert digest_process("frobnicate", cwd=tmp_path).returncode == 2


def test_check_paths_reports_only_those_files(tmp_path: Path) -> None:
    write_project(tmp_path, {NAME: VALID_ENTRY, "2026/2026-06-01-broken.md": "nothing\n"})
    only_valid = digest("check", f"entries/{NAME}", cwd=tmp_path)
    assert only_valid.returncode == 0, only_valid.stdout
    assert digest("check", "entries/2026/2026-06-01-broken.md", cwd=tmp_path).returncode == 1


def test_new_writes_a_scaffold_that_fails_until_filled(project: Path) -> None:
    result = digest("new", "Hospitals adopt a new clinical model", "--tag", "ai",
                    "--date", "2026-07-01", cwd=project)
    assert result.returncode == 0, result.stderr
    path = result.stdout.strip()
    assert path == "entries/2026/2026-07-01-hospitals-adopt-a-new-clinical-model.md"
    assert "TODO" in result.stderr  # tells the editor what to fill in
    check = digest("check", "--format", "json", cwd=project)
    codes = {d["code"] for d in json.loads(check.stdout)}
    assert check.returncode == 1 and "E214" in codes
    again = digest("new", "Hospitals adopt a new clinical model", "--tag", "ai",
                   "--date", "2026-07-01", cwd=project)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_import_seed_gives_a_valid_entry_identical_to_the_committed_one(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    write_project(tmp_path, tags=(ROOT / "entries" / "tags.yml").read_text(encoding="utf-8"))
    seed = sorted((tmp_path / "seeds").glob("*.txt"))[0]
    result = digest("import", str(seed.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / result.stdout.strip()
    assert "picked tags" in result.stderr
    assert digest("check", cwd=tmp_path).returncode == 0
    committed = ROOT / result.stdout.strip()
    assert written.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
    again = digest("import", str(seed.relative_to(tmp_path)), cwd=tmp_path)
    assert again.returncode == 1
    assert written.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


def test_import_without_tags_or_date_is_a_clear_error(project: Path) -> None:
    seed = project / "seed.txt"
    seed.write_text("A title for a brief without dates\nA lede with no date.\nWhat's new\n- One\n"
                    "Context\nSome context.\nWhy it matters\nIt matters.\nCorroborating sources\n"
                    "- Pub\nhttps://example.com/story\n\u201cA quote.\u201d\n", encoding="utf-8")
    no_date = digest("import", "seed.txt", cwd=project)
    assert no_date.returncode == 1 and "--date" in no_date.stderr
    no_tag = digest("import", "seed.txt", "--date", "2026-01-05", cwd=project)
    assert no_tag.returncode == 1 and "--tag" in no_tag.stderr
    ok = digest("import", "seed.txt", "--date", "2026-01-05", "--tag", "cloud", cwd=project)
    assert ok.returncode == 0, ok.stderr
    assert (project / ok.stdout.strip()).is_file()
    assert digest("check", cwd=project).returncode == 0


def test_duplicate_slug_is_reported_once_per_file(tmp_path: Path) -> None:
    write_project(tmp_path, {NAME: VALID_ENTRY, "2026/2026-06-03-valid-entry.md":
                             VALID_ENTRY.replace("date: 2026-06-02", "date: 2026-06-03")})
    found = json.loads(digest("check", "--format", "json", cwd=tmp_path).stdout)
    assert sorted(d["code"] for d in found) == ["E300", "E300"]
    assert {d["path"] for d in found} == {f"entries/{NAME}", "entries/2026/2026-06-03-valid-entry.md"}


def test_parallel_check_reports_what_load_reports(tmp_path: Path) -> None:
    """digest check uses worker processes for large corpora: same diagnostics, same order."""
    from generator.entries.loader import check, load
    from generator.settings import Settings

    files = {f"2026/2026-06-{day:02d}-entry-{day}.md":
             VALID_ENTRY.replace("date: 2026-06-02", f"date: 2026-06-{day:02d}")
             for day in range(1, 21)}
    files["2026/2026-06-05-entry-5.md"] = files["2026/2026-06-05-entry-5.md"].replace(
        "tags: [ai, healthcare]", "tags: [ai, nope]")
    files["2026/2026-06-07-entry-1.md"] = files["2026/2026-06-01-entry-1.md"].replace(
        "2026-06-01", "2026-06-07")  # a duplicate slug across files
    write_project(tmp_path, files)
    serial = load(tmp_path, Settings()).diagnostics
    parallel = check(tmp_path, Settings(), workers=2, parallel_from=1)
    assert {d.code for d in serial} == {"E131", "E300"}
    assert parallel.diagnostics == serial and not parallel.ok
