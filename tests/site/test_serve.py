"""``digest serve``: a real server on 127.0.0.1 (a free port), polled with urllib, always
stopped. Drafts and scheduled entries with --drafts/--future (marked, never in feeds, search
or sitemaps, never in a build); a broken entry leaves the server answering, with its
diagnostics at /_diagnostics/; SIGTERM and SIGINT stop MkDocs too."""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.site.site_support import BIN, EPOCH, Page, digest, env

DRAFT = "2026/07/01/golf-draft-secret/"
FUTURE = "2030/01/01/hotel-future-secret/"
BROKEN = "entries/2026/2026-09-02-zulu-broken.md"
HOSTILE_TAG = "<img src=x onerror=alert(1)>"
LIMIT = 60  # seconds any wait in these tests may take


@pytest.fixture
def root(fixture_project: Path, tmp_path: Path) -> Path:
    """A copy of the fixture project (its built site/ removed): tests change entries."""
    copy = tmp_path / "copy"
    shutil.copytree(fixture_project, copy, symlinks=True, ignore=shutil.ignore_patterns("site"))
    return copy


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except OSError as error:
        return getattr(error, "code", 0) or 0, ""


def wait_for(url: str, condition=lambda status, text: status == 200, what: str = "") -> str:
    deadline = time.monotonic() + LIMIT
    while True:
        status, text = fetch(url)
        if condition(status, text):
            return text
        assert time.monotonic() < deadline, what or f"{url} never answered as expected ({status})"
        time.sleep(0.3)


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _started_on(port: int) -> list[int]:
    """Processes whose command line names our port: only what these tests started."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        with suppress(OSError):
            if f"127.0.0.1:{port}".encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
    return found


@contextmanager
def served(root: Path, *args: str, ready: bool = True) -> Iterator[tuple[subprocess.Popen, str, int]]:
    """``digest serve ARGS`` on a free port; yields the process, the site's base URL and
    the port, and stops everything it started (by process id) whatever happens."""
    port = _free_port()
    server = subprocess.Popen([str(BIN / "digest"), "serve", "--dev-addr", f"127.0.0.1:{port}",
                               *args], cwd=root, env={**env(), "SOURCE_DATE_EPOCH": EPOCH},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}/sub/"  # mkdocs serve mounts the site_url path
    try:
        if ready:
            wait_for(base, lambda status, text: status == 200 or server.poll() is not None)
            assert server.poll() is None, f"digest serve exited with {server.returncode}"
        yield server, base, port
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                server.wait(timeout=30)
        for pid in _started_on(port):  # a child the command left behind
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)


def test_serve_drafts_and_future_shows_them_marked_and_nowhere_else(root):
    with served(root, "--drafts", "--future") as (_, base, _port):
        draft = Page(wait_for(base + DRAFT))
        notes = draft.find("p", class_="digest-preview", role="note")
        assert notes, "the draft has no banner"
        assert "Draft" in " ".join(draft.text_parts)
        future = wait_for(base + FUTURE)
        assert "Scheduled for 1 January 2030" in future
        assert 'role="note"' in future
        # Listed on their months' archive pages (issue 12), each with its banner.
        archive = wait_for(base + "archive/2026/07/") + wait_for(base + "archive/2030/01/")
        assert DRAFT in archive and FUTURE in archive
        assert archive.count('class="digest-preview"') == 2
        assert FUTURE in wait_for(base)  # the newest, on the home page
        for path in ("feed.xml", "atom.xml", "feed.json", "tags/ai/feed.xml", "tags/ai/atom.xml",
                     "feeds.opml", "sitemap.xml", "search/m/0.json"):
            status, text = fetch(base + path)
            assert status == 200, path
            assert "secret" not in text, f"an unpublished entry is in {path}"
        # Never in the search index's terms either (the draft's distinctive words).
        status, manifest = fetch(base + "search/manifest.json")
        assert status == 200 and '"entries":6' in manifest.replace(" ", "")


def test_serve_without_the_flags_shows_no_draft(root):
    with served(root) as (_, base, _port):
        assert fetch(base + DRAFT)[0] == 404
        assert fetch(base + FUTURE)[0] == 404
        status, text = fetch(base + "_diagnostics/")
        assert status == 200 and "No problems" in text


def test_build_never_shows_drafts_even_with_the_preview_variable(root):
    result = subprocess.run([str(BIN / "digest"), "build"], cwd=root, capture_output=True,
                            text=True, timeout=300,
                            env={**env(), "DIGEST_PREVIEW": "drafts,future"})
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert not (site / DRAFT).exists() and not (site / FUTURE).exists()
    assert not (site / "_diagnostics").exists()
    assert "notice.js" not in (site / "index.html").read_text(encoding="utf-8")


def _broken_entry(root: Path) -> str:
    text = (root / "entries" / "2026" / "2026-09-01-alpha-launch.md").read_text(encoding="utf-8")
    return (text.replace("tags: [ai, cloud]", f'tags: [ai, "{HOSTILE_TAG}"]')
            .replace("aliases: [alpha-old-name]\n", "")
            .replace("Alpha brief on alpha launch", "Zulu brief on zulu broken"))


def test_broken_entry_does_not_stop_the_server_and_its_diagnostics_are_served(root):
    broken = root / BROKEN
    broken.write_text(_broken_entry(root), encoding="utf-8")
    check = digest("check", cwd=root)
    assert check.returncode == 1
    lines = [line for line in check.stdout.splitlines() if line.strip()]
    assert any(HOSTILE_TAG in line for line in lines)
    with served(root) as (_, base, _port):
        home = wait_for(base)  # pages answer
        # Every served page loads the notice script, which reads the error count.
        assert "_diagnostics/notice.js" in home
        assert fetch(base + "_diagnostics/notice.js")[0] == 200
        assert json.loads(fetch(base + "_diagnostics/status.json")[1])["errors"] >= 1
        assert wait_for(base + "2026/09/01/alpha-launch/")  # the valid entries are there
        page = wait_for(base + "_diagnostics/")
        assert HOSTILE_TAG not in page  # escaped ...
        shown = html.unescape(page)
        for line in lines:  # ... and exactly as digest check prints it
            assert line in shown
        assert fetch(base + "2026/09/02/zulu-broken/")[0] == 404
        assert "zulu-broken" not in fetch(base + "sitemap.xml")[1]

        # Broken while serving: the rebuild does not hang the server.
        (root / "entries" / "2026" / "2026-08-15-bravo-funding.md").write_text(
            "---\ntitle: [\n", encoding="utf-8")
        wait_for(base + "_diagnostics/", lambda status, text: "2026-08-15-bravo-funding.md" in text,
                 "the new error never reached /_diagnostics/")
        assert fetch(base + "2026/09/01/alpha-launch/")[0] == 200

        broken.unlink()
        (root / "entries" / "2026" / "2026-08-15-bravo-funding.md").unlink()
        wait_for(base + "_diagnostics/status.json",
                 lambda status, text: status == 200 and json.loads(text) == {"errors": 0},
                 "the notice stayed after the fix")
        assert "No problems" in fetch(base + "_diagnostics/")[1]


def test_build_still_fails_on_a_broken_entry(root):
    (root / BROKEN).write_text(_broken_entry(root), encoding="utf-8")
    result = digest("build", cwd=root)
    assert result.returncode == 1
    assert "error[E131]" in result.stderr
    mkdocs = subprocess.run([str(BIN / "mkdocs"), "build", "-d", str(root / "out")], cwd=root,
                            env=env(), capture_output=True, text=True, timeout=300)
    assert mkdocs.returncode != 0 and "error[E131]" in mkdocs.stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_everything_serve_started(root, signum):
    with served(root) as (server, _base, port):
        assert listening(port)
        os.kill(server.pid, signum)  # the command only, as a service manager or Ctrl-C would
        server.wait(timeout=LIMIT)
        deadline = time.monotonic() + 15
        while listening(port) or _started_on(port):
            assert time.monotonic() < deadline, "a child of digest serve is still running"
            time.sleep(0.2)


def test_preview_changes_no_feed_and_not_the_site_date(fixture_project):
    from datetime import UTC, datetime

    from generator.compile import compile_site
    from generator.compile.preview import Preview
    from generator.entries.loader import load
    from generator.settings import from_mkdocs_yml

    settings = from_mkdocs_yml(fixture_project / "mkdocs.yml", site=True)
    corpus = load(fixture_project, settings).corpus
    now = datetime.fromtimestamp(int(EPOCH), UTC)
    plain = compile_site(corpus, settings, now)
    shown = compile_site(corpus, settings, now, preview=Preview(drafts=True, future=True))
    feeds = [path for path in plain.files if path.endswith((".xml", ".json", ".opml"))
             and not path.endswith("sitemap.xml")]
    assert feeds and all(shown.files[path] == plain.files[path] for path in feeds)
    assert set(shown.files) == set(plain.files)  # no redirect of an unpublished entry
    assert shown.updated == plain.updated
    previewed = {page.url: page.meta for page in shown.pages if page.meta["digest"].get("preview")}
    assert previewed == {DRAFT: previewed[DRAFT], FUTURE: previewed[FUTURE]}
    assert all(meta["search"] == {"exclude": True} for meta in previewed.values())
