/* Reader of the site's search index, written by generator/search/index.py (the format is
   described there). No DOM here: search.js imports this module in the browser, and
   tests/search/ import it in Node with a loader that reads the built site from disk. */

/* The tokenizer: the same as generator/search/tokenize.py, which the index was built with.
   NFKD, combining marks removed, lowercased; tokens are runs of letters and digits
   (\p{L}\p{N}); one-character tokens are dropped. No stemming. */
export const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const TOKEN = /[\p{L}\p{N}]{2,}/gu; // {2,}: one-character tokens never match, as in Python
const length = (text) => [...text].length; // in code points, as Python counts
export const tokenize = (text) => fold(text).match(TOKEN) ?? [];

// A 2-character last word is a prefix only when that costs at most this many shards (a
// common start like "co" may have been split into many); otherwise it matches exactly.
const SHORT_PREFIX_SHARDS = 2;

/* The query's words; the last one is a prefix (search as you type) unless a separator follows. */
export const parseQuery = (text) => {
  const words = [...new Set(tokenize(text))];
  const typing = /[\p{L}\p{N}\p{M}]$/u.test(text);
  return words.map((word, i) => ({
    word, prefix: typing && i === words.length - 1,
  }));
};

const matches = (term, { word, prefix }) => (prefix ? term.startsWith(word) : term === word);

/* The text split into [part, marked] pairs, marking the words that match the query. */
export const highlight = (text, words) => {
  const parts = [];
  let last = 0;
  for (const found of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
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
     the shards that can hold the terms matching it. */
  plan(manifest, { word, prefix }) {
    const keys = new Set(manifest.shards);
    const chars = [...word];
    const keysFound = [];
    for (let n = Math.min(chars.length, 4); n >= 2; n--) {
      const key = chars.slice(0, n).join("");
      if (keys.has(key)) {
        keysFound.push(key);
        break;
      }
    }
    const longer = prefix ? manifest.shards.filter((key) => key.startsWith(word) && key !== word) : [];
    if (length(word) < 3 && keysFound.length + longer.length > SHORT_PREFIX_SHARDS) {
      return { word: { word, prefix: false }, keys: keysFound };
    }
    return { word: { word, prefix }, keys: [...keysFound, ...longer] };
  }

  /* {total, results: [{id, url, title, date, lede, terms}]}: documents holding every word,
     those with more words in their title first, then newest first; ``terms`` are the index
     terms of each result that matched. */
  async query(text, limit = 10) {
    const manifest = await this.manifest();
    const plans = parseQuery(text).map((word) => this.plan(manifest, word));
    const words = plans.map((plan) => plan.word);
    if (!words.length) return { total: 0, words, results: [] };
    const docs = manifest.docs;
    const count = new Uint8Array(docs), titled = new Uint8Array(docs);
    const termSets = []; // [word index, term, has(doc)] for the results' matched terms
    const shards = await Promise.all(plans.map((plan) =>
      Promise.all(plan.keys.map((key) => this.file(`t/${fileName(key)}.json`)))));
    words.forEach((word, w) => {
      const seen = new Uint8Array(docs), inTitle = new Uint8Array(docs);
      for (const shard of shards[w]) {
        for (const [term, deltas] of Object.entries(shard.p)) {
          if (!matches(term, word)) continue;
          const ids = decode(deltas);
          ids.forEach((id) => { seen[id] = 1; });
          termSets.push([w, term, (doc) => holds(ids, doc)]);
        }
        for (const [term, deltas] of Object.entries(shard.x)) {
          if (!matches(term, word)) continue;
          const missing = decode(deltas);
          const absent = new Uint8Array(docs);
          missing.forEach((id) => { absent[id] = 1; });
          for (let doc = 0; doc < docs; doc++) if (!absent[doc]) seen[doc] = 1;
          termSets.push([w, term, (doc) => !holds(missing, doc)]);
        }
        for (const [term, deltas] of Object.entries(shard.t)) {
          if (matches(term, word)) decode(deltas).forEach((id) => { inTitle[id] = 1; });
        }
      }
      for (let doc = 0; doc < docs; doc++) {
        count[doc] += seen[doc];
        titled[doc] += inTitle[doc];
      }
    });
    const hits = [];
    for (let doc = 0; doc < docs; doc++) if (count[doc] === words.length) hits.push(doc);
    hits.sort((a, b) => titled[b] - titled[a] || a - b);
    const top = hits.slice(0, limit);
    const results = await Promise.all(top.map(async (id) => {
      const block = await this.file(`m/${Math.floor(id / manifest.block)}.json`);
      const [url, title, date, lede] = block[id % manifest.block];
      const terms = termSets.filter(([, , has]) => has(id)).map(([, term]) => term);
      return { id, url, title, date, lede, score: titled[id], terms };
    }));
    return { total: hits.length, words, results };
  }
}
