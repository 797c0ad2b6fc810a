"""An earlier commit of this repository checked out beside the working tree, for
benchmarks that measure before and after in the same run."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def checkout(ref: str, into: Path) -> Iterator[Path]:
    """``ref`` as a detached git worktree at ``into``, removed afterwards."""
    subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(into), ref], cwd=ROOT, check=True)
    try:
        yield into
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(into)], cwd=ROOT, check=False)
