"""The site's search index: a small static inverted index, split so that one query fetches
a few small files (format in docs/overrides/assets/javascripts/search-index.js, which reads it).

``<site>/search/``:
- ``manifest.json``: ``{"version", "docs", "entries", "block", "shards", "hash"}``;
  ``shards`` are the sorted shard keys, ``hash`` changes whenever any other file does (the
  reader adds it to their URLs so that a browser never mixes files of two builds).
- ``t/<key>.json``: the terms whose *stem's* longest matching key is ``<key>`` (so every word
  sharing a stem is in one shard; keys are 2-4 leading characters; a shard over
  ``SHARD_BYTES`` is split by one more character, the stems equal to the key itself staying
  put). ``{"p": {term: ids}, "x": {term: ids}, "t": .., "l": .., "g": ..}``: ``p`` the
  documents holding the term anywhere, ``x`` for terms in more than half the documents the
  ones *not* holding it (so common words cost little and still answer exactly), ``t``,
  ``l`` and ``g`` the documents holding it in their title, lede and tags (for ranking).
  Ids are sorted and delta-encoded. A key outside [a-z0-9] is "_" and the hex of its UTF-8.
- ``index.html``: the shareable address of a search, ``<site>/search/?q=...``: it sends the
  reader to the home page with the same query, where search.js opens the dialog with it.
- ``m/<n>.json``: documents ``n*block`` to ``n*block+block-1``: ``[url, title, date, lede, kind]``
  (kind 0 entry, 1 tag page, 2 hand-written page).
- ``f/tag-<slug>.json`` and ``f/year-<yyyy>.json``: the entries with that tag, of that year
  (delta-encoded ids), fetched only when the reader filters by it; the manifest's
  ``filters`` lists them: ``{"tags": [[slug, name], ...], "years": [newest, ...]}``.

Documents are the records of generator.search.records in index order: entries newest first
(the site's order), so a lower id is a newer entry, then the tag and hand-written pages.
Everything is serialized with sorted keys and fixed separators: the same records give the
same bytes whatever their input order.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from generator.memo import NO_MEMO, Memo
from generator.search.records import KINDS, SearchRecord, ordered
from generator.search.tokenize import stem, terms

INDEX_DIR = "search"
FORMAT_VERSION = 3
FIELDS = ("t", "l", "g")  # title, lede, tags
BLOCK = 5  # documents per metadata file: small, as the results of each keystroke spread over many
SHARD_BYTES = 30_000  # split a shard above this (uncompressed JSON, roughly): ~10 KB gzipped
MIN_KEY, MAX_KEY = 2, 4
LEDE_CHARS = 200
_SAFE_KEY = re.compile(r"[a-z0-9]+")
SHARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Search</title>
<script>location.replace(new URL("../" + location.search + location.hash, location.href).href);</script>
</head><body><p><a href="../">Search on the home page</a></p></body></html>
"""


class Postings:
    """Sorted document ids per term, for the whole text and per ranked field."""

    def __init__(self) -> None:
        # defaultdict, not setdefault: that would build an empty array for every call.
        self.body: defaultdict[str, array] = defaultdict(partial(array, "I"))
        self.fields: dict[str, defaultdict[str, array]] = {
            name: defaultdict(partial(array, "I")) for name in FIELDS}
        self.docs = 0
        self.changed: set[str] | None = None  # terms changed by patched(); None: all new

    def add(self, record: SearchRecord, memo: Memo = NO_MEMO) -> None:
        doc = self.docs
        self.docs += 1
        # Documents arrive in id order, so every list stays sorted; arrays keep 4 bytes an id.
        found, every = memo.call(("terms", record.kind, record.url), record_terms, record)
        body = self.body
        for term in every:
            body[term].append(doc)
        for name, held in found.items():
            field = self.fields[name]
            for term in held:
                field[term].append(doc)

    def patched(self, changes: Iterable[tuple[int, RecordTerms, RecordTerms]]) -> Postings:
        """A copy where each document ``doc`` of ``changes`` has the terms ``new`` instead
        of ``old`` (the same number of documents: ids do not move). The arrays of the terms
        concerned are replaced, never changed in place, so ``self`` stays as it was."""
        copy = Postings()
        copy.docs = self.docs
        copy.body.update(self.body)
        for name in FIELDS:
            copy.fields[name].update(self.fields[name])
        copy.changed = set()
        for doc, (old_found, old_every), (new_found, new_every) in changes:
            copy._move(copy.body, doc, old_every, new_every)
            for name in FIELDS:
                copy._move(copy.fields[name], doc, old_found[name], new_found[name])
        return copy

    def _move(self, index: defaultdict[str, array], doc: int, old: set[str], new: set[str]) -> None:
        assert self.changed is not None
        for term in old - new:
            ids = array("I", index[term])
            del ids[bisect_left(ids, doc)]
            if ids:
                index[term] = ids
            else:
                del index[term]
            self.changed.add(term)
        for term in new - old:
            ids = array("I", index.get(term, ()))
            ids.insert(bisect_left(ids, doc), doc)
            index[term] = ids
            self.changed.add(term)


