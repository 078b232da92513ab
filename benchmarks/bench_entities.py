"""Finding authority entities in article text: ldpub beside the plain path, CPU time on one core.

The plain path is what a newsroom script would do: one compiled case-insensitive regular
expression per listed spelling (word boundaries), run over the text — exact spellings only,
so it finds fewer mentions (no variants, no second references). ldpub tokenises once and looks
up normalised word sequences in a hash index, longest first.

    python benchmarks/bench_entities.py [--entities 5000] [--articles 200]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ldpub.entities.authority import Authority, Entity, _skeleton, normalize_token, slug
from ldpub.read.text_layout import read_layout

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = "ma ha mu sa fa ri da qa si la ra na ka ta ba za wa ya dh kh gh sh th".split()  # noqa: SIM905


def synthetic_authority(size: int, seed: int = 5) -> Authority:
    """The seed's authority plus ``size`` made-up people, organisations and places."""
    rng = random.Random(seed)
    base = Authority.load(ROOT / "vocab" / "entities.ttl")
    entities = dict(base.entities)
    kinds = ["Person", "Organization", "Place"]
    while len(entities) < size + len(base.entities):
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(2)]
        name = f"{words[0]} al-{words[1]}"
        key = slug(name)
        if key in entities:
            continue
        entities[key] = Entity(key, f"https://news.example/entity/{key}", rng.choice(kinds), name, (words[1],))
    return Authority(entities)


def clear_caches() -> None:
    normalize_token.cache_clear()
    _skeleton.cache_clear()


def plain_find(patterns: list[tuple[re.Pattern[str], str]], text: str) -> int:
    return sum(1 for pattern, _ in patterns for _ in pattern.finditer(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    seed = read_layout((ROOT / "tests" / "data" / "pages" / "seed" / "syrian-observer-al-tanf.txt").read_text())
    text = "\n\n".join(seed.body)
    authority = synthetic_authority(args.entities)
    spellings = [(s, e.key) for e in authority.entities.values() for s in e.spellings]
    patterns = [(re.compile(rf"(?<!\w){re.escape(s)}(?!\w)", re.IGNORECASE), k) for s, k in spellings]

    start = time.process_time()
    found = 0
    for _ in range(args.articles):
        clear_caches()  # every article cold: the same text repeated must not ride on the word cache
        found = len(authority.find_mentions(text))
    ldpub_cpu = time.process_time() - start

    start = time.process_time()
    plain = 0
    for _ in range(args.articles):
        plain = plain_find(patterns, text)
    plain_cpu = time.process_time() - start

    words = len(text.split())
    print(
        f"seed body ({words} words) × {args.articles}, authority of {len(authority.entities)} entities "
        f"({len(spellings)} spellings)"
    )
    print(f"{'path':<44} {'articles/s':>11} {'ms/article':>11} {'mentions':>9}")
    for label, cpu, count in (
        ("ldpub (variants, longest match, one pass)", ldpub_cpu, found),
        ("plain (one regex per spelling, exact only)", plain_cpu, plain),
    ):
        print(f"{label:<44} {args.articles / cpu:>11.1f} {1000 * cpu / args.articles:>11.2f} {count:>9}")
    scaling(Authority.load(ROOT / "vocab" / "entities.ttl"))


def scaling(authority: Authority) -> None:
    """Whole-text extraction (layout, linking, candidates, claims) on ever longer texts: linear, not quadratic."""
    from ldpub.read.text import extract_text

    unit = "Qassem said that the Tanf base was quiet. Major General Smith met King Abdullah II of Jordan. "
    options = {"url": "https://news.example/a", "published": "2024-01-01T00:00:00Z", "language": "en"}
    print(f"\n{'extract_text, words':<44} {'CPU s':>11} {'µs/word':>11}")
    for repeat in (500, 5000, 20000):
        text = "Headline\n\n" + unit * repeat
        clear_caches()
        start = time.process_time()
        extract_text(text, authority=authority, **options)
        cpu = time.process_time() - start
        words = len(text.split())
        print(f"{words:<44,} {cpu:>11.2f} {1e6 * cpu / words:>11.1f}")


if __name__ == "__main__":
    main()
