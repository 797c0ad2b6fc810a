"""JSON Schemas of an entry's front matter and of the tag vocabulary, made from the
rules' own constants, for editors whose tools check YAML against a schema as they type.

``python -m generator.entries.schema DIR`` writes ``front-matter.schema.json``,
``tags.schema.json`` and ``authors.schema.json`` into DIR; the copies in ``.vscode/`` are kept equal to what this
module makes by ``tests/entries/test_schema.py``. The schema is a convenience: `digest
check` stays the judge (it also knows the vocabulary, the file name and the body).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.entries.rules.authors import AUTHOR_KEYS, MAX_NAME
from generator.entries.rules.front_matter import (
    CORRECTION_KEYS,
    IMAGE_KEYS,
    IMAGE_TEXT_LENGTH,
    IMAGE_TYPES,
    MAX_TAGS,
    NOTE_LENGTH,
    OPTIONAL,
    REQUIRED,
    SOURCE_KEYS,
    TITLE_LENGTH,
)
from generator.entries.rules.vocabulary import TAG_KEYS
from generator.entries.values import MAX_SLUG, MAX_YEAR, MIN_YEAR, SLUG

_SLUG = {"type": "string", "pattern": f"^{SLUG.pattern}$", "maxLength": MAX_SLUG}
_DATE = {"type": "string",
         "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?)?$",
         "description": f"YYYY-MM-DD or an ISO 8601 date-time, in years {MIN_YEAR} to {MAX_YEAR}"}
_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_LINE = {"type": "string", "pattern": r"^[^\n]*\S[^\n]*$"}
_HTTP_URL = {**_TEXT, "pattern": r"^https?://\S+$"}
# An https URL, or a relative path to an image file (the check also finds the file).
# (ECMA-262 patterns, as JSON Schema tools use, have no inline case-insensitive flag.)
_IMAGE_EXTENSIONS = "|".join(case(ext.removeprefix(".")) for ext in IMAGE_TYPES
                             for case in (str.lower, str.upper))
_IMAGE_SRC = {"anyOf": [
    {"type": "string", "pattern": r"^https://\S+$"},
    {"type": "string", "pattern": rf"^([A-Za-z0-9._-]+/)*[A-Za-z0-9][A-Za-z0-9._-]*\.({_IMAGE_EXTENSIONS})$"}]}


def front_matter_schema() -> dict:
    shortest, longest = TITLE_LENGTH
    properties = {
        "title": {"type": "string", "minLength": shortest, "maxLength": longest,
                  "pattern": r"^[^\n]*$", "description": "Plain text, one line."},
        "date": _DATE,
        "tags": {"type": "array", "items": _SLUG, "minItems": 1, "maxItems": MAX_TAGS,
                 "uniqueItems": True, "description": "Tag slugs defined in entries/tags.yml."},
        "summary": {**_TEXT, "description": "The lede: one paragraph."},
        "sources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["publisher", "url"], "additionalProperties": False,
            "properties": {key: ({**_TEXT, "pattern": r"^https?://\S+$"} if key == "url" else _TEXT)
                           for key in SOURCE_KEYS}}},
        "updated": _DATE,
        "draft": {"type": "boolean"},
        "id": _SLUG,
        "aliases": {"type": "array", "items": {"anyOf": [
            _SLUG, {"type": "string", "pattern": rf"^\d{{4}}/\d{{2}}/\d{{2}}/{SLUG.pattern}$"}]}},
        "authors": {"type": "array", "items": _SLUG, "minItems": 1, "uniqueItems": True,
                    "description": "Author slugs defined in entries/authors.yml."},
        "image": {"type": "object", "required": list(IMAGE_KEYS), "additionalProperties": False,
                  "properties": {"src": _IMAGE_SRC,
                                 **{key: {**_LINE, "maxLength": IMAGE_TEXT_LENGTH[key]}
                                    for key in IMAGE_KEYS if key != "src"}},
                  "description": "An https URL or an image file next to the entry, its alt "
                                 "text and its credit."},
        "corrections": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": list(CORRECTION_KEYS), "additionalProperties": False,
            "properties": {"date": _DATE, "note": {**_LINE, "maxLength": NOTE_LENGTH}}},
            "description": "Dated one-line notes, not before 'date'."},
    }
    assert set(properties) == set(REQUIRED + OPTIONAL), "a front matter key has no schema"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "News digest entry front matter", "type": "object",
            "required": list(REQUIRED), "additionalProperties": False,
            "properties": {key: properties[key] for key in REQUIRED + OPTIONAL}}


def tags_schema() -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "News digest tag vocabulary (entries/tags.yml)", "type": "object",
            "propertyNames": _SLUG,
            "additionalProperties": {"type": "object", "required": list(TAG_KEYS),
                                     "additionalProperties": False,
                                     "properties": {key: _TEXT for key in TAG_KEYS}}}


def authors_schema() -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "News digest author vocabulary (entries/authors.yml)", "type": "object",
            "propertyNames": _SLUG,
            "additionalProperties": {"type": "object", "required": ["name"],
                                     "additionalProperties": False,
                                     "properties": {"name": {**_LINE, "maxLength": MAX_NAME},
                                                    "url": _HTTP_URL}}}


assert AUTHOR_KEYS == ("name", "url"), "an author key has no schema"

SCHEMAS = {"front-matter.schema.json": front_matter_schema, "tags.schema.json": tags_schema,
           "authors.schema.json": authors_schema}


def text(make) -> str:
    return json.dumps(make(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else ".vscode")
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in SCHEMAS.items():
        (folder / name).write_text(text(make), encoding="utf-8")
        print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
