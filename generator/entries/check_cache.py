"""Results of `digest check` per entry file, kept between runs.

Checking parses every entry (one CommonMark parse each); an unchanged file gives the same
result as last time, so a later run only reads and hashes it. A result is reused when
the file's path and SHA-256 are the same *and* so is everything else a result depends
on: the generator's own code, the versions of the parser and YAML libraries, the
settings and the tag vocabulary (the fingerprint). Anything else starts afresh.

The cache is JSON, never pickle: reading it can only give back data. A cache that
cannot be read is ignored; it is replaced atomically after each run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, fields
from datetime import datetime
from importlib import metadata
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.entries.model import Author, Entry, Tag
from generator.settings import Settings

FOLDER = ".digest-cache"
FILE = "check.json"
_LIBRARIES = ("markdown-it-py", "linkify-it-py", "PyYAML")
# The text-less entry fields the cross-file rules read; the rest is not cached.
_ENTRY_FIELDS = ("path", "slug", "title", "date", "tags", "updated", "draft", "id", "aliases")


def fingerprint(settings: Settings, tags: dict[str, Tag],
                authors: Mapping[str, Author] | None = None) -> str:
    """What every cached result depends on besides its own file."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]  # the whole generator package
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yml", ".html"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    digest.update(sys.version.encode())
    digest.update(repr(sorted(asdict(settings).items())).encode())
    digest.update(repr(sorted(tags.items())).encode())
    digest.update(repr(sorted((authors or {}).items())).encode())
    return digest.hexdigest()


def file_digest(path: Path, limit: int) -> str | None:
    """SHA-256 of a file's first ``limit`` + 1 bytes (what the reader looks at); None
    when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.sha256(handle.read(limit + 1)).hexdigest()
    except OSError:
        return None


Result = tuple[Entry | None, list[Diagnostic]]


class CheckCache:
    """Cached results by shown path; ``get`` and ``put`` work on one run's copy."""

    def __init__(self, root: Path, key: str) -> None:
        self.path = root / FOLDER / FILE
        self.key = key
        self.results: dict[str, dict] = {}
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("fingerprint") == self.key \
                and isinstance(data.get("files"), dict):
            self.results = data["files"]

    def get(self, shown: str, sha: str) -> Result | None:
        found = self.results.get(shown)
        if not isinstance(found, dict) or found.get("sha256") != sha:
            return None
        try:
            problems = [Diagnostic(**item) for item in found["diagnostics"]]
            entry = _entry(found["entry"]) if found["entry"] is not None else None
        except (KeyError, TypeError, ValueError):
            return None
        return entry, problems

    def put(self, shown: str, sha: str, result: Result) -> None:
        entry, problems = result
        self.results[shown] = {
            "sha256": sha,
            "diagnostics": [asdict(problem) for problem in problems],
            "entry": _entry_data(entry) if entry is not None else None,
        }

    def save(self, kept: set[str]) -> None:
        """Write the results of the files in ``kept`` (the files that exist now)."""
        data = {"fingerprint": self.key,
                "files": {shown: self.results[shown] for shown in sorted(kept) if shown in self.results}}
        try:
            self.path.parent.mkdir(exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# digest check's cache: never commit it\n*\n", encoding="utf-8")
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent,
                                             delete=False, suffix=".tmp") as handle:
                json.dump(data, handle, separators=(",", ":"))
            os.replace(handle.name, self.path)
        except OSError:
            pass  # a read-only checkout just goes without a cache


def _entry_data(entry: Entry) -> dict:
    data = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
    data["date"] = entry.date.isoformat()
    data["updated"] = entry.updated.isoformat() if entry.updated else None
    data["tags"], data["aliases"] = list(entry.tags), list(entry.aliases)
    return data


def _entry(data: dict) -> Entry:
    known = {f.name for f in fields(Entry)}
    values = {name: data[name] for name in _ENTRY_FIELDS if name in known}
    values["date"] = datetime.fromisoformat(data["date"])
    values["updated"] = datetime.fromisoformat(data["updated"]) if data["updated"] else None
    values["tags"], values["aliases"] = tuple(data["tags"]), tuple(data["aliases"])
    return Entry(summary="", sources=(), whats_new="", context="", why_it_matters="", **values)
