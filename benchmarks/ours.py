"""Our build, pointed at a synthetic corpus: a copy of the project's site files plus entries.

The build command is discovered at run time (``digest build`` once it exists, else
``mkdocs build`` when ``mkdocs.yml`` enables the digest plugin), so the harness works
while the plugin is still being written and picks it up as soon as it lands.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
# Not part of the site: code is installed editable, entries are replaced by the corpus.
_SKIP = ("entries/", "benchmarks/", "tests/", "seeds/", "generator/", "scripts/", ".ci/",
         "site/")


def site_files() -> list[str]:
    """Tracked and new (not ignored) files the site build may read, relative to the repo."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    return [p for p in listed if not p.startswith(_SKIP) and (REPO / p).is_file()]


def write_project(root: Path) -> None:
    """Copy the site files into ``root``; the caller writes ``root/entries``."""
    for rel in site_files():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)


def _help(*args: str) -> str:
    proc = subprocess.run([str(BIN / "digest"), *args, "--help"], capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else ""


def _plugin_importable() -> bool:
    proc = subprocess.run([str(BIN / "python"), "-c", "import generator.plugin.plugin"],
                          capture_output=True)
    return proc.returncode == 0


def build_command(root: Path, out: Path) -> list[str] | None:
    """The command that builds our full site from ``root`` into ``out``; None if none exists yet."""
    options = _help("build")  # empty when argparse rejects 'build' as a command
    if options:
        for flag in ("--site-dir", "--out", "--output"):
            if flag in options:
                return [str(BIN / "digest"), "--root", str(root), "build", flag, str(out)]
        return [str(BIN / "digest"), "--root", str(root), "build"]
    mkdocs_yml = REPO / "mkdocs.yml"
    if mkdocs_yml.is_file() and "digest" in mkdocs_yml.read_text() and _plugin_importable():
        return [str(BIN / "mkdocs"), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)]
    return None


def output_dir(root: Path, out: Path, command: list[str]) -> Path:
    """Where the build wrote the site: ``out`` when we could pass it, else mkdocs' default."""
    return out if str(out) in command else root / "site"


def check_command(root: Path) -> list[str]:
    return [str(BIN / "digest"), "--root", str(root), "check"]


def mkdocs_env() -> dict[str, str]:
    import os

    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
