"""A second engine as a safety net: Zensical (Material's successor, no MkDocs plugins)
builds the plain docs tree that ``digest compile`` writes, and every entry page, listing,
redirect and feed is in its output. The README says what such a move loses today."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from tests.site.site_support import BIN, HIDDEN, PER_PAGE, PUBLISHED, digest, run, title_of

ZENSICAL = BIN / "zensical"
CONFIG = """\
[project]
site_name = "Test Digest"
site_url = "https://news.example.org/sub/"
docs_dir = "docs"
site_dir = "site"
use_directory_urls = true
"""


def _entry_url(slug: str) -> str:
    date = PUBLISHED.get(slug, HIDDEN.get(slug))[0]
    return f"{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"


@pytest.fixture(scope="module")
def built(fixture_project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the compiled docs tree, Zensical's site built from it)."""
    if not ZENSICAL.exists():
        if os.environ.get("CI"):
            pytest.fail("zensical is missing: it is in the test extra (make install)")
        pytest.skip("zensical is not installed in this environment: make install")
    work = tmp_path_factory.mktemp("zensical")
    result = digest("compile", str(work / "docs"), cwd=fixture_project)
    assert result.returncode == 0, result.stderr
    (work / "zensical.toml").write_text(CONFIG, encoding="utf-8")
    result = run(str(ZENSICAL), "build", "--strict", "-f", "zensical.toml", cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "docs", work / "site"


def test_every_entry_page_is_built(built):
    _, site = built
    for slug in PUBLISHED:
        page = site / _entry_url(slug) / "index.html"
        assert page.is_file(), slug
        html = page.read_text(encoding="utf-8")
        assert f"<title>{title_of(slug)} - Test Digest</title>" in html
        assert '<h2 id="whats-new">' in html and '<h2 id="sources">' in html
    for slug in HIDDEN:  # drafts and future entries stay out, as in the MkDocs build
        assert not (site / _entry_url(slug)).exists(), slug


def test_every_compiled_page_and_listing_is_built(built):
    docs, site = built
    pages = sorted(p.relative_to(docs) for p in docs.rglob("index.md"))
    home = -(-len(PUBLISHED) // PER_PAGE)
    listings = {"index.md", "archive/index.md", "tags/index.md", "tags/ai/index.md",
                "tags/ai/page/2/index.md", *(f"page/{n}/index.md" for n in range(2, home + 1))}
    assert listings <= {p.as_posix() for p in pages}
    for page in pages:
        built_page = site / page.with_suffix(".html")
        assert built_page.is_file(), page
        title = yaml.safe_load(page_front_matter(docs / page))["title"]
        assert title.replace("&", "&amp;") in built_page.read_text(encoding="utf-8"), page


def test_feeds_and_redirects_are_copied_byte_for_byte(built):
    docs, site = built
    files = [p.relative_to(docs) for p in docs.rglob("*")
             if p.is_file() and p.suffix != ".md" and p.name != ".digest-compile"]
    names = {p.as_posix() for p in files}
    assert {"feed.xml", "atom.xml", "feed.json", "feeds.opml", "tags/ai/feed.xml",
            "tags/ai/atom.xml", "2026/09/01/alpha-old-name/index.html"} <= names
    for path in files:
        assert (site / path).read_bytes() == (docs / path).read_bytes(), path


def page_front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[1]
