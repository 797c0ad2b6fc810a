"""Rules for the YAML front matter of one entry."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from urllib.parse import urlsplit

import yaml

from generator.diagnostics import Diagnostic
from generator.entries.markup import PLACEHOLDER, title_markup
from generator.entries.model import Author, Tag, is_dated_alias
from generator.entries.reader import STR, TIMESTAMP, scalar_value
from generator.entries.rules.context import EntryCheck, value_position
from generator.entries.rules.inline import check_markup
from generator.entries.values import is_http_url, parse_date, slug_problem
from generator.text import did_you_mean

REQUIRED = ("title", "date", "tags", "summary", "sources")
OPTIONAL = ("updated", "draft", "id", "aliases", "authors", "image", "corrections")
KNOWN = REQUIRED + OPTIONAL
SOURCE_KEYS = ("publisher", "url", "title", "quote")
MAX_TAGS = 8
TITLE_LENGTH = (10, 200)
IMAGE_KEYS = ("src", "alt", "credit")
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")
# Alt text and credit are shown on the page and in feeds as one line each.
IMAGE_TEXT_LENGTH = {"alt": 300, "credit": 200}
# An image file becomes a file of the entry's folder of the site: a name that needs no
# escaping in a URL and cannot be mistaken for a page.
_IMAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
CORRECTION_KEYS = ("date", "note")
NOTE_LENGTH = 500
_DATE_ONLY = re.compile(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*")


def mapping_fields(doc_at, node: yaml.MappingNode, known: tuple[str, ...],
                   where: str) -> tuple[dict[str, tuple[yaml.Node, yaml.Node]], list[Diagnostic]]:
    """Keys of a mapping node, reporting duplicates (E107) and unknown keys (E104)."""
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    problems: list[Diagnostic] = []
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name is None or name not in known:
            shown = name if name is not None else "(complex key)"
            problems.append(doc_at(key, "E104", f"unknown key '{shown}' in {where}",
                                   did_you_mean(str(shown), list(known))
                                   or "allowed keys: " + ", ".join(known)))
        elif name in fields:
            problems.append(doc_at(key, "E107", f"key '{name}' appears twice in {where}"))
        else:
            fields[name] = (key, value)
    return fields, problems


def _text(check: EntryCheck, name: str) -> tuple[yaml.Node, str] | None:
    """A field that must be a text scalar; None when absent or of the wrong type."""
    if name not in check.fields:
        return None
    _, node = check.fields[name]
    if isinstance(node, yaml.ScalarNode) and node.tag in (STR, TIMESTAMP):
        return node, node.value
    return None


def _sequence(check: EntryCheck, name: str) -> yaml.SequenceNode | None:
    """A field that must be a list; None when absent or of the wrong type (E106)."""
    node = check.fields[name][1] if name in check.fields else None
    return node if isinstance(node, yaml.SequenceNode) else None


def check_required(check: EntryCheck) -> Iterator[Diagnostic]:
    first = check.doc.front
    for name in REQUIRED:
        if name not in check.fields:
            yield check.at(first, "E105", f"required field '{name}' is missing")


def check_types(check: EntryCheck) -> Iterator[Diagnostic]:
    expected = {"title": "text", "summary": "text", "date": "date", "updated": "date",
                "id": "text", "tags": "list", "sources": "list", "aliases": "list",
                "draft": "true or false", "authors": "list", "image": "mapping",
                "corrections": "list"}
    for name, (_, node) in check.fields.items():
        kind = expected[name]
        ok = {
            "text": isinstance(node, yaml.ScalarNode) and node.tag == STR,
            "date": isinstance(node, yaml.ScalarNode) and node.tag in (STR, TIMESTAMP),
            "list": isinstance(node, yaml.SequenceNode),
            "mapping": isinstance(node, yaml.MappingNode),
            "true or false": isinstance(node, yaml.ScalarNode)
            and isinstance(scalar_value(node), bool),
        }[kind]
        if not ok:
            yield check.at(node, "E106", f"'{name}' must be {_article(kind)}{kind}")


def _article(kind: str) -> str:
    return {"text": "", "date": "a ", "list": "a ", "mapping": "a ", "true or false": ""}[kind]


def check_title(check: EntryCheck) -> Iterator[Diagnostic]:
    found = _text(check, "title")
    if found is None:
        return
    node, title = found
    shortest, longest = TITLE_LENGTH
    if "\n" in title.strip() or not shortest <= len(title.strip()) <= longest:
        yield check.at(node, "E110", f"title must be one line of {shortest} to {longest} characters "
                                     f"(it has {len(title.strip())})")
    markup = title_markup(title)
    if markup is not None:
        offset, what = markup
        line, col = value_position(check, node)
        yield check.line(line, col + offset, "E111",
                         f"title must be plain text: {what} is not allowed",
                         "titles are shown as written; remove the markup characters")
    todo = PLACEHOLDER.search(title)
    if todo:
        yield _at_text(check, node, todo.start(), check.unfinished("E214"),
                       "title still contains placeholder text")


def check_dates(check: EntryCheck) -> Iterator[Diagnostic]:
    parsed = {}
    for name in ("date", "updated"):
        found = _text(check, name)
        if found is None:
            continue
        node, value = found
        try:
            parsed[name] = parse_date(value, check.settings.tz)
        except ValueError as error:
            yield check.at(node, "E120", f"'{name}' is not a valid date: {error}")
    if "date" in parsed and check.name_date:
        local = parsed["date"].astimezone(check.settings.tz).date().isoformat()
        if local != check.name_date:
            node = check.fields["date"][1]
            yield check.at(node, "E121", f"date {local} does not match the file name's "
                                         f"date {check.name_date}")
    if "date" in parsed and "updated" in parsed and parsed["updated"] < parsed["date"]:
        yield check.at(check.fields["updated"][1], "E122",
                       "'updated' is earlier than 'date'")


def check_tags(check: EntryCheck) -> Iterator[Diagnostic]:
    node = _sequence(check, "tags")
    if node is None:
        return
    if not 1 <= len(node.value) <= MAX_TAGS:
        yield check.at(node, "E130", f"give 1 to {MAX_TAGS} tags (found {len(node.value)})")
    yield from _known_slugs(check, node, check.vocabulary, "tag", duplicate="E132", unknown="E131",
                            hint="see entries/tags.yml for the tag vocabulary")


def check_summary(check: EntryCheck) -> Iterator[Diagnostic]:
    found = _text(check, "summary")
    if found is None:
        return
    node, _ = found
    parsed = check.summary
    if parsed is None:
        return
    kinds = [token.type for token in parsed.tokens]
    if not kinds:
        yield check.at(node, check.unfinished("E140"), "summary is empty")
    elif kinds != ["paragraph_open", "inline", "paragraph_close"]:
        yield check.at(node, "E140", "summary must be one paragraph",
                       "a lede that starts like a list ('1. ', '- ') or a heading ('# ') is "
                       "not a paragraph: reword it or escape the character ('1\\.')")
    yield from check_markup(check, parsed)


def check_sources(check: EntryCheck) -> Iterator[Diagnostic]:
    node = _sequence(check, "sources")
    if node is None:
        return
    if not node.value:
        yield check.at(node, "E150", "list at least one source")
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            yield check.at(item, "E106", "each source must be a mapping with publisher and url")
            continue
        fields, problems = mapping_fields(check.at, item, SOURCE_KEYS, "a source")
        yield from problems
        for name in ("publisher", "url"):
            if name not in fields:
                yield check.at(item, "E151", f"source is missing '{name}'")
        for name, (_, value) in fields.items():
            if not (isinstance(value, yaml.ScalarNode) and value.tag == STR
                    and value.value.strip()):
                yield check.at(value, "E106", f"source '{name}' must be non-empty text")
            elif "\n" in value.value.strip() and name != "quote":
                yield check.at(value, "E106", f"source '{name}' must be one line")
            elif "TODO" in value.value and (todo := PLACEHOLDER.search(value.value)):
                yield _at_text(check, value, todo.start(), check.unfinished("E214"),
                               f"source '{name}' still contains placeholder text")
        url = fields.get("url")
        if (url and isinstance(url[1], yaml.ScalarNode) and url[1].tag == STR
                and not is_http_url(url[1].value.strip())):
            yield check.at(url[1], "E152", f"'{_shown(url[1].value)}' is not an absolute http(s) URL")
        if "quote" not in fields:
            yield check.at(item, "W100", "source has no quote")


def check_identity(check: EntryCheck) -> Iterator[Diagnostic]:
    found = _text(check, "id")
    problem = slug_problem(found[1]) if found else None
    if problem:
        yield check.at(found[0], "E160", f"id '{_shown(found[1])}' {problem}")
    aliases = _sequence(check, "aliases")
    if aliases is not None:
        for item in aliases.value:
            value = item.value if isinstance(item, yaml.ScalarNode) else None
            if is_dated_alias(value):
                own = f"{check.name_date.replace('-', '/')}/{check.name_slug}" if check.name_date else None
                problem = slug_problem(value.rsplit("/", 1)[1])
                if problem:
                    yield check.at(item, "E160", f"alias '{_shown(value)}': its slug {problem}")
                elif value == own:
                    yield check.at(item, "E160", f"alias '{value}' is the entry's own address")
                continue
            problem = slug_problem(value)
            if problem:
                if problem == "is not a slug":
                    problem += " or YYYY/MM/DD/slug"
                yield check.at(item, "E160", f"alias '{_shown(value)}' {problem}")
            elif value == check.name_slug:
                yield check.at(item, "E160", f"alias '{value}' is the entry's own slug")


def check_authors(check: EntryCheck) -> Iterator[Diagnostic]:
    """Author slugs from ``entries/authors.yml``, each once (E170, E171)."""
    node = _sequence(check, "authors")
    if node is None:
        return
    if not node.value:
        yield check.at(node, "E106", "'authors' must list at least one author (or be left out)")
    yield from _known_slugs(check, node, check.authors, "author", duplicate="E171", unknown="E170",
                            hint="add the author to entries/authors.yml (slug, 'name', optional "
                                 "'url') in the same pull request")


def _known_slugs(check: EntryCheck, node: yaml.SequenceNode, vocabulary: Mapping[str, Tag | Author],
                 kind: str, *, duplicate: str, unknown: str, hint: str) -> Iterator[Diagnostic]:
    """Each item of ``node`` a slug of ``vocabulary`` (tags.yml, authors.yml), listed once;
    an unknown one gets a 'did you mean' from the slugs or from the names."""
    seen: set[str] = set()
    known = sorted(vocabulary)
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag != STR:
            yield check.at(item, "E106", f"each {kind} must be {'an' if kind[0] in 'aeiou' else 'a'} "
                                         f"{kind} slug")
            continue
        slug = item.value
        if slug in seen:
            yield check.at(item, duplicate, f"{kind} '{_shown(slug)}' is listed twice")
        seen.add(slug)
        if slug not in vocabulary:
            by_name = [s for s, named in vocabulary.items() if named.name.lower() == slug.lower()]
            yield check.at(item, unknown, f"unknown {kind} '{_shown(slug)}'",
                           (f"did you mean '{by_name[0]}'?" if by_name else did_you_mean(slug, known))
                           or hint)


def check_image(check: EntryCheck) -> Iterator[Diagnostic]:
    """``image``: ``src`` (an https URL or a file next to the entry), ``alt`` and
    ``credit`` (E180 to E184)."""
    node = check.fields["image"][1] if "image" in check.fields else None
    if not isinstance(node, yaml.MappingNode):
        return
    fields, problems = mapping_fields(check.at, node, IMAGE_KEYS, "'image'")
    yield from problems
    for name in IMAGE_KEYS:
        if name not in fields:
            yield check.at(node, "E180", f"image is missing '{name}'",
                           "an image needs 'src', 'alt' (what it shows) and 'credit' (who made it)")
    for name, (_, value) in fields.items():
        if not (isinstance(value, yaml.ScalarNode) and value.tag == STR):
            yield check.at(value, "E106", f"image '{name}' must be text")
            continue
        text = value.value.strip()
        if not text:
            yield check.at(value, "E180", f"image '{name}' is empty")
        elif name == "src":
            yield from _image_src(check, value, text)
        elif "\n" in text or len(text) > IMAGE_TEXT_LENGTH[name]:
            yield check.at(value, "E184", f"image '{name}' must be one line of at most "
                                          f"{IMAGE_TEXT_LENGTH[name]} characters")
        elif "TODO" in text and (todo := PLACEHOLDER.search(value.value)):
            yield _at_text(check, value, todo.start(), check.unfinished("E214"),
                           f"image '{name}' still contains placeholder text")


def _image_src(check: EntryCheck, node: yaml.ScalarNode, src: str) -> Iterator[Diagnostic]:
    try:
        scheme = urlsplit(src).scheme.lower()
    except ValueError:
        scheme = "?"
    if scheme or src.startswith(("/", "\\")):
        if scheme != "https" or not is_http_url(src):
            yield check.at(node, "E181", f"image src '{_shown(src)}' is neither an https URL "
                                         "nor a file next to the entry",
                           "write https://... or the name of an image file in the entry's "
                           "folder, e.g. photo.jpg")
        return
    folders, _, name = src.rpartition("/")
    if "\\" in src or not _IMAGE_NAME.fullmatch(name) \
            or any(part in ("", ".") for part in folders.split("/") if folders):
        yield check.at(node, "E181", f"image file '{_shown(src)}' is not a plain relative path",
                       "a file name has letters, digits, '.', '_' and '-' (no spaces, '?' "
                       "or '#'), with '/' between folders")
        return
    if not name.lower().endswith(IMAGE_TYPES):
        yield check.at(node, "E183", f"image file '{_shown(name)}' is not an image the site "
                                     "publishes", "use " + ", ".join(IMAGE_TYPES))
        return
    entries = check.settings.entries_dir.strip("/")
    where = posixpath.normpath(posixpath.join(posixpath.dirname(check.doc.path), src))
    if not where.startswith(entries + "/"):
        yield check.at(node, "E182", f"image file '{_shown(src)}' is outside {entries}/")
        return
    if check.folder is None or check.entries_root is None:
        return  # checked without the file system (text alone): the form is all there is
    path = check.folder / src
    if not path.resolve().is_relative_to(check.entries_root.resolve()):
        yield check.at(node, "E182", f"image file '{_shown(src)}' leads outside {entries}/")
    elif not path.is_file():
        yield check.at(node, "E182", f"image file '{_shown(src)}' does not exist",
                       "put the image next to the entry, or correct its name (names are "
                       "case-sensitive)")


def check_corrections(check: EntryCheck) -> Iterator[Diagnostic]:
    """``corrections``: dated one-line notes, not before the entry (E190 to E193)."""
    node = _sequence(check, "corrections")
    if node is None:
        return
    if not node.value:
        yield check.at(node, "E190", "'corrections' must list at least one correction "
                                     "(or be left out)")
    published = _entry_date(check)
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            yield check.at(item, "E106", "each correction must be a mapping with date and note")
            continue
        fields, problems = mapping_fields(check.at, item, CORRECTION_KEYS, "a correction")
        yield from problems
        for name in CORRECTION_KEYS:
            if name not in fields:
                yield check.at(item, "E190", f"correction is missing '{name}'")
        if "date" in fields:
            yield from _correction_date(check, fields["date"][1], published)
        if "note" in fields:
            yield from _correction_note(check, fields["note"][1])


def _entry_date(check: EntryCheck):
    found = _text(check, "date")
    if found is None:
        return None
    try:
        return parse_date(found[1], check.settings.tz)
    except ValueError:
        return None


def _correction_date(check: EntryCheck, node: yaml.Node, published) -> Iterator[Diagnostic]:
    if not (isinstance(node, yaml.ScalarNode) and node.tag in (STR, TIMESTAMP)):
        yield check.at(node, "E106", "a correction's 'date' must be a date")
        return
    try:
        moment = parse_date(node.value, check.settings.tz)
    except ValueError as error:
        yield check.at(node, "E191", f"correction date is not a valid date: {error}")
        return
    if published is None:
        return
    # A correction dated by day only may fall on the entry's first day at any time.
    before = (moment.date() < published.astimezone(check.settings.tz).date()
              if _DATE_ONLY.fullmatch(node.value) else moment < published)
    if before:
        yield check.at(node, "E192", "correction is dated before the entry's 'date'")


def _correction_note(check: EntryCheck, node: yaml.Node) -> Iterator[Diagnostic]:
    if not (isinstance(node, yaml.ScalarNode) and node.tag == STR):
        yield check.at(node, "E106", "a correction's 'note' must be text")
        return
    text = node.value.strip()
    if not text:
        yield check.at(node, "E190", "correction note is empty")
    elif "\n" in text or len(text) > NOTE_LENGTH:
        yield check.at(node, "E193", f"correction note must be one line of at most "
                                     f"{NOTE_LENGTH} characters")
    elif "TODO" in text and (todo := PLACEHOLDER.search(node.value)):
        yield _at_text(check, node, todo.start(), check.unfinished("E214"),
                       "correction note still contains placeholder text")


def _at_text(check: EntryCheck, node: yaml.ScalarNode, offset: int, code: str,
             message: str) -> Diagnostic:
    """A diagnostic at a character of a scalar's text: exact on the value's first line
    (where the short values it is used for live), the value's start otherwise."""
    line, col = value_position(check, node)
    return check.line(line, col + offset if "\n" not in node.value[:offset] else col, code, message)


def _shown(value: object, limit: int = 80) -> str:
    """A value in a message, cut short when it is long."""
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


RULES = (check_required, check_types, check_title, check_dates, check_tags, check_summary,
         check_sources, check_identity, check_authors, check_image, check_corrections)
