"""What ``digest serve`` keeps between rebuilds, so that an edit rewrites only what it changed.

``digest serve`` runs ``mkdocs serve --dirty``: MkDocs then renders and writes only the
files whose ``is_modified()`` is true and never cleans the site folder. This module
decides that for the generated pages and files: one is modified when its compiled form
differs from the last build's (an unchanged entry yields the very same objects, thanks to
the :class:`~generator.memo.Memo`, so most comparisons are by identity). It also removes
what the last build wrote and this one does not (a renamed entry, a listing page fewer),
and when anything besides ``entries/`` changed (mkdocs.yml, a hand-written page, a theme
override: the navigation and every page's frame may differ) it empties the site folder,
so that build is a whole one. The result is byte for byte what a clean build writes
(``tests/site/test_incremental.py``).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import clean_directory

from generator.compile import CompiledPage
from generator.memo import Memo

# MkDocs warns on every --dirty build that navigation may be inaccurate; this module
# makes it accurate (see above), and under --strict the warning would stop the server.
DIRTY_WARNING = "A 'dirty' build is being performed"
# Between rebuilds the memo holds millions of objects; the garbage collector's full passes
# over them cost a second or so a rebuild. They are frozen after each build (left out of
# collections) and thawed every so many builds, so that cyclic garbage of the frozen
# builds (MkDocs' pages and files refer to each other) is still collected now and then.
THAW_EVERY = 25


def hand_over(config: MkDocsConfig, rebuilds: Rebuilds | None, pages: Sequence[CompiledPage],
              generated: Sequence[tuple[str, bytes]], assets: Mapping[str, Path],
              updated: str | None) -> tuple[list[File], bool]:
    """The files MkDocs gets for the compiled ``pages`` (no text: the plugin's page hooks
    supply them), the ``generated`` files and the entries' image files (``assets``: site
    path -> file), and whether it writes the sitemap.

    In a build, all of them. While serving with --dirty, those that changed (the others
    are on disk already) plus the navigation's own pages, unless pages come or go or change
    dates: then all, as the sitemap lists all."""
    listed = (tuple((page.src, page.meta["digest"].get("updated")) for page in pages), updated)
    everything = rebuilds is None or not rebuilds.lists_the_same(listed)
    navigation = set(_nav_sources(config.nav or []))
    handed = []

    def hand(src: str, dest: str, output: object, **options) -> None:
        if rebuilds is None:
            handed.append(File.generated(config, src, **options))
            return
        changed = rebuilds.changed(dest, output)
        if everything or changed or src in navigation:
            file = CompiledFile.generated(config, src, **options)
            file.changed = changed
            handed.append(file)

    for page in pages:
        hand(page.src, page.src[:-3] + ".html", page, content="",
             inclusion=InclusionLevel.NOT_IN_NAV)
    for path, content in generated:
        hand(path, path, content, content=content)
    for path, origin in assets.items():  # copied as they are: changed when their file is
        hand(path, path, (origin, _stamp(origin)), abs_src_path=str(origin))
    return handed, everything


def _stamp(path: Path) -> tuple[int, int] | None:
    """When a copied file last changed (None when it is gone)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _nav_sources(items) -> list[str]:
    """The source paths (``index.md``...) that the ``nav`` of mkdocs.yml names."""
    found = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += _nav_sources(value)
    return found


class CompiledFile(File):
    """A generated page or file that knows whether this build changed it."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class TemplateCache(BytecodeCache):
    """Compiled theme templates, kept in memory: MkDocs makes a new Jinja environment for
    every build, which would compile Material's templates again each time (Jinja checks
    each template's source against the checksum, so an edited override is compiled)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Rebuilds:
    """Kept across the builds of one ``mkdocs serve --dirty``."""

    def __init__(self) -> None:
        self.memo = Memo()
        self.templates = TemplateCache()
        self.whole = True  # this build writes everything (the first, or the frame changed)
        self._frame: str | None = None
        self._listed: object = None  # what the sitemap lists, as of the last build
        self._outputs: dict[str, object] = {}  # dest path (site-relative) -> page or bytes
        self._current: dict[str, object] = {}
        self._builds = 0

    def begin(self, config_file: Path, docs_dir: Path, site_dir: Path) -> None:
        """Start a build; a whole one (with ``site_dir`` emptied) when something other than
        the entries changed since the last build."""
        frame = _frame_fingerprint(config_file, docs_dir)
        self._current = {}
        self.memo.start()
        self._builds += 1
        if self._builds % THAW_EVERY == 0:
            gc.unfreeze()
        self.whole = frame != self._frame
        if not self.whole:
            return
        self._frame, self._listed, self._outputs = frame, None, {}
        clean_directory(str(site_dir))  # what MkDocs' own clean build does

    def lists_the_same(self, listed: object) -> bool:
        """Whether the site's pages and their dates (``listed``) are those of the last
        build: then MkDocs need only see the pages that changed, and the sitemap stays."""
        same = not self.whole and listed == self._listed
        self._listed = listed
        return same

    def changed(self, dest: str, output: object) -> bool:
        """Whether ``output`` (a compiled page or a file's bytes) differs from what the
        last build wrote at ``dest``."""
        previous = self._outputs.get(dest)
        self._current[dest] = output
        return previous is not output and previous != output

    def finish(self, site_dir: Path) -> None:
        """After a successful build: remove what the last build wrote and this one did
        not, and remember this build's outputs."""
        for dest in self._outputs.keys() - self._current.keys():
            path = site_dir / dest
            path.unlink(missing_ok=True)
            _remove_empty_parents(path.parent, site_dir)
        self._outputs, self._current = self._current, {}
        self.memo.commit()
        gc.freeze()

    def forget(self) -> None:
        """After a failed build: the next one is whole."""
        self._frame = None


def _frame_fingerprint(config_file: Path, docs_dir: Path) -> str:
    """A digest of everything the site's frame is made of besides the entries: the
    configuration and every file under ``docs/`` (hand-written pages, overrides, assets),
    by path, size and modification time."""
    digest = hashlib.sha256(config_file.read_bytes() if config_file.is_file() else b"")
    for folder, dirs, files in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _remove_empty_parents(folder: Path, site_dir: Path) -> None:
    while folder != site_dir and folder.is_relative_to(site_dir):
        try:
            folder.rmdir()
        except OSError:
            return  # not empty (or gone)
        folder = folder.parent


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


# One instance: adding it again (a second server in one process) changes nothing.
DROP_DIRTY_WARNING = _DropDirtyWarning()