RecordTerms = tuple[dict[str, set[str]], set[str]]
# Above this many changed documents, indexing afresh is as quick as patching.
PATCH_LIMIT = 200


def _postings(records: list[SearchRecord], memo: Memo) -> Postings:
    """The postings of ``records``: patched from the last build's when only a few records
    differ at the same positions (an edit), else built afresh."""
    last = memo.previous("postings")
    postings = None
    if isinstance(last, tuple) and len(last[0]) == len(records):
        before, previous = last
        changed = {doc for doc, (old, new) in enumerate(zip(before, records, strict=True))
                   if old is not new and old != new}
        if len(changed) <= PATCH_LIMIT:
            postings = previous.patched(
                (doc, record_terms(before[doc]),
                 memo.call(("terms", records[doc].kind, records[doc].url), record_terms, records[doc]))
                for doc in sorted(changed))
            for doc, record in enumerate(records):  # keep the other records' terms for later
                if doc not in changed:
                    memo.call(("terms", record.kind, record.url), record_terms, record)
    if postings is None:
        postings = Postings()
        for record in records:
            postings.add(record, memo)
    memo.keep("postings", (records, postings))
    return postings


def record_terms(record: SearchRecord) -> tuple[dict[str, set[str]], set[str]]:
    """A record's terms per ranked field, and all its terms."""
    found = {"t": terms(record.title), "l": terms(record.lede), "g": terms(" ".join(record.tags))}
    return found, set().union(*found.values(), terms(" ".join(record.body)))


def write_search_index(site_dir: Path, records: Iterable[SearchRecord], memo: Memo = NO_MEMO) -> int:
    """Write ``site_dir/search/`` for ``records``; the number indexed. With a ``memo``
    (``digest serve``), records tokenized before are not tokenized again and only the
    files whose bytes changed are written (the others are left as the last build wrote
    them); without, the folder is written afresh."""
    records = ordered(records)
    postings = _postings(records, memo)
    meta: list[list[object]] = []
    entries = 0
    facets: defaultdict[str, list[int]] = defaultdict(list)  # file name -> ids
    tag_names: dict[str, str] = {}
    for doc, record in enumerate(records):
        entries += record.kind == "entry"
        for slug, name in zip(record.tag_slugs, record.tags, strict=False):
            facets[f"tag-{slug}"].append(doc)
            tag_names[slug] = name
        if record.year:
            facets[f"year-{record.year}"].append(doc)
        url = "/" + record.url
        meta.append([url, record.title, record.date, excerpt(record.lede), KINDS.index(record.kind)])
    files: dict[str, bytes] = {}
    digest = hashlib.sha256()
    groups = memo.previous("groups")
    groups = groups if isinstance(groups, dict) else {}
    groups = {term: groups.get(term) or _group_key(term) for term in postings.body}
    memo.keep("groups", groups)
    keys = shard_keys({term: _size(term, ids, postings.docs) for term, ids in postings.body.items()},
                      groups)
    for key, data in _encoded_shards(postings, keys, memo):
        files[f"t/{file_name(key)}.json"] = data
        digest.update(data)
    for start in range(0, len(meta), BLOCK):
        digest.update(_encode(files, f"m/{start // BLOCK}.json", meta[start:start + BLOCK]))
    for name, ids in sorted(facets.items()):
        digest.update(_encode(files, f"f/{name}.json", _deltas(ids)))
    filters = {"tags": sorted(tag_names.items(), key=lambda pair: (pair[1].lower(), pair[0])),
               "years": sorted((name[5:] for name in facets if name.startswith("year-")), reverse=True)}
    files["index.html"] = SHARE_PAGE.encode("utf-8")
    _encode(files, "manifest.json", {"version": FORMAT_VERSION, "docs": postings.docs, "entries": entries,
                                     "block": BLOCK, "filters": filters,
                                     "shards": sorted(set(keys.values())), "hash": digest.hexdigest()[:16]})
    _write_files(site_dir / INDEX_DIR, files, memo)
    return postings.docs


