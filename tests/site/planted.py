"""A planted corpus: 64 varied, valid entries for the checks that look at a whole built site
(axe-core in tests/browser/test_e2e.py, the Nu HTML checker in tests/html/test_nu.py, the
page weight benchmark in benchmarks/page_weight.py).

Deterministic (no randomness): the same files on every run. What it plants, so the
checks meet every shape an editor can write:

- many briefs sharing a day (four to six a day over 14 days, 2025-11 to 2026-03), a few
  with a time and an offset, so listings group by day and months have several pages' worth;
- 1 to 4 tags each from eight tags, so every tag page has entries and several have pages 2+;
- long titles (up to 200 characters), typographic quotes, dashes, accents, CJK, Greek,
  Arabic and an emoji; ampersands and angle brackets in text (escaped, never markup);
- inline and fenced code (with HTML-looking text inside), block quotes, nested and ordered
  lists, emphasis, inline and bare links, a mailto link;
- sources with and without ``title`` and ``quote``, one to three per brief, URLs with
  query strings and fragments;
- ``updated`` dates, ``aliases`` (redirect pages, one to an earlier address) and ``id``.

Fields another change adds (``authors``, ``image``, ``corrections``) belong in
:func:`extra_fields`: every entry's front matter passes through it, so adding them is one
edit there (and their vocabulary, such as ``entries/authors.yml``, in :func:`write`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.entry_file import entry_path, entry_text
from generator.entries.markup import SECTIONS

COUNT = 64

TAGS_YML = """\
ai:
  name: AI
  description: Artificial intelligence models and research.
healthcare:
  name: Healthcare
  description: Hospitals and health data.
cloud:
  name: Cloud
  description: Cloud platforms and hosting.
security:
  name: Security
  description: Breaches, patches and the people who find the bugs.
climate:
  name: Climate & energy
  description: Emissions, grids and the data centres that draw on them.
chips:
  name: Chips
  description: Semiconductors, fabs and export rules.
policy:
  name: Policy
  description: Laws, regulators and courts.
open-source:
  name: Open source
  description: Projects, licences and the foundations around them.
"""
TAG_SLUGS = ("ai", "cloud", "security", "climate", "chips", "policy", "open-source", "healthcare")

# (day, how many briefs that day), oldest first: 64 briefs over 14 days, 2025-11 to 2026-03.
DAYS = (("2025-11-03", 4), ("2025-11-04", 5), ("2025-11-17", 4), ("2025-12-01", 6),
        ("2025-12-02", 4), ("2025-12-15", 4), ("2026-01-05", 5), ("2026-01-06", 4),
        ("2026-01-20", 4), ("2026-02-02", 6), ("2026-02-03", 4), ("2026-02-16", 4),
        ("2026-03-02", 5), ("2026-03-03", 5))

COMPANIES = ("Northwind Labs", "Café Müller Systems", "Kōbe Robotics", "Ångström Cloud",
             "Fabrikam & Sons", "Δelta Compute", "Contoso Health", "Łódź Semiconductor")
THINGS = ("an open model", "a new region", "a security patch", "a chip plant",
          "a carbon report", "a licence change", "a health-records pilot", "a court ruling")
PLACES = ("Zürich", "São Paulo", "Kraków", "Reykjavík", "Nairobi", "Osaka", "Montréal", "Austin")
PUBLISHERS = ("Example Wire", "The Daily Byte", "Le Monde Numérique", "Tech & Policy Review",
              "東京テックニュース")

# Titles that are long, or carry characters a template must escape or a font must have.
SPECIAL_TITLES = {
    0: "A very long headline that keeps going to test wrapping in listings, archives and the "
       "entry page header — regulators, labs and hospitals all weigh in on what the ruling means",
    3: "“Curly quotes”, ‘single ones’, an en – dash and an ellipsis… in a headline",
    7: "R&D at AT&T: 3 < 5 > 2, ampersands and angle brackets stay text in a title",
    11: "日本のクラウド事業者が大阪に新リージョンを開設 (Japanese cloud region)",
    15: "Η Ελλάδα ανοίγει κέντρο δεδομένων: Greece opens a data centre",
    19: "مختبر يطلق نموذجًا مفتوحًا — a lab in Cairo releases an open model",
    23: "Emoji in a headline 🚀 and a non-breaking\u00a0space survive the build",
    29: "Short title",
}


@dataclass(frozen=True, slots=True)
class Planted:
    """One planted entry: its file name's date and slug, front matter and sections."""

    day: str  # YYYY-MM-DD, the file name's date
    slug: str
    front: dict[str, object]
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.front["title"])

    @property
    def url(self) -> str:
        """Site-relative address of the entry's page."""
        return f"{self.day[:4]}/{self.day[5:7]}/{self.day[8:10]}/{self.slug}/"

    def text(self) -> str:
        return entry_text(self.front, self.sections)


