"""``digest import``: turn raw briefs (the seed format) into entries."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.authoring.entry_file import entry_path, entry_text, write_new
from generator.authoring.import_seed import SeedError, find_date, find_tags, front_matter, parse_seed
from generator.cli.common import project
from generator.entries.loader import entry_from_text, load
from generator.entries.reader import read_text
from generator.entries.values import short_slug, slugify


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="convert raw briefs (seed format) into entries",
        description="Convert raw briefs into entries. Never overwrites an existing entry.")
    parser.add_argument("seeds", nargs="+", metavar="SEED")
    parser.add_argument("--date", help="entry date (default: from the lede or a source URL)")
    parser.add_argument("--tag", action="append", default=[], help="tag slug (repeatable)")
    parser.add_argument("--slug", help="entry slug (default: from the title)")
    parser.set_defaults(run=run)


def run(args) -> int:
    root, settings = project(args)
    existing = load(root, settings)
    tags = existing.corpus.tags
    slugs = {entry.slug for entry in existing.corpus.entries}
    failed = 0
    for seed in args.seeds:
        if not _import_one(Path(seed), args, root, settings, tags, slugs):
            failed += 1
    return 1 if failed else 0


def _import_one(seed: Path, args, root, settings, tags, slugs: set[str]) -> bool:
    def fail(line: int, message: str) -> bool:
        print(f"{seed}:{max(line, 1)}:1: error: {message}", file=sys.stderr)
        return False

    text, problems = read_text(seed, str(seed))
    if text is None:
        return fail(problems[0].line, problems[0].message)
    try:
        brief = parse_seed(text)
    except SeedError as error:
        return fail(error.line, str(error))
    date = args.date or find_date(brief)
    if not date:
        return fail(1, "no date found in the lede or source URLs; pass --date YYYY-MM-DD")
    chosen = list(args.tag) or find_tags(brief, tags)
    if not chosen:
        return fail(1, "no vocabulary tag found in the text; pass --tag SLUG")
    if not args.tag:
        print(f"{seed}: picked tags: {', '.join(chosen)}", file=sys.stderr)
    slug = args.slug or short_slug(slugify(brief.title))
    if slug in slugs:
        return fail(1, f"an entry with slug '{slug}' already exists; pass --slug")
    path = entry_path(root / settings.entries_dir, date[:10], slug)
    content = entry_text(front_matter(brief, date, chosen), brief.sections)
    shown = path.relative_to(root).as_posix()
    entry, problems = entry_from_text(content, shown, path.name, tags, settings)
    if entry is None:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        return fail(1, "the converted entry does not pass the check; nothing was written")
    try:
        write_new(path, content)
    except FileExistsError:
        return fail(1, f"{shown} already exists; nothing was overwritten")
    slugs.add(slug)
    print(shown)
    return True
