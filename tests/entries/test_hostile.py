"""Hostile input never runs code, never hangs, and always gets located errors.

Property-based: whatever bytes or YAML arrive, checking an entry either accepts it or
reports errors that each carry a code and a location inside the file.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import CODES
from generator.entries.loader import entry_from_text, load
from generator.entries.reader import decode
from generator.entries.rules.vocabulary import load_vocabulary
from generator.settings import Settings
from tests.support import TAGS_YML, VALID_ENTRY, write_project

NAME = "2026-06-02-valid-entry.md"
SETTINGS = Settings()


def _vocabulary(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("vocab") / "tags.yml"
    path.write_text(TAGS_YML, encoding="utf-8")
    return load_vocabulary(path, "entries/tags.yml")[0]


def check_bytes(data: bytes, tags: dict) -> tuple[object, list]:
    """What `digest check` does for one file's bytes."""
    text, problems = decode(data, NAME)
    if text is None:
        return None, problems
    return entry_from_text(text, NAME, NAME, tags, SETTINGS)


def assert_accepted_or_located(entry, problems, text_lines: int) -> None:
    errors = [p for p in problems if p.code.startswith("E")]
    assert (entry is None) == bool(errors)
    for problem in problems:
        assert problem.code in CODES
        assert 1 <= problem.line <= max(text_lines, 1) + 1
        assert problem.col >= 1
        assert problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(tmp_path_factory, data: bytes) -> None:
    tags = _vocabulary(tmp_path_factory)
    entry, problems = check_bytes(data, tags)
    assert_accepted_or_located(entry, problems, data.count(b"\n") + 1)
    assert entry is None


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=st.dictionaries(
    st.sampled_from(["title", "date", "tags", "summary", "sources", "updated", "draft", "id",
                     "aliases", "other"]), yaml_values, max_size=8))
def test_arbitrary_yaml_front_matter(tmp_path_factory, front: dict) -> None:
    tags = _vocabulary(tmp_path_factory)
    body = VALID_ENTRY.split("---\n", 2)[2]
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    entry, problems = check_bytes(text.encode("utf-8", "surrogatepass"), tags)
    assert_accepted_or_located(entry, problems, text.count("\n") + 1)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=600))
def test_arbitrary_body(tmp_path_factory, body: str) -> None:
    tags = _vocabulary(tmp_path_factory)
    text = VALID_ENTRY.split("## What's new")[0] + body
    entry, problems = check_bytes(text.encode("utf-8", "surrogatepass"), tags)
    assert_accepted_or_located(entry, problems, text.count("\n") + 1)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]"
              for i in range(20)]
    bomb = "---\n" + "\n".join(lines) + "\n---\n"
    write_project(tmp_path, {NAME: bomb})
    started = time.perf_counter()
    result = load(tmp_path, SETTINGS)
    elapsed = time.perf_counter() - started
    codes = [d.code for d in result.diagnostics if d.path.endswith(NAME)]
    # The bomb is refused before composing; the (empty) body is still checked.
    assert codes == ["E103", "E200", "E200", "E200"]
    print(f"alias bomb refused in {elapsed:.3f}s")  # figure, not an assertion


def test_python_tags_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    entry = VALID_ENTRY.replace(
        "title: A valid entry about a model launch",
        f"title: !!python/object/apply:os.system ['touch {marker}']")
    write_project(tmp_path, {NAME: entry})
    result = load(tmp_path, SETTINGS)
    assert not marker.exists()
    assert [d.code for d in result.diagnostics] == ["E103"]


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    write_project(tmp_path)
    big = tmp_path / "entries" / NAME
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs
    result = load(tmp_path, SETTINGS)
    assert [d.code for d in result.diagnostics] == ["E001"]
