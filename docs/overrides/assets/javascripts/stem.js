/* The Snowball English stemmer ("Porter2", as revised in Snowball 3: https://snowballstem.org/
   algorithms/english/stemmer.html), written here from the published algorithm for words of
   ASCII lowercase letters, the only words it is applied to. The index is stemmed by the
   Python package snowballstemmer; tests/search/test_stem.py checks this implementation
   against it word for word over a large word list. */

const VOWELS = new Set("aeiouy");
const isVowel = (c) => VOWELS.has(c);
const NOT_SHORT_END = new Set("aeiouywxY");
const VALID_LI = new Set("cdeghkmnrt");

const EXCEPTIONS = new Map([
  ["andes", "andes"], ["atlas", "atlas"], ["bias", "bias"], ["cosmos", "cosmos"],
  ["early", "earli"], ["gently", "gentl"], ["howe", "howe"], ["idly", "idl"], ["news", "news"],
  ["only", "onli"], ["singly", "singl"], ["skies", "sky"], ["skis", "ski"], ["sky", "sky"],
  ["ugly", "ugli"],
]);
const REGION_PREFIXES = ["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"];

// The longest of ``suffixes`` that ``word`` ends with, or "".
const longest = (word, suffixes) => {
  let found = "";
  for (const suffix of suffixes) if (suffix.length > found.length && word.endsWith(suffix)) found = suffix;
  return found;
};

// The end of the first vowel-consonant pair at or after ``from``, or the word's length.
const regionAfter = (w, from) => {
  for (let i = from + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  return w.length;
};

// Does ``w`` end with a short syllable?
const endsShort = (w) => {
  const n = w.length;
  if (n >= 3 && !NOT_SHORT_END.has(w[n - 1]) && isVowel(w[n - 2]) && !isVowel(w[n - 3])) return true;
  if (n === 2 && !isVowel(w[1]) && isVowel(w[0])) return true;
  return w.endsWith("past");
};

const STEP1A = ["sses", "ied", "ies", "s", "ss", "us"];
const STEP1B = ["ed", "eed", "ing", "edly", "eedly", "ingly"];
const ING_WHOLE = new Set(["even", "cann", "inn", "earr", "herr", "out"]);
const DOUBLES = new Set(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
const STEP2 = new Map([
  ["anci", "ance"], ["enci", "ence"], ["ogi", "og"], ["li", ""], ["bli", "ble"], ["abli", "able"],
  ["alli", "al"], ["fulli", "ful"], ["lessli", "less"], ["ousli", "ous"], ["entli", "ent"],
  ["aliti", "al"], ["biliti", "ble"], ["iviti", "ive"], ["tional", "tion"], ["ational", "ate"],
  ["alism", "al"], ["ation", "ate"], ["ization", "ize"], ["izer", "ize"], ["ator", "ate"],
  ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["ogist", "og"],
]);
const STEP3 = new Map([
  ["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"],
  ["tional", "tion"], ["ational", "ate"], ["ful", ""], ["ness", ""],
]);
const STEP4 = ["ic", "ance", "ence", "able", "ible", "ate", "ive", "ize", "iti", "al", "ism", "ion",
  "er", "ous", "ant", "ent", "ment", "ement"];

const step1b = (w, p1) => {
  const suffix = longest(w, STEP1B);
  if (!suffix) return w;
  const base = w.slice(0, -suffix.length);
  if (suffix === "eed" || suffix === "eedly") {
    if (base.length < p1 || ["succ", "proc", "exc"].includes(base)) return w;
    return base + "ee";
  }
  if (suffix === "ing") {
    if (/^[^aeiouy]y$/.test(base)) return base.slice(0, -1) + "ie";
    if (ING_WHOLE.has(base)) return w;
  }
  if (![...base].some(isVowel)) return w;
  const end = base.slice(-2);
  if (end === "at" || end === "bl" || end === "iz") return base + "e";
  if (DOUBLES.has(end)) return base.length === 3 && "aeo".includes(base[0]) ? base : base.slice(0, -1);
  if (base.length === p1 && endsShort(base)) return base + "e";
  return base;
};

export const stem = (word) => {
  if (EXCEPTIONS.has(word)) return EXCEPTIONS.get(word);
  if (word.length < 3) return word;
  let w = word.replace(/^'/, "");
  // Y: a y that is initial or after a vowel is a consonant.
  const chars = [...w];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === "y" && (i === 0 || isVowel(chars[i - 1]))) chars[i] = "Y";
  }
  w = chars.join("");
  const found = w.includes("Y");
  const prefix = REGION_PREFIXES.find((p) => w.startsWith(p));
  const p1 = prefix ? prefix.length : regionAfter(w, 0);
  const p2 = regionAfter(w, p1);
  // Step 1a
  w = w.replace(/(?:'s'|'s|')$/, "");
  const s1a = longest(w, STEP1A);
  if (s1a === "sses") w = w.slice(0, -2);
  else if (s1a === "ied" || s1a === "ies") w = w.slice(0, -3) + (w.length > 4 ? "i" : "ie");
  else if (s1a === "s" && [...w.slice(0, -2)].some(isVowel)) w = w.slice(0, -1);
  // Step 1b
  w = step1b(w, p1);
  // Step 1c
  if (w.length > 2 && /[yY]$/.test(w) && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + "i";
  // Step 2
  const s2 = longest(w, STEP2.keys());
  if (s2 && w.length - s2.length >= p1) {
    const before = w[w.length - s2.length - 1];
    if (s2 === "li") { if (VALID_LI.has(before)) w = w.slice(0, -2); }
    else if (s2 === "ogi") { if (before === "l") w = w.slice(0, -3) + "og"; }
    else w = w.slice(0, -s2.length) + STEP2.get(s2);
  }
  // Step 3
  const s3 = longest(w, STEP3.keys());
  if (s3 && w.length - s3.length >= p1 && (s3 !== "ative" || w.length - s3.length >= p2)) {
    w = w.slice(0, -s3.length) + STEP3.get(s3);
  }
  // Step 4
  const s4 = longest(w, STEP4);
  if (s4 && w.length - s4.length >= p2) {
    if (s4 !== "ion") w = w.slice(0, -s4.length);
    else if (/[st]ion$/.test(w)) w = w.slice(0, -3);
  }
  // Step 5
  if (w.endsWith("e")) {
    const at = w.length - 1;
    if (at >= p2 || (at >= p1 && !endsShort(w.slice(0, -1)))) w = w.slice(0, -1);
  } else if (w.endsWith("ll") && w.length - 1 >= p2) {
    w = w.slice(0, -1);
  }
  return found ? w.replace(/Y/g, "y") : w;
};
