"""Build every page of the site from the corpus, in one linear pass per listing.

Each entry is rendered once (``Renderer.render_all``); the entry page, the home,
tag and archive listings and the feeds all reuse that HTML. Listings come from
indexes built in one pass (tag -> entries, year -> month -> entries), and
previous/next links from positions in the newest-first list: no page scans the
whole corpus, so the cost grows linearly with the number of entries.

Page HTML comes from the Jinja templates in ``generator/templates`` (autoescape
on); entry text reaches them as plain text, and only the sanitized HTML of
``RenderedEntry`` is marked safe.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from markupsafe import escape

from generator.compile.preview import NO_PREVIEW, Preview, previewed, status
from generator.entries.model import Author, Corpus, Entry, Source, Tag, is_dated_alias
from generator.entries.render import RenderedEntry, Renderer, safe_url, template
from generator.entries.values import is_slug
from generator.feeds import alternate_links, feed_files
from generator.feeds.links import SITE_FEEDS
from generator.memo import NO_MEMO, Memo
from generator.search.records import SearchRecord
from generator.settings import Settings
from generator.text import MONTHS, html_text, long_date

# The headings of entry_body.html, for the page's table of contents.
ENTRY_TOC = (("whats-new", "What\u2019s new"), ("context", "Context"),
             ("why-it-matters", "Why it matters"), ("sources", "Sources"))

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


class CompileError(ValueError):
    """The corpus cannot be compiled into pages (a path that is not a slug, an unknown
    tag, two pages at one URL). The validator prevents all of these for real entries."""


@dataclass(frozen=True, slots=True, init=False)
class CompiledPage:
    """One page of the site, engine-independent.

    ``title`` and ``description`` are plain text; ``meta`` is the rest of the
    page's front matter (read-only): ``digest`` holds what the theme's
    ``main.html`` puts in ``<head>`` (kind, feeds, Open Graph, JSON-LD, toc,
    updated date) and listings carry ``search: {exclude: true}``.
    """

    src: str  # site-relative source path, e.g. "2026/06/02/slug/index.md"
    url: str  # site-relative URL, e.g. "2026/06/02/slug/" ("" for the home page)
    title: str
    description: str
    # The page body as UTF-8: a str of HTML with any character beyond Latin-1 takes two
    # to four bytes a character, and every page is held until the build ends.
    body: bytes
    meta: Mapping[str, object]

    def __init__(self, src: str, url: str, title: str, description: str, html: str,
                 meta: Mapping[str, object]) -> None:
        values = {"src": src, "url": url, "title": title, "description": description,
                  "body": html.encode("utf-8"), "meta": meta}
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @property
    def html(self) -> str:
        """The page body."""
        return self.body.decode("utf-8")

    def front_matter(self) -> dict[str, object]:
        """The page's front matter as MkDocs themes read it: ``title`` and
        ``description`` are HTML text (themes print them unescaped), the rest as is."""
        return {"title": str(escape(self.title)), "description": str(escape(self.description)),
                **self.meta}


@dataclass(frozen=True, slots=True)
class CompiledSite:
    pages: tuple[CompiledPage, ...]
    files: Mapping[str, bytes]  # other files: redirect pages and feeds, path -> content
    updated: str | None  # date of the newest published change (YYYY-MM-DD), None when empty
    # What the search index holds: the published entries in the site's order, then the tag
    # pages (generator.search writes the index from these, never from the pages' HTML).
    search: tuple[SearchRecord, ...] = ()
    # Files copied as they are: site path -> source path relative to the project root
    # (an entry's image file, into the entry's folder).
    assets: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class _View:
    """What listings and the entry page show of one entry, computed once."""

    rendered: RenderedEntry
    entry: Entry
    url: str
    date_iso: str
    date_text: str
    updated_iso: str | None
    updated_text: str | None
    minutes: int
    tags: tuple[Tag, ...]
    lede: str  # plain text of the lede
    teaser: str  # the lede's first sentence (listings), at most TEASER_CHARS
    preview: str | None = None  # "Draft" / "Scheduled for DATE": shown only by digest serve


def compile_site(corpus: Corpus, settings: Settings, now: datetime | None = None,
                 renderer: Renderer | None = None, *,
                 preview: Preview = NO_PREVIEW, memo: Memo = NO_MEMO) -> CompiledSite:
    """Every page and file of the site for the entries published at ``now``.

    ``preview`` (``digest serve`` only) adds drafts and scheduled entries to the pages and
    listings, marked as such; feeds, redirects and the site's date never include them.
    ``memo`` (``digest serve`` only) reuses the views, pages and feeds whose inputs are
    the same as in the last build: a rebuild after one edit renders only what it touched."""
    settings.require(site=True, error=CompileError)
    settings = memo.same("settings", settings)
    tags = memo.same("tags", corpus.tags)
    published = corpus.published(now)
    extra = previewed(corpus, preview, now)
    shown = sorted((*published, *extra), key=lambda e: (e.date, e.slug), reverse=True)
    _check_paths(shown, tags)
    renderer = renderer or _RENDERER
    unpublished = {entry.slug for entry in extra}
    views = [memo.call(("view", entry.slug), _make_view, renderer, entry, tags,
                       entry.slug in unpublished) for entry in shown]
    public = [view for view in views if view.preview is None]
    pages: list[CompiledPage] = []
    files: dict[str, bytes] = {}
    by_tag: dict[str, list[_View]] = {slug: [] for slug in tags}
    for view in views:
        for slug in view.entry.tags:
            by_tag[slug].append(view)
    assets: dict[str, str] = {}
    for index, view in enumerate(views):
        newer = views[index - 1] if index > 0 else None
        older = views[index + 1] if index + 1 < len(views) else None
        more = _more_on(view, by_tag, tags)
        pages.append(memo.call(("entry", view.url), _entry_page_of, view, newer, older, settings, more))
        for alias in view.entry.aliases if view.preview is None else ():
            url = view.entry.alias_url(alias)
            files[url + "index.html"] = memo.call(("alias", url), _redirect, url, view, settings)
        image = view.entry.image
        if image is not None and image.file is not None and image.name is not None:
            assets[view.url + image.name] = image.file
    pages.extend(_home_pages(views, settings, memo))
    for slug, tag in tags.items():
        tag_pages = _tag_pages(tag, by_tag[slug], settings, memo)
        pages.extend(tag_pages)
        if by_tag[slug] and settings.site_url:
            files[f"tags/{slug}/sitemap.xml"] = memo.call(("tag-sitemap", slug), _tag_sitemap,
                                                          tuple(tag_pages), settings)
    pages.append(_tags_index(tags, by_tag, _newest(views)))
    pages.extend(_archive(views, memo))
    # Imported here: generator.editions builds on this module's views and helpers.
    from generator.editions.site import compile_editions
    editions = compile_editions(public, corpus.notes, settings, now, memo=memo)
    pages.extend(editions.pages)
    files.update(editions.files)
    feeds = feed_files([view.rendered for view in public], tags, settings, now,
                       also=(editions.feed,) if editions.feed else (), memo=memo)
    files.update(feeds)
    _check_unique(pages, files)
    pages.sort(key=lambda page: page.src)
    updated = max((view.entry.modified for view in public), default=None)
    search = (*(memo.call(("search", view.url), _search_record, view) for view in public),
              *(SearchRecord(kind="tag", url=f"tags/{slug}/", title=tag.name, date="", lede=tag.description)
                for slug, tag in sorted(tags.items())))
    return CompiledSite(tuple(pages), MappingProxyType(dict(sorted(files.items()))),
                        f"{updated:%Y-%m-%d}" if updated else None, search,
                        MappingProxyType(dict(sorted(assets.items()))))


_RENDERER = Renderer()


def _make_view(renderer: Renderer, entry: Entry, tags: Mapping[str, Tag],
               unpublished: bool) -> _View:
    return _view(renderer.render(entry), tags, unpublished)


def _entry_page_of(view: _View, newer: _View | None, older: _View | None, settings: Settings,
                   more: Sequence[tuple[Tag, Sequence[_View]]]) -> CompiledPage:
    return _entry_page(view, newer, older, settings, more=more)


# -- helpers -----------------------------------------------------------------------------------

def root_of(url: str) -> str:
    """Relative path from the page at ``url`` to the site root (works under a sub-path)."""
    return "../" * url.count("/") or "./"


def date_text(moment: datetime) -> str:
    return long_date(moment)


def script_json(data: object) -> str:
    """JSON safe to place inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _check_paths(entries: Sequence[Entry], tags: Mapping[str, Tag]) -> None:
    for slug in tags:
        if not is_slug(slug):
            raise CompileError(f"tag slug {slug!r} is not a slug")
    seen: set[str] = set()
    for entry in entries:
        for name in (entry.slug, *entry.aliases):
            if not is_slug(name) and not (name in entry.aliases and is_dated_alias(name)):
                raise CompileError(f"{entry.path}: {name!r} is not a slug")
        if entry.slug in seen:
            raise CompileError(f"{entry.path}: slug {entry.slug!r} is used twice")
        seen.add(entry.slug)
        for slug in entry.tags:
            if slug not in tags:
                raise CompileError(f"{entry.path}: tag {slug!r} is not in the vocabulary")


