/* Site search: Material's search dialog, driven by Pagefind (generator/search writes the
   index into <site>/pagefind/). Material's own search plugin is off, so Material's JS does
   not mount the dialog (partials/search.html renames its hooks): this script does what
   Material's search component did, with Material's result markup and classes. A query
   fetches only the index chunks and result fragments it needs. */
(() => {
  "use strict";
  const dialog = document.querySelector("[data-digest-search]");
  const toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  const input = dialog.querySelector("[data-digest-search-query]");
  const meta = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const config = JSON.parse(document.getElementById("__config").textContent);
  const t = config.translations;
  // The site's root as Material sees it: the site may live under a sub-path.
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const highlight = config.features.includes("search.highlight");
  const SHOWN = 10;

  let pagefind = null;
  const load = () => (pagefind ??= import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
    await module.options({ baseUrl: root.pathname, excerptLength: 24 });
    await module.init();
    return module;
  }));

  const open = (state) => {
    if (toggle.checked !== state) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
    }
  };

  // Pagefind escapes < and > in excerpts and adds only <mark>: rebuild that as DOM nodes,
  // so no text from an entry is ever parsed as HTML.
  const excerpt = (html) => {
    const paragraph = document.createElement("p");
    let marked = false;
    for (const part of html.split(/(<\/?mark>)/)) {
      if (part === "<mark>" || part === "</mark>") {
        marked = part === "<mark>";
        continue;
      }
      if (!part) continue;
      const text = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      if (marked) {
        const mark = document.createElement("mark");
        mark.append(text);
        paragraph.append(mark);
      } else {
        paragraph.append(text);
      }
    }
    return paragraph;
  };

  const item = (data, score, query) => {
    const url = new URL(data.url, location.href);
    if (highlight) url.searchParams.set("h", query);
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = url.href;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.dataset.mdScore = score.toFixed(2);
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    article.append(icon, title, excerpt(data.excerpt));
    link.append(article);
    const row = document.createElement("li");
    row.className = "md-search-result__item";
    row.append(link);
    return row;
  };

  const count = (n) => (n === 0 ? t["search.result.none"] : n === 1 ? t["search.result.one"]
    : t["search.result.other"].replace("#", String(n)));

  let latest = 0;
  const search = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      meta.textContent = t["search.result.placeholder"];
      return;
    }
    const module = await load();
    const found = await module.debouncedSearch(query, {}, 150);
    if (found === null || ticket !== latest) return; // a newer keystroke took over
    const results = found.results.slice(0, SHOWN);
    const data = await Promise.all(results.map((result) => result.data()));
    if (ticket !== latest) return;
    meta.textContent = count(found.results.length);
    list.replaceChildren(...data.map((page, i) => item(page, results[i].score, query)));
  };
  const report = (error) => {
    meta.textContent = t["search.result.none"];
    console.warn("search:", error);
  };

  input.addEventListener("input", () => search().catch(report));
  input.addEventListener("focus", () => {
    open(true);
    load().catch(report);
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  dialog.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
  dialog.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) open(false);
  });

  const links = () => [...list.querySelectorAll(".md-search-result__link")];
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    if (!toggle.checked) {
      // Material's shortcuts, unless the reader is typing somewhere.
      const typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
      if (!typing && ["/", "s", "f"].includes(event.key)) {
        event.preventDefault();
        open(true);
        input.focus();
        input.select();
      }
      return;
    }
    if (event.key === "Escape" || event.key === "Tab") {
      open(false);
      input.blur();
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      links()[0]?.click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const targets = [input, ...links()];
      const step = event.key === "ArrowDown" ? 1 : -1;
      targets[(Math.max(0, targets.indexOf(active)) + step + targets.length) % targets.length].focus();
    }
  });

  // search.highlight: mark the words a result link carried in ?h= on the page it opened.
  const words = highlight && new URL(location.href).searchParams.get("h");
  const article = document.querySelector("article.md-content__inner");
  if (words && article) {
    const terms = words.toLowerCase().split(/\s+/).filter(Boolean)
      .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    if (!terms.length) return;
    const pattern = new RegExp(`(${terms.join("|")})`, "giu");
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const parts = node.data.split(pattern);
      if (parts.length < 2 || node.parentElement.closest("script, style, mark")) continue;
      node.replaceWith(...parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const mark = document.createElement("mark");
        mark.textContent = part;
        return mark;
      }));
    }
  }
})();
