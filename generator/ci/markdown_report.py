"""Diagnostics as Markdown: the job summary and the pull-request comment.

GitHub shows only ten annotations per step, so this is where an editor sees the full list.
The text ends up in a comment posted by a bot, so anything that came from an entry file
(messages quote keys, values and file names) is escaped: it cannot break the table, start
a link, image, emphasis, HTML, math or autolink, or @-mention a user or #-reference an issue.
"""

from __future__ import annotations

import re

from generator.diagnostics import CODES, Diagnostic, Severity, docs_link, one_line

MAX_ROWS = 200  # a comment holds 65,536 characters; this keeps well below it
MARKER = "<!-- digest-check -->"


def markdown_report(diagnostics: list[Diagnostic], summary_line: str,
                    site_url: str | None = None) -> str:
    """A heading, the summary line and a table of every problem (up to MAX_ROWS)."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    status = "❌ entries have errors" if errors else "✅ entries pass"
    lines = [MARKER, f"## digest check: {status}", "", f"{summary_line}.", ""]
    lines += table(diagnostics, site_url)
    return "\n".join(lines) + "\n"


def _row(diagnostic: Diagnostic, site_url: str | None) -> str:
    code = CODES.get(diagnostic.code)  # None: a code this version does not know (a newer branch's)
    icon = "⚠️" if diagnostic.code.startswith("W") else "❌"
    link = docs_link(diagnostic.code, site_url) if code is not None else None
    label = f"[{diagnostic.code}]({link})" if link else escape(diagnostic.code)
    message = escape(diagnostic.message)
    if diagnostic.hint:
        message += f" <br>hint: {escape(diagnostic.hint)}"
    where = code_span(f"{diagnostic.path}:{diagnostic.line}")
    return f"| {where} | {icon} {label}: {message} | {escape(code.fix) if code else ''} |"


def table(diagnostics: list[Diagnostic], site_url: str | None = None) -> list[str]:
    """The table of problems (up to MAX_ROWS), as lines; none without problems."""
    if not diagnostics:
        return []
    lines = ["| Where | Problem | How to fix |", "| --- | --- | --- |"]
    lines += [_row(diagnostic, site_url) for diagnostic in diagnostics[:MAX_ROWS]]
    if len(diagnostics) > MAX_ROWS:
        lines += ["", f"…and {len(diagnostics) - MAX_ROWS} more: run `digest check` locally."]
    return [*lines, ""]


# ASCII punctuation that means something to GitHub Markdown inside a table cell: escapes,
# code, emphasis, links and images, HTML and entities, tables, strikethrough, math, and the
# ':' and '.' that autolinks (https://, www.) are recognised by.
_MARKDOWN = re.compile(r"([\\`*_\[\]()!<>|~&$:.])")
# '@user' and '#123' become mentions and references after rendering, whatever the escaping:
# a zero-width space after the sign keeps them text.
_REFERENCES = re.compile("([@#])")


def escape(text: str) -> str:
    """Untrusted text as literal text inside a Markdown table cell, on one line."""
    text = " ".join(one_line(text).split())
    return _REFERENCES.sub("\\\\\\1\u200b", _MARKDOWN.sub(r"\\\1", text))


def code_span(text: str) -> str:
    """Untrusted text as a code span inside a table cell: nothing in it is interpreted
    (no links, HTML or mentions); '|' is escaped for the table, the fence is longer than
    any run of backticks in the text."""
    text = " ".join(one_line(text).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