def _check_unique(pages: Sequence[CompiledPage], files: Mapping[str, bytes]) -> None:
    seen: set[str] = set(files)
    for page in pages:
        target = page.url + "index.html"
        if page.src in seen or target in seen:
            raise CompileError(f"two pages at /{page.url}")
        seen.update((page.src, target))


def _view(rendered: RenderedEntry, tags: Mapping[str, Tag], unpublished: bool = False) -> _View:
    entry = rendered.entry
    updated = entry.updated
    return _View(
        rendered=rendered, entry=entry, url=entry.url,
        date_iso=entry.date.isoformat(), date_text=date_text(entry.date),
        updated_iso=updated.isoformat() if updated else None,
        updated_text=date_text(updated) if updated else None,
        minutes=entry.reading_minutes,
        tags=tuple(tags[slug] for slug in entry.tags),
        lede=(lede := html_text(rendered.summary_html)),
        teaser=teaser(lede),
        preview=status(entry, date_text(entry.date)) if unpublished else None,
    )


TEASER_CHARS = 200
# A sentence ends at . ! or ? (and any closing quote or bracket) before a space and a
# capital, a digit or an opening quote: "U.S. officials" and "v2.1 ships" stay whole.
_SENTENCE_END = re.compile(r"""[.!?][)"'\u201d\u2019]*(?=\s+["'\u201c\u2018(]?[A-Z0-9])""")


