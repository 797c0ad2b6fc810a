"""End to end in a real browser: the built site, served on 127.0.0.1, in headless Chromium.

One fixture site (the project's mkdocs.yml and docs/ with a handful of fixture entries and the
64 briefs of the planted corpus, tests/site/planted.py, all older than the fixture entries) is
built and served per module, and one browser is shared by the module. Every test checks at
its end that the page logged no console error and that no request left the site's origin.

Set DIGEST_SCREENSHOT_DIR=/some/dir to save the entry page in light and dark.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from benchmarks import page_weight
from tests.site import planted
from tests.support import VALID_ENTRY

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails under CI) and says why
    expect = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request

pytestmark = pytest.mark.browser

# A word that appears only in one entry's body (not its title, lede or tags).
SEARCH_WORD = "zeppelin"


def entry(title: str, date: str, tags: list[str], summary: str, context: str) -> str:
    """A valid entry file's text."""
    return f"""\
---
title: {title}
date: {date}
tags: [{", ".join(tags)}]
summary: {summary}
sources:
  - publisher: Example Wire
    url: https://wire.example.com/{date}/story/
    title: {title}
    quote: The announcement was made on {date}.
---

## What's new

- {title}.
- Details were published on {date}.

## Context

{context}

## Why it matters

Readers who follow these topics will want to know.
"""


ENTRIES = {
    "2026/2026-06-02-a-valid-entry-about-a-model-launch.md": VALID_ENTRY,
    "2026/2026-06-05-cloud-provider-opens-a-new-region.md": entry(
        "Cloud provider opens a new region", "2026-06-05", ["cloud"],
        "A cloud provider opened a new region on 2026-06-05.",
        f"The data centre sits beside an old {SEARCH_WORD} hangar, which the operator restored."),
    "2026/2026-05-20-hospital-network-shares-records.md": entry(
        "Hospital network shares records", "2026-05-20", ["healthcare", "cloud"],
        "A hospital network moved its shared records to a hosted platform on 2026-05-20.",
        "Hospitals have long struggled to exchange patient records."),
    "2026/2026-04-11-lab-publishes-a-small-model.md": entry(
        "Lab publishes a small model", "2026-04-11", ["ai"],
        "A lab published a small open model on 2026-04-11.",
        "Small models run on phones and laptops, as [the lab's notes](https://lab.example.com/notes/) "
        "explain."),
}
ENTRY_URL = "/2026/06/02/a-valid-entry-about-a-model-launch/"
ENTRY_TITLE = "A valid entry about a model launch"
# Newest first: what /tags/healthcare/ must list first (older planted briefs follow).
HEALTHCARE_TITLES = [ENTRY_TITLE, "Hospital network shares records"]
SEARCH_TARGET = "/2026/06/05/cloud-provider-opens-a-new-region/"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's configuration and docs/ with the planted corpus and the fixture entries,
    built with mkdocs."""
    return planted.build_site(tmp_path_factory.mktemp("browser-site"), ENTRIES)


@pytest.fixture(scope="module")
def origin(site_dir: Path) -> Iterator[str]:
    """The built site served by http.server on 127.0.0.1 (a free port) in a thread."""
    with page_weight.serve(site_dir) as url:
        yield url


@dataclass
class Tab:
    """A page in a fresh browser context, with what it logged and requested."""

    page: Page
    origin: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.origin + path)
        self.page.wait_for_load_state("load")

    def scheme(self) -> str | None:
        return self.page.locator("body").get_attribute("data-md-color-scheme")

    def assert_clean(self) -> None:
        """No console error, no uncaught exception, every request to the site's own origin."""
        assert self.errors == [], "console errors:\n" + "\n".join(self.errors)
        foreign = [url for url in self.requests if not same_origin(url, self.origin)]
        assert foreign == [], "requests that left the origin:\n" + "\n".join(foreign)


def same_origin(url: str, origin: str) -> bool:
    # data: and blob: URLs are made in the page and fetch nothing.
    return url.startswith((origin + "/", "data:", "blob:")) or url == origin


@pytest.fixture
def tab(browser: Browser, origin: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    recorded = Tab(page, origin)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            recorded.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_request(request: Request) -> None:
        recorded.requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: recorded.errors.append(f"pageerror: {error}"))
    context.on("request", on_request)
    # Recorded above, then refused: a test run never reaches the internet.
    context.route(lambda url: not same_origin(url, origin), lambda route: route.abort())
    try:
        yield recorded
    finally:
        context.close()


