"""Files a branch changes, from git: what ``digest check --changed-since`` reports on."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not a repository, or the ref is unknown."""


@dataclass(frozen=True)
class Changes:
    base: str  # the merge base: what the branch started from
    existing: list[Path]  # changed or added files that exist now
    deleted: list[str]  # files (relative to the root, with '/') the base had and that are gone


def changes(root: Path, ref: str) -> Changes:
    """Files changed since the merge base of ``ref`` and HEAD.

    Like ``git diff REF...HEAD`` (only what this branch did, not what happened on REF
    since), plus staged, unstaged and untracked files, so the same command serves a pull
    request in CI and an editor's work tree. A renamed file is a deletion and an addition.
    """
    if ref.startswith("-"):  # would be read as an option by git
        raise GitError(f"'{ref}' is not a git ref")
    base = _git(root, "merge-base", ref, "HEAD").strip()
    names = _git(root, "diff", "--name-only", "--relative", "--no-renames", "-z", base, "--")
    names += _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    found = sorted({name for name in names.split("\0") if name})
    existing = [root / name for name in found if (root / name).is_file()]
    deleted = [name for name in found
               if not (root / name).exists() and not (root / name).is_symlink()]
    return Changes(base, existing, deleted)


def changed_files(root: Path, ref: str) -> list[Path]:
    """Existing files changed since the merge base of ``ref`` and HEAD (see :func:`changes`)."""
    return changes(root, ref).existing


def old_text(root: Path, commit: str, name: str) -> str | None:
    """The text of ``name`` (relative to ``root``) at ``commit``; None when unreadable."""
    try:
        return _git(root, "show", f"{commit}:./{name}")
    except (GitError, UnicodeDecodeError):
        return None


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
