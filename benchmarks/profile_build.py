"""Profile our site build on a synthetic corpus with cProfile; print where the time goes.

    .venv/bin/python -m benchmarks.profile_build 2000 [--out /dev/shm/digest-profile]

Runs ``mkdocs build`` in-process (``digest build`` would hide it in a child process), then
prints own time per package (which library burns the CPU) and the top functions by
cumulative and own time (which call chain to fix). The .prof file is kept for snakeviz etc.
"""

from __future__ import annotations

import argparse
import io
import pstats
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks import corpus, ours

_PACKAGES = ("material", "mkdocs", "markdown", "pymdownx", "jinja2", "markupsafe", "generator",
             "nh3", "yaml", "pygments", "babel", "lunr", "json", "re", "html", "xml", "pathlib",
             "posixpath", "shutil", "os", "copy")


def _package(filename: str) -> str:
    """Library a code object belongs to: the path part after site-packages or the repo."""
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    parts = Path(filename).parts
    for marker in ("site-packages", "main", "python3.11"):
        if marker in parts:
            rest = parts[parts.index(marker) + 1:]
            if rest and rest[0] in _PACKAGES:
                return rest[0]
    return Path(filename).stem if "python3" in filename else "other"


def by_package(stats: pstats.Stats) -> list[tuple[str, float]]:
    own: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        own[_package(filename)] += tottime
    return sorted(own.items(), key=lambda kv: -kv[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=2000)
    parser.add_argument("--out", type=Path, default=Path("/dev/shm/digest-profile"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args(argv)
    shutil.rmtree(args.out, ignore_errors=True)
    project = args.out / "project"
    ours.write_project(project)
    corpus.write_entries(corpus.generate(args.n, args.seed), project / "entries")
    prof = args.out / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q",
                    "-f", str(project / "mkdocs.yml"), "-d", str(args.out / "site")],
                   check=True, env=ours.mkdocs_env())
    stats = pstats.Stats(str(prof))
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"N={args.n}: {total:.1f} s profiled; own time by package:")
    for name, seconds in by_package(stats)[:15]:
        print(f"  {name:<16} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    for key in ("cumulative", "tottime"):
        buffer = io.StringIO()
        pstats.Stats(str(prof), stream=buffer).sort_stats(key).print_stats(args.top)
        print(f"\n--- top {args.top} by {key} ---")
        print(buffer.getvalue().split("\n\n", 2)[-1].rstrip())
    print(f"\nprofile kept in {prof}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
