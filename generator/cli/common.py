"""What several subcommands share: the project root and its settings."""

from __future__ import annotations

from pathlib import Path

from generator.settings import Settings, from_mkdocs_yml


def project(args) -> tuple[Path, Settings]:
    root = Path(args.root).resolve()
    return root, from_mkdocs_yml(root / "mkdocs.yml")
