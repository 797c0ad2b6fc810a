"""Issue 11: ``digest serve`` rebuilds incrementally (``mkdocs serve --dirty`` with
``generator.plugin.incremental``), and what it serves after any sequence of edits is byte
for byte what a clean build of the same files writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.served import ServedSite
from generator.memo import Memo
from tests.site.site_support import EPOCH, ROOT, entry_text, tree

ENTRIES = Path("entries")


@pytest.fixture
def project(fixture_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(fixture_project, copy, symlinks=True, ignore=shutil.ignore_patterns("site"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return copy


def _entry(root: Path, date: str, slug: str) -> Path:
    return root / ENTRIES / date[:4] / f"{date}-{slug}.md"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _body_edit(root: Path) -> None:
    _replace(_entry(root, "2026-09-01", "alpha-launch"), "Background for alpha",
             "A new sentence. Background for alpha")


def _title_edit(root: Path) -> None:
    _replace(_entry(root, "2026-08-02", "charlie-hospital"), "title: Charlie brief",
             "title: Renamed charlie brief")


def _new_entry(root: Path) -> None:
    _entry(root, "2026-09-10", "india-newcomer").write_text(
        entry_text("india-newcomer", "2026-09-10", ["regulation"], ""), encoding="utf-8")


def _delete(root: Path) -> None:
    _entry(root, "2025-12-31", "echo-datacenter").unlink()


def _rename(root: Path) -> None:
    old = _entry(root, "2026-08-15", "bravo-funding")
    old.rename(old.with_name("2026-08-15-bravo-funding-round.md"))


def _retag(root: Path) -> None:
    _replace(_entry(root, "2026-06-02", "delta-diagnosis"), "tags: [ai, healthcare]", "tags: [ai]")


def _break(root: Path) -> None:
    _replace(_entry(root, "2025-11-20", "foxtrot-research"), "title: Foxtrot", "title: [Foxtrot")


def _fix_and_update(root: Path) -> None:
    _replace(_entry(root, "2025-11-20", "foxtrot-research"), "title: [Foxtrot",
             "updated: 2026-09-20\ntitle: Foxtrot")


def _vocabulary(root: Path) -> None:
    _replace(root / ENTRIES / "tags.yml", "Laws and regulators.", "Laws, courts and regulators.")


def _authors(root: Path) -> None:
    (root / ENTRIES / "authors.yml").write_text(
        "jane:\n  name: Jane Doe\n  url: https://example.org/jane\n", encoding="utf-8")
    _replace(_entry(root, "2026-09-01", "alpha-launch"), "sources:", "authors: [jane]\nsources:")


def _image(root: Path) -> None:
    folder = root / ENTRIES / "2026" / "images"
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "docs" / "assets" / "images" / "logo.png", folder / "charlie.png")
    _replace(_entry(root, "2026-08-02", "charlie-hospital"), "sources:",
             "image:\n  src: images/charlie.png\n  alt: A chart\n  credit: Example\nsources:")


def _image_file_changes(root: Path) -> None:
    path = root / ENTRIES / "2026" / "images" / "charlie.png"
    path.write_bytes(path.read_bytes() + b"\0")


def _image_file_deleted(root: Path) -> None:
    (root / ENTRIES / "2026" / "images" / "charlie.png").unlink()  # E182: the entry is left out


def _editors_note(root: Path) -> None:
    folder = root / ENTRIES / "editions"
    folder.mkdir(exist_ok=True)
    (folder / "2026-08-31.md").write_text(
        "---\ntitle: A week of launches\ntop: alpha-launch\n---\nWhat the week brought.\n",
        encoding="utf-8")


def _hand_written_page(root: Path) -> None:
    _replace(root / "docs" / "about.md", "About this test digest.", "About this digest, edited.")


def _settings(root: Path) -> None:
    _replace(root / "mkdocs.yml", "per_page: 2", "per_page: 3")


EDITS: list[Callable[[Path], None]] = [
    _body_edit, _title_edit, _new_entry, _delete, _rename, _retag, _break, _fix_and_update,
    _authors, _image, _image_file_changes, _image_file_deleted, _editors_note, _vocabulary,
    _hand_written_page,
    _settings, _body_edit]


@pytest.mark.parametrize("preview", ["", "drafts,future"])
def test_every_rebuild_equals_a_clean_build(project: Path, tmp_path: Path, preview: str,
                                            monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DIGEST_PREVIEW", preview)
    served = ServedSite(project, tmp_path / "served")
    served.rebuild()
    for step, edit in enumerate(EDITS):
        edit(project)
        served.rebuild()
        clean = ServedSite(project, tmp_path / f"clean{step}", dirty=False)
        clean.rebuild()
        clean.close()
        incremental, whole = tree(served.site_dir), tree(clean.site_dir)
        assert incremental.keys() == whole.keys(), (edit.__name__, incremental.keys() ^ whole.keys())
        differ = [path for path in whole if incremental[path] != whole[path]]
        assert not differ, (edit.__name__, differ)
        shutil.rmtree(clean.site_dir)
    served.close()


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_an_edit_rewrites_only_what_it_changes(project: Path, tmp_path: Path):
    served = ServedSite(project, tmp_path / "served")
    served.rebuild()
    before = _mtimes(served.site_dir)
    _body_edit(project)
    served.rebuild()
    after = _mtimes(served.site_dir)
    rewritten = {path for path, mtime in after.items() if before.get(path) != mtime}
    assert "2026/09/01/alpha-launch/index.html" in rewritten
    # Pages that do not show the edited text stay as they were: other entries (its
    # neighbour's link shows only the title), listings (they show the lede), tag pages.
    for untouched in ("2026/08/15/bravo-funding/index.html", "2025/11/20/foxtrot-research/index.html",
                      "index.html", "tags/ai/index.html", "archive/index.html", "about/index.html",
                      "sitemap.xml", "feeds.opml"):
        assert untouched in after and untouched not in rewritten, untouched
    # The feeds (full content) and the search files holding its words do change.
    assert "feed.xml" in rewritten and any(path.startswith("search/t/") for path in rewritten)
    assert len(rewritten) < len(after) / 4, sorted(rewritten)
    served.close()


def test_a_failed_rebuild_is_followed_by_a_whole_one(project: Path, tmp_path: Path):
    served = ServedSite(project, tmp_path / "served")
    served.rebuild()
    _replace(project / "mkdocs.yml", "per_page: 2", "per_page: zero")
    with pytest.raises(SystemExit):  # MkDocs aborts the build with the setting's error
        served.rebuild()
    _replace(project / "mkdocs.yml", "per_page: zero", "per_page: 2")
    served.rebuild()
    clean = ServedSite(project, tmp_path / "clean", dirty=False)
    clean.rebuild()
    assert tree(served.site_dir) == tree(clean.site_dir)


def test_memo_reuses_results_for_equal_arguments_only():
    memo, calls = Memo(), []

    def square(value: int) -> int:
        calls.append(value)
        return value * value

    with memo.build():
        assert memo.call("a", square, 3) == 9
    with memo.build():
        assert memo.call("a", square, 3) == 9  # kept
        assert memo.call("b", square, 3) == 9  # another key: computed
    with memo.build():
        assert memo.call("a", square, 4) == 16  # other arguments: computed
    assert calls == [3, 3, 4]
    with memo.build():
        pass  # a build that used nothing keeps nothing
    assert memo.call("a", square, 4) == 16 and calls == [3, 3, 4, 4]
