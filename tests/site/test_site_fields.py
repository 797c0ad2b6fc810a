"""Authors, an image and corrections on a built site (issue 12, items 2, 3 and 6): the
entry page (byline, the updates and corrections box, the figure, "More on <tag>"), its
JSON-LD and Open Graph, og:image on every page, and the feeds. Hostile text in every new
field stays text everywhere it goes."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from generator.compile import compile_site
from generator.compile.preview import Preview
from generator.entries.model import Corpus, Image
from tests.feeds.feed_support import SETTINGS, TAGS, make_entry
from tests.site.site_support import ROOT, Page, digest, page, resolve, slug_of, write_fixture

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
BASE = "https://news.example.org/sub/"

EVIL_NAME = '<script>alert("name")</script> & Co'
EVIL_ALT = '<img src=x onerror=alert(1)> "chart"'
EVIL_CREDIT = "<b>Lab</b> & Sons"
EVIL_NOTE = "<script>alert('note')</script> **not bold** & fixed"

AUTHORS_YML = f"""\
jane-doe:
  name: Jane Doe
  url: https://example.org/people/jane
evil:
  name: '{EVIL_NAME}'
"""

ALPHA = "2026/2026-09-01-alpha-launch.md"
ALPHA_URL = "2026/09/01/alpha-launch/"
BRAVO = "2026/2026-08-15-bravo-funding.md"
BRAVO_URL = "2026/08/15/bravo-funding/"
DELTA_URL = "2026/06/02/delta-diagnosis/"
ALPHA_FIELDS = f"""\
authors: [jane-doe, evil]
image:
  src: images/alpha-chart.png
  alt: '{EVIL_ALT}'
  credit: {EVIL_CREDIT}
corrections:
  - date: 2026-09-03
    note: The first version named the wrong city.
  - date: 2026-09-07T10:00:00Z
    note: "{EVIL_NOTE}"
