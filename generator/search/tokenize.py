"""The search tokenizer. assets/javascripts/search-index.js has the same one (``tokenize``):
the index is only as good as the agreement of the two, which tests/search/ checks in Node
for every character Python's Unicode database knows.

A token is a run of letters and digits (Unicode categories L and N; the underscore and
everything else separates), after NFKD decomposition with the combining marks removed
(so "Zürich" and "Zurich" meet) and lowercasing; tokens of one character are dropped.
Short terms that carry meaning stay whole besides (after the plain tokens): letters and
digits joined by "&" ("r&d", "at&t"), and one letter with "++" or "#" ("c++", "c#").

``stem`` is the Snowball English (Porter2) stemmer for tokens of ASCII letters only (other
tokens are their own stem); search-index.js implements the same algorithm.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

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


# The same two patterns are in search-index.js (COMPOUND): ASCII only, so both agree.
COMPOUND = re.compile(r"(?<![a-z0-9&+#])[a-z0-9]{1,3}(?:&[a-z0-9]{1,3})+(?![a-z0-9&])"
                      r"|(?<![a-z0-9+#])[a-z](?:\+\+|#)(?![a-z0-9+#])")
_HAS_COMPOUND = re.compile(r"[&+#]")
_RUN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789&+#")


def _folded(text: str) -> str:
    if not text.isascii():
        text = _NON_ASCII.sub(lambda match: _fold_run(match[0]), text)
    return text.lower()


def _words(folded: str) -> list[bytes]:
    return folded.encode().translate(_ASCII_SEPARATORS).split()


def _compounds(folded: str) -> list[str]:
    # Only the runs of [a-z0-9&+#] around each "&", "+" or "#": a compound lies inside one,
    # and both look-arounds see a run's ends as the text's ends, so this finds what one pass
    # over the whole text finds (as search-index.js does), many times faster.
    found: list[str] = []
    end = 0
    for special in _HAS_COMPOUND.finditer(folded):
        start = special.start()
        if start < end:
            continue
        while start > 0 and folded[start - 1] in _RUN:
            start -= 1
        end = special.end()
        while end < len(folded) and folded[end] in _RUN:
            end += 1
        found += COMPOUND.findall(folded[start:end])
    return found


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` in order, repeats included, then its compound terms."""
    folded = _folded(text)
    return [token for word in _words(folded) if len(token := word.decode()) > 1] + _compounds(folded)


def terms(text: str) -> set[str]:
    """The distinct tokens of ``text`` (what the index needs, at a fraction of the cost)."""
    folded = _folded(text)
    found = {token for word in set(_words(folded)) if len(token := word.decode()) > 1}
    found.update(_compounds(folded))
    return found


_STEMMER = snowballstemmer.stemmer("english")
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=1 << 16)
def stem(token: str) -> str:
    """The Snowball English stem of a token of ASCII letters; any other token unchanged."""
    return _STEMMER.stemWord(token) if _LETTERS.fullmatch(token) else token
