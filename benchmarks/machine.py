"""The machine and versions a benchmark ran on, for the report."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# Ours: our dependencies (Pagefind is only in the baselines' environment, for comparison).
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pyyaml", "nh3", "news-digest")


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def _venv_version(bin_dir: Path, name: str) -> str:
    code = f"from importlib.metadata import version; print(version({name!r}))"
    proc = subprocess.run([str(bin_dir / "python"), "-c", code], capture_output=True, text=True)
    return proc.stdout.strip() or "-"


def _commit() -> str:
    repo = Path(__file__).resolve().parent.parent
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo,
                          capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo,
                           capture_output=True, text=True).stdout.strip()
    return head + (" plus uncommitted changes" if dirty else "")


def describe(baseline_bins: dict[str, Path]) -> list[str]:
    """Markdown bullet lines: cores, CPU, memory, Python, and our/baseline package versions."""
    try:
        import yaml
        c_yaml = "yes" if hasattr(yaml, "CSafeLoader") else "no"
    except ImportError:  # pragma: no cover
        c_yaml = "-"
    lines = [
        f"- cores: {os.cpu_count()} (nproc), CPU: {_cpu_model()}",
        f"- memory: {_memory_gib():.1f} GiB; output on tmpfs (/dev/shm)",
        f"- Python {platform.python_version()} on {platform.platform()}; PyYAML C loader: {c_yaml}",
        f"- project commit: {_commit()}",
        "- ours: " + ", ".join(f"{p} {_version(p)}" for p in PACKAGES),
    ]
    for label, bin_dir in baseline_bins.items():
        names = ("pelican", "markdown") if "pelican" in label.lower() else ("mkdocs", "mkdocs-material")
        lines.append(f"- {label}: " + ", ".join(f"{n} {_venv_version(bin_dir, n)}" for n in names))
    return lines
