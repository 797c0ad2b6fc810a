"""``digest serve``: ``mkdocs serve`` for the project; added or edited entries rebuild the
site without a restart (the plugin watches the entries folder)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.cli.build import config_file, mkdocs_env
from generator.settings import from_mkdocs_yml


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="preview the site with live reload",
        description="Serve the site locally with MkDocs; rebuilds when docs or entries change.")
    parser.add_argument("--dev-addr", "-a", metavar="IP:PORT", help="address to serve on "
                        "(default: MkDocs' 127.0.0.1:8000)")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    parser.set_defaults(run=run)


def run(args) -> int:
    root = Path(args.root).resolve()
    config = config_file(root)
    from_mkdocs_yml(config, site=True)  # an unusable setting is a usage error, before MkDocs starts
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config)]
    if args.dev_addr:
        command += ["--dev-addr", args.dev_addr]
    if args.strict:
        command.append("--strict")
    return subprocess.run(command, cwd=root, env=mkdocs_env(), check=False).returncode
