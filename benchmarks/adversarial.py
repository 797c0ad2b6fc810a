"""Adversarial entries: inputs built to make a parser or a regular expression take
quadratic (or worse) time, and how check time grows with their size.

Each generator makes an entry of about ``size`` bytes: a valid front matter and body
with one hostile run inside (runs of backticks, brackets, emphasis markers, nested
lists and quotes, long URLs, many links, ...). ``tests/entries/test_adversarial.py``
checks every one at the size limit under a generous time-out; this script prints the
time of checking and rendering each at 1/8, 1/4, 1/2 and all of the limit, so that
growth shows (linear: time doubles with size).

    python -m benchmarks.adversarial [--sizes 8192 65536] [--runs 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from generator.entries.loader import entry_from_text
from generator.entries.model import Tag
from generator.entries.reader import MAX_BYTES
from generator.entries.render import Renderer
from generator.settings import Settings

NAME = "2026-06-02-adversarial.md"
TAGS = {"ai": Tag("ai", "AI", "Artificial intelligence.")}

FRONT = """\
---
title: {title}
date: 2026-06-02
tags: [ai]
summary: {summary}
sources:
  - publisher: Example News
    url: {url}
    quote: {quote}
---

"""
BODY = """\
## What's new

{whats_new}

## Context

{context}

## Why it matters

It matters.
"""
OK = {"title": "An adversarial entry for timing", "summary": "A lede.",
      "url": "https://example.org/a", "quote": "A quote.", "whats_new": "- A fact.",
      "context": "Context."}


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _entry(size: int, field: str, make: Callable[[int], str]) -> str:
    """A valid entry whose ``field`` is replaced by a hostile run filling it to ``size``."""
    empty = (FRONT + BODY).format(**OK)
    values = dict(OK)
    values[field] = make(max(16, size - len(empty.encode("utf-8")) - 64))
    return (FRONT + BODY).format(**values)


def _nested_lists(size: int) -> str:
    lines, depth, total = [], 0, 0
    while True:
        line = "  " * (depth % 100) + "- a"
        if total + len(line) + 1 > size:
            return "\n".join(lines)
        lines.append(line)
        total += len(line) + 1
        depth += 1


def _nested_quotes(size: int) -> str:
    return _repeat("> ", size) + "deep"


# name -> (field, generator of a run of about n bytes)
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "lt then backticks": ("context", lambda n: "<" + "`" * (n - 1)),
    "backtick runs of every length": ("context", lambda n: " ".join("`" * i for i in range(1, int((2 * n) ** 0.5)))),
    "brackets": ("context", lambda n: _repeat("[", n)),
    "brackets closed at the end": ("context", lambda n: _repeat("[", n - 8) + "](x)]]]"),
    "image brackets": ("context", lambda n: _repeat("![", n)),
    "](then brackets": ("context", lambda n: "](" + _repeat("[", n - 2)),
    "unclosed links": ("context", lambda n: _repeat("[a](", n)),
    "emphasis stars": ("context", lambda n: _repeat("*a", n)),
    "emphasis mixed": ("context", lambda n: _repeat("*_", n)),
    "strong openers": ("context", lambda n: _repeat("**a ", n)),
    "underscores": ("context", lambda n: _repeat("_", n)),
    "backslashes": ("context", lambda n: _repeat("\\", n)),
    "entities": ("context", lambda n: _repeat("&#", n)),
    "html openers": ("context", lambda n: _repeat("<a ", n)),
    "html comments": ("context", lambda n: _repeat("<!--", n)),
    "autolink openers": ("context", lambda n: _repeat("<http://", n)),
    "bare url schemes": ("context", lambda n: _repeat("a://", n)),
    "many bare urls": ("context", lambda n: _repeat("http://a.b ", n)),
    "one long url": ("context", lambda n: "https://example.org/" + "a" * (n - 20)),
    "many links": ("context", lambda n: _repeat("[a](https://b.org) ", n)),
    "many refused links": ("context", lambda n: _repeat("[a](javascript:x) ", n)),
    "many character references": ("context", lambda n: _repeat("&#x202e;", n)),
    "link titles unclosed": ("context", lambda n: _repeat('[a](b "', n)),
    "reference definitions": ("context", lambda n: "\n".join(f"[r{i}]: https://x.org/{i}" for i in range(n // 30))),
    "many headings": ("context", lambda n: _repeat("### x\n", n)),
    "setext headings": ("context", lambda n: _repeat("a\n-\n\n", n)),
    "many fences": ("context", lambda n: _repeat("```\n", n)),
    "nested lists": ("whats_new", _nested_lists),
    "many bullets": ("whats_new", lambda n: _repeat("- a\n", n)),
    "nested quotes": ("context", _nested_quotes),
    "placeholders": ("context", lambda n: _repeat("TODO ", n)),
    "extension syntax": ("context", lambda n: _repeat("{: .x}", n)),
    "lede brackets": ("summary", lambda n: "'" + _repeat("[", n) + "'"),
    "title brackets": ("title", lambda n: "'" + _repeat("[", n) + "'"),
    "source url": ("url", lambda n: "https://" + _repeat("a", n)),
    "source url dots": ("url", lambda n: "https://" + _repeat("a.", n) + " x"),
    "source url slashes": ("url", lambda n: "https://a" + _repeat("/.", n) + "?"),
    "quote brackets": ("quote", lambda n: "'" + _repeat("[", n) + "'"),
}


def entry(name: str, size: int = MAX_BYTES) -> str:
    field, make = CASES[name]
    return _entry(size, field, make)


def check_and_render(text: str) -> list[str]:
    """What the build does with one entry: check it and, when valid, render its HTML
    (and the page body); the codes found."""
    built, problems = entry_from_text(text, f"entries/{NAME}", NAME, TAGS, Settings())
    if built is not None:
        Renderer().render(built).body_html  # noqa: B018 - the page body is the work
    return sorted({p.code for p in problems})


def time_case(name: str, size: int, runs: int) -> float:
    text = entry(name, size)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        check_and_render(text)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+",
                        default=[MAX_BYTES // 8, MAX_BYTES // 4, MAX_BYTES // 2, MAX_BYTES])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    header = ["case"] + [f"{size // 1024} KB" for size in args.sizes] + ["growth", "codes"]
    rows = []
    print(" | ".join(header), flush=True)
    for name in CASES:
        times = [time_case(name, size, args.runs) for size in args.sizes]
        growth = times[-1] / times[0] if times[0] > 0 else float("nan")
        expected = args.sizes[-1] / args.sizes[0]
        codes = ",".join(check_and_render(entry(name, args.sizes[-1]))) or "accepted"
        row = [name] + [f"{t * 1000:.0f} ms" for t in times] + [f"x{growth:.1f} (linear x{expected:.0f})", codes]
        rows.append(row)
        print(" | ".join(row), flush=True)
    worst = max(rows, key=lambda row: float(row[len(args.sizes)].split()[0]))
    print(f"worst at {args.sizes[-1]:,} bytes: {worst[0]} ({worst[len(args.sizes)]})")
    if args.markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
