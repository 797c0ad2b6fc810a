"""The built site's search index: exactly the published entries, newest first, deterministic,
and answered by the site's own search-index.js (run in Node on the built files)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.search import SearchRecord, write_search_index
from generator.search import index as search_index
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


def documents(site: Path) -> list[list]:
    """[url, title, date, lede, kind] of every indexed document, in id order."""
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


def query(site: Path, words: str, tag: str = "", year: str = "") -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the query tests run search-index.js in Node")
    result = subprocess.run([node, str(SEARCH_MJS), "query", str(site), words, tag, year],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def urls(site: Path, words: str) -> list[str]:
    return [hit["url"] for hit in query(site, words)["results"]]


def page(day: int, title: str, text: str, lede: str = "", tags: tuple[str, ...] = ()) -> SearchRecord:
    return SearchRecord(kind="entry", url=f"2026/01/{day:02}/e{day}/", title=title, date=f"{day} January 2026",
                        lede=lede, tags=tags, body=(text,), published=datetime(2026, 1, day, tzinfo=UTC))


def corpus() -> list[SearchRecord]:
    """28 entries; "common" in all of them, "even" in every other one, "word<day>" in one each."""
    return [page(day, f"Entry {day}" + (" about rockets" if day in (3, 9) else ""),
                 f"Word{day} and common text" + (" even" if day % 2 == 0 else "") +
                 (" rocketry" if day in (5, 9, 12) else ""), lede=f"Lede of entry {day}.")
            for day in range(1, 29)]


def test_the_build_indexes_exactly_the_published_entries_newest_first(site: Path) -> None:
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off
    assert not (site / "pagefind").exists()
    docs = [doc for doc in documents(site) if doc[4] == 0]
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
    assert {"al", "alph", "alp", "alto", "alum"} <= set(shards)  # by stem: "alps" is in "alp"
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


# -- issue 14's "Why" cases, at the index (the Chromium tests run them in the dialog) ---------

def why_corpus() -> list[SearchRecord]:
    texts = {1: ("Lab signs a partnership", "The partnership covers R&D with AT&T.", ("AI",)),
             2: ("Regulators fine a platform", "Two regulators wrote in C++ and deployed 5G.", ()),
             3: ("Chip news", "Partnerships with regulators, and an AI model.", ("AI",)),
             4: ("Quiet day", "Nothing about partnering at all.", ())}
    records = [page(day, title, text, lede=f"Lede {day}.", tags=tags) for day, (title, text, tags) in texts.items()]
    records += [SearchRecord("tag", "tags/ai/", "AI", "", "Artificial intelligence models."),
                SearchRecord("page", "about/", "About", "", "What this digest is.",
                             body=("Our privacy policy: no cookies.",))]
    return records


def test_stemming_finds_every_form_of_a_word(tmp_path: Path) -> None:
    write_search_index(tmp_path, why_corpus())
    assert urls(tmp_path, "partnerships ") == urls(tmp_path, "partnership ") == [
        "/2026/01/01/e1/", "/2026/01/03/e3/"]  # the title's first, then the newest
    assert query(tmp_path, "regulator ")["total"] == 2


def test_one_typo_in_a_long_word_is_forgiven(tmp_path: Path) -> None:
    write_search_index(tmp_path, why_corpus())
    assert urls(tmp_path, "regualtors ") == ["/2026/01/02/e2/", "/2026/01/03/e3/"]
    assert query(tmp_path, "regualtorsx ")["total"] == 0  # two edits
    assert query(tmp_path, "nwes ")["total"] == 0  # four letters: no typo tolerance


def test_short_terms_that_carry_meaning_are_kept_whole(tmp_path: Path) -> None:
    write_search_index(tmp_path, why_corpus())
    assert urls(tmp_path, "R&D") == ["/2026/01/01/e1/"]
    assert urls(tmp_path, "AT&T") == ["/2026/01/01/e1/"]
    assert urls(tmp_path, "C++") == ["/2026/01/02/e2/"]
    assert urls(tmp_path, "5G") == ["/2026/01/02/e2/"]
    assert urls(tmp_path, "AI ") == ["/tags/ai/", "/2026/01/03/e3/", "/2026/01/01/e1/"]  # title, then newest


def test_tag_and_hand_written_pages_are_results_of_their_kind(tmp_path: Path) -> None:
    write_search_index(tmp_path, why_corpus())
    [hit] = query(tmp_path, "privacy")["results"]
    assert (hit["url"], hit["kind"]) == ("/about/", "page")
    assert query(tmp_path, "artificial")["results"][0]["kind"] == "tag"


def test_every_result_can_be_reached_page_by_page(tmp_path: Path) -> None:
    write_search_index(tmp_path, corpus())
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = ("const { SearchIndex } = await import(process.argv[1]);"
              "const { readFile } = await import('node:fs/promises');"
              "const index = new SearchIndex(process.argv[2], async (url) => { url = new URL(url); url.search = '';"
              " return JSON.parse(await readFile(url, 'utf8')); });"
              "const seen = []; let found; let offset = 0;"
              "do { found = await index.query('common', 10, offset); seen.push(...found.results.map((r) => r.id));"
              " offset += 10; } while (found.results.length);"
              "process.stdout.write(JSON.stringify({ total: found.total, seen }));")
    result = subprocess.run([node, "--input-type=module", "-e", script, (SCRIPTS / "search-index.js").as_uri(),
                             (tmp_path / "search").as_uri() + "/"], capture_output=True, text=True, check=True)
    out = json.loads(result.stdout)
    assert out["total"] == 28 and out["seen"] == list(range(28))


def test_digest_compile_writes_the_same_index_as_the_build(site: Path, tmp_path: Path) -> None:
    compiled = digest("compile", str(tmp_path / "out"), cwd=site.parent)
    assert compiled.returncode == 0, compiled.stderr
    assert tree(tmp_path / "out" / "search") == tree(site / "search")


def test_filters_by_tag_and_year(site: Path) -> None:
    def slugs(**filters: str) -> set[str]:
        found = query(site, "readers", **filters)
        assert found["total"] == len(found["results"])
        return {hit["url"].rstrip("/").rsplit("/", 1)[-1] for hit in found["results"]}

    everything = slugs()
    assert everything == set(PUBLISHED)  # tag and hand-written pages do not say "readers"
    assert slugs(tag="ai") == {s for s, (_, tags, _) in PUBLISHED.items() if "ai" in tags}
    assert slugs(year="2025") == {s for s, (date, _, _) in PUBLISHED.items() if date.startswith("2025")}
    assert slugs(tag="ai", year="2025") == {"foxtrot-research"}
    assert slugs(tag="no-such-tag") == set()
    manifest = json.loads((site / "search" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["filters"]["years"] == ["2026", "2025"]  # hidden entries add no year
    assert [slug for slug, _ in manifest["filters"]["tags"]] == ["ai", "cloud", "healthcare"]