"""
IMAGE_URL = "https://images.example.com/bravo.jpg"
BRAVO_FIELDS = f"""\
authors: [jane-doe]
image: {{src: '{IMAGE_URL}', alt: A chart of the round, credit: Example Agency}}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_fixture(tmp_path_factory.mktemp("fields"))
    entries = root / "entries"
    (entries / "authors.yml").write_text(AUTHORS_YML, encoding="utf-8")
    for name, fields in ((ALPHA, ALPHA_FIELDS), (BRAVO, BRAVO_FIELDS)):
        path = entries / name
        path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", f"\n{fields}---\n", 1),
                        encoding="utf-8")
    (entries / "2026" / "images").mkdir()
    shutil.copy(ROOT / "docs" / "assets" / "images" / "logo.png", entries / "2026" / "images" / "alpha-chart.png")
    (root / "docs" / "assets" / "images").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "assets" / "images" / "logo.png", root / "docs" / "assets" / "images")
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    checked = digest("check", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = digest("build", "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    return project / "site"


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def json_ld(site: Path, url: str) -> dict:
    [data] = [json.loads(text) for attrs, text in page(site, url).scripts
              if attrs.get("type") == "application/ld+json"]
    return data


def test_byline_names_the_authors_with_their_links(site: Path) -> None:
    entry = page(site, ALPHA_URL)
    authors = [(href, text) for href, classes, text in entry.links if "digest-author" in classes.split()]
    assert authors == [("https://example.org/people/jane", "Jane Doe")]
    text = html(site, ALPHA_URL)
    assert '<p class="digest-authors">By <a class="digest-author" href="https://example.org/people/jane" ' \
           'rel="author">Jane Doe</a>, <span class="digest-author">&lt;script&gt;alert(&#34;name&#34;)' \
           '&lt;/script&gt; &amp; Co</span></p>' in text
    # Before the dates, right under the headline.
    assert text.index('id="title"') < text.index("digest-authors") < text.index("digest-byline")
    assert "digest-authors" not in html(site, DELTA_URL)


def test_updates_and_corrections_box_at_the_top(site: Path) -> None:
    text = html(site, ALPHA_URL)
    box = text.split('<section class="digest-notes"', 1)[1].split("</section>", 1)[0]
    assert 'aria-labelledby="notes-title"' in box and 'id="notes-title"' in box
    assert "Updates and corrections" in box
    notes = [item.split(">", 1)[1] for item in box.split("<li ")[1:]]
    # Newest first: the second correction, 'updated', the first correction.
    assert [n.split("<time datetime=")[1][1:26] for n in notes] == [
        "2026-09-07T10:00:00+00:00", "2026-09-05T00:00:00+00:00", "2026-09-03T00:00:00+00:00"]
    assert "Correction, <time" in notes[0] and "7 September 2026" in notes[0]
    assert "&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt; **not bold** &amp; fixed" in notes[0]
    assert "Updated <time" in notes[1]
    assert "The first version named the wrong city." in notes[2]
    # Before the lede and the sections.
    assert text.index("digest-notes") < text.index('class="digest-lede"') < text.index('id="whats-new"')
    assert "digest-notes" not in html(site, DELTA_URL)


def test_image_figure_with_alt_and_credit(site: Path) -> None:
    entry = page(site, ALPHA_URL)
    [image] = entry.find("img", class_="digest-figure__image")
    assert image["src"] == "alpha-chart.png" and image["alt"] == EVIL_ALT
    assert resolve(site, ALPHA_URL, image["src"]).read_bytes() == \
        (ROOT / "docs" / "assets" / "images" / "logo.png").read_bytes()
    text = html(site, ALPHA_URL)
    assert '<figcaption class="digest-figure__credit">Image: &lt;b&gt;Lab&lt;/b&gt; &amp; Sons</figcaption>' in text
    assert "<img src=x" not in text and "<b>Lab" not in text
    [remote] = page(site, BRAVO_URL).find("img", class_="digest-figure__image")
    assert remote["src"] == IMAGE_URL and remote["alt"] == "A chart of the round"


def test_more_on_each_tag_lists_the_newest_other_briefs(site: Path) -> None:
    # delta (ai, healthcare): AI has alpha, bravo, foxtrot besides it (the draft and the
    # scheduled brief never show); Healthcare only charlie.
    def groups(url: str) -> list[tuple[str, list[str]]]:
        text = html(site, url)
        sections = text.split('<section class="digest-more"')[1:]
        return [(section.split('rel="tag">', 1)[1].split("<", 1)[0],
                 [slug_of(href) for href in page(site, url).hrefs("digest-item__link")
                  if href.rstrip("/").rsplit("/", 1)[-1] in section])
                for section in sections]

    assert groups(DELTA_URL) == [("AI", ["alpha-launch", "bravo-funding", "foxtrot-research"]),
                                 ("Healthcare", ["charlie-hospital"])]
    assert groups(ALPHA_URL) == [("AI", ["bravo-funding", "delta-diagnosis", "foxtrot-research"]),
                                 ("Cloud", ["echo-datacenter"])]
    # After the brief (its last section, Sources), not part of it.
    text = html(site, DELTA_URL)
    assert text.index('id="sources"') < text.index("digest-more")


def test_json_ld_has_author_image_date_modified_and_publisher_logo(site: Path) -> None:
    data = json_ld(site, ALPHA_URL)
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe", "url": "https://example.org/people/jane"},
                              {"@type": "Person", "name": EVIL_NAME}]
    assert data["image"] == [BASE + ALPHA_URL + "alpha-chart.png"]
    assert data["dateModified"] == "2026-09-07T10:00:00+00:00"  # the newest correction
    assert data["publisher"]["logo"] == {"@type": "ImageObject", "url": BASE + "assets/images/logo.png"}
    assert data["correction"][1]["text"] == EVIL_NOTE
    assert json_ld(site, BRAVO_URL)["image"] == [IMAGE_URL]
    plain = json_ld(site, DELTA_URL)
    assert "author" not in plain and plain["image"] == [BASE + "assets/images/logo.png"]
    # The script element cannot be closed by entry text.
    script = html(site, ALPHA_URL).split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script


def test_og_image_on_every_page_absolute(site: Path) -> None:
    entry = page(site, ALPHA_URL)
    og = {a["property"]: a["content"] for a in entry.find("meta") if a.get("property")}
    assert og["og:image"] == BASE + ALPHA_URL + "alpha-chart.png"
    assert og["og:image:alt"] == EVIL_ALT
    assert entry.find("meta", name="twitter:card")[0]["content"] == "summary_large_image"
    assert entry.find("meta", name="twitter:image")[0]["content"] == og["og:image"]
    assert "<img src=x" not in html(site, ALPHA_URL).split("</head>")[0]
    urls = sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
                  for p in site.rglob("index.html")
                  if "alpha-old-name" not in p.as_posix() and p.parent != site / "search")
    assert len(urls) > 20
    for url in [*urls, "404.html"]:
        current = page(site, url) if url != "404.html" else Page((site / url).read_text(encoding="utf-8"))
        images = [a["content"] for a in current.find("meta") if a.get("property") == "og:image"]
        assert len(images) == 1 and images[0].startswith("https://"), url
        if url not in (ALPHA_URL, BRAVO_URL):
            assert images[0] == BASE + "assets/images/logo.png", url
    assert (site / "assets" / "images" / "logo.png").is_file()


