"""``digest build``: build the site with MkDocs into a folder next to ``site/`` and swap it
in only when the build succeeds, so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.settings import CONFIG, from_mkdocs_yml, read_mkdocs_yml


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build the site into site/ (replaced only when the build succeeds)",
        description="Build the site with MkDocs. Invalid entries fail the build with the same "
                    "located messages as 'digest check'; on failure site/ is left untouched.")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    parser.set_defaults(run=run)


def mkdocs_env() -> dict[str, str]:
    """The environment for MkDocs: no MkDocs 2.0 / end-of-life banner (the README says why)."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def config_file(root: Path) -> Path:
    from generator.cli import UsageError

    path = root / CONFIG
    if not path.is_file():
        raise UsageError(f"no {CONFIG} in {root}")
    return path


def site_dir(config: Path) -> Path:
    """``site_dir`` from ``mkdocs.yml`` (default ``site``), relative to its folder."""
    value = read_mkdocs_yml(config).get("site_dir")
    return (config.parent / (value if isinstance(value, str) and value else "site")).resolve()


def run(args) -> int:
    root = Path(args.root).resolve()
    config = config_file(root)
    from_mkdocs_yml(config, site=True)  # an unusable setting is a usage error, before MkDocs starts
    target = site_dir(config)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config),
               "--site-dir", str(staging)]
    if args.strict:
        command.append("--strict")
    try:
        code = subprocess.run(command, cwd=root, env=mkdocs_env(), check=False).returncode
        if code != 0:
            print(f"digest build: the build failed; {_shown(target, root)}/ was left as it was",
                  file=sys.stderr)
            return 1
        staging.chmod(0o755)
        swap(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    print(f"digest build: site written to {_shown(target, root)}/", file=sys.stderr)
    return 0


def swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` (two renames in one folder; the old site is removed
    only after the new one is in place)."""
    old = None
    if target.exists() or target.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink()


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
