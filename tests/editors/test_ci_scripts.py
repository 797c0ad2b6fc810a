"""The workflows' logic, offline: the verdict the job summary and the comment show, and
scripts/ci/pr-comment run against a fake ``gh`` that records what would be posted."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.ci import verdict
from generator.ci.verdict import PARTS, render
from tests.support import ROOT

ZWSP = "\u200b"
SHA = "0123456789abcdef0123456789abcdef01234567"
TABLE = "| Step | Result |\n| --- | --- |\n"


# -- the verdict ----------------------------------------------------------------------------

def test_green_check_with_a_red_build_is_not_green() -> None:
    body = render({"check": "success", "build": "failure", "tests": "success"}, [], 1)
    assert body == (
        "<!-- digest-check -->\n## ❌ Not ready: strict build did not pass\n\n" + TABLE
        + "| Entries checked (`digest check --changed-since`) | ✅ passed |\n"
        "| Strict build (`digest build --strict`) | ❌ failed |\n"
        "| Tests | ✅ passed |\n\nEntries: checked 1 file: 0 errors, 0 warnings.\n")
    assert "✅ Ready" not in body


OUTCOMES = ["success", "failure", "cancelled", "skipped", "timed_out", None]


@pytest.mark.parametrize("run_conclusion", ["success", "failure", None])
def test_green_only_when_every_part_and_the_run_succeeded(run_conclusion) -> None:
    for values in itertools.product(OUTCOMES, repeat=len(PARTS)):
        outcomes = dict(zip((p.key for p in PARTS), values, strict=True))
        title = render(outcomes, [], run_conclusion=run_conclusion).splitlines()[1]
        green = all(v == "success" for v in values) and run_conclusion == "success"
        assert title.startswith("## ✅") is green, (values, run_conclusion, title)
        if any(v not in ("success", None) for v in values):
            assert title.startswith("## ❌"), (values, title)


def test_the_verdict_needs_only_the_standard_library(tmp_path: Path) -> None:
    """comment.yml runs it with the runner's python3, nothing installed (-S: no site-packages)."""
    done = subprocess.run([sys.executable, "-S", "-m", "generator.ci.verdict", "--outcome",
                           "check=success", "--diagnostics", str(tmp_path / "missing.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("## ⏳ Not finished")


def test_outcomes_come_from_the_named_job_and_steps_of_the_run() -> None:
    steps = [{"name": "Check the changed entries", "status": "completed", "conclusion": "success"},
             {"name": "Build the site (strict)", "status": "completed", "conclusion": "success"},
             {"name": "Tests", "status": "in_progress", "conclusion": None}]
    jobs = {"jobs": [{"name": "Other", "steps": [{"name": "Tests", "status": "completed",
                                                  "conclusion": "success"}]},
                     {"name": verdict.JOB, "steps": steps}]}
    assert verdict.outcomes_from_jobs(jobs) == {"check": "success", "build": "success", "tests": None}
    assert verdict.outcomes_from_jobs({"jobs": "nonsense"}) == dict.fromkeys(
        ("check", "build", "tests"))


def test_check_yml_names_match_the_verdict() -> None:
    """The comment finds the outcomes by the job's and the steps' names in check.yml."""
    check = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    (job,) = check["jobs"].values()
    assert job["name"] == verdict.JOB
    names = [step.get("name") for step in job["steps"]]
    ids = {step.get("name"): step.get("id") for step in job["steps"]}
    for part in PARTS:
        assert part.step in names and ids[part.step] == part.key
    summary = job["steps"][-1]
    assert summary["if"] == "${{ !cancelled() }}" and "generator.ci.verdict" in summary["run"]
    assert {f"steps.{p.key}.outcome" for p in PARTS} <= {
        v.strip("${} ") for v in summary["env"].values()}


def test_artifact_data_is_validated_and_escaped(tmp_path: Path) -> None:
    hostile = {"files": 2, "diagnostics": [
        {"path": "entries/a|@x|.md", "line": 3, "col": 1, "code": "E104",
         "message": "unknown key '![i](https://evil.example/i.png)' @team #1", "hint": None},
        {"path": "entries/b.md", "line": "3", "col": 1, "code": "<img src=x>",
         "message": "[link](https://evil.example)", "hint": 5},
        {"path": 1, "code": "E104", "message": "dropped: path is not text"},
        "not a diagnostic",
    ]}
    path = tmp_path / "diagnostics.json"
    path.write_text(json.dumps(hostile), encoding="utf-8")
    diagnostics, files = verdict.load_diagnostics(path)
    body = render(dict.fromkeys(("check", "build", "tests"), "success"), diagnostics, files)
    rows = [line for line in body.splitlines() if line.startswith("| `")]
    assert rows == [
        "| `entries/a\\|@x\\|.md:3` | ❌ E104: unknown key '\\!\\[i\\]\\(https\\://evil\\.example/i\\.png\\)'"
        f" \\@{ZWSP}team \\#{ZWSP}1 | Remove the key or correct its spelling; the hint names the "
        "closest known key\\. |",
        "| `entries/b.md:0` | ❌ \\<img src=x\\>: \\[link\\]\\(https\\://evil\\.example\\) |  |"]
    assert "Entries: checked 2 files: 2 errors, 0 warnings." in body
    path.write_text("[not, json", encoding="utf-8")
    assert verdict.load_diagnostics(path) == ([], None)


# -- scripts/ci/pr-comment with a fake gh ----------------------------------------------------

FAKE_GH = r'''#!/usr/bin/env python3
import json, os, shutil, sys
from pathlib import Path
state = Path(os.environ["FAKE_GH"])
config = json.loads((state / "config.json").read_text())
args = sys.argv[1:]
with (state / "calls.log").open("a") as log:
    log.write(" ".join(a for a in args if not a.startswith(".[]")) + "\n")
if args[:2] == ["pr", "list"]:
    print(config.get("pr", ""))
elif args[:2] == ["run", "download"]:
    if "diagnostics" not in config:
        sys.exit(1)
    folder = Path(args[args.index("--dir") + 1])
    folder.mkdir(parents=True)
    (folder / "diagnostics.json").write_text(json.dumps(config["diagnostics"]))
elif args[0] == "api" and args[1].endswith("/jobs"):
    print(json.dumps(config["jobs"]))
elif args[:2] == ["api", "--paginate"]:
    print(config.get("existing", ""))
elif args[:2] == ["api", "--method"]:
    body = [a for a in args if a.startswith("body=@")][0][len("body=@"):]
    shutil.copy(body, state / "posted.md")
else:
    sys.exit(f"fake gh: unexpected call {args}")
'''


def _steps(check: str, build: str, tests: str) -> dict:
    return {"jobs": [{"name": verdict.JOB, "steps": [
        {"name": part.step, "status": "completed", "conclusion": value}
        for part, value in zip(PARTS, (check, build, tests), strict=True)]}]}


def pr_comment(tmp_path: Path, action: str, conclusion: str, **config) -> tuple[str, str | None]:
    """Run the script as comment.yml does: (calls made to gh, the body posted or None)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    if not (bin_dir / "python3").exists():
        (bin_dir / "python3").symlink_to(sys.executable)
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "FAKE_GH": str(tmp_path), "REPO": "news/digest", "RUN_ID": "42", "HEAD_SHA": SHA,
           "ACTION": action, "CONCLUSION": conclusion, "GH_TOKEN": "unused"}
    done = subprocess.run([str(ROOT / "scripts/ci/pr-comment")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    posted = tmp_path / "posted.md"
    return ((tmp_path / "calls.log").read_text(),
            posted.read_text(encoding="utf-8") if posted.exists() else None)


def test_comment_on_a_completed_run_with_a_red_build(tmp_path: Path) -> None:
    calls, body = pr_comment(tmp_path, "completed", "failure", pr="7",
                             jobs=_steps("success", "failure", "success"),
                             diagnostics={"files": 1, "diagnostics": []})
    assert body == (
        "<!-- digest-check -->\n## ❌ Not ready: strict build did not pass\n\n" + TABLE
        + "| Entries checked (`digest check --changed-since`) | ✅ passed |\n"
        "| Strict build (`digest build --strict`) | ❌ failed |\n"
        "| Tests | ✅ passed |\n\nEntries: checked 1 file: 0 errors, 0 warnings.\n\n"
        f"<sub>Commit {SHA}</sub>\n")
    assert "api --method POST repos/news/digest/issues/7/comments" in calls


def test_comment_when_everything_passes_says_how_to_open_the_preview(tmp_path: Path) -> None:
    _, body = pr_comment(tmp_path, "completed", "success", pr="7", existing="99",
                         jobs=_steps("success", "success", "success"),
                         diagnostics={"files": 1, "diagnostics": []})
    assert body.splitlines()[1] == "## ✅ Ready for review: entries, strict build and tests pass"
    assert ("**Preview:** download the `site` artifact of [this run]"
            "(https://github.com/news/digest/actions/runs/42), unzip it and open `index.html`") in body


def test_a_requested_run_replaces_the_old_verdict_with_not_finished(tmp_path: Path) -> None:
    calls, body = pr_comment(tmp_path, "requested", "", pr="7", existing="99", jobs={})
    assert body is not None and body.splitlines()[1].startswith("## ⏳ Not finished")
    assert "✅" not in body
    assert "api --method PATCH repos/news/digest/issues/comments/99" in calls
    assert "run download" not in calls and "/jobs" not in calls


def test_no_comment_when_no_open_pull_request_has_the_commit_as_head(tmp_path: Path) -> None:
    calls, body = pr_comment(tmp_path, "completed", "success", pr="",
                             jobs=_steps("success", "success", "success"))
    assert body is None and "--method" not in calls


def test_a_run_without_artifact_still_gets_its_verdict(tmp_path: Path) -> None:
    _, body = pr_comment(tmp_path, "completed", "failure", pr="7",
                         jobs=_steps("failure", "skipped", "skipped"))
    assert body is not None and body.splitlines()[1] == (
        "## ❌ Not ready: entries checked, strict build, tests did not pass")


def test_check_json_file_is_what_the_verdict_reads(tmp_path: Path, capsys) -> None:
    from tests.editors.helpers import entry, run
    from tests.support import write_project

    write_project(tmp_path, {"2026/2026-06-02-x.md": entry(**{"tags: [ai, healthcare]":
                                                                "tags: [ai, nope]"})})
    status, _, _ = run(tmp_path, "check", "--format", "github", "--json",
                       str(tmp_path / "d.json"), capsys=capsys)
    assert status == 1
    diagnostics, files = verdict.load_diagnostics(tmp_path / "d.json")
    assert files == 2 and [(d.path, d.line, d.code) for d in diagnostics] == [
        ("entries/2026/2026-06-02-x.md", 4, "E131")]


# -- scripts/ci/lane: which pull requests take the entries-only lane -----------------------

LANES = {
    "entries-only": ({"entries/2026/2026-06-02-new.md": "x"}, "entries"),
    "tags": ({"entries/tags.yml": "changed"}, "entries"),
    "entries-and-readme": ({"entries/2026/2026-06-02-new.md": "x", "README.md": "y"}, "full"),
    "code": ({"generator/x.py": "x"}, "full"),
    "docs": ({"docs/assets/javascripts/search.js": "x"}, "full"),
    "newline-name": ({"entries/a.md": "x", "x\nentries/b.md": "y"}, "full"),
    "nothing": ({}, "full"),
}


@pytest.mark.parametrize(("files", "lane"), LANES.values(), ids=LANES.keys())
def test_lane(tmp_path: Path, files: dict[str, str], lane: str) -> None:
    from tests.editors.helpers import git, git_repo

    (tmp_path / "entries").mkdir()
    (tmp_path / "entries/tags.yml").write_text("a: 1\n")
    (tmp_path / "README.md").write_text("readme\n")
    git_repo(tmp_path)
    git(tmp_path, "checkout", "-q", "-b", "pr")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "change")
    done = subprocess.run([str(ROOT / "scripts/ci/lane"), "main"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (0, lane + "\n"), done.stderr


def test_moving_a_file_into_entries_is_the_full_lane(tmp_path: Path) -> None:
    from tests.editors.helpers import git, git_repo

    (tmp_path / "entries").mkdir()
    (tmp_path / "hook.py").write_text("print('x')\n")
    git_repo(tmp_path)
    git(tmp_path, "checkout", "-q", "-b", "pr")
    git(tmp_path, "mv", "hook.py", "entries/hook.py")
    git(tmp_path, "commit", "-q", "-m", "move")
    done = subprocess.run([str(ROOT / "scripts/ci/lane"), "main"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=30)
    assert done.stdout == "full\n"


def test_check_yml_runs_both_lanes_in_one_job() -> None:
    check = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    assert len(check["jobs"]) == 1  # one required status check, whatever the lane
    steps = next(iter(check["jobs"].values()))["steps"]
    names = [step.get("name") for step in steps]
    assert names.index("Choose the lane") < names.index("Install")
    by_name = {step.get("name"): step for step in steps}
    assert by_name["Tests"]["run"] == 'scripts/ci/no-workflow-commands scripts/ci/tests "$LANE"'
    assert "make install EXTRAS=smoke" in by_name["Install"]["run"]
    assert "generator.ci.preview site preview" in by_name["Build the site (strict)"]["run"]
    assert by_name["Upload the preview"]["with"] == {"name": "site", "path": "preview/",
                                                      "retention-days": 7}
    tests = (ROOT / "scripts/ci/tests").read_text(encoding="utf-8")
    assert "-m smoke" in tests and "make test" in tests
