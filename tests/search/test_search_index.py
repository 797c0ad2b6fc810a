"""The built site's search index: exactly the published entries, newest first, deterministic,
and answered by the site's own search-index.js (run in Node on the built files)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from types import MappingProxyType

import pytest

from generator.compile import CompiledPage
from generator.search import index as search_index
from generator.search import write_search_index
from tests.site.site_support import HIDDEN, PUBLISHED, digest, tree

SEARCH_MJS = Path(__file__).with_name("search.mjs")
SCRIPTS = Path(__file__).resolve().parents[2] / "docs" / "overrides" / "assets" / "javascripts"
HOSTILE = "<img src=x onerror=alert(1)> & <b>bold</b>"


@pytest.fixture(scope="module")
def site(fixture_project: Path) -> Path:
    """The fixture site (built once per session: tests/conftest.py)."""
    return fixture_project / "site"


def entry_path(slug: str) -> str:
    date = PUBLISHED[slug][0]
    return f"/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"


def documents(site: Path) -> list[list[str]]:
    """[url, title, date, lede] of every indexed document, in id order."""
    manifest = json.loads((site / "search" / "manifest.json").read_text(encoding="utf-8"))
    blocks = range(-(-manifest["docs"] // manifest["block"]))
    docs = [doc for n in blocks for doc in json.loads((site / "search" / "m" / f"{n}.json").read_text("utf-8"))]
    assert len(docs) == manifest["docs"]
    return docs


def terms(site: Path) -> set[str]:
    found: set[str] = set()
    for shard in (site / "search" / "t").glob("*.json"):
        data = json.loads(shard.read_text(encoding="utf-8"))
        found |= set(data["p"]) | set(data["x"])
    return found


def query(site: Path, words: str) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the query tests run search-index.js in Node")
    result = subprocess.run([node, str(SEARCH_MJS), "query", str(site), words],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def urls(site: Path, words: str) -> list[str]:
    return [hit["url"] for hit in query(site, words)["results"]]


def page(day: int, title: str, text: str, lede: str = "") -> CompiledPage:
    url = f"2026/01/{day:02}/e{day}/"
    stamp = f"2026-01-{day:02}T00:00:00+00:00"
    byline = f'<p class="digest-byline">\n<time datetime="{stamp}">{day} January 2026</time></p>'
    return CompiledPage(src=f"{url}index.md", url=url, title=title, description=lede,
                        html=f"<h1>{title}</h1>{byline}<p>{text}</p>",
                        meta=MappingProxyType({"digest": {"kind": "entry"}}))


def corpus() -> list[CompiledPage]:
    """28 entries; "common" in all of them, "even" in every other one, "word<day>" in one each."""
    return [page(day, f"Entry {day}" + (" about rockets" if day in (3, 9) else ""),
                 f"Word{day} and common text" + (" even" if day % 2 == 0 else "") +
                 (" rocketry" if day in (5, 9, 12) else ""), lede=f"Lede of entry {day}.")
            for day in range(1, 29)]


def test_the_build_indexes_exactly_the_published_entries_newest_first(site: Path) -> None:
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off
    assert not (site / "pagefind").exists()
    docs = documents(site)
    newest_first = sorted(PUBLISHED, key=lambda slug: PUBLISHED[slug][0], reverse=True)
    assert [doc[0] for doc in docs] == [entry_path(slug) for slug in newest_first]
    alpha = docs[0]
    assert alpha[1] == "Alpha brief on alpha launch announced"
    assert alpha[2] == "1 September 2026"
    assert "alphazebra" in terms(site)
    for slug in HIDDEN:
        assert not any(term.startswith(slug.split("-")[0]) for term in terms(site))  # no drafts, no future


def test_every_page_loads_the_search_script_and_not_materials(site: Path) -> None:
    assert (site / "assets" / "javascripts" / "search-index.js").is_file()
    for html in (site / "index.html", site / "about" / "index.html", site / "tags" / "ai" / "index.html"):
        text = html.read_text(encoding="utf-8")
        assert "assets/javascripts/search.js" in text
        assert "data-digest-search" in text and 'data-md-component="search"' not in text
        assert 'name="search"' not in text  # Material fetches search_index.json for this form


def test_a_query_finds_the_entry_by_a_body_word(site: Path) -> None:
    found = query(site, "charliezebra")
    assert found["total"] == 1
    [hit] = found["results"]
    assert hit["url"] == entry_path("charlie-hospital")
    assert hit["title"] == "Charlie brief on charlie hospital announced"
    assert hit["terms"] == ["charliezebra"]  # what the dialog marks when the lede lacks it
    assert query(site, "golfzebra")["total"] == 0  # a draft's word finds nothing
    assert query(site, "BRIEF")["total"] == len(PUBLISHED)


def test_the_last_word_matches_as_a_prefix_while_typing(site: Path) -> None:
    assert urls(site, "charliezeb") == [entry_path("charlie-hospital")]
    assert urls(site, "charliezeb ") == []  # a finished word matches whole
    assert query(site, "zebr")["total"] == 0  # a prefix of a word's start only
    assert query(site, "ch")["total"] >= 1  # two characters are a prefix too (one shard)


def test_all_words_must_match(site: Path) -> None:
    assert urls(site, "brief charliezebra") == [entry_path("charlie-hospital")]
    assert urls(site, "alphazebra charliezebra") == []


def test_ranking_titles_first_then_newest(tmp_path: Path) -> None:
    write_search_index(tmp_path, corpus())
    # Days 3 and 9 have "rockets" in their title, 5, 9 and 12 "rocketry" in their text.
    assert urls(tmp_path, "rocket") == ["/2026/01/09/e9/", "/2026/01/03/e3/", "/2026/01/12/e12/",
                                        "/2026/01/05/e5/"]
    assert urls(tmp_path, "word7") == ["/2026/01/07/e7/"]


def test_common_words_are_stored_as_the_documents_without_them(tmp_path: Path) -> None:
    write_search_index(tmp_path, corpus())
    shard = json.loads((tmp_path / "search" / "t" / "co.json").read_text(encoding="utf-8"))
    assert shard["x"]["common"] == []  # in every document
    assert query(tmp_path, "common")["total"] == 28
    assert query(tmp_path, "common even")["total"] == 14
    assert urls(tmp_path, "word5 common") == ["/2026/01/05/e5/"]
    assert urls(tmp_path, "word5 even") == []


def test_large_shards_split_and_still_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "SHARD_BYTES", 40)
    write_search_index(tmp_path, corpus())
    shards = json.loads((tmp_path / "search" / "manifest.json").read_text(encoding="utf-8"))["shards"]
    assert "word" in shards and "wo" not in shards and "ro" in shards  # split up to 4 characters
    assert urls(tmp_path, "word12") == ["/2026/01/12/e12/"]
    assert query(tmp_path, "wor")["total"] == 28  # a prefix spanning the split shards
    assert query(tmp_path, "rocketr")["total"] == 3
    assert query(tmp_path, "wo")["total"] == 28  # its terms all went to one shard, "word"


def test_a_two_character_prefix_spanning_many_shards_matches_exactly(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "SHARD_BYTES", 10)
    write_search_index(tmp_path, [page(day, f"Entry {day}", word) for day, word in
                                  enumerate(["alpha", "alps", "alto", "alum", "al"], start=1)])
    shards = json.loads((tmp_path / "search" / "manifest.json").read_text(encoding="utf-8"))["shards"]
    assert {"al", "alph", "alps", "alto", "alum"} <= set(shards)
    assert urls(tmp_path, "al") == ["/2026/01/05/e5/"]  # 5 shards: not fetched for a 2-letter prefix
    assert query(tmp_path, "alp")["total"] == 2


def test_the_index_does_not_depend_on_page_order(tmp_path: Path) -> None:
    pages = corpus()
    assert write_search_index(tmp_path / "a", pages) == 28
    random.Random(7).shuffle(pages)
    write_search_index(tmp_path / "b", pages)
    first = tree(tmp_path / "a")
    assert first == tree(tmp_path / "b") and "search/manifest.json" in first


def test_two_builds_write_the_same_bytes(site: Path) -> None:
    before = tree(site / "search")
    again = digest("build", "--strict", cwd=site.parent)
    assert again.returncode == 0, again.stderr
    assert tree(site / "search") == before


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    write_search_index(tmp_path, [page(1, HOSTILE, "onerror text", lede=f"Lede {HOSTILE}")])
    [hit] = query(tmp_path, "onerror")["results"]
    assert hit["title"] == HOSTILE and hit["lede"] == f"Lede {HOSTILE}"  # stored as text, not markup
    node = shutil.which("node")
    assert node is not None
    parts = json.loads(subprocess.run([node, str(SEARCH_MJS), "highlight", hit["lede"], "img"],
                                      capture_output=True, text=True, check=True).stdout)
    assert "".join(text for text, _ in parts) == hit["lede"]
    assert [text for text, marked in parts if marked] == ["img"]
    # The dialog turns these parts into text nodes only.
    for script in ("search.js", "search-index.js"):
        source = (SCRIPTS / script).read_text(encoding="utf-8")
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "outerHTML" not in source
