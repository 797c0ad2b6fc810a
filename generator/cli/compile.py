"""``digest compile OUT_DIR``: the site's pages as a plain docs tree, without MkDocs.

Markdown files with YAML front matter and an HTML body, plus redirect pages and feeds:
what the MkDocs plugin hands to MkDocs, for any other engine to build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.cli.common import project
from generator.diagnostics import summary
from generator.entries.loader import load


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "compile", help="write the generated pages as a plain docs tree",
        description="Write every generated page (Markdown with front matter and an HTML body), "
                    "redirect page and feed below OUT_DIR. Refuses a non-empty folder unless "
                    "an earlier 'digest compile' wrote it.")
    parser.add_argument("out_dir", metavar="OUT_DIR")
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here: rendering and feeds are not needed by the other commands (digest check
    # starts faster without them).
    from generator.cli import UsageError
    from generator.clock import ClockError
    from generator.compile import CompileError, build_now, compile_site
    from generator.compile.write import OutputError, write_tree
    from generator.feeds import FeedError

    root, settings = project(args, site=True)
    result = load(root, settings)
    for diagnostic in result.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if result.blocking:  # a draft's errors do not stop it: drafts are not published
        print(summary(list(result.diagnostics), result.files), file=sys.stderr)
        return 1
    try:
        site = compile_site(result.corpus, settings, build_now())
    except (ClockError, CompileError, FeedError) as error:
        print(f"digest compile: error: {error}", file=sys.stderr)
        return 1
    out_dir = Path(args.out_dir)
    try:
        count = write_tree(site, out_dir, root)
    except OutputError as error:
        raise UsageError(str(error)) from error
    # The search index, as the MkDocs build writes it: the engine copies it to /search/.
    from generator.search import INDEX_DIR, handwritten_records, write_search_index
    from generator.settings import CONFIG, docs_dir
    try:
        write_search_index(out_dir, [*site.search, *handwritten_records(root / docs_dir(root / CONFIG))])
    except OSError as error:
        raise UsageError(f"{out_dir / INDEX_DIR}: {error}") from error
    print(f"digest compile: wrote {count} files and the search index to {out_dir}", file=sys.stderr)
    return 0
