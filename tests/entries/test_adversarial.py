"""Hostile inputs at the size limit are checked and rendered in linear time: each case of
``benchmarks/adversarial.py`` (runs of backticks, brackets, emphasis markers, nested lists
and quotes, long URLs, many links, ...) under a generous time-out. The figures themselves
come from ``python -m benchmarks.adversarial``, not from these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.adversarial import CASES, NAME, check_and_render, entry
from generator.diagnostics import CODES
from generator.entries.reader import MAX_BYTES
from tests.support import TAGS_YML, digest, write_project


@pytest.mark.timeout(20)  # linear cases take well under a second; quadratic ones took minutes
@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_entry_at_the_size_limit_is_checked_and_rendered(case: str) -> None:
    text = entry(case)
    assert MAX_BYTES // 2 < len(text.encode("utf-8")) <= MAX_BYTES
    codes = check_and_render(text)
    assert set(codes) <= set(CODES)


@pytest.mark.timeout(120)
def test_digest_check_gets_through_every_hostile_entry(tmp_path: Path) -> None:
    files = {f"2026/{NAME.replace('adversarial', f'adversarial-{i}')}": entry(case)
             for i, case in enumerate(sorted(CASES))}
    project = write_project(tmp_path, files, tags=TAGS_YML)
    result = digest("check", "--format", "json", cwd=project)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
