"""``mkdocs serve --dirty`` in this process, without the HTTP server: what ``digest serve``
does on every change, callable and timeable (``benchmarks.incremental`` and
``tests/site/test_incremental.py``).

MkDocs' server calls ``build(config, serve_url=..., dirty=True)`` with a freshly loaded
configuration after each change; plugins that have ``on_startup`` (ours) are kept across
those builds, which is what lets ours remember the last build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

SERVE_URL = "http://127.0.0.1:8000/"


class ServedSite:
    """A project served into ``site_dir``: ``rebuild()`` after each change."""

    def __init__(self, project: Path, site_dir: Path, *, dirty: bool = True) -> None:
        self.project = project
        self.site_dir = site_dir
        self.dirty = dirty
        # Each served site keeps its own plugin instances, as each server process would.
        self._plugins: dict[str, object] = {}
        self._config().plugins.on_startup(command="serve", dirty=dirty)

    def _config(self) -> MkDocsConfig:
        _plugins_option().plugin_cache = self._plugins  # type: ignore[attr-defined]
        config = load_config(config_file=str(self.project / "mkdocs.yml"),
                             site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> None:
        cwd = Path.cwd()
        os.chdir(self.project)  # as `digest serve` runs MkDocs
        try:
            build(self._config(), serve_url=SERVE_URL, dirty=self.dirty)
        finally:
            os.chdir(cwd)

    def close(self) -> None:
        self._config().plugins.on_shutdown()
        _plugins_option().plugin_cache = {}  # type: ignore[attr-defined]


def _plugins_option() -> object:
    """MkDocs' ``plugins`` option, which keeps the plugin instances that have ``on_startup``."""
    return next(option for name, option in MkDocsConfig._schema if name == "plugins")
