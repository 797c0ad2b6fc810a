"""Search's budget at 10,000 entries, this tree against an earlier commit, in one run.

Both trees build the same synthetic corpus (benchmarks/corpus.py) with their own code,
mkdocs.yml and docs/. For each it prints:
- the full build's CPU seconds (``mkdocs build``, the median of ``--runs``), and the CPU
  seconds of writing the search index alone (in process, after compiling the same site),
  with that as a share of the build (the budget: under 10% added);
- the bytes one query downloads, typed letter by letter as the dialog runs it (a query per
  keystroke from the second character, 10 results shown): the tree's own search-index.js
  run in Node on its built site, every file it fetched counted gzipped, plus the scripts
  (the budget: under 100 KB).

    python -m benchmarks.search_budget [--base b87d012] [--size 10000] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import generate, write_entries
from benchmarks.search import _wire
from benchmarks.worktree import ROOT, checkout

BASE = "b87d012"  # main before issue 14
QUERIES = ("microsoft", "regulators", "partnerships", "R&D", "cloud security", "open source licence",
           "chips export", "privacy", "AI model", "data centre energy")
SCRIPTS = ("search.js", "search-index.js", "stem.js")

# Run in the tree's own code: the CPU seconds of writing the index of the compiled site.
INDEX_TIMER = """
import sys, time
from pathlib import Path
from generator.cli.common import project
from generator.compile import build_now, compile_site
from generator.entries.loader import load
import generator.search as search

class Args: root = sys.argv[1]
root, settings = project(Args, site=True)
site = compile_site(load(root, settings).corpus, settings, build_now())
start = time.process_time()
if hasattr(search, "handwritten_records"):
    search.write_search_index(Path(sys.argv[2]), [*site.search, *search.handwritten_records(root / "docs")])
else:
    search.write_search_index(Path(sys.argv[2]), site.pages)
print(time.process_time() - start)
"""


def _cpu_of(command: list[str], cwd: Path, tree: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {tree}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def measure(name: str, tree: Path, corpus: Path, work: Path, runs: int) -> dict:
    project = work / name
    project.mkdir()
    shutil.copy(tree / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(tree / "docs", project / "docs")
    (project / "entries").symlink_to(corpus)
    site = project / "site"
    builds = [_cpu_of([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], project, tree)[0]
              for _ in range(runs)]
    index = [float(_cpu_of([sys.executable, "-c", INDEX_TIMER, str(project), str(work / f"{name}-index")],
                           project, tree)[1]) for _ in range(runs)]
    script = tree / "docs" / "overrides" / "assets" / "javascripts" / "search-index.js"
    fetched = json.loads(subprocess.run(["node", str(ROOT / "benchmarks" / "search_budget.mjs"), str(script),
                                         str(site), *QUERIES], capture_output=True, text=True, check=True).stdout)
    scripts = sum(_wire(path) for path in (site / "assets" / "javascripts" / name for name in SCRIPTS)
                  if path.is_file())
    queries = {query: scripts + sum(_wire(site / path) for path in paths) for query, paths in fetched.items()}
    return {"build": statistics.median(builds), "index": statistics.median(index), "queries": queries}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=BASE, help="commit to compare with (default %(default)s)")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if shutil.which("node") is None:
        raise SystemExit("node is needed: the queries run the site's own search-index.js")
    with tempfile.TemporaryDirectory(prefix="digest-search-budget-") as tmp:
        work = Path(tmp)
        write_entries(generate(args.size, args.seed), work / "corpus")
        with checkout(args.base, work / "base-tree") as base:
            results = {f"before ({args.base})": measure("before", base, work / "corpus", work, args.runs),
                       "after (this tree)": measure("after", ROOT, work / "corpus", work, args.runs)}
    print(f"Search at {args.size:,} entries (median of {args.runs} run(s); CPU = user + sys seconds)")
    print()
    print("| | full build CPU s | index CPU s | index / build |")
    print("|---|---:|---:|---:|")
    for name, found in results.items():
        print(f"| {name} | {found['build']:.2f} | {found['index']:.2f} | {found['index'] / found['build']:.1%} |")
    print()
    names = list(results)
    print("| query, typed letter by letter | " + " | ".join(f"{name} KB" for name in names) + " |")
    print("|---|" + "---:|" * len(names))
    for query in QUERIES:
        print(f"| `{query}` | " + " | ".join(f"{results[n]['queries'][query] / 1000:.1f}" for n in names) + " |")
    worst = max(results[names[-1]]["queries"].values()) / 1000
    share = results[names[-1]]["index"] / results[names[-1]]["build"]
    print()
    print(f"Budget (after): largest query {worst:.1f} KB (under 100 KB: {'yes' if worst < 100 else 'NO'}); "
          f"index {share:.1%} of the build's CPU (under 10%: {'yes' if share < 0.10 else 'NO'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
