"""Thin MkDocs hooks: everything they do is delegated to ``generator.entries.loader``,
``generator.compile`` (which calls ``generator.feeds``) and ``generator.search``.

How the pre-rendered HTML gets in quickly: each compiled page is a generated file with no
text of its own (``digest compile`` writes the same pages with front matter for other
engines). ``on_pre_page`` gives the page a render step that hands over the compiled
HTML and table of contents, and ``on_page_markdown`` sets its meta from the compiled
page. So MkDocs neither parses YAML front matter nor builds a Markdown instance (with
every configured extension) for each of thousands of pages that are HTML already.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.clock import ClockError
from generator.compile import CompiledPage, CompileError, build_now, compile_site
from generator.compile.pages import site_feeds
from generator.compile.preview import (
    DIAGNOSTICS_URL,
    ENV,
    NO_PREVIEW,
    NOTICE_SCRIPT,
    STATUS_FILE,
    Preview,
    diagnostics_page,
    notice_script,
    without,
)
from generator.diagnostics import Severity, summary
from generator.entries.loader import load
from generator.entries.model import Corpus
from generator.feeds import FeedError
from generator.feeds.links import SITE_FEEDS
from generator.memo import NO_MEMO, Memo
from generator.plugin.config import DigestConfig, settings_from
from generator.plugin.incremental import DROP_DIRTY_WARNING, Rebuilds, hand_over
from generator.search import SearchRecord, handwritten_records, write_search_index
from generator.settings import Settings, SettingsError, from_mkdocs_yml

log = logging.getLogger("mkdocs.plugins.digest")


class DigestPlugin(BasePlugin[DigestConfig]):
    def __init__(self) -> None:
        self.root = Path.cwd()
        self.settings = Settings()
        self.pages: dict[str, CompiledPage] = {}
        self.search: tuple[SearchRecord, ...] = ()
        self.updated: str | None = None
        # While MkDocs serves (never in a build): broken entries are left out and listed
        # at /_diagnostics/ instead of stopping the site; digest serve --drafts/--future
        # (the DIGEST_PREVIEW variable) adds unpublished entries.
        self.serving = False
        self.preview = NO_PREVIEW
        self.errors = 0
        self.problem: str | None = None
        # `digest serve` (mkdocs serve --dirty): rebuilds reuse what an edit did not
        # change and write only what it did (generator.plugin.incremental).
        self.rebuilds: Rebuilds | None = None
        self.sitemap = True  # whether this build writes the sitemap

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # A plugin with on_startup lives across the rebuilds of one `mkdocs serve`.
        self.serving = command == "serve"
        self.preview = Preview.from_env(os.environ.get(ENV)) if self.serving else NO_PREVIEW
        if self.serving and dirty:
            self.rebuilds = Rebuilds()
            logging.getLogger("mkdocs.commands.build").addFilter(DROP_DIRTY_WARNING)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.rebuilds is not None:
            self.rebuilds.begin(Path(config.config_file_path), Path(config.docs_dir),
                                Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        if self.rebuilds is not None:
            self.rebuilds.forget()

    @property
    def memo(self) -> Memo:
        return self.rebuilds.memo if self.rebuilds is not None else NO_MEMO

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("digest: the site needs 'use_directory_urls: true' (its URLs are "
                              "/YYYY/MM/DD/slug/)")
        self.root = Path(config.config_file_path).resolve().parent
        self.settings = settings_from(self.config, config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        result = load(self.root, self.settings, memo=self.memo)
        blocking = result.blocking
        stops = set(blocking)
        for diagnostic in result.diagnostics:
            if diagnostic in stops:
                log.error(diagnostic.format())
            else:
                # Warnings pass `digest check`, and a draft's errors concern a page nobody
                # sees yet: neither fails `mkdocs build --strict`; both are shown, at the
                # level that strict ignores.
                log.info(diagnostic.format() + (" (in a draft: not published)"
                                                if diagnostic.severity is Severity.ERROR else ""))
        errors = len(blocking)
        self.errors = errors
        if errors and not self.serving:
            raise PluginError(f"digest: {errors} error(s) in {self.settings.entries_dir}/ "
                              "(listed above, as 'digest check' reports them); nothing was built")
        corpus = result.corpus
        if errors:
            broken = {d.path for d in blocking}
            corpus = without(corpus, broken)
            log.warning(f"digest: {errors} error(s) in {self.settings.entries_dir}/; serving "
                        f"the site without the entries concerned: see /{DIAGNOSTICS_URL}")
        self.problem = None
        try:
            site = compile_site(corpus, self.settings, build_now(), preview=self.preview,
                                memo=self.memo)
        except (CompileError, FeedError) as error:
            if not self.serving:
                raise PluginError(f"digest: {error}") from error
            # Served all the same, without entries, until the problem is fixed.
            self.problem = f"digest: {error}"
            log.error(self.problem)
            site = self._compile(Corpus((), corpus.tags))
        except ClockError as error:
            raise PluginError(f"digest: {error}") from error
        self.search = site.search
        self.updated = site.updated
        compiled = list(site.pages)
        generated = list(site.files.items())
        if self.serving:
            compiled.append(self._diagnostics_page(result, config))
            status = {"errors": self.errors or int(bool(self.problem))}
            generated += [(NOTICE_SCRIPT, notice_script()), (STATUS_FILE, json.dumps(status).encode())]
        for src in (*(page.src for page in compiled), *(path for path, _ in generated), *site.assets):
            self._claim(files, src)
        self.pages = {page.src: page for page in compiled}
        handed, self.sitemap = hand_over(config, self.rebuilds, compiled, generated,
                                         {path: self.root / source for path, source in site.assets.items()},
                                         self.updated)
        for file in handed:
            files.append(file)
        return files

    def _compile(self, corpus: Corpus):
        try:
            return compile_site(corpus, self.settings, build_now(), preview=self.preview)
        except (ClockError, CompileError, FeedError) as error:
            raise PluginError(f"digest: {error}") from error

    def _diagnostics_page(self, result, config: MkDocsConfig) -> CompiledPage:
        """/_diagnostics/: every diagnostic as `digest check` prints it, with the site_url
        of mkdocs.yml (MkDocs serve replaces the configured one with its own address)."""
        try:
            site_url = from_mkdocs_yml(Path(config.config_file_path)).site_url
        except (SettingsError, TypeError):
            site_url = self.settings.site_url
        lines = [diagnostic.format(site_url) for diagnostic in result.diagnostics]
        if self.problem:
            lines.append(self.problem)
        return diagnostics_page(lines, summary(list(result.diagnostics), result.files),
                                self.errors or bool(self.problem))

    @staticmethod
    def _claim(files: Files, src: str) -> None:
        # src_uris, not get_file_from_path: src is a POSIX path already, and this runs for
        # every generated page (12,000 at 10,000 entries).
        if src in files.src_uris:
            raise PluginError(f"digest: docs/{src} is in the way of a generated page or file "
                              "of the same path; remove or rename it")

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        compiled = self.pages.get(page.file.src_uri)
        if compiled is not None:
            page.render = partial(_render_compiled, page, compiled)  # type: ignore[method-assign]
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        compiled = self.pages.get(page.file.src_uri)
        self._date(page)
        if compiled is not None:
            page.meta = compiled.front_matter()
            return ""
        return None

    def _date(self, page: Page) -> None:
        """Sitemap dates (and the sitemap.xml.gz timestamp) come from the content, not the
        clock."""
        compiled = self.pages.get(page.file.src_uri)
        if compiled is not None:
            page.update_date = compiled.meta["digest"].get("updated") or self.updated or page.update_date
        elif self.updated:
            page.update_date = self.updated

    # MkDocs renders every page's content first and writes pages afterwards, so a compiled
    # page's HTML is decoded only for its own writing and dropped after it: thousands of
    # pages' HTML are never held as text at once.
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        compiled = self.pages.get(page.file.src_uri)
        if compiled is not None:
            page.content = compiled.html
            pager = compiled.meta["digest"].get("pager")
            if pager is not None:
                # The theme's <link rel="prev/next"> follow the navigation (Home -> Archive);
                # a listing's are its own pages (home page 1 -> page 2).
                page.previous_page = _Linked(pager["prev"]) if pager["prev"] is not None else None
                page.next_page = _Linked(pager["next"]) if pager["next"] is not None else None
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.pages:
            page.content = ""
        return output

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.globals["digest_site_feeds"] = site_feeds(self.settings)
        env.globals["digest_feeds"] = SITE_FEEDS
        env.globals["digest_fragment"] = FragmentCache()
        # og:image of pages without an image of their own (main.html).
        env.globals["digest_og_image"] = self.settings.default_image_url
        env.globals["digest_og_image_alt"] = self.settings.default_image_alt
        # Served pages load the script that shows a notice while entries have errors.
        env.globals["digest_serving"] = {"notice": NOTICE_SCRIPT} if self.serving else None
        if not self.sitemap:
            # Only changed pages were handed to MkDocs: the sitemap on disk is still right.
            config.theme.static_templates.discard("sitemap.xml")
        if self.rebuilds is not None:
            env.bytecode_cache = self.rebuilds.templates
            # MkDocs reads only the pages a rebuild changed; the sitemap lists them all.
            for file in files.documentation_pages():
                if file.page is not None:
                    self._date(file.page)
        return env

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        # Drafts, scheduled entries and the diagnostics page are served, never in a sitemap.
        if template_name == "sitemap.xml":
            context["pages"] = [file for file in context["pages"]
                                if not self._unlisted(file.src_uri)]
        return context

    def _unlisted(self, src: str) -> bool:
        compiled = self.pages.get(src)
        return compiled is not None and bool(compiled.meta["digest"].get("preview"))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Search: a static index of the published entries, tag pages and hand-written pages
        # (the same as `digest compile` writes); a failure fails the build.
        try:
            write_search_index(Path(config.site_dir),
                               [*self.search, *handwritten_records(Path(config.docs_dir))],
                               self.memo)
        except OSError as error:
            raise PluginError(f"digest: search index: {error}") from error
        if self.rebuilds is not None:
            self.rebuilds.finish(Path(config.site_dir))

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        # New and edited entries rebuild the site without a restart.
        server.watch(str(self.root / self.settings.entries_dir))
        return server


class FragmentCache:
    """A template fragment rendered once per key for the whole build (``{% call %}``)."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[object, ...], str] = {}

    def __call__(self, *key: object, caller: Callable[[], str]) -> str:
        if key not in self._rendered:
            self._rendered[key] = caller()
        return self._rendered[key]


