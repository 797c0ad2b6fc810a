"""Every feed read back by feedparser (RSS, Atom) or json (JSON Feed) says what the entries say."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.entries.loader import load
from generator.entries.render import Renderer
from generator.feeds import feed_files
from generator.settings import Settings, from_mkdocs_yml
from tests.feeds.feed_support import (
    SETTINGS,
    TAGS,
    assert_same_html_with_absolute_links,
    build,
    corpus_entries,
    expected_id,
    item_content,
    load_json,
    make_entry,
    newest_first,
    parse,
    permalink,
    render,
    utc_tuple,
    with_tag,
)
from tests.support import VALID_ENTRY, write_project

ENTRIES = corpus_entries()
FILES = build(ENTRIES)
BODIES = {r.entry.slug: r for r in render(ENTRIES)}


def _feeds() -> list[tuple[str, str | None]]:
    """(file, tag slug) of every RSS/Atom file the entries should produce."""
    used = sorted({t for e in ENTRIES for t in e.tags})
    main = [("feed.xml", None), ("atom.xml", None)]
    return main + [(f"tags/{t}/{name}", t) for t in used for name in ("feed.xml", "atom.xml")]


def test_files_are_the_contract() -> None:
    used = {t for e in ENTRIES for t in e.tags}
    expected = {"feed.xml", "atom.xml", "feed.json", "feeds.opml"}
    expected |= {f"tags/{t}/{name}" for t in used for name in ("feed.xml", "atom.xml")}
    assert set(FILES) == expected
    assert all(isinstance(data, bytes) for data in FILES.values())


@pytest.mark.parametrize(("name", "tag"), _feeds())
def test_xml_feed_round_trips(name: str, tag: str | None) -> None:
    parsed = parse(FILES[name])
    assert parsed.version == ("atom10" if name.endswith("atom.xml") else "rss20")
    wanted = newest_first(ENTRIES if tag is None else with_tag(ENTRIES, tag))
    assert len(parsed.entries) == len(wanted)
    for item, entry in zip(parsed.entries, wanted, strict=True):
        assert item.title == entry.title
        assert item.link == permalink(entry)
        assert item.id == expected_id(entry)
        assert tuple(item.published_parsed)[:6] == utc_tuple(entry.date)
        if name.endswith("atom.xml"):
            assert tuple(item.updated_parsed)[:6] == utc_tuple(entry.updated or entry.date)
            assert [(c.term, c.label) for c in item.tags] == [(t, TAGS[t].name) for t in entry.tags]
        else:
            assert item.guidislink is False
            assert [c.term for c in item.tags] == [TAGS[t].name for t in entry.tags]
            if entry.updated:
                assert tuple(item.updated_parsed)[:6] == utc_tuple(entry.updated)
            else:
                assert "updated" not in item
        rendered = BODIES[entry.slug]
        # feedparser strips the whitespace around element text; the exact text is checked
        # with a strict XML parser in test_feed_hostile.
        assert_same_html_with_absolute_links(item.content[0].value, item_content(rendered).strip(),
                                             permalink(entry))
        assert_same_html_with_absolute_links(item.summary, rendered.summary_html, permalink(entry))


@pytest.mark.parametrize(("name", "tag"), _feeds())
def test_xml_feed_metadata(name: str, tag: str | None) -> None:
    feed = parse(FILES[name]).feed
    site = SETTINGS.site_url
    title = SETTINGS.site_name if tag is None else f"{SETTINGS.site_name}: {TAGS[tag].name}"
    assert feed.title == title
    assert feed.language == SETTINGS.language
    self_links = [link.href for link in feed.links if link.rel == "self"]
    assert self_links == [site + name]
    home = site if tag is None else f"{site}tags/{tag}/"
    assert feed.link == home
    description = SETTINGS.site_description if tag is None else TAGS[tag].description
    assert feed.get("subtitle") == description
    newest = max((e.updated or e.date) for e in (ENTRIES if tag is None else with_tag(ENTRIES, tag)))
    assert tuple(feed.updated_parsed)[:6] == utc_tuple(newest)
    if name.endswith("atom.xml"):
        assert feed.author == SETTINGS.site_name


def test_json_feed_round_trips() -> None:
    document = load_json(FILES["feed.json"])
    assert document["title"] == SETTINGS.site_name
    assert document["home_page_url"] == SETTINGS.site_url
    assert document["feed_url"] == SETTINGS.site_url + "feed.json"
    wanted = newest_first(ENTRIES)
    assert len(document["items"]) == len(wanted)
    for item, entry in zip(document["items"], wanted, strict=True):
        assert item["id"] == expected_id(entry)
        assert item["url"] == permalink(entry)
        assert item["title"] == entry.title
        assert datetime.fromisoformat(item["date_published"]) == entry.date
        if entry.updated:
            assert datetime.fromisoformat(item["date_modified"]) == entry.updated
        else:
            assert "date_modified" not in item
        assert item["tags"] == [TAGS[t].name for t in entry.tags]
        assert_same_html_with_absolute_links(item["content_html"], item_content(BODIES[entry.slug]),
                                             permalink(entry))
        assert item["summary"] == entry.summary


def test_only_the_newest_feed_size_entries() -> None:
    entries = [make_entry(f"e{n}", days=n, tags=("ai",)) for n in range(7)]
    settings = replace(SETTINGS, feed_size=3)
    files = build(entries, settings)
    wanted = [permalink(e, settings) for e in newest_first(entries)[:3]]
    for name in ("feed.xml", "atom.xml", "tags/ai/feed.xml", "tags/ai/atom.xml"):
        assert [item.link for item in parse(files[name]).entries] == wanted
    assert [item["url"] for item in load_json(files["feed.json"])["items"]] == wanted


def test_a_tag_feed_reaches_past_the_site_feed() -> None:
    """An old entry out of the site feed still leads its tag's feed."""
    old = make_entry("old-cloud", days=-10, tags=("cloud",))
    recent = [make_entry(f"e{n}", days=n, tags=("ai",)) for n in range(4)]
    settings = replace(SETTINGS, feed_size=2)
    files = build([old, *recent], settings)
    assert [item.link for item in parse(files["feed.xml"]).entries] == [
        permalink(e, settings) for e in newest_first(recent)[:2]]
    assert [item.link for item in parse(files["tags/cloud/atom.xml"]).entries] == [permalink(old, settings)]


