"""The benchmark corpus is valid, skewed and deterministic; no timing is asserted here."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import corpus, words

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def entries() -> list[corpus.SynthEntry]:
    return corpus.generate(300, seed=7)


def test_count_and_unique_slugs(entries: list[corpus.SynthEntry]) -> None:
    assert len(entries) == 300
    assert len({e.slug for e in entries}) == 300


def test_same_seed_same_corpus() -> None:
    assert corpus.generate(20, seed=3) == corpus.generate(20, seed=3)
    assert corpus.generate(20, seed=3) != corpus.generate(20, seed=4)


def test_tags_are_skewed(entries: list[corpus.SynthEntry]) -> None:
    usage = Counter(tag for e in entries for tag in e.tags)
    assert all(2 <= len(e.tags) <= 4 and len(set(e.tags)) == len(e.tags) for e in entries)
    assert len(words.TAGS) >= 38
    counts = sorted(usage.values(), reverse=True)
    top, median = counts[0], counts[len(counts) // 2]
    assert top >= 4 * median  # Zipf-like: a few tags carry most entries
    assert usage.most_common(1)[0][0] == words.TAGS[0][0]


def test_text_has_awkward_characters(entries: list[corpus.SynthEntry]) -> None:
    text = "".join(e.text() for e in entries)
    assert "&" in text and "`a < b && c > d`" in text
    assert any(ord(ch) > 127 for ch in text)


def test_generated_corpus_passes_digest_check(tmp_path: Path) -> None:
    corpus.write_entries(corpus.generate(50, seed=11), tmp_path / "entries")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checked 51 files: 0 errors, 0 warnings" in result.stderr
    assert len(list((tmp_path / "entries").rglob("*.md"))) == 50
