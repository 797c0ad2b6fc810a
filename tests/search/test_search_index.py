"""The built site's search: a Pagefind index of the published entries only, written by the
build, deterministic, found by a query through Pagefind's own pagefind.js (in Node), and a
broken Pagefind fails the build."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

import pytest

from generator.compile import CompiledPage
from generator.search import SearchIndexError, write_search_index
from tests.site.site_support import BIN, HIDDEN, PUBLISHED, digest, env, tree, write_fixture

QUERY_JS = Path(__file__).with_name("query.mjs")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_fixture(tmp_path_factory.mktemp("search-project"))
    result = digest("build", "--strict", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def entry_path(slug: str) -> str:
    date = PUBLISHED[slug][0]
    return f"/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"


def fragments(index: Path) -> list[dict]:
    """Every indexed page as Pagefind stored it (gzip of b"pagefind_dcd" + JSON)."""
    prefix = b"pagefind_dcd"
    found = []
    for path in sorted((index / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(prefix)
        found.append(json.loads(data[len(prefix):]))
    return found


def test_the_build_indexes_exactly_the_published_entries(site: Path) -> None:
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "pagefind" / "pagefind-ui.js").exists()  # the site uses Material's dialog
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off
    pages = fragments(site / "pagefind")
    assert sorted(page["url"] for page in pages) == sorted(entry_path(slug) for slug in PUBLISHED)
    text = " ".join(page["content"] for page in pages)
    assert "alphazebra" in text
    for slug in HIDDEN:
        assert slug.split("-")[0] not in text  # drafts and future entries are nowhere
    alpha = next(page for page in pages if page["url"] == entry_path("alpha-launch"))
    assert alpha["meta"]["title"] == "Alpha brief on alpha launch announced"


def test_every_page_loads_the_search_script_and_not_materials(site: Path) -> None:
    for html in (site / "index.html", site / "about" / "index.html", site / "tags" / "ai" / "index.html"):
        text = html.read_text(encoding="utf-8")
        assert "assets/javascripts/search.js" in text
        assert "data-digest-search" in text and 'data-md-component="search"' not in text
        assert 'name="search"' not in text  # Material fetches search_index.json for this form


def test_the_index_does_not_depend_on_page_order(tmp_path: Path) -> None:
    pages = [CompiledPage(src=f"2026/01/{day:02}/e{day}/index.md", url=f"2026/01/{day:02}/e{day}/",
                          title=f"Entry {day}", description="", html=f"<p>Word{day} and common text.</p>",
                          meta=MappingProxyType({"digest": {"kind": "entry"}}))
             for day in range(1, 29)]
    assert write_search_index(tmp_path / "a", pages, "en") == 28
    random.Random(7).shuffle(pages)
    write_search_index(tmp_path / "b", pages, "en")
    first = tree(tmp_path / "a")
    assert first == tree(tmp_path / "b") and "pagefind/pagefind-entry.json" in first


def test_a_missing_pagefind_binary_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexError, match="Pagefind binary"):
        write_search_index(tmp_path, [], "en")


def test_a_failing_pagefind_fails_the_build_and_keeps_the_old_site(site: Path, tmp_path: Path) -> None:
    root = site.parent
    before = tree(site)
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: out of memory' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    result = subprocess.run([str(BIN / "digest"), "build"], cwd=root,
                            env={**env(), "PAGEFIND_BINARY_PATH": str(broken)},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "search index" in result.stderr and "out of memory" in result.stderr
    assert tree(site) == before


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/pagefind/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def query(site: Path, base: str, words: str) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the query test runs Pagefind's pagefind.js in Node")
    result = subprocess.run([node, str(QUERY_JS), str(site / "pagefind"), base, words],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_query_finds_the_entry_by_a_body_word(site: Path, served: str) -> None:
    [hit] = query(site, served, "charliezebra")
    assert urlsplit(hit["url"]).path == entry_path("charlie-hospital")
    assert hit["title"] == "Charlie brief on charlie hospital announced"
    assert "<mark>charliezebra" in hit["excerpt"]
    assert query(site, served, "golfzebra") == []  # a draft's word finds nothing
    assert len(query(site, served, "brief")) == len(PUBLISHED)
