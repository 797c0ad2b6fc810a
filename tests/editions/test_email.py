"""The newsletter files: inlined styles, no script, absolute links, preheader, dark mode,
size; the plain-text part; and `digest edition` writing a .eml that parses back."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.editions.email import MAX_EMAIL_BYTES
from generator.editions.notes import EditorNote
from tests.editions.edition_support import UTC, at, build, week_corpus
from tests.support import VALID_ENTRY, digest, write_project

GMAIL_CLIP = 102 * 1024


class Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def email_of(site, key: str = "2026-11-23") -> str:
    return site.files[f"editions/{key}/email.html"].decode("utf-8")


def test_styles_are_inlined_and_nothing_external_or_scripted() -> None:
    html = email_of(build(week_corpus()))
    tags = Tags(html)
    names = [tag for tag, _ in tags.tags]
    assert "script" not in names and "link" not in names and "iframe" not in names
    assert not re.search(r"\son[a-z]+=", html)  # no event handlers
    # What stays in <style> is the dark-mode query only (it cannot be inlined).
    leftover = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", "".join(tags.styles))
    assert leftover.strip() == "" and "prefers-color-scheme: dark" in "".join(tags.styles)
    # Every text element carries its own colour (inlined from the template's rules).
    for tag, attrs in tags.tags:
        if tag in {"body", "h1", "h2", "h3", "p", "a"}:
            assert "color:" in (attrs.get("style") or ""), (tag, attrs)
        if tag == "td" and attrs.get("class"):
            assert "font-family:" in (attrs.get("style") or ""), attrs


def test_every_link_is_absolute_and_layout_is_tables() -> None:
    note = EditorNote("entries/editions/2026-11-23.md", date(2026, 11, 23), None,
                      'See <a href="../../about/">about</a>.', None)
    crowd = [*week_corpus(), at("linked-lede", datetime(2026, 11, 25, 9, tzinfo=UTC),
                                summary="A lede with a [relative link](../other/).")]
    tags = Tags(email_of(build(crowd, notes={"2026-11-23": note})))
    hrefs = [attrs.get("href") or "" for tag, attrs in tags.tags if tag == "a"]
    assert hrefs and all(h.startswith("https://news.example.org/") for h in hrefs), hrefs
    assert "https://news.example.org/about/" in hrefs
    assert "https://news.example.org/2026/11/25/other/" in hrefs  # relative to its brief
    tables = [attrs for tag, attrs in tags.tags if tag == "table"]
    assert tables and all(t.get("role") == "presentation" for t in tables)
    assert any("max-width: 600px" in (t.get("style") or "") for t in tables)


def test_preheader_and_dark_mode() -> None:
    tags = Tags(email_of(build(week_corpus())))
    metas = {attrs.get("name"): attrs.get("content") for tag, attrs in tags.tags if tag == "meta"}
    assert metas["color-scheme"] == "light dark"
    body = next(i for i, (tag, _) in enumerate(tags.tags) if tag == "body")
    tag, attrs = tags.tags[body + 1]
    assert tag == "div" and "display: none" in attrs["style"] and attrs["class"] == "preheader"
    # Explicit colours on the page and the text: no client default decides them.
    assert "background-color" in tags.tags[body][1]["style"]


def test_size_stays_under_gmail_clipping_even_for_a_huge_week() -> None:
    site = build(week_corpus())
    assert len(site.files["editions/2026-11-23/email.html"]) < GMAIL_CLIP
    crowd = [at(f"brief-number-{n}", datetime(2026, 11, 24, 8, n % 60, tzinfo=UTC),
                summary="A long lede that goes on and on about what happened. " * 6) for n in range(400)]
    big = build(crowd).files["editions/2026-11-23/email.html"]
    assert MAX_EMAIL_BYTES < GMAIL_CLIP and len(big) <= MAX_EMAIL_BYTES
    assert b"read the whole edition on the web" in big
    assert big.count(b"<h3") == 400  # every headline stays


def test_plain_text_alternative() -> None:
    text = build(week_corpus()).files["editions/2026-11-23/email.txt"].decode("utf-8")
    assert text.startswith("Test Digest · Week of 23 November 2026\n")
    for slug in ("second-week-open", "second-week-tuesday", "second-week-friday"):
        assert f"* Entry {slug}\n" in text
    assert "https://news.example.org/2026/11/24/second-week-tuesday/" in text
    assert "<" not in text and all(len(line) <= 80 for line in text.splitlines())


MKDOCS = "site_name: Test Digest\nsite_url: https://digest.example.org/\n"
EPOCH = "1790000000"  # 2026-09-21, long after the week of 1 June 2026 closed


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    second = VALID_ENTRY.replace("date: 2026-06-02", "date: 2026-06-10").replace(
        "A valid entry about a model launch", "A second entry, a week later")
    root = write_project(tmp_path, {"2026/2026-06-02-valid-entry.md": VALID_ENTRY,
                                    "2026/2026-06-10-second-entry.md": second})
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


def test_digest_edition_writes_an_eml_that_parses_back(project: Path) -> None:
    result = digest("edition", "2026-06-01", "-o", "out/first.eml", "--files", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    data = (project / "out" / "first.eml").read_bytes()
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "Test Digest: Week of 1 June 2026"
    assert message["Message-ID"] == "<edition-2026-06-01@digest.example.org>"
    plain, html = message.iter_parts()
    assert plain.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    # MIME lines end in CRLF; the content is otherwise the published files'.
    assert _lf(html.get_content()) == _lf((project / "out" / "email.html").read_text(encoding="utf-8"))
    assert _lf(plain.get_content()) == _lf((project / "out" / "email.txt").read_text(encoding="utf-8"))
    assert "A valid entry about a model launch" in html.get_content()
    assert "nothing was sent" in result.stderr


def test_digest_edition_defaults_to_the_latest_closed_and_is_reproducible(project: Path) -> None:
    assert digest("edition", cwd=project).returncode == 0
    first = (project / "edition-2026-06-08.eml").read_bytes()
    assert digest("edition", "-o", "again.eml", cwd=project).returncode == 0
    assert (project / "again.eml").read_bytes() == first
    assert b"A second entry, a week later" in first


def test_digest_edition_refuses_unknown_or_open_editions(project: Path, monkeypatch) -> None:
    assert digest("edition", "2026-06-02", cwd=project).returncode == 2  # not a period start
    assert digest("edition", "June", cwd=project).returncode == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 6, 5, tzinfo=UTC).timestamp())))
    none = digest("edition", cwd=project)
    assert none.returncode == 1 and "no edition has closed yet" in none.stderr
    assert digest("edition", "--if-any", cwd=project).returncode == 0


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").rstrip("\n")
