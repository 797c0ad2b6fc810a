"""Smoke tests of the project's own site, as a pull request builds it: every published
entry has its page, the feeds parse, and the reviewers' preview (generator.ci.preview)
browses from a folder. The entries-only lane of check.yml runs just these (``-m smoke``)
against the ``site/`` its strict build wrote (DIGEST_SITE=site); otherwise they build it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from generator.clock import build_now
from generator.entries.loader import load
from generator.ci.preview import browsable, folder_link, make_preview
from generator.settings import from_mkdocs_yml
from tests.support import ROOT

_URLS = re.compile(r'\s(?:href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("DIGEST_SITE")
    if given:
        path = Path(given).resolve()
        assert (path / "index.html").is_file(), f"DIGEST_SITE={given} has no built site"
        return path
    out = tmp_path_factory.mktemp("site") / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                           str(ROOT / "mkdocs.yml"), "--site-dir", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def preview(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("preview") / "preview"
    make_preview(site, out)
    return out


@pytest.mark.smoke
def test_every_published_entry_and_page_is_there(site: Path) -> None:
    result = load(ROOT, from_mkdocs_yml(ROOT / "mkdocs.yml"))
    assert result.ok
    published = result.corpus.published(build_now())
    assert published
    for entry in published:
        assert (site / entry.url / "index.html").is_file(), entry.url
        for alias in entry.aliases:
            assert (site / entry.alias_url(alias) / "index.html").is_file(), alias
    for page in ("index.html", "archive/index.html", "tags/index.html", "about/index.html",
                 "contributing/index.html", "feed.xml", "atom.xml", "feed.json"):
        assert (site / page).is_file(), page


@pytest.mark.smoke
def test_the_feeds_parse_and_link_to_the_site(site: Path) -> None:
    base = from_mkdocs_yml(ROOT / "mkdocs.yml").site_url
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert feed.entries and all(item.link.startswith(base) for item in feed.entries)


def _relative_links(folder: Path):
    for page in sorted(folder.rglob("*.html")):
        if page.name == "404.html" and page.parent == folder:
            continue  # served by the web server for any path: its links are root-absolute
        for url in _URLS.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("#") or not parts.path:
                continue
            yield page, url, parts


@pytest.mark.smoke
def test_the_preview_browses_from_a_folder(preview: Path) -> None:
    """Every relative link and source of every page opens a file, as file:// needs."""
    checked, broken = 0, []
    for page, url, parts in _relative_links(preview):
        target = page.parent / unquote(parts.path)
        checked += 1
        if url.startswith("/") or not target.is_file():
            broken.append((page.relative_to(preview).as_posix(), url))
    assert checked > 100 and broken == []


@pytest.mark.smoke
def test_the_site_itself_needs_a_server_which_is_why_there_is_a_preview(site: Path) -> None:
    folders = [url for _, url, parts in _relative_links(site) if parts.path.endswith("/")]
    assert folders  # directory URLs: the reason for generator.ci.preview


@pytest.mark.parametrize(("url", "expected"), [
    ("../", "../index.html"),
    ("..", "../index.html"),
    (".", "./index.html"),
    ("2026/06/02/x/#what-s-new", "2026/06/02/x/index.html#what-s-new"),
    ("tags/ai/?q=1", "tags/ai/index.html?q=1"),
    ("assets/app.js", "assets/app.js"),
    ("feed.xml", "feed.xml"),
    ("https://digest.example.org/", "https://digest.example.org/"),
    ("//cdn.example/x/", "//cdn.example/x/"),
    ("/abs/", "/abs/"),
    ("#top", "#top"),
    ("mailto:a@b.example", "mailto:a@b.example"),
])
def test_folder_links(url: str, expected: str) -> None:
    assert folder_link(url) == expected


def test_only_url_attributes_change() -> None:
    html = '<a href="../" title="../">..</a><img src="x/" alt="x/"><p>href="y/"</p>'
    assert browsable(html) == ('<a href="../index.html" title="../">..</a>'
                               '<img src="x/index.html" alt="x/"><p>href="y/"</p>')
