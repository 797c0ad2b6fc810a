"""Files a branch changes, from git: what ``digest check --changed-since`` reports on."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not a repository, or the ref is unknown."""


def changed_files(root: Path, ref: str) -> list[Path]:
    """Existing files changed since the merge base of ``ref`` and HEAD.

    Like ``git diff REF...HEAD`` (only what this branch did, not what happened on REF
    since), plus staged, unstaged and untracked files, so the same command serves a pull
    request in CI and an editor's work tree.
    """
    if ref.startswith("-"):  # would be read as an option by git
        raise GitError(f"'{ref}' is not a git ref")
    base = _git(root, "merge-base", ref, "HEAD").strip()
    names = _git(root, "diff", "--name-only", "--relative", "--no-renames", "-z", base, "--")
    names += _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    found = {name for name in names.split("\0") if name}
    return [root / name for name in sorted(found) if (root / name).is_file()]


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"cannot run git: {error}") from error
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout
