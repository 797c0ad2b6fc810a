"""The alternatives a user would pick instead, each fed the same synthetic entries.

Each baseline gets its own virtual environment under ``benchmarks/work/`` (gitignored) so
its dependencies never touch the project's. Material is pinned to the version our site
uses, so ours/floor compares the same theme code.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from benchmarks import words
from benchmarks.corpus import SynthEntry

WORK = Path(__file__).resolve().parent / "work"


def _pins() -> list[str]:
    return [f"mkdocs=={version('mkdocs')}", f"mkdocs-material=={version('mkdocs-material')}"]


def ensure_venv(name: str, requirements: Sequence[str]) -> Path:
    """``benchmarks/work/venv-NAME`` with exactly these requirements; reused when unchanged."""
    venv = WORK / f"venv-{name}"
    stamp = venv / ".bench-requirements"
    wanted = "\n".join(requirements)
    if stamp.is_file() and stamp.read_text() == wanted:
        return venv / "bin"
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
           "--disable-pip-version-check"]
    subprocess.run([*pip, *requirements], check=True)
    stamp.write_text(wanted)
    return venv / "bin"


def mkdocs_bin() -> Path:
    # Pagefind rides along to show what a chunked index would cost on the floor's pages.
    return ensure_venv("mkdocs", [*_pins(), "pagefind[bin]"])


def pelican_bin() -> Path:
    return ensure_venv("pelican", ["pelican[markdown]"])


_MATERIAL_YML = """\
site_name: Bench {kind}
site_url: https://bench.example.org/
theme:
  name: material
  language: en
plugins:
{plugins}
nav:
{nav}
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_floor(entries: Sequence[SynthEntry], root: Path) -> None:
    """Material with every entry as a plain page, none in the navigation: the theme's floor."""
    _write(root / "mkdocs.yml", _MATERIAL_YML.format(kind="floor", plugins="  - search",
                                                     nav="  - index.md"))
    _write(root / "docs" / "index.md", "# Home\n\nPlain pages, not in the navigation.\n")
    for e in entries:
        _write(root / "docs" / e.day[:4] / f"{e.slug}.md", f"# {e.title}\n\n{e.body_markdown()}")


def write_blog(entries: Sequence[SynthEntry], root: Path) -> None:
    """Material's built-in blog plugin: entries as posts, tags as categories."""
    names = {slug: name for slug, name, _ in words.TAGS}
    _write(root / "mkdocs.yml", _MATERIAL_YML.format(
        kind="blog", plugins="  - search\n  - blog", nav="  - index.md\n  - Blog:\n    - blog/index.md"))
    _write(root / "docs" / "index.md", "# Home\n")
    _write(root / "docs" / "blog" / "index.md", "# Blog\n")
    for e in entries:
        categories = "".join(f"  - {names[t]}\n" for t in e.tags)
        body = e.body_markdown().replace("\n\n", "\n\n<!-- more -->\n\n", 1)  # lede = excerpt
        _write(root / "docs" / "blog" / "posts" / f"{e.slug}.md",
               f"---\ndate: {e.day}\ncategories:\n{categories}---\n\n# {e.title}\n\n{body}")


_PELICAN_CONF = """\
SITENAME = "Bench pelican"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
FEED_DOMAIN = "https://bench.example.org"
FEED_ALL_ATOM = "feeds/all.atom.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
CATEGORY_FEED_ATOM = None
"""


def write_pelican(entries: Sequence[SynthEntry], root: Path) -> None:
    """Pelican, default theme, with an Atom feed per tag and one for everything."""
    names = {slug: name for slug, name, _ in words.TAGS}
    _write(root / "pelicanconf.py", _PELICAN_CONF)
    for e in entries:
        head = (f"Title: {e.title}\nDate: {e.day}\nSlug: {e.slug}\n"
                f"Tags: {', '.join(names[t] for t in e.tags)}\nSummary: {e.summary}\n\n")
        body = e.body_markdown().split("\n\n", 1)[1]  # the lede is the Summary
        _write(root / "content" / e.day[:4] / f"{e.slug}.md", head + body)


def floor_command(bin_dir: Path, root: Path, out: Path) -> list[str]:
    return [str(bin_dir / "mkdocs"), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)]


def pelican_command(bin_dir: Path, root: Path, out: Path) -> list[str]:
    return [str(bin_dir / "pelican"), str(root / "content"), "-q", "-s",
            str(root / "pelicanconf.py"), "-o", str(out)]
