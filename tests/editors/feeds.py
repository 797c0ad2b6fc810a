"""Source feeds in the formats and encodings feedparser reads, and a loopback server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RSS_20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example/</link>
<item><title>Hospital group deploys an AI triage model across sites</title>
<link>https://wire.example/2026/06/02/triage/</link>
<pubDate>Tue, 02 Jun 2026 09:30:00 GMT</pubDate>
<description>&lt;p&gt;The group said on Tuesday that &lt;b&gt;every&lt;/b&gt; site now uses it.
Staff were trained in May.&lt;/p&gt;</description></item>
<item><title>Cloud provider cuts prices for GPU instances</title>
<link>https://wire.example/2026/06/01/gpu/</link>
<pubDate>Mon, 01 Jun 2026 08:00:00 GMT</pubDate>
<description>Prices fall by a third from July. The change applies worldwide.</description></item>
</channel></rss>
"""

RSS_091 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Caf\u00e9 R\u00e9sum\u00e9</title>
<link>https://cafe.example/</link><description>d</description><language>fr</language>
<item><title>Les h\u00f4pitaux adoptent un mod\u00e8le d'IA</title>
<link>https://cafe.example/ia</link>
<description>Le mod\u00e8le est d\u00e9ploy\u00e9 \u00e0 Paris. Il sera \u00e9tendu.</description></item>
</channel></rss>
"""

RSS_10 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF Example</title>
<link>https://rdf.example/</link><description>d</description>
<items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/one"/></rdf:Seq></items></channel>
<item rdf:about="https://rdf.example/one"><title>Regulator opens a consultation on AI</title>
<link>https://rdf.example/one</link><dc:date>2026-05-30T12:00:00Z</dc:date>
<description>The consultation runs for six weeks. Responses are public.</description></item>
</rdf:RDF>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Atom &amp;amp; Co</title>
<id>urn:uuid:feed</id><updated>2026-06-02T10:00:00Z</updated>
<link href="https://atom.example/"/>
<entry><title>Microsoft and a clinic build a healthcare model</title>
<link rel="alternate" href="https://atom.example/posts/model"/>
<id>urn:uuid:1</id><updated>2026-06-02T23:30:00-05:00</updated>
<summary type="html">&lt;p&gt;A clinic will own the model. It ships later.&lt;/p&gt;</summary></entry>
<entry><title>x</title><link href="/relative/short"/><id>urn:uuid:2</id>
<updated>2026-06-02T10:00:00Z</updated><content type="text">Short title item.</content></entry>
</feed>
"""


@contextmanager
def serve(routes: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[tuple[str, list]]:
    """A real HTTP server on 127.0.0.1: path -> (status, headers, body). Answers 304 to
    a matching If-None-Match. Yields the base URL and the list of requests' headers."""
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append({"path": self.path, **dict(self.headers)})
            status, headers, body = routes.get(self.path, (404, {}, b"not found"))
            if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                status, body = 304, b""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", seen
    finally:
        server.shutdown()
        server.server_close()
