"""Item ids survive every edit, so subscribers never see a duplicate; unpublished entries never leak."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from generator.entries.model import Corpus, Entry, Source
from generator.feeds import FeedError, feed_files
from tests.feeds.feed_support import (
    BASE_DATE,
    SETTINGS,
    TAGS,
    build,
    edited,
    expected_id,
    load_json,
    make_entry,
    parse,
    render,
)


def ids(files: dict[str, bytes]) -> dict[str, list[str]]:
    """Item ids per format, as a reader sees them."""
    return {
        "rss": [item.id for item in parse(files["feed.xml"]).entries],
        "atom": [item.id for item in parse(files["atom.xml"]).entries],
        "json": [item["id"] for item in load_json(files["feed.json"])["items"]],
    }


def single_ids(entry: Entry) -> dict[str, list[str]]:
    return ids(build([entry]))


ORIGINAL = make_entry("launch", tags=("ai",))

EDITS = {
    "title": {"title": "A completely different headline"},
    "body": {"whats_new": "- Rewritten.", "context": "New context.", "why_it_matters": "New reason.",
             "summary": "A corrected lede.",
             "sources": (Source("Other", "https://other.example/x", None, None),)},
    "tags": {"tags": ("cloud", "healthcare")},
    "date": {"date": BASE_DATE + timedelta(days=1, hours=3)},
    "updated": {"updated": BASE_DATE + timedelta(days=4)},
}


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
def test_editing_an_entry_keeps_its_ids(change: dict) -> None:
    before = single_ids(ORIGINAL)
    assert before == {fmt: [expected_id(ORIGINAL)] for fmt in ("rss", "atom", "json")}
    assert single_ids(edited(ORIGINAL, **change)) == before


def test_all_edits_at_once_keep_the_ids() -> None:
    changes = {k: v for change in EDITS.values() for k, v in change.items()}
    assert single_ids(edited(ORIGINAL, **changes)) == single_ids(ORIGINAL)


def test_renaming_the_slug_with_an_id_keeps_the_ids() -> None:
    entry = make_entry("old-name", id="stable-launch")
    renamed = edited(entry, slug="new-name", path="entries/2026/new-name.md", aliases=("old-name",))
    assert single_ids(renamed) == single_ids(entry) == {
        fmt: ["tag:news.example.org,2026-01:stable-launch"] for fmt in ("rss", "atom", "json")}


def test_ids_do_not_depend_on_scheme_or_host() -> None:
    moved = replace(SETTINGS, site_url="http://new-domain.example.com/digest/")
    assert ids(build([ORIGINAL], moved)) == single_ids(ORIGINAL)
    # ...while the links do move with the site.
    assert parse(build([ORIGINAL], moved)["feed.xml"]).entries[0].link.startswith("http://new-domain")


def test_ids_are_distinct_per_entry_and_not_permalinks() -> None:
    files = build([make_entry("a"), make_entry("b", days=1)])
    for found in ids(files).values():
        assert len(set(found)) == 2
        assert all(i.startswith("tag:") for i in found)
    assert all(item.guidislink is False for item in parse(files["feed.xml"]).entries)


def test_two_entries_with_one_identity_are_refused() -> None:
    with pytest.raises(FeedError, match="identity 'same'"):
        build([make_entry("a", id="same"), make_entry("b", id="same", days=1)])


def _corpus() -> tuple[Corpus, list[Entry]]:
    visible = [make_entry("past", days=-2), make_entry("today", days=0)]
    hidden = [make_entry("draft", days=-1, draft=True, tags=("cloud",)),
              make_entry("future", days=3, tags=("healthcare",))]
    return Corpus(tuple(visible + hidden), TAGS), hidden


def _everything(files: dict[str, bytes]) -> bytes:
    return b"".join(files.values())


def test_drafts_and_future_entries_are_absent() -> None:
    corpus, hidden = _corpus()
    now = BASE_DATE + timedelta(hours=1)
    files = feed_files(render(corpus.published(now)), TAGS, SETTINGS, now=now)
    for entry in hidden:
        assert entry.slug.encode() not in _everything(files)
    assert set(files) == {"feed.xml", "atom.xml", "feed.json", "feeds.opml",
                          "tags/ai/feed.xml", "tags/ai/atom.xml"}
    assert [item.id for item in parse(files["atom.xml"]).entries] == [
        expected_id(e) for e in corpus.published(now)]


def test_drafts_and_future_entries_are_dropped_even_if_passed() -> None:
    corpus, hidden = _corpus()
    now = BASE_DATE + timedelta(hours=1)
    files = feed_files(render(corpus.entries), TAGS, SETTINGS, now=now)
    for entry in hidden:
        assert entry.slug.encode() not in _everything(files)


def test_a_future_entry_appears_once_its_date_arrives() -> None:
    corpus, _ = _corpus()
    later = BASE_DATE + timedelta(days=3)
    files = feed_files(render(corpus.published(later)), TAGS, SETTINGS, now=later)
    assert parse(files["feed.xml"]).entries[0].id == expected_id(make_entry("future"))


# -- moves: rename, date change, both (what E310/E311 make editors write) --------------------

MOVES = {
    "rename": {"slug": "new-name", "path": "entries/2026/new-name.md", "aliases": ("launch",),
               "id": "launch"},
    "date": {"date": BASE_DATE + timedelta(days=2), "aliases": ("2026/06/02/launch",)},
    "both": {"slug": "new-name", "path": "entries/2026/new-name.md", "id": "launch",
             "date": BASE_DATE + timedelta(days=2), "aliases": ("2026/06/02/launch",)},
}
MOVED = make_entry("launch")


@pytest.mark.parametrize("change", MOVES.values(), ids=MOVES.keys())
def test_a_move_keeps_the_ids_and_the_old_address_redirects(change: dict) -> None:
    from generator.compile import compile_site

    moved = edited(MOVED, **change)
    assert single_ids(moved) == single_ids(MOVED)
    site = compile_site(Corpus((moved,), TAGS), SETTINGS)
    assert "2026/06/02/launch/index.html" in site.files
    assert moved.url.encode() in site.files["2026/06/02/launch/index.html"]


def _newsboat(folder: Path, files: dict[str, bytes], name: str) -> list[str]:
    """Let newsboat (a real reader, from Debian) reload the feed ``name``: the item ids it keeps."""
    (folder / name.replace("/", "-")).write_bytes(files[name])
    urls = folder / "urls"
    urls.write_text(f"file://{folder / name.replace('/', '-')}\n", encoding="utf-8")
    (folder / "config").write_text("", encoding="utf-8")
    done = subprocess.run(["newsboat", "-u", str(urls), "-c", str(folder / "cache.db"),
                           "-C", str(folder / "config"), "-x", "reload"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "HOME": str(folder)})
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(folder / "cache.db") as db:
        return [row[0] for row in db.execute("SELECT guid FROM rss_item ORDER BY id")]


def _reader_or_skip() -> None:
    if shutil.which("newsboat") is None:
        reason = "newsboat is not installed (scripts/ensure-test-tools installs Debian's)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.mark.parametrize("feed", ["feed.xml", "atom.xml"])
@pytest.mark.parametrize("change", MOVES.values(), ids=MOVES.keys())
def test_newsboat_shows_no_new_item_after_a_move(tmp_path: Path, change: dict, feed: str) -> None:
    _reader_or_skip()
    before = _newsboat(tmp_path, build([MOVED]), feed)
    assert before == [expected_id(MOVED)]
    assert _newsboat(tmp_path, build([edited(MOVED, **change)]), feed) == before


def test_newsboat_shows_a_rename_without_id_twice(tmp_path: Path) -> None:
    """Why E311 exists: without 'id', a real reader shows the renamed entry as new."""
    _reader_or_skip()
    _newsboat(tmp_path, build([MOVED]), "atom.xml")
    renamed = edited(MOVED, slug="new-name", path="entries/2026/new-name.md", aliases=("launch",))
    assert len(_newsboat(tmp_path, build([renamed]), "atom.xml")) == 2
