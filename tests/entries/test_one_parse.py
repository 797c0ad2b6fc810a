"""The checker and the renderer read one parse: what `digest check` decides about headings,
code, HTML and links is what the page shows.

Each case runs the rules and the renderer on the same entry (in-process, through the
loader the commands use) and looks at both the diagnostics and the rendered HTML.
"""

from __future__ import annotations

import json

import pytest

from generator.entries.loader import entry_from_text
from generator.entries.markup import MAX_NESTING, title_markup
from generator.entries.model import Tag
from generator.entries.render import Renderer
from generator.settings import Settings
from tests.support import VALID_ENTRY

NAME = "2026-06-02-valid-entry.md"
TAGS = {slug: Tag(slug, slug.title(), "x") for slug in ("ai", "healthcare", "cloud")}
CONTEXT = "Labs have been racing to ship models."


def check(text: str):
    """(entry or None, [(code, line, col)], rendered body HTML or None)."""
    entry, problems = entry_from_text(text, f"entries/{NAME}", NAME, TAGS, Settings())
    html = Renderer().render(entry).body_html if entry is not None else None
    return entry, [(d.code, d.line, d.col) for d in problems if d.code.startswith("E")], html


def with_context(context: str) -> str:
    return VALID_ENTRY.replace(CONTEXT, context, 1)


def codes(found) -> set[str]:
    return {code for code, _, _ in found}


# -- the check accepted what the page rendered differently -------------------------------

def test_a_section_heading_inside_a_fence_is_code_not_a_section() -> None:
    text = VALID_ENTRY.replace("## Why it matters\n\nHospitals can now try it.\n",
                               "```\n## Why it matters\n```\n")
    text = text.replace(CONTEXT, CONTEXT + "\n")
    _, found, _ = check(text)
    assert [c for c in found if c[0] == "E200"] == [("E200", 26, 1)], found
    entry, found, html = check(with_context(CONTEXT + "\n\n```\n## Why it matters\n<b>bold</b>\n```"))
    assert found == [] and entry is not None
    assert html.count("<h2") == 4  # What's new, Context, Why it matters, Sources
    assert "## Why it matters\n&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize("underline", ["---", "==="])
def test_setext_headings_are_headings(underline: str) -> None:
    _, found, _ = check(with_context(f"{CONTEXT}\n\nSurprise heading\n{underline}\n\nMore."))
    assert ("E204", 22, 1) in found


@pytest.mark.parametrize("markup", ["<b>bold</b>", "<img src=x onerror=alert(1)>",
                                    "<!-- hidden -->", "<?php echo 1; ?>",
                                    "<div>\nblock\n</div>"])
def test_raw_html_is_refused_outside_code_and_kept_as_code_inside(markup: str) -> None:
    _, found, _ = check(with_context(f"Labs {markup} race."))
    assert "E210" in codes(found)
    fenced = f"{CONTEXT}\n\n```html\n{markup}\n```\n\n    {markup.splitlines()[0]}\n\nEnd `{markup.splitlines()[0]}`."
    _entry, found, html = check(with_context(fenced))
    assert found == [], found
    assert "<b>" not in html and "<img" not in html and "<div>" not in html


def test_html_block_is_located() -> None:
    _, found, _ = check(with_context("<div>\nblock\n</div>"))
    assert ("E210", 20, 1) in found


# -- the check rejected what is legitimate ----------------------------------------------

@pytest.mark.parametrize("title", ["AT&T; shares rise after R&D push",
                                   "#1 chipmaker posts a record quarter",
                                   "Python __init__ changes land in 3.14",
                                   "snake_case_names and 2 * 3 = 6 in a headline",
                                   "Why <3 emoji and a < b comparisons are fine",
                                   "Results at https://example.org/x are in",
                                   "C# and F# get new compilers, [beta] tag dropped"])
