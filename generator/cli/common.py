"""What several subcommands share: the project root and its settings."""

from __future__ import annotations

from pathlib import Path

from generator.settings import CONFIG, Settings, from_mkdocs_yml


def project(args, *, site: bool = False) -> tuple[Path, Settings]:
    """The project root and its validated settings (a located SettingsError, which the
    command reports as a usage error, when one is unusable). ``site``: the command builds
    pages and feeds, which need a ``site_url``."""
    root = Path(args.root).resolve()
    return root, from_mkdocs_yml(root / CONFIG, site=site)
