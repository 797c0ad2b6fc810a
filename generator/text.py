"""Small text helpers every stage shares."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """``did you mean 'x'?`` naming up to three close choices, or None when none is close."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=3, cutoff=0.6)
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else None