def teaser(lede: str) -> str:
    """The lede cut at its first sentence, for listings: one or two lines. A first sentence
    longer than ``TEASER_CHARS`` is cut at a word and ends in an ellipsis. Linear in the
    lede's length."""
    text = " ".join(lede.split())
    end = _SENTENCE_END.search(text, 20)  # a sentence of a few words at least
    sentence = text[:end.end()] if end else text
    if len(sentence) <= TEASER_CHARS:
        return sentence
    cut = sentence.rfind(" ", 0, TEASER_CHARS)
    return sentence[:cut if cut > 0 else TEASER_CHARS].rstrip(" ,;:") + "\u2026"


def _search_record(view: _View) -> SearchRecord:
    rendered, entry = view.rendered, view.entry
    sources = (" ".join(filter(None, (source.publisher, source.title, source.quote))) for source in entry.sources)
    body = (html_text(rendered.whats_new_html), html_text(rendered.context_html),
            html_text(rendered.why_it_matters_html), *sources)
    return SearchRecord(kind="entry", url=view.url, title=entry.title, date=view.date_text, lede=view.lede,
                        tags=tuple(tag.name for tag in view.tags), body=body, published=entry.date,
                        tag_slugs=tuple(tag.slug for tag in view.tags), year=view.date_iso[:4])


def site_feeds(settings: Settings) -> list[dict[str, str]]:
    """The site's feeds (RSS, Atom, JSON Feed) as ``{type, title, href}``, href site-relative:
    every page advertises them."""
    return [{"type": link.type, "title": link.title, "href": link.href}
            for link in alternate_links(site_name=settings.site_name)]


def tag_feeds(tag: Tag, settings: Settings) -> list[dict[str, str]]:
    """A tag's own feeds (RSS, Atom): its pages advertise them besides the site's."""
    links = alternate_links(tag.slug, site_name=settings.site_name, tag_name=tag.name)
    return [{"type": link.type, "title": link.title, "href": link.href} for link in links[3:]]


def _pages_of(items: Sequence[_View], size: int) -> list[Sequence[_View]]:
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


def _absolute(settings: Settings, url: str) -> str | None:
    if not settings.site_url:
        return None
    return settings.site_url.rstrip("/") + "/" + url


