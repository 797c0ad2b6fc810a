"""Whatever an entry says, every format stays well-formed and carries the page's exact HTML."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.entries.model import Source, Tag
from generator.feeds import feed_files
from tests.feeds.feed_support import (
    ATOM,
    CONTENT,
    SETTINGS,
    TAGS,
    assert_same_html_with_absolute_links,
    build,
    item_content,
    load_json,
    make_entry,
    parse,
    permalink,
    render,
    xml,
)

HOSTILE = {
    "ampersands": "AT&T & Johnson&Johnson &amp; &#38; &copy; &nbsp; &bogus; & done",
    "angle-brackets": "<script>alert('x')</script> <b>bold</b> a < b > c <!-- c --> </item></channel>",
    "cdata-end": "]]> <![CDATA[ tricky ]]> ]]]]>><![CDATA[",
    "quotes": "\"double\" 'single' \u201ccurly\u201d \u2018single\u2019 =\"attr\" \\\" `tick`",
    "emoji": "\U0001f680 Launch \U0001f469\U0001f3fd\u200d\U0001f52c \U0001f1fa\U0001f1e6 "
             "\U0001f468\u200d\U0001f469\u200d\U0001f467 line\u2028para\u2029end \ufe0f\u2764\ufe0f",
    "right-to-left": "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u2014 "
                     "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u202eevil\u202c \u200f!",
    "very-long": " ".join(f"word{n}&<>" for n in range(5_000)),  # ~1 MB of feed per format
}


def _hostile_entry(text: str):
    return make_entry(
        "hostile",
        title=f"Title {text}",
        summary=f"Lede {text}",
        whats_new=f"- {text}\n- second {text}",
        context=f"Paragraph {text}\n\n> {text}",
        why_it_matters=f"**{text}** and `{text}`",
        sources=(Source(f"Pub {text}", "https://news.example.com/a?b=1&c=2", f"T {text}", f"Q {text}"),),
        tags=("ai", "r-and-d"),
    )


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_in_rss(text: str) -> None:
    entry = _hostile_entry(text)
    rendered = render([entry])[0]
    data = build([entry])["feed.xml"]
    assert b"<![CDATA[" not in data  # content is entity-escaped, never CDATA-wrapped
    item = xml(data).find("channel/item")
    assert item is not None
    assert item.findtext("title") == entry.title
    assert_same_html_with_absolute_links(item.findtext(f"{CONTENT}encoded"), item_content(rendered),
                                         permalink(entry))
    assert_same_html_with_absolute_links(item.findtext("description"), rendered.summary_html,
                                         permalink(entry))
    parsed = parse(data).entries[0]
    assert parsed.title == entry.title
    assert [t.term for t in parsed.tags] == [TAGS[t].name for t in entry.tags]


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_in_atom(text: str) -> None:
    entry = _hostile_entry(text)
    rendered = render([entry])[0]
    data = build([entry])["atom.xml"]
    assert b"<![CDATA[" not in data
    item = xml(data).find(f"{ATOM}entry")
    assert item is not None
    assert item.findtext(f"{ATOM}title") == entry.title
    assert_same_html_with_absolute_links(item.findtext(f"{ATOM}content"), item_content(rendered),
                                         permalink(entry))
    assert_same_html_with_absolute_links(item.findtext(f"{ATOM}summary"), rendered.summary_html,
                                         permalink(entry))
    parsed = parse(data).entries[0]
    assert parsed.title == entry.title
    assert [(t.term, t.label) for t in parsed.tags] == [(t, TAGS[t].name) for t in entry.tags]


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_in_json_feed(text: str) -> None:
    entry = _hostile_entry(text)
    rendered = render([entry])[0]
    item = load_json(build([entry])["feed.json"])["items"][0]
    assert item["title"] == entry.title
    assert_same_html_with_absolute_links(item["content_html"], item_content(rendered), permalink(entry))


def test_xml_invalid_characters_are_dropped_everywhere() -> None:
    invalid = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff"
    entry = make_entry("controls", title=f"Bad{invalid}title", summary=f"Bad{invalid}lede",
                       whats_new=f"- bad{invalid}body")
    rendered = render([entry])[0]

    def clean(text: str) -> str:
        return "".join(c for c in text if c not in invalid)

    files = build([entry])
    for name in ("feed.xml", "atom.xml", "tags/ai/feed.xml", "tags/ai/atom.xml", "feeds.opml"):
        xml(files[name])  # well-formed
    rss_item = xml(files["feed.xml"]).find("channel/item")
    atom_item = xml(files["atom.xml"]).find(f"{ATOM}entry")
    json_item = load_json(files["feed.json"])["items"][0]
    assert rss_item.findtext("title") == atom_item.findtext(f"{ATOM}title") == json_item["title"] \
        == "Badtitle"
    for content in (rss_item.findtext(f"{CONTENT}encoded"), atom_item.findtext(f"{ATOM}content"),
                    json_item["content_html"]):
        assert content == clean(item_content(rendered))
    assert parse(files["feed.xml"]).entries[0].title == "Badtitle"


def test_hostile_site_and_tag_metadata() -> None:
    settings = replace(SETTINGS, site_name="Ben & Jerry's <News> ]]>",
                       site_description="\"All\" the <news> & more \U0001f680")
    tags = {"ai": Tag("ai", "A&I <x> ]]>", "Tag & <description>")}
    entry = make_entry("meta", tags=("ai",))
    files = feed_files(render([entry]), tags, settings)
    for name in ("feed.xml", "atom.xml", "tags/ai/feed.xml", "tags/ai/atom.xml"):
        feed = parse(files[name]).feed
        expected = settings.site_name if "tags/" not in name else f"{settings.site_name}: {tags['ai'].name}"
        assert feed.title == expected
    assert load_json(files["feed.json"])["title"] == settings.site_name
    outlines = xml(files["feeds.opml"]).findall("body/outline")
    assert [o.get("text") for o in outlines] == [settings.site_name, f"{settings.site_name}: A&I <x> ]]>"]
