"""A pull-request-like run: planted errors, ``digest check --format github``, one annotation
per error at the right file and line; and the Markdown summary that goes with it."""

from __future__ import annotations

import re
from pathlib import Path

from tests.editors.helpers import entry, git, git_repo, run
from tests.support import write_project

# file -> (text, the one error planted in it: line, code)
PLANTED = {
    "2026/2026-06-02-unknown-tag.md": (entry(**{"tags: [ai, healthcare]": "tags: [ai, nope]"}),
                                       4, "E131"),
    "2026/2026-06-02-short-title.md": (entry(**{"title: A valid entry about a model launch":
                                                "title: Too short"}), 2, "E110"),
    "2026/2026-06-02-date-mismatch.md": (entry("2026-06-03"), 3, "E121"),
    "2026/2026-06-02-ftp-source.md": (entry(**{"url: https://news.example.com":
                                               "url: ftp://news.example.com"}), 8, "E152"),
    "2026/2026-06-02-raw-html.md": (entry(**{"- The model is out.": "- The model is out.<br>"}),
                                    15, "E210"),
    "2026/2026-06-02-placeholder.md": (entry(**{"Labs have been racing": "TODO: racing"}),
                                       20, "E214"),
    # Same slug as an entry already on main: reported on the new file. (Its own id keeps
    # E302, the same-identity rule, out of it: identity defaults to the slug.)
    "2026/2026-06-01-valid-entry.md": (entry("2026-06-01", **{
        "tags: [ai, healthcare]": "tags: [ai, healthcare]\nid: another-identity"}), 1, "E300"),
}
ANNOTATION = re.compile(r"^::error file=([^,]+),line=(\d+),col=(\d+),title=(E\d{3})::(.+)$")


def test_one_annotation_per_planted_error(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, {"2026/2026-06-02-valid-entry.md": entry(),
                             "2025/2025-01-01-old.md": entry("2025-01-01", **{
                                 "tags: [ai, healthcare]": "tags: [ai, nope]"})})
    git_repo(tmp_path)
    git(tmp_path, "checkout", "-q", "-b", "pull-request")
    write_project(tmp_path, {name: text for name, (text, _, _) in PLANTED.items()})
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "entries with planted errors")

    summary = tmp_path / "summary.md"
    status, out, err = run(tmp_path, "check", "--changed-since", "main", "--format", "github",
                           "--summary", str(summary), capsys=capsys)
    assert status == 1
    annotations = [ANNOTATION.match(line) for line in out.splitlines()]
    assert all(annotations), out
    found = sorted((m.group(1), int(m.group(2)), m.group(4)) for m in annotations)
    expected = sorted((f"entries/{name}", line, code) for name, (_, line, code) in PLANTED.items())
    assert found == expected  # one each, nothing from the old broken entry on main
    assert f"checked {len(PLANTED)} files: {len(PLANTED)} errors" in err

    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("<!-- digest-check -->\n## digest check: ❌")
    for name, (_, line, code) in PLANTED.items():
        assert f"`entries/{name}:{line}` | ❌ {code}:" in markdown


def test_markdown_format_escapes_entry_text_and_links_codes(tmp_path: Path, capsys) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://digest.example.org\n")
    write_project(tmp_path, {"2026/2026-06-02-x.md": entry(**{
        "title: A valid entry about a model launch": "title: A title | with a pipe",
        "tags: [ai, healthcare]": "tags: [ai, healthcare]\n<b>by@evil|x</b>: 1"})})
    status, out, _ = run(tmp_path, "check", "--format", "markdown", capsys=capsys)
    assert status == 1
    assert "[E104](https://digest.example.org/contributing/#e104)" in out
    assert "<b>" not in out and "\\<b\\>" in out
    assert "by\\@\u200bevil\\|x" in out  # no @-mention, no broken table row
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    assert rows and all(line.count(" | ") == 2 for line in rows)


def test_markdown_summary_of_a_clean_run(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, {"2026/2026-06-02-ok.md": entry()})
    status, out, _ = run(tmp_path, "check", "--format", "markdown", capsys=capsys)
    assert status == 0
    assert "✅ entries pass" in out and "| Where |" not in out
