"""Run `digest import-feed` over a corpus of feeds nobody here wrote, and say what broke.

    python scripts/import_corpus.py FOLDER_OR_GIT_REPO [...]

Every *.xml, *.rss, *.atom and *.rdf file below each folder (for a bare git repository,
below its HEAD, exported into a temporary folder first) is imported into a fresh
project of its own. Reported: tracebacks (never acceptable), feeds refused as
unreadable (fine: the command says why), drafts written, and drafts whose `digest check`
problems are anything but placeholders (W214: drafts may hold them). Exit status 1 when
any traceback or other problem was found.

Corpora used so far (not committed; fetch them yourself): feedparser's test feeds
(github.com/kurtmckee/feedparser, tests/) and the W3C feed validator's test cases
(github.com/w3c/feedvalidator, testcases/).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import main as digest  # noqa: E402
from generator.entries.loader import check  # noqa: E402
from generator.settings import Settings  # noqa: E402

SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
TAGS = "ai:\n  name: AI\n  description: Artificial intelligence.\n"
MKDOCS = "site_name: Corpus\nsite_url: https://digest.example.org/\n"


def feed_files(source: Path, scratch: Path) -> list[Path]:
    if (source / "HEAD").is_file() and (source / "objects").is_dir():  # a bare repository
        target = scratch / source.parent.name
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "--git-dir", str(source), "archive", "HEAD"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        source = target
    return sorted(p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def import_one(feed: Path, project: Path) -> tuple[str, list[str]]:
    """('traceback' | 'refused' | 'imported', [codes of non-placeholder problems])."""
    (project / "entries").mkdir(parents=True)
    (project / "entries" / "tags.yml").write_text(TAGS, encoding="utf-8")
    (project / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = digest(["--root", str(project), "import-feed", str(feed), "--tag", "ai"])
    except SystemExit as stop:
        status = stop.code
    except Exception:  # what this script is looking for
        return "traceback", [traceback.format_exc(limit=3)]
    if status != 0:
        return "refused", []
    result = check(project, Settings(site_url="https://digest.example.org/"), cache=False)
    other = [f"{d.code} {d.message}" for d in result.diagnostics if d.code not in ("W214", "W100")]
    return "imported", other


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    outcomes: Counter[str] = Counter()
    drafts = 0
    bad: list[tuple[Path, list[str]]] = []
    with tempfile.TemporaryDirectory(prefix="digest-import-corpus-") as tmp:
        scratch = Path(tmp)
        files = [f for source in argv for f in feed_files(Path(source), scratch / "feeds")]
        for number, feed in enumerate(files):
            project = scratch / "projects" / str(number)
            outcome, problems = import_one(feed, project)
            outcomes[outcome] += 1
            drafts += sum(1 for _ in (project / "entries").rglob("*.md"))
            if outcome == "traceback" or problems:
                bad.append((feed, problems))
    print(f"{len(files)} feed files: {outcomes['imported']} imported, {outcomes['refused']} refused "
          f"as unreadable, {outcomes['traceback']} tracebacks; {drafts} drafts written")
    for feed, problems in bad[:50]:
        print(f"- {feed}: " + " | ".join(p.strip().splitlines()[-1] for p in problems[:3]))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
