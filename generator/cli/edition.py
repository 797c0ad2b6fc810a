"""``digest edition [ID]``: the newsletter of a closed edition as a MIME ``.eml`` file.

The message (multipart/alternative: ``email.txt`` then ``email.html``, UTF-8) is the one
the build publishes beside the edition's page; a newsletter service or mail client
imports or sends it. The project itself never sends mail.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.cli.common import project
from generator.diagnostics import summary
from generator.entries.loader import load
from generator.entries.model import Corpus
from generator.settings import Settings

if TYPE_CHECKING:
    from generator.editions.site import EditionsOutput

_KEY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "edition", help="write a closed edition's newsletter as a .eml file (never sends)",
        description="Write the newsletter of a closed edition (default: the latest) as a MIME "
                    ".eml file, multipart/alternative with a plain-text and an HTML part, for a "
                    "newsletter service or mail client to import. Nothing is sent.")
    parser.add_argument("edition", nargs="?", metavar="ID",
                        help="the edition's first day, YYYY-MM-DD (default: the latest closed)")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="the .eml file to write (default: edition-ID.eml in the current folder)")
    parser.add_argument("--files", metavar="DIR",
                        help="also copy the edition's email.html and email.txt into DIR")
    parser.add_argument("--from", dest="sender", metavar="ADDRESS",
                        help="a From header, e.g. 'Digest <news@example.org>' (default: none; "
                             "newsletter services set their own)")
    parser.add_argument("--if-any", action="store_true",
                        help="exit 0 without writing when no edition has closed yet")
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, as for digest compile: digest check starts faster without them.
    from generator.cli import UsageError
    from generator.clock import ClockError
    from generator.compile import CompileError, build_now
    from generator.editions.email import message
    from generator.feeds import FeedError

    if args.edition is not None and not _KEY.fullmatch(args.edition):
        raise UsageError(f"'{args.edition}' is not an edition id (YYYY-MM-DD, its first day)")
    root, settings = project(args, site=True)
    if settings.editions == "off":
        raise UsageError("editions are off in mkdocs.yml (plugins: digest: editions)")
    result = load(root, settings)
    if result.blocking:
        for diagnostic in result.blocking:
            print(diagnostic.format(), file=sys.stderr)
        print(summary(list(result.diagnostics), result.files), file=sys.stderr)
        return 1
    try:
        built = _editions(result.corpus, settings, build_now())
    except (ClockError, CompileError, FeedError) as error:
        print(f"digest edition: error: {error}", file=sys.stderr)
        return 1
    if not built.closed:
        print("digest edition: no edition has closed yet", file=sys.stderr)
        return 0 if args.if_any else 1
    by_key = {edition.key: edition for edition in built.closed}
    edition = by_key.get(args.edition or built.closed[0].key)
    if edition is None:
        latest = ", ".join(e.key for e in built.closed[:5])
        raise UsageError(f"no closed edition {args.edition}; the latest: {latest}")
    html = built.files[f"{edition.url}email.html"]
    text = built.files[f"{edition.url}email.txt"]
    host = urlsplit(settings.site_url or "").hostname or "localhost"
    data = message(edition, html, text, settings.site_name, host, args.sender)
    output = Path(args.output or f"edition-{edition.key}.eml")
    _write(output, data)
    if args.files:
        folder = Path(args.files)
        _write(folder / "email.html", html)
        _write(folder / "email.txt", text)
    print(f"digest edition: wrote {output} ({edition.key}); nothing was sent", file=sys.stderr)
    return 0


def _editions(corpus: Corpus, settings: Settings, now: datetime) -> EditionsOutput:
    """The editions as the site build makes them, from the same views (the other pages are
    not needed)."""
    from generator.compile.pages import _check_paths, _view
    from generator.editions.site import compile_editions
    from generator.entries.render import Renderer

    published = corpus.published(now)
    _check_paths(published, corpus.tags)
    rendered = Renderer().render_all(published)
    views = [_view(rendered[entry.slug], corpus.tags) for entry in published]
    return compile_editions(views, corpus.notes, settings, now)


def _write(path: Path, data: bytes) -> None:
    from generator.cli import UsageError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error}") from error
