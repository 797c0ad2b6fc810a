"""One verdict for a pull request: the outcome of every part of its check run (entries
checked, strict build, tests) and the entries' problems, as the Markdown of the job summary
and of the sticky comment. ✅ only when every part succeeded; a failed, cancelled, skipped
or unfinished part is shown as such.

Standard library only, so the comment workflow runs it from the default branch's files
without installing anything; everything it reads from the run's artifact (which
pull-request code wrote) is data, validated and escaped, never Markdown passed through.

    python -m generator.ci.verdict --outcome check=success --outcome build=failure ...
    python -m generator.ci.verdict --jobs jobs.json --run-conclusion success ...
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.ci.markdown_report import MARKER, table
from generator.diagnostics import Diagnostic

JOB = "Check, build and test"  # check.yml's job name: the required status check


@dataclass(frozen=True)
class Part:
    key: str
    step: str  # the step's name in check.yml
    label: str


PARTS = (
    Part("check", "Check the changed entries", "Entries checked (`digest check --changed-since`)"),
    Part("build", "Build the site (strict)", "Strict build (`digest build --strict`)"),
    Part("tests", "Tests", "Tests"),
)
SHOWN = {"success": "✅ passed", "failure": "❌ failed", "cancelled": "❌ cancelled",
         "timed_out": "❌ timed out", "skipped": "⏭️ skipped (an earlier step failed)",
         None: "⏳ not finished"}
FAILED = {"failure", "cancelled", "timed_out", "skipped", "action_required", "stale",
          "startup_failure"}
MAX_ARTIFACT = 5_000_000  # bytes of diagnostics JSON read at most
_SHA = re.compile(r"[0-9a-f]{40}")
_RUN_URL = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/actions/runs/[0-9]+")


def outcomes_from_jobs(jobs: object) -> dict[str, str | None]:
    """Each part's conclusion from the GitHub API's jobs of a run (``None``: not finished or
    not found)."""
    found: dict[str, str | None] = {part.key: None for part in PARTS}
    job_list = jobs.get("jobs") if isinstance(jobs, dict) else None
    for job in job_list if isinstance(job_list, list) else ():
        if not isinstance(job, dict) or job.get("name") != JOB:
            continue
        for step in job.get("steps") or ():
            for part in PARTS:
                if isinstance(step, dict) and step.get("name") == part.step:
                    done = step.get("status") == "completed"
                    conclusion = step.get("conclusion")
                    found[part.key] = conclusion if done and isinstance(conclusion, str) else None
    return found


def heading(outcomes: Mapping[str, str | None], run_conclusion: str | None = "success") -> str:
    values = [outcomes.get(part.key) for part in PARTS]
    if all(value == "success" for value in values) and run_conclusion == "success":
        return "## ✅ Ready for review: entries, strict build and tests pass"
    failed = [part.label.split(" (")[0].lower() for part, value in zip(PARTS, values, strict=True)
              if value in FAILED or (value is not None and value != "success")]
    if failed:
        return f"## ❌ Not ready: {', '.join(failed)} did not pass"
    if run_conclusion not in (None, "success"):
        return "## ❌ Not ready: the check run did not succeed"
    return "## ⏳ Not finished: wait for every step before merging"


def load_diagnostics(path: Path | None) -> tuple[list[Diagnostic], int | None]:
    """Diagnostics and file count from ``digest check --json FILE``; whatever is not the
    expected shape is dropped (the file comes from pull-request code)."""
    if path is None or not path.is_file():
        return [], None
    with path.open("rb") as handle:
        raw = handle.read(MAX_ARTIFACT + 1)
    try:
        data = json.loads(raw[:MAX_ARTIFACT].decode("utf-8", "replace"))
    except ValueError:
        return [], None
    if not isinstance(data, dict):
        return [], None
    files = data.get("files") if type(data.get("files")) is int else None
    found = []
    for item in data.get("diagnostics") if isinstance(data.get("diagnostics"), list) else ():
        if not isinstance(item, dict):
            continue
        path_, code, message = item.get("path"), item.get("code"), item.get("message")
        line, col, hint = item.get("line"), item.get("col"), item.get("hint")
        if not all(isinstance(v, str) for v in (path_, code, message)):
            continue
        found.append(Diagnostic(path_, line if type(line) is int else 0,
                                col if type(col) is int else 0, code, message,
                                hint if isinstance(hint, str) else None))
    return found, files


def render(outcomes: Mapping[str, str | None], diagnostics: list[Diagnostic],
           files: int | None = None, *, run_conclusion: str | None = "success",
           site_url: str | None = None, run_url: str | None = None,
           commit: str | None = None) -> str:
    """The verdict as Markdown: heading, one row per part, the entries' problems, how to
    open the preview, and the commit it is about."""
    lines = [MARKER, heading(outcomes, run_conclusion), "", "| Step | Result |", "| --- | --- |"]
    lines += [f"| {part.label} | {SHOWN.get(outcomes.get(part.key), '❔ unknown')} |"
              for part in PARTS]
    lines.append("")
    if files is not None:
        # By the code's letter: the artifact may hold codes this version does not know.
        errors = sum(not d.code.startswith("W") for d in diagnostics)
        warnings = len(diagnostics) - errors
        lines += [f"Entries: checked {files} file{'s' if files != 1 else ''}: "
                  f"{errors} error{'s' if errors != 1 else ''}, "
                  f"{warnings} warning{'s' if warnings != 1 else ''}.", ""]
    lines += table(diagnostics, site_url)
    if outcomes.get("build") == "success":
        where = (f"the `site` artifact of [this run]({run_url})"
                 if run_url and _RUN_URL.fullmatch(run_url) else "the run's `site` artifact")
        lines += [f"**Preview:** download {where}, unzip it and open `index.html` in a "
                  "browser (links work from the folder; search and feeds need the published site).",
                  ""]
    if commit and _SHA.fullmatch(commit):
        lines += [f"<sub>Commit {commit}</sub>", ""]
    return "\n".join(lines)


def _outcome(text: str) -> tuple[str, str | None]:
    key, _, value = text.partition("=")
    return key, (value or None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.ci.verdict", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outcome", action="append", default=[], type=_outcome,
                        metavar="PART=OUTCOME", help="check, build or tests = a step outcome")
    parser.add_argument("--jobs", type=Path, help="the GitHub API's jobs of the run (JSON)")
    parser.add_argument("--run-conclusion", help="the run's conclusion, when known")
    parser.add_argument("--diagnostics", type=Path, help="the file of 'digest check --json'")
    parser.add_argument("--site-url")
    parser.add_argument("--run-url")
    parser.add_argument("--commit")
    args = parser.parse_args(argv)
    outcomes: dict[str, str | None] = {part.key: None for part in PARTS}
    if args.jobs:
        outcomes = outcomes_from_jobs(json.loads(args.jobs.read_text(encoding="utf-8")))
    outcomes.update({key: value for key, value in args.outcome if key in outcomes})
    diagnostics, files = load_diagnostics(args.diagnostics)
    # From the API, the run's conclusion counts too (empty: not finished); from check.yml's
    # own steps, the run is this job, still running: its steps' outcomes are the verdict.
    conclusion = (args.run_conclusion or None) if args.jobs else "success"
    sys.stdout.write(render(outcomes, diagnostics, files, run_conclusion=conclusion,
                            site_url=args.site_url, run_url=args.run_url, commit=args.commit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