# -- entry pages -------------------------------------------------------------------------------

# "More on <tag>": how many other briefs each of an entry's tags lists.
MORE_ON = 3


def _more_on(view: _View, by_tag: Mapping[str, Sequence[_View]],
             tags: Mapping[str, Tag]) -> list[tuple[Tag, list[_View]]]:
    """Per tag of the entry (in its order), the ``MORE_ON`` newest other published briefs
    with that tag that an earlier tag has not listed already. Reads the newest-first
    per-tag lists only until each has enough: a few steps per entry, whatever the corpus."""
    listed = {view.entry.slug}
    groups = []
    for slug in view.entry.tags:
        picked: list[_View] = []
        for other in by_tag.get(slug, ()):
            if len(picked) == MORE_ON:
                break
            if other.preview is None and other.entry.slug not in listed:
                picked.append(other)
        listed.update(other.entry.slug for other in picked)
        if picked:
            groups.append((tags[slug], picked))
    return groups


def _entry_page(view: _View, newer: _View | None, older: _View | None,
                settings: Settings, *, more: Sequence[tuple[Tag, Sequence[_View]]] = ()) -> CompiledPage:
    entry = view.entry
    root = root_of(view.url)
    body = template("page_entry.html").render(view=view, root=root, newer=newer, older=older,
                                              more=more)
    absolute = _absolute(settings, view.url)
    modified = entry.modified.isoformat()
    image = _image_url(entry, settings)
    og = {
        "type": "article", "title": entry.title, "description": view.lede,
        "site_name": settings.site_name, "url": absolute, "locale": settings.language,
        "published_time": view.date_iso, "modified_time": modified,
        "tags": [tag.name for tag in view.tags],
        # Shared pages show the entry's image, or the site's default one.
        "image": image or settings.default_image_url,
        "image_alt": entry.image.alt if image and entry.image else settings.default_image_alt,
        "card": "summary_large_image" if image else "summary",
        "authors": [author.name for author in entry.authors],
    }
    article: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": entry.title,
        "description": view.lede,
        "datePublished": view.date_iso,
        "dateModified": modified,
        "keywords": [tag.name for tag in view.tags],
        "inLanguage": settings.language,
        "wordCount": entry.word_count,
        "publisher": _publisher(settings),
        "citation": [_citation(source) for source in entry.sources],
    }
    if entry.authors:
        article["author"] = [_person(author) for author in entry.authors]
    if image or settings.default_image_url:
        article["image"] = [image or settings.default_image_url]
    if entry.corrections:
        article["correction"] = [{"@type": "CorrectionComment", "text": c.note,
                                  "datePublished": c.date.isoformat()} for c in entry.corrections]
    if absolute:
        article["url"] = absolute
        article["mainEntityOfPage"] = absolute
    meta: dict[str, object] = {"digest": {
        "kind": "entry",
        "updated": f"{entry.modified:%Y-%m-%d}",
        "toc": [[anchor, title, 2] for anchor, title in ENTRY_TOC],
        "og": og,
        "jsonld": script_json(article),
    }}
    if view.preview:  # digest serve only: never in the search index or the sitemap
        meta["digest"]["preview"] = view.preview  # type: ignore[index]
        meta["search"] = {"exclude": True}
    return CompiledPage(f"{view.url}index.md", view.url, entry.title, view.lede, body,
                        MappingProxyType(meta))


def _image_url(entry: Entry, settings: Settings) -> str | None:
    """The absolute URL of the entry's own image (None without one, or without site_url)."""
    page = _absolute(settings, entry.url)
    if entry.image is None or page is None:
        return None
    if entry.image.name is not None:
        return page + entry.image.name
    return entry.image.src if safe_url(entry.image.src) == entry.image.src else None


def _publisher(settings: Settings) -> dict[str, object]:
    publisher: dict[str, object] = {"@type": "Organization", "name": settings.site_name}
    if settings.site_url:
        publisher["url"] = _absolute(settings, "")
    if settings.logo_url:
        publisher["logo"] = {"@type": "ImageObject", "url": settings.logo_url}
    return publisher


def _person(author: Author) -> dict[str, object]:
    person: dict[str, object] = {"@type": "Person", "name": author.name}
    if author.url and safe_url(author.url) == author.url:
        person["url"] = author.url
    return person


