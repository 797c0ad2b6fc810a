// Types each query letter by letter into a tree's search-index.js (as the dialog does, one
// query per keystroke from the second character, 10 results shown) against a built site on
// disk, and prints the site paths of every file fetched, per query:
//   node search_budget.mjs <search-index.js> <site> <query>...  -> {query: [path, ...]}
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { relative } from "node:path";

const [script, site, ...queries] = process.argv.slice(2);
const { SearchIndex } = await import(pathToFileURL(script).href);
const out = {};
for (const query of queries) {
  const fetched = new Set();
  const index = new SearchIndex(pathToFileURL(`${site}/search/`), async (url) => {
    const file = new URL(url);
    file.search = "";
    fetched.add(relative(site, fileURLToPath(file)));
    return JSON.parse(await readFile(fileURLToPath(file), "utf8"));
  });
  for (let typed = 2; typed <= query.length; typed++) await index.query(query.slice(0, typed), 10);
  out[query] = [...fetched].sort();
}
process.stdout.write(JSON.stringify(out));
