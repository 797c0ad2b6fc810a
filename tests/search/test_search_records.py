"""What goes into the search index: entry pages only, as plain text, newest first."""

from __future__ import annotations

from types import MappingProxyType

from generator.compile import CompiledPage
from generator.search import entry_records, plain_text

ENTRY_HTML = """<article class="digest-entry">
<h1 id="title">Lab ships a model</h1>
<p class="digest-byline">
<time datetime="2026-06-02T00:00:00+00:00">2 June 2026</time>
<span class="digest-readtime">· 2 min read</span>
</p>
<p class="digest-lede">It is <em>free</em> &amp; de-<strong>identified</strong> &lt;really&gt;.</p>
<ul><li>One</li><li>Two</li></ul><p>Last</p>
<nav class="digest-prevnext" aria-label="More briefs"><a href="../x/">Previous Other entry</a></nav>
</article>"""


def page(url: str, kind: str, html: str = "<p>text</p>") -> CompiledPage:
    return CompiledPage(src=f"{url}index.md", url=url, title=f"Title of {url or 'home'}", description="",
                        html=html, meta=MappingProxyType({"digest": {"kind": kind}}))


def test_plain_text_keeps_the_reading_text_only() -> None:
    text = plain_text(ENTRY_HTML)
    assert text == "Lab ships a model It is free & de-identified <really>. One Two Last"


def test_only_entry_pages_become_records_newest_first() -> None:
    pages = [page("2025/01/01/a/", "entry"), page("", "home"), page("tags/ai/", "tag"),
             page("archive/", "archive"), page("2026/06/02/b/", "entry", ENTRY_HTML),
             page("2025/01/01/c/", "entry"),
             CompiledPage(src="about.md", url="about/", title="About", description="", html="<p>x</p>",
                          meta=MappingProxyType({}))]
    records = entry_records(pages)
    # b's byline dates it; a and c have none (so sort as oldest), then go by URL.
    assert [record.url for record in records] == ["/2026/06/02/b/", "/2025/01/01/a/", "/2025/01/01/c/"]
    assert records[0].title == "Title of 2026/06/02/b/"
    assert records[0].date == "2 June 2026"
    assert records[0].content.startswith("Lab ships a model It is free")
