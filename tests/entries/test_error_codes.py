"""Every error code: a file that triggers it, and a message that locates it.

Each case plants one defect in a valid entry and names the line (and where it
matters the column) the report must point at.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.diagnostics import CODES
from tests.support import VALID_ENTRY, digest, digest_process, write_project

NAME = "2026/2026-06-02-valid-entry.md"


NOTE_NAME = "editions/2026-06-01.md"
NOTE_PATH = f"entries/{NOTE_NAME}"
NOTE = "---\ntitle: The week models went to hospital\ntop: valid-entry\n---\nA short intro.\n"


def replace(old: str, new: str, text: str = VALID_ENTRY) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@dataclass(frozen=True)
class Case:
    code: str
    files: dict[str, str | bytes]
    path: str
    line: int
    col: int | None = None
    tags: str | None = None
    hint: str | None = None


CONTEXT = "Labs have been racing to ship models."
AUTHORS_YML = "jane-doe:\n  name: Jane Doe\n  url: https://example.org/jane\n"
# The smallest valid PNG (1 x 1 pixel, grey).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010800000000376ef924"
                    "0000000a49444154789c63680000008200817761e8f30000000049454e44ae426082")

CASES = [
    Case("E001", {NAME: VALID_ENTRY + "\n" + "x" * 300_000 + "\n"}, NAME, 1),
    Case("E002", {NAME: VALID_ENTRY.replace(CONTEXT, "Labs \udcff").encode("utf-8", "surrogateescape")},
         NAME, 20, 6),
    Case("E003", {NAME: replace(CONTEXT, "Labs \x07bell")}, NAME, 20, 6),
    Case("E010", {"2026/2026-06-02-Bad_Slug.md": VALID_ENTRY}, "entries/2026/2026-06-02-Bad_Slug.md", 1),
    Case("E100", {NAME: VALID_ENTRY.removeprefix("---\n")}, NAME, 1),
    Case("E101", {NAME: replace("title: A valid", "title: [A valid")}, NAME, 3),
    Case("E102", {NAME: "---\n- a list\n---\n\n## What's new\n"}, NAME, 2),
    Case("E103", {NAME: replace("tags: [ai, healthcare]", "tags: &t [ai, healthcare]")}, NAME, 4, 7),
    Case("E103", {NAME: replace("title: A valid", "title: !!python/object/apply:os.system A valid")},
         NAME, 2),
    Case("E104", {NAME: replace("date:", "titel: oops\ndate:")}, NAME, 3, 1, hint="'title'"),
    Case("E105", {NAME: replace("summary: A lab released a model on 2026-06-02, and hospitals will use it.\n",
                                "")}, NAME, 2),
    Case("E106", {NAME: replace("date:", "draft: maybe\ndate:")}, NAME, 3, 8),
    Case("E107", {NAME: replace("date:", "title: Another title for the entry\ndate:")}, NAME, 3),
    Case("E110", {NAME: replace("A valid entry about a model launch", "Too short")}, NAME, 2, 8),
    Case("E111", {NAME: replace("A valid entry about", "A **valid** entry about")}, NAME, 2),
    Case("E120", {NAME: replace("date: 2026-06-02", "date: 2026-06-31")}, NAME, 3, 7),
    Case("E121", {NAME: replace("date: 2026-06-02", "date: 2026-06-03")}, NAME, 3),
    Case("E122", {NAME: replace("date: 2026-06-02", "date: 2026-06-02\nupdated: 2026-06-01")}, NAME, 4),
    Case("E130", {NAME: replace("tags: [ai, healthcare]", "tags: []")}, NAME, 4),
    Case("E131", {NAME: replace("tags: [ai, healthcare]", "tags: [ai, helthcare]")}, NAME, 4, 12,
         hint="'healthcare'"),
    Case("E132", {NAME: replace("tags: [ai, healthcare]", "tags: [ai, ai]")}, NAME, 4, 12),
    Case("E140", {NAME: replace("summary: A lab released a model on 2026-06-02, and hospitals will use it.",
                                "summary: ''")}, NAME, 5),
    Case("E150", {NAME: VALID_ENTRY.split("sources:")[0] + "sources: []\n---\n"
                  + VALID_ENTRY.split("---\n", 2)[2]}, NAME, 6),
    Case("E151", {NAME: replace("    url: https://news.example.com/2026/06/02/model/\n", "")}, NAME, 7),
    Case("E152", {NAME: replace("url: https://news.example.com", "url: ftp://news.example.com")}, NAME, 8),
    Case("E160", {NAME: replace("date:", "id: Not A Slug\ndate:")}, NAME, 3),
    Case("E200", {NAME: replace("## Context\n\nLabs have been racing to ship models.\n\n", "")}, NAME, 18),
    Case("E201", {NAME: replace("- The model is out.\n", "The model is out.\n")}, NAME, 15),
    Case("E202", {NAME: VALID_ENTRY + "\n## Context\n\nMore context.\n"}, NAME, 26),
    Case("E203", {NAME: replace("## Context\n\nLabs have been racing to ship models.\n\n", "")
                  + "\n## Context\n\nLate context.\n"}, NAME, 22),
    Case("E204", {NAME: replace(CONTEXT, CONTEXT + "\n\n### A sub-heading")}, NAME, 22),
    Case("E210", {NAME: replace(CONTEXT, "Labs <script>alert(1)</script> race.")}, NAME, 20, 6),
    Case("E211", {NAME: replace(CONTEXT, "Labs [race](javascript:alert(1)).")}, NAME, 20, 13),
    Case("E212", {NAME: replace(CONTEXT, "Labs ![](https://img.example.com/a.png).")}, NAME, 20),
    Case("E213", {NAME: replace(CONTEXT, "Labs race.\n{: .warning }")}, NAME, 21),
    Case("E214", {NAME: replace(CONTEXT, "TODO: write the context.")}, NAME, 20, 1),
    Case("E215", {NAME: replace(CONTEXT, "> - > - > deep")}, NAME, 20),
    Case("E300", {NAME: VALID_ENTRY,
                  "2026/2026-06-03-valid-entry.md": replace("date: 2026-06-02", "date: 2026-06-03")},
         "entries/2026/2026-06-03-valid-entry.md", 1, hint=None),
    Case("E301", {NAME: VALID_ENTRY,
                  "2026/2026-06-02-other-entry.md": replace("date:", "aliases: [valid-entry]\ndate:")},
         "entries/2026/2026-06-02-other-entry.md", 1),
    Case("E302", {NAME: replace("date:", "id: shared-id\ndate:"),
                  "2026/2026-06-02-other-entry.md": replace("date:", "id: shared-id\ndate:")},
         "entries/2026/2026-06-02-valid-entry.md", 1),
    Case("E400", {NAME: VALID_ENTRY}, "entries/tags.yml", 4,
         tags="ai:\n  name: AI\n  description: x\nhealthcare: just a string\n"),
    Case("E401", {NAME: VALID_ENTRY}, "entries/tags.yml", 4,
         tags="ai:\n  name: AI\n  description: x\nBad Tag:\n  name: B\n  description: y\n"
              "healthcare:\n  name: H\n  description: z\n"),
    # Authors, image and corrections (lines: 'date: 2026-06-02' is line 3, so a field
    # planted before it starts on line 3 too).
    Case("E170", {NAME: replace("date:", "authors: [jane-doe, jane-roe]\ndate:"),
                  "authors.yml": AUTHORS_YML}, NAME, 3, 21, hint="'jane-doe'"),
    Case("E170", {NAME: replace("date:", "authors: [jane-doe]\ndate:")}, NAME, 3, 11,
         hint="entries/authors.yml"),
    Case("E171", {NAME: replace("date:", "authors: [jane-doe, jane-doe]\ndate:"),
                  "authors.yml": AUTHORS_YML}, NAME, 3, 21),
    Case("E180", {NAME: replace("date:", "image:\n  src: https://img.example.com/a.jpg\n"
                                "  alt: A lab\ndate:")}, NAME, 4, 3, hint="credit"),
    Case("E180", {NAME: replace("date:", "image: {src: a.png, alt: '', credit: Lab}\ndate:"),
                  "2026/a.png": PNG}, NAME, 3, 26),
    Case("E181", {NAME: replace("date:", "image: {src: 'http://img.example.com/a.jpg', alt: A lab, "
                                "credit: Lab}\ndate:")}, NAME, 3, 14),
    Case("E181", {NAME: replace("date:", "image: {src: 'javascript:alert(1)', alt: A, credit: B}\ndate:")},
         NAME, 3, 14),
    Case("E181", {NAME: replace("date:", "image: {src: my photo.png, alt: A, credit: B}\ndate:")},
         NAME, 3, 14),
    Case("E182", {NAME: replace("date:", "image: {src: missing.png, alt: A lab, credit: Lab}\ndate:")},
         NAME, 3, 14, hint="next to the entry"),
    Case("E182", {NAME: replace("date:", "image: {src: ../../x.png, alt: A lab, credit: Lab}\ndate:")},
         NAME, 3, 14),
    Case("E183", {NAME: replace("date:", "image: {src: chart.svg, alt: A chart, credit: Lab}\ndate:"),
                  "2026/chart.svg": "<svg/>"}, NAME, 3, 14),
    Case("E184", {NAME: replace("date:", "image:\n  src: https://img.example.com/a.jpg\n  alt: A lab\n"
                                "  credit: |\n    Two\n    lines\ndate:")}, NAME, 6, 11),
    Case("E190", {NAME: replace("date:", "corrections:\n  - date: 2026-06-03\ndate:")}, NAME, 4, 5),
    Case("E191", {NAME: replace("date:", "corrections:\n  - date: 2026-06-31\n    note: Fixed.\ndate:")},
         NAME, 4, 11),
    Case("E192", {NAME: replace("date:", "corrections:\n  - date: 2026-06-01\n    note: Fixed.\ndate:")},
         NAME, 4, 11),
    Case("E193", {NAME: replace("date:", "corrections:\n  - date: 2026-06-03\n    note: |\n"
                                "      Two\n      lines\ndate:")}, NAME, 5, 11),
    Case("E410", {NAME: VALID_ENTRY, "authors.yml": "jane-doe:\n  name: Jane Doe\n  email: j@x.org\n"},
         "entries/authors.yml", 3, 3),
    Case("E411", {NAME: VALID_ENTRY, "authors.yml": "Jane Doe:\n  name: Jane Doe\n"},
         "entries/authors.yml", 1, 1),
    Case("E412", {NAME: VALID_ENTRY, "authors.yml": "jane-doe:\n  name: Jane Doe\n"
                                                    "  url: javascript:alert(1)\n"},
         "entries/authors.yml", 3, 8),
    # Editor's notes (entries/editions/): the week of the valid entry starts on 2026-06-01.
    Case("E500", {NAME: VALID_ENTRY, "editions/2026-06-01-note.md": NOTE},
         "entries/editions/2026-06-01-note.md", 1),
    Case("E501", {NAME: VALID_ENTRY, "editions/2026-06-02.md": NOTE}, "entries/editions/2026-06-02.md", 1,
         hint="2026-06-01.md"),
    Case("E502", {NAME: VALID_ENTRY, NOTE_NAME: "An intro without front matter.\n"}, NOTE_PATH, 1),
    Case("E503", {NAME: VALID_ENTRY, NOTE_NAME: "---\nheadline: A week\n---\nIntro.\n"}, NOTE_PATH, 2, 1),
    Case("E504", {NAME: VALID_ENTRY, NOTE_NAME: "---\ntitle: [a, b]\n---\nIntro.\n"}, NOTE_PATH, 2, 8),
    Case("E505", {NAME: VALID_ENTRY, NOTE_NAME: "---\ntitle: A fine title\n---\n\nFirst.\n\nSecond.\n"},
         NOTE_PATH, 7),
    Case("E506", {NAME: VALID_ENTRY, NOTE_NAME: "---\ntitle: A fine title\n---\nSee <b>this</b>.\n"},
         NOTE_PATH, 4),
    Case("E507", {NAME: VALID_ENTRY, NOTE_NAME: NOTE.replace("top: valid-entry", "top: no-such-entry")},
         NOTE_PATH, 3, 6),
    Case("E508", {NAME: VALID_ENTRY, "editions/2026-06-08.md": NOTE}, "entries/editions/2026-06-08.md", 3, 6),
    Case("E509", {NAME: VALID_ENTRY, "2026/2026-06-03-draft-entry.md":
                  replace("date: 2026-06-02", "date: 2026-06-03\ndraft: true"),
                  NOTE_NAME: NOTE.replace("top: valid-entry", "top: draft-entry")}, NOTE_PATH, 3, 6),
    # A draft is work in progress: unfinished parts are warnings there (exit 0).
    Case("W140", {NAME: replace("summary: A lab released a model on 2026-06-02, and hospitals will use it.",
                                "draft: true\nsummary: ''")}, NAME, 6, 10),
    Case("W201", {NAME: replace("date:", "draft: true\ndate:").replace(CONTEXT, "")}, NAME, 19, 1),
    Case("W214", {NAME: replace("date:", "draft: true\ndate:").replace(CONTEXT, "TODO: write it.")},
         NAME, 21, 1),
    Case("W100", {NAME: replace("    quote: The lab released the model today.\n", "")}, NAME, 7),
]


def _id(case: Case) -> str:
    return case.code


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_code_is_reported_at_its_location(tmp_path: Path, case: Case) -> None:
    kwargs = {"tags": case.tags} if case.tags else {}
    write_project(tmp_path, case.files, **kwargs)
    result = digest("check", "--format", "json", cwd=tmp_path)
    found = json.loads(result.stdout)
    matching = [d for d in found if d["code"] == case.code]
    assert matching, f"{case.code} not reported; got {found}"
    path = case.path if case.path.startswith("entries/") else f"entries/{case.path}"
    at_path = [d for d in matching if d["path"] == path]
    assert at_path, matching
    first = at_path[0]
    assert first["line"] == case.line, first
    if case.col is not None:
        assert first["col"] == case.col, first
    if case.hint:
        assert case.hint in (first["hint"] or ""), first
    expected_status = 0 if case.code.startswith("W") else 1
    assert result.returncode == expected_status


def test_every_code_has_a_case() -> None:
    covered = {case.code for case in CASES} | {"E004", "E011", "W400", "W401"}  # tested below / elsewhere
    covered |= {"E310", "E311"}  # need git history: tests/editors/test_changed_since_history.py
    assert covered == set(CODES)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_symlink_leaving_the_repository_is_refused(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    outside = tmp_path / "secret.md"
    outside.write_text(VALID_ENTRY, encoding="utf-8")
    (project / "entries" / "2026-06-02-valid-entry.md").symlink_to(outside)
    result = digest("check", cwd=project)
    assert result.returncode == 1
    assert "entries/2026-06-02-valid-entry.md:1:1: error[E004]:" in result.stdout


def test_text_format_is_path_line_col_code_message(tmp_path: Path) -> None:
    write_project(tmp_path, {NAME: replace("tags: [ai, healthcare]", "tags: [ai, helthcare]")})
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://digest.example.org/\n")
    result = digest_process("check", cwd=tmp_path)  # end to end
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"entries/{NAME}:4:12: error[E131]: unknown tag 'helthcare'"
    assert lines[1].strip() == "hint: did you mean 'healthcare'?"
    assert lines[2].strip() == "see: https://digest.example.org/contributing/#e131"
    assert "1 error" in result.stderr