def _write_files(out: Path, files: dict[str, bytes], memo: Memo) -> None:
    """Write ``files`` into ``out``: afresh, or (with a memo) just those that changed since
    the last build, removing those it wrote then and not now."""
    written = memo.previous("search-files")  # {name: bytes} as the last build wrote them
    if not isinstance(written, dict) or not out.is_dir():
        if out.exists():
            shutil.rmtree(out)
        written = {}
    for name, data in files.items():
        if written.get(name) != data:
            path = out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for name in written.keys() - files.keys():
        (out / name).unlink(missing_ok=True)
    memo.keep("search-files", files)


def excerpt(text: str) -> str:
    """At most ``LEDE_CHARS`` characters of ``text``, cut at a word boundary."""
    if len(text) <= LEDE_CHARS:
        return text
    cut = text[:LEDE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def file_name(key: str) -> str:
    return key if _SAFE_KEY.fullmatch(key) else "_" + key.encode().hex()


def _group_key(term: str) -> str:
    """What a term's shard is chosen by: its stem (the term itself when the stem is shorter
    than a key)."""
    stemmed = stem(term)
    return stemmed if len(stemmed) >= MIN_KEY else term


def shard_keys(sizes: dict[str, int], by: dict[str, str] | None = None) -> dict[str, str]:
    """term -> its shard's key, from the leading characters of ``by[term]`` (the term itself
    by default), splitting shards over ``SHARD_BYTES`` by one more character."""
    name = by or {term: term for term in sizes}
    placed: dict[str, str] = {}
    pending = list(_group(sorted(sizes), MIN_KEY, name).items())
    while pending:
        key, group = pending.pop()
        if len(key) >= MAX_KEY or sum(sizes[term] for term in group) <= SHARD_BYTES:
            placed.update(dict.fromkeys(group, key))
            continue
        placed.update((term, key) for term in group if len(name[term]) == len(key))
        pending += _group([term for term in group if len(name[term]) > len(key)], len(key) + 1, name).items()
    return placed


def _group(terms: list[str], length: int, name: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for term in terms:
        groups.setdefault(name[term][:length], []).append(term)
    return groups


def _size(term: str, ids: array, docs: int) -> int:
    """Roughly the JSON bytes of a term's postings (~3 per id: small deltas and a comma)."""
    return len(term) + 4 + 3 * min(len(ids), docs - len(ids))


def _encoded_shards(postings: Postings, keys: dict[str, str], memo: Memo) -> Iterator[tuple[str, bytes]]:
    """(key, JSON of its shard) in key order; a shard with the same terms as in the last
    build, none of them changed by the postings' patch, is not encoded again."""
    last = memo.previous("shards")
    last = last if isinstance(last, dict) and postings.changed is not None else {}
    changed = postings.changed or set()
    kept: dict[str, tuple[tuple[str, ...], bytes]] = {}
    by_key = _group_by(keys)
    for key in sorted(by_key):
        names = tuple(by_key[key])
        previous = last.get(key)
        if previous is not None and previous[0] == names and changed.isdisjoint(names):
            data = previous[1]
        else:
            data = _json(_shard(postings, names))
        kept[key] = (names, data)
        yield key, data
    memo.keep("shards", kept)


def _shard(postings: Postings, names: Iterable[str]) -> dict[str, dict[str, list[int]]]:
    shard: dict[str, dict[str, list[int]]] = {"p": {}, "x": {}, **{field: {} for field in FIELDS}}
    for term in names:
        ids = postings.body[term]
        if 2 * len(ids) > postings.docs:
            shard["x"][term] = _deltas(_complement(ids, postings.docs))
        else:
            shard["p"][term] = _deltas(ids)
        for field in FIELDS:
            if term in postings.fields[field]:
                shard[field][term] = _deltas(postings.fields[field][term])
    return shard


def _group_by(keys: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for term, key in keys.items():
        found.setdefault(key, []).append(term)
    return found


def _complement(ids: Iterable[int], docs: int) -> list[int]:
    present = set(ids)
    return [doc for doc in range(docs) if doc not in present]


def _deltas(ids: Iterable[int]) -> list[int]:
    out, previous = [], 0
    for doc in ids:
        out.append(doc - previous)
        previous = doc
    return out


def _encode(files: dict[str, bytes], name: str, value: object) -> bytes:
    files[name] = data = _json(value)
    return data


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
