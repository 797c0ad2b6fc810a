"""Benchmark our build against the alternatives on one synthetic corpus; writes RESULTS.md.

    .venv/bin/python -m benchmarks.run --sizes 1000 10000 --runs 3
    .venv/bin/python -m benchmarks.run --quick          # N=50, 1 run: does the harness work?

Everything is built on tmpfs (/dev/shm): disk writes on these machines are too noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import baselines, corpus, machine, ours, report
from benchmarks.measure import Sample, ensure_time, run_once, summarize
from benchmarks.report import BLOG, FLOOR, OURS, Row
from benchmarks.search import Download, query_download

HERE = Path(__file__).resolve().parent
PELICAN, CHECK = "Pelican with tag feeds", "digest check"


@dataclass
class Tool:
    name: str
    command: list[str] | None  # None: not available
    out: Path | None = None  # cleared before every run, measured after
    runs: int = 1


def _env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    return env


def _site_stats(out: Path) -> tuple[int, int]:
    """(bytes, HTML pages) of a built site."""
    files = [p for p in out.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(p.suffix == ".html" for p in files)


def prepare(n: int, base: Path, wanted: set[str], seed: int, bins: dict[str, Path],
            runs: int, slow_runs: int) -> list[Tool]:
    """Write the corpus in every format ``wanted`` needs and say how to build each."""
    shutil.rmtree(base, ignore_errors=True)
    entries = corpus.generate(n, seed)
    tools = []
    project = base / "ours"
    ours.write_project(project)
    corpus.write_entries(entries, project / "entries")
    if CHECK in wanted:
        tools.append(Tool(CHECK, ours.check_command(project), runs=runs))
    if OURS in wanted:
        command = ours.build_command(project, base / "ours-site")
        out = ours.output_dir(project, base / "ours-site", command) if command else None
        tools.append(Tool(OURS, command, out, runs))
    if FLOOR in wanted:
        baselines.write_floor(entries, base / "floor")
        tools.append(Tool(FLOOR, baselines.floor_command(bins["mkdocs"], base / "floor",
                                                         base / "floor-site"), base / "floor-site", runs))
    if BLOG in wanted:
        baselines.write_blog(entries, base / "blog")
        tools.append(Tool(BLOG, baselines.floor_command(bins["mkdocs"], base / "blog", base / "blog-site"),
                          base / "blog-site", runs if n <= 1000 else slow_runs))
    if PELICAN in wanted:
        baselines.write_pelican(entries, base / "pelican")
        tools.append(Tool(PELICAN, baselines.pelican_command(bins["pelican"], base / "pelican",
                                                             base / "pelican-site"), base / "pelican-site", runs))
    return tools


def measure_all(tools: list[Tool], n: int, notes: list[str]) -> list[Row]:
    """Runs interleaved (tool A, B, C, A, B, C...) so slow drift hits every tool alike."""
    samples: dict[str, list[Sample]] = {t.name: [] for t in tools}
    tails: dict[str, str] = {}
    for index in range(max(t.runs for t in tools)):
        for tool in tools:
            if tool.command is None or index >= tool.runs:
                continue
            if tool.out:
                shutil.rmtree(tool.out, ignore_errors=True)
            sample, output = run_once(tool.command, tool.out.parent if tool.out else HERE, _env())
            samples[tool.name].append(sample)
            print(f"  N={n} {tool.name}: wall {sample.wall:.2f} s, CPU {sample.cpu:.2f} s, "
                  f"peak {sample.rss_mb:.0f} MB, exit {sample.status}", flush=True)
            if sample.status:
                tails[tool.name] = "\n".join(output.strip().splitlines()[-12:])
    rows = []
    for tool in tools:
        if tool.command is None:
            rows.append(Row(tool.name, n, None, note="not available yet"))
            notes.append(f"- N={n} {tool.name}: no build command found "
                         "(no `digest build`, and mkdocs.yml does not enable the digest plugin)")
            continue
        size, pages = _site_stats(tool.out) if tool.out and tool.out.is_dir() else (0, 0)
        rows.append(Row(tool.name, n, summarize(samples[tool.name]), size, pages))
        if tool.name in tails:
            notes.append(f"- N={n} {tool.name} failed; last output lines:\n\n```\n{tails[tool.name]}\n```")
    return rows


def plan(sizes: list[int], blog_max: int, with_baselines: bool, pelican: bool) -> dict[int, set[str]]:
    """Which tools run at which N; the blog plugin (quadratic) stops at ``blog_max``, where
    our build runs too so ours/blog compares the same N."""
    steps: dict[int, set[str]] = {n: {CHECK, OURS} for n in sizes}
    if with_baselines:
        for n in sizes:
            steps[n] |= {FLOOR} | ({PELICAN} if pelican else set())
            steps.setdefault(min(n, blog_max), {OURS}).add(BLOG)
    return dict(sorted(steps.items()))


def searches_at(n: int, base: Path, bins: dict[str, Path], query: str, pagefind: bool,
                notes: list[str]) -> dict[str, Download]:
    """Search download of our site and the floor; with ``pagefind``, also the floor indexed
    by Pagefind, to show what a chunked index would cost on the same pages."""
    found = {}
    for label, site in ((OURS, base / "ours-site"), (OURS, base / "ours" / "site"),
                        (FLOOR, base / "floor-site")):
        if site.is_dir() and label not in found:
            found[label] = query_download(site, query)
    floor_site = base / "floor-site"
    if pagefind and "mkdocs" in bins and floor_site.is_dir():
        proc = subprocess.run([str(bins["mkdocs"] / "python"), "-m", "pagefind", "--site", str(floor_site)],
                              capture_output=True, text=True)
        if proc.returncode == 0:
            found[f"{FLOOR} + Pagefind (what Pagefind would cost on the same pages)"] = \
                query_download(floor_site, query)
        else:
            notes.append(f"- Pagefind indexing of the floor failed: {proc.stderr.strip()[-300:]}")
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slow-runs", type=int, default=1,
                        help="runs of the blog plugin above N=1000 (it is quadratic; default 1)")
    parser.add_argument("--blog-max", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", default="microsoft", help="search query for the download size")
    parser.add_argument("--no-baselines", action="store_true", help="only digest check and our build")
    parser.add_argument("--no-pelican", action="store_true")
    parser.add_argument("--no-pagefind", action="store_true",
                        help="skip indexing the floor with Pagefind for comparison")
    parser.add_argument("--quick", action="store_true", help="N=50, 1 run: a self-check of the harness")
    parser.add_argument("--workdir", type=Path, default=Path("/dev/shm/digest-bench"))
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=HERE / "work" / "results.json",
                        help="machine-readable copy of the measurements")
    parser.add_argument("--keep", action="store_true", help="keep the built sites in --workdir")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.slow_runs = [50], 1, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ensure_time()
    bins: dict[str, Path] = {}
    if not args.no_baselines:
        bins["mkdocs"] = baselines.mkdocs_bin()
        if not args.no_pelican:
            bins["pelican"] = baselines.pelican_bin()
    steps = plan(args.sizes, args.blog_max, not args.no_baselines, not args.no_pelican)
    rows: list[Row] = []
    notes: list[str] = []
    searches: dict[str, Download] = {}
    for n, wanted in steps.items():
        print(f"N={n}: writing the corpus and inputs for {', '.join(sorted(wanted))}", flush=True)
        base = args.workdir / f"n{n}"
        tools = prepare(n, base, wanted, args.seed, bins, args.runs, args.slow_runs)
        rows += measure_all(tools, n, notes)
        if n == max(args.sizes):
            searches = searches_at(n, base, bins, args.query, not args.no_pagefind, notes)
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    labels = {"Material (floor, blog)": bins["mkdocs"]} if "mkdocs" in bins else {}
    if "pelican" in bins:
        labels["Pelican"] = bins["pelican"]
    command = "python -m benchmarks.run " + shlex.join(argv if argv is not None else sys.argv[1:])
    blog_sizes = sorted({min(n, args.blog_max) for n in args.sizes}) if not args.no_baselines else []
    text = report.write(args.results, command=command.strip(), seed=args.seed,
                        machine=machine.describe(labels), rows=rows, sizes=sorted(args.sizes),
                        blog_sizes=blog_sizes, searches=searches, query=args.query, notes=notes)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(
        [asdict(r) | {"summary": asdict(r.summary) if r.summary else None} for r in rows], indent=1))
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