def test_plain_titles_are_accepted(title: str) -> None:
    quoted = json.dumps(title)  # a JSON string is a YAML double-quoted scalar
    entry, found, _ = check(VALID_ENTRY.replace("A valid entry about a model launch", quoted))
    assert found == [], found
    assert entry is not None and entry.title == title


@pytest.mark.parametrize(("title", "col"), [("A **bold** claim in the title", 10),
                                             ("A <b>bold</b> claim in a title", 10),
                                             ("See [the lab](https://x.org) now", 12),
                                             ("The `code` span in a title", 12),
                                             ("Tom &amp; Jerry sign a new deal", 12),
                                             ("An ![image](https://x.org/a.png) title", 11)])
def test_real_markup_in_titles_is_refused_with_its_column(title: str, col: int) -> None:
    _, found, _ = check(VALID_ENTRY.replace("A valid entry about a model launch", title))
    assert ("E111", 2, col) in found, found


def test_quoted_title_column_counts_the_quote() -> None:
    _, found, _ = check(VALID_ENTRY.replace("title: A valid entry about a model launch",
                                            "title: 'A **valid** entry about a model'"))
    assert ("E111", 2, 11) in found, found


def test_code_span_over_two_lines_and_indented_code_are_code() -> None:
    context = ("The new ``impl Iterator<Item =\nu32>`` bound is shorter.\n\n"
               "    let x = <b>not html</b>;\n\nAfter the code.")
    _entry, found, html = check(with_context(context))
    assert found == [], found
    assert "<code>impl Iterator&lt;Item = u32&gt;</code>" in html
    assert "&lt;b&gt;not html&lt;/b&gt;" in html


def test_todo_and_extension_syntax_inside_code_are_not_placeholders() -> None:
    entry, found, _ = check(with_context("The diff has `# TODO` and `{: .x}` in it.\n\n"
                                         "```\n--8<-- \"file\"\n// TODO\n```"))
    assert found == [] and entry is not None


def test_todo_in_link_text_and_image_alt_is_a_placeholder() -> None:
    _, found, _ = check(with_context("See [TODO](https://x.org) and ![TODO alt](https://x.org/a.png)."))
    assert [c for c in found if c[0] == "E214"] == [("E214", 20, 6), ("E214", 20, 33)]


# -- links: written, reference, autolink and bare URLs share the scheme rules -----------

@pytest.mark.parametrize("link", ["[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
                                  "[x](&#106;avascript:alert(1))", "[x](data:text/html,hi)",
                                  "<javascript:alert(1)>", "[x][r] race.\n\n[r]: javascript:alert(1)\n\nMore",
                                  "![pic](data:image/svg+xml,x)", "[x](file:///etc/passwd)",
                                  "ftp://files.example.org/a", "[x](vbscript:msgbox)"])
def test_unsafe_link_schemes_are_refused_whatever_the_syntax(link: str) -> None:
    _, found, _ = check(with_context(f"Labs {link} race."))
    assert "E211" in codes(found), found


def test_link_scheme_error_points_at_the_target() -> None:
    _, found, _ = check(with_context("Labs [race](javascript:alert(1))."))
    assert ("E211", 20, 13) in found


def test_bare_urls_with_a_scheme_become_links() -> None:
    _entry, found, html = check(with_context("Read https://example.org/report, not ASP.NET or www.example.com."))
    assert found == []
    assert '<a href="https://example.org/report" rel="noopener noreferrer">https://example.org/report</a>,' in html
    assert "not ASP.NET or www.example.com." in html  # no scheme: words stay words


def test_unsafe_targets_never_reach_the_html_even_unchecked() -> None:
    from generator.entries.markup import parse
    from generator.entries.render import tokens_html
    html = tokens_html(parse("[a](javascript:alert(1)) <b onclick=x>b</b>\n\n<script>x</script>").tokens)
    assert 'href="javascript' not in html and "<script" not in html and "<b " not in html
    assert "&lt;script&gt;" in html  # shown as text


# -- bounded nesting ---------------------------------------------------------------------

