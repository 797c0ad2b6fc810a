"""Bytes per page view: our site against plain Material, the same briefs, in headless Chromium.

Both sites are built from the planted corpus (tests/site/planted.py, 64 briefs) with the
project's own MkDocs and Material:

- ours: the project's mkdocs.yml and docs/ (the digest plugin, theme overrides);
- plain Material: Material's defaults (its search plugin on) with every brief as an ordinary
  Markdown page (headline, lede, the three sections, sources as quotes with links), a home
  page of the newest briefs (headline and lede, as many as ours shows), a page per tag and
  an archive page of every headline by month. Same theme options as ours: ``font: false``
  (neither fetches Google Fonts; the figures are same-origin bytes only) and the same
  light/dark palette (the issue asks for dark mode following the system);
- plain Material without search (``plugins: []``): the floor, the theme and the page alone.

Each page view is a fresh browser context with the cache disabled; every response the page
and its workers receive until the network is idle is counted: body bytes as served (no
compression, http.server) and as gzip -6 would send them (what GitHub Pages does for text).

    python -m benchmarks.page_weight [--markdown benchmarks/PAGE_WEIGHT.md] [--base REF]

``--base REF`` adds our site as an earlier commit built it (its code, mkdocs.yml and docs/):
the default is the commit before issue 12's work, when every page view fetched the
sitemap three times (five on tag pages).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.worktree import checkout
from generator.entries.markup import SECTIONS
from tests.site import planted

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # as tests/browser/conftest.py
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BASE = "d0d5e4b~1"  # main before issue 12 ("Readers: ... accessible on every page")
PER_PAGE = 20  # mkdocs.yml's per_page: the home page shows this many in both sites
TAG = "ai"
REPO = Path(__file__).resolve().parent.parent


def plain_config(search: bool) -> str:
    """Plain Material's mkdocs.yml: our site's name and palette, Material's search or none."""
    import yaml

    ours = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    config = {"site_name": ours["site_name"], "site_url": ours["site_url"],
              "site_description": ours["site_description"],
              "theme": {"name": "material", "language": "en", "font": False,
                        "palette": ours["theme"]["palette"]},
              "plugins": ["search"] if search else [],
              "nav": [{"Home": "index.md"}, {"Archive": "archive.md"}, {"Tags": "tags/index.md"}]}
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def write_plain(entries: list[planted.Planted], root: Path, search: bool = True) -> None:
    """The same briefs as plain Material pages (none in the navigation, as a user would)."""
    docs = root / "docs"
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(plain_config(search), encoding="utf-8")
    newest = sorted(entries, key=lambda e: e.day, reverse=True)
    for e in entries:
        _write(docs / f"{e.url.rstrip('/')}.md", f"# {_md(e.title)}\n\n{_body(e)}")
    _write(docs / "index.md", "# News Digest\n\n" + "".join(_item(e, "") for e in newest[:PER_PAGE]))
    tagged = [e for e in newest if TAG in e.front["tags"]]
    _write(docs / "tags" / "index.md", "# Tags\n\n" + f"- [{TAG}]({TAG}.md)\n")
    _write(docs / "tags" / f"{TAG}.md", f"# {TAG}\n\n" + "".join(_item(e, "../") for e in tagged[:PER_PAGE]))
    months: dict[str, list[planted.Planted]] = defaultdict(list)
    for e in newest:
        months[e.day[:7]].append(e)
    _write(docs / "archive.md", "# Archive\n\n" + "".join(
        f"## {month}\n\n" + "".join(f"- [{_md(e.title)}]({e.url.rstrip('/')}.md) {e.day}\n" for e in items) + "\n"
        for month, items in months.items()))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _md(text: str) -> str:
    return text.replace("<", "&lt;")


def _item(e: planted.Planted, prefix: str) -> str:
    return f"## [{_md(e.title)}]({prefix}{e.url.rstrip('/')}.md)\n\n{e.day}\n\n{e.front['summary']}\n\n"


def _body(e: planted.Planted) -> str:
    parts = [str(e.front["summary"])] + [f"## {title}\n\n{e.sections[title]}" for title in SECTIONS]
    sources = []
    for s in e.front["sources"]:  # type: ignore[union-attr]
        quote = f"> {s['quote']}\n>\n" if s.get("quote") else ""
        sources.append(f"{quote}> — [{s['publisher']}: {s.get('title') or s['url']}]({s['url']})")
    return "\n\n".join([*parts, "## Sources", *sources]) + "\n"


def build_plain(entries: list[planted.Planted], root: Path, search: bool = True) -> Path:
    import os
    import subprocess

    write_plain(entries, root, search)
    out = root / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=root,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"plain Material build failed:\n{result.stdout}{result.stderr}")
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built ``site`` served by http.server on 127.0.0.1 (a free port) in a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class View:
    """What one page view downloaded."""

    status: int = 0  # of the page itself
    raw: int = 0
    gzipped: int = 0
    requests: list[tuple[str, str, int, int]] = field(default_factory=list)  # (type, url, raw, gzip)
    failed: list[str] = field(default_factory=list)

    def by_type(self) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for kind, _, raw, gz in self.requests:
            out[kind][0] += raw
            out[kind][1] += gz
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


