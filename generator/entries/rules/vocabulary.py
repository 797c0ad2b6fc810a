"""Rules for the tag vocabulary file, ``entries/tags.yml``."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar

import yaml

from generator.diagnostics import Diagnostic
from generator.entries.model import Author, Entry, Tag
from generator.entries.reader import STR, compose, read_text
from generator.entries.values import slug_problem

TAG_KEYS = ("name", "description")


def load_vocabulary(path, shown: str) -> tuple[dict[str, Tag], list[Diagnostic]]:
    """Read and check the vocabulary; tags with problems are left out."""
    return read_slug_mapping(path, shown, _tag, "tag", "E400",
                             "the vocabulary must map tag slugs to name and description")


Named = TypeVar("Named", Tag, Author)


def read_slug_mapping(path, shown: str,
                      read_item: Callable[[str, yaml.Node, yaml.Node], tuple[Named | None, list[Diagnostic]]],
                      kind: str, code: str, not_a_mapping: str, *,
                      empty_is_none: bool = False) -> tuple[dict[str, Named], list[Diagnostic]]:
    """A vocabulary file (tags.yml, authors.yml): a YAML mapping of slugs to their fields,
    each read by ``read_item``; items with problems are left out, a slug defined twice is
    ``code``. With ``empty_is_none``, an empty file is an empty vocabulary."""
    text, problems = read_text(path, shown)
    if text is None:
        return {}, problems
    node, problems = compose(text, shown, first_line=1)
    if problems:
        return {}, problems
    if node is None and empty_is_none:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 1 if node is not None and empty_is_none else 1
        return {}, [Diagnostic(shown, line, 1, code, not_a_mapping)]
    found: dict[str, Named] = {}
    for key, value in node.value:
        item, item_problems = read_item(shown, key, value)
        problems.extend(item_problems)
        if item is not None:
            if item.slug in found:
                problems.append(at_node(shown, key, code, f"{kind} '{item.slug}' is defined twice"))
            found[item.slug] = item
    return found, problems


def at_node(shown: str, node: yaml.Node, code: str, message: str, hint: str | None = None) -> Diagnostic:
    """A diagnostic of a vocabulary file at ``node``."""
    return Diagnostic(shown, node.start_mark.line + 1, node.start_mark.column + 1, code, message, hint)


def key_slug(shown: str, key: yaml.Node, kind: str, code: str) -> tuple[str | None, Diagnostic | None]:
    """The slug a vocabulary item is keyed by, or the ``code`` problem with it."""
    slug = key.value if isinstance(key, yaml.ScalarNode) else None
    problem = slug_problem(slug)
    if problem:
        text = str(slug) if len(str(slug)) <= 80 else str(slug)[:79] + "…"
        return None, at_node(shown, key, code, f"{kind} slug '{text}' {problem}")
    return slug, None


def _tag(shown: str, key: yaml.Node, value: yaml.Node) -> tuple[Tag | None, list[Diagnostic]]:
    slug, problem = key_slug(shown, key, "tag", "E401")
    if problem:
        return None, [problem]
    if not isinstance(value, yaml.MappingNode):
        return None, [at_node(shown, value, "E400", f"tag '{slug}' needs 'name' and 'description'")]
    fields = {}
    problems = []
    for k, v in value.value:
        name = getattr(k, "value", None)
        if name not in TAG_KEYS:
            problems.append(at_node(shown, k, "E400", f"unknown key '{name}' in tag '{slug}'"))
        elif not (isinstance(v, yaml.ScalarNode) and v.tag == STR and v.value.strip()):
            problems.append(at_node(shown, v, "E400", f"'{name}' of tag '{slug}' must be text"))
        else:
            fields[name] = v.value.strip()
    missing = [k for k in TAG_KEYS if k not in fields]
    if missing:
        problems.append(at_node(shown, key, "E400", f"tag '{slug}' is missing {', '.join(missing)}"))
        return None, problems
    return Tag(slug, fields["name"], fields["description"]), problems


def tag_usage(entries: Sequence[Entry]) -> Counter[str]:
    return Counter(tag for entry in entries for tag in entry.tags)


def check_vocabulary_use(tags: Mapping[str, Tag], entries: Sequence[Entry],
                         shown: str) -> Iterator[Diagnostic]:
    """Unused tags (W400) and near-duplicate tags (W401)."""
    usage = tag_usage(entries)
    slugs = sorted(tags)
    for slug in slugs:
        if not usage[slug]:
            yield Diagnostic(shown, 1, 1, "W400", f"tag '{slug}' is not used by any entry")
    for i, first in enumerate(slugs):
        for second in slugs[i + 1:]:
            a, b = first.replace("-", ""), second.replace("-", "")
            if a == b or a.rstrip("s") == b.rstrip("s") or \
                    difflib.SequenceMatcher(None, a, b).ratio() > 0.9:
                yield Diagnostic(shown, 1, 1, "W401",
                                 f"tags '{first}' and '{second}' look like near-duplicates")