def _citation(source: Source) -> dict[str, object]:
    citation: dict[str, object] = {
        "@type": "CreativeWork", "name": source.title or source.publisher,
        "publisher": {"@type": "Organization", "name": source.publisher}}
    if safe_url(source.url) == source.url:  # an unsafe URL (past the validator) is left out
        citation["url"] = source.url
    return citation


def _redirect(url: str, view: _View, settings: Settings) -> bytes:
    root = root_of(url)
    target = root + view.url
    canonical = _absolute(settings, view.url) or target
    text = template("redirect.html").render(
        title=view.entry.title, target=target, canonical=canonical, root=root,
        language=settings.language, feeds=site_feeds(settings), rss=SITE_FEEDS["rss"])
    return text.encode("utf-8")


# -- listings ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Listing:
    """One series of paginated listing pages: the home page or a tag's pages."""

    kind: str  # "home" or "tag"
    first_url: str  # site-relative URL of page 1 ("" for the home page)
    intro: str
    feeds: Sequence[dict]  # the subscribe links in the body
    head_feeds: Sequence[dict] = ()  # advertised in <head> besides the site's feeds

    def url(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}page/{number}/"

    def page(self, items: Sequence[_View], number: int, total: int, *, title: str,
             description: str, heading: str) -> CompiledPage:
        url = self.url(number)
        root = root_of(url)
        pager = None
        if total > 1:
            pager = {"number": number, "total": total,
                     "newer": root + self.url(number - 1) if number > 1 else None,
                     "older": root + self.url(number + 1) if number < total else None}
        body = template("page_listing.html").render(
            heading=heading, intro=self.intro, items=items, root=root, pager=pager,
            lead=self.kind == "home" and number == 1,
            # The header already names the site: home's h1 is for screen readers only.
            hide_heading=self.kind == "home" and number == 1,
            feeds=[{**feed, "href": root + feed["href"]} for feed in self.feeds])
        digest: dict[str, object] = {"kind": self.kind, "feeds": list(self.head_feeds),
                                     # <link rel=prev/next>: the listing's own pages
                                     "pager": {"prev": self.url(number - 1) if number > 1 else None,
                                               "next": self.url(number + 1) if number < total else None}}
        updated = _newest(items)
        if updated:
            digest["updated"] = updated
        return CompiledPage(f"{url}index.md", url, title, description, body,
                            MappingProxyType({"digest": digest, "search": {"exclude": True}}))


def _listing_page(listing: _Listing, items: Sequence[_View], number: int, total: int, title: str,
                  description: str, heading: str) -> CompiledPage:
    return listing.page(items, number, total, title=title, description=description, heading=heading)


def _newest(items: Sequence[_View]) -> str | None:
    """The newest change among published ``items`` (a previewed entry's date never shows)."""
    return max((f"{v.entry.modified:%Y-%m-%d}" for v in items if v.preview is None), default=None)


def _home_pages(views: Sequence[_View], settings: Settings, memo: Memo = NO_MEMO) -> list[CompiledPage]:
    chunks = _pages_of(views, settings.per_page)
    listing = _Listing("home", "", settings.site_description, site_feeds(settings))
    out = []
    for number, items in enumerate(chunks, 1):
        if number == 1:
            title, description = settings.site_name, settings.site_description or "The latest briefs."
        else:
            title = f"Latest briefs, page {number}"
            description = f"Briefs, newest first: page {number} of {len(chunks)}."
        heading = settings.site_name if number == 1 else title
        out.append(memo.call(("home", number), _listing_page, listing, tuple(items), number,
                             len(chunks), title, description, heading))
    return out


def _tag_pages(tag: Tag, items: Sequence[_View], settings: Settings,
               memo: Memo = NO_MEMO) -> list[CompiledPage]:
    chunks = _pages_of(items, settings.per_page)
    feeds = tag_feeds(tag, settings) if items else []  # a tag without briefs has no feeds
    listing = _Listing("tag", f"tags/{tag.slug}/", tag.description, feeds, feeds)
    out = []
    for number, chunk in enumerate(chunks, 1):
        title = tag.name if number == 1 else f"{tag.name}, page {number}"
        description = tag.description if number == 1 else f"{tag.description} Page {number} of {len(chunks)}."
        out.append(memo.call(("tag", tag.slug, number), _listing_page, listing, tuple(chunk),
                             number, len(chunks), title, description, title))
    return out


