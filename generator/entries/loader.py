"""Read every entry file, run the rules, and build the immutable corpus.

This is the read -> validate -> model part of the pipeline; ``digest check``, the
MkDocs plugin and ``digest compile`` all start here.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic, Severity, has_errors, sort_key
from generator.editions.notes import NOTES_DIR, EditorNote, check_notes, note_files
from generator.entries.check_cache import CheckCache, file_digest, fingerprint
from generator.entries.markup import SECTION_KEYS, section_text
from generator.entries.model import Author, Corpus, Correction, Entry, Image, Source, Tag
from generator.entries.reader import MAX_BYTES, Document, front_and_body, read_text, split
from generator.entries.render import entry_html
from generator.entries.rules import body, corpus, front_matter
from generator.entries.rules.authors import AUTHORS_FILE, load_authors
from generator.entries.rules.context import EntryCheck, declares_draft
from generator.entries.rules.vocabulary import load_vocabulary
from generator.entries.values import ENTRY_NAME, MAX_SLUG, NOT_TEXT, is_slug, parse_date, slug_problem
from generator.memo import NO_MEMO, Memo
from generator.settings import Settings

VOCABULARY = "tags.yml"


@dataclass(frozen=True)
class LoadResult:
    corpus: Corpus
    diagnostics: tuple[Diagnostic, ...]  # sorted by path, line, column
    files: int
    drafts: frozenset[str] = frozenset()  # shown paths of files saying draft: true, valid or not

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def blocking(self) -> tuple[Diagnostic, ...]:
        """The errors that stop a build: a draft is never published, so its errors fail
        `digest check` but not the build."""
        return tuple(d for d in self.diagnostics
                     if d.severity is Severity.ERROR and d.path not in self.drafts)


# What an editor may mean as an entry: a Markdown or text file (also '.MD', 'x.md.txt',
# 'x.md~', 'x...md'), or a name that starts with a date. Such a file must be a valid
# entry name; it is never skipped in silence.
_MARKDOWN_LIKE = re.compile(r"\.(?:md|mdx|markdown|mdown|mkdn?|mdwn|mdtxt|mdtext)(?![a-z0-9])"
                            r"|\.(?:txt|text)$", re.IGNORECASE)
_DATED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Files that may sit next to entries without being one (an entry's images, say).
_ASSET = re.compile(r"\.(?:png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|pdf|mp3|mp4|webm|ogg)$",
                    re.IGNORECASE)
# A name of only dots and a Markdown extension ('...md') is not a hidden file.
_DOTS_ONLY = re.compile(r"\.*\.(?:md|markdown)", re.IGNORECASE)
# Markdown file extensions MkDocs publishes as pages.
_PUBLISHED_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Folders of a project that never hold its content, and how deep content can be.
_STRAY_DEPTH = 6
_NOT_CONTENT = frozenset({".venv", "venv", "site", "node_modules", ".git", "seeds", "tests",
                          "__pycache__", "build", "dist"})


def is_entry_name(name: str) -> bool:
    """A file below the entries folder that is (or should be) an entry: 'tags.yml',
    'README.md', names starting with '_' or '.' and other files (images) are not."""
    if name.startswith(("_", ".")):
        return _DOTS_ONLY.fullmatch(name) is not None
    if name in {VOCABULARY, "README.md"}:
        return False
    if _MARKDOWN_LIKE.search(name):
        return True
    return _DATED.match(name) is not None and not _ASSET.search(name)


def discover(entries_dir: Path, memo: Memo = NO_MEMO) -> list[Path]:
    """Entry files below ``entries_dir`` in a stable order, misnamed ones included (a
    folder listing the same names as in the last build gives the same path objects)."""
    found = []
    for folder, dirs, files in os.walk(entries_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", "."))
                         and not (d == NOTES_DIR and Path(folder) == entries_dir))  # notes
        found.extend(memo.call(("folder", folder), _entry_files, folder, tuple(files)))
    return found


def _entry_files(folder: str, names: tuple[str, ...]) -> list[Path]:
    return [Path(folder) / name for name in sorted(names) if is_entry_name(name)]


def stray_entries(root: Path, entries_dir: Path) -> list[Path]:
    """Entry-shaped files (``YYYY-MM-DD-*.md`` starting with '---') elsewhere in the
    project: MkDocs would publish one in ``docs/`` as a page no check has seen."""
    found = []
    depth = len(root.parts)
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [] if len(here.parts) - depth >= _STRAY_DEPTH else sorted(
            d for d in dirs if d not in _NOT_CONTENT and not d.startswith(".")
            and here / d != entries_dir and not (here / d / "pyvenv.cfg").exists())
        for name in sorted(files):
            if _DATED.match(name) and name.lower().endswith(_PUBLISHED_MARKDOWN) \
                    and _starts_with_front_matter(here / name):
                found.append(here / name)
    return found


def _starts_with_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(6).removeprefix(b"\xef\xbb\xbf").startswith(b"---")
    except OSError:
        return False


def load(root: Path, settings: Settings, only: Iterable[Path] | None = None,
         memo: Memo = NO_MEMO) -> LoadResult:
    """Load and check the whole corpus; with ``only``, report just those files' problems
    (and cross-file problems they take part in). ``memo`` (``digest serve``) gives back the
    last result of every file that was not written to since, the same ``Entry`` object."""
    root = root.resolve()

    drafts: set[str] = set()

    # The same objects as in the last build, so the memo compares them by identity alone.
    settings = memo.same("settings", settings)
    root = memo.same("root", root)

    def each_file(paths: list[Path], tags: dict[str, Tag], authors: dict[str, Author]) -> _Results:
        tags, authors = memo.same("tags", tags), memo.same("authors", authors)
        results = {}
        for path in paths:
            # Files that cannot be examined are read again: their error may be gone.
            signature = _signature(path) if memo is not NO_MEMO else None
            if signature is not None:
                entry, problems, draft, reread = memo.call(
                    ("file", path), _load_one, path, root, tags, authors, settings, signature)
            if signature is None or reread:
                entry, problems, draft, _ = _load_one(path, root, tags, authors, settings)
            results[path] = (entry, problems)
            if draft:
                drafts.add(_shown(path, root))
        return results

    tags, entries, diagnostics, files, notes = _pipeline(root, settings, only, each_file, memo)
    entries.sort(key=lambda e: (e.date, e.slug))
    return LoadResult(Corpus(tuple(entries), tags, notes), diagnostics, files, frozenset(drafts))


def _signature(path: Path) -> tuple[int, ...] | None:
    """What changes whenever a file is written, renamed over or relinked (an editor's save
    changes the modification and change times; a symlink's target is compared too)."""
    try:
        link, target = os.lstat(path), os.stat(path)
    except OSError:
        return None
    return (link.st_ino, link.st_mtime_ns, link.st_ctime_ns, target.st_dev, target.st_ino,
            target.st_size, target.st_mtime_ns, target.st_ctime_ns)


def _load_one(path: Path, root: Path, tags: dict[str, Tag], authors: dict[str, Author],
              settings: Settings, *_signature: object) -> tuple[Entry | None, list[Diagnostic], bool, bool]:
    """One file's entry, problems, whether it is a draft, and whether the result depends on
    another file too (an image next to it), so that a memo must not reuse it
    (``_signature``: what the memo compares besides the arguments, the file's state)."""
    entry, problems = load_entry(path, root, tags, settings, authors=authors)
    draft = entry.draft if entry is not None else has_errors(problems) and _declares_draft(path)
    image = entry.image if entry is not None else None
    other_file = (image is not None and image.file is not None) or any(p.code == "E182" for p in problems)
    return entry, problems, draft, other_file


def _declares_draft(path: Path) -> bool:
    """Whether a file that has errors says ``draft: true`` (False when its front matter
    cannot be read at all)."""
    text, _ = read_text(path, path.name)
    doc = split(text, path.name)[0] if text is not None else None
    return doc is not None and declares_draft(doc.front)


_Results = dict[Path, tuple[Entry | None, list[Diagnostic]]]
_EachFile = Callable[[list[Path], dict[str, Tag], dict[str, Author]], _Results]


def _pipeline(root: Path, settings: Settings, only: Iterable[Path] | None,
              each_file: _EachFile, memo: Memo = NO_MEMO,
              ) -> tuple[dict[str, Tag], list[Entry], tuple[Diagnostic, ...], int,
                         dict[str, EditorNote]]:
    """The one pipeline of ``load`` and ``check``: the vocabulary and the entry files
    (``_begin``), each file read and checked by ``each_file``, then the cross-file rules
    and the editor's notes (which name entries). Returns the tags, the valid entries in
    file order, the sorted diagnostics, the number of files reported on and the notes."""
    tags, diagnostics, paths = _begin(root, settings, memo)
    authors, author_problems = _authors(root, settings)
    diagnostics.extend(author_problems)
    results = each_file(paths, tags, authors)
    entries = []
    for path in paths:
        entry, problems = results[path]
        diagnostics.extend(problems)
        if entry is not None:
            entries.append(entry)
    note_paths = note_files(root / settings.entries_dir / NOTES_DIR)
    notes, note_problems = check_notes(note_paths, {p: _shown(p, root) for p in note_paths},
                                       settings, entries)
    diagnostics.extend(note_problems)
    diagnostics, files = _cross_files(root, entries, diagnostics, [*paths, *note_paths], only)
    return tags, entries, tuple(sorted(diagnostics, key=sort_key)), files, notes


@dataclass(frozen=True)
class CheckResult:
    diagnostics: tuple[Diagnostic, ...]  # sorted by path, line, column
    files: int
    entries: tuple[Entry, ...] = ()  # every valid entry, without its texts

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


# Below this many entry files, starting worker processes costs more than it saves.
PARALLEL_FROM = 2000


def check(root: Path, settings: Settings, only: Iterable[Path] | None = None,
          workers: int | None = None, parallel_from: int = PARALLEL_FROM,
          cache: bool = True) -> CheckResult:
    """What ``load`` reports, without keeping the corpus.

    Unchanged files reuse their last result (``check_cache``); the others are checked by
    several processes for large corpora (one per core by default), each returning only
    its diagnostics and the text-less entries the cross-file rules need. With ``only``,
    the other files are read for their front matter alone: the cross-file rules need
    nothing else, and their own problems are not reported.
    """
    root = root.resolve()
    wanted = None if only is None else {_shown(_absolute(p), root) for p in only}

    def each_file(paths: list[Path], tags: dict[str, Tag], authors: dict[str, Author]) -> _Results:
        store = CheckCache(root, fingerprint(settings, tags, authors)) if cache else None
        results: _Results = {}
        todo: dict[Path, tuple[str, str | None]] = {}  # path -> (shown, sha256) to check
        for path in paths:
            shown = _shown(path, root)
            sha = file_digest(path, MAX_BYTES) if store is not None and not path.is_symlink() else None
            hit = store.get(shown, sha) if store is not None and sha else None
            if hit is not None:
                results[path] = hit
            else:
                todo[path] = (shown, sha)
        whole = [path for path, (shown, _) in todo.items() if wanted is None or shown in wanted]
        front_only = [path for path, (shown, _) in todo.items() if wanted is not None and shown not in wanted]
        results.update(_check_in_workers(whole, root, tags, settings, True, workers, parallel_from,
                                         authors))
        results.update(_check_in_workers(front_only, root, tags, settings, False, workers,
                                         parallel_from, authors))
        if store is not None:
            for path in whole:
                shown, sha = todo[path]
                if sha and not _uses_image_file(results[path]):
                    store.put(shown, sha, results[path])
            store.save({_shown(path, root) for path in paths})
        return results

    _tags, entries, diagnostics, files, _notes = _pipeline(root, settings, only, each_file)
    return CheckResult(diagnostics, files, tuple(entries))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _uses_image_file(result: tuple[Entry | None, list[Diagnostic]]) -> bool:
    """Whether a result depends on an image file besides the entry's own (then it is not
    cached: the image can appear or vanish while the entry stays the same)."""
    entry, problems = result
    return (entry is not None and entry.image is not None and entry.image.file is not None) \
        or any(problem.code == "E182" for problem in problems)


def _check_in_workers(paths: list[Path], root: Path, tags: dict[str, Tag], settings: Settings,
                      with_body: bool, workers: int | None, parallel_from: int,
                      authors: dict[str, Author] | None = None,
                      ) -> dict[Path, tuple[Entry | None, list[Diagnostic]]]:
    workers = workers or _cores()
    if workers < 2 or len(paths) < parallel_from or "fork" not in mp.get_all_start_methods():
        return dict(zip(paths, _check_files(paths, root, tags, settings, with_body, authors),
                        strict=True))
    chunks = [paths[i::workers] for i in range(workers)]
    # fork: the workers start with everything imported and read nothing back but results.
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        parts = pool.map(partial(_check_files, root=root, tags=tags, settings=settings,
                                 with_body=with_body, authors=authors), chunks)
        return {path: result for chunk, part in zip(chunks, parts, strict=True)
                for path, result in zip(chunk, part, strict=True)}


def _check_files(paths: list[Path], root: Path, tags: dict[str, Tag], settings: Settings,
                 with_body: bool = True, authors: dict[str, Author] | None = None,
                 ) -> list[tuple[Entry | None, list[Diagnostic]]]:
    """Check files; entries come back without their texts, which only rendering needs."""
    results = []
    for path in paths:
        entry, problems = load_entry(path, root, tags, settings, render=False, with_body=with_body,
                                     authors=authors)
        if entry is not None:
            entry = replace(entry, summary="", whats_new="", context="", why_it_matters="",
                            sources=())
        results.append((entry, problems))
    return results


def _begin(root: Path, settings: Settings,
           memo: Memo = NO_MEMO) -> tuple[dict[str, Tag], list[Diagnostic], list[Path]]:
    """The tag vocabulary, its problems and those of files outside the entries folder,
    and the entry files to read."""
    entries_dir = root / settings.entries_dir
    vocabulary_path = entries_dir / VOCABULARY
    shown_vocabulary = _shown(vocabulary_path, root)
    if vocabulary_path.is_symlink() and not vocabulary_path.resolve().is_relative_to(root):
        tags, diagnostics = {}, [Diagnostic(shown_vocabulary, 1, 1, "E004",
                                            "symbolic link points outside the repository")]
    elif vocabulary_path.is_file():
        tags, diagnostics = load_vocabulary(vocabulary_path, shown_vocabulary)
    else:
        tags, diagnostics = {}, [Diagnostic(shown_vocabulary, 1, 1, "E400",
                                            "the tag vocabulary file is missing")]
    for path in stray_entries(root, entries_dir.resolve()):
        diagnostics.append(Diagnostic(
            _shown(path, root), 1, 1, "E011",
            f"entry file outside {settings.entries_dir}/ is not checked, and may be "
            "published as it is", f"move it into {settings.entries_dir}/"))
    paths = discover(entries_dir, memo) if entries_dir.is_dir() else []
    return tags, diagnostics, paths


def _authors(root: Path, settings: Settings) -> tuple[dict[str, Author], list[Diagnostic]]:
    """The author vocabulary and its problems; no file means no authors (an entry that
    names one gets E170)."""
    path = root / settings.entries_dir / AUTHORS_FILE
    shown = _shown(path, root)
    if path.is_symlink() and not path.resolve().is_relative_to(root):
        return {}, [Diagnostic(shown, 1, 1, "E004", "symbolic link points outside the repository")]
    if not path.is_file():
        return {}, []
    return load_authors(path, shown)


def _cross_files(root: Path, entries: list[Entry], diagnostics: list[Diagnostic],
                 paths: list[Path], only: Iterable[Path] | None) -> tuple[list[Diagnostic], int]:
    """Add what crosses files; with ``only``, keep just those files' problems."""
    if only is None:
        for rule in corpus.RULES:
            diagnostics.extend(rule(entries))
        return diagnostics, len(paths) + 1
    wanted = {_shown(_absolute(p), root) for p in only}
    kept = [d for d in diagnostics if d.path in wanted]
    kept.extend(_cross_file(entries, wanted))
    return kept, len(wanted)


def _cross_file(entries: list[Entry], wanted: set[str]) -> list[Diagnostic]:
    """Cross-file problems that ``wanted`` files take part in (the corpus rules report
    every side of a clash, so filtering by path is enough)."""
    return [d for rule in corpus.RULES for d in rule(entries) if d.path in wanted]


def _absolute(path: str | os.PathLike[str]) -> Path:
    """An absolute path whose folders are resolved but whose file is not: a symlinked entry
    keeps the name it is discovered under."""
    path = Path(path).absolute()
    return path.parent.resolve() / path.name


def _shown(path: Path, root: Path) -> str:
    """The path as diagnostics show it: relative to the project root, with slashes."""
    text, prefix = str(path), str(root) + os.sep
    # String slicing, not Path.relative_to: this runs once per entry (10,000 entries).
    shown = text[len(prefix):] if text.startswith(prefix) else text
    if NOT_TEXT.search(shown):  # never print a file name's control characters as they are
        shown = NOT_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", shown)
    return shown.replace(os.sep, "/")


def load_entry(path: Path, root: Path, tags: dict[str, Tag], settings: Settings,
               render: bool = True, with_body: bool = True, *,
               authors: Mapping[str, Author] | None = None) -> tuple[Entry | None, list[Diagnostic]]:
    """Read, check and build one entry (with its HTML unless ``render`` is false; with
    the front matter alone when ``with_body`` is false); None when it has errors."""
    shown = _shown(path, root)
    if path.is_symlink() and not path.resolve().is_relative_to(root):
        return None, [Diagnostic(shown, 1, 1, "E004",
                                 "symbolic link points outside the repository")]
    if not path.name.endswith(".md"):  # misnamed ('.MD', '.markdown'...): never read
        return None, _name_problems(path.name, shown)
    text, read_problems = read_text(path, shown)
    if text is None:
        return None, _name_problems(path.name, shown) + read_problems
    return entry_from_text(text, shown, path.name, tags, settings, render, with_body,
                           authors=authors, folder=path.parent,
                           entries_root=root / settings.entries_dir)


def _date_and_slug(name: str) -> tuple[str, str] | None:
    """(date, slug) from a ``YYYY-MM-DD-slug.md`` file name; None when it is not one."""
    match = ENTRY_NAME.fullmatch(name)
    return (match.group(1), match.group(2)) if match and is_slug(match.group(2)) else None


def _name_problems(name: str, shown: str) -> list[Diagnostic]:
    if _date_and_slug(name):
        return []
    shown_name = ascii(name)[1:-1] if not name.isprintable() else name
    match = ENTRY_NAME.fullmatch(name)
    if match and len(match.group(2)) > MAX_SLUG and slug_problem(match.group(2)):
        return [Diagnostic(shown, 1, 1, "E010",
                           f"file name '{shown_name}': the slug is longer than {MAX_SLUG} "
                           f"characters ({len(match.group(2))})",
                           "shorten the slug; an earlier slug can stay in 'aliases'")]
    return [Diagnostic(shown, 1, 1, "E010",
                       f"file name '{shown_name}' is not YYYY-MM-DD-slug.md",
                       "the slug is lowercase letters, digits and single hyphens, and the "
                       "name ends in '.md'; names starting with '_' are not entries")]


def entry_from_text(text: str, shown: str, name: str, tags: dict[str, Tag], settings: Settings,
                    render: bool = True, with_body: bool = True, *,
                    authors: Mapping[str, Author] | None = None, folder: Path | None = None,
                    entries_root: Path | None = None) -> tuple[Entry | None, list[Diagnostic]]:
    """Check one entry's text as if it were the file ``name``; build it when valid.
    ``with_body=False`` checks the front matter alone and leaves the texts empty.
    ``folder`` and ``entries_root`` (on disk) let the check find an image file next to
    the entry; without them only the image path's form is checked."""
    authors = authors or {}
    parts = _date_and_slug(name)
    problems = [] if parts else _name_problems(name, shown)
    name_date, name_slug = parts or (None, None)
    doc, split_problems = split(text, shown)
    if doc is None:
        # A front matter mistake must not hide the body's: check it all the same.
        found = front_and_body(text) if with_body else None
        if found is not None:
            body_only = Document(shown, yaml.MappingNode("tag:yaml.org,2002:map", []), 2,
                                 found.body, found.body_line, found.front_source)
            check = EntryCheck(body_only, {}, tags, settings, name_date, name_slug)
            split_problems += [p for rule in body.RULES for p in rule(check)]
        return None, problems + split_problems
    fields, key_problems = front_matter.mapping_fields(doc.at, doc.front, front_matter.KNOWN,
                                                       "the front matter")
    problems.extend(key_problems)
    check = EntryCheck(doc, fields, tags, settings, name_date, name_slug, authors, folder,
                       entries_root)
    for rule in front_matter.RULES + (body.RULES if with_body else ()):
        problems.extend(rule(check))
    if has_errors(problems) or name_slug is None:
        return None, problems
    return build_entry(doc, fields, check, name_slug, render and with_body, with_body), problems


def build_entry(doc: Document, fields: dict, check: EntryCheck, slug: str,
                render: bool = True, with_body: bool = True) -> Entry:
    """The model of a valid entry (every rule has passed, so values are well-formed)."""

    def value(name: str) -> yaml.Node | None:
        return fields[name][1] if name in fields else None

    def text(name: str) -> str | None:
        node = value(name)
        return node.value.strip() if node is not None else None

    def sources() -> tuple[Source, ...]:
        out = []
        for item in value("sources").value:
            data = {k.value: v.value.strip() for k, v in item.value}
            out.append(Source(data["publisher"], data["url"], data.get("title"),
                              data.get("quote")))
        return tuple(out)

    body = check.outline if with_body else None
    sections = {s.key: section_text(body.parsed, s) for s in body.sections} if body else {}
    updated = text("updated")
    aliases = value("aliases")
    authors = value("authors")
    return Entry(
        path=doc.path,
        slug=slug,
        title=" ".join(text("title").split()),
        date=parse_date(text("date"), check.settings.tz),
        tags=tuple(item.value for item in value("tags").value),
        summary=text("summary"),
        sources=sources(),
        whats_new=sections.get(SECTION_KEYS[0], ""),
        context=sections.get(SECTION_KEYS[1], ""),
        why_it_matters=sections.get(SECTION_KEYS[2], ""),
        updated=parse_date(updated, check.settings.tz) if updated else None,
        draft=check.is_draft,
        id=text("id"),
        aliases=tuple(item.value for item in aliases.value) if aliases is not None else (),
        authors=tuple(check.authors[item.value] for item in authors.value) if authors is not None else (),
        image=_image(value("image"), doc.path),
        corrections=_corrections(value("corrections"), check),
        html=entry_html(body, check.summary) if render and body and check.summary else None,
    )


def _image(node: yaml.Node | None, entry_path: str) -> Image | None:
    """The model of a valid ``image``; a relative ``src`` is a file next to the entry."""
    if node is None:
        return None
    data = {key.value: value.value.strip() for key, value in node.value}
    src = data["src"]
    local = "://" not in src
    file = posixpath.normpath(posixpath.join(posixpath.dirname(entry_path), src)) if local else None
    return Image(src, " ".join(data["alt"].split()), " ".join(data["credit"].split()), file)


def _corrections(node: yaml.Node | None, check: EntryCheck) -> tuple[Correction, ...]:
    if node is None:
        return ()
    out = []
    for item in node.value:
        data = {key.value: value.value.strip() for key, value in item.value}
        out.append(Correction(parse_date(data["date"], check.settings.tz), " ".join(data["note"].split())))
    return tuple(out)
