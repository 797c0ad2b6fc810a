"""The benchmark harness runs end to end on a tiny corpus (no baselines, no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.measure import parse_time_v

ROOT = Path(__file__).resolve().parents[2]

TIME_V = """\
\tCommand being timed: "true"
\tUser time (seconds): 1.25
\tSystem time (seconds): 0.50
\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50
\tMaximum resident set size (kbytes): 204800
\tExit status: 3
"""


def test_parse_time_v() -> None:
    assert parse_time_v(TIME_V) == (62.5, 1.75, 200.0, 3)


@pytest.mark.skipif(not Path("/usr/bin/time").exists(), reason="GNU time is not installed")
def test_quick_run_writes_results(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    proc = subprocess.run([sys.executable, "benchmarks/run.py", "--quick", "--no-baselines",
                           "--workdir", str(tmp_path / "work"), "--results", str(results),
                           "--json", str(tmp_path / "results.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    text = results.read_text()
    assert "| 50 | digest check | 1 |" in text
    assert "ours (full site)" in text and "## Machine" in text
    assert json.loads((tmp_path / "results.json").read_text())[0]["tool"] == "digest check"


def test_material_search_download_counts_index_and_worker(tmp_path: Path) -> None:
    from benchmarks.search import query_download

    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"docs": []}')
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc.min.js").write_text("x" * 1000)
    found = query_download(tmp_path, "anything")
    assert found.kind == "material"
    assert set(found.files) == {"search/search_index.json", "assets/javascripts/workers/search.abc.min.js"}
    assert 0 < found.total < 1000  # gzipped, as a compressing server sends it


def test_pagefind_chunk_bounds_are_prefixes() -> None:
    from benchmarks.search import covers

    assert covers("mi", "mic", "microsoft")
    assert covers("ai", "amd", "amazon")
    assert covers("ma", "micro", "micro")
    assert covers("micros", "mz", "micro")  # a prefix query spans later chunks too
    assert not covers("mid", "mz", "microsoft")
    assert not covers("a", "ab", "microsoft")


def test_our_search_download_counts_scripts_manifest_shards_and_result_blocks(tmp_path: Path) -> None:
    import shutil

    from benchmarks.search import query_download
    from generator.search import SearchRecord, write_search_index

    if shutil.which("node") is None:
        pytest.skip("node is not installed: the download is what search-index.js fetches in Node")
    records = [SearchRecord("entry", f"e{n}/", f"Entry {n}", "", "", body=(f"Microsoft word{n}",))
               for n in range(250)]
    write_search_index(tmp_path, records)
    scripts = tmp_path / "assets" / "javascripts"
    shutil.copytree(Path(__file__).resolve().parents[2] / "docs" / "overrides" / "assets" / "javascripts", scripts)
    found = query_download(tmp_path, "word249")
    assert found.kind == "ours"
    # Typing "wo", "wor", ... "word249": one shard, and the blocks of the results shown on the way.
    assert any(path.startswith("search/m/") for path in found.files)
    assert {"search/manifest.json", "search/t/wo.json",
            "assets/javascripts/search.js"} <= set(found.files)
    assert query_download(tmp_path, "nothing").kind == "ours (the query matched nothing)"


def test_incremental_benchmark_runs_and_reports_both_sizes(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.incremental", "--sizes", "40", "60",
                           "--edits", "4", "--out", str(tmp_path / "work")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith(("| 40 |", "| 60 |"))]
    assert len(rows) == 2, proc.stdout
    for row in rows:  # every edit reached its page; each rewrote some files, not all
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        rewritten, files = float(cells[6]), int(cells[7])
        assert 0 < rewritten < files
