"""Settings shared by every stage, independent of MkDocs.

The MkDocs plugin fills them from its ``config_options``; the ``digest`` command reads
the same options from ``mkdocs.yml`` (``plugins: - digest: ...``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml


@dataclass(frozen=True)
class Settings:
    entries_dir: str = "entries"
    timezone: str = "UTC"
    site_name: str = "News digest"
    site_url: str | None = None
    site_description: str = ""
    language: str = "en"
    per_page: int = 20  # listing pages are a fifth of all pages at 10; 20 halves them
    feed_size: int = 50
    # Feed identity: tag:AUTHORITY,DATE:IDENTITY (RFC 4151); set once, never changed.
    id_authority: str = "example.org"
    id_date: str = "2026"

    @cached_property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.timezone)


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader that reads MkDocs' ``!!python/name`` and ``!ENV`` tags as plain nulls."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                      lambda loader, suffix, node: None)

_FROM_SITE = {"site_name": "site_name", "site_url": "site_url",
              "site_description": "site_description"}


def read_mkdocs_yml(path: Path) -> dict[str, object]:
    """``mkdocs.yml`` as plain data ({} when absent). Never executes anything from the
    file: Python and ``!ENV`` tags are read as nulls, not constructed."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_TolerantLoader)
    return data if isinstance(data, dict) else {}


def from_mkdocs_yml(path: Path) -> Settings:
    """Settings from ``mkdocs.yml``: site fields and the ``digest`` plugin's options."""
    data = read_mkdocs_yml(path)
    values: dict[str, object] = {
        field: data[key] for key, field in _FROM_SITE.items() if data.get(key) is not None
    }
    theme = data.get("theme") or {}
    if isinstance(theme, dict) and theme.get("language"):
        values["language"] = theme["language"]
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("digest"), dict):
            known = {f.name for f in fields(Settings)}
            values.update({k: v for k, v in plugin["digest"].items() if k in known})
    return Settings(**values)
