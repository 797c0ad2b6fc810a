"""Docs are part of the feature: every error code is explained to editors."""

from __future__ import annotations

import re

import pytest

from generator.diagnostics import CODES
from tests.support import ROOT

CONTRIBUTING = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_documented(code: str) -> None:
    entry = CODES[code]
    section = re.search(rf"^#### {code}\n\n\*\*(.+?)\.\*\* (.+)$", CONTRIBUTING, re.MULTILINE)
    assert section, f"{code} has no section on the Contributing page"
    assert section.group(1) == entry.title and section.group(2) == entry.fix
    assert f"| `{code}` | {entry.title} | {entry.fix} |" in README


def test_readme_has_the_two_commands() -> None:
    assert "make site" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_contributing_shows_markdown_examples_as_code() -> None:
    # An example image written as bare Markdown rendered as a broken image (E212's fix).
    prose = re.sub(r"^```.*?^```", "", CONTRIBUTING, flags=re.MULTILINE | re.DOTALL)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    assert re.findall(r"!\[[^\]\n]*\]\([^)\n]*\)", prose) == []
