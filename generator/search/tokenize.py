"""The search tokenizer. assets/javascripts/search-index.js has the same one (``tokenize``):
the index is only as good as the agreement of the two, which tests/search/ checks in Node
for every character Python's Unicode database knows.

A token is a run of letters and digits (Unicode categories L and N; the underscore and
everything else separates), after NFKD decomposition with the combining marks removed
(so "Zürich" and "Zurich" meet) and lowercasing; tokens of one character are dropped.
No stemming.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# After _fold_run every non-ASCII character left is a letter or digit, so separating is a
# byte translation (ASCII non-alphanumerics to spaces) and a split: twice as fast as a regex.
_ASCII_SEPARATORS = bytes(byte if byte >= 0x80 or chr(byte).isalnum() else 0x20 for byte in range(256))


@lru_cache(maxsize=1 << 14)  # the same few runs (quotes, dashes, accented letters) recur
def _fold_run(run: str) -> str:
    """A run of non-ASCII characters, decomposed, without marks, other non-letters and
    non-digits as spaces. NFKD of such a run does not depend on its ASCII neighbours (ASCII
    characters are all starters), so only these runs need this per-character pass."""
    kept = []
    for char in unicodedata.normalize("NFKD", run):
        category = unicodedata.category(char)[0]
        if category != "M":
            kept.append(char if category in "LN" or char.isascii() else " ")
    return "".join(kept)


def _words(text: str) -> list[bytes]:
    if not text.isascii():
        text = _NON_ASCII.sub(lambda match: _fold_run(match[0]), text)
    return text.lower().encode().translate(_ASCII_SEPARATORS).split()


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` in order, repeats included."""
    return [token for word in _words(text) if len(token := word.decode()) > 1]


def terms(text: str) -> set[str]:
    """The distinct tokens of ``text`` (what the index needs, at a fraction of the cost)."""
    return {token for word in set(_words(text)) if len(token := word.decode()) > 1}
