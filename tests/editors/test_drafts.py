"""A draft is work in progress: placeholders and empty sections are warnings in it, every
other problem is still reported, and drafts never block the build."""

from __future__ import annotations

from pathlib import Path

from tests.editors.helpers import entry, run
from tests.site.site_support import digest, write_fixture
from tests.support import write_project

NAME = "2026/2026-06-02-valid-entry.md"
CONTEXT = "Labs have been racing to ship models."


def draft(**replace: str) -> str:
    return entry(**{"date:": "draft: true\ndate:", **replace})


def _codes(out: str) -> list[str]:
    return sorted(line.split("[", 1)[1][:4] for line in out.splitlines() if "]: " in line)


def test_a_new_draft_with_placeholders_passes_with_warnings(tmp_path: Path, capsys) -> None:
    text = draft(**{CONTEXT: "TODO: the background.", "summary: A lab": "summary: TODO A lab"})
    write_project(tmp_path, {NAME: text})
    status, out, _ = run(tmp_path, "check", capsys=capsys)
    assert status == 0 and _codes(out) == ["W214", "W214"], out


def test_the_same_placeholders_fail_an_entry_to_be_published(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, {NAME: entry(**{CONTEXT: "TODO: the background."})})
    status, out, _ = run(tmp_path, "check", capsys=capsys)
    assert status == 1 and _codes(out) == ["E214"], out


def test_a_draft_still_reports_every_other_problem(tmp_path: Path, capsys) -> None:
    text = draft(**{CONTEXT: "TODO <b>bold</b> [x](javascript:y)", "## Why it matters": "## Why it matter"})
    write_project(tmp_path, {NAME: text})
    status, out, _ = run(tmp_path, "check", capsys=capsys)
    assert status == 1
    assert _codes(out) == ["E200", "E204", "E210", "E210", "E211", "W214"], out


def test_drafts_never_block_the_build_and_stay_off_the_site(tmp_path: Path) -> None:
    root = write_fixture(tmp_path)
    (root / "entries" / "2026" / "2026-09-10-wip.md").write_text(
        draft(date="2026-09-10", **{CONTEXT: "TODO <b>raw</b>", "- The model is out.\n": ""}), encoding="utf-8")
    assert digest("check", cwd=root).returncode == 1  # the gate still says what is wrong
    built = digest("build", "--strict", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "(in a draft: not published)" in built.stdout + built.stderr
    assert not any((root / "site").rglob("*wip*"))
    # A broken entry that is not a draft still blocks it.
    (root / "entries" / "2026" / "2026-09-11-broken.md").write_text(
        entry(date="2026-09-11", **{CONTEXT: "<b>raw</b>"}), encoding="utf-8")
    assert digest("build", "--strict", cwd=root).returncode != 0
