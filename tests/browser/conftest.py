"""What the browser tests need: Playwright, Debian's Chromium, axe-core.

Locally a missing piece skips with the reason (run scripts/ensure-test-tools to install it);
under CI (CI=true) it fails the run, so a broken CI image cannot pass by skipping.
Never downloads a browser build: Playwright drives /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path(os.environ.get("DIGEST_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def unavailable(reason: str) -> NoReturn:
    """Skip locally; fail under CI, where the browser must be there."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(f"{reason}; run scripts/ensure-test-tools")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium and the Playwright package, or skip/fail saying which is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the playwright Python package is not installed (pip install -e '.[test]')")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        which = shutil.which("chromium")
        hint = f" (a chromium is on PATH at {which}; set DIGEST_CHROMIUM)" if which else ""
        unavailable(f"Chromium not found at {CHROMIUM}{hint}; install Debian's chromium package")
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """axe-core's script from tests/browser/node_modules (npm ci), or skip/fail."""
    if not AXE_JS.is_file():
        unavailable(f"axe-core is not installed ({AXE_JS} missing; npm ci in tests/browser)")
    return AXE_JS


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Browser]:
    """One headless Chromium per test module."""
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        except Error as error:
            unavailable(f"Chromium at {chromium_path} did not start: {error.message.splitlines()[0]}")
        try:
            yield launched
        finally:
            launched.close()
