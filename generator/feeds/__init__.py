"""Feeds: RSS 2.0, Atom 1.0, JSON Feed 1.1 and OPML, behind one entry model.

The site build calls :func:`feed_files` and writes each returned file as is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from generator.model import Tag
from generator.render import RenderedEntry
from generator.settings import Settings


def feed_files(entries: Sequence[RenderedEntry], tags: Mapping[str, Tag], settings: Settings,
               now: datetime | None = None) -> dict[str, bytes]:
    """Site-relative path -> file content for every feed of the site.

    ``entries`` are the published entries, newest first. Filled in by the feeds work
    (issue 4); until then the site has no feed files.
    """
    return {}
