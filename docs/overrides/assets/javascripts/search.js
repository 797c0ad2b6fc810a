/* Site search: Material's search dialog, driven by our own static index (generator/search
   writes it into <site>/search/; search-index.js reads it). Material's own search plugin is
   off, so Material's JS does not mount the dialog (partials/search.html renames its hooks):
   this script does what Material's search component did, with Material's result markup and
   classes. A query fetches only the manifest, the index shards of its words and the
   metadata blocks of the results it shows; "Show more" lists the next ones. A page opened
   with ?q=... (the share button's URL, <site>/search/?q=..., redirects to the home page with
   it) opens the dialog with that query. */
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
  const share = dialog.querySelector("[data-digest-search-share]");
  const more = document.createElement("button");
  more.type = "button";
  more.className = "md-button digest-search-more";
  more.textContent = dialog.dataset.digestSearchMore || "Show more";
  more.hidden = true;
  list.after(more);
  // Filters by tag and by year: filled from the index's manifest when search is first used.
  const filters = document.createElement("div");
  filters.className = "digest-search-filters";
  filters.hidden = true;
  const select = (name, label, all) => {
    const field = document.createElement("label");
    const box = document.createElement("select");
    box.name = name;
    box.dataset.digestSearchFilter = name;
    box.append(new Option(all, ""));
    field.append(`${label} `, box);
    filters.append(field);
    return box;
  };
  const byTag = select("tag", "Tag", "All tags");
  const byYear = select("year", "Year", "All years");
  meta.before(filters);
  let filled = false;
  const fill = (manifest) => {
    if (filled || !manifest.filters) return;
    filled = true;
    for (const [slug, name] of manifest.filters.tags) byTag.append(new Option(name, slug));
    for (const year of manifest.filters.years) byYear.append(new Option(year, year));
    filters.hidden = false;
  };
  const SHOWN = 10;
  const KIND_LABELS = { tag: "Tag", page: "Page" };

  // Beside this script, wherever the theme put it; loaded on first use.
  const here = document.currentScript?.src ?? new URL("assets/javascripts/search.js", root).href;
  let index = null;
  const load = () => (index ??= import(new URL("search-index.js", here).href).then((module) => ({
    module, index: new module.SearchIndex(new URL("search/", root)),
  })));

  const open = (state) => {
    if (toggle.checked !== state) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
    }
  };

  // Entry text only ever becomes text nodes: never parsed as HTML.
  const paragraph = (parts) => {
    const element = document.createElement("p");
    for (const [text, marked] of parts) {
      if (!marked) {
        element.append(text);
        continue;
      }
      const mark = document.createElement("mark");
      mark.textContent = text;
      element.append(mark);
    }
    return element;
  };

  // The lede with the query's words marked; words found only further down the entry follow
  // it, marked, so that every result shows why it matched.
  const excerpt = (module, data, words) => {
    const shown = module.tokenize(`${data.title} ${data.lede}`);
    const elsewhere = data.terms.filter((term) => !shown.includes(term)).slice(0, 5); // a short prefix can match many
    const parts = module.highlight(data.lede, words);
    for (const term of elsewhere) parts.push([parts.at(-1)?.[0].endsWith("…") ? " " : " … ", false], [term, true]);
    return paragraph(parts);
  };

  const item = (module, data, words, query) => {
    const url = new URL(data.url.replace(/^\//, ""), root);
    if (highlight) url.searchParams.set("h", query);
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = url.href;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.dataset.mdScore = String(data.score);
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("h1");
    title.replaceChildren(...paragraph(module.highlight(data.title, words)).childNodes);
    const date = document.createElement("p");
    date.textContent = data.kind === "entry" ? data.date : KIND_LABELS[data.kind];
    article.dataset.digestKind = data.kind;
    article.append(icon, title, date, excerpt(module, data, words));
    link.append(article);
    const row = document.createElement("li");
    row.className = "md-search-result__item";
    row.append(link);
    return row;
  };

  const count = (n) => (n === 0 ? t["search.result.none"] : n === 1 ? t["search.result.one"]
    : t["search.result.other"].replace("#", String(n)));

  let latest = 0;
  let shown = 0;
  const search = async (append = false) => {
    const query = input.value.trim();
    const ticket = append ? latest : ++latest;
    if (share) share.dataset.clipboardText = new URL(`search/?q=${encodeURIComponent(query)}`, root).href;
    if (!query) {
      list.replaceChildren();
      more.hidden = true;
      meta.textContent = t["search.result.placeholder"];
      return;
    }
    const { module, index } = await load();
    fill(await index.manifest());
    const offset = append ? shown : 0;
    const found = await index.query(input.value, SHOWN, offset, { tag: byTag.value, year: byYear.value });
    if (ticket !== latest) return; // a newer keystroke took over
    meta.textContent = count(found.total);
    const rows = found.results.map((data) => item(module, data, found.words, query));
    if (append) list.append(...rows); else list.replaceChildren(...rows);
    shown = offset + found.results.length;
    more.hidden = shown >= found.total;
    if (append) rows[0]?.querySelector("a")?.focus();
  };
  const report = (error) => {
    meta.textContent = t["search.result.none"];
    console.warn("search:", error);
  };

  input.addEventListener("input", () => search().catch(report));
  for (const box of [byTag, byYear]) box.addEventListener("change", () => search().catch(report));
  more.addEventListener("click", () => search(true).catch(report));
  input.addEventListener("focus", () => {
    open(true);
    if (!input.value.trim()) meta.textContent = t["search.result.placeholder"]; // not "Initializing"
    load().then(({ index }) => index.manifest()).then(fill).catch(report);
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
      const targets = [input, ...links(), ...(more.hidden ? [] : [more])];
      const step = event.key === "ArrowDown" ? 1 : -1;
      targets[(Math.max(0, targets.indexOf(active)) + step + targets.length) % targets.length].focus();
    }
  });

  // A shared search: ?q=... opens the dialog with the query (and its results).
  const shared = new URL(location.href).searchParams.get("q");
  if (shared) {
    input.value = shared;
    open(true);
    input.focus();
    search().catch(report);
  }

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
