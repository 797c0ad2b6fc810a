"""The Nu HTML checker (vnu.jar from the npm package vnu-jar, run by Java 17+) over a built
site, and the few messages about Material's own markup that the site cannot change.

Every HTML file is checked in one JVM (it takes seconds to start). Messages come back as
JSON (``--format json --stdout``: stderr may carry the JVM's own notes, such as "Picked up
JAVA_TOOL_OPTIONS"); :func:`errors` keeps the errors, minus the
:data:`MATERIAL` ones, each of which matches one message text *and* one piece of markup.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

VNU_JAR = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True, slots=True)
class Known:
    """An error in Material's own markup: the message and the markup it must be about."""

    message: str  # the whole message text, compared exactly
    extract: re.Pattern[str]  # must match the message's "extract" (the markup around it)
    why: str


AUTOCOMPLETE = ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
                "“search”, “tel”, “text”, “time”, “url”, or “week”.")

# Material 9.8 templates/base.html, lines 99-100, outside any block a theme override can
# replace (only a copy of the whole base.html could): the drawer and search toggles are
# <input type="checkbox" ... autocomplete="off">. HTML allows autocomplete on text-like
# inputs only, but Material sets it on purpose: without it Firefox restores a checkbox's
# state on back/forward navigation, and the page would come back with the drawer or the
# search dialog open. Only these two inputs, by their ids, are forgiven; the same error
# on any other element (ours, such as the __toc checkbox in main.html) still fails.
MATERIAL = (
    Known(AUTOCOMPLETE,
          re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                     r'id="__(drawer|search)" autocomplete="off">'),
          "Material's base.html: drawer and search toggles (Firefox state restore)"),
    # The newsletter (editions/*/email.html) is mail, not a page: its hidden preheader
    # carries Outlook's own "mso-hide: all", without which Outlook shows the preview text
    # in the message. Only that property on the preheader is forgiven.
    Known("CSS: “mso-hide”: Property “mso-hide” doesn't exist.",
          re.compile(r'<div class="preheader" style="[^"]*mso-hide: all'),
          "the newsletter's preheader: Outlook's mso-hide"),
)


def java() -> str | None:
    return shutil.which("java")


def check(site: Path, jar: Path = VNU_JAR) -> list[dict]:
    """Every message the checker gives on every HTML file under ``site`` (one JVM)."""
    files = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run(
        [java() or "java", "-jar", str(jar), "--format", "json", "--stdout", "--skip-non-html", *files],
        capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu.jar gave no JSON (exit {result.returncode}):\n"
                           f"{result.stdout}{result.stderr}") from error
    return report["messages"]


def known(message: dict) -> Known | None:
    """The :data:`MATERIAL` entry that forgives ``message``, if any."""
    for entry in MATERIAL:
        if message.get("message") == entry.message and entry.extract.search(message.get("extract") or ""):
            return entry
    return None


def is_error(message: dict) -> bool:
    # "non-document-error" (a file it could not read or parse) counts too.
    return message.get("type") in ("error", "non-document-error") or message.get("subType") == "fatal"


def describe(message: dict, site: Path) -> str:
    where = message.get("url", "").removeprefix("file:").removeprefix(str(site)).lstrip("/.")
    extract = " ".join((message.get("extract") or "").split())
    return f"{where}:{message.get('lastLine', '?')}: {message.get('message')}  [{extract}]"
