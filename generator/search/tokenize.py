"""The search tokenizer. assets/javascripts/search-index.js has the same one (``tokenize``):
the index is only as good as the agreement of the two, which tests/search/ checks in Node.

A token is a run of letters and digits (Unicode categories L and N; the underscore and
everything else separates), after NFKD decomposition with the combining marks removed
(so "Zürich" and "Zurich" meet) and lowercasing; tokens of one character are dropped.
No stemming.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# [^\W_] is "letter or digit" in Python's str regexes, as [\p{L}\p{N}] is in JavaScript's.
_TOKEN = re.compile(r"[^\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    # NFKD of a run of non-ASCII characters does not depend on its ASCII neighbours
    # (ASCII characters are all starters), so only these runs need the slow per-character pass.
    return "".join(c for c in unicodedata.normalize("NFKD", match[0]) if unicodedata.category(c)[0] != "M")


def fold(text: str) -> str:
    """``text`` decomposed, without combining marks, lowercased."""
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_run, text)
    return text.lower()


def tokens(text: str) -> Iterator[str]:
    """The tokens of ``text`` in order, repeats included."""
    return (token for token in _TOKEN.findall(fold(text)) if len(token) > 1)
