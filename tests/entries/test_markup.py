"""The body outline: its fast path (no code fences) agrees with the line-by-line one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.markup import _outline_line_by_line, outline

LINES = ["## What's new", "## Context", "## Why it matters", "# Top", "### Sub", "text", "",
         "- item", "  ## indented", "##nospace", "#### deep ##", "    ## indented code", "##"]


def _shape(result):
    return (result.preamble, [(s.title, s.line, s.col, s.lines) for s in result.sections],
            result.stray_headings)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINES) | st.text(alphabet="# -a\t", max_size=8), max_size=30),
       st.integers(min_value=1, max_value=50))
def test_fast_outline_equals_line_by_line(lines: list[str], first_line: int) -> None:
    body = "\n".join(lines)
    assert _shape(outline(body, first_line)) == _shape(_outline_line_by_line(body.split("\n"), first_line))


def test_headings_inside_code_fences_do_not_count() -> None:
    body = "## What's new\n\n- a\n\n```\n## Context\n```\n"
    assert [s.title for s in outline(body, 1).sections] == ["What's new"]
