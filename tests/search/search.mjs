// Runs the site's own search-index.js in Node, as search.js does in the browser:
//   node search.mjs tokenize            stdin: JSON list of strings -> their tokens
//   node search.mjs query <site> <q> [tag] [year] -> {total, results} of the query on a built site
//   node search.mjs highlight <text> <q> -> [[part, marked], ...]
//   node search.mjs stem                stdin: JSON list of words -> their stems (stem.js)
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = new URL("../../docs/overrides/assets/javascripts/search-index.js", import.meta.url);
const { SearchIndex, highlight, parseQuery, tokenize } = await import(here.href);
const [command, ...args] = process.argv.slice(2);

const fromDisk = async (url) => {
  const file = new URL(url);
  file.search = ""; // the cache-busting ?v= only matters to HTTP caches
  return JSON.parse(await readFile(fileURLToPath(file), "utf8"));
};

let out;
if (command === "tokenize") {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  out = JSON.parse(Buffer.concat(chunks).toString("utf8")).map(tokenize);
} else if (command === "query") {
  const [site, query, tag = "", year = ""] = args;
  out = await new SearchIndex(pathToFileURL(`${site}/search/`), fromDisk).query(query, 10, 0, { tag, year });
} else if (command === "stem") {
  const { stem } = await import(new URL("../../docs/overrides/assets/javascripts/stem.js", import.meta.url).href);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  out = JSON.parse(Buffer.concat(chunks).toString("utf8")).map(stem);
} else if (command === "highlight") {
  out = highlight(args[0], parseQuery(args[1]));
} else {
  throw new Error(`unknown command ${command}`);
}
process.stdout.write(JSON.stringify(out));
