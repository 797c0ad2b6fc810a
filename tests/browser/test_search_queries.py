# ruff: noqa: F811  (the tab and origin fixtures come from test_e2e; tests take them by name)
"""Issue 14's "Why" cases as a reader meets them: typed into the search dialog of a built
site in headless Chromium (fixtures and helpers from test_e2e: the same server and checks)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.test_e2e import Tab, entry, origin, tab  # noqa: F401 (fixtures)
from tests.support import ROOT, TAGS_YML, write_project

try:
    from playwright.sync_api import expect
except ImportError:
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

REGULATED = 24  # briefs whose body says "regulators": more than one page of results
ENTRIES = {
    f"2026/2026-01-{day:02}-briefing-number-{day}.md": entry(
        f"Briefing number {day}", f"2026-01-{day:02}", ["cloud"], f"A briefing on 2026-01-{day:02}.",
        "Two regulators asked questions." + (" The partnership covers R&D." if day % 3 == 0 else ""))
    for day in range(1, REGULATED + 1)
} | {
    "2026/2026-02-01-partnerships-with-labs.md": entry(
        "Partnerships with labs", "2026-02-01", ["ai"], "Labs signed deals on 2026-02-01.",
        "Nothing else."),
    # East is 01:00 at +05:00 (20:00 UTC on 1 March), west 22:00 UTC on 1 March: west is newer.
    "2026/2026-03-01-east-office-opens.md": entry(
        "East office opens", "2026-03-02T01:00:00+05:00", ["cloud"], "An office opened in the east.",
        "Offsetword appears here."),
    "2026/2026-03-01-west-office-opens.md": entry(
        "West office opens", "2026-03-01T22:00:00+00:00", ["cloud"], "An office opened in the west.",
        "Offsetword appears here too."),
}


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("search-site"), ENTRIES, TAGS_YML)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    out = root / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
                            cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}{result.stderr}"
    return out


def typed(tab: Tab, query: str, path: str = "/archive/") -> None:
    """Open the dialog with the keyboard and type ``query`` letter by letter."""
    tab.goto(path)
    tab.page.keyboard.press("/")
    tab.page.locator("input.md-search__input").press_sequentially(query, delay=15)


def meta(tab: Tab) -> str:
    return tab.page.locator(".md-search-result__meta").inner_text()


def titles(tab: Tab) -> list[str]:
    return tab.page.locator(".md-search-result__article h1").all_inner_texts()


def wait_for(tab: Tab, text: str) -> None:
    expect(tab.page.locator(".md-search-result__meta")).to_have_text(text, timeout=10_000)


def test_every_result_is_reached_page_by_page_and_the_count_matches(tab: Tab) -> None:
    typed(tab, "regulators")
    wait_for(tab, f"{REGULATED} matching documents")
    assert len(titles(tab)) == 10
    more = tab.page.get_by_role("button", name="Show more")
    more.click()
    expect(tab.page.locator(".md-search-result__item")).to_have_count(20)
    more.click()
    expect(tab.page.locator(".md-search-result__item")).to_have_count(REGULATED)
    expect(more).to_be_hidden()
    assert len(set(titles(tab))) == REGULATED
    tab.assert_clean()


def test_stemming_and_one_typo(tab: Tab) -> None:
    typed(tab, "partnerships ")
    wait_for(tab, f"{REGULATED // 3 + 1} matching documents")
    assert titles(tab)[0] == "Partnerships with labs"  # the title first
    typed(tab, "regualtors ")
    wait_for(tab, f"{REGULATED} matching documents")
    tab.assert_clean()


def test_short_terms_are_kept(tab: Tab) -> None:
    typed(tab, "R&D")
    wait_for(tab, f"{REGULATED // 3 + 1} matching documents")  # and Contributing, which names it
    assert titles(tab)[-1] == "Contributing an entry"
    expect(tab.page.locator(".md-search-result__article mark").first).to_be_visible()
    tab.assert_clean()


def test_about_contributing_and_tags_are_results_of_their_kind(tab: Tab) -> None:
    typed(tab, "sourced")  # About's lede; Contributing's body has "sources" (one stem)
    wait_for(tab, "2 matching documents")
    kinds = tab.page.locator(".md-search-result__article").evaluate_all("(all) => all.map((a) => a.dataset.digestKind)")
    assert kinds == ["page", "page"] and titles(tab) == ["About", "Contributing an entry"]
    typed(tab, "healthcare ")
    expect(tab.page.locator('[data-digest-kind="tag"]')).to_have_count(1)
    tab.assert_clean()


def test_ties_follow_the_sites_order_across_utc_offsets(tab: Tab) -> None:
    typed(tab, "offsetword ")
    wait_for(tab, "2 matching documents")
    assert titles(tab) == ["West office opens", "East office opens"]
    tab.goto("/")
    home = tab.page.locator(".digest-item__title a").all_inner_texts()
    assert home.index("West office opens") < home.index("East office opens")
    tab.assert_clean()


def test_a_shared_url_opens_the_dialog_with_the_query(tab: Tab) -> None:
    tab.goto(f"/search/?q={quote('R&D')}")
    tab.page.wait_for_url(tab.origin + "/?q=R%26D")
    expect(tab.page.locator("input.md-search__input")).to_have_value("R&D")
    wait_for(tab, f"{REGULATED // 3 + 1} matching documents")
    tab.assert_clean()


def test_the_dialog_never_says_initializing_and_the_focus_is_visible(tab: Tab) -> None:
    tab.goto("/")
    tab.page.keyboard.press("/")
    assert meta(tab).strip() == "Type to start searching"
    tab.page.locator("input.md-search__input").press_sequentially("regulators ", delay=15)
    wait_for(tab, f"{REGULATED} matching documents")
    tab.page.keyboard.press("ArrowDown")
    link = tab.page.locator(".md-search-result__link").first
    expect(link).to_be_focused()
    outline = link.evaluate("(element) => getComputedStyle(element).outlineStyle")
    assert outline == "solid"
    tab.assert_clean()


def test_filters_by_tag_and_year(tab: Tab) -> None:
    typed(tab, "partnerships ")
    wait_for(tab, f"{REGULATED // 3 + 1} matching documents")  # 8 cloud briefings, 1 ai brief
    tag = "select[data-digest-search-filter=tag]"
    tab.page.select_option(tag, "ai")
    wait_for(tab, "1 matching document")
    assert titles(tab) == ["Partnerships with labs"]
    tab.page.select_option(tag, "cloud")
    wait_for(tab, f"{REGULATED // 3} matching documents")
    tab.page.select_option("select[data-digest-search-filter=year]", "2026")
    wait_for(tab, f"{REGULATED // 3} matching documents")
    assert tab.page.locator("select[data-digest-search-filter=year] option").all_inner_texts() == [
        "All years", "2026"]
    tab.page.select_option(tag, "")
    wait_for(tab, f"{REGULATED // 3 + 1} matching documents")
    tab.assert_clean()
