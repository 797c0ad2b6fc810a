"""Write a compiled site as a plain docs tree: Markdown pages with YAML front matter and
an HTML body, plus the other files (redirect pages, feeds) as they are.

This is what ``digest compile OUT_DIR`` produces; the MkDocs plugin hands the very same
page text to MkDocs as generated files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.compile.pages import CompiledPage, CompiledSite

MARKER = ".digest-compile"
MARKER_TEXT = "Written by 'digest compile'; the next run replaces everything in this folder.\n"

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class OutputError(Exception):
    """The output folder is not ours to write into."""


def page_source(page: CompiledPage) -> str:
    """The page as a Markdown file: YAML front matter, then the HTML body."""
    front = yaml.dump(page.front_matter(), Dumper=_Dumper, sort_keys=True, allow_unicode=True,
                      width=1_000_000, default_flow_style=False)
    return f"---\n{front}---\n\n{page.html}"


def write_tree(site: CompiledSite, out_dir: Path, root: Path | None = None) -> int:
    """Write every page and file below ``out_dir``, and the assets (entries' image files)
    copied from the project at ``root`` (default: the working folder); returns the number
    of files written.

    Refuses a non-empty folder unless an earlier ``digest compile`` wrote it (it has the
    marker file); that earlier output is replaced entirely, so the result depends only on
    the input.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not (out_dir / MARKER).is_file():
            raise OutputError(f"{out_dir} is not empty and was not written by 'digest compile'; "
                              "choose an empty or new folder")
        for child in out_dir.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    count = 0
    for page in site.pages:
        _write(out_dir, page.src, page_source(page).encode("utf-8"))
        count += 1
    for path, content in site.files.items():
        _write(out_dir, path, content)
        count += 1
    for path, source in site.assets.items():
        _write(out_dir, path, ((root or Path.cwd()) / source).read_bytes())
        count += 1
    return count


def _write(root: Path, relative: str, content: bytes) -> None:
    target = root.joinpath(*relative.split("/"))
    if not target.resolve().is_relative_to(root.resolve()):
        raise OutputError(f"refusing to write outside the output folder: {relative}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
