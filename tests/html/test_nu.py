"""HTML validity of the whole built site: the Nu HTML checker (vnu.jar) over every HTML file
of the planted corpus's site (tests/site/planted.py: 64 briefs, every page family, redirects,
the 404 page, the search share page). Our markup has no error; the only errors forgiven are
listed, with the reason, in tests/html/nu.py (Material's own markup, matched by message and
markup). Warnings are printed, not failed.

Needs Java 17+ and vnu.jar (npm ci in tests/html; scripts/ensure-test-tools does both):
without them the test skips locally and fails under CI (CI=true).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from tests.html import nu
from tests.site import planted

pytestmark = pytest.mark.browser  # an outside tool over a whole built site, like the browser tests


def unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the HTML check must run)", pytrace=False)
    pytest.skip(f"{reason}; run scripts/ensure-test-tools")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return planted.build_site(tmp_path_factory.mktemp("nu-site"))


@pytest.fixture(scope="module")
def messages(site: Path) -> list[dict]:
    if nu.java() is None:
        unavailable("java is not installed (Debian's default-jre-headless)")
    if not nu.VNU_JAR.is_file():
        unavailable(f"vnu.jar is not installed ({nu.VNU_JAR} missing; npm ci in tests/html)")
    return nu.check(site)


def test_the_check_covers_the_whole_site(site: Path, messages: list[dict]) -> None:
    """Every page family is in the site, and the checker read every HTML file."""
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    entry = planted.generate()[-1]
    for wanted in ("index.html", "page/2/index.html", f"{entry.url}index.html", "tags/index.html",
                   "tags/ai/index.html", "tags/ai/page/2/index.html", "archive/index.html",
                   "archive/2026/03/index.html", "about/index.html", "contributing/index.html",
                   "404.html", "search/index.html"):
        assert wanted in pages, wanted
    assert len(pages) > planted.COUNT + 20
    unreadable = [m for m in messages if m.get("type") == "non-document-error"]
    assert unreadable == []


def test_no_html_errors(site: Path, messages: list[dict]) -> None:
    errors = [m for m in messages if nu.is_error(m)]
    forgiven = Counter(nu.known(m).why for m in errors if nu.known(m))
    ours = [m for m in errors if not nu.known(m)]
    warnings = [m for m in messages if not nu.is_error(m)]
    for why, count in sorted(forgiven.items()):
        print(f"nu: forgiven x{count}: {why}")
    for text, count in Counter(m.get("message") for m in warnings).most_common():
        print(f"nu: warning x{count}: {text}")
    assert ours == [], f"{len(ours)} HTML error(s):\n" + "\n".join(nu.describe(m, site) for m in ours[:40])
    # A forgiven message that no longer occurs is a stale exception: remove it from nu.MATERIAL.
    assert set(forgiven) == {k.why for k in nu.MATERIAL}, forgiven


def test_the_checker_finds_errors(tmp_path: Path, messages: list[dict]) -> None:
    """The same run on a page with the errors this site once had: they are reported, and the
    Material exception does not forgive the same error on another element."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>\n'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<div><p>x</p><style>p{}</style></div>\n'
        '<label for="__toc">Table of contents</label>\n'
        '<input type="checkbox" id="__toc" autocomplete="off">\n'
        '<label for="__nowhere">A label whose control is missing</label>\n'
        '</body></html>\n', encoding="utf-8")
    errors = [m for m in nu.check(tmp_path) if nu.is_error(m)]
    texts = [m["message"] for m in errors if not nu.known(m)]
    assert any("“style” element" in t for t in texts), texts
    assert any("“for” attribute of the “label” element" in t for t in texts), texts
    assert texts.count(nu.AUTOCOMPLETE) == 1, texts  # the __toc one; the __drawer one is Material's
    assert sum(1 for m in errors if nu.known(m)) == 1