@dataclass(frozen=True, slots=True)
class _Linked:
    """What the theme reads of a previous or next page: its site-relative URL."""

    url: str


def _render_compiled(page: Page, compiled: CompiledPage, config: MkDocsConfig,
                     files: Files) -> None:
    """``Page.render`` for a compiled page: its table of contents; the HTML itself is
    handed over in ``on_page_context``, just before the page is written."""
    tokens = _toc_tokens(compiled.meta["digest"].get("toc") or ())
    # The headline (every compiled page's <h1 id="title">) heads the table of contents, as
    # a Markdown page's h1 does: Material's skip link goes to it, and the sidebar lists
    # only the sections under it.
    headline = {"level": 1, "id": "title", "name": str(escape(compiled.title)), "children": tokens}
    page.content = ""
    page.toc = get_toc([headline])
    page.present_anchor_ids = {"title", *(token["id"] for token in _walk(tokens))}


def _walk(tokens: list[dict]):
    for token in tokens:
        yield token
        yield from _walk(token["children"])


def _toc_tokens(rows) -> list[dict]:
    """MkDocs toc tokens from ``[id, title, level]`` rows; level 3 nests under level 2."""
    tokens: list[dict] = []
    for anchor, title, level in rows:
        token = {"level": level, "id": anchor, "name": str(escape(title)), "children": []}
        if level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