AUTHORS_YML = """\
ada:
  name: Ada Okafor
  url: https://example.org/staff/ada
bo:
  name: Bo Lindqvist
chen:
  name: "Chen Wei & Partners <desk>"
"""
AUTHOR_SLUGS = ("ada", "bo", "chen")


def image_name(slug: str) -> str:
    return f"{slug}.png"


def extra_fields(index: int, day: str, slug: str, rich: bool = True) -> dict[str, object]:
    """Optional front matter fields of entry ``index``: the one place to plant more fields.

    ``updated`` on every fifth brief, ``aliases`` on every ninth (one with an earlier
    address, YYYY/MM/DD/slug), ``id`` on every eleventh; with ``rich`` (code that knows
    them) ``authors`` on two briefs in three, a local ``image`` on every eighth and
    ``corrections`` on every seventh.
    """
    extra: dict[str, object] = {}
    if rich and index % 3:
        extra["authors"] = [AUTHOR_SLUGS[(index + k) % 3] for k in range(1 + index % 2)]
    if rich and index % 8 == 3:
        extra["image"] = {"src": f"images/{image_name(slug)}", "alt": f"A chart for brief {index + 1}",
                          "credit": "Planted Photo Agency"}
    if rich and index % 7 == 2:
        extra["corrections"] = [{"date": _later(day, 2),
                                 "note": f"An earlier version of brief {index + 1} misstated a figure."}]
    if index % 5 == 1:
        extra["updated"] = _later(day, 3)
    if index % 9 == 2:
        extra["aliases"] = [f"old-{slug}"] if index % 18 != 2 else [f"2024/01/02/{slug}-earlier"]
    if index % 11 == 4:
        extra["id"] = f"planted-identity-{index}"
    return extra


def generate(count: int = COUNT, rich: bool = True) -> list[Planted]:
    """``count`` entries, oldest first (at most COUNT, the days' total); ``rich``: with the
    fields of :func:`extra_fields` that earlier code refuses."""
    days = [day for day, many in DAYS for _ in range(many)][:count]
    out = []
    for index, day in enumerate(days):
        company = COMPANIES[index % len(COMPANIES)]
        thing = THINGS[(index * 3) % len(THINGS)]
        place = PLACES[(index * 5) % len(PLACES)]
        title = SPECIAL_TITLES.get(index, f"{company} announces {thing} in {place}, brief {index + 1}")
        slug = f"planted-{index + 1:02d}-{_slug(thing)}"
        tags = [TAG_SLUGS[(index + k * 3) % len(TAG_SLUGS)] for k in range(1 + index % 4)]
        date: str = day
        if index % 7 == 5:  # a time and an offset, still on the file name's day in UTC
            date = f"{day}T09:30:00+02:00"
        front: dict[str, object] = {
            "title": title, "date": date, "tags": tags,
            "summary": _summary(index, company, thing, place, day),
            "sources": _sources(index, day, slug),
            **extra_fields(index, day, slug, rich),
        }
        out.append(Planted(day, slug, front, _sections(index, company, thing, place)))
    return out


def write(entries_dir: Path, count: int = COUNT, rich: bool = True) -> list[Planted]:
    """Write ``entries_dir/tags.yml`` (and ``authors.yml``, images) and the planted entries;
    returns them, oldest first."""
    entries_dir.mkdir(parents=True, exist_ok=True)
    (entries_dir / "tags.yml").write_text(TAGS_YML, encoding="utf-8")
    if rich:
        (entries_dir / "authors.yml").write_text(AUTHORS_YML, encoding="utf-8")
    planted = generate(count, rich)
    image = (Path(__file__).resolve().parents[2] / "docs" / "assets" / "images" / "logo.png").read_bytes()
    for entry in planted:
        path = entry_path(entries_dir, entry.day, entry.slug)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry.text(), encoding="utf-8", newline="\n")
        if "image" in entry.front:
            (path.parent / "images").mkdir(exist_ok=True)
            (path.parent / "images" / image_name(entry.slug)).write_bytes(image)
    return planted


