"""Time a whole process with GNU ``/usr/bin/time -v``: wall, user+sys CPU, peak RSS."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TIME = "/usr/bin/time"


@dataclass(frozen=True, slots=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + sys seconds; the figure we compare (disk and scheduler noise stay out)
    rss_mb: float  # peak resident set size of the largest process in the tree
    status: int


@dataclass(frozen=True, slots=True)
class Summary:
    wall: float
    cpu: float
    rss_mb: float
    runs: int
    failed: int


def ensure_time() -> None:
    """Install Debian's ``time`` package when missing and we are root; else explain."""
    if Path(TIME).exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "time"], check=True)
    if not Path(TIME).exists():
        raise SystemExit(f"{TIME} is missing: install Debian's 'time' package")


def _seconds(clock: str) -> float:
    """``h:mm:ss`` or ``m:ss.ss`` from time -v."""
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def parse_time_v(report: str) -> tuple[float, float, float, int]:
    """(wall, cpu, peak MB, exit status) from the text ``time -v`` writes."""
    values: dict[str, str] = {}
    for line in report.splitlines():
        key, _, value = line.strip().rpartition(": ")
        if key:
            values[key] = value
    wall = _seconds(values["Elapsed (wall clock) time (h:mm:ss or m:ss)"])
    cpu = float(values["User time (seconds)"]) + float(values["System time (seconds)"])
    rss_mb = int(values["Maximum resident set size (kbytes)"]) / 1024
    return wall, cpu, rss_mb, int(values.get("Exit status", "0"))


def run_once(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[Sample, str]:
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        proc = subprocess.run([TIME, "-v", "-o", report.name, *cmd], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wall, cpu, rss, status = parse_time_v(Path(report.name).read_text())
    return Sample(wall, cpu, rss, status or proc.returncode), proc.stdout


def summarize(samples: list[Sample]) -> Summary:
    """Medians over the successful runs (over all runs when every one failed)."""
    good = [s for s in samples if s.status == 0] or samples
    return Summary(wall=statistics.median(s.wall for s in good),
                   cpu=statistics.median(s.cpu for s in good),
                   rss_mb=statistics.median(s.rss_mb for s in good),
                   runs=len(samples), failed=sum(s.status != 0 for s in samples))
