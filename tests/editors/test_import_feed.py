"""``digest import-feed``: drafts from feed files and a loopback server."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from generator.authoring.feed_fetch import FetchError, fetch
from generator.authoring.import_feed import first_sentence, link_key, plain_text
from tests.editors.feeds import ATOM, RSS_091, RSS_10, RSS_20, serve
from tests.editors.helpers import entry, run
from tests.support import write_project


def drafts(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((root / "entries").rglob("*.md"))}


def codes(root: Path, capsys) -> dict[str, set[str]]:
    _, out, _ = run(root, "check", capsys=capsys)
    found: dict[str, set[str]] = {}
    for line in out.splitlines():
        if "[" in line:
            found.setdefault(line.split(":")[0], set()).add(line.split("[")[1][:4])
    return found


def feed_file(tmp_path: Path, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "feed.xml"
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_rss_20_drafts_fail_only_on_their_placeholders(tmp_path: Path, capsys) -> None:
    write_project(tmp_path)
    status, out, err = run(tmp_path, "import-feed", feed_file(tmp_path, RSS_20), capsys=capsys)
    assert status == 0, err
    written = out.split()
    assert written == ["entries/2026/2026-06-02-hospital-group-deploys-an-ai-triage-model-across-sites.md",
                       "entries/2026/2026-06-01-cloud-provider-cuts-prices-for-gpu-instances.md"]
    text = (tmp_path / written[0]).read_text(encoding="utf-8")
    assert "draft: true" in text
    assert "- publisher: Example Wire\n  url: https://wire.example/2026/06/02/triage/" in text
    assert "quote: The group said on Tuesday that every site now uses it.\n" in text
    assert "tags:\n- ai\ndraft: true\n" in text  # picked from the vocabulary, and said so
    assert "picked tags: ai\n" in err
    # Everything from the feed is valid; only the TODO placeholders fail, as intended.
    # In a draft, placeholders are reminders (W214): the drafts pass the check, and the
    # TODOs must go before 'draft: false'.
    assert codes(tmp_path, capsys) == {written[0]: {"W214"}, written[1]: {"W214"}}
    assert run(tmp_path, "check", capsys=capsys)[0] == 0


@pytest.mark.parametrize(("text", "encoding", "name", "publisher", "quote"), [
    (RSS_091, "iso-8859-1", "2026-01-01-les-hopitaux-adoptent-un-modele-dia.md",
     "Café Résumé", "Le modèle est déployé à Paris."),
    (RSS_10, "utf-8", "2026-05-30-regulator-opens-a-consultation-on-ai.md",
     "RDF Example", "The consultation runs for six weeks."),
    (ATOM, "utf-8", "2026-06-03-microsoft-and-a-clinic-build-a-healthcare-model.md",
     "Atom & Co", "A clinic will own the model."),
])
def test_formats_and_encodings(tmp_path: Path, capsys, monkeypatch, text, encoding, name,
                               publisher, quote) -> None:
    write_project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")
    monkeypatch.setattr("generator.cli.import_feed.datetime", _Frozen)
    status, out, err = run(tmp_path, "import-feed", feed_file(tmp_path, text, encoding), "--tag",
                           "ai", capsys=capsys)
    assert status == 0, err
    path = tmp_path / "entries" / name[:4] / name
    assert out.split()[0] == path.relative_to(tmp_path).as_posix()
    written = path.read_text(encoding="utf-8")
    assert f"publisher: {publisher}\n" in written
    assert f"quote: {quote}\n" in written
    assert "tags:\n- ai\n" in written


class _Frozen:
    """datetime.now() on 2026-01-01, for items without a date (RSS 0.91 has none)."""

    @staticmethod
    def now(tz=None):
        from datetime import datetime
        return datetime(2026, 1, 1, 12, tzinfo=tz)


def test_atom_item_with_unusable_link_and_short_title(tmp_path: Path, capsys) -> None:
    write_project(tmp_path)
    status, out, err = run(tmp_path, "import-feed", feed_file(tmp_path, ATOM), "--tag", "ai",
                           capsys=capsys)
    assert status == 0
    assert len(out.split()) == 1  # the relative link resolves to a file: URL, not a source
    assert "skipped 'x': it has no valid http(s) link" in err


def test_short_and_long_titles_still_give_a_file_to_fix(tmp_path: Path, capsys) -> None:
    long_title = "A very long title " * 15
    feed = RSS_20.replace("Hospital group deploys an AI triage model across sites", "Hi") \
        .replace("Cloud provider cuts prices for GPU instances", long_title)
    write_project(tmp_path)
    status, out, err = run(tmp_path, "import-feed", feed_file(tmp_path, feed), "--tag", "cloud",
                           capsys=capsys)
    assert status == 0
    short, long = out.split()
    assert short.endswith("2026-06-02-hi.md")
    assert len(Path(long).name) < 90  # the slug is cut
    assert "the title has 2 characters" in err
    title = next(line for line in (tmp_path / long).read_text().splitlines() if line.startswith("title:"))
    assert title.endswith("A very long title…") and len(title) <= len("title: ") + 200  # cut, marked
    found = codes(tmp_path, capsys)
    assert "title: 'TODO: a title of 10 to 200 characters (the feed''s: Hi)'" in (tmp_path / short).read_text()
    assert found[short] == {"W214"} and found[long] == {"W214"}  # placeholders only


def test_known_links_since_and_limit(tmp_path: Path, capsys) -> None:
    # An existing entry cites the first item (with http and no trailing slash).
    write_project(tmp_path, {"2026/2026-05-01-older.md": entry("2026-05-01", **{
        "https://news.example.com/2026/06/02/model/": "http://WIRE.example/2026/06/02/triage"})})
    feed = feed_file(tmp_path, RSS_20)
    status, out, err = run(tmp_path, "import-feed", feed, "--tag", "ai", capsys=capsys)
    assert status == 0 and len(out.split()) == 1
    assert "its link is already a source of an entry" in err
    status, out, err = run(tmp_path, "import-feed", feed, "--tag", "ai", capsys=capsys)
    assert (status, out) == (0, "")  # already drafted: a draft counts even though it fails
    assert "0 draft(s) written, 2 item(s) skipped" in err

    other = tmp_path / "other"
    write_project(other)
    status, out, err = run(other, "import-feed", feed, "--since", "2026-06-02", capsys=capsys)
    assert len(out.split()) == 1 and "before --since" in err
    other2 = tmp_path / "other2"
    write_project(other2)
    status, out, err = run(other2, "import-feed", feed, "--limit", "1", capsys=capsys)
    assert len(out.split()) == 1 and "1 more new item(s) left" in err


@pytest.mark.parametrize("data", [
    b"", b"\x00\x01\x02 binary", b"<html><body><p>Not a feed</p></body></html>",
    b"just some text", b"<?xml version='1.0'?><rss version='2.0'><channel><title>T",
])
def test_unreadable_feeds_write_nothing(tmp_path: Path, capsys, data: bytes) -> None:
    write_project(tmp_path)
    (tmp_path / "feed.xml").write_bytes(data)
    status, out, err = run(tmp_path, "import-feed", str(tmp_path / "feed.xml"), capsys=capsys)
    assert (status, out) == (1, "")
    assert "not a readable feed" in err and "nothing was written" in err
    assert drafts(tmp_path) == {}


def test_malformed_feed_with_items_is_read_as_far_as_possible(tmp_path: Path, capsys) -> None:
    broken = RSS_20.replace("</channel></rss>", "<item><title>Unclosed")
    write_project(tmp_path)
    status, out, err = run(tmp_path, "import-feed", feed_file(tmp_path, broken), "--tag", "ai",
                           capsys=capsys)
    assert status == 0
    assert len(out.split()) == 2 and "not well-formed" in err


def test_usage_errors(tmp_path: Path, capsys) -> None:
    write_project(tmp_path)
    feed = feed_file(tmp_path, RSS_20)
    status, _, err = run(tmp_path, "import-feed", feed, "--tag", "clod", capsys=capsys)
    assert status == 2 and "did you mean 'cloud'?" in err
    assert run(tmp_path, "import-feed", str(tmp_path / "missing.xml"), capsys=capsys)[0] == 2
    assert run(tmp_path, "import-feed", feed, "--limit", "0", capsys=capsys)[0] == 2
    assert run(tmp_path, "import-feed", feed, "--since", "June", capsys=capsys)[0] == 2
    status, _, err = run(tmp_path, "import-feed", "ftp://example.org/feed", capsys=capsys)
    assert status == 2 and "only http(s) URLs and file paths" in err
    assert drafts(tmp_path) == {}


def test_http_conditional_get(tmp_path: Path, capsys) -> None:
    write_project(tmp_path)
    body = RSS_20.encode()
    routes = {"/feed": (200, {"Content-Type": "application/rss+xml; charset=utf-8",
                              "ETag": '"v1"', "Last-Modified": "Tue, 02 Jun 2026 10:00:00 GMT"},
                        body)}
    with serve(routes) as (base, seen):
        url = f"{base}/feed"
        status, out, err = run(tmp_path, "import-feed", url, "--tag", "ai", capsys=capsys)
        assert status == 0 and len(out.split()) == 2, err
        state = json.loads((tmp_path / ".digest-feeds.json").read_text())
        assert state == {url: {"etag": '"v1"', "last_modified": "Tue, 02 Jun 2026 10:00:00 GMT"}}
        assert seen[0]["User-Agent"].startswith("news-digest/")
        assert "If-None-Match" not in seen[0]

        status, out, err = run(tmp_path, "import-feed", url, "--tag", "ai", capsys=capsys)
        assert (status, out) == (0, "") and "not modified" in err
        assert seen[1]["If-None-Match"] == '"v1"'
        assert seen[1]["If-Modified-Since"] == "Tue, 02 Jun 2026 10:00:00 GMT"

        # The feed changed: a new ETag, one new item, the known ones skipped.
        new_item = ("<item><title>Regulator fines a cloud provider for outages</title>"
                    "<link>https://wire.example/fine</link><description>It pays. Now.</description>"
                    "</item></channel>")
        routes["/feed"] = (200, {"ETag": '"v2"'},
                           RSS_20.replace("</channel>", new_item).encode())
        status, out, err = run(tmp_path, "import-feed", url, "--tag", "ai", capsys=capsys)
        assert status == 0 and len(out.split()) == 1 and "2 item(s) skipped" in err
        assert json.loads((tmp_path / ".digest-feeds.json").read_text())[url] == {"etag": '"v2"'}


def test_http_limit_does_not_remember_validators(tmp_path: Path, capsys) -> None:
    write_project(tmp_path)
    with serve({"/f": (200, {"ETag": '"a"'}, RSS_20.encode())}) as (base, seen):
        run(tmp_path, "import-feed", f"{base}/f", "--limit", "1", "--tag", "ai", capsys=capsys)
        status, out, _ = run(tmp_path, "import-feed", f"{base}/f", "--tag", "ai", capsys=capsys)
        assert status == 0
        assert "If-None-Match" not in seen[1]  # else a 304 would hide the item left over
        assert len(out.split()) == 1


def test_http_errors_write_nothing(tmp_path: Path, capsys) -> None:
    write_project(tmp_path)
    with serve({"/html": (200, {"Content-Type": "text/html"}, b"<html><p>Login</p></html>"),
                "/error": (500, {}, b"oops")}) as (base, _):
        for path, message in (("/missing", "HTTP 404"), ("/error", "HTTP 500"),
                              ("/html", "not a readable feed")):
            status, out, err = run(tmp_path, "import-feed", base + path, capsys=capsys)
            assert (status, out) == (1, ""), path
            assert message in err and "nothing was written" in err
    status, _, err = run(tmp_path, "import-feed", base + "/gone", capsys=capsys)  # server down
    assert status == 1 and "cannot fetch the feed" in err
    assert drafts(tmp_path) == {}
    assert not (tmp_path / ".digest-feeds.json").exists()


def test_fetch_size_limit_and_timeout() -> None:
    big = RSS_20.encode() * 10
    with serve({"/big": (200, {}, big)}) as (base, _):
        with pytest.raises(FetchError, match="bytes"):
            fetch(f"{base}/big", max_bytes=1000)
        assert fetch(f"{base}/big", max_bytes=len(big)).data == big


def test_fetch_timeout() -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts connections but never answers
    try:
        started = time.monotonic()
        with pytest.raises(FetchError):
            fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.5)
        assert time.monotonic() - started < 5
    finally:
        listener.close()


def test_text_helpers() -> None:
    assert plain_text("<p>A &amp; B<script>x()</script><br/>C</p>") == "A & B C"
    assert first_sentence("Dr. Smith said so. Then more.") == "Dr."  # documented limit
    assert first_sentence("It rose 3.5 percent. Then fell.") == "It rose 3.5 percent."
    assert first_sentence("word " * 100).endswith("…")
    assert link_key("HTTPS://Example.org/a/#x") == link_key("http://example.org/a")
    assert link_key("https://example.org/a?b=1") != link_key("https://example.org/a?b=2")
