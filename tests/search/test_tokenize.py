"""The Python tokenizer (the index) and the JavaScript one (the query) agree."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from generator.search import terms, tokens

HERE = Path(__file__).parent
FIXTURES = json.loads((HERE / "tokenizer_fixtures.json").read_text(encoding="utf-8"))


def js_tokens(texts: list[str]) -> list[list[str]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the parity test runs search-index.js in Node")
    result = subprocess.run([node, str(HERE / "search.mjs"), "tokenize"], input=json.dumps(texts),
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def test_tokens_fold_case_and_accents_and_drop_single_characters() -> None:
    # Æ and Ø are letters of their own, not accented ones.
    assert list(tokens("Zürich's Café, x_y I 2² ÆRØ")) == ["zurich", "cafe", "22", "ærø"]
    assert list(tokens("Zu\u0308rich")) == ["zurich"]


def test_short_terms_that_carry_meaning_stay_whole() -> None:
    assert tokens("R&D at AT&T, C++ and C#; 5G AI") == ["at", "at", "and", "5g", "ai", "r&d", "at&t", "c++", "c#"]
    assert tokens("a&&b abcd&e x++y") == ["abcd"]  # not compounds: "&&", four letters, "++" inside a word


def test_terms_are_the_distinct_tokens() -> None:
    for text in FIXTURES:
        assert terms(text) == set(tokens(text))


def test_python_and_javascript_agree_on_the_fixtures() -> None:
    assert js_tokens(FIXTURES) == [list(tokens(text)) for text in FIXTURES]


def test_python_and_javascript_agree_on_every_assigned_character() -> None:
    # Each character of Python's Unicode database inside a word, alone, and doubled.
    chars = [chr(c) for c in range(0x20, 0x30000) if unicodedata.category(chr(c)) not in ("Cn", "Cs", "Co")]
    texts = [f"ab{c}cd {c}{c}x {c}" for c in chars]
    js = js_tokens(texts)
    differ = [(f"U+{ord(c):04X}", py, j) for c, py, j in zip(chars, (list(tokens(t)) for t in texts), js, strict=True)
              if py != j]
    assert differ == []