def test_home_entry_tag(tab: Tab) -> None:
    """Home page -> an entry -> one of its tags, by clicking links like a reader."""
    page = tab.page
    tab.goto("/")
    assert page.title() == "News Digest"
    # The header names the site; the h1 says it again only to screen readers.
    headline = page.locator("h1")
    assert headline.inner_text() == "News Digest"
    box = headline.bounding_box()
    assert box is not None and box["height"] <= 1 and box["width"] <= 1, box
    home_titles = page.locator(".digest-item__title a").all_inner_texts()
    assert home_titles[:2] == ["Cloud provider opens a new region", ENTRY_TITLE]
    assert len(home_titles) == 20  # mkdocs.yml per_page: page 1 of 4

    page.get_by_role("link", name=ENTRY_TITLE, exact=True).click()
    page.wait_for_url(tab.origin + ENTRY_URL)
    assert page.locator("h1").inner_text() == ENTRY_TITLE
    assert ENTRY_TITLE in page.title()
    assert page.locator("time").first.get_attribute("datetime") == "2026-06-02T00:00:00+00:00"
    for heading in ("What\u2019s new", "Context", "Why it matters"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()

    page.locator(".digest-entry .digest-tags").get_by_role("link", name="Healthcare").click()
    page.wait_for_url(tab.origin + "/tags/healthcare/")
    assert page.locator("h1").inner_text() == "Healthcare"
    assert page.locator(".digest-item__title a").all_inner_texts()[:2] == HEALTHCARE_TITLES
    tab.assert_clean()


def test_search_finds_entry_by_body_word(tab: Tab) -> None:
    """Material's search box finds an entry by a word that only its body contains."""
    page = tab.page
    tab.goto("/archive/")
    page.keyboard.press("/")  # Material's shortcut to focus search
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.press_sequentially(SEARCH_WORD, delay=20)
    # Material lists the page, then the section that matched, with the word marked.
    hit = page.locator("a.md-search-result__link", has=page.locator("mark", has_text=SEARCH_WORD))
    hit.first.wait_for(state="visible", timeout=10_000)
    assert "Cloud provider opens a new region" in page.locator(".md-search-result__list").inner_text()
    hit.first.click()
    # Result links carry ?h=word (search.highlight) and the section's #anchor.
    page.wait_for_url(re.compile(re.escape(tab.origin + SEARCH_TARGET) + r"(\?[^#]*)?(#.*)?$"))
    assert page.locator("h1").inner_text() == "Cloud provider opens a new region"
    expect(page.locator("article mark", has_text=SEARCH_WORD)).to_be_visible()
    tab.assert_clean()


def test_dark_mode_toggle(tab: Tab) -> None:
    """The palette toggle switches light <-> dark, and the choice survives navigation."""
    page = tab.page
    shots = os.environ.get("DIGEST_SCREENSHOT_DIR")
    tab.goto(ENTRY_URL)
    assert tab.scheme() == "default"
    if shots:
        page.screenshot(path=str(Path(shots) / "entry-light.png"), full_page=True)

    toggle_scheme(page, "slate")
    if shots:
        page.screenshot(path=str(Path(shots) / "entry-dark.png"), full_page=True)
    page.get_by_role("link", name="Archive", exact=True).first.click()
    page.wait_for_url(tab.origin + "/archive/")
    assert tab.scheme() == "slate"

    toggle_scheme(page, "default")
    tab.assert_clean()


def toggle_scheme(page: Page, scheme: str) -> None:
    """Click the header's palette toggle and wait until the body carries ``scheme``."""
    name = "Switch to dark mode" if scheme == "slate" else "Switch to light mode"
    page.locator(f'[data-md-component="palette"] label[title="{name}"]').click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=scheme, timeout=5000)


