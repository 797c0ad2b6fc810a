"""The ``digest`` command: each subcommand is a module with ``register`` and ``run``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from generator import __version__
from generator.cli import build, check, compile, edition, import_feed, import_seed, new, serve, tags
from generator.settings import SettingsError

COMMANDS = (check, new, import_seed, import_feed, tags, build, serve, compile, edition)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest", description="Check news briefs and build the digest site.")
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    parser.add_argument("--root", default=".", help="project root (default: current folder)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    try:
        return int(args.run(args))
    except (UsageError, SettingsError) as error:
        print(f"digest {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


class UsageError(Exception):
    """A problem with how the command was called (exit status 2)."""
