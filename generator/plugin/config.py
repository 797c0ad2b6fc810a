"""The plugin's options in ``mkdocs.yml`` (``plugins: - digest: ...``).

MkDocs only collects them; :func:`generator.settings.validated` checks them, as it does
for the ``digest`` commands, so both report an unusable setting the same way
(``mkdocs.yml:LINE: ...``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.settings import OPTIONS, Settings, SettingsError, option_lines, read_node, validated


class _Raw(c.BaseConfigOption):
    """Any value, passed on unchanged (None when absent): the settings validate it."""

    def run_validation(self, value: object) -> object:
        return value


class DigestConfig(base.Config):
    entries_dir = _Raw()
    timezone = _Raw()
    per_page = _Raw()
    feed_size = _Raw()
    id_authority = _Raw()
    id_date = _Raw()
    logo = _Raw()
    default_image = _Raw()
    editions = _Raw()
    week_start = _Raw()


def settings_from(options: DigestConfig, config: MkDocsConfig) -> Settings:
    """The generator's settings: the plugin's options plus the site's name, URL,
    description and the theme's language; a PluginError saying where one is unusable."""
    theme = config.theme
    values: dict[str, object] = {name if name in OPTIONS else f"digest.{name}": options[name]
                                 for name in options}
    values.update(site_name=config.site_name, site_url=config.site_url or None,
                  site_description=config.site_description or None,
                  language=(theme.get("language") if theme is not None else None) or None)
    path = Path(config.config_file_path) if config.config_file_path else None
    try:
        lines = option_lines(read_node(path)) if path else {}
        return validated(values, lines, source=path.name if path else "mkdocs.yml", site=True)
    except SettingsError as error:
        raise PluginError(str(error)) from error
