"""Accepted means buildable: every entry `digest check` accepts builds, and its page shows
exactly the three sections and Sources as <h2>.

Hypothesis writes whole entries (front matter and structured Markdown: lists nested to
any depth, fences, quotes, headings of every kind, HTML, links of every syntax and
scheme, placeholders, stray characters). Whatever the rules accept is compiled in
process (pages and feeds); a few whole corpora go through a real `mkdocs build --strict`.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.compile import compile_site
from generator.entries.loader import entry_from_text, load
from generator.entries.model import Corpus, Tag
from generator.settings import Settings
from tests.site.site_support import MKDOCS_YML, TAGS_YML, write_fixture

TAGS = {slug: Tag(slug, slug.title(), "x") for slug in ("ai", "cloud", "healthcare", "regulation")}
SECTION_HEADINGS = ["## What's new", "## Context", "## Why it matters", "## What\u2019s new",
                    "## Sources", "# Context", "### Why it matters", "Context\n-------",
                    "Why it matters\n==="]

words = st.sampled_from(["labs", "ship", "models", "R&D", "AT&T", "C#", "x*y", "a_b_c",
                         "__init__", "#1", "<3", "1 < 2", "a > b", "--",
                         "e.g.", "www.example.com", "ASP.NET", "\u00e9t\u00e9", "\u4e2d\u6587", "todo"])
# Markup the rules accept (code hides HTML and headings; links are http(s), mailto,
# relative) and markup they refuse; half of the texts use only the first kind.
safe_bits = st.sampled_from([
    "`code`", "``a ` b``", "`<b>`", "`## Context`", "*em*", "**strong**", "_em_", "***both***",
    "~~del~~", "[link](https://example.org/a)", "[rel](../x/)", "[mail](mailto:a@example.org)",
    "<https://example.org>", "https://example.org/bare", "![alt](https://e.org/i.png)", "&amp;",
    "&#x1F600;", "\\*", "\\<b>", "[ref]", "[", "]", "(", ")", "!", "<", ">", "*", "_", "&",
    "#", "|", "\\", "<3", "a<b", "[ref][r]",
])
risky_bits = st.sampled_from([
    "[js](javascript:alert(1))", "[data](data:text/html,x)", "<javascript:x>", "ftp://example.org/f",
    "![](https://e.org/i.png)", "![TODO](https://e.org/i.png)", "<b>", "</b>", "<img src=x>",
    "<!-- c -->", "&#0;", "{: .x}", "{#id}", "--8<-- \"f\"", "TODO",
])
inline_bits = safe_bits | risky_bits
clean_text = st.lists(words | safe_bits, min_size=1, max_size=8).map(" ".join)
inline_text = st.one_of(clean_text, st.lists(words | inline_bits, min_size=1, max_size=8).map(" ".join))


@st.composite
def nested_list(draw, depth: int = 0, text=inline_text, bullets: bool = False) -> str:
    marker = draw(st.sampled_from(["-", "*", "+"] if bullets and depth == 0 else ["-", "*", "+", "1."]))
    items = []
    for _ in range(draw(st.integers(1, 3))):
        line = "  " * depth + f"{marker} {draw(text)}"
        if depth < 5 and draw(st.integers(0, 3)) == 0:
            line += "\n" + draw(nested_list(depth + 1, text))
        items.append(line)
    return "\n".join(items)


safe_blocks = st.one_of(
    inline_text,
    nested_list(),
    st.builds(lambda fence, body: f"{fence}\n{body}\n{fence}", st.sampled_from(["```", "~~~", "````"]),
              st.sampled_from(["## Why it matters", "<script>x</script>", "TODO", "- a", "```", "# x"])),
    st.builds(lambda text: "    " + text, inline_text),
    st.builds(lambda depth, text: "> " * depth + text, st.integers(1, 4), inline_text),
    st.sampled_from(["---", "***", "[r]: https://example.org/r", "| a | b |\n|---|---|\n| 1 | 2 |",
                     "1. one\n2. two", "Line one  \nline two\\\nline three"]),
)
risky_blocks = st.one_of(
    st.builds(lambda depth, text: "> " * depth + text, st.integers(5, 8), inline_text),
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 6), inline_text),
    st.builds(lambda text, under: f"{text}\n{under}", inline_text, st.sampled_from(["---", "==="])),
    st.sampled_from(["<div>\nblock\n</div>", "[r]: javascript:alert(1)", "<details>", "<!-- x -->"]),
)
blocks = safe_blocks | risky_blocks


@st.composite
def body(draw, clean: bool = False) -> str:
    if not clean and draw(st.integers(0, 2)) == 0:  # sometimes any headings at all
        headings = draw(st.lists(st.sampled_from(SECTION_HEADINGS), max_size=5))
        return "\n\n".join(h + "\n\n" + "\n\n".join(draw(st.lists(blocks, max_size=3)))
                           for h in headings) + "\n"
    # The three sections with content of the right kind, then any blocks.
    extra = st.lists(safe_blocks, max_size=3) if clean else st.lists(blocks, max_size=3)
    text = clean_text if clean else inline_text
    whats_new = draw(nested_list(text=text, bullets=clean))
    context = "\n\n".join([draw(text), *draw(extra)])
    why = "\n\n".join([*draw(extra), draw(text)])
    return (f"## What's new\n\n{whats_new}\n\n## Context\n\n{context}\n\n"
            f"## Why it matters\n\n{why}\n")


titles = st.one_of(
    st.builds(" ".join, st.lists(words, min_size=3, max_size=8)),
    st.builds(" ".join, st.lists(words | inline_bits, min_size=2, max_size=8)),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=8, max_size=40),
)


@st.composite
def entry(draw, clean: bool | None = None) -> tuple[str, str]:
    # Half of the entries use only markup the rules accept, so that many get through.
    clean = draw(st.booleans()) if clean is None else clean
    text = clean_text if clean else inline_text
    day = draw(st.sampled_from(["2026-06-02", "2025-12-31", "2024-02-29"]))
    date = draw(st.sampled_from([day, f"{day}T12:30:00-05:00", f"{day}T09:15:00+02:00", f"{day}T12:00:00Z"]
                                + ([] if clean else [f"{day}T23:30:00-05:00"])))
    slug = draw(st.sampled_from(["brief", "a-b", "x" * 59]))
    front = {
        "title": draw(st.builds(" ".join, st.lists(words, min_size=3, max_size=8)) if clean else titles),
        "date": date,
        "tags": draw(st.lists(st.sampled_from(sorted(TAGS)), min_size=1, max_size=3, unique=True)),
        "summary": draw(text),
        "sources": [{"publisher": draw(st.sampled_from(["Example News", "R&D <b>"]
                                                       + ([] if clean else ["TODO publisher"]))),
                     "url": draw(st.sampled_from(["https://example.org/a", "http://e.org/?q=<x>&a=\"b\"",
                                                  "https://e.org/" + "a" * 300]
                                                 + ([] if clean else ["https://TODO.example/source"]))),
                     "quote": draw(text)}],
    }
    if draw(st.booleans()):
        front["id"] = draw(st.sampled_from(["keep-me", "k" * 59]))
    if draw(st.booleans()):
        front["aliases"] = [draw(st.sampled_from(["old-slug", "2025/01/01/old-slug"]))]
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()]
    return f"{day}-{slug}.md", "---\n" + "\n".join(lines) + "\n---\n\n" + draw(body(clean))


H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.DOTALL)
EXPECTED_H2 = ["What\u2019s new", "Context", "Why it matters", "Sources"]


def _accepted(name: str, text: str):
    found, problems = entry_from_text(text, f"entries/{name}", name, TAGS, Settings())
    errors = [p for p in problems if p.severity == "error"]
    assert (found is None) == bool(errors), problems
    return found


def _brief(html: str) -> str:
    """The brief in a built entry page: the ``digest-entry`` element, to its closing tag
    (what follows, such as "More on <tag>", is not part of it)."""
    start = html.index('<div class="digest-entry">')
    depth = 0
    for match in re.finditer(r"<(/?)div\b", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[start:start + match.end()]
    raise AssertionError("the brief's element is not closed")


def _h2_texts(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in H2.findall(html)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry())
def test_every_accepted_entry_compiles_with_exactly_the_sections(case: tuple[str, str]) -> None:
    name, text = case
    accepted = _accepted(name, text)
    event("accepted" if accepted is not None else "refused")
    if accepted is None:
        return
    site = compile_site(Corpus((accepted,), TAGS), Settings(site_url="https://news.example.org/"), now=None)
    page = next(p for p in site.pages if p.url == accepted.url)
    assert _h2_texts(page.html) == EXPECTED_H2
    assert "<script" not in page.html.split("</article>")[0].lower()


@pytest.mark.skipif(os.environ.get("DIGEST_SKIP_SLOW") == "1", reason="slow build")
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.lists(entry(clean=True), min_size=5, max_size=25))
def test_accepted_entries_build_strictly(tmp_path_factory, cases: list[tuple[str, str]]) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = write_fixture(tmp_path_factory.mktemp("site"))
    (root / "entries" / "tags.yml").write_text(TAGS_YML, encoding="utf-8")
    written = []
    for number, (name, text) in enumerate(cases):
        accepted = _accepted(name, text)
        if accepted is None:
            continue
        # Unique slugs: the corpus rules (E300) are not what this test is about.
        day = accepted.date.astimezone(UTC).date()
        unique = f"{name[:11]}{accepted.slug[:50]}-n{number}.md"
        text = text.replace(json.dumps(accepted.aliases[0]) if accepted.aliases else "\x00", f'"old-n{number}"')
        text = re.sub(r'^id: .*$', f'id: "keep-n{number}"', text, flags=re.MULTILINE)
        (root / "entries" / unique).write_text(text, encoding="utf-8")
        written.append((unique, day))
    result = load(root, Settings())
    assert result.ok, [d.format() for d in result.diagnostics if d.severity == "error"]
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(root / "site"))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(2030, 1, 1, tzinfo=UTC).timestamp()))
    try:
        build(config)  # raises on any warning (strict)
    finally:
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    for entry_ in result.corpus.published(None):
        html = (root / "site" / entry_.url / "index.html").read_text(encoding="utf-8")
        assert _h2_texts(_brief(html)) == EXPECTED_H2, entry_.path
    assert written or not any(_accepted(n, t) for n, t in cases)


def test_warnings_pass_both_the_check_and_the_strict_build(tmp_path) -> None:
    """W100 (a source without a quote) is a warning: `digest check` exits 0, and the
    strict build, which fails on any MkDocs warning, builds and still shows it."""
    from tests.site.site_support import digest

    root = write_fixture(tmp_path)
    path = next((root / "entries").rglob("*alpha-launch.md"))
    path.write_text(re.sub(r"\n    quote: .*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    checked = digest("check", cwd=root)
    assert checked.returncode == 0 and "warning[W100]" in checked.stdout, checked.stdout
    built = digest("build", "--strict", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "warning[W100]" in built.stdout + built.stderr
    assert (root / "site" / "2026" / "09" / "01" / "alpha-launch" / "index.html").is_file()
