"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site import site_support
from tests.support import write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with entries/tags.yml and no entries."""
    return write_project(tmp_path)


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project of ``tests/site/site_support.py``, built once for the whole
    session by a real ``digest build --strict`` (site/ inside it). Shared: a test that
    changes anything copies it first."""
    root = site_support.write_fixture(tmp_path_factory.mktemp("project"))
    result = site_support.digest("build", "--strict", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return root
