"""``digest check``: validate entries and report every problem, located."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.cli.common import project
from generator.diagnostics import summary, to_json
from generator.loader import load


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="check entries (default: all)",
        description="Check entries. Exit status: 0 valid, 1 errors found, 2 usage error.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="entry files to report on (cross-file rules still see all entries)")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text")
    parser.set_defaults(run=run)


def run(args) -> int:
    from generator.cli import UsageError

    root, settings = project(args)
    only = None
    if args.paths:
        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            raise UsageError(f"no such file: {', '.join(missing)}")
        only = [Path(p) for p in args.paths]
    result = load(root, settings, only)
    diagnostics = list(result.diagnostics)
    if args.format == "json":
        print(to_json(diagnostics))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format_github() if args.format == "github" else diagnostic.format())
        print(summary(diagnostics, result.files), file=sys.stderr)
    return 0 if result.ok else 1
