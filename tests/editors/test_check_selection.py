"""``digest check PATH...`` and ``--changed-since``: only the given entries are reported,
but the problems they share with other files still are."""

from __future__ import annotations

from pathlib import Path

from tests.editors.helpers import entry, git, git_repo, run
from tests.support import VALID_ENTRY, write_project

BROKEN = VALID_ENTRY.replace("tags: [ai, healthcare]", "tags: [ai, nope]")


def test_given_file_only(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, {"2026/2026-06-02-good.md": VALID_ENTRY,
                             "2026/2026-06-02-bad.md": BROKEN})
    status, out, err = run(tmp_path, "check", str(tmp_path / "entries/2026/2026-06-02-good.md"),
                           capsys=capsys)
    assert (status, out) == (0, "")
    assert "checked 1 file: 0 errors" in err
    status, out, _ = run(tmp_path, "check", str(tmp_path / "entries/2026/2026-06-02-bad.md"),
                         capsys=capsys)
    assert status == 1
    assert out.startswith("entries/2026/2026-06-02-bad.md:4:")


def test_duplicate_slug_is_reported_on_the_given_file_whichever_comes_first(
        tmp_path: Path, capsys) -> None:
    # The new file sorts first, so a whole-corpus check reports the old one; asked about
    # the new file only, the clash must still be reported, on the new file.
    write_project(tmp_path, {"2026/2026-06-01-same.md": entry("2026-06-01"),
                             "2026/2026-06-02-same.md": entry("2026-06-02")})
    status, out, _ = run(tmp_path, "check", str(tmp_path / "entries/2026/2026-06-01-same.md"),
                         capsys=capsys)
    assert status == 1
    assert out.splitlines()[0].startswith("entries/2026/2026-06-01-same.md:1:1: error[E300]")
    assert "2026-06-02-same.md" in out


def test_old_alias_colliding_with_a_new_entry_is_reported(tmp_path: Path, capsys) -> None:
    old = entry("2026-06-01").replace("tags: [ai, healthcare]",
                                      "tags: [ai, healthcare]\naliases: [fresh]")
    write_project(tmp_path, {"2026/2026-06-01-old.md": old,
                             "2026/2026-06-01-fresh.md": entry("2026-06-01")})
    status, out, _ = run(tmp_path, "check", str(tmp_path / "entries/2026/2026-06-01-fresh.md"),
                         capsys=capsys)
    assert status == 1
    assert "E301" in out and "entries/2026/2026-06-01-fresh.md" in out


def test_folder_and_non_entry_paths(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, {"2026/2026-06-02-bad.md": BROKEN, "2025/2025-06-02-good.md":
                             entry("2025-06-02")})
    (tmp_path / "notes.md").write_text("# not an entry\n")
    status, out, err = run(tmp_path, "check", str(tmp_path / "entries/2026"), capsys=capsys)
    assert status == 1 and "2026-06-02-bad.md" in out
    status, out, err = run(tmp_path, "check", str(tmp_path / "entries/2025"),
                           str(tmp_path / "notes.md"), capsys=capsys)
    assert (status, out) == (0, "")
    assert "notes.md is not an entry file" in err
    status, out, err = run(tmp_path, "check", str(tmp_path), capsys=capsys)  # the whole project
    assert status == 1 and "checked 3 files" in err


def test_changed_since_reports_only_what_the_branch_changed(tmp_path: Path, capsys) -> None:
    # An old entry that a newer rule rejects must not block an unrelated pull request.
    write_project(tmp_path, {"2025/2025-01-01-old-broken.md": BROKEN.replace(
        "date: 2026-06-02", "date: 2025-01-01"), "2025/2025-01-02-kept.md": entry("2025-01-02")})
    git_repo(tmp_path)
    git(tmp_path, "checkout", "-q", "-b", "pr")
    committed = tmp_path / "entries/2026/2026-06-02-committed.md"
    committed.parent.mkdir()
    committed.write_text(entry(**{"tags: [ai, healthcare]": "tags: [ai, nope]"}))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "new entry")
    (tmp_path / "entries/2026/2026-06-03-untracked.md").write_text(
        entry("2026-06-03", **{"title: A valid entry about a model launch": "title: Short"}))
    modified = tmp_path / "entries/2025/2025-01-02-kept.md"
    modified.write_text(modified.read_text().replace("## Context\n", "## Context\n\n<b>x</b>\n"))
    (tmp_path / "README.md").write_text("changed, but not an entry\n")

    status, out, err = run(tmp_path, "check", "--changed-since", "main", capsys=capsys)
    assert status == 1
    reported = {(line.split(":")[0], line.split("[")[1][:4]) for line in out.splitlines()
                if "[" in line}
    assert reported == {("entries/2026/2026-06-02-committed.md", "E131"),
                        ("entries/2026/2026-06-03-untracked.md", "E110"),
                        ("entries/2025/2025-01-02-kept.md", "E210")}
    assert "checked 3 files" in err and "README" not in err


def test_changed_since_with_nothing_changed_and_with_a_bad_ref(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, {"2026/2026-06-02-bad.md": BROKEN})
    git_repo(tmp_path)
    status, out, err = run(tmp_path, "check", "--changed-since", "main", capsys=capsys)
    assert (status, out) == (0, "") and "checked 0 files" in err
    status, _, err = run(tmp_path, "check", "--changed-since", "no-such-branch", capsys=capsys)
    assert status == 2 and "--changed-since" in err
    status, _, err = run(tmp_path, "check", "--changed-since", "--output=x", capsys=capsys)
    assert status == 2
