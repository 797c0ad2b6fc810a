"""Settings shared by every stage, independent of MkDocs, validated in one place.

Every way of running the project reads them through :func:`validated`: the ``digest``
commands from ``mkdocs.yml`` (:func:`from_mkdocs_yml`), the MkDocs plugin from the options
MkDocs parsed (``generator.plugin.config``). A setting the generator cannot use is a
:class:`SettingsError` located in ``mkdocs.yml`` (``mkdocs.yml:LINE: ...``), before any work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, tzinfo
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from generator.text import did_you_mean

CONFIG = "mkdocs.yml"
# RFC 4151: the date of a tag URI is YYYY, YYYY-MM or YYYY-MM-DD; the authority a domain
# name or an email address.
_TAG_DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
_TAG_AUTHORITY = re.compile(r"(?:[^@\s,:/]+@)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


class SettingsError(ValueError):
    """A setting the generator cannot use; the message says where (``mkdocs.yml:LINE: ...``)."""


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
    # The site's square logo (publisher logo in JSON-LD, feed icon and logo) and the image
    # shared pages show when an entry has none (og:image; the logo when unset): a path in
    # the site (a file of docs/) or an absolute https URL.
    logo: str = "assets/images/logo.png"
    default_image: str | None = None
    # Editions (generator.editions): one per day, week or month in ``timezone``, or "off";
    # a week starts on ``week_start``.
    editions: str = "week"
    week_start: str = "monday"

    @cached_property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.timezone)

    def problems(self, *, site: bool = False) -> list[tuple[str, str]]:
        """Every setting the generator cannot use, as (option, message). ``site``: also
        what building pages and feeds needs (a ``site_url``)."""
        found: list[tuple[str, str]] = []
        for name in ("entries_dir", "site_name", "site_description", "language"):
            value = getattr(self, name)
            if not isinstance(value, str) or (name == "entries_dir" and not value.strip()):
                found.append((name, f"{name} must be text, not {value!r}"))
        if not _known_zone(self.timezone):
            found.append(("timezone", f"timezone {self.timezone!r} is not a known time zone "
                                      "(an IANA name such as 'UTC' or 'Europe/Paris')"))
        for name in ("per_page", "feed_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                found.append((name, f"{name} must be a whole number of at least 1, not {value!r}"))
        url = self.site_url.strip() if isinstance(self.site_url, str) else self.site_url
        if url or site:
            if not url:
                found.append(("site_url", "site_url is not set: feeds need it to give "
                                          "every item an absolute link; add e.g. "
                                          "'site_url: https://news.example.org/'"))
            elif not isinstance(url, str) or not is_absolute_http(url):
                found.append(("site_url", f"site_url {url!r} is not an absolute http(s) URL; "
                                          "feeds need one"))
        authority = self.id_authority
        if not isinstance(authority, str) or not _TAG_AUTHORITY.fullmatch(authority):
            found.append(("id_authority", f"id_authority {authority!r} is not a domain name or "
                                          "email address (RFC 4151)"))
        for name in ("logo", "default_image"):
            value = getattr(self, name)
            if value is not None and not is_image_location(value):
                found.append((name, f"{name} {value!r} is neither a path in the site (such as "
                                    "'assets/images/logo.png', a file of docs/) nor an "
                                    "absolute https URL"))
        found.extend(_edition_problems(self.editions, self.week_start))
        if tag_date(self.id_date) is None:
            found.append(("id_date", f"id_date {self.id_date!r} is not YYYY, YYYY-MM or "
                                     "YYYY-MM-DD (RFC 4151)"))
        return found

    def image_url(self, location: str | None) -> str | None:
        """An image's absolute URL (Open Graph and feeds need one): a path in the site
        joined to ``site_url``; None without a ``site_url``."""
        if not location:
            return None
        if is_absolute_http(location):
            return location
        if not isinstance(self.site_url, str) or not self.site_url.strip():
            return None
        return self.site_url.strip().rstrip("/") + "/" + location

    @property
    def logo_url(self) -> str | None:
        return self.image_url(self.logo)

    @property
    def default_image_url(self) -> str | None:
        return self.image_url(self.default_image or self.logo)

    @property
    def default_image_alt(self) -> str:
        """What the default image shows, for ``og:image:alt``."""
        shows_logo = self.default_image in (None, self.logo)
        return f"{self.site_name} logo" if shows_logo else self.site_name

    def require(self, *, site: bool = False, error: type[Exception] | None = None) -> None:
        """Raise ``error`` (a :class:`SettingsError` by default) with the first of
        :meth:`problems`: the guard of stages that take settings someone built by hand."""
        for _name, message in self.problems(site=site):
            raise (error or SettingsError)(message)


EDITION_PERIODS = ("day", "week", "month", "off")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _edition_problems(period: object, week_start: object) -> list[tuple[str, str]]:
    found = []
    if period is not False and period not in EDITION_PERIODS:
        found.append(("editions", f"editions {period!r} is not one of "
                                  + ", ".join(repr(p) for p in EDITION_PERIODS)))
    if not isinstance(week_start, str) or week_start.lower() not in WEEKDAYS:
        found.append(("week_start", f"week_start {week_start!r} is not a day of the week "
                                    "('monday' to 'sunday')"))
    return found


def is_absolute_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


_SITE_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")


def is_image_location(value: object) -> bool:
    """A path in the site (``assets/images/logo.png``: no leading '/', no '..') or an
    absolute https URL."""
    if not isinstance(value, str):
        return False
    if "://" in value:
        return urlsplit(value).scheme == "https" and bool(urlsplit(value).netloc) \
            and not any(ch.isspace() for ch in value)
    return _SITE_PATH.fullmatch(value) is not None


def tag_date(value: object) -> str | None:
    """The id date as text, or None when invalid. An unquoted YAML ``2026`` or ``2026-01-01``
    arrives as an int or a date and means the same as the quoted text."""
    if isinstance(value, date):
        value = value.strftime("%Y-%m-%d")
    elif isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", value):
        return None
    try:
        datetime.strptime(value, _TAG_DATE_FORMATS[len(value)])
    except ValueError:
        return None
    return value


def _known_zone(name: object) -> bool:
    if not isinstance(name, str) or not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


OPTIONS = ("entries_dir", "timezone", "per_page", "feed_size", "id_authority", "id_date", "logo",
           "default_image", "editions", "week_start")
_FROM_SITE = ("site_name", "site_url", "site_description")


def validated(values: Mapping[str, object], lines: Mapping[str, int] | None = None, *,
              source: str = CONFIG, site: bool = False) -> Settings:
    """The settings from raw ``values`` (None means the default), or a :class:`SettingsError`
    naming the first unusable one at its line in ``source``. Unknown ``digest`` options
    (keys outside :data:`OPTIONS` prefixed ``digest.``) are errors too."""
    lines = lines or {}
    known = {f.name for f in fields(Settings)}
    for key in values:
        if key not in known:
            name = key.removeprefix("digest.")
            hint = did_you_mean(name, OPTIONS)
            _fail(source, lines.get(key), f"unknown digest option {name!r}"
                  + (f" ({hint})" if hint else ""))
    given = {k: v for k, v in values.items() if v is not None}
    settings = Settings(**given)
    for name, message in settings.problems(site=site):
        _fail(source, lines.get(name), message)
    if not isinstance(settings.id_date, str):
        settings = Settings(**{**given, "id_date": tag_date(settings.id_date)})
    if isinstance(settings.site_url, str) and not settings.site_url.strip():
        settings = Settings(**{**given, "site_url": None})
    if settings.editions is False or settings.week_start != settings.week_start.lower():
        # YAML reads an unquoted 'off' as false.
        settings = replace(settings, week_start=settings.week_start.lower(),
                           editions="off" if settings.editions is False else settings.editions)
    return settings


def _fail(source: str, line: int | None, message: str) -> None:
    raise SettingsError(f"{source}:{line}: {message}" if line else f"{source}: {message}")


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader that reads MkDocs' ``!!python/name`` and ``!ENV`` tags as plain nulls."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                      lambda loader, suffix, node: None)


def _load(path: Path) -> tuple[dict[str, object], yaml.Node | None]:
    if not path.is_file():
        return {}, None
    with path.open(encoding="utf-8") as handle:
        loader = _TolerantLoader(handle)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            _fail(path.name, line, f"not valid YAML: {getattr(error, 'problem', None) or error}")
        finally:
            loader.dispose()
    return (data if isinstance(data, dict) else {}), node


def read_mkdocs_yml(path: Path) -> dict[str, object]:
    """``mkdocs.yml`` as plain data ({} when absent). Never executes anything from the
    file: Python and ``!ENV`` tags are read as nulls, not constructed."""
    return _load(path)[0]


def read_node(path: Path) -> yaml.Node | None:
    """``mkdocs.yml`` as a YAML node (None when absent), for :func:`option_lines`."""
    return _load(path)[1]


def _keys(node: yaml.Node | None) -> dict[str, tuple[int, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: (key.start_mark.line + 1, value) for key, value in node.value
            if isinstance(key, yaml.ScalarNode)}


def option_lines(node: yaml.Node | None) -> dict[str, int]:
    """The line of every setting in ``mkdocs.yml``: site fields, the theme's language and
    the ``digest`` plugin's options (unknown ones as ``digest.NAME``)."""
    top = _keys(node)
    lines = {name: top[name][0] for name in _FROM_SITE if name in top}
    if "theme" in top and "language" in _keys(top["theme"][1]):
        lines["language"] = _keys(top["theme"][1])["language"][0]
    plugins = top.get("plugins", (0, None))[1]
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        options = _keys(item).get("digest")
        for name, (line, _value) in _keys(options[1] if options else None).items():
            lines[name if name in OPTIONS else f"digest.{name}"] = line
    return lines


def docs_dir(path: Path) -> str:
    """MkDocs' ``docs_dir`` in ``mkdocs.yml`` (its hand-written pages), "docs" by default."""
    value = _load(path)[0].get("docs_dir")
    return value if isinstance(value, str) and value.strip() else "docs"


def from_mkdocs_yml(path: Path, *, site: bool = False) -> Settings:
    """Settings from ``mkdocs.yml``: site fields, the theme's language and the ``digest``
    plugin's options; a :class:`SettingsError` (located) when one is unusable."""
    data, node = _load(path)
    values: dict[str, object] = {key: data.get(key) for key in _FROM_SITE}
    theme = data.get("theme") or {}
    if isinstance(theme, dict) and theme.get("language"):
        values["language"] = theme["language"]
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("digest"), dict):
            for key, value in plugin["digest"].items():
                values[key if key in OPTIONS else f"digest.{key}"] = value
    return validated(values, option_lines(node), source=path.name, site=site)
