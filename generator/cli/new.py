"""``digest new``: write an entry scaffold whose placeholders fail the check until filled."""

from __future__ import annotations

import sys
from datetime import date as Date

from generator.authoring.entry_file import SECTION_TODOS, SUMMARY_TODO, entry_path, entry_text, write_new
from generator.cli.common import project
from generator.entries.values import parse_date, short_slug, slug_problem, slugify


def register(subparsers) -> None:
    parser = subparsers.add_parser("new", help="write a new entry scaffold",
                                   description="Write a new entry scaffold; never overwrites.")
    parser.add_argument("title")
    parser.add_argument("--tag", action="append", required=True, help="tag slug (repeatable)")
    parser.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")
    parser.add_argument("--source", action="append", default=[], help="source URL (repeatable)")
    parser.add_argument("--slug", help="slug (default: from the title)")
    # Only authors: an image or a correction has nothing to scaffold but placeholders.
    parser.add_argument("--author", action="append", default=[],
                        help="author slug from entries/authors.yml (repeatable)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from generator.cli import UsageError

    root, settings = project(args)
    day = args.date or Date.today().isoformat()
    try:
        Date.fromisoformat(day)
        parse_date(day, settings.tz)  # the range an entry's date has
    except ValueError as error:
        raise UsageError(f"--date: {error}") from error
    slug = args.slug or short_slug(slugify(args.title))
    if not slug:
        raise UsageError("the title gives an empty slug; pass --slug")
    if slug_problem(slug):
        raise UsageError(f"--slug: '{slug[:80]}' {slug_problem(slug)}")
    sources = args.source or ["https://TODO.example/source"]
    front = {
        "title": args.title,
        "date": day,
        "tags": args.tag,
        "summary": SUMMARY_TODO,
        "sources": [{"publisher": "TODO publisher", "url": url,
                     "quote": "TODO: the sentence from the source that backs the brief."}
                    for url in sources],
    }
    if args.author:
        front["authors"] = list(dict.fromkeys(args.author))
    path = entry_path(root / settings.entries_dir, day, slug)
    shown = path.relative_to(root).as_posix()
    try:
        write_new(path, entry_text(front, SECTION_TODOS))
    except FileExistsError:
        print(f"digest new: error: {shown} already exists; nothing was overwritten",
              file=sys.stderr)
        return 1
    print(shown)
    print("Fill in every TODO (summary, sources, the three sections), then run "
          f"'digest check {shown}'.", file=sys.stderr)
    return 0
