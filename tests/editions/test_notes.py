"""Editor's notes as editors write them: checked with the entries (never as entries), and
shown on their edition."""

from __future__ import annotations

import json
from pathlib import Path

from generator.compile import compile_site
from generator.entries.loader import load
from generator.settings import Settings
from tests.support import VALID_ENTRY, digest, write_project

ENTRY = "2026/2026-06-02-valid-entry.md"
NOTE = """\
---
title: The week models went to hospital
top: valid-entry
---

A quiet week, with **one** launch that [matters](https://example.org/why).
"""
SETTINGS = Settings(site_url="https://digest.example.org/", site_name="Test Digest")


def test_a_valid_note_passes_the_check_and_is_no_entry(tmp_path: Path) -> None:
    write_project(tmp_path, {ENTRY: VALID_ENTRY, "editions/2026-06-01.md": NOTE})
    result = digest("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout) == []  # no E010 for a name that is not YYYY-MM-DD-slug.md


def test_naming_a_note_checks_it(tmp_path: Path) -> None:
    write_project(tmp_path, {ENTRY: VALID_ENTRY, "editions/2026-06-01.md": NOTE.replace("top: valid-entry",
                                                                                        "top: nothing-here")})
    result = digest("check", "entries/editions/2026-06-01.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "entries/editions/2026-06-01.md:3:6: error[E507]: top story 'nothing-here'" in result.stdout


def test_the_note_reaches_its_edition(tmp_path: Path) -> None:
    write_project(tmp_path, {ENTRY: VALID_ENTRY, "editions/2026-06-01.md": NOTE})
    loaded = load(tmp_path, SETTINGS)
    assert loaded.ok and [e.slug for e in loaded.corpus.entries] == ["valid-entry"]
    site = compile_site(loaded.corpus, SETTINGS)
    edition = next(p for p in site.pages if p.url == "editions/2026-06-01/")
    assert edition.title == "The week models went to hospital"
    assert 'A quiet week, with <strong>one</strong> launch that <a href="https://example.org/why"' in edition.html
    assert 'id="top-story"' in edition.html
    email = site.files["editions/2026-06-01/email.html"].decode()
    assert "The week models went to hospital" in email and "A quiet week" in email
    feed = site.files["editions/feed.xml"].decode()
    assert "<title>Week of 1 June 2026: The week models went to hospital</title>" in feed


def test_notes_follow_the_week_start_setting(tmp_path: Path) -> None:
    write_project(tmp_path, {ENTRY: VALID_ENTRY, "editions/2026-05-31.md": NOTE})
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - digest:\n      week_start: sunday\n",
                                         encoding="utf-8")
    assert digest("check", cwd=tmp_path).returncode == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - digest:\n      editions: yearly\n",
                                         encoding="utf-8")
    result = digest("check", cwd=tmp_path)
    assert result.returncode == 2 and "mkdocs.yml:4: editions 'yearly' is not one of" in result.stderr
    # YAML reads a bare 'off' as false: it means off.
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - digest:\n      editions: off\n",
                                         encoding="utf-8")
    assert digest("check", cwd=tmp_path).returncode == 0


def test_the_publish_workflow_keeps_the_newsletter() -> None:
    import yaml

    from tests.support import ROOT

    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any("digest edition --if-any" in run and "--files newsletter" in run for run in runs)
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "newsletter" and upload["with"]["path"] == "newsletter/"


def test_a_note_title_is_plain_text(tmp_path: Path) -> None:
    write_project(tmp_path, {ENTRY: VALID_ENTRY, "editions/2026-06-01.md": NOTE.replace(
        "title: The week models went to hospital", "title: The week of <b>models</b>")})
    result = digest("check", cwd=tmp_path)
    assert "entries/editions/2026-06-01.md:2:8: error[E504]: the title must be plain text" in result.stdout
