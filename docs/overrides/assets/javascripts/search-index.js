/* Reader of the site's search index, written by generator/search/index.py (the format is
   described there). No DOM here: search.js imports this module in the browser, and
   tests/search/ import it in Node with a loader that reads the built site from disk. */

import { stem } from "./stem.js";

/* The tokenizer: the same as generator/search/tokenize.py, which the index was built with.
   NFKD, combining marks removed, lowercased; tokens are runs of letters and digits
   (\p{L}\p{N}); one-character tokens are dropped; then the compound terms ("r&d", "at&t",
   "c++", "c#": COMPOUND, the same pattern as Python's). */
export const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const TOKEN = /[\p{L}\p{N}]{2,}/gu; // {2,}: one-character tokens never match, as in Python
const COMPOUND = /(?<![a-z0-9&+#])[a-z0-9]{1,3}(?:&[a-z0-9]{1,3})+(?![a-z0-9&])|(?<![a-z0-9+#])[a-z](?:\+\+|#)(?![a-z0-9+#])/g;
const length = (text) => [...text].length; // in code points, as Python counts
export const tokenize = (text) => {
  const folded = fold(text);
  return [...(folded.match(TOKEN) ?? []), ...(/[&+#]/.test(folded) ? folded.match(COMPOUND) ?? [] : [])];
};

/* The Snowball English stem of a token of ASCII letters (as generator.search.tokenize.stem). */
const LETTERS = /^[a-z]+$/;
const stems = new Map();
export const stemOf = (token) => {
  if (!LETTERS.test(token)) return token;
  let found = stems.get(token);
  if (found === undefined) stems.set(token, found = stem(token));
  return found;
};

// A 2-character last word is a prefix only when that costs at most this many shards (a
// common start like "co" may have been split into many); otherwise it matches exactly.
const SHORT_PREFIX_SHARDS = 2;
// Typo tolerance: a word of this many letters or more, found nowhere, matches the terms of
// its shards one edit away (insertion, deletion, substitution or swap of neighbours).
const TYPO_LENGTH = 5;
// Ranking: a word counts by the best field it is in (title > lede > tags > body); a word
// matched only through a typo counts half.
const WEIGHTS = { t: 8, l: 4, g: 2, p: 1 };
export const KINDS = ["entry", "tag", "page"];

/* The query's words; the last one is a prefix (search as you type) unless a separator follows. */
export const parseQuery = (text) => {
  const words = [...new Set(tokenize(text))];
  const typing = /[\p{L}\p{N}\p{M}+#]$/u.test(text);
  return words.map((word, i) => ({
    word, prefix: typing && i === words.length - 1, stem: stemOf(word), typos: [],
  }));
};

const matches = (term, { word, prefix, stem: stemmed, typos }) => term === word
  || (prefix && term.startsWith(word)) || stemOf(term) === stemmed || typos.includes(term);

/* Optimal string alignment distance, at most 1? (one insertion, deletion, substitution or
   swap of two neighbouring letters) */
export const oneEdit = (a, b) => {
  if (a === b) return true;
  const [x, y] = [[...a], [...b]];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (p, q) => x.slice(p).join("") === y.slice(q).join("");
  if (x.length === y.length) {
    return rest(i + 1, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2));
  }
  return x.length > y.length ? rest(i + 1, i) : rest(i, i + 1);
};

/* The text split into [part, marked] pairs, marking the words that match the query. */
export const highlight = (text, words) => {
  const parts = [];
  let last = 0;
  for (const found of text.matchAll(/[a-z0-9]{1,3}(?:&[a-z0-9]{1,3})+|[a-z](?:\+\+|#)|[\p{L}\p{N}\p{M}]+/giu)) {
    if (!tokenize(found[0]).some((token) => words.some((word) => matches(token, word)))) continue;
    if (found.index > last) parts.push([text.slice(last, found.index), false]);
    parts.push([found[0], true]);
    last = found.index + found[0].length;
  }
  if (last < text.length) parts.push([text.slice(last), false]);
  return parts;
};

const fileName = (key) => (/^[a-z0-9]+$/.test(key) ? key
  : "_" + [...new TextEncoder().encode(key)].map((byte) => byte.toString(16).padStart(2, "0")).join(""));

const decode = (deltas) => {
  const ids = new Int32Array(deltas.length);
  let id = 0;
  deltas.forEach((delta, i) => { ids[i] = id += delta; });
  return ids;
};

const holds = (ids, doc) => { // binary search in sorted ids
  let low = 0, high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (ids[middle] === doc) return true;
    if (ids[middle] < doc) low = middle + 1; else high = middle - 1;
  }
  return false;
};

const fetchJSON = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
};

export class SearchIndex {
  /* base: URL of the index folder (<site>/search/); load: URL -> parsed JSON. */
  constructor(base, load = fetchJSON) {
    this.base = new URL(base);
    this.load = load;
    this.files = new Map();
  }

  file(path) {
    // The manifest's hash in every other URL: a browser never mixes files of two builds.
    if (!this.files.has(path)) {
      const url = new URL(path, this.base);
      if (path !== "manifest.json") url.search = `v=${this.manifest_.hash}`;
      this.files.set(path, this.load(url).catch((error) => {
        this.files.delete(path); // a failed fetch is retried by the next query
        throw error;
      }));
    }
    return this.files.get(path);
  }

  async manifest() {
    // Fetched once per page view; the URL must not vary, so it is left to HTTP revalidation.
    this.manifest_ ??= await this.file("manifest.json");
    return this.manifest_;
  }

  /* The word, its prefix flag possibly dropped (see SHORT_PREFIX_SHARDS), and the keys of
     the shards that can hold the terms matching it: a term's shard is chosen by its stem,
     so those whose key starts the word or its stem, and when it is a prefix, longer keys. */
  plan(manifest, word) {
    const starts = new Set();
    for (const text of new Set([word.word, word.stem])) {
      const chars = [...text];
      for (let n = 2; n <= Math.min(chars.length, 4); n++) starts.add(chars.slice(0, n).join(""));
    }
    const found = manifest.shards.filter((key) => starts.has(key));
    const longer = word.prefix ? manifest.shards.filter((key) => key.startsWith(word.word) && key !== word.word) : [];
    if (length(word.word) < 3 && found.length + longer.length > SHORT_PREFIX_SHARDS) {
      return { word: { ...word, prefix: false }, keys: found };
    }
    return { word, keys: [...found, ...longer] };
  }

  /* {total, words, results: [{id, url, title, date, lede, kind, score, terms}]}: the documents
     holding every word, best first: by coverage (how many of the words are in the title or
     lede), then the fields the words are in (title > lede > tags > body), then newest first
     (a lower id); ``results`` are ``limit`` of them from ``offset``, ``total`` all of them;
     ``terms`` are the index terms of each result that matched. */
  /* ``filters``: {tag: slug, year: "YYYY"} (either may be empty): only the entries with
     that tag and of that year; their id lists are fetched only when a filter is set. */
  async query(text, limit = 10, offset = 0, filters = {}) {
    const manifest = await this.manifest();
    const plans = parseQuery(text).map((word) => this.plan(manifest, word));
    const words = plans.map((plan) => plan.word);
    if (!words.length) return { total: 0, words, results: [] };
    const docs = manifest.docs;
    const count = new Uint8Array(docs), covered = new Uint8Array(docs), score = new Float32Array(docs);
    const termSets = []; // [term, has(doc)] for the results' matched terms
    const shards = await Promise.all(plans.map((plan) =>
      Promise.all(plan.keys.map((key) => this.file(`t/${fileName(key)}.json`)))));
    words.forEach((word, w) => {
      const terms = [...new Set(shards[w].flatMap((shard) => [...Object.keys(shard.p), ...Object.keys(shard.x)]))];
      let matched = terms.filter((term) => matches(term, word));
      let weight = 1;
      if (!matched.length && length(word.word) >= TYPO_LENGTH) {
        word.typos = terms.filter((term) => length(term) >= TYPO_LENGTH - 1 && oneEdit(term, word.word));
        matched = word.typos;
        weight = 0.5;
      }
      const wanted = new Set(matched);
      const best = new Float32Array(docs);
      for (const shard of shards[w]) {
        for (const [term, deltas] of Object.entries(shard.p)) {
          if (!wanted.has(term)) continue;
          const ids = decode(deltas);
          ids.forEach((id) => { best[id] ||= WEIGHTS.p; });
          termSets.push([term, (doc) => holds(ids, doc)]);
        }
        for (const [term, deltas] of Object.entries(shard.x)) {
          if (!wanted.has(term)) continue;
          const missing = decode(deltas);
          const absent = new Uint8Array(docs);
          missing.forEach((id) => { absent[id] = 1; });
          for (let doc = 0; doc < docs; doc++) if (!absent[doc]) best[doc] ||= WEIGHTS.p;
          termSets.push([term, (doc) => !holds(missing, doc)]);
        }
        for (const field of ["t", "l", "g"]) {
          for (const [term, deltas] of Object.entries(shard[field] ?? {})) {
            if (wanted.has(term)) decode(deltas).forEach((id) => { best[id] = Math.max(best[id], WEIGHTS[field]); });
          }
        }
      }
      for (let doc = 0; doc < docs; doc++) {
        if (!best[doc]) continue;
        count[doc] += 1;
        covered[doc] += best[doc] >= WEIGHTS.l;
        score[doc] += best[doc] * weight;
      }
    });
    let hits = [];
    for (let doc = 0; doc < docs; doc++) if (count[doc] === words.length) hits.push(doc);
    for (const [name, value] of [["tag", filters.tag], ["year", filters.year]]) {
      if (!value) continue;
      const kept = new Set(decode(await this.file(`f/${name}-${value}.json`).catch(() => [])));
      hits = hits.filter((doc) => kept.has(doc));
    }
    hits.sort((a, b) => covered[b] - covered[a] || score[b] - score[a] || a - b);
    const shown = hits.slice(offset, offset + limit);
    const results = await Promise.all(shown.map(async (id) => {
      const block = await this.file(`m/${Math.floor(id / manifest.block)}.json`);
      const [url, title, date, lede, kind] = block[id % manifest.block];
      const terms = termSets.filter(([, has]) => has(id)).map(([term]) => term);
      return { id, url, title, date, lede, kind: KINDS[kind ?? 0], score: score[id], terms };
    }));
    return { total: hits.length, words, results };
  }
}
