"""`digest import-feed` on feeds nobody here wrote: never a traceback, text stays text,
one deadline per fetch, safe redirects, known stories recognised, linear planning."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.authoring.feed_fetch import FetchError, fetch, is_internal
from generator.authoring.import_feed import Item, Options, SourceFeed, link_key, parse_feed, plan_drafts
from generator.settings import Settings
from tests.editors.feeds import serve
from tests.editors.helpers import entry, run
from tests.support import write_project


def rss(*items: str, title: str = "Wire") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            + "".join(items) + "</channel></rss>")


def item(title: str = "A story that is long enough", link: str = "https://wire.example/a",
         date_: str = "Tue, 02 Jun 2026 09:30:00 GMT", description: str = "It happened. More.") -> str:
    return (f"<item><title>{title}</title><link>{link}</link><pubDate>{date_}</pubDate>"
            f"<description>{description}</description></item>")


def import_feed(tmp_path: Path, text: str, capsys, *args: str, files: dict | None = None):
    write_project(tmp_path, files or {})
    path = tmp_path / "feed.xml"
    path.write_text(text, encoding="utf-8")
    return run(tmp_path, "import-feed", str(path), "--tag", "ai", *args, capsys=capsys)


def written(tmp_path: Path) -> list[str]:
    return sorted(p.read_text(encoding="utf-8") for p in (tmp_path / "entries").rglob("*.md"))


@pytest.mark.parametrize("link", ["http://example.org:70000/a", "http://[::1/a", "https://[fe80::1%zz]:99999/",
                                  "http://exa mple.org/a", "javascript:alert(1)"])
def test_links_that_are_not_urls_are_skipped_not_a_traceback(tmp_path: Path, capsys, link: str) -> None:
    status, _, err = import_feed(tmp_path, rss(item(link=link), item(title="The second story here",
                                                                     link="https://wire.example/b")), capsys)
    assert status == 0 and "Traceback" not in err
    assert "it has no valid http(s) link" in err and len(written(tmp_path)) == 1


def test_an_entry_with_a_broken_source_url_does_not_break_later_imports(tmp_path: Path, capsys) -> None:
    broken = entry(**{"https://news.example.com/2026/06/02/model/": "http://example.org:70000/x"})
    status, _, err = import_feed(tmp_path, rss(item()), capsys, files={"2026/2026-06-02-valid-entry.md": broken})
    assert status == 0 and len(written(tmp_path)) == 2, err
    assert link_key("http://[::1/a") == "http://[::1/a"


@pytest.mark.parametrize("stamp", ["Sat, 01 Jan 0000 00:00:00 GMT", "Fri, 31 Dec 10000 00:00:00 GMT",
                                   "Mon, 01 Jan 0001 00:00:00 +0500", "Fri, 31 Dec 9999 23:00:00 -0500",
                                   "Thu, 01 Jan 1970 00:00:00 +0100"])
def test_dates_out_of_range_are_skipped_with_a_message(tmp_path: Path, capsys, stamp: str) -> None:
    project = Settings(timezone="Asia/Tokyo")
    status, _, err = import_feed(tmp_path, rss(item(date_=stamp)), capsys)
    assert status == 0 and "Traceback" not in err and written(tmp_path) == [], err
    assert "skipped 'A story that is long enough': its date" in err
    assert project.tz is not None


@pytest.mark.parametrize("reference", ["&#xD800;", "&#55296;", "&#x110000;", "&#99999999999;"])
def test_invalid_character_references_do_not_break_the_feed(tmp_path: Path, capsys, reference: str) -> None:
    status, _, err = import_feed(tmp_path, rss(item(title=f"Lone {reference} surrogate in a title")), capsys)
    assert status == 0, err
    (text,) = written(tmp_path)
    assert "title: Lone \ufffd surrogate in a title" in text


def test_plain_text_titles_keep_angle_brackets_and_html_titles_lose_tags(tmp_path: Path, capsys) -> None:
    feed = rss(item(title="Use &lt;details&gt; for disclosure widgets"))
    status, _, err = import_feed(tmp_path, feed, capsys)
    assert status == 0, err
    assert "title: Use <details> for disclosure widgets" in written(tmp_path)[0]
    atom = parse_feed(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
                      b'<entry><title type="html">Use &lt;b&gt;bold&lt;/b&gt; &amp;amp; more</title>'
                      b'<link href="https://x.org/a"/><updated>2026-01-01T00:00:00Z</updated></entry></feed>')
    assert atom.items[0].title == "Use bold & more"


def test_huge_titles_are_capped_and_a_reimport_writes_nothing_new(tmp_path: Path, capsys) -> None:
    feed = rss(item(title="word " * 120_000))
    status, _, err = import_feed(tmp_path, feed, capsys)
    assert status == 0, err
    (text,) = written(tmp_path)
    title = text.split("title: ", 1)[1].split("\n", 1)[0]
    assert len(title) <= 200 and title.endswith("…")
    _, out, err = run(tmp_path, "import-feed", str(tmp_path / "feed.xml"), "--tag", "ai", capsys=capsys)
    assert out == "" and "already a source" in err and len(written(tmp_path)) == 1


def test_tracking_parameters_and_fragments_do_not_make_a_new_story(tmp_path: Path, capsys) -> None:
    cited = entry(**{"https://news.example.com/2026/06/02/model/": "https://wire.example/a?id=7"})
    feed = rss(item(link="https://wire.example/a?utm_source=x&amp;id=7&amp;utm_medium=rss&amp;fbclid=1#top"),
               item(title="A different story with a different id", link="https://wire.example/a?id=8"))
    status, _, err = import_feed(tmp_path, feed, capsys, files={"2026/2026-06-02-valid-entry.md": cited})
    assert status == 0, err
    assert "its link is already a source of an entry" in err and len(written(tmp_path)) == 2


def test_the_sites_own_feed_is_not_imported(tmp_path: Path, capsys) -> None:
    write_project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: D\nsite_url: https://news.example.org/digest/\n")
    feed = rss(item(link="https://news.example.org/digest/2026/06/02/a/"),
               item(title="Someone else's story on the same host", link="https://news.example.org/other/"))
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    status, _, err = run(tmp_path, "import-feed", str(path), "--tag", "ai", capsys=capsys)
    assert status == 0 and "it is one of ours" in err and len(written(tmp_path)) == 1


@pytest.mark.timeout(60)  # generous: quadratic planning took over a minute, linear is under a second
def test_planning_many_items_with_one_title_is_linear(tmp_path: Path) -> None:
    items = tuple(Item("The same title " * 6, f"https://wire.example/{i}", None, None, "x")
                  for i in range(16_000))
    plan = plan_drafts(SourceFeed("Wire", items), Options(tags=("ai",)), entries_dir=tmp_path, known=set(),
                       taken_slugs=set(), vocabulary={}, tz=Settings().tz, publisher_fallback="x",
                       today=date(2026, 6, 2))
    names = [d.path.name for d in plan.drafts]
    assert len(set(names)) == 16_000
    assert all(len(name.removesuffix(".md")) - 11 <= 60 for name in names)


@pytest.mark.parametrize(("host", "internal"), [("127.0.0.1", True), ("10.1.2.3", True), ("169.254.1.1", True),
                                                ("[::1]", True), ("fe80::1", True), ("192.168.0.1", True),
                                                ("93.184.215.14", False), ("2606:2800:21f:cb07::1", False)])
def test_internal_addresses(host: str, internal: bool) -> None:
    assert is_internal(host) is internal
    assert is_internal("feeds.example", lambda name: [host.strip("[]")]) is internal


def test_redirects_only_to_http_and_never_from_public_to_internal() -> None:
    routes = {"/ftp": (302, {"Location": "ftp://files.example/feed.xml"}, b""),
              "/here": (302, {"Location": "/feed"}, b""),
              "/feed": (200, {"Content-Type": "application/rss+xml"}, rss(item()).encode())}
    with serve(routes) as (base, _):
        routes["/to-loopback"] = (302, {"Location": f"{base}/feed"}, b"")
        with pytest.raises(FetchError, match="not http"):
            fetch(f"{base}/ftp")
        assert fetch(f"{base}/here").data.startswith(b"<?xml")  # loopback to loopback is fine
        # The server as a public host would be seen ('localhost' resolving to a public
        # address for the policy): its redirect to 127.0.0.1 is refused.
        with pytest.raises(FetchError, match="internal address"):
            fetch(f"{base.replace('127.0.0.1', 'localhost')}/to-loopback",
                  resolver=lambda name: ["93.184.215.14"])


def test_one_deadline_covers_a_trickling_server() -> None:
    class Trickle(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"longer than 1\.5 s|timed out"):
            fetch(f"http://127.0.0.1:{server.server_port}/", timeout=1.5)
        assert time.monotonic() - start < 5  # every read is cut to the time left
    finally:
        server.shutdown()
        server.server_close()
    assert socket.getdefaulttimeout() is None
