"""`digest check` on a large synthetic corpus: this tree against an earlier commit, in one run.

The earlier commit is checked out into a temporary git worktree; both trees check the
same corpus with the same Python, alternating run by run so that the machine's noise
falls on both alike. This tree runs twice each round: with ``--no-cache`` (every file
parsed, as on a fresh CI machine) and with its cache of unchanged files (as an editor's
second run, or pre-commit). Prints the median wall and CPU seconds and the ratios.

    python -m benchmarks.check_speed [--base b7950f8] [--size 10000] [--runs 5]

The default base is the last commit before the checker moved to one markdown-it parse.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import generate, write_entries
from benchmarks.worktree import ROOT, checkout

BASE = "b7950f8"  # main before "One parse" (issue 9)


def _timed_check(tree: Path, corpus: Path, *flags: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one `python -m generator check` run of ``tree``'s code."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "check", *flags], cwd=corpus,
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"check failed in {tree}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=BASE, help="commit to compare with (default %(default)s)")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="digest-check-speed-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        write_entries(generate(args.size, args.seed), corpus / "entries")
        with checkout(args.base, work / "base") as base:
            one = str(next((corpus / "entries").rglob("*.md")).relative_to(corpus))
            runs = {f"base {args.base}": (base, ()), "this tree, cold": (ROOT, ("--no-cache",)),
                    "this tree, cached": (ROOT, ()),
                    # What a pull request with one entry asks (--changed-since): the others
                    # only take part in the cross-file rules.
                    f"base {args.base}, one file": (base, (one,)),
                    "this tree, one file, cold": (ROOT, ("--no-cache", one))}
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
            _timed_check(ROOT, corpus)  # warm the page cache, fill our check cache
            for _ in range(args.runs):
                for name, (tree, flags) in runs.items():
                    times[name].append(_timed_check(tree, corpus, *flags))
    print(f"digest check of {args.size:,} entries, median of {args.runs} alternating runs")
    medians = {}
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        medians[name] = (wall, cpu)
        print(f"  {name:>26}: {wall:6.2f} s wall  {cpu:6.2f} s CPU  (runs: "
              + ", ".join(f"{w:.2f}" for w, _ in runs) + ")")
    names = list(medians)
    for name, against in ((names[1], names[0]), (names[2], names[0]), (names[4], names[3])):
        (wall, cpu), (base_wall, base_cpu) = medians[name], medians[against]
        print(f"  {name} / {against}: {wall / base_wall:.2f} wall, {cpu / base_cpu:.2f} CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
