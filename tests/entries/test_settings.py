"""Settings in mkdocs.yml are validated once, the same way on every path: each unusable
setting is one located error (``mkdocs.yml:LINE: ...``) from every ``digest`` command (exit
2, usage) and from the MkDocs plugin, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.cli import EXIT_USAGE, main
from generator.settings import Settings, from_mkdocs_yml
from tests.support import VALID_ENTRY, write_project

CONFIG = """\
site_name: Test digest
site_url: {site_url}
plugins:
  - digest:
      {option}
"""

URL = "https://news.example.org/"
# case -> (line in mkdocs.yml, the digest option on line 5, site_url on line 2, the error)
BAD = {
    "timezone": (5, "timezone: Mars/Base", URL, "timezone 'Mars/Base' is not a known time zone"),
    "per_page-text": (5, 'per_page: "20"', URL, "per_page must be a whole number of at least 1, not '20'"),
    "per_page-zero": (5, "per_page: 0", URL, "per_page must be a whole number of at least 1, not 0"),
    "feed_size": (5, "feed_size: -1", URL, "feed_size must be a whole number of at least 1, not -1"),
    "id_authority": (5, "id_authority: https://example.org/", URL,
                     "id_authority 'https://example.org/' is not a domain name"),
    "id_date": (5, "id_date: June 2026", URL, "id_date 'June 2026' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    "entries_dir": (5, "entries_dir: [a, b]", URL, "entries_dir must be text"),
    "logo": (5, "logo: /assets/logo.png", URL, "logo '/assets/logo.png' is neither a path in the site"),
    "default_image": (5, "default_image: http://cdn.example.org/a.png", URL,
                      "default_image 'http://cdn.example.org/a.png' is neither a path in the site"),
    "unknown": (5, "per_pag: 20", URL, "unknown digest option 'per_pag' (did you mean 'per_page'?)"),
    "site_url": (2, "per_page: 20", "news.example.org",
                 "site_url 'news.example.org' is not an absolute http(s) URL"),
}

COMMANDS = {
    "check": ["check"],
    "tags": ["tags"],
    "compile": ["compile", "out"],
    "build": ["build"],
    "serve": ["serve"],
}


def _project(root: Path, option: str, site_url: str) -> Path:
    write_project(root, {"2026/2026-06-02-valid-entry.md": VALID_ENTRY})
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG.format(option=option, site_url=site_url), encoding="utf-8")
    return root


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(BAD))
def test_every_command_reports_a_bad_setting_at_its_line(tmp_path, capsys, case, command):
    line, option, site_url, message = BAD[case]
    root = _project(tmp_path, option, site_url)
    status = main(["--root", str(root), *COMMANDS[command]])
    err = capsys.readouterr().err
    assert status == EXIT_USAGE, err
    assert f"digest {command}: error: mkdocs.yml:{line}: {message}" in err
    assert "Traceback" not in err
    assert not (root / "out").exists() and not (root / "site").exists()


# MkDocs itself refuses a site_url without a scheme, before any plugin runs.
@pytest.mark.parametrize("case", [case for case in BAD if case != "site_url"])
def test_the_mkdocs_plugin_reports_the_same_error(tmp_path, case):
    line, option, site_url, message = BAD[case]
    root = _project(tmp_path, option, site_url)
    config = load_config(config_file=str(root / "mkdocs.yml"))
    with pytest.raises(PluginError) as caught:
        config.plugins.on_config(config)
    assert f"mkdocs.yml:{line}: {message}" in str(caught.value)


def test_mkdocs_build_fails_with_the_located_error(tmp_path):
    """End to end: the real ``mkdocs build`` process, as CI runs it."""
    root = _project(tmp_path, 'per_page: "20"', URL)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "mkdocs.yml:5: per_page must be a whole number of at least 1, not '20'" in result.stderr
    assert "Traceback" not in result.stderr


def test_site_url_is_needed_only_by_the_commands_that_build(tmp_path, capsys):
    root = _project(tmp_path, "per_page: 20", "null")
    assert main(["--root", str(root), "check"]) == 0
    assert main(["--root", str(root), "compile", "out"]) == EXIT_USAGE
    assert "digest compile: error: mkdocs.yml:2: site_url is not set" in capsys.readouterr().err


def test_invalid_yaml_is_a_located_usage_error(tmp_path, capsys):
    root = _project(tmp_path, "per_page: 20", URL)
    (root / "mkdocs.yml").write_text("site_name: Test\nplugins: [\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == EXIT_USAGE
    assert "digest check: error: mkdocs.yml:3: not valid YAML" in capsys.readouterr().err


def test_good_settings_are_read_with_their_types(tmp_path):
    root = _project(tmp_path, "id_date: 2026\n      timezone: Europe/Paris\n      per_page: 7",
                    URL)
    settings = from_mkdocs_yml(root / "mkdocs.yml", site=True)
    assert settings == Settings(site_name="Test digest", site_url="https://news.example.org/",
                                timezone="Europe/Paris", per_page=7, id_date="2026")
    config = load_config(config_file=str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert config.plugins["digest"].settings == settings


def test_images_are_absolute_urls_for_sharing_and_feeds():
    settings = Settings(site_url="https://news.example.org/sub")
    assert settings.logo_url == settings.default_image_url == "https://news.example.org/sub/assets/images/logo.png"
    assert settings.default_image_alt == "News digest logo"
    custom = Settings(site_url=URL, default_image="https://cdn.example.org/share.png", logo="img/l.png")
    assert custom.default_image_url == "https://cdn.example.org/share.png"
    assert custom.logo_url == "https://news.example.org/img/l.png"
    assert custom.default_image_alt == "News digest"
    assert Settings().logo_url is None  # no site_url: no absolute URL to give
    for bad in ("../x.png", "a//b.png", "javascript:alert(1)", "https://", "a b.png"):
        assert [name for name, _ in Settings(logo=bad).problems()] == ["logo"], bad
