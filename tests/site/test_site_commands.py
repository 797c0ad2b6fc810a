"""The build commands: digest build (staged, swapped in only on success), plain
mkdocs build --strict, properdocs build, digest compile, reproducibility and serve."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.site.site_support import BIN, EPOCH, PUBLISHED, ROOT, digest, env, run, tree, write_fixture

INVALID_ENTRY = """\
---
date: 2026-09-10
tags: [ai, nonsense]
summary: An entry without a title.
sources:
  - publisher: Example
    url: https://example.com/x/
---

## What's new

- Something.

## Context

Background.

## Why it matters

Reasons.
"""


@pytest.fixture(scope="module")
def project(fixture_project: Path) -> Path:
    """The fixture project with its built site (once per session: tests/conftest.py);
    tests that change it work on a copy."""
    return fixture_project


def mkdocs(project: Path, out: Path, *extra: str, tool: str = "mkdocs",
           environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool), "build", "-f", "mkdocs.yml", "-d", str(out), *extra],
                          cwd=project, env=environment or env(), capture_output=True, text=True,
                          timeout=300)


def test_failed_build_leaves_the_previous_site_untouched(project, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(project, root, symlinks=True)
    site = root / "site"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in site.rglob("*") if p.is_file()}
    bad = root / "entries" / "2026" / "2026-09-10-broken-entry.md"
    bad.write_text(INVALID_ENTRY, encoding="utf-8")
    check = digest("check", cwd=root)
    assert check.returncode == 1
    located = [line for line in check.stdout.splitlines() if ": error[" in line]
    assert located and all(line.startswith("entries/2026/2026-09-10-broken-entry.md:") for line in located)

    result = digest("build", cwd=root)
    assert result.returncode == 1
    for line in located:  # the same located messages as 'digest check'
        assert line in result.stderr
    assert "site/ was left as it was" in result.stderr
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []

    bad.unlink()  # fixed: the next build swaps in a fresh site
    assert digest("build", cwd=root).returncode == 0
    assert tree(site) == tree(project / "site")


def test_plain_mkdocs_fails_on_invalid_entries_too(project, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(project, root, symlinks=True)
    (root / "entries" / "2026" / "2026-09-10-broken-entry.md").write_text(INVALID_ENTRY)
    result = mkdocs(root, tmp_path / "out")
    assert result.returncode != 0
    assert re.search(r"entries/2026/2026-09-10-broken-entry.md:\d+:\d+: error\[E\d+\]: ", result.stderr)


def test_strict_build_has_zero_warnings(project, tmp_path):
    result = mkdocs(project, tmp_path / "out", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "Material for MkDocs reaches end of life" not in result.stderr


def test_two_builds_are_byte_identical(project, tmp_path):
    first = mkdocs(project, tmp_path / "a")
    assert first.returncode == 0, first.stderr
    assert mkdocs(project, tmp_path / "b").returncode == 0
    built = tree(tmp_path / "a")
    assert "sitemap.xml.gz" in built and "search/manifest.json" in built
    assert built == tree(tmp_path / "b") == tree(project / "site")


def test_without_source_date_epoch_the_output_does_not_depend_on_the_clock(project, tmp_path):
    plain = {k: v for k, v in env().items() if k != "SOURCE_DATE_EPOCH"}
    assert mkdocs(project, tmp_path / "a", environment=plain).returncode == 0
    time.sleep(1.1)
    assert mkdocs(project, tmp_path / "b", environment=plain).returncode == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    sitemap = (tmp_path / "a" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-09-05</lastmod>" in sitemap  # the updated entry's date, not today


def test_properdocs_builds_the_same_site(project, tmp_path):
    result = mkdocs(project, tmp_path / "p", "--strict", tool="properdocs")
    assert result.returncode == 0, result.stderr
    ours, theirs = tree(project / "site"), tree(tmp_path / "p")
    assert ours.keys() == theirs.keys()
    for path in ours:
        if ours[path] == theirs[path]:
            continue
        # Only the generator <meta> tag names the engine.
        a = (project / "site" / path).read_text(encoding="utf-8").splitlines()
        b = (tmp_path / "p" / path).read_text(encoding="utf-8").splitlines()
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        assert all('name="generator"' in x and 'name="generator"' in y for x, y in diff), path


def test_project_own_content_builds_strict(tmp_path):
    result = mkdocs(ROOT, tmp_path / "own", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "own" / "about" / "index.html").is_file()
    assert not (ROOT / "docs" / "index.md").exists()  # the home page is generated


def test_compile_writes_a_plain_docs_tree(project, tmp_path):
    out = tmp_path / "tree"
    result = digest("compile", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert "index.md" in pages and "page/3/index.md" in pages and "tags/ai/page/2/index.md" in pages
    assert "archive/index.md" in pages and "tags/index.md" in pages
    for slug, (date, _, _) in PUBLISHED.items():
        assert f"{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/index.md" in pages
    assert (out / "2026/09/01/alpha-old-name/index.html").is_file()
    text = (out / "2026/09/01/alpha-launch/index.md").read_text(encoding="utf-8")
    front, body = text.split("---\n", 2)[1:]
    meta = yaml.safe_load(front)
    assert meta["title"] == "Alpha brief on alpha launch announced"
    assert meta["description"].startswith("The alpha lede")
    assert '<h2 id="whats-new">' in body
    # Deterministic, and the same page text the plugin hands to MkDocs.
    first = tree(out)
    (out / "stale.md").write_text("left over")
    assert digest("compile", str(out), cwd=project).returncode == 0
    assert tree(out) == first


def test_compile_refuses_a_folder_it_did_not_write(project, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = digest("compile", str(out), cwd=project)
    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_compile_step_does_not_import_mkdocs(project):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.compile import build_now, compile_site\n"
        "from generator.compile.write import page_source\n"
        "from generator.entries.loader import load\n"
        "from generator.settings import from_mkdocs_yml\n"
        "settings = from_mkdocs_yml(Path('mkdocs.yml'))\n"
        "site = compile_site(load(Path('.'), settings).corpus, settings, build_now())\n"
        "[page_source(p) for p in site.pages]\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'properdocs')], 'mkdocs'\n"
    )
    result = run(sys.executable, "-c", code, cwd=project)
    assert result.returncode == 0, result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except OSError as error:
        return getattr(error, "code", 0) or 0


def test_serve_picks_up_a_new_entry_without_restart(project, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(project, root, symlinks=True)
    port = _free_port()
    server = subprocess.Popen([str(BIN / "digest"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=root, env={**env(), "SOURCE_DATE_EPOCH": EPOCH},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}/sub/"  # mkdocs serve mounts the site_url path
    try:
        deadline = time.monotonic() + 60
        while _get(base) != 200:
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.3)
        new = root / "entries" / "2026" / "2026-09-20-india-newcomer.md"
        source = (root / "entries" / "2026" / "2026-08-15-bravo-funding.md").read_text()
        new.write_text(source.replace("Bravo brief on bravo funding", "India brief on a newcomer")
                       .replace("2026-08-15", "2026-09-20"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while _get(base + "2026/09/20/india-newcomer/") != 200:
            assert time.monotonic() < deadline, "the new entry never appeared"
            time.sleep(0.3)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
