"""Test support: a throwaway project with a tag vocabulary and valid entries."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent

TAGS_YML = """\
ai:
  name: AI
  description: Artificial intelligence.
healthcare:
  name: Healthcare
  description: Hospitals and health data.
cloud:
  name: Cloud
  description: Cloud platforms.
"""

VALID_ENTRY = """\
---
title: A valid entry about a model launch
date: 2026-06-02
tags: [ai, healthcare]
summary: A lab released a model on 2026-06-02, and hospitals will use it.
sources:
  - publisher: Example News
    url: https://news.example.com/2026/06/02/model/
    title: Model launched
    quote: The lab released the model today.
---

## What's new

- The model is out.
- It is *free* to use.

## Context

Labs have been racing to ship models.

## Why it matters

Hospitals can now try it.
"""


def write_project(root: Path, entries: dict[str, str] | None = None, tags: str = TAGS_YML) -> Path:
    """A project folder with entries/tags.yml and the given entry files (relative names)."""
    (root / "entries").mkdir(parents=True, exist_ok=True)
    (root / "entries" / "tags.yml").write_text(tags, encoding="utf-8")
    for name, text in (entries or {}).items():
        path = root / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def digest(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line as an editor runs it, in this process: ``main`` with the same
    arguments and working folder, its exit status and what it printed. (A process adds
    only its start-up; :func:`digest_process` keeps a few tests end to end.)"""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return subprocess.CompletedProcess(["digest", *args], status, out.getvalue(), err.getvalue())


def digest_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line in its own process, as an editor would."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
