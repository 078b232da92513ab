"""Scoring entity linking and claim detection against the hand-written seed fixture.

``python -m tests.seed_scoring`` prints the figures quoted in the README.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from ldpub.entities import ORGANIZATION_TYPES, PERSON_TYPES, Authority, normalize_name
from ldpub.language.linking import Linking, link_text
from ldpub.read.text import extract_text
from ldpub.read.text_layout import read_layout
from tests.support import ROOT

SEED_DIR = ROOT / "tests" / "data" / "pages" / "seed"
SEED_TEXT = SEED_DIR / "syrian-observer-al-tanf.txt"
EXPECTED = SEED_DIR / "expected.yaml"
AUTHORITY = ROOT / "vocab" / "entities.ttl"
SEED_OPTIONS = {
    "url": "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html",
    "published": "2022-09-20T10:00:00+03:00",
    "language": "en",
    "original_language": "ar",
}


@dataclass(frozen=True)
class Score:
    true_positives: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    def __str__(self) -> str:
        found = f"{self.true_positives}/{self.found} found, {self.expected} expected"
        return f"P {self.precision:.2f} R {self.recall:.2f} ({found})"


def coarse(kind: str) -> str:
    if kind in PERSON_TYPES:
        return "Person"
    if kind in ORGANIZATION_TYPES:
        return "Organization"
    return "Place"


def expected() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    return data


def seed_linking(authority: Authority | None) -> Linking:
    layout = read_layout(SEED_TEXT.read_text(encoding="utf-8"))
    related = [link["headline"] for link in layout.related]
    return link_text(layout.headline, "\n\n".join(layout.body), authority, extra=related)


def _same_name(a: str, b: str) -> bool:
    """Surface forms agree when one name's words contain the other's ("MacFarlane" in "Major General MacFarlane")."""
    x, y = normalize_name(a), normalize_name(b)
    if not x or not y:
        return False
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def score_entities(linking: Linking, truth: Mapping[str, Any]) -> tuple[Score, Score, Score]:
    """(entities, mentions, types) linked to the authority: keys found vs expected; (key, surface)
    pairs one to one; types of the found. Candidates are scored by score_candidates()."""
    unknown = {c.key for c in linking.candidates}
    groups = (linking.headline, linking.body, *linking.extra)
    found_mentions = [m for group in groups for m in group if m.key not in unknown]
    keys = set(dict.fromkeys(m.key for m in found_mentions))
    entities = Score(len(keys & truth.keys()), len(keys), len(truth))
    hits = 0
    for key, entry in truth.items():
        remaining = list(entry["mentions"])
        for m in (m for m in found_mentions if m.key == key):
            match = next((s for s in remaining if _same_name(s, m.surface)), None)
            if match is not None:
                remaining.remove(match)
                hits += 1
    mentions = Score(hits, len(found_mentions), sum(len(e["mentions"]) for e in truth.values()))
    typed = [k for k in keys if k in truth]
    right = sum(coarse(linking.types[k]) == truth[k]["type"] for k in typed)
    return entities, mentions, Score(right, len(typed), len(typed))


def _entity_named(names: list[str], entities: Mapping[str, Any]) -> str | None:
    """The expected entity these names refer to: one with an identical name first, else one containing it."""
    for same in (lambda a, b: normalize_name(a) == normalize_name(b), _same_name):
        for key, value in entities.items():
            if any(same(n, s) for n in names for s in value["mentions"]):
                return key
    return None


def coarse_type(kind: str) -> str:
    """The expected file's class (Person / Organization / Place) of a schema.org type."""
    from ldpub.entities import ORGANIZATION_TYPES, PERSON_TYPES

    return "Person" if kind in PERSON_TYPES else "Organization" if kind in ORGANIZATION_TYPES else "Place"


def score_candidates(linking: Linking, truth: Mapping[str, Any], known: Iterable[str]) -> tuple[Score, Score]:
    """(candidates, types): each candidate must name an expected entity the authority lacks;
    recall over those entities. Types: of the right candidates, how many have the right class."""
    missing = {k: v for k, v in truth.items() if k not in set(known)}
    right_type = 0
    good = 0
    for candidate in linking.candidates:
        names = [candidate.name, *(m.surface for m in candidate.mentions)]
        key = _entity_named(names, missing)
        if key is None:
            continue
        good += 1
        right_type += missing[key]["type"] == coarse_type(candidate.type)
    # Recall over entities is candidate_recall(); here the expected count is what was found.
    return Score(good, len(linking.candidates), len(linking.candidates)), Score(right_type, good, good)