_TEXT = ("document", "stylesheet", "script", "fetch", "xhr", "manifest", "other")


def page_view(browser: Any, url: str) -> View:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    view = View()

    def finished(request: Any) -> None:
        response = request.response()
        body = response.body() if response else b""
        kind = request.resource_type
        gz = len(gzip.compress(body, 6)) if kind in _TEXT or request.url.endswith((".json", ".js", ".css", ".svg")) \
            else len(body)
        gz = min(gz, len(body)) if body else 0
        view.raw += len(body)
        view.gzipped += gz
        view.requests.append((kind, request.url, len(body), gz))

    context.on("requestfinished", finished)
    context.on("requestfailed", lambda request: view.failed.append(request.url))
    try:
        response = page.goto(url, wait_until="load")
        view.status = response.status if response else 0
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    finally:
        context.close()
    return view


def measure(sites: dict[str, tuple[Path, dict[str, str]]]) -> dict[str, dict[str, View]]:
    """site name -> page name -> View; ``sites`` maps a name to (built site, page -> path)."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, View]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, (site, pages) in sites.items():
                with serve(site) as origin:
                    out[name] = {page: page_view(browser, origin + path) for page, path in pages.items()}
        finally:
            browser.close()
    return out


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f}"


def table(results: dict[str, dict[str, View]], ours: str, plain: str) -> str:
    lines = [f"| page view | {ours} KB | {plain} KB | ratio | {ours} KB gzip | {plain} KB gzip | ratio gzip "
             f"| requests |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for page in results[ours]:
        a, b = results[ours][page], results[plain][page]
        if b.status != 200:
            lines.append(f"| {page} | {_kb(a.raw)} | (HTTP {b.status}) | | {_kb(a.gzipped)} | | | |")
            continue
        lines.append(f"| {page} | {_kb(a.raw)} | {_kb(b.raw)} | {a.raw / b.raw:.2f} | {_kb(a.gzipped)} | "
                     f"{_kb(b.gzipped)} | {a.gzipped / b.gzipped:.2f} | {len(a.requests)} / {len(b.requests)} |")
    return "\n".join(lines)


def breakdown(results: dict[str, dict[str, View]], page: str) -> str:
    lines = [f"Where the bytes of the {page} page view go (KB as served, gzip):", "",
             "| resource type | " + " | ".join(results) + " |", "| --- |" + " ---: |" * len(results)]
    kinds = sorted({k for views in results.values() for k in views[page].by_type()})
    for kind in kinds:
        cells = []
        for views in results.values():
            raw, gz = views[page].by_type().get(kind, (0, 0))
            cells.append(f"{_kb(raw)} ({_kb(gz)})")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument("--verbose", action="store_true", help="list every request")
    parser.add_argument("--base", default=BASE, help=f"earlier commit to measure too (default {BASE}; '' for none)")
    args = parser.parse_args(argv)
    entries = planted.generate()
    entry = entries[12]  # fenced code, a quote, an ordered list: a full entry
    with tempfile.TemporaryDirectory(prefix="page-weight-") as tmp, ExitStack() as stack:
        sites = {}
        if args.base:
            tree = stack.enter_context(checkout(args.base, Path(tmp) / "base-tree"))
            sites["before"] = (planted.build_site(Path(tmp) / "before", repo=tree), {})
        ours_site = planted.build_site(Path(tmp) / "ours")
        plain_site = build_plain(entries, Path(tmp) / "plain")
        floor_site = build_plain(entries, Path(tmp) / "floor", search=False)
        ours_pages = {"entry": "/" + entry.url, "home": "/", "tag": f"/tags/{TAG}/", "archive": "/archive/",
                      "archive month": "/archive/2026/02/"}
        plain_pages = {"entry": "/" + entry.url, "home": "/", "tag": f"/tags/{TAG}/", "archive": "/archive/",
                       "archive month": "/archive/"}
        if "before" in sites:
            sites["before"] = (sites["before"][0], ours_pages)
        sites.update({"ours": (ours_site, ours_pages), "plain Material": (plain_site, plain_pages),
                      "no search": (floor_site, plain_pages)})
        results = measure(sites)
    for name, views in results.items():
        for page, view in views.items():
            if view.failed:
                print(f"warning: {name} {page}: failed requests: {view.failed}", file=sys.stderr)
            if args.verbose:
                for kind, url, raw, gz in view.requests:
                    print(f"{name:15} {page:14} {kind:10} {raw:9,} {gz:9,}  {url}")
    text = "\n\n".join([
        f"Bytes per page view, planted corpus ({len(entries)} briefs), cache disabled, same-origin bytes.",
        "Against plain Material (its search on, as Material ships):",
        table(results, "ours", "plain Material"),
        "Against plain Material without search (the floor: ours has search, loaded when a reader types):",
        table(results, "ours", "no search"),
        "Plain Material has no month pages: its archive page (every headline) is both archive rows.",
        *([f"Before (ours at {args.base}, before issue 12) and after (this tree):",
           table(results, "ours", "before")] if "before" in results else []),
        breakdown(results, "entry"), breakdown(results, "home")])
    print(text)
    if args.markdown:
        args.markdown.write_text("# Bytes per page view\n\nWritten by `python -m benchmarks.page_weight` "
                                 "(`make bench`).\n\n" + text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
