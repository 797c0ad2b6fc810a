"""stem.js (the browser's Snowball English stemmer) agrees with the Python package
snowballstemmer (the index's) word for word, over a large word list."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from benchmarks import words
from generator.search import stem

HERE = Path(__file__).parent
SUFFIXES = ("", "s", "es", "ed", "ing", "ly", "er", "ers", "est", "ness", "ful", "fully", "less", "lessly",
            "ation", "ations", "ational", "tional", "ization", "izer", "ize", "ise", "ism", "ist", "ity",
            "ities", "ive", "iveness", "ously", "ousness", "ment", "ements", "able", "ibly", "al", "ally",
            "ance", "ence", "ency", "ant", "ent", "ently", "ies", "ied", "y", "edly", "eedly", "ingly", "ogist",
            "ogy", "alism", "aliti", "biliti", "ical", "icate", "ative", "alize", "iciti", "ion", "sion")
_WORD = re.compile(r"[a-z]+")


def word_list() -> list[str]:
    """Every lowercase word of the corpus generator's lexicon and of Python's standard
    library sources (with its packages), and the lexicon's words with common suffixes: about 100,000 words."""
    lexicon = set(_WORD.findall(Path(words.__file__).read_text(encoding="utf-8").lower()))
    found = {word + suffix for word in lexicon for suffix in SUFFIXES}
    for path in sorted(Path(sysconfig.get_paths()["stdlib"]).rglob("*.py")):
        found.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace").lower()))
    found.update(("y", "yy", "ayy", "yying", "dying", "lying", "inning", "outing", "succeed", "proceedingly",
                  "exceed", "generously", "communism", "arsenal", "skies", "news", "past", "pasting", "hopping",
                  "adding", "eggs", "ties", "cries", "sses", "ied", "bias", "ugly", "early", "sky", "idly",
                  "howe", "atlas", "cosmos", "andes", "only", "singly", "gently", "skis", "universal",
                  "emergency", "organization", "interesting", "lateral", "herring", "earring", "canning"))
    return sorted(found)


def test_stem_js_agrees_with_snowballstemmer() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the parity test runs stem.js in Node")
    listed = word_list()
    assert len(listed) > 50_000
    result = subprocess.run([node, str(HERE / "search.mjs"), "stem"], input=json.dumps(listed),
                            capture_output=True, text=True, timeout=300, check=True)
    differ = [(word, stem(word), js) for word, js in zip(listed, json.loads(result.stdout), strict=True)
              if stem(word) != js]
    assert differ[:20] == []


def test_stem_is_snowball_english_for_letters_only() -> None:
    assert [stem(w) for w in ("partnerships", "partnership", "regulators", "running", "r&d", "5g", "zürich")] == [
        "partnership", "partnership", "regul", "run", "r&d", "5g", "zürich"]
