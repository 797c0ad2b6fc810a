"""Edit-to-preview time of ``digest serve`` against the full build, side by side.

    .venv/bin/python -m benchmarks.incremental --sizes 1000 10000 [--edits 5]

For each size: the synthetic corpus (seed 1) is built in this process the way MkDocs'
server rebuilds it, first whole (``mkdocs serve`` without ``--dirty``: the cost of every
rebuild before incremental builds, timed twice, the second reported), then incrementally
(``digest serve``: ``--dirty``), where after a first whole build each edit is timed from
the file's save until its page on disk shows the change. Edits alternate between the
kinds an editor makes: a sentence in the body, the title (neighbours and listings show
it), the lede, a tag. The watcher's own latency (MkDocs polls about every 0.1 s) is not in
either figure. Also printed: how many files each edit rewrote, out of all. Built on tmpfs.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus, ours
from benchmarks.served import ServedSite

GOAL = 0.05  # an edit under 5% of the full build at 10,000 entries (issue 11)


def _edits(entries_dir: Path, count: int) -> list[tuple[Path, str, str]]:
    """(file, new text, marker its page must then show) for ``count`` edits of different
    kinds, each of another entry."""
    files = sorted(entries_dir.rglob("*.md"))
    out: list[tuple[Path, str, str]] = []
    index = len(files) // 2
    while len(out) < count:
        index = (index + 7919) % len(files)
        path = files[index]
        text = path.read_text(encoding="utf-8")
        marker = f"Edited{len(out)}x"
        kind = len(out) % 4
        front = text.split("\n---\n", 1)[0]
        if kind == 0:
            new = text.replace("## Context\n\n", f"## Context\n\nA new sentence, {marker}.\n\n", 1)
        elif kind in (1, 2):
            key = "title: " if kind == 1 else "summary: "
            if f"\n{key}'" in front or f'\n{key}"' in front:
                continue  # a quoted value: another entry
            new = text.replace(key, f"{key}{marker} ", 1)
        else:
            lines = front.split("tags:\n", 1)[1].splitlines()
            tags = list(itertools.takewhile(lambda line: line.startswith("- "), lines))
            if len(tags) < 2:
                continue
            new = text.replace(f"{tags[-1]}\n", "", 1)  # a tag less: its listings change
            marker = ""
        out.append((path, new, marker))
    return out


def _page_of(site: Path, path: Path) -> Path:
    name = path.stem  # YYYY-MM-DD-slug
    return site / name[:4] / name[5:7] / name[8:10] / name[11:] / "index.html"


def _snapshot(site: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def measure(n: int, base: Path, edits: int) -> dict[str, float]:
    shutil.rmtree(base, ignore_errors=True)
    project = base / "project"
    ours.write_project(project)
    corpus.write_entries(corpus.generate(n, 1), project / "entries")

    whole = ServedSite(project, base / "whole", dirty=False)
    for _ in range(2):
        start, cpu = time.perf_counter(), time.process_time()
        whole.rebuild()
        full, full_cpu = time.perf_counter() - start, time.process_time() - cpu
    whole.close()

    served = ServedSite(project, base / "served")
    start = time.perf_counter()
    served.rebuild()
    first = time.perf_counter() - start
    edit_times, edit_cpu, rewritten = [], [], []
    total = 0
    for path, new, marker in _edits(project / "entries", edits):
        before = _snapshot(served.site_dir)
        total = len(before)
        start, cpu = time.perf_counter(), time.process_time()
        path.write_text(new, encoding="utf-8")
        served.rebuild()
        page = _page_of(served.site_dir, path)
        if marker and marker not in page.read_text(encoding="utf-8"):
            raise SystemExit(f"{page}: the edit {marker!r} is not on the page")
        edit_times.append(time.perf_counter() - start)
        edit_cpu.append(time.process_time() - cpu)
        after = _snapshot(served.site_dir)
        rewritten.append(sum(1 for p, t in after.items() if before.get(p) != t))
    served.close()
    edit, cpu = statistics.median(edit_times), statistics.median(edit_cpu)
    return {"n": n, "full": full, "full_cpu": full_cpu, "first": first, "edit": edit,
            "edit_cpu": cpu, "worst": max(edit_times), "ratio": edit / full,
            "ratio_cpu": cpu / full_cpu, "rewritten": statistics.median(rewritten), "files": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=8)
    parser.add_argument("--out", type=Path, default=Path("/dev/shm/digest-incremental"))
    args = parser.parse_args(argv)
    rows = [measure(n, args.out / str(n), args.edits) for n in args.sizes]
    shutil.rmtree(args.out, ignore_errors=True)
    print("| entries | full rebuild s (CPU s) | first serve build s | edit to page s, median "
          "(CPU s) | worst s | edit / full (CPU) | files rewritten (median) | files in site |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['n']} | {row['full']:.2f} ({row['full_cpu']:.2f}) | {row['first']:.2f} | "
              f"{row['edit']:.3f} ({row['edit_cpu']:.3f}) | {row['worst']:.3f} | {row['ratio']:.1%} "
              f"({row['ratio_cpu']:.1%}) | {row['rewritten']:.0f} | {row['files']} |")
    print(f"goal: edit / full under {GOAL:.0%} at 10,000 entries. Wall times on a busy machine "
          "vary; CPU seconds of this process less so.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
