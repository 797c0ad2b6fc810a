"""A fixture project for the site tests: a handful of entries (one draft, one scheduled for
the future, one updated, one with an alias), tags, hand-written pages and the project's
own theme overrides, and helpers to read the built HTML."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# 2026-09-21T14:13:20Z: "now" for every build in these tests.
EPOCH = "1790000000"
PER_PAGE = 2

TAGS_YML = """\
ai:
  name: AI
  description: Artificial intelligence models and research.
cloud:
  name: Cloud
  description: Cloud platforms and hosting.
healthcare:
  name: Healthcare
  description: Hospitals and health data.
regulation:
  name: Regulation
  description: Laws and regulators.
"""

MKDOCS_YML = f"""\
site_name: Test Digest
site_url: https://news.example.org/sub/
site_description: Briefs for the tests.
exclude_docs: |
  overrides/
theme:
  name: material
  custom_dir: docs/overrides
  language: en
  font: false
  palette:
    - scheme: default
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - scheme: slate
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
extra_javascript:
  - assets/javascripts/search.js
plugins:
  - digest:
      per_page: {PER_PAGE}
      id_authority: news.example.org
      id_date: "2026"
nav:
  - Home: index.md
  - Archive: archive/index.md
  - Tags: tags/index.md
  - About: about.md
  - Contributing: contributing.md
markdown_extensions:
  - toc:
      permalink: true
"""

# slug -> (date, tags, extra front matter); newest first among the published ones.
PUBLISHED = {
    "alpha-launch": ("2026-09-01", ["ai", "cloud"], "updated: 2026-09-05\naliases: [alpha-old-name]\n"),
    "bravo-funding": ("2026-08-15", ["ai"], ""),
    "charlie-hospital": ("2026-08-02", ["healthcare"], ""),
    "delta-diagnosis": ("2026-06-02", ["ai", "healthcare"], ""),
    "echo-datacenter": ("2025-12-31", ["cloud"], ""),
    "foxtrot-research": ("2025-11-20", ["ai"], ""),
}
HIDDEN = {
    "golf-draft-secret": ("2026-07-01", ["ai"], "draft: true\n"),
    "hotel-future-secret": ("2030-01-01", ["ai", "cloud"], ""),
}
ORDER = list(PUBLISHED)  # newest first


def title_of(slug: str) -> str:
    word = slug.split("-")[0].capitalize()
    return f"{word} brief on {slug.replace('-', ' ')} announced"


def entry_text(slug: str, date: str, tags: list[str], extra: str) -> str:
    word = slug.split("-")[0]
    return f"""\
---
title: {title_of(slug)}
date: {date}
tags: [{", ".join(tags)}]
summary: The {word} lede says what happened on {date}, who did it, and why readers care.
sources:
  - publisher: Example News
    url: https://news.example.com/{slug}/
    title: Story about {word}
    quote: The {word} announcement happened today.
{extra}---

## What's new

- The {word} fact number one, with a distinctive word: {word}zebra.
- A second fact about {word}.

## Context

Background for {word} that a reader needs.

## Why it matters

It matters for {word} readers.
"""


def write_fixture(root: Path) -> Path:
    (root / "entries").mkdir(parents=True)
    (root / "entries" / "tags.yml").write_text(TAGS_YML, encoding="utf-8")
    for slug, (date, tags, extra) in {**PUBLISHED, **HIDDEN}.items():
        path = root / "entries" / date[:4] / f"{date}-{slug}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(entry_text(slug, date, tags, extra), encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    docs = root / "docs"
    shutil.copytree(ROOT / "docs" / "overrides", docs / "overrides")
    (docs / "about.md").write_text("# About\n\nAbout this test digest.\n", encoding="utf-8")
    (docs / "contributing.md").write_text("# Contributing\n\nHow to contribute.\n",
                                          encoding="utf-8")
    return root


def env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), cwd=cwd, env=env(), capture_output=True, text=True,
                          timeout=300)


def digest(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(str(BIN / "digest"), *args, cwd=cwd)


def tree(path: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file below ``path``."""
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.title = ""
        self.links: list[tuple[str, str, str]] = []  # (href, class, text) of <a>
        self._stack: list[tuple[str, dict, list[str]]] = []
        self.text_parts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in ("script", "title", "a"):
            self._stack.append((tag, attributes, []))

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1][0] == tag:
            name, attributes, parts = self._stack.pop()
            text = "".join(parts)
            if name == "script":
                self.scripts.append((attributes, text))
            elif name == "title":
                self.title = text.strip()
            else:
                self.links.append((attributes.get("href") or "", attributes.get("class") or "",
                                   " ".join(text.split())))

    def handle_data(self, data):
        for _, _, parts in self._stack:
            parts.append(data)
        self.text_parts.append(data)

    def find(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag
                and all(_matches(k.rstrip("_"), a.get(k.rstrip("_")), v) for k, v in wanted.items())]

    def hrefs(self, css_class: str) -> list[str]:
        return [href for href, classes, _ in self.links if css_class in classes.split()]


def _matches(name: str, value: str | None, wanted: str) -> bool:
    """``rel`` is a set of space-separated tokens (as browsers and feed readers read it);
    every other attribute is compared whole."""
    if name == "rel":
        return wanted in (value or "").split()
    return value == wanted


def page(site: Path, url: str) -> Page:
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


def resolve(site: Path, url: str, href: str) -> Path:
    """The file a relative ``href`` on the page at ``url`` points to."""
    target = (site / url / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def slug_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]
