"""Diagnostics as Markdown: the job summary and the pull-request comment.

GitHub shows only ten annotations per step, so this is where an editor sees the full list.
The text ends up in a comment, so anything that came from an entry file is escaped: no
HTML, no table breaks, no @-mentions.
"""

from __future__ import annotations

from generator.diagnostics import CODES, Diagnostic, Severity, docs_link

MAX_ROWS = 200  # a comment holds 65,536 characters; this keeps well below it
MARKER = "<!-- digest-check -->"


def markdown_report(diagnostics: list[Diagnostic], summary_line: str,
                    site_url: str | None = None) -> str:
    """A heading, the summary line and a table of every problem (up to MAX_ROWS)."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    status = "❌ entries have errors" if errors else "✅ entries pass"
    lines = [MARKER, f"## digest check: {status}", "", f"{summary_line}.", ""]
    if diagnostics:
        lines += ["| Where | Problem | How to fix |", "| --- | --- | --- |"]
        for diagnostic in diagnostics[:MAX_ROWS]:
            lines.append(_row(diagnostic, site_url))
        if len(diagnostics) > MAX_ROWS:
            lines += ["", f"…and {len(diagnostics) - MAX_ROWS} more: run `digest check` locally."]
        lines.append("")
    return "\n".join(lines) + "\n"


def _row(diagnostic: Diagnostic, site_url: str | None) -> str:
    code = CODES[diagnostic.code]
    icon = "❌" if code.severity is Severity.ERROR else "⚠️"
    link = docs_link(diagnostic.code, site_url)
    label = f"[{diagnostic.code}]({link})" if link else diagnostic.code
    message = escape(diagnostic.message)
    if diagnostic.hint:
        message += f" <br>hint: {escape(diagnostic.hint)}"
    where = f"`{diagnostic.path.replace('`', '')}:{diagnostic.line}`"
    return f"| {where} | {icon} {label}: {message} | {escape(code.fix)} |"


def escape(text: str) -> str:
    """Plain text safe inside a Markdown table cell."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|").replace("@", "@\u200b")
    return " ".join(text.split())
