"""``digest import-feed``: draft entries from the new items of a source feed."""

from __future__ import annotations

import argparse
import sys
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from generator import __version__
from generator.authoring.entry_file import write_new
from generator.authoring.feed_fetch import STATE_FILE, FeedState, FetchError, fetch, is_url
from generator.authoring.import_feed import (
    Options,
    SourceFeedError,
    known_links,
    parse_feed,
    plan_drafts,
    slugs_of,
)
from generator.cli.common import project
from generator.entries.loader import discover
from generator.entries.rules.vocabulary import load_vocabulary
from generator.text import did_you_mean


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import-feed", help="draft entries from a source feed (RSS or Atom)",
        description="Write one draft entry (draft: true) per new item of FEED, a file or an "
                    "http(s) URL. Items whose link is already a source of an entry are "
                    "skipped. The drafts' summary and sections are TODO placeholders that "
                    "fail 'digest check' until written. Never overwrites a file.")
    parser.add_argument("feed", metavar="FEED", help="feed file path or http(s) URL")
    parser.add_argument("--since", metavar="DATE", type=_day,
                        help="skip items dated before DATE (YYYY-MM-DD)")
    parser.add_argument("--limit", metavar="N", type=_count,
                        help="draft at most N items (the first N new ones in feed order)")
    parser.add_argument("--tag", action="append", default=[], metavar="T",
                        help="tag for every draft (repeatable); default: vocabulary tags "
                             "found in each item's text")
    parser.set_defaults(run=run)


def _day(text: str) -> Date:
    try:
        return Date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text}") from error


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text}")
    return int(text)


def run(args) -> int:
    from generator.cli import UsageError

    root, settings = project(args)
    entries_dir = root / settings.entries_dir
    vocabulary, _ = load_vocabulary(entries_dir / "tags.yml", "tags.yml") \
        if (entries_dir / "tags.yml").is_file() else ({}, [])
    for tag in args.tag:
        if tag not in vocabulary:
            close = did_you_mean(tag, vocabulary)
            hint = f" ({close})" if close else ""
            raise UsageError(f"--tag {tag}: not in {settings.entries_dir}/tags.yml{hint}")
    if "://" in args.feed and not is_url(args.feed):
        raise UsageError(f"{args.feed}: only http(s) URLs and file paths are supported")
    if not is_url(args.feed) and not Path(args.feed).exists():
        raise UsageError(f"no such feed file: {args.feed}")

    state = FeedState(root / STATE_FILE) if is_url(args.feed) else None
    agent = f"news-digest/{__version__}" + (f" (+{settings.site_url})" if settings.site_url else "")
    try:
        fetched = fetch(args.feed, state.validators(args.feed) if state else None,
                        user_agent=agent)
    except FetchError as error:
        return _fail(f"cannot fetch the feed: {error}")
    if fetched.not_modified:
        print(f"{args.feed}: not modified since the last import; nothing to do", file=sys.stderr)
        return 0
    try:
        feed = parse_feed(fetched.data, fetched.content_type, fetched.location)
    except SourceFeedError as error:
        return _fail(f"{args.feed}: {error}")
    if feed.problem:
        print(f"{args.feed}: note: the feed is not well-formed ({feed.problem}); "
              "read what could be read", file=sys.stderr)

    files = discover(entries_dir) if entries_dir.is_dir() else []
    host = urlsplit(args.feed).hostname if is_url(args.feed) else None
    plan = plan_drafts(
        feed, Options(tuple(args.tag), args.since, args.limit), entries_dir=entries_dir,
        known=known_links(files, root), taken_slugs=slugs_of(files), vocabulary=vocabulary,
        tz=settings.tz, publisher_fallback=host or Path(args.feed).stem,
        today=datetime.now(settings.tz).date(), site_url=settings.site_url)

    written = 0
    for draft in plan.drafts:
        shown = draft.path.relative_to(root).as_posix()
        try:
            write_new(draft.path, draft.text)
        except FileExistsError:
            print(f"skipped {draft.item.title!r}: {shown} already exists", file=sys.stderr)
            continue
        written += 1
        print(shown)
        for note in draft.notes:
            print(f"  {shown}: {note}", file=sys.stderr)
    for item, reason in plan.skipped:
        print(f"skipped {item.title or item.link or 'an untitled item'!r}: {reason}",
              file=sys.stderr)
    if plan.limited:
        print(f"{plan.limited} more new item(s) left for a later run by --limit", file=sys.stderr)
    # Remember the validators only when every new item was handled: otherwise a 304 on
    # the next run would hide the items --limit left out.
    if state is not None and not plan.limited:
        state.remember(args.feed, fetched)
        state.save()
    print(f"{written} draft(s) written, {len(plan.skipped)} item(s) skipped", file=sys.stderr)
    if written:
        print("Write each draft's summary and sections (every TODO), check the title, date and "
              "tags, set 'draft: false', then run 'digest check'.", file=sys.stderr)
    return 0


def _fail(message: str) -> int:
    print(f"digest import-feed: error: {message}; nothing was written", file=sys.stderr)
    return 1