def test_deep_lists_are_refused_not_a_recursion_error() -> None:
    bullets = "".join("  " * depth + "- item\n" for depth in range(250))
    _, found, _ = check(VALID_ENTRY.replace("- The model is out.\n", bullets))
    assert ("E215", 15 + MAX_NESTING, 2 * MAX_NESTING + 1) in found, found


@pytest.mark.parametrize("context", ["> " * 300 + "quote", "- > - > - > - > - deep"])
def test_deep_quotes_are_refused(context: str) -> None:
    _, found, _ = check(with_context(context))
    assert "E215" in codes(found)


def test_nesting_at_the_limit_is_fine() -> None:
    bullets = "".join("  " * depth + "- item\n" for depth in range(MAX_NESTING))
    _entry, found, html = check(VALID_ENTRY.replace("- The model is out.\n", bullets))
    assert found == [] and html.count("<ul>") == MAX_NESTING + 1  # and the Sources list


# -- structure decided on tokens ---------------------------------------------------------

@pytest.mark.parametrize("context", ["- ## Heading in a list", "> ## Heading in a quote",
                                     "# Level one", "#### Level four"])
def test_headings_anywhere_but_the_sections_are_refused(context: str) -> None:
    _, found, _ = check(with_context(f"{CONTEXT}\n\n{context}"))
    assert "E204" in codes(found), found


def test_whats_new_must_be_bullets_only() -> None:
    for other in ("1. ordered", "> quoted", "```\ncode\n```", "---"):
        _, found, _ = check(VALID_ENTRY.replace("- The model is out.\n", f"- The model is out.\n\n{other}\n"))
        assert "E201" in codes(found), other


def test_a_lazy_continuation_line_stays_in_its_bullet() -> None:
    _entry, found, html = check(VALID_ENTRY.replace("- The model is out.\n", "- The model\nis out.\n"))
    assert found == [] and "<li>The model\nis out.</li>" in html


@pytest.mark.parametrize("summary", ["1. A lede that is a list", "'- A lede as a bullet'",
                                     "'# A lede as a heading'", "'> quoted lede'"])
def test_a_lede_that_is_not_a_paragraph_is_refused(summary: str) -> None:
    text = VALID_ENTRY.replace("A lab released a model on 2026-06-02, and hospitals will use it.", summary)
    _, found, _ = check(text)
    assert "E140" in codes(found), found


def test_lede_markup_is_located_in_the_yaml_value() -> None:
    text = VALID_ENTRY.replace("summary: A lab released", 'summary: "A <b>lab</b> released')
    text = text.replace("will use it.\n", 'will use it."\n', 1)
    _, found, _ = check(text)
    assert ("E210", 5, 13) in found, found


def test_title_markup_helper_ignores_bare_urls() -> None:
    assert title_markup("Status at https://status.example.org is green") is None


def test_sections_keep_the_editors_markdown() -> None:
    entry, _found, _ = check(with_context("Labs *race*.\n\n[ref]: https://x.org"))
    assert entry is not None and entry.context == "Labs *race*.\n\n[ref]: https://x.org"


@pytest.mark.parametrize("reference", ["&#x202e;", "&#x202E;", "&#8238;", "&#x2028;", "&#x2066;"])
def test_character_references_cannot_make_control_characters(reference: str) -> None:
    _, found, _ = check(with_context(f"Labs race to {reference}ship."))
    assert ("E003", 20, 14) in found, found
    _, found, _ = check(with_context(f"Labs [race](https://x.org \"t{reference}\") on."))
    assert "E003" in codes(found), found


def test_references_to_ordinary_characters_and_in_code_are_fine() -> None:
    entry, found, html = check(with_context("Caf&eacute; &#x1F600; and `&#x202e;` in code."))
    assert found == [] and entry is not None
    assert "Caf\u00e9 \U0001F600" in html and "<code>&amp;#x202e;</code>" in html