def _tag_sitemap(pages: Sequence[CompiledPage], settings: Settings) -> bytes:
    """A sitemap of one tag's pages, next to its feeds.

    Material's JavaScript fetches ``sitemap.xml`` beside every ``<link rel="alternate">``
    of a page (it expects language versions there); for a tag's feeds that is
    ``tags/<slug>/sitemap.xml``, which would otherwise be a 404 in the console.
    """
    updated = max((str(p.meta["digest"].get("updated") or "") for p in pages), default="")
    text = template("tag_sitemap.xml").render(
        locations=[_absolute(settings, page.url) for page in pages], updated=updated)
    return text.encode("utf-8")


def _tags_index(tags: Mapping[str, Tag], by_tag: Mapping[str, Sequence[_View]],
                newest: str | None) -> CompiledPage:
    url = "tags/"
    rows = sorted(((tag, len(by_tag[slug])) for slug, tag in tags.items()),
                  key=lambda row: (row[0].name.casefold(), row[0].slug))
    body = template("page_tags.html").render(rows=rows, root=root_of(url))
    digest: dict[str, object] = {"kind": "tags"}
    if newest:
        digest["updated"] = newest
    return CompiledPage(f"{url}index.md", url, "Tags", "Every topic the briefs cover, with how many "
                        "briefs each has.", body,
                        MappingProxyType({"digest": digest, "search": {"exclude": True}}))


def _archive(views: Sequence[_View], memo: Memo = NO_MEMO) -> list[CompiledPage]:
    """The archive: ``archive/`` lists the years and months with how many briefs each has,
    and each month has its own page, ``archive/YYYY/MM/``, a compact list of headlines
    (with previous/next month links). Every brief is on one page only: linear in size."""
    years: list[tuple[int, list[tuple[int, list[_View]]]]] = []
    for view in views:  # newest first, so years and months arrive in order
        date = view.entry.date
        if not years or years[-1][0] != date.year:
            years.append((date.year, []))
        months = years[-1][1]
        if not months or months[-1][0] != date.month:
            months.append((date.month, []))
        months[-1][1].append(view)
    url = "archive/"
    toc = [[f"y{year}", str(year), 2] for year, _ in years]
    body = template("page_archive.html").render(years=years, months=MONTHS, root=root_of(url))
    digest: dict[str, object] = {"kind": "archive", "toc": toc}
    newest = _newest(views)
    if newest:
        digest["updated"] = newest
    out = [CompiledPage(f"{url}index.md", url, "Archive", "Every brief, by year and month.", body,
                        MappingProxyType({"digest": digest, "search": {"exclude": True}}))]
    flat = [(year, month, tuple(items)) for year, months in years for month, items in months]
    for index, (year, month, items) in enumerate(flat):
        newer = flat[index - 1][:2] if index > 0 else None
        older = flat[index + 1][:2] if index + 1 < len(flat) else None
        out.append(memo.call(("archive", year, month), _archive_month, year, month, items,
                             newer, older))
    return out


def _archive_month(year: int, month: int, items: Sequence[_View], newer: tuple[int, int] | None,
                   older: tuple[int, int] | None) -> CompiledPage:
    """``archive/YYYY/MM/``: the month's headlines, with links to the months around it."""
    month_url = f"archive/{year}/{month:02d}/"
    root = root_of(month_url)
    name = f"{MONTHS[month - 1]} {year}"
    pager = {"newer": newer and (root + f"archive/{newer[0]}/{newer[1]:02d}/",
                                 f"{MONTHS[newer[1] - 1]} {newer[0]}"),
             "older": older and (root + f"archive/{older[0]}/{older[1]:02d}/",
                                 f"{MONTHS[older[1] - 1]} {older[0]}")}
    body = template("page_archive_month.html").render(
        name=name, items=items, root=root, pager=pager, archive=root + "archive/")
    digest: dict[str, object] = {"kind": "archive-month"}
    newest = _newest(items)
    if newest:
        digest["updated"] = newest
    count = sum(1 for view in items if view.preview is None)
    return CompiledPage(
        f"{month_url}index.md", month_url, f"Archive: {name}",
        f"Every brief of {name}: {count} brief{'' if count == 1 else 's'}.", body,
        MappingProxyType({"digest": digest, "search": {"exclude": True}}))
