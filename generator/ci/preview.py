"""A copy of the built site that browses from a folder (``file://``): what reviewers download.

The site uses directory URLs (``2026/06/02/slug/``), which a web server completes with
``index.html`` but a browser opening files does not. The copy rewrites every relative link
and source in the HTML pages that ends in a folder to that folder's ``index.html``; nothing
else changes (absolute links, feeds and the search index still point at the site).

    python -m generator.ci.preview site/ preview/
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Attributes holding URLs, in the double-quoted form MkDocs and the digest templates write.
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def folder_link(url: str) -> str:
    """``url`` with ``index.html`` added when it is a relative link to a folder."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "#")) or not parts.path:
        return url
    path = parts.path
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"
    if not path.endswith("/"):
        return url
    return urlunsplit(("", "", path + "index.html", parts.query, parts.fragment))


def browsable(html: str) -> str:
    return _URL_ATTRIBUTE.sub(lambda m: m.group(1) + folder_link(m.group(2)) + m.group(3), html)


def make_preview(site: Path, out: Path) -> int:
    """Copy ``site`` to ``out`` (replaced) with folder links completed; the pages rewritten."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out, symlinks=True)
    count = 0
    for page in sorted(out.rglob("*.html")):
        if page.is_symlink():
            continue
        text = page.read_text(encoding="utf-8")
        new = browsable(text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not Path(args[0]).is_dir():
        print("usage: python -m generator.ci.preview SITE_DIR OUT_DIR", file=sys.stderr)
        return 2
    count = make_preview(Path(args[0]), Path(args[1]))
    print(f"preview: {count} pages rewritten into {args[1]}; open {args[1]}/index.html",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