def test_feeds_carry_authors_icon_corrections_and_updated(site: Path) -> None:
    rss = ET.parse(site / "feed.xml").getroot()
    channel = rss.find("channel")
    assert channel.findtext("image/url") == BASE + "assets/images/logo.png"
    assert channel.findtext("image/title") == channel.findtext("title")
    assert channel.findtext("image/link") == channel.findtext("link")
    items = {item.findtext("link"): item for item in channel.findall("item")}
    alpha = items[BASE + ALPHA_URL]
    assert [c.text for c in alpha.findall(f"{DC}creator")] == ["Jane Doe", EVIL_NAME]
    content = alpha.findtext(f"{CONTENT}encoded")
    assert content.startswith("<p>The alpha lede")
    assert content.index("Updates and corrections") < content.index("What\u2019s new")
    assert "&lt;script&gt;alert(&#39;note&#39;)" in content and "<script" not in content
    assert f'src="{BASE}{ALPHA_URL}alpha-chart.png"' in content
    assert alpha.findtext(f"{ATOM}updated") == "2026-09-07T10:00:00Z"
    assert items[BASE + DELTA_URL].findall(f"{DC}creator") == []

    atom = ET.parse(site / "atom.xml").getroot()
    assert atom.findtext(f"{ATOM}icon") == BASE + "assets/images/logo.png"
    assert atom.findtext(f"{ATOM}logo") == BASE + "assets/images/logo.png"
    entries = {e.find(f"{ATOM}link").get("href"): e for e in atom.findall(f"{ATOM}entry")}
    entry = entries[BASE + ALPHA_URL]
    assert [(a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri")) for a in entry.findall(f"{ATOM}author")] == \
        [("Jane Doe", "https://example.org/people/jane"), (EVIL_NAME, None)]
    assert entry.findtext(f"{ATOM}updated") == "2026-09-07T10:00:00Z"
    assert "Updates and corrections" in entry.findtext(f"{ATOM}content")

    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed["icon"] == feed["favicon"] == BASE + "assets/images/logo.png"
    item = next(i for i in feed["items"] if i["url"] == BASE + ALPHA_URL)
    assert item["authors"] == [{"name": "Jane Doe", "url": "https://example.org/people/jane"},
                               {"name": EVIL_NAME}]
    assert item["date_modified"] == "2026-09-07T10:00:00Z"
    assert item["image"] == BASE + ALPHA_URL + "alpha-chart.png"
    assert "<script" not in item["content_html"] and "Updates and corrections" in item["content_html"]
    # Item ids do not depend on the new fields.
    assert item["id"] == "tag:news.example.org,2026:alpha-launch"


def test_digest_compile_copies_the_image(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = digest("compile", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (out / ALPHA_URL / "alpha-chart.png").is_file()


def test_more_on_and_assets_from_compile_site() -> None:
    entries = [make_entry(f"brief-{n:02d}", days=n, tags=("ai", "cloud") if n % 2 else ("ai",))
               for n in range(30)]
    entries[5] = replace(entries[5], image=Image("chart.png", "A chart", "Lab", "entries/2026/chart.png"))
    draft = make_entry("brief-draft", days=40, tags=("ai",), draft=True)
    site = compile_site(Corpus((*entries, draft), TAGS), SETTINGS, preview=Preview(drafts=True))
    pages = {page.url: page.html for page in site.pages}

    def more(slug: str) -> list[tuple[str, list[str]]]:
        entry = next(e for e in entries if e.slug == slug)
        sections = pages[entry.url].split('<section class="digest-more"')[1:]
        return [(s.split('rel="tag">', 1)[1].split("<", 1)[0],
                 [href.rstrip("/").rsplit("/", 1)[-1] for href in
                  (part.split('"', 1)[0] for part in s.split('class="digest-item__link" href="')[1:])])
                for s in sections]

    # Newest first, three each, never the entry itself nor a brief an earlier tag listed,
    # never a draft (even while digest serve shows drafts).
    assert more("brief-29") == [("AI", ["brief-28", "brief-27", "brief-26"]),
                                ("Cloud", ["brief-25", "brief-23", "brief-21"])]
    assert more("brief-00") == [("AI", ["brief-29", "brief-28", "brief-27"])]
    assert dict(site.assets) == {entries[5].url + "chart.png": "entries/2026/chart.png"}