# Pages axe-core checks, in both colour schemes: every page family. The small-model entry
# has a link in its running text; the planted ones a 200-character title, a nested list and
# a block quote (0), fenced code, a quote and an ordered list (12), and Greek, Japanese,
# Arabic and Hebrew in the text (17).
LINK_ENTRY_URL = "/2026/04/11/lab-publishes-a-small-model/"
PLANTED = planted.generate()
AXE_PAGES = {"home": "/", "home-page-2": "/page/2/", "entry": ENTRY_URL, "entry-with-link": LINK_ENTRY_URL,
             "entry-long-title": "/" + PLANTED[0].url, "entry-code-quote": "/" + PLANTED[12].url,
             "entry-scripts": "/" + PLANTED[17].url,
             "tag": "/tags/healthcare/", "tag-page-2": "/tags/ai/page/2/", "tags": "/tags/",
             "archive": "/archive/", "archive-month": "/archive/2026/06/",
             "archive-month-planted": "/archive/2025/12/",
             "about": "/about/", "contributing": "/contributing/", "404": "/404.html"}
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\\s+/g, " ")),
  }));
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_accessibility(tab: Tab, axe_js: Path, name: str, scheme: str) -> None:
    """axe-core finds no violation of any impact (all violations are printed)."""
    page = tab.page
    tab.goto(AXE_PAGES[name])
    # Colours are checked as they end up, not halfway through a transition.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    if scheme != "default":
        toggle_scheme(page, scheme)
    assert_no_violations(tab, axe_js, f"{name} [{scheme}]")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_accessibility_search_dialog(tab: Tab, axe_js: Path, scheme: str) -> None:
    """The open search dialog with results (count, highlighted words) passes axe too."""
    page = tab.page
    tab.goto("/")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    if scheme != "default":
        toggle_scheme(page, scheme)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(SEARCH_WORD, delay=20)
    page.locator(".md-search-result mark").first.wait_for(state="visible", timeout=10_000)
    assert_no_violations(tab, axe_js, f"search [{scheme}]")


def assert_no_violations(tab: Tab, axe_js: Path, label: str) -> None:
    page = tab.page
    page.add_script_tag(path=str(axe_js))
    violations: list[dict[str, Any]] = page.evaluate(AXE_RUN)
    print(f"axe {label}: {len(violations)} violation(s)")
    for violation in violations:
        print(f"axe {label}: {violation['impact']} {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            print(f"    {node}")
    assert violations == [], "\n".join(f"{v['impact']} {v['id']}: {v['help']}: {v['nodes'][:3]}" for v in violations)
    tab.assert_clean()


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_skip_link_to_headline(tab: Tab, name: str) -> None:
    """The first Tab on every page reaches a visible skip link, and it leads to the h1."""
    page = tab.page
    tab.goto(AXE_PAGES[name])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "md-skip" in (skip.get_attribute("class") or "").split()
    expect(skip).to_be_visible()
    outline = skip.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none", "the focused skip link shows no focus outline"
    target = skip.get_attribute("href").split("#", 1)[1]
    assert page.locator(f"[id='{target}']").evaluate("e => e.tagName") == "H1"
    tab.assert_clean()


def test_dark_mode_follows_system(browser: Browser, origin: str) -> None:
    """A reader whose system is dark gets the dark scheme without touching the toggle."""
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(origin + ENTRY_URL)
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'", timeout=5000)
    finally:
        context.close()


def test_phone_table_of_contents_opens(browser: Browser, origin: str) -> None:
    """At phone width an entry's table of contents opens from the navigation drawer
    (its "Table of contents" label has a control)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(origin + ENTRY_URL)
        assert page.locator("label[for='__toc']").count() >= 1
        assert page.locator("#__toc").count() == 1, "label for=__toc without its checkbox"
        page.locator("label.md-header__button[for='__drawer']").click()
        page.locator(".md-sidebar--primary label[for='__toc']").first.click()
        expect(page.locator(".md-sidebar--primary .md-nav--secondary")
               .get_by_role("link", name="Why it matters")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", ENTRY_URL, "/tags/healthcare/"])
def test_no_sitemap_fetched_for_feed_links(tab: Tab, path: str) -> None:
    """Feeds stay discoverable in <head>, and no page view downloads a sitemap for them."""
    page = tab.page
    tab.goto(path)
    page.wait_for_load_state("networkidle")
    feeds = page.locator("head link[type='application/rss+xml']")
    assert feeds.count() >= 1
    assert all("alternate" in (rel or "").split() for rel in
               feeds.evaluate_all("links => links.map(l => l.getAttribute('rel'))"))
    assert [url for url in tab.requests if "sitemap" in url] == []
    tab.assert_clean()
