"""Render the measurements as ``benchmarks/RESULTS.md``: figures only, no pass/fail exits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import Summary
from benchmarks.search import Download

OURS, FLOOR, BLOG = "ours (full site)", "Material plain pages (floor)", "Material blog plugin"


@dataclass(frozen=True)
class Row:
    tool: str
    n: int
    summary: Summary | None  # None: the tool is not available (e.g. our build before the plugin)
    out_bytes: int = 0
    pages: int = 0
    note: str = ""


def _cell(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def _find(rows: list[Row], tool: str, n: int) -> Summary | None:
    for row in rows:
        if row.tool == tool and row.n == n and row.summary and not row.summary.failed:
            return row.summary
    return None


def _ratio(a: Summary | None, b: Summary | None, attr: str = "cpu") -> str:
    if a is None or b is None or not getattr(b, attr):
        return "-"
    return f"{getattr(a, attr) / getattr(b, attr):.2f}"


def table(rows: list[Row]) -> list[str]:
    out = ["| N | tool | runs | wall s | CPU s (user+sys) | peak MB | output MB | pages | CPU / ours |",
           "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in sorted(rows, key=lambda r: (r.n, r.tool != "digest check", r.tool != OURS, r.tool)):
        s = row.summary
        if s is None:
            out.append(f"| {row.n} | {row.tool} | 0 | - | - | - | - | - | - |")
            continue
        failed = f" ({s.failed} failed)" if s.failed else ""
        ours = _find(rows, OURS, row.n)
        out.append(f"| {row.n} | {row.tool} | {s.runs}{failed} | {s.wall:.2f} | {s.cpu:.2f} | "
                   f"{s.rss_mb:.0f} | {row.out_bytes / 1e6:.1f} | {row.pages} | "
                   f"{_ratio(s, ours) if row.tool != OURS else '1.00'} |")
    return out


def ratios(rows: list[Row], sizes: list[int], blog_sizes: list[int]) -> list[str]:
    out = []
    for n in sizes:
        ours, floor = _find(rows, OURS, n), _find(rows, FLOOR, n)
        out.append(f"- N={n}: ours/floor CPU {_ratio(ours, floor)}, wall {_ratio(ours, floor, 'wall')}"
                   " (target at 10000: at most 1.2)")
    for n in blog_sizes:
        ours, blog = _find(rows, OURS, n), _find(rows, BLOG, n)
        out.append(f"- N={n}: ours/blog CPU {_ratio(ours, blog)}, wall {_ratio(ours, blog, 'wall')}")
    if len(sizes) >= 2:
        small = min(sizes)
        for tool in sorted({r.tool for r in rows}):
            large = max(r.n for r in rows if r.tool == tool)  # the blog plugin stops early
            if large == small:
                continue
            a, b = _find(rows, tool, large), _find(rows, tool, small)
            out.append(f"- growth {tool}: CPU at {large} / CPU at {small} = {_ratio(a, b)} "
                       f"(wall {_ratio(a, b, 'wall')}; linear is {large / small:.1f}; "
                       "target for ours from 1000 to 10000: at most 10.5)")
    return out


def search_lines(searches: dict[str, Download], query: str, n: int) -> list[str]:
    out = [f"Bytes a reader downloads for one query (`{query}`) at N={n} "
           "(JSON/JS counted gzipped as a compressing server sends them; Pagefind files as stored). "
           "Target: under 300 KB."]
    for label, found in searches.items():
        if found.kind == "none":
            out.append(f"- {label}: no search index found in the built site")
            continue
        biggest = sorted(found.files.items(), key=lambda kv: -kv[1])[:4]
        parts = ", ".join(f"{path} {size / 1024:.0f} KB" for path, size in biggest)
        out.append(f"- {label} ({found.kind}): **{found.total / 1024:.0f} KB** in {len(found.files)} "
                   f"files; largest: {parts}")
    return out


def write(path: Path, *, command: str, seed: int, machine: list[str], rows: list[Row],
          sizes: list[int], blog_sizes: list[int], searches: dict[str, Download], query: str,
          notes: list[str]) -> str:
    lines = ["# Benchmark results", "",
             f"Command: `{command}` (seed {seed}; medians of the runs shown; every figure is a whole "
             "process measured by `/usr/bin/time -v`). CPU = user + sys seconds, the figure to "
             "compare: wall time on a shared 2-core machine is noisy.", "",
             "## Machine", "", *machine, "",
             "## Measurements", "", *table(rows), "",
             "## Ratios", "", *ratios(rows, sizes, blog_sizes), ""]
    if searches:
        lines += ["## Search download", "", *search_lines(searches, query, max(sizes)), ""]
    lines += ["## Notes", "", *(notes or ["- none"]), ""]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text
