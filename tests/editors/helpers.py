"""Running the command in-process, and entries derived from the valid one."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.cli import main
from tests.support import VALID_ENTRY


def run(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    """``digest --root ROOT ARGS`` in-process: (exit status, stdout, stderr)."""
    status = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return status, out, err


def entry(date: str = "2026-06-02", **replace: str) -> str:
    """The valid entry with its date set and some lines replaced (old -> new)."""
    text = VALID_ENTRY.replace("date: 2026-06-02", f"date: {date}")
    for old, new in replace.items():
        old = old.replace("_", " ")
        assert old in text, old
        text = text.replace(old, new)
    return text


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout


def git_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "user.name", "Editor")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
