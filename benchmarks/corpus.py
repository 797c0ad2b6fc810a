"""Seeded generator of N synthetic digest entries in the real entry format.

Entries are written with ``generator.authoring.entry_file.entry_text`` so they are byte-for-byte
what ``digest new``/the importers would write, and must pass ``digest check``.

    python -m benchmarks.corpus 1000 /dev/shm/corpus --seed 1
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from benchmarks import words
from generator.authoring.entry_file import entry_path, entry_text
from generator.entries.markup import SECTIONS

FIRST_DAY = date(2019, 1, 1)
DAYS = 7 * 365  # several years, so archives and yearly folders are realistic
ZIPF_S = 1.1  # exponent of the tag popularity curve: rank 1 is ~60x rank 40


@dataclass(frozen=True, slots=True)
class SynthEntry:
    """One generated entry: everything each output format (ours, baselines) needs."""

    slug: str
    day: str  # YYYY-MM-DD
    title: str
    tags: tuple[str, ...]
    summary: str
    sources: tuple[dict[str, str], ...]
    sections: dict[str, str]  # section title -> Markdown

    def front(self) -> dict[str, object]:
        return {"title": self.title, "date": self.day, "tags": list(self.tags),
                "summary": self.summary, "sources": [dict(s) for s in self.sources]}

    def text(self) -> str:
        return entry_text(self.front(), self.sections)

    def body_markdown(self) -> str:
        """Lede plus the three sections, as a page body for the baselines."""
        parts = [self.summary] + [f"## {t}\n\n{self.sections[t]}" for t in SECTIONS]
        quotes = [f"> {s['quote']}\n>\n> — [{s['publisher']}]({s['url']})" for s in self.sources]
        return "\n\n".join([*parts, "## Sources", *quotes]) + "\n"


LEXICON_SIZE = 30_000


@functools.cache
def lexicon() -> tuple[tuple[str, ...], list[float]]:
    """Pseudo-words with Zipf cumulative weights: real text keeps meeting new words
    (names, products, jargon), which is what makes search indexes grow."""
    rng = random.Random(0)  # fixed: the same lexicon for every corpus seed
    onsets, vowels, codas = "bcdfgklmnprstvz", "aeiou", ("", "n", "r", "s", "l", "x", "th")
    found: dict[str, None] = {}
    while len(found) < LEXICON_SIZE:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                       for _ in range(rng.randint(2, 4)))
        found[word.capitalize() if rng.random() < 0.5 else word] = None
    return tuple(found), list(itertools.accumulate(zipf_weights(LEXICON_SIZE, 1.0)))


class _Writer:
    """Sentence and paragraph maker over one seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words, self.cum_weights = lexicon()

    def rare(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cum_weights)[0]

    def phrase(self) -> str:
        r = self.rng
        return (f"{r.choice(words.COMPANIES)} {r.choice(words.VERBS)} {r.choice(words.FILLER)} "
                f"{r.choice(words.ADJECTIVES)} {r.choice(words.NOUNS)}")

    def sentence(self, tricky: float = 0.15) -> str:
        r = self.rng
        bits = [self.phrase()]
        for _ in range(r.randint(1, 3)):
            bits.append(f"{r.choice(words.FILLER)} {r.choice(words.ADJECTIVES)} "
                        f"{r.choice(words.NOUNS)} in {r.choice(words.PLACES)}")
        bits.append(f"via the {self.rare()} {r.choice(words.NOUNS)} and {self.rare()}")
        if r.random() < tricky:
            bits.insert(r.randint(1, len(bits)), r.choice(words.TRICKY))
        return " ".join(bits) + "."

    def paragraph(self, sentences: tuple[int, int]) -> str:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))
        if self.rng.random() < 0.3:  # an inline link, as editors add them
            text += f" See [the filing](https://example.org/{self.rng.randrange(10**6)})."
        return text


def zipf_weights(count: int, s: float = ZIPF_S) -> list[float]:
    return [1 / (rank ** s) for rank in range(1, count + 1)]


def pick_tags(rng: random.Random, weights: list[float]) -> tuple[str, ...]:
    """2-4 distinct tags, drawn by popularity without replacement."""
    slugs = [t[0] for t in words.TAGS]
    chosen: list[str] = []
    wanted = rng.randint(2, 4)
    while len(chosen) < wanted:
        tag = rng.choices(slugs, weights)[0]
        if tag not in chosen:
            chosen.append(tag)
    return tuple(chosen)


def generate(n: int, seed: int = 1) -> list[SynthEntry]:
    """N entries, deterministic for a seed; slugs are unique across the corpus."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    weights = zipf_weights(len(words.TAGS))
    entries = []
    for index in range(n):
        day = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
        company, noun = rng.choice(words.COMPANIES), rng.choice(words.NOUNS)
        title = (f"{company} {rng.choice(words.VERBS)} {rng.choice(words.ADJECTIVES)} {noun} "
                 f"in {rng.choice(words.PLACES)}")
        # The index keeps slugs unique without a lookup, as real slugs would be.
        slug = f"{_ascii_slug(company)}-{_ascii_slug(noun)}-{index}"
        bullets = "\n".join(f"- {writer.sentence(0.3)}" for _ in range(rng.randint(4, 6)))
        sections = {
            SECTIONS[0]: bullets,
            SECTIONS[1]: "\n\n".join(writer.paragraph((3, 5)) for _ in range(2)),
            SECTIONS[2]: "\n\n".join(writer.paragraph((3, 5)) for _ in range(2)),
        }
        sources = tuple(
            {"publisher": rng.choice(words.PUBLISHERS),
             "url": f"https://news.example.com/{day[:4]}/{slug}/{k}",
             "quote": writer.sentence(0.4)}
            for k in range(rng.randint(1, 3)))
        entries.append(SynthEntry(slug, day, title, pick_tags(rng, weights),
                                  " ".join(writer.sentence() for _ in range(3)), sources, sections))
    return entries


def _ascii_slug(text: str) -> str:
    from generator.entries.values import slugify

    return slugify(text) or "x"


def vocabulary_text() -> str:
    data = {slug: {"name": name, "description": desc} for slug, name, desc in words.TAGS}
    return "# Synthetic tag vocabulary for benchmarks.\n" + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True)


def write_entries(entries: list[SynthEntry], entries_dir: Path) -> None:
    """Write ``entries_dir`` (tags.yml + YYYY/YYYY-MM-DD-slug.md); no fsync: it's a tmp corpus."""
    entries_dir.mkdir(parents=True, exist_ok=True)
    (entries_dir / "tags.yml").write_text(vocabulary_text(), encoding="utf-8")
    for entry in entries:
        path = entry_path(entries_dir, entry.day, entry.slug)
        path.parent.mkdir(exist_ok=True)
        path.write_text(entry.text(), encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("entries_dir", type=Path, help="folder to create, e.g. ROOT/entries")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_entries(generate(args.n, args.seed), args.entries_dir)
    print(f"wrote {args.n} entries to {args.entries_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