def _slug(text: str) -> str:
    return "-".join(word for word in text.replace("-", " ").split() if word not in ("a", "an"))


def _later(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _summary(index: int, company: str, thing: str, place: str, day: str) -> str:
    forms = (
        f"{company} announced {thing} in {place} on {day}, the company said in a statement.",
        f"{company} announced *{thing}* in {place} on {day}; [the announcement]"
        f"(https://press.example.com/{index}/?lang=en&ref=digest#top) gives the details. "
        "A second sentence adds what changed since the last announcement, and why it was expected.",
        f"On {day}, {company} said it would ship {thing} in {place} by the end of the quarter, "
        "a plan that “depends on regulators” — and on suppliers, it added.",
        f"{company} confirmed {thing} in {place}: the `v2` release, costs under 5 % and no "
        "price change for existing customers.",
    )
    return forms[index % len(forms)]


def _sources(index: int, day: str, slug: str) -> list[dict[str, str]]:
    sources = []
    for k in range(1 + index % 3):
        source = {"publisher": PUBLISHERS[(index + k) % len(PUBLISHERS)],
                  "url": f"https://news{k}.example.com/{day[:4]}/{slug}/?utm_source=x&page={k}#part-{k}"}
        if (index + k) % 2 == 0:
            source["title"] = f"Story {index + 1}.{k + 1}: what was said about it"
        if (index + k) % 3 != 1:
            source["quote"] = f"“We are pleased with the result,” a spokesperson said of brief {index + 1}."
        sources.append(source)
    return sources


def _sections(index: int, company: str, thing: str, place: str) -> dict[str, str]:
    whats_new = [
        f"- {company} announced {thing}.",
        f"- The work happens in {place}; a *second* fact with **strong** text.",
    ]
    if index % 3 == 0:
        whats_new.append("- A nested list follows:\n  - first point, with `inline <code>`\n"
                         "  - second point, with a link to <https://docs.example.org/guide/>")
    if index % 4 == 1:
        whats_new.append("- Prices: 10 € → 12 €, up 20 % (&amp; taxes < 5 %).")
    context = [f"{company} has worked on {thing} for several years, as "
               f"[its blog](https://blog.example.com/{index}/) explains."]
    if index % 4 == 0:
        context.append("> A block quote from the filing: the plan is “subject to approval”.\n>\n"
                       "> A second quoted paragraph.")
    if index % 5 == 2:
        context.append("```python\n# HTML-looking text stays text\nprint('<script>alert(1)</script>')\n"
                       "for item in range(3):\n    print(item)\n```")
    if index % 6 == 3:
        context.append("1. The first step.\n2. The second step.\n3. The third step.")
    if index % 8 == 5:
        context.append("Questions go to press@example.com or <mailto:press@example.com>.")
    if index % 10 == 7:
        context.append("Mixed scripts in one paragraph: Ελληνικά, 日本語, العربية and עברית.")
    why = [f"Readers who follow {place} will want to know, because {thing} changes what "
           "customers can expect next year.",
           "A second paragraph, so the section is more than one line long."]
    return {SECTIONS[0]: "\n".join(whats_new), SECTIONS[1]: "\n\n".join(context),
            SECTIONS[2]: "\n\n".join(why)}


def build_site(root: Path, entries: dict[str, str] | None = None, count: int = COUNT,
               repo: Path | None = None) -> Path:
    """A project in ``root``: the repository's mkdocs.yml and docs/ (theme overrides, About,
    Contributing), the planted entries plus ``entries`` (relative name -> text), built with
    ``mkdocs build`` into ``root/site``, which is returned. ``repo``: another checkout of the
    repository (an earlier commit) whose configuration, docs/ and code build it instead."""
    import os
    import shutil
    import subprocess
    import sys

    code = repo
    repo = repo or Path(__file__).resolve().parents[2]
    write(root / "entries", count, rich=code is None)  # an earlier checkout refuses new fields
    for name, text in (entries or {}).items():
        path = root / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repo / "docs", root / "docs")
    out = root / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
                            cwd=root, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stdout}{result.stderr}")
    return out
