"""Entry text comes from strangers. Entries that bypass the validator (built directly as
model objects) must not put script, event handlers, javascript: URLs, embedded content
or style attributes into the built HTML."""

from __future__ import annotations

import json
import posixpath
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.compile import CompileError, compile_site
from generator.entries.loader import LoadResult
from generator.entries.model import Corpus, Entry, Source, Tag
from generator.settings import Settings
from tests.site.site_support import Page, write_fixture

XSS = ('<script>alert("x")</script><img src=x onerror=alert(1)>'
       '<iframe src="javascript:alert(2)"></iframe><object data="x.swf"></object><embed src="x">'
       '<p style="color:red" onclick="alert(3)">styled</p><svg onload=alert(4)><script>alert(5)</script></svg>'
       '<a href="jav&#x09;ascript:alert(6)">tab</a><a href=" javascript:alert(7)">space</a>'
       '<form action="javascript:alert(8)"><button formaction="javascript:alert(9)">b</button></form>')
MARKDOWN = (f"{XSS}\n\n- [link](javascript:alert(10))\n- ![img](javascript:alert(11))\n"
            "- [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMik8L3NjcmlwdD4=)\n"
            "- <https://ok.example/> and <javascript:alert(13)>\n\n"
            "[ref]: javascript:alert(14)\n\nA [ref link][ref].\n")
TITLE = '</script><script>alert("title")</script> "quoted" & <b onmouseover=alert(15)>bold</b>'

TAGS = {
    "ai": Tag("ai", '<script>alert("tag")</script>AI', '<img src=x onerror=alert(16)> tag text'),
    "cloud": Tag("cloud", "Cloud", "Cloud platforms."),
}


def hostile_entries() -> tuple[Entry, ...]:
    def entry(slug: str, day: int, **overrides) -> Entry:
        fields = dict(
            path=f"entries/2026/2026-06-{day:02d}-{slug}.md", slug=slug, title=TITLE,
            date=datetime(2026, 6, day, tzinfo=UTC), tags=("ai", "cloud"),
            summary=f"Lede {XSS} [x](javascript:alert(17)) **bold**", whats_new=MARKDOWN,
            context=MARKDOWN, why_it_matters=MARKDOWN,
            sources=(Source(publisher='<script>alert("pub")</script>',
                            url="javascript:alert(18)//https://example.com/",
                            title='"><script>alert(19)</script>',
                            quote="</blockquote><script>alert(20)</script>"),
                     Source(publisher="Fine", url="https://example.com/ok/")),
            aliases=("old-hostile-slug",) if day == 2 else (),
        )
        fields.update(overrides)
        return Entry(**fields)

    return (entry("hostile-one", 1), entry("hostile-two", 2), entry("plain-three", 3, title="Plain title here"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = write_fixture(tmp_path_factory.mktemp("hostile"))
    corpus = Corpus(hostile_entries(), TAGS)
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    patch.setattr("generator.plugin.plugin.load", lambda root, settings, **_: LoadResult(corpus, (), 1))
    try:
        out = root / "site"
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(out)))
    finally:
        patch.undo()
    return out


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}
SCRIPT_CONTROL = re.compile(r"[\x00-\x20]")


def assert_safe(html: str, where: str) -> None:
    page = Page(html)
    # A newsletter's styles are inlined by design (mail clients drop style sheets); they
    # come from the template's own CSS, never from entry text (tests/editions).
    email = where.endswith("/email.html")
    for tag, attrs in page.tags:
        assert tag not in {"iframe", "object", "embed", "frame", "applet"}, (where, tag)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            assert name != "style" or email, (where, tag)
            if name in URL_ATTRIBUTES and value:
                cleaned = SCRIPT_CONTROL.sub("", value).lower()
                assert not cleaned.startswith(("javascript:", "data:", "vbscript:")), (where, tag, value)
    for attrs, text in page.scripts:
        if attrs.get("type") == "application/ld+json":
            # Data, not code: it parses, and nothing in it can close the element.
            json.loads(text)
            assert not {"<", ">", "&"} & set(text), where
            continue
        assert "alert" not in text, (where, text[:200])
        if attrs.get("src"):  # the theme's scripts, and digest serve's notice script
            target = posixpath.normpath(posixpath.join(posixpath.dirname(where), attrs["src"]))
            assert "assets/javascripts/" in attrs["src"] or target == "_diagnostics/notice.js" or (
                attrs["src"].startswith("/") and attrs["src"].endswith("/_diagnostics/notice.js")), (where, attrs)
    assert "<script>alert" not in html, where


def test_built_html_has_no_active_content(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 8
    entry = site / "2026/06/01/hostile-one/index.html"
    assert entry in pages and (site / "2026/06/02/old-hostile-slug/index.html") in pages
    for path in pages:
        assert_safe(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix())


def test_hostile_text_is_shown_as_text(site):
    html = (site / "2026/06/01/hostile-one/index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert TITLE in "".join(page.text_parts)  # the title, escaped, reads as written
    assert page.title.startswith(TITLE)
    [data] = [json.loads(t) for a, t in page.scripts if a.get("type") == "application/ld+json"]
    assert data["headline"] == TITLE
    assert [c.get("url") for c in data["citation"]] == [None, "https://example.com/ok/"]
    description = page.find("meta", name="description")[0]["content"]
    assert description.startswith("Lede")
    tags = Page((site / "tags/index.html").read_text(encoding="utf-8"))
    assert '<script>alert("tag")</script>AI' in "".join(tags.text_parts)


def test_compiled_pages_are_safe_without_mkdocs():
    site = compile_site(Corpus(hostile_entries(), TAGS),
                        Settings(site_url="https://example.org/", per_page=1), now=None)
    for page in site.pages:
        assert_safe(page.html, page.src)
        jsonld = page.meta["digest"].get("jsonld", "")
        assert not {"<", ">", "&"} & set(jsonld), page.src
    for path, content in site.files.items():
        if path.endswith(".html"):
            assert_safe(content.decode("utf-8"), path)


@pytest.mark.parametrize("bad", [
    {"slug": "../../outside"},
    {"aliases": ("../../../etc",)},
    {"tags": ("not-in-vocabulary",)},
])
def test_compile_refuses_paths_and_tags_the_validator_would_reject(bad):
    base = hostile_entries()[2]
    fields = {name: getattr(base, name) for name in base.__slots__}
    fields.update(bad)
    with pytest.raises(CompileError):
        compile_site(Corpus((Entry(**fields),), TAGS), Settings(site_url="https://example.org/"))
