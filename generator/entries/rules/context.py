"""What an entry rule looks at."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import yaml

from generator.diagnostics import Diagnostic
from generator.entries.markup import Outline, Parsed, outline, parse
from generator.entries.model import Author, Tag
from generator.entries.reader import STR, Document, scalar_value
from generator.settings import Settings

Field = tuple[yaml.Node, yaml.Node]  # (key node, value node)


@dataclass(frozen=True)
class EntryCheck:
    doc: Document
    fields: Mapping[str, Field]
    vocabulary: Mapping[str, Tag]
    settings: Settings
    name_date: str | None  # date from the file name, when it has one
    name_slug: str | None
    authors: Mapping[str, Author] = field(default_factory=lambda: MappingProxyType({}))
    # The entry's folder and the entries folder on disk, for an image file next to the
    # entry; None when the text is checked without its file (then only its form is checked).
    folder: Path | None = None
    entries_root: Path | None = None

    @cached_property
    def outline(self) -> Outline:
        return outline(self.doc.body, self.doc.body_line)

    @cached_property
    def summary(self) -> Parsed | None:
        """The lede parsed as Markdown; None when it is missing or not text."""
        if "summary" not in self.fields:
            return None
        node = self.fields["summary"][1]
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            return None
        line, col = value_position(self, node)
        return parse(node.value.strip(), line, col)

    @cached_property
    def is_draft(self) -> bool:
        """The front matter says ``draft: true``."""
        return is_true(self.fields["draft"][1]) if "draft" in self.fields else False

    def unfinished(self, code: str) -> str:
        """A draft is work in progress: what is merely unfinished in it (a placeholder,
        an empty section or lede) is the warning twin of ``code`` (E214 -> W214); for an
        entry to be published it stays an error."""
        return "W" + code[1:] if self.is_draft else code

    def at(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> Diagnostic:
        return self.doc.at(node, code, message, hint)

    def line(self, line: int, col: int, code: str, message: str,
             hint: str | None = None) -> Diagnostic:
        return Diagnostic(self.doc.path, line, col, code, message, hint)


def is_true(node: yaml.Node) -> bool:
    """A YAML true (``true``, ``yes``, ``on``)."""
    return isinstance(node, yaml.ScalarNode) and scalar_value(node) is True


def declares_draft(front: yaml.MappingNode) -> bool:
    """The front matter has ``draft: true`` (whatever else is wrong with it)."""
    return any(getattr(key, "value", None) == "draft" and is_true(value) for key, value in front.value)


def value_position(check: EntryCheck, node: yaml.ScalarNode) -> tuple[int, int]:
    """File line and column of the first character of a scalar's text (after a quote,
    or on the first line of a block scalar)."""
    mark = node.start_mark
    line, col = mark.line + check.doc.front_line, mark.column + 1
    if node.style in ("'", '"'):
        col += 1
    elif node.style in ("|", ">"):
        line, col = line + 1, 1
        lines = check.doc.front_source.split("\n")
        index = line - check.doc.front_line
        if index < len(lines):
            col = len(lines[index]) - len(lines[index].lstrip()) + 1
    return line, col
