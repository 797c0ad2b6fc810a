"""``digest check --changed-since``: green only when what will publish is fine.

Every entry is checked again when something they all depend on changed (vocabulary,
settings, templates, code); a deleted, renamed or re-dated published entry keeps its
address (E310) and its feed identity (E311)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.compile import compile_site
from generator.entries.loader import load
from generator.settings import Settings
from tests.editors.helpers import entry, git, git_repo, run
from tests.support import TAGS_YML, write_project

OLD = "entries/2026/2026-06-01-launch.md"


def _repo(root: Path, files: dict[str, str]) -> None:
    write_project(root, files)
    git_repo(root)
    git(root, "checkout", "-q", "-b", "pr")


def _check(root: Path, capsys) -> tuple[int, list[tuple[str, str]], str, str]:
    status, out, err = run(root, "check", "--changed-since", "main", capsys=capsys)
    found = [(line.split(":")[0], line.split("[")[1][:4]) for line in out.splitlines()
             if "error[" in line or "warning[" in line]
    return status, found, out, err


# -- what every entry depends on ------------------------------------------------------------

def test_removing_a_tag_an_unchanged_entry_uses_fails_the_check(tmp_path: Path, capsys) -> None:
    _repo(tmp_path, {"2026/2026-06-02-uses-cloud.md": entry(**{"tags: [ai, healthcare]":
                                                                  "tags: [ai, cloud]"})})
    (tmp_path / "entries/tags.yml").write_text(TAGS_YML.split("cloud:")[0], encoding="utf-8")
    status, found, _, err = _check(tmp_path, capsys)
    assert status == 1
    assert found == [("entries/2026/2026-06-02-uses-cloud.md", "E131")]
    assert "note: entries/tags.yml changed, which every entry depends on; checking every entry" in err


@pytest.mark.parametrize("shared", ["mkdocs.yml", "pyproject.toml", "requirements/test.txt",
                                    "generator/entries/rules/x.py", "docs/overrides/main.html",
                                    "entries/tags.yml"])
def test_a_change_every_entry_depends_on_checks_every_entry(tmp_path: Path, capsys,
                                                            shared: str) -> None:
    # An old entry the current rules reject: an entries-only branch is not blocked by it
    # (the check reports what the branch changed), a branch changing what all entries
    # depend on is (the strict build would fail on it anyway).
    _repo(tmp_path, {"2026/2026-06-02-old.md": entry(**{"tags: [ai, healthcare]": "tags: [nope]"}),
                     "2026/2026-06-03-ok.md": entry("2026-06-03")})
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "README.md").write_text("not shared\n")
    assert _check(tmp_path, capsys)[:2] == (0, [])
    path = tmp_path / shared
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n" if not shared.endswith(".html") else "<!-- changed -->\n")
    status, found, _, err = _check(tmp_path, capsys)
    assert (status, found) == (1, [("entries/2026/2026-06-02-old.md", "E131")])
    assert "checked 3 files" in err  # two entries and the vocabulary


# -- deleted, renamed and re-dated entries --------------------------------------------------

def _published(tmp_path: Path, extra: str = "") -> None:
    text = entry("2026-06-01")
    if extra:
        text = text.replace("tags: [ai, healthcare]", "tags: [ai, healthcare]\n" + extra)
    _repo(tmp_path, {"2026/2026-06-01-launch.md": text,
                     "2026/2026-06-03-other.md": entry("2026-06-03")})


def _replace(tmp_path: Path, name: str, date: str, extra: str) -> None:
    git(tmp_path, "rm", "-q", OLD)
    text = entry(date).replace("tags: [ai, healthcare]", "tags: [ai, healthcare]\n" + extra)
    (tmp_path / "entries/2026" / name).write_text(text, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "move")


def test_deleting_a_published_entry_is_an_error(tmp_path: Path, capsys) -> None:
    _published(tmp_path)
    git(tmp_path, "rm", "-q", OLD)
    git(tmp_path, "commit", "-q", "-m", "delete")
    status, found, out, _ = _check(tmp_path, capsys)
    assert (status, found) == (1, [(OLD, "E310")])
    assert ("entries/2026/2026-06-01-launch.md:1:1: error[E310]: published entry deleted: its "
            "address 2026/06/01/launch/ would stop working\n  hint: if it moved, add 'launch' to "
            "the new entry's aliases ('2026/06/01/launch' if its date changed) and set "
            "'id: launch'") in out


def test_deleting_in_the_work_tree_only_is_reported_too(tmp_path: Path, capsys) -> None:
    _published(tmp_path)
    (tmp_path / OLD).unlink()
    assert _check(tmp_path, capsys)[:2] == (1, [(OLD, "E310")])


@pytest.mark.parametrize("extra", ["draft: true"])
def test_deleting_an_unpublished_entry_is_fine(tmp_path: Path, capsys, extra: str) -> None:
    _published(tmp_path, extra)
    git(tmp_path, "rm", "-q", OLD)
    assert _check(tmp_path, capsys)[:2] == (0, [])


def test_deleting_a_scheduled_entry_is_fine(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28: before 2026-06-01
    _published(tmp_path)
    git(tmp_path, "rm", "-q", OLD)
    assert _check(tmp_path, capsys)[:2] == (0, [])


def test_renaming_with_the_old_slug_as_alias_but_no_id_is_an_error(tmp_path: Path, capsys) -> None:
    _published(tmp_path)
    _replace(tmp_path, "2026-06-01-new-name.md", "2026-06-01", "aliases: [launch]")
    status, found, out, _ = _check(tmp_path, capsys)
    assert (status, found) == (1, [("entries/2026/2026-06-01-new-name.md", "E311")])
    assert ("error[E311]: this entry keeps the address of entries/2026/2026-06-01-launch.md but "
            "not its feed identity 'launch': feed readers would show it twice\n"
            "  hint: add 'id: launch' to the front matter") in out


def test_renaming_without_alias_is_an_error(tmp_path: Path, capsys) -> None:
    _published(tmp_path)
    _replace(tmp_path, "2026-06-01-new-name.md", "2026-06-01", "id: launch")
    assert _check(tmp_path, capsys)[:2] == (1, [(OLD, "E310")])


def test_changing_the_date_without_a_dated_alias_is_an_error(tmp_path: Path, capsys) -> None:
    _published(tmp_path)
    _replace(tmp_path, "2026-06-02-launch.md", "2026-06-02", "updated: 2026-06-03")
    assert _check(tmp_path, capsys)[:2] == (1, [(OLD, "E310")])
    # The plain slug cannot be an alias of itself: the old address needs its date.
    path = tmp_path / "entries/2026/2026-06-02-launch.md"
    path.write_text(path.read_text().replace("updated: 2026-06-03", "aliases: [launch]"))
    _, found, _, _ = _check(tmp_path, capsys)
    assert ("entries/2026/2026-06-02-launch.md", "E160") in found and (OLD, "E310") in found


@pytest.mark.parametrize(("name", "date", "extra"), [
    ("2026-06-01-new-name.md", "2026-06-01", "id: launch\naliases: [launch]"),
    ("2026-06-02-launch.md", "2026-06-02", "aliases: [2026/06/01/launch]"),
    ("2026-06-02-new-name.md", "2026-06-02", "id: launch\naliases: [2026/06/01/launch]"),
    ("sub/2026-06-01-launch.md", "2026-06-01", ""),  # moved to another folder only
], ids=["rename", "date", "both", "folder"])
def test_a_move_that_keeps_address_and_identity_passes_and_redirects(
        tmp_path: Path, capsys, name: str, date: str, extra: str) -> None:
    _published(tmp_path)
    (tmp_path / "entries/2026/sub").mkdir()
    _replace(tmp_path, name, date, extra or "draft: false")
    status, found, out, _ = _check(tmp_path, capsys)
    assert (status, found) == (0, []), out
    result = load(tmp_path, Settings())
    assert result.ok
    site = compile_site(result.corpus, Settings(site_url="https://news.example.org/"))
    if extra:
        redirect = site.files["2026/06/01/launch/index.html"].decode()
        assert f"{date.replace('-', '/')}/{name.removesuffix('.md')[11:]}/" in redirect


@pytest.mark.parametrize(("alias", "message"), [
    ("2026/02/30/launch", "alias '2026/02/30/launch' is not a slug or YYYY/MM/DD/slug"),
    ("2026/06/01/launch", "alias '2026/06/01/launch' is the entry's own address"),
    ("2026/6/1/launch", "alias '2026/6/1/launch' is not a slug or YYYY/MM/DD/slug"),
    ("../../x", "alias '../../x' is not a slug or YYYY/MM/DD/slug"),
])
def test_dated_aliases_are_checked(tmp_path: Path, capsys, alias: str, message: str) -> None:
    write_project(tmp_path, {"2026/2026-06-01-launch.md": entry("2026-06-01", **{
        "tags: [ai, healthcare]": f"tags: [ai, healthcare]\naliases: ['{alias}']"})})
    status, out, _ = run(tmp_path, "check", capsys=capsys)
    assert status == 1 and f"error[E160]: {message}" in out


def test_history_is_not_checked_without_git_history(tmp_path: Path, capsys) -> None:
    _published(tmp_path)
    os.remove(tmp_path / OLD)
    status, out, _ = run(tmp_path, "check", capsys=capsys)  # no --changed-since: no E310
    assert status == 0 and out == ""


def test_an_alias_on_an_unpublished_entry_keeps_nothing(tmp_path: Path, capsys) -> None:
    _published(tmp_path)
    _replace(tmp_path, "2026-06-01-new-name.md", "2026-06-01",
             "id: launch\naliases: [launch]\ndraft: true")
    assert _check(tmp_path, capsys)[:2] == (1, [(OLD, "E310")])


@pytest.mark.parametrize(("before", "after", "hint"), [
    ("", "id: fresh", "remove 'id' (or set it to the slug)"),
    ("id: stable", "id: renamed-id", "keep 'id: stable'"),
    ("id: stable", "", "keep 'id: stable'"),
], ids=["added", "changed", "removed"])
def test_editing_the_id_of_a_published_entry_is_an_error(tmp_path: Path, capsys, before: str,
                                                        after: str, hint: str) -> None:
    _published(tmp_path, before or "draft: false")
    path = tmp_path / OLD
    text = path.read_text()
    path.write_text(text.replace(before, after) if before else
                    text.replace("draft: false", after))
    status, found, out, _ = _check(tmp_path, capsys)
    assert (status, found) == (1, [(OLD, "E311")])
    assert f"  hint: {hint}" in out


def test_editing_the_id_of_a_draft_is_fine(tmp_path: Path, capsys) -> None:
    _published(tmp_path, "draft: true")
    path = tmp_path / OLD
    path.write_text(path.read_text().replace("draft: true", "draft: true\nid: fresh"))
    assert _check(tmp_path, capsys)[:2] == (0, [])
