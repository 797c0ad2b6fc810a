"""Read an entry file: bytes -> text -> front matter YAML nodes + body, with locations.

Reading never runs code: YAML is composed with the safe loader into nodes (no object
construction at all), anchors, aliases and explicit tags are refused before
composing, and files are size-limited before they are decoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic
from generator.entries.values import NOT_TEXT, describe_character

try:  # The C loader parses front matter about an order of magnitude faster.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

# A brief is 2 to 6 KB; the limit leaves five times the longest room and bounds the work
# of checking and rendering one entry (benchmarks/adversarial.py: the worst input at
# the limit stays well under a second).
MAX_BYTES = 32 * 1024

_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# Where an anchor (&a), alias (*a) or tag (!t) can start a YAML node: at a line's start
# or after ':', '-', '?', '[', '{' or ','. Only then are events scanned (slow).
_YAML_SPECIAL_CHARS = re.compile(r"[&*!]")
_YAML_SPECIALS = re.compile(r"(?:^|[:\[{,?-])[ \t]*[&*!]\S", re.MULTILINE)

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True, slots=True)
class Document:
    """An entry file split into its parts; line numbers are 1-based file lines."""

    path: str
    front: yaml.MappingNode
    front_line: int  # file line of the first YAML line
    body: str
    body_line: int  # file line of the first body line
    front_source: str = ""  # the YAML text, for locating inside block scalars

    def at(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> Diagnostic:
        """A diagnostic located at a YAML node."""
        mark = node.start_mark
        return Diagnostic(self.path, mark.line + self.front_line, mark.column + 1, code, message, hint)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a file as text with normalized newlines, or say why it cannot be read."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # never more than the limit, however large
    except OSError as error:
        return None, [Diagnostic(shown, 1, 1, "E001", f"cannot read file: {error.strerror}")]
    return decode(data, shown)


def decode(data: bytes, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 (a BOM is accepted), normalize CRLF, and refuse control characters.

    This runs before YAML sees the text: YAML reads U+0085, U+2028 and U+2029 as line
    breaks, so what looks like one line to a reviewer could hold another key."""
    if len(data) > MAX_BYTES:
        return None, [Diagnostic(shown, 1, 1, "E001",
                                 f"file is over the limit of {MAX_BYTES:,} bytes")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _byte_position(data, error.start)
        return None, [Diagnostic(shown, line, col, "E002",
                                 f"invalid UTF-8 byte 0x{data[error.start]:02x}")]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    match = NOT_TEXT.search(text)
    if match:
        line, col = text_position(text, match.start())
        return None, [Diagnostic(shown, line, col, "E003",
                                 f"control character {describe_character(match.group())} "
                                 "is not allowed")]
    return text, []


@dataclass(frozen=True, slots=True)
class Parts:
    """The text between the two '---' lines and what follows them."""

    front_source: str
    body: str
    body_line: int  # file line of the first body line


def front_and_body(text: str) -> Parts | None:
    """The front matter source and the body; None without the two '---' lines."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---":
        return None
    closing = _CLOSING_FENCE.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        return None
    end = text.count("\n", 0, closing.start())  # 0-based line of the closing fence
    return Parts(text[first_end + 1:closing.start()], text[closing.end() + 1:], end + 2)


def split(text: str, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    """Split text into front matter nodes and body."""
    found = front_and_body(text)
    if found is None:
        opened = text.split("\n", 1)[0].rstrip() == "---"
        return None, [Diagnostic(shown, 1, 1, "E100",
                                 "the front matter is not closed by a '---' line" if opened else
                                 "the file must start with a '---' line opening the front matter")]
    source, body = found.front_source, found.body
    node, problems = compose(source, shown, first_line=2)
    if problems:
        return None, problems
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 2 if node is not None else 1
        return None, [Diagnostic(shown, line, 1, "E102",
                                 "the front matter must be a mapping of 'key: value' lines")]
    return Document(shown, node, 2, body, found.body_line, source), []


def compose(source: str, shown: str, first_line: int) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Compose YAML into nodes, refusing anchors, aliases and explicit tags."""
    try:
        if _YAML_SPECIAL_CHARS.search(source) and _YAML_SPECIALS.search(source):
            for event in yaml.parse(source, Loader=SafeLoader):
                refused = _refused_feature(event)
                if refused:
                    mark = event.start_mark
                    return None, [Diagnostic(shown, mark.line + first_line, mark.column + 1, "E103",
                                             f"YAML {refused} are not allowed in entries")]
        node = yaml.compose(source, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote is noticed at the end of the text; where it opened helps more.
        opened = "quoted scalar" in (error.context or "") and error.context_mark is not None
        mark = error.context_mark if opened else error.problem_mark or error.context_mark
        line, col = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
        problem = error.problem or error.context or ""
        return None, [Diagnostic(shown, line, col, "E101", f"invalid YAML: {problem}",
                                 yaml_hint(problem, error.context or "", source, mark))]
    except yaml.YAMLError as error:
        return None, [Diagnostic(shown, first_line, 1, "E101", f"invalid YAML: {error}")]
    # The text has no control characters (decode), so only a double-quoted scalar's
    # escapes ("\x1b", "\0", "\u2028", "\N"...) can make one: look only then.
    if node is not None and "\\" in source:
        problems = _escaped_controls(node, shown, first_line)
        if problems:
            return None, problems
    return node, []


def yaml_hint(problem: str, context: str, source: str, mark: yaml.Mark | None) -> str | None:
    """What usually causes a YAML error, in an editor's words."""
    line = source.split("\n")[mark.line] if mark is not None and mark.line < source.count("\n") + 1 else ""
    if "\t" in problem or "\t" in line[:len(line) - len(line.lstrip())]:
        return "YAML does not allow tabs for indentation: indent with spaces"
    if "mapping values are not allowed" in problem:
        return ("a value that contains ': ' must be quoted, e.g. title: \"Mayo: a model\" "
                "(and a quote inside it doubled: 'it''s')")
    if "block sequence entries" in problem or "expected <block end>" in problem \
            or "did not find expected '-'" in problem or "did not find expected key" in problem:
        return ("check the indentation: list items ('- ') of one key line up, and a source's "
                "'url:' and 'quote:' sit under its 'publisher:'")
    if "could not find expected ':'" in problem or "simple key" in context:
        return "each line is 'key: value'; quote a long value, or indent its next lines further"
    if "quoted scalar" in context or "end of stream" in problem:
        return "a quoted value is not closed: end it with the same quote it starts with"
    if "found character" in problem and "cannot start any token" in problem:
        return "a value starting with '@', '`', '%', '|' or '>' must be quoted"
    return None


def _escaped_controls(root: yaml.Node, shown: str, first_line: int) -> list[Diagnostic]:
    """E003 for every key and value holding a character that is not text, in file order."""
    found = []
    stack: list[tuple[yaml.Node, str, bool]] = [(root, "", False)]  # node, path, is a key
    seen: set[int] = set()
    while stack:
        node, path, is_key = stack.pop()
        if id(node) in seen:  # composed aliases share nodes; never walk one twice
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            match = NOT_TEXT.search(node.value)
            if match:
                where = (f"a key in '{path}'" if path else "a key") if is_key \
                    else f"'{path}'" if path else "the YAML"
                found.append(Diagnostic(shown, node.start_mark.line + first_line,
                                        node.start_mark.column + 1, "E003",
                                        f"control character {describe_character(match.group())} "
                                        f"in {where}"))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{index}]", False)
                         for index, item in enumerate(node.value, 1))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                if NOT_TEXT.search(name):
                    name = "?"
                stack.append((key, path, True))
                stack.append((value, f"{path}.{name}" if path else name, False))
    return sorted(found)


def _refused_feature(event: yaml.Event) -> str | None:
    if isinstance(event, yaml.AliasEvent):
        return "aliases"
    if getattr(event, "anchor", None):
        return "anchors"
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", True)
    explicit = not (all(implicit) if isinstance(implicit, tuple) else implicit)
    if tag and tag != "!" and explicit:
        return "tags"
    return None


def scalar_value(node: yaml.ScalarNode) -> str | int | float | bool | None:
    """The value of a scalar, with timestamps kept as text so dates are checked by us."""
    if node.tag == BOOL:
        return node.value.lower() in {"true", "yes", "on"}
    if node.tag == NULL:
        return None
    if node.tag == INT:
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return node.value
    if node.tag == FLOAT:
        try:
            return float(node.value.replace("_", ""))
        except ValueError:
            return node.value
    return node.value


def text_position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, index) + 1
    return line, index - (data.rfind(b"\n", 0, index) + 1) + 1