def test_relative_links_in_content_become_absolute() -> None:
    entry = make_entry("links", whats_new="- See [the other](../other/), [sources](#sources) and "
                       "![a chart](chart.png), [mail](mailto:desk@example.org).",
                       summary="Compare [earlier](/2026/01/01/earlier/).")
    files = build([entry])
    base = permalink(entry)
    for item in parse(files["feed.xml"]).entries + parse(files["atom.xml"]).entries:
        content = item.content[0].value
        assert 'href="https://news.example.org/2026/06/02/other/"' in content
        assert f'href="{base}#sources"' in content
        assert f'src="{base}chart.png"' in content
        assert 'href="mailto:desk@example.org"' in content
        assert 'href="https://news.example.org/2026/01/01/earlier/"' in item.summary
    json_item = load_json(files["feed.json"])["items"][0]
    assert f'src="{base}chart.png"' in json_item["content_html"]


def test_site_url_without_trailing_slash() -> None:
    settings = replace(SETTINGS, site_url="https://news.example.org")
    entry = make_entry("slash")
    item = parse(build([entry], settings)["feed.xml"]).entries[0]
    assert item.link == "https://news.example.org/" + entry.url


def test_a_loaded_project_gives_every_file(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"2026/2026-06-02-model-launch.md": VALID_ENTRY})
    settings = Settings(site_url="https://digest.example.net/", site_name="Loaded")
    result = load(root, settings)
    assert result.ok, result.diagnostics
    published = result.corpus.published(datetime(2026, 12, 31, tzinfo=UTC))
    renderer = Renderer()
    files = feed_files([renderer.render(e) for e in published], result.corpus.tags, settings)
    assert set(files) == {"feed.xml", "atom.xml", "feed.json", "feeds.opml",
                          "tags/ai/feed.xml", "tags/ai/atom.xml",
                          "tags/healthcare/feed.xml", "tags/healthcare/atom.xml"}
    item = parse(files["atom.xml"]).entries[0]
    assert item.title == published[0].title
    assert item.link == "https://digest.example.net/" + published[0].url
    assert item.id == f"tag:{settings.id_authority},{settings.id_date}:model-launch"


def test_the_repository_entries_give_every_file() -> None:
    """What a fresh clone's build writes, from the project's own entries and mkdocs.yml."""
    root = Path(__file__).resolve().parents[2]
    settings = from_mkdocs_yml(root / "mkdocs.yml")
    corpus = load(root, settings).corpus
    published = corpus.published()
    renderer = Renderer()
    files = feed_files([renderer.render(e) for e in published], corpus.tags, settings)
    used = {t for e in published for t in e.tags}
    assert set(files) == {"feed.xml", "atom.xml", "feed.json", "feeds.opml"} | {
        f"tags/{t}/{name}" for t in used for name in ("feed.xml", "atom.xml")}
    for name in ("feed.xml", "atom.xml"):
        parsed = parse(files[name])
        assert [item.id for item in parsed.entries] == [
            f"tag:{settings.id_authority},{settings.id_date}:{e.identity}" for e in published[: settings.feed_size]]
