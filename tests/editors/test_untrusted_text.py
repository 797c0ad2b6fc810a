"""Nothing from an entry file is interpreted where CI shows it: not as Markdown in the job
summary and the bot's comment (tables, links, images, HTML, @-mentions), not as a workflow
command in a CI log (a line starting with '::')."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.ci.markdown_report import code_span, escape, markdown_report
from generator.diagnostics import CODES, Diagnostic
from tests.editors.helpers import entry, run
from tests.support import ROOT, write_project

ZWSP = "\u200b"
HOSTILE_KEYS = (
    '"![x](https://evil.example/p.png)": 1\n'
    '"[click](https://evil.example)": 2\n'
    '"a\\n::notice title=Hi::pwned\\n::stop-commands::tok": 3'
)
FIX = "Remove the key or correct its spelling; the hint names the closest known key\\."
HINT = (" <br>hint: allowed keys\\: title, date, tags, summary, sources, updated, draft, id, aliases, "
        "authors, image, corrections")


def _hostile_project(root: Path) -> None:
    (root / "mkdocs.yml").write_text("site_name: T\nsite_url: https://digest.example.org/\n"
                                     "plugins:\n  - digest\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    write_project(root, {"2026/2026-06-02-x.md": entry(**{
        "tags: [ai, healthcare]": "tags: [ai, healthcare]\n" + HOSTILE_KEYS})})


def test_keys_that_would_render_as_image_or_link_are_plain_text(tmp_path: Path, capsys) -> None:
    _hostile_project(tmp_path)
    status, out, _ = run(tmp_path, "check", "--format", "markdown", capsys=capsys)
    assert status == 1
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    link = "[E104](https://digest.example.org/contributing/#e104)"
    assert rows == [
        f"| `entries/2026/2026-06-02-x.md:5` | ❌ {link}: unknown key "
        "'\\!\\[x\\]\\(https\\://evil\\.example/p\\.png\\)' in the front matter"
        f"{HINT} | {FIX} |",
        f"| `entries/2026/2026-06-02-x.md:6` | ❌ {link}: unknown key "
        "'\\[click\\]\\(https\\://evil\\.example\\)' in the front matter"
        f"{HINT} | {FIX} |",
        f"| `entries/2026/2026-06-02-x.md:7` | ❌ {link}: unknown key "
        "'a\\\\n\\:\\:notice title=Hi\\:\\:pwned\\\\n\\:\\:stop-commands\\:\\:tok' in the front matter"
        f"{HINT} | {FIX} |",
    ]


def test_a_file_name_cannot_break_the_table_or_mention_anyone(tmp_path: Path, capsys) -> None:
    write_project(tmp_path, {"2026/2026-06-02-a|@someone|b.md": entry()})
    status, out, _ = run(tmp_path, "check", "--format", "markdown", capsys=capsys)
    assert status == 1
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    assert rows == [
        "| `entries/2026/2026-06-02-a\\|@someone\\|b.md:1` | ❌ E010: file name "
        f"'2026-06-02-a\\|\\@{ZWSP}someone\\|b\\.md' is not YYYY-MM-DD-slug\\.md <br>hint: the slug "
        "is lowercase letters, digits and single hyphens, and the name ends in '\\.md'; names "
        "starting with '\\_' are not entries | Rename the file to the entry's date "
        "and slug, e\\.g\\. 2026-06-02-mayo-microsoft-model\\.md\\. |"]


def test_the_strict_build_log_gets_no_workflow_command_from_an_entry(tmp_path: Path) -> None:
    _hostile_project(tmp_path)
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    log = done.stdout + done.stderr
    assert not [line for line in log.splitlines() if line.lstrip().startswith("::")], log
    assert ("ERROR   -  entries/2026/2026-06-02-x.md:7:1: error[E104]: unknown key "
            "'a\\n::notice title=Hi::pwned\\n::stop-commands::tok' in the front matter\n"
            "  hint: allowed keys: title, date, tags, summary, sources, updated, draft, id, aliases, "
            "authors, image, corrections\n"
            ) in log


def test_check_output_in_every_format_keeps_entry_text_inside_its_line(tmp_path: Path,
                                                                       capsys) -> None:
    _hostile_project(tmp_path)
    for fmt in ("text", "github"):
        _, out, _ = run(tmp_path, "check", "--format", fmt, capsys=capsys)
        lines = out.splitlines()
        assert not [line for line in lines if line.startswith("::") and not
                    line.startswith(("::error file=", "::warning file="))], out
        if fmt == "github":
            assert ("::error file=entries/2026/2026-06-02-x.md,line=7,col=1,title=E104::"
                    "unknown key 'a%0A::notice title=Hi::pwned%0A::stop-commands::tok'") in out


NO_COMMANDS = ROOT / "scripts" / "ci" / "no-workflow-commands"


def _guarded(*command: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(NO_COMMANDS), *command], capture_output=True, timeout=30)


def test_the_ci_wrapper_turns_workflow_commands_off_around_untrusted_output() -> None:
    done = _guarded("sh", "-c", "printf '::notice::x\\n'; printf '::add-mask::y' >&2; exit 3")
    assert done.returncode == 3 and done.stderr == b""
    match = re.fullmatch(rb"::stop-commands::([0-9a-f]{32})\n::notice::x\n::add-mask::y\n::\1::\n",
                         done.stdout)
    assert match, done.stdout
    # A fresh token each run: output cannot know it in advance to resume the commands.
    assert match.group(1) not in _guarded("true").stdout


# -- the class: any text at all ------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
# An unescaped pipe: one not preceded by a backslash (escaped backslashes are pairs).
_CELL_BREAK = re.compile(r"(?<!\\)(?:\\\\)*\|")


@given(message=_TEXT, hint=st.none() | _TEXT, path=_TEXT)
def test_any_entry_text_stays_literal_in_its_table_cell(message: str, hint: str | None,
                                                        path: str) -> None:
    diagnostic = Diagnostic(path, 3, 1, "E104", message, hint)
    report = markdown_report([diagnostic], "checked 1 file: 1 error, 0 warnings", None)
    row = report.splitlines()[-2] if report.endswith("\n\n") else report.splitlines()[-1]
    assert row.startswith("| `") and row.endswith(" |")
    # Exactly three cells: only the pipes the report wrote are unescaped.
    cells = _CELL_BREAK.split(row.replace(code_span(f"{path}:3"), "WHERE"))
    assert len(cells) == 5, row
    for text in (message, hint or ""):
        escaped = escape(text)
        assert "\n" not in escaped and "\r" not in escaped
        assert not re.search(r"(?<!\\)(?:\\\\)*[\[\]()<>!`*_~|&$:.]", escaped), escaped
        assert not re.search(f"[@#](?!{ZWSP})", escaped), escaped
    where = code_span(f"{path}:3")
    assert "\n" not in where and not _CELL_BREAK.search(where.replace("\\|", ""))


@given(message=_TEXT, hint=st.none() | _TEXT, path=_TEXT)
def test_any_entry_text_cannot_start_a_line_of_a_log(message: str, hint: str | None,
                                                     path: str) -> None:
    diagnostic = Diagnostic("entries/" + path, 3, 1, "E104", message, hint)
    text = diagnostic.format("https://digest.example.org/")
    lines = text.split("\n")
    assert lines[0].startswith("entries/")
    assert all(line.startswith(("  hint: ", "  see: ")) for line in lines[1:])
    assert len(lines) == 1 + bool(hint) + 1
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", text.replace("\n", ""))
    assert diagnostic.format_github().count("\n") == 0
    assert CODES[diagnostic.code]
