"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with entries/tags.yml and no entries."""
    return write_project(tmp_path)
