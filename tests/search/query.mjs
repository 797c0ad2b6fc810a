// Runs one query with the site's own pagefind.js, as a browser would:
//   node query.mjs <site>/pagefind <URL where that folder is served> <query>
// Prints [{url, title, excerpt}] as JSON.
import { pathToFileURL } from "node:url";

const [dir, basePath, query] = process.argv.slice(2);
const pagefind = await import(pathToFileURL(`${dir}/pagefind.js`).href);
await pagefind.options({ basePath });
await pagefind.init();
const found = await pagefind.search(query);
const pages = await Promise.all(found.results.map((result) => result.data()));
console.log(JSON.stringify(pages.map((page) => ({ url: page.url, title: page.meta.title, excerpt: page.excerpt }))));
