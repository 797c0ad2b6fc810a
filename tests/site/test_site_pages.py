"""The built fixture site: every URL family, listings in order, pagination, drafts and
future entries nowhere, aliases, head metadata and feed links."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.site.site_support import (
    HIDDEN,
    ORDER,
    PER_PAGE,
    PUBLISHED,
    digest,
    page,
    resolve,
    slug_of,
    title_of,
    write_fixture,
)


@pytest.fixture(scope="module")
def site(fixture_project: Path) -> Path:
    """The fixture site (built once per session: tests/conftest.py)."""
    return fixture_project / "site"


def entry_url(slug: str) -> str:
    date = PUBLISHED[slug][0]
    return f"{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"


def listing(site: Path, first: str) -> list[list[str]]:
    """Slugs on each page of a paginated listing, following its 'older' links."""
    pages, url = [], first
    while True:
        current = page(site, url)
        pages.append([slug_of(href) for href in current.hrefs("digest-item__link")])
        older = current.hrefs("digest-pager__older")
        if not older:
            return pages
        url = resolve(site, url, older[0]).parent.relative_to(site).as_posix() + "/"


def tagged(tag: str) -> list[str]:
    return [slug for slug in ORDER if tag in PUBLISHED[slug][1]]


def chunks(items: list[str]) -> list[list[str]]:
    return [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]


def test_every_url_family_exists(site):
    urls = ["", "page/2/", "page/3/", "tags/", "tags/ai/", "tags/ai/page/2/", "tags/cloud/",
            "tags/healthcare/", "tags/regulation/", "archive/", "about/", "contributing/",
            "2026/09/01/alpha-old-name/"]
    urls += [entry_url(slug) for slug in PUBLISHED]
    for url in urls:
        assert (site / url / "index.html").is_file(), url
    assert not (site / "page/4").exists()
    assert not (site / "tags/ai/page/3").exists()
    assert not (site / "page/1").exists()


def test_home_lists_newest_first_paginated(site):
    assert listing(site, "") == chunks(ORDER)
    home = page(site, "")
    assert home.title == "Test Digest"
    assert home.hrefs("digest-pager__newer") == []
    second = page(site, "page/2/")
    assert second.title == "Latest briefs, page 2 - Test Digest"
    assert resolve(site, "page/2/", second.hrefs("digest-pager__newer")[0]) == site / "index.html"


@pytest.mark.parametrize("tag", ["ai", "cloud", "healthcare", "regulation"])
def test_tag_pages_list_exactly_their_entries(site, tag):
    assert listing(site, f"tags/{tag}/") == chunks(tagged(tag))
    first = page(site, f"tags/{tag}/")
    assert first.find("meta", name="description")[0]["content"] == {
        "ai": "Artificial intelligence models and research.", "cloud": "Cloud platforms and hosting.",
        "healthcare": "Hospitals and health data.", "regulation": "Laws and regulators."}[tag]


def test_tags_index_lists_every_tag_with_count_and_description(site):
    index = page(site, "tags/")
    text = " ".join("".join(index.text_parts).split())
    for tag, name, description in [("ai", "AI", "Artificial intelligence models and research."),
                                   ("cloud", "Cloud", "Cloud platforms and hosting."),
                                   ("healthcare", "Healthcare", "Hospitals and health data."),
                                   ("regulation", "Regulation", "Laws and regulators.")]:
        count = len(tagged(tag))
        assert f"{name} {count} brief{'' if count == 1 else 's'} {description}" in text
        assert f"../tags/{tag}/" in [h for h, _, _ in index.links]


def test_archive_groups_by_year_and_month_in_order(site):
    text = (site / "archive/index.html").read_text(encoding="utf-8")
    headings = [h for h in ("2026", "September 2026", "August 2026", "June 2026", "2025",
                            "December 2025", "November 2025")]
    positions = [text.index(f">{h}<") for h in headings]
    assert positions == sorted(positions)
    assert ">July 2026<" not in text  # the draft's month
    # Issue 12: the archive lists months; each month's headlines are on archive/YYYY/MM/.
    archive = page(site, "archive/")
    months = archive.hrefs("digest-month__link")
    assert [resolve(site, "archive/", h).relative_to(site).as_posix().removesuffix("/index.html")
            for h in months] == ["archive/2026/09", "archive/2026/08", "archive/2026/06",
                                 "archive/2025/12", "archive/2025/11"]
    assert archive.hrefs("digest-item__link") == []
    slugs = []
    for month in months:
        url = resolve(site, "archive/", month).relative_to(site).as_posix().removesuffix("index.html")
        slugs += [slug_of(h) for h in page(site, url).hrefs("digest-item__link")]
    assert slugs == ORDER
    assert not (site / "archive/2026/07").exists()
    august = page(site, "archive/2026/08/")
    assert august.title == "Archive: August 2026 - Test Digest"
    assert resolve(site, "archive/2026/08/", august.hrefs("digest-pager__newer")[0]) == site / "archive/2026/09/index.html"
    assert resolve(site, "archive/2026/08/", august.hrefs("digest-pager__older")[0]) == site / "archive/2026/06/index.html"


def test_drafts_and_future_entries_appear_nowhere(site):
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in {".html", ".xml", ".json", ".opml", ".gz"}:
            continue
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
        for slug in HIDDEN:
            assert slug not in text, path
            assert title_of(slug) not in text, path
            assert slug.split("-")[0] + "zebra" not in text, path
    assert not (site / "2030").exists()
    assert not (site / "2026/07").exists()


def test_alias_leaves_a_redirect(site):
    url = "2026/09/01/alpha-old-name/"
    redirect = page(site, url)
    refresh = redirect.find("meta", http_equiv="refresh") or [
        a for t, a in redirect.tags if t == "meta" and a.get("http-equiv") == "refresh"]
    target = refresh[0]["content"].split("url=", 1)[1]
    assert resolve(site, url, target) == site / entry_url("alpha-launch") / "index.html"
    assert redirect.find("link", rel="canonical")[0]["href"] == \
        "https://news.example.org/sub/" + entry_url("alpha-launch")
    assert resolve(site, url, redirect.links[0][0]) == site / entry_url("alpha-launch") / "index.html"


def test_entry_page(site):
    url = entry_url("delta-diagnosis")
    entry = page(site, url)
    html = (site / url / "index.html").read_text(encoding="utf-8")
    assert entry.title == f"{title_of('delta-diagnosis')} - Test Digest"
    description = entry.find("meta", name="description")[0]["content"]
    assert description.startswith("The delta lede says what happened on 2026-06-02")
    assert '<time datetime="2026-06-02T00:00:00+00:00">2 June 2026</time>' in html
    assert "min read" in html
    assert "Updated" not in html
    for heading in ("What\u2019s new", "Context", "Why it matters", "Sources"):
        assert f">{heading}</h2>" in html
    assert "<blockquote><p>The delta announcement happened today.</p></blockquote>" in html
    tags = entry.hrefs("digest-tag")
    assert [resolve(site, url, h).parent.name for h in tags] == ["ai", "healthcare"]
    # Previous (older) and next (newer) briefs by position.
    assert slug_of(entry.hrefs("digest-prevnext__older")[0]) == "echo-datacenter"
    assert slug_of(entry.hrefs("digest-prevnext__newer")[0]) == "charlie-hospital"
    newest = page(site, entry_url("alpha-launch"))
    assert newest.hrefs("digest-prevnext__newer") == []
    assert "Updated" in (site / entry_url("alpha-launch") / "index.html").read_text(encoding="utf-8")
    assert page(site, entry_url("foxtrot-research")).hrefs("digest-prevnext__older") == []


def test_entry_page_open_graph_and_json_ld(site):
    url = entry_url("alpha-launch")
    entry = page(site, url)
    og = {a["property"]: a["content"] for a in entry.find("meta") if a.get("property")}
    assert og["og:type"] == "article"
    assert og["og:title"] == title_of("alpha-launch")
    assert og["og:url"] == "https://news.example.org/sub/" + url
    assert og["article:published_time"] == "2026-09-01T00:00:00+00:00"
    assert og["article:modified_time"] == "2026-09-05T00:00:00+00:00"
    assert entry.find("meta", name="twitter:card")[0]["content"] == "summary"
    [data] = [json.loads(text) for attrs, text in entry.scripts
              if attrs.get("type") == "application/ld+json"]
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == title_of("alpha-launch")
    assert data["datePublished"] == "2026-09-01T00:00:00+00:00"
    assert data["dateModified"] == "2026-09-05T00:00:00+00:00"
    assert data["keywords"] == ["AI", "Cloud"]
    assert data["description"].startswith("The alpha lede")
    assert data["citation"][0]["url"] == "https://news.example.com/alpha-launch/"


def all_pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
                  for p in site.rglob("index.html")
                  # Redirect stubs: an alias, and search/ (a shared search, sent to the home page).
                  if "alpha-old-name" not in p.as_posix() and p.parent != site / "search")


def test_every_page_has_title_description_feeds_and_a_subscribe_link(site):
    urls = all_pages(site)
    # entries, home pages, tags, others, archive months (issue 12), editions: the index and
    # one page for each week with a brief, all closed (issue 15)
    assert len(urls) == len(PUBLISHED) + 3 + 6 + 3 + 5 + 1 + 6
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'type="application/rss+xml"' in not_found and "feed.xml" in not_found
    for url in urls:
        current = page(site, url)
        assert current.title and current.title != "Test Digest - Test Digest", url
        assert current.find("meta", name="description")[0]["content"], url
        alternates = {a["href"]: a["type"] for a in current.find("link", rel="alternate")}
        feeds = {resolve(site, url, href).relative_to(site).as_posix(): kind
                 for href, kind in alternates.items()}
        assert feeds["feed.xml"] == "application/rss+xml", url
        assert feeds["atom.xml"] == "application/atom+xml", url
        assert feeds["feed.json"] == "application/feed+json", url
        for href in alternates:
            assert resolve(site, url, href).is_file(), (url, href)
        subscribe = [h for h, _, _ in current.links
                     if resolve(site, url, h) == site / "feed.xml"]
        assert subscribe, url
        if url.startswith("tags/") and url != "tags/" and "regulation" not in url:
            tag = url.split("/")[1]
            assert f"tags/{tag}/feed.xml" in feeds and f"tags/{tag}/atom.xml" in feeds, url


def test_internal_links_resolve(site):
    for url in all_pages(site):
        for href, _, _ in page(site, url).links:
            if not href or href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            assert resolve(site, url, href).exists(), (url, href)


def test_no_request_leaves_the_origin(site):
    for url in all_pages(site):
        current = page(site, url)
        for tag, attrs in current.tags:
            if tag in ("script", "img", "iframe") and attrs.get("src"):
                assert not attrs["src"].startswith(("http:", "https:", "//")), (url, attrs)
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload"):
                assert not attrs["href"].startswith(("http:", "https:", "//")), (url, attrs)
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def test_accessibility_overrides(site):
    home = page(site, "")
    dialog = [a for t, a in home.tags if t == "div" and a.get("role") == "dialog"]
    assert dialog and all(a.get("aria-label") for a in dialog)
    assert home.find("link", rel="stylesheet")[-1]["href"].endswith("assets/stylesheets/digest.css")
    assert "md-footer-fg-color--lighter" in (site / "assets/stylesheets/digest.css").read_text()


def test_tag_feeds_have_a_sitemap_beside_them(site):
    # Material's JavaScript fetches sitemap.xml beside every <link rel="alternate">.
    text = (site / "tags/ai/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://news.example.org/sub/tags/ai/</loc>" in text
    assert "<loc>https://news.example.org/sub/tags/ai/page/2/</loc>" in text
    assert not (site / "tags/regulation/sitemap.xml").exists()  # no feeds, nothing fetched


def test_listings_link_their_own_next_and_previous_pages(site):
    # Home page 1's rel=next was the archive (the navigation's next page), not page 2.
    for url, prev, nxt in (("", None, "page/2/"), ("page/2/", "", "page/3/"),
                           ("page/3/", "page/2/", None), ("tags/ai/", None, "tags/ai/page/2/"),
                           ("tags/ai/page/2/", "tags/ai/", None)):
        current = page(site, url)
        for rel, want in (("prev", prev), ("next", nxt)):
            links = current.find("link", rel=rel)
            if want is None:
                assert links == [], (url, rel, links)
            else:
                assert len(links) == 1, (url, rel)
                target = resolve(site, url, links[0]["href"])
                assert target in (site / want, site / want / "index.html"), (url, rel, target)


def test_tag_pages_list_their_own_feeds_first(site):
    hrefs = [resolve(site, "tags/ai/", a["href"]).relative_to(site).as_posix()
             for a in page(site, "tags/ai/").find("link", rel="alternate")]
    assert hrefs[:2] == ["tags/ai/feed.xml", "tags/ai/atom.xml"], hrefs
    assert "feed.xml" in hrefs[2:]


def test_feed_links_are_not_material_language_alternates(site):
    # Material's script downloads a sitemap.xml beside every link[rel=alternate] (an exact
    # match); the feed links keep the token "alternate" for feed readers but not that value.
    for url in ("", "tags/ai/", entry_url(ORDER[0]), "archive/"):
        for tag, attrs in page(site, url).tags:
            if tag == "link" and "alternate" in (attrs.get("rel") or "").split():
                assert attrs["rel"] != "alternate", (url, attrs)


def test_every_page_skips_to_its_headline(site):
    for url in ("", "page/2/", "tags/", "tags/ai/", "archive/", entry_url(ORDER[0])):
        text = (site / url / "index.html").read_text(encoding="utf-8")
        assert '<a href="#title" class="md-skip">' in text, url
        assert ('<h1 id="title">' in text) == (url != ""), url
    # Home: the header names the site, so the h1 is there for screen readers and the skip
    # link but not shown again above the briefs (digest.css hides it visually).
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="title" class="digest-visually-hidden">Test Digest</h1>' in home
    assert ".digest-visually-hidden" in (site / "assets/stylesheets/digest.css").read_text()
    assert '<a href="#title" class="md-skip">' in (site / "404.html").read_text(encoding="utf-8")


def test_toc_label_has_its_control(site):
    for url in ("", "tags/ai/", "archive/", entry_url(ORDER[0]), "about/"):
        text = (site / url / "index.html").read_text(encoding="utf-8")
        if 'for="__toc"' in text:
            assert text.count('id="__toc"') == 1, url


def test_listings_have_an_open_graph_description(site):
    for url in ("", "page/2/", "tags/", "tags/ai/", "archive/"):
        current = page(site, url)
        description = current.find("meta", name="description")[0]["content"]
        assert current.find("meta", property="og:description")[0]["content"] == description, url


def test_sources_read_publisher_linked_title_and_domain(site):
    html = (site / entry_url("delta-diagnosis") / "index.html").read_text(encoding="utf-8")
    assert ('<strong class="digest-source__publisher">Example News</strong>: '
            '<a href="https://news.example.com/delta-diagnosis/" rel="noopener noreferrer">'
            'Story about delta</a> <span class="digest-source__domain">(news.example.com)</span>') in html
    assert ">https://news.example.com/delta-diagnosis/</a>" not in html


def test_home_reads_like_a_front_page(site):
    # Was: every brief with its whole lede, no days, no lead, the subscribe row on top.
    html = (site / "index.html").read_text(encoding="utf-8")
    days = [PUBLISHED[slug][0] for slug in ORDER[:PER_PAGE]]
    assert [a["id"] for a in page(site, "").find("h2", class_="digest-day__title")] == [
        f"day-{day}" for day in dict.fromkeys(days)]
    assert html.count('class="digest-item digest-item--lead"') == 1
    assert html.index("digest-item--lead") < html.index('class="digest-item"')
    assert html.count('class="digest-lede"') == 1  # the lead's lede; the rest are teasers
    assert html.count('class="digest-teaser"') == len(days) - 1
    assert html.index('class="digest-pager"') < html.index('<p class="digest-subscribe">')
    tag = (site / "tags/ai/index.html").read_text(encoding="utf-8")
    assert "digest-item--lead" not in tag and 'class="digest-day__title"' in tag


@pytest.mark.parametrize(("lede", "expected"), [
    ("A lab published a small open model on 2026-04-11.", "A lab published a small open model on 2026-04-11."),
    ("The U.S. agency approved it on Tuesday. It takes effect in May.", "The U.S. agency approved it on Tuesday."),
    ("Version 2.1 ships today! Prices fall.", "Version 2.1 ships today!"),
    ("word " * 80, ("word " * 80)[:199].rstrip() + "\u2026"),
])
def test_teaser_is_the_lede_cut_at_a_sentence(lede, expected):
    from generator.compile.pages import teaser
    assert teaser(lede) == expected
    assert len(teaser(lede)) <= 201
