"""Where the authors go wrong on PolNeAR dev: the misses of bench_attribution's "author right", by cause.

Claims, gold attributions, pairing and the author reference are those of :mod:`benchmarks.polnear`
and :mod:`benchmarks.bench_attribution` (ldpub's default claims). Each paired claim whose author is
wrong falls in one class, by the gold source's kind:

- **name** sources: *no author* (the claim has none) — split by whether the record holds an
  entity sharing a capitalised word with the source (then the subject was not tied to it) and of
  which type, or none (the name never became an entity); *anonymous* (an unnamed source was
  made of a name); *wrong entity*;
- **pronoun** sources, by pronoun ("he/she", "they/it", "I/we/you"): no author, anonymous, wrong
  entity (of the right coarse type or not);
- **description** sources, by the reference: an anonymous one given a name or no author; a
  referring one ("the senator") given no author, an anonymous node, or another entity.

Only counts are printed: no article text.

    python -m benchmarks.author_errors [--articles N] [--claims speech|all]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_attribution import OPTIONS, _author_name, model_names
from benchmarks.polnear import ROOT, Found, Gold, _capitalised, articles, author_right, pairs

_PERSON = ("Person",)


def _entity(name: str, record: dict[str, Any]) -> dict[str, Any] | None:
    return next((e for e in record.get("entities", {}).values() if e.get("name") == name), None)


def _sharing(source: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's entities whose name shares a capitalised word with ``source``."""
    wanted = _capitalised(source)
    return [e for e in record.get("entities", {}).values() if _capitalised(str(e.get("name", ""))) & wanted]


def _coarse(entity: dict[str, Any] | None) -> str:
    kind = str((entity or {}).get("type", ""))
    if kind in ("Person",):
        return "Person"
    if kind in ("Place", "Country", "City", "AdministrativeArea"):
        return "Place"
    return "Organization" if kind else "?"


def classify(found: Found, gold: Gold, record: dict[str, Any]) -> str:
    author = found.author
    if gold.kind == "name":
        if not author:
            near = _sharing(gold.source, record)
            if not near:
                return "name: no author, the name is no entity"
            return f"name: no author, an entity of the name exists ({_coarse(near[0])})"
        if author == "anonymous":
            return "name: an anonymous source"
        return f"name: wrong entity ({_coarse(_entity(author, record))})"
    if gold.kind == "pronoun":
        low = gold.source.strip().casefold()
        group = (
            "he/she"
            if low in ("he", "she", "him", "her", "his")
            else "they/it"
            if low in ("they", "it", "them", "its", "their")
            else "I/we/you"
        )
        if not author:
            return f"pronoun {group}: no author"
        if author == "anonymous":
            return f"pronoun {group}: anonymous"
        referent = _entity(gold.referent, record) or next(iter(_sharing(gold.referent, record)), None)
        same = _coarse(referent) == _coarse(_entity(author, record))
        return f"pronoun {group}: wrong entity ({'same' if same else 'other'} type)"
    if gold.referent == "anonymous":
        return "description (anonymous): " + ("no author" if not author else "a name given")
    if not author:
        return "description (refers): no author"
    if author == "anonymous":
        return "description (refers): anonymous"
    return "description (refers): wrong entity"


def main() -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = "1"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="only the first N articles (0: all)")
    parser.add_argument("--claims", choices=("speech", "all"), default="speech")
    args = parser.parse_args()
    if not ROOT.is_dir():
        sys.exit(f"author_errors: {ROOT} is not there (the PolNeAR dev split in ../shared/benchmarks)")
    from ldpub.read.text import extract_text

    texts = list(articles(label=model_names))
    if args.articles:
        texts = texts[: args.articles]
    causes: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for article in texts:
        record = extract_text(article.text, claims=args.claims, **OPTIONS).record
        found = [Found(c["text"], _author_name(c.get("author"), record)) for c in record.get("claims", [])]
        for claim, gold in pairs(article, found):
            if gold is None:
                continue
            ok = author_right(claim.author, gold)
            if ok is None:
                continue
            kind = "name" if gold.kind == "name" else "pronoun/description"
            right[kind, ok] += 1
            if not ok:
                causes[classify(claim, gold, record)] += 1
    for kind in ("name", "pronoun/description"):
        total = right[kind, True] + right[kind, False]
        print(f"{kind}: {right[kind, True]}/{total} right, {right[kind, False]} wrong")
    for cause, n in sorted(causes.items()):
        print(f"  {n:4d}  {cause}")


if __name__ == "__main__":
    main()
