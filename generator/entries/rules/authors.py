"""Rules for the author vocabulary file, ``entries/authors.yml``: the tag vocabulary's
twin (``vocabulary.py``), mapping each author slug to a ``name`` and an optional ``url``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic
from generator.entries.model import Author
from generator.entries.reader import STR
from generator.entries.rules.vocabulary import at_node, key_slug, read_slug_mapping
from generator.entries.values import is_http_url

AUTHORS_FILE = "authors.yml"
AUTHOR_KEYS = ("name", "url")
MAX_NAME = 100


def load_authors(path: Path, shown: str) -> tuple[dict[str, Author], list[Diagnostic]]:
    """Read and check the author vocabulary; authors with problems are left out (an entry
    naming one then gets E170 as well, at its own line)."""
    return read_slug_mapping(path, shown, _author, "author", "E410",
                             "the author vocabulary must map author slugs to a name and an "
                             "optional url", empty_is_none=True)


def _author(shown: str, key: yaml.Node, value: yaml.Node) -> tuple[Author | None, list[Diagnostic]]:
    slug, problem = key_slug(shown, key, "author", "E411")
    if problem:
        return None, [problem]
    if not isinstance(value, yaml.MappingNode):
        return None, [at_node(shown, value, "E410", f"author '{slug}' needs a 'name'")]
    fields: dict[str, str] = {}
    problems = []
    for k, v in value.value:
        name = getattr(k, "value", None)
        if name not in AUTHOR_KEYS:
            problems.append(at_node(shown, k, "E410", f"unknown key '{name}' in author '{slug}'",
                                "an author has 'name' and, optionally, 'url'"))
        elif name in fields:
            problems.append(at_node(shown, k, "E410", f"key '{name}' appears twice in author '{slug}'"))
        elif not (isinstance(v, yaml.ScalarNode) and v.tag == STR and v.value.strip()):
            problems.append(at_node(shown, v, "E410", f"'{name}' of author '{slug}' must be text"))
        elif "\n" in v.value.strip() or (len(v.value.strip()) > MAX_NAME and name == "name"):
            problems.append(at_node(shown, v, "E410", f"'{name}' of author '{slug}' must be one line "
                                                  f"of at most {MAX_NAME} characters"))
        elif name == "url" and not is_http_url(v.value.strip()):
            problems.append(at_node(shown, v, "E412", f"url of author '{slug}' is not an absolute "
                                                  "http(s) URL"))
        else:
            fields[name] = v.value.strip()
    if "name" not in fields:
        if not any(getattr(k, "value", None) == "name" for k, _ in value.value):
            problems.append(at_node(shown, key, "E410", f"author '{slug}' is missing 'name'"))
        return None, problems
    if problems:
        return None, problems
    return Author(slug, fields["name"], fields.get("url")), problems
