"""What editions cost: the build with and without them, on the same corpus, in one run.

For each size a seeded synthetic corpus (``benchmarks.corpus``: briefs spread over seven
years, so about 27 a week at 10,000) is written once. Two measures, each the median of
``--runs`` runs that alternate editions on and off so that the machine's noise falls on
both alike:

- compile: ``compile_site`` in this process (pages, feeds, editions; no MkDocs), the part
  of the build that editions change, on a corpus loaded once;
- build: the full ``mkdocs build`` in its own process (``--no-mkdocs`` skips it; at 10,000
  entries it takes minutes).

    python -m benchmarks.editions [--sizes 1000 10000] [--runs 3] [--no-mkdocs]

Prints seconds and the ratio on/off; the goal is under 1.10 at 10,000 entries.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import generate, write_entries
from benchmarks.ours import REPO, write_project

# After the corpus's last day (2025-12-30): every edition but none is closed, as on a
# site whose editor publishes every week. Fixed, so runs compare like with like.
NOW = datetime(2026, 1, 7, 12, tzinfo=UTC)
EPOCH = str(int(NOW.timestamp()))


def _timed(function) -> tuple[float, float]:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def compile_times(root: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    from generator.compile import compile_site
    from generator.entries.loader import load
    from generator.settings import from_mkdocs_yml

    settings = from_mkdocs_yml(root / "mkdocs.yml", site=True)
    corpus = load(root, settings).corpus
    both = {"on": replace(settings, editions="week"), "off": replace(settings, editions="off")}
    times: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
    compile_site(corpus, both["on"], NOW)  # warm: templates compiled, imports done
    for _ in range(runs):
        for name, chosen in both.items():
            times[name].append(_timed(lambda chosen=chosen: compile_site(corpus, chosen, NOW)))
    return times


def _configs(root: Path) -> dict[str, Path]:
    """mkdocs.yml (the project's, editions on) and a copy with ``editions: off``."""
    on = root / "mkdocs.yml"  # weekly editions: the default
    text = on.read_text(encoding="utf-8")
    if "  - digest:\n" not in text:
        raise SystemExit("mkdocs.yml has no digest plugin")
    off = root / "mkdocs-off.yml"
    off.write_text(text.replace("  - digest:\n", '  - digest:\n      editions: "off"\n', 1).replace(
        "  - Editions: editions/index.md\n", ""), encoding="utf-8")
    return {"on": on, "off": off}


def build_times(root: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": EPOCH,
           "NO_MKDOCS_2_WARNING": "1"}
    times: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
    for _ in range(runs):
        for name, config in _configs(root).items():
            out = root / f"site-{name}"
            before = os.times()
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                                   "-d", str(out)], cwd=root, env=env, capture_output=True, text=True)
            wall = time.perf_counter() - start
            after = os.times()
            if done.returncode != 0:
                raise SystemExit(f"mkdocs build ({name}) failed:\n{done.stderr[-3000:]}")
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            times[name].append((wall, cpu))
    return times


def report(title: str, times: dict[str, list[tuple[float, float]]]) -> float:
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in times.items()}
    print(f"  {title}")
    for name, (wall, cpu) in medians.items():
        print(f"    editions {name:>3}: {wall:7.2f} s wall {cpu:7.2f} s CPU  (runs: "
              + ", ".join(f"{w:.2f}" for w, _ in times[name]) + ")")
    ratio = medians["on"][1] / medians["off"][1]
    print(f"    on / off: {medians['on'][0] / medians['off'][0]:.3f} wall, {ratio:.3f} CPU")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-mkdocs", action="store_true", help="time compile_site only")
    args = parser.parse_args(argv)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # the feeds' date, as in a reproducible build
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="digest-editions-bench-") as tmp:
            root = Path(tmp)
            write_project(root)
            write_entries(generate(size, args.seed), root / "entries")
            print(f"{size:,} entries, median of {args.runs} alternating runs")
            report("compile_site (pages, feeds, editions; no MkDocs)", compile_times(root, args.runs))
            if not args.no_mkdocs:
                report("full build (mkdocs build, own process)", build_times(root, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
