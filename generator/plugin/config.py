"""The plugin's options in ``mkdocs.yml`` (``plugins: - digest: ...``), typed.

They mirror :class:`generator.settings.Settings`, which the rest of the generator reads;
``digest`` commands read the same options from ``mkdocs.yml`` without MkDocs.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.settings import Settings

_DEFAULTS = Settings()


class DigestConfig(base.Config):
    entries_dir = c.Type(str, default=_DEFAULTS.entries_dir)
    timezone = c.Type(str, default=_DEFAULTS.timezone)
    per_page = c.Type(int, default=_DEFAULTS.per_page)
    feed_size = c.Type(int, default=_DEFAULTS.feed_size)
    id_authority = c.Type(str, default=_DEFAULTS.id_authority)
    # YAML reads an unquoted 2026 as a number; both spellings mean the same.
    id_date = c.Type((str, int), default=_DEFAULTS.id_date)


def settings_from(options: DigestConfig, config: MkDocsConfig) -> Settings:
    """The generator's settings: the plugin's options plus the site's name, URL,
    description and the theme's language."""
    if options.per_page < 1:
        raise PluginError(f"digest: per_page must be at least 1, not {options.per_page}")
    if options.feed_size < 1:
        raise PluginError(f"digest: feed_size must be at least 1, not {options.feed_size}")
    try:
        ZoneInfo(options.timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise PluginError(f"digest: timezone '{options.timezone}' is not a known time zone") from error
    theme = config.theme
    language = (theme.get("language") if theme is not None else None) or _DEFAULTS.language
    return Settings(
        entries_dir=options.entries_dir,
        timezone=options.timezone,
        site_name=config.site_name,
        site_url=config.site_url or None,
        site_description=config.site_description or "",
        language=str(language),
        per_page=options.per_page,
        feed_size=options.feed_size,
        id_authority=options.id_authority,
        id_date=str(options.id_date),
    )
