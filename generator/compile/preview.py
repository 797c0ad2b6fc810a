"""What ``digest serve`` adds to the site it serves, and nothing else ever does.

``--drafts`` and ``--future`` show drafts and entries dated after now: their pages carry a
banner ("Draft", "Scheduled for DATE") and listings mark them, but no feed, search index,
sitemap or redirect ever holds them. The choice reaches the MkDocs plugin through the
environment variable :data:`ENV`, which only ``digest serve`` sets and which the plugin
reads only while MkDocs serves (never in ``mkdocs build`` or ``digest build``).

While serving, a broken entry does not stop the site: it is left out, and the page at
:data:`DIAGNOSTICS_URL` lists every diagnostic as ``digest check`` prints it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from generator.entries.model import Corpus, Entry
from generator.entries.render import template

ENV = "DIGEST_PREVIEW"
DIAGNOSTICS_URL = "_diagnostics/"
# Every served page loads this script; it shows a notice while STATUS_FILE counts errors.
NOTICE_SCRIPT = DIAGNOSTICS_URL + "notice.js"
STATUS_FILE = DIAGNOSTICS_URL + "status.json"


@dataclass(frozen=True, slots=True)
class Preview:
    """Which unpublished entries a served site shows besides the published ones."""

    drafts: bool = False
    future: bool = False

    def __bool__(self) -> bool:
        return self.drafts or self.future

    def shows(self, entry: Entry, now: datetime | None) -> bool:
        """An unpublished entry this preview shows (a draft with ``drafts``, whatever its
        date; an entry dated after ``now`` with ``future``)."""
        if entry.draft:
            return self.drafts
        return self.future and now is not None and entry.date > now

    def env_value(self) -> str:
        return ",".join(name for name in ("drafts", "future") if getattr(self, name))

    @classmethod
    def from_env(cls, value: str | None) -> Preview:
        """``drafts``, ``future`` or both (comma-separated); anything else is ignored."""
        words = {word.strip() for word in (value or "").split(",")}
        return cls(drafts="drafts" in words, future="future" in words)


NO_PREVIEW = Preview()


def status(entry: Entry, date_text: str) -> str:
    """The banner's words for an unpublished entry."""
    return "Draft" if entry.draft else f"Scheduled for {date_text}"


def previewed(corpus: Corpus, preview: Preview, now: datetime | None) -> tuple[Entry, ...]:
    """The unpublished entries ``preview`` adds to the site."""
    if not preview:
        return ()
    return tuple(entry for entry in corpus.entries if preview.shows(entry, now))


def without(corpus: Corpus, paths: set[str]) -> Corpus:
    """``corpus`` without the entries at ``paths`` (the broken ones, while serving)."""
    return Corpus(tuple(e for e in corpus.entries if e.path not in paths), corpus.tags, corpus.notes)


def notice_script() -> bytes:
    """The script behind :data:`NOTICE_SCRIPT`."""
    return (Path(__file__).parent.parent / "templates" / "diagnostics_notice.js").read_bytes()


def diagnostics_page(lines: Sequence[str], report: str, errors: int):
    """The page at :data:`DIAGNOSTICS_URL`: ``lines`` are the diagnostics exactly as
    ``digest check`` prints them (the template escapes them), ``report`` its summary."""
    from generator.compile.pages import CompiledPage, root_of

    body = template("page_diagnostics.html").render(lines=lines, report=report, errors=errors,
                                                    root=root_of(DIAGNOSTICS_URL))
    meta: Mapping[str, object] = MappingProxyType({
        "digest": {"kind": "diagnostics", "preview": "diagnostics"},
        "search": {"exclude": True}})
    return CompiledPage(f"{DIAGNOSTICS_URL}index.md", DIAGNOSTICS_URL, "Diagnostics",
                        "The problems digest check finds in the entries.", body, meta)
