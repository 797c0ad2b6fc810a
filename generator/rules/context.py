"""What an entry rule looks at."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import yaml

from generator.diagnostics import Diagnostic
from generator.markup import Outline, outline
from generator.model import Tag
from generator.reader import Document
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

    @cached_property
    def outline(self) -> Outline:
        return outline(self.doc.body, self.doc.body_line)

    def at(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> Diagnostic:
        return self.doc.at(node, code, message, hint)

    def line(self, line: int, col: int, code: str, message: str,
             hint: str | None = None) -> Diagnostic:
        return Diagnostic(self.doc.path, line, col, code, message, hint)
