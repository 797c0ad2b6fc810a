"""``digest check``: validate entries and report every problem, located."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.ci.markdown_report import markdown_report
from generator.cli.changed_files import GitError, changes
from generator.cli.common import project
from generator.cli.selection import Selection, select
from generator.clock import ClockError, build_now
from generator.diagnostics import has_errors, one_line, sort_key, summary, to_json
from generator.entries.history import check_history, deleted_entries, edited_entries, shared_changes
from generator.entries.loader import check

FORMATS = ("text", "github", "json", "markdown")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="check entries (default: all)",
        description="Check entries. Exit status: 0 valid, 1 errors found, 2 usage error.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="entry files or folders to report on "
                             "(cross-file rules still see all entries)")
    parser.add_argument("--changed-since", metavar="REF",
                        help="report only entries changed since the merge base with REF "
                             "(committed, modified or untracked), plus cross-file problems "
                             "they take part in")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), github (Actions annotations), json, "
                             "or markdown (a summary table)")
    parser.add_argument("--summary", metavar="FILE", type=Path,
                        help="also append the Markdown summary to FILE "
                             "(e.g. \"$GITHUB_STEP_SUMMARY\")")
    parser.add_argument("--json", metavar="FILE", type=Path, dest="json_file",
                        help="also write the diagnostics and the file count as JSON to FILE "
                             "(what the pull-request comment is made from)")
    parser.add_argument("--no-cache", action="store_true",
                        help="check every file afresh, without reading or writing "
                             ".digest-cache/ (results of unchanged files are reused otherwise)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from generator.cli import UsageError

    root, settings = project(args)
    only: list[Path] | None = None
    deleted, edited = [], []
    if args.paths or args.changed_since:
        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            raise UsageError(f"no such file: {', '.join(missing)}")
        chosen = select([Path(p) for p in args.paths], root, settings)
        for path in chosen.skipped:
            print(f"note: {path} is not an entry file; not checked", file=sys.stderr)
        if args.changed_since:
            try:
                found = changes(root, args.changed_since)
            except GitError as error:
                raise UsageError(f"--changed-since: {error}") from error
            shared = shared_changes(found, root, settings)
            if shared:
                # Every entry depends on these: an entry nobody touched can break.
                more = f" and {len(shared) - 1} more" if len(shared) > 1 else ""
                print(f"note: {one_line(shared[0])}{more} changed, which every entry depends on; "
                      "checking every entry", file=sys.stderr)
                chosen = Selection(None, chosen.skipped)
            else:
                # Other changed files (code, docs) are not this command's business: no note.
                chosen = chosen.union(select(found.existing, root, settings))
            deleted = deleted_entries(found, root, settings)
            edited = edited_entries(found, root, settings)
        only = chosen.files
    result = check(root, settings, only, cache=not args.no_cache)
    diagnostics = list(result.diagnostics)
    if deleted or edited:
        try:
            now = build_now()
        except ClockError as error:
            raise UsageError(str(error)) from error
        diagnostics = sorted(diagnostics + check_history(deleted, result.entries, now, edited),
                             key=sort_key)
    report = summary(diagnostics, result.files)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as handle:
            handle.write(markdown_report(diagnostics, report, settings.site_url))
    if args.json_file:
        args.json_file.write_text(json.dumps({"files": result.files, "diagnostics": json.loads(
            to_json(diagnostics))}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.format == "json":
        print(to_json(diagnostics))
    elif args.format == "markdown":
        print(markdown_report(diagnostics, report, settings.site_url), end="")
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format_github(settings.site_url) if args.format == "github"
                  else diagnostic.format(settings.site_url))
        print(report, file=sys.stderr)
    return 1 if has_errors(diagnostics) else 0