def candidate_recall(linking: Linking, truth: Mapping[str, Any], known: Iterable[str]) -> Score:
    missing = {k: v for k, v in truth.items() if k not in set(known)}
    found = set()
    for candidate in linking.candidates:
        names = [candidate.name, *(m.surface for m in candidate.mentions)]
        key = _entity_named(names, missing)
        if key is not None:
            found.add(key)
    return Score(len(found), len(found), len(missing))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.casefold()))


def _same_text(a: str, b: str) -> bool:
    x, y = _words(a), _words(b)
    return len(x & y) / max(1, len(x | y)) >= 0.8


def _same_author(found: Any, want: Any) -> bool:
    if isinstance(want, str):
        return found == want
    if not isinstance(found, dict) or "anonymous" not in found:
        return False
    return "affiliation" not in want or found.get("affiliation") == want["affiliation"]


def score_claims(claims: list[dict[str, Any]], truth: list[dict[str, Any]]) -> tuple[Score, Score, Score]:
    """(text, text+author, text+author+first appearance), each one to one."""
    scores = []
    for level in range(3):
        remaining = list(truth)
        hits = 0
        for claim in claims:
            for want in remaining:
                ok = _same_text(claim["text"], want["text"])
                if ok and level >= 1:
                    ok = _same_author(claim.get("author"), want["author"])
                if ok and level >= 2:
                    ok = claim.get("first_appeared_in", {}).get("publisher") == want.get("first_appeared_in")
                if ok:
                    remaining.remove(want)
                    hits += 1
                    break
        scores.append(Score(hits, len(claims), len(truth)))
    return scores[0], scores[1], scores[2]


def seed_record(authority: Authority | None) -> dict[str, Any]:
    record: dict[str, Any] = extract_text(
        SEED_TEXT.read_text(encoding="utf-8"), source=str(SEED_TEXT), authority=authority, **SEED_OPTIONS
    ).record
    return record


def report() -> str:
    truth = expected()
    authority = Authority.load(AUTHORITY)
    lines = ["with vocab/entities.ttl:"]
    entities, mentions, types = score_entities(seed_linking(authority), truth["entities"])
    lines += [f"  entities  {entities}", f"  mentions  {mentions}", f"  types     {types}"]
    text, author, first = score_claims(seed_record(authority)["claims"], truth["claims"])
    lines += [
        f"  claims (text)                    {text}",
        f"  claims (text+author)             {author}",
        f"  claims (text+author+first seen)  {first}",
    ]
    names_only = Authority.load(SEED_DIR / "authority-names-only.ttl")
    entities, mentions, types = score_entities(seed_linking(names_only), truth["entities"])
    lines += ["with the preferred names only (no alternateName; variants and second references do the rest):"]
    lines += [f"  entities  {entities}", f"  mentions  {mentions}", f"  types     {types}"]
    folder = SEED_DIR.parent / "text"
    other = yaml.safe_load((folder / "variants-followup.expected.yaml").read_text(encoding="utf-8"))
    layout = read_layout((folder / "variants-followup.txt").read_text(encoding="utf-8"))
    for label, auth in (("vocab/entities.ttl", authority), ("preferred names only", names_only)):
        entities, mentions, _ = score_entities(link_text(layout.headline, "\n\n".join(layout.body), auth), other)
        lines += [f"variants-followup.txt with {label}:", f"  entities  {entities}", f"  mentions  {mentions}"]
    empty = seed_linking(None)
    precision, typed = score_candidates(empty, truth["entities"], ())
    lines += [
        "with an empty authority (candidates only):",
        f"  candidates precision {precision}",
        f"  candidate types      {typed}",
        f"  entities found as candidates {candidate_recall(empty, truth['entities'], ())}",
    ]
    text, author, first = score_claims(seed_record(None).get("claims", []), truth["claims"])
    lines += [f"  claims (text)                    {text}", f"  claims (text+author)             {author}"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
