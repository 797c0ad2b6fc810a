"""The newsletter in a real browser (Debian's Chromium): at 600 px (a desktop mail client's
reading pane) and 375 px (a phone), in light and dark, no horizontal scrolling and text at
a readable size and contrast. The email is opened as the file a mail client would get; it
loads nothing from anywhere (every request is refused and counted)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.editions.notes import EditorNote
from tests.editions.edition_support import at, build

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

LONG_URL = "https://news.example.com/" + "a-very-long-path-segment-without-breaks" * 4


@pytest.fixture(scope="module")
def email_file(tmp_path_factory) -> Path:
    entries = [at(f"brief-{n}", datetime(2026, 11, 23 + n % 5, 9, n, tzinfo=UTC),
                  title=f"A headline long enough to wrap on a phone, number {n}",
                  summary=f"A lede with a long link [{LONG_URL}]({LONG_URL}) that must not widen the page.")
               for n in range(6)]
    note = EditorNote("entries/editions/2026-11-23.md", datetime(2026, 11, 23).date(),
                      "The week in six briefs", "An intro from the editor, in one paragraph.", "brief-3")
    site = build(entries, notes={"2026-11-23": note})
    path = tmp_path_factory.mktemp("email") / "email.html"
    path.write_bytes(site.files["editions/2026-11-23/email.html"])
    return path


MEASURE = """() => {
  const doc = document.documentElement;
  const texts = [...document.querySelectorAll('h1, h2, h3, p, a')]
    .filter(e => e.offsetParent !== null && e.textContent.trim());
  const sizes = texts.map(e => parseFloat(getComputedStyle(e).fontSize));
  const luminance = c => {
    const [r, g, b] = c.match(/[0-9.]+/g).slice(0, 3).map(v => {
      v = v / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const card = getComputedStyle(document.querySelector('.card')).backgroundColor;
  const ratios = texts.map(e => {
    const [a, b] = [luminance(getComputedStyle(e).color), luminance(card)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05); });
  return {scroll: doc.scrollWidth, width: window.innerWidth, minSize: Math.min(...sizes),
          minContrast: Math.min(...ratios), count: texts.length,
          preheaderShown: document.querySelector('.preheader').offsetParent !== null,
          cardWidth: document.querySelector('.card').getBoundingClientRect().width};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [600, 375])
def test_email_fits_and_reads(browser: Browser, email_file: Path, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    requests: list[str] = []
    try:
        page = context.new_page()
        page.route("**/*", lambda route: (requests.append(route.request.url), route.abort())
                   if not route.request.url.startswith("file:") else route.continue_())
        page.goto(email_file.as_uri())
        found = page.evaluate(MEASURE)
    finally:
        context.close()
    assert found["count"] > 10
    assert found["scroll"] <= found["width"], found  # no horizontal scrolling
    assert found["cardWidth"] <= min(width, 600), found
    assert found["minSize"] >= 13, found  # nothing smaller than the 13 px kicker
    assert found["minContrast"] >= 4.5, found  # WCAG AA for every text, light and dark
    assert not found["preheaderShown"]
    assert requests == []  # nothing loaded from the network
