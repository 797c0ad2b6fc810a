"""What a reader downloads to run one search query on a built site.

Our site (generator/search/index.py) fetches its scripts, the index manifest, the term
shards and the metadata blocks of the results it shows; as the reader types, each keystroke
from the second character on runs a query, so the count is the union over those queries
(the site's own search-index.js runs them in Node: benchmarks/search_budget.mjs).
Material's built-in search fetches its worker and the whole ``search/search_index.json``.
Pagefind (kept to compare: the benchmark indexes the floor with it) fetches its loader,
metadata and WebAssembly, then only the index chunks that cover the query's words and the
fragments of the 10 results a dialog shows. Pagefind files are stored gzipped and served as
they are; JSON and JS are counted gzipped (what a server with compression sends).
"""

from __future__ import annotations

import gzip
import json
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

SHOWN_RESULTS = 10  # fragments loaded per query: our dialog (assets/javascripts/search.js) shows 10


@dataclass
class Download:
    kind: str  # "ours", "pagefind", "material" or "none"
    files: dict[str, int] = field(default_factory=dict)  # site path -> bytes on the wire

    @property
    def total(self) -> int:
        return sum(self.files.values())


def _wire(path: Path) -> int:
    """Bytes sent for a file: gzipped size for text assets, as stored for Pagefind's."""
    data = path.read_bytes()
    if path.suffix in {".js", ".json", ".css"}:
        return len(gzip.compress(data, 6))
    return len(data)


def query_download(site: Path, query: str) -> Download:
    if (site / "search" / "manifest.json").is_file():
        return _ours(site, query)
    entry = next(site.glob("**/pagefind-entry.json"), None)  # wherever the site keeps it
    if entry is not None:
        return _pagefind(site, entry.parent, query.lower())
    if (site / "search" / "search_index.json").is_file():
        return _material(site)
    return Download("none")


def _material(site: Path) -> Download:
    found = Download("material")
    index = site / "search" / "search_index.json"
    found.files[index.relative_to(site).as_posix()] = _wire(index)
    for worker in sorted((site / "assets" / "javascripts" / "workers").glob("search*.js")):
        found.files[worker.relative_to(site).as_posix()] = _wire(worker)
    return found


# --- Ours: generator/search/index.py's format, read as search-index.js reads it -----------

def _ours(site: Path, query: str) -> Download:
    """The files the site's own search-index.js fetches for ``query`` typed letter by letter
    (run in Node by benchmarks/search_budget.mjs), plus the dialog's scripts."""
    import shutil
    import subprocess

    found = Download("ours")
    scripts = site / "assets" / "javascripts"
    node = shutil.which("node")
    if node is None:
        found.kind = "ours (node is not installed: the query was not run)"
        return found
    run = subprocess.run([node, str(Path(__file__).with_name("search_budget.mjs")), str(scripts / "search-index.js"),
                          str(site), query], capture_output=True, text=True, check=True)
    paths = json.loads(run.stdout)[query]
    for path in [*(f"assets/javascripts/{name}" for name in ("search.js", "search-index.js", "stem.js")), *paths]:
        if (site / path).is_file():
            found.files[path] = _wire(site / path)
    if not any(path.startswith("search/m/") for path in paths):
        found.kind = "ours (the query matched nothing)"
    return found


# --- Pagefind: its files are "pagefind_dcd" + CBOR, gzipped ---------------------------

def _pf_load(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    return _Cbor(data[len(b"pagefind_dcd"):]).item()


class _Cbor:
    """The subset of CBOR Pagefind writes: ints, strings, arrays, maps."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def _arg(self, info: int) -> int:
        if info < 24:
            return info
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(self.data[self.pos:self.pos + size], "big")
        self.pos += size
        return value

    def item(self) -> object:
        head = self.data[self.pos]
        self.pos += 1
        major, info = head >> 5, head & 31
        if major == 7:
            if info == 27:  # float64: not used by Pagefind's index, handled for safety
                value = struct.unpack(">d", self.data[self.pos:self.pos + 8])[0]
                self.pos += 8
                return value
            return {20: False, 21: True, 22: None}.get(info)
        arg = self._arg(info)
        if major == 0:
            return arg
        if major == 1:
            return -1 - arg
        if major in (2, 3):
            raw = self.data[self.pos:self.pos + arg]
            self.pos += arg
            return raw.decode() if major == 3 else raw
        if major == 4:
            return [self.item() for _ in range(arg)]
        if major == 5:
            return {self.item(): self.item() for _ in range(arg)}
        return self.item()  # major 6: a tag; its content follows


def _pagefind(site: Path, base: Path, query: str) -> Download:
    found = Download("pagefind")

    def add(path: Path) -> None:
        found.files[path.relative_to(site).as_posix()] = _wire(path)

    add(base / "pagefind-entry.json")
    for name in ("pagefind.js", "pagefind-worker.js"):
        if (base / name).is_file():
            add(base / name)
    html = (site / "index.html").read_text(encoding="utf-8") if (site / "index.html").is_file() else ""
    for ui in sorted(base.glob("pagefind*-ui.*")):  # the UI bundle only when the site uses it
        if ui.name in html:
            add(ui)
    for script in sorted((site / "assets" / "javascripts").glob("search*.js")):  # a site's own glue
        if script.name in html:
            add(script)
    meta_path = next(base.glob("pagefind.*.pf_meta"))
    language = meta_path.name.split(".")[1].split("_")[0]
    wasm = base / f"wasm.{language}.pagefind"
    add(wasm if wasm.is_file() else base / "wasm.unknown.pagefind")
    add(meta_path)
    meta = _pf_load(meta_path)
    pages, chunks = meta[1], meta[2]
    for chunk in (meta[3] if len(meta) > 3 else []):  # filters load with the first search
        add(base / "filter" / f"{chunk[1]}.pf_filter")
    hits: dict[int, int] = {}
    # Pagefind stems query words before the lookup ("battery" -> "batteri"); this does not,
    # so pick a query whose stem is itself (the default, "microsoft") or the kind says so.
    for term in re.findall(r"\w+", query):
        for low, high, chunk_hash in chunks:
            if covers(low, high, term):
                chunk_path = base / "index" / f"{chunk_hash}.pf_index"
                add(chunk_path)
                _count_hits(_pf_load(chunk_path), term, hits)
    if not hits:  # say so rather than report a too-small download
        found.kind = "pagefind (no index chunk matched the query)"
    best = sorted(hits, key=lambda page: -hits[page])[:SHOWN_RESULTS]
    for page in best:
        add(base / "fragment" / f"{pages[page][0]}.pf_fragment")
    return found


def covers(low: str, high: str, term: str) -> bool:
    """Whether an index chunk holds words starting with ``term``. Chunk bounds are
    shortened prefixes ('mi'..'mic' holds 'microsoft'), so compare at their length."""
    return low[:len(term)] <= term and term[:len(high)] <= high


def _count_hits(chunk: object, term: str, hits: dict[int, int]) -> None:
    """Occurrences per page of words starting with ``term`` (Pagefind's prefix match)."""
    for word in chunk[0]:
        if word[0].startswith(term):
            for page in word[1]:
                hits[page[0]] = hits.get(page[0], 0) + len(page[1])
