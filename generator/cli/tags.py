"""``digest tags``: the tag vocabulary with how often each tag is used."""

from __future__ import annotations

import json
import re
import sys

from generator.cli.common import project
from generator.diagnostics import Diagnostic
from generator.entries.loader import VOCABULARY, load
from generator.entries.rules.vocabulary import check_vocabulary_use, tag_usage


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "tags", help="list the tag vocabulary with a count per tag",
        description="List the tags of entries/tags.yml with the number of entries using each "
                    "(drafts included), and warn about unused (W400) and near-duplicate "
                    "(W401) tags. Exit status: 0, or 1 when the vocabulary itself has errors.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args) -> int:
    root, settings = project(args)
    result = load(root, settings)
    vocabulary_path = root / settings.entries_dir / VOCABULARY
    shown = vocabulary_path.relative_to(root).as_posix()
    tags = result.corpus.tags
    usage = tag_usage(result.corpus.entries)
    warnings = [_located(d, vocabulary_path) for d in
                check_vocabulary_use(tags, result.corpus.entries, shown)]
    vocabulary_errors = [d for d in result.diagnostics if d.path == shown]
    unchecked = len({d.path for d in result.diagnostics
                     if d.path != shown and d.severity.value == "error"})
    if args.format == "json":
        rows = [{"slug": t.slug, "name": t.name, "description": t.description,
                 "count": usage[t.slug]} for t in tags.values()]
        print(json.dumps({"tags": rows, "warnings": [d.format() for d in warnings]},
                         ensure_ascii=False, indent=2))
    else:
        width = max((len(slug) for slug in tags), default=4)
        for tag in sorted(tags.values(), key=lambda t: (-usage[t.slug], t.slug)):
            print(f"{usage[tag.slug]:5}  {tag.slug:<{width}}  {tag.name}: {tag.description}")
    for diagnostic in vocabulary_errors + warnings:
        print(diagnostic.format(), file=sys.stderr)
    if unchecked:
        print(f"note: {unchecked} entry file(s) with errors are not counted; run 'digest check'",
              file=sys.stderr)
    return 1 if any(d.severity.value == "error" for d in vocabulary_errors) else 0


def _located(diagnostic: Diagnostic, path) -> Diagnostic:
    """Point a vocabulary warning at the line that defines the (first) tag it names."""
    slug = re.search(r"'([a-z0-9-]+)'", diagnostic.message)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return diagnostic
    for number, line in enumerate(lines, start=1):
        if slug and re.match(rf"{re.escape(slug.group(1))}\s*:", line):
            return Diagnostic(diagnostic.path, number, 1, diagnostic.code, diagnostic.message,
                              diagnostic.hint)
    return diagnostic
