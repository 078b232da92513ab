"""Named people, organisations and places on the GUM news articles: ldpub beside the model alone and the rules.

Three paths on the same 24 Wikinews articles, in the same run (see benchmarks/gum.py for the gold
standard and the scores):

- **model alone**: the spaCy pipeline ldpub ships (en_core_web_sm 3.8), one node per distinct
  entity text and label (PERSON → Person, ORG → Organization, GPE/LOC/FAC → Place);
- **rules (previous path)**: ldpub's candidate rules alone (titles, organisation/place nouns,
  prepositions, speech verbs), as before the statistical pipeline: ``link_text(statistical=False)``;
- **ldpub**: the statistical spans under ldpub's rules — typing from evidence across the article,
  second references merged (``link_text``).

No authority file is used: these are texts the newsroom never annotated. CPU ms per article is
for entity finding only (model + rules), one core.

Then the same three paths on the hand-annotated texts of ``benchmarks/texts/`` (other regions and
shapes: a wire story with a two-author byline and an agency dateline, a staff story with a
"Name | role" byline, a story with neither), where ldpub is the whole ``extract_text`` (layout,
byline, dateline, linking, claims) and the previous path is what ``extract_text`` did before
(no byline or dateline reading, rules only, claims from the written shapes alone); with the
bylines, datelines and claims scored too, and the CPU time of the whole extraction per 500 words.

    python benchmarks/bench_ner.py [--articles N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from benchmarks import re3d
from benchmarks.gum import Article, GoldEntity, Node, Score, articles, normalize
from ldpub.entities import ENTITY_TYPES, ORGANIZATION_TYPES, PERSON_TYPES, gazetteer
from ldpub.language.claims import find_claims
from ldpub.language.linking import Linking, link_text
from ldpub.read.text import extract_text

TEXTS = Path(__file__).resolve().parent / "texts"
OPTIONS = {"url": "https://news.example/story", "published": "2024-05-01T09:00:00Z", "language": "en"}

COARSE = {
    **{t: "Person" for t in PERSON_TYPES},
    **{t: "Organization" for t in ORGANIZATION_TYPES},
    **{t: "Place" for t in ENTITY_TYPES if t not in PERSON_TYPES | ORGANIZATION_TYPES},
}
MODEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}


def model_alone(article: Article) -> list[Node]:
    from ldpub.language.analysis import pipeline

    nodes: dict[tuple[str, str], set[str]] = {}
    for doc in pipeline().pipe([article.headline, article.body]):
        for ent in doc.ents:
            kind = MODEL_TYPES.get(ent.label_)
            if kind:
                nodes.setdefault((ent.text, kind), set()).add(ent.text)
    return [Node(name, kind, frozenset(forms)) for (name, kind), forms in nodes.items()]


def linking_nodes(linking: Linking) -> list[Node]:
    surfaces: dict[str, set[str]] = {}
    for mention in [*linking.headline, *linking.body]:
        surfaces.setdefault(mention.key, set()).add(mention.surface)
    nodes = []
    for key, entity in linking.entities.items():
        kind = COARSE.get(str(entity["type"]))
        if kind:
            nodes.append(Node(str(entity["name"]), kind, frozenset(surfaces.get(key, ()))))
    return nodes


def rules_path(article: Article) -> list[Node]:
    return linking_nodes(link_text(article.headline, article.body, statistical=False))


def ldpub_path(article: Article) -> list[Node]:
    return linking_nodes(link_text(article.headline, article.body))


def run(system: Callable[[Article], list[Node]], texts: list[Article], *, names: bool = False) -> tuple[Score, float]:
    """Score ``system`` on ``texts``: per entity (GUM, with coreference), or per distinct name (``names``: re3d)."""
    score = Score()
    start = time.process_time()
    answers = [system(a) for a in texts]
    cpu = time.process_time() - start
    for article, nodes in zip(texts, answers, strict=True):
        if names:
            score.add_names(article.gold, nodes, article.optional)
        else:
            score.add(article.gold, nodes)
    return score, 1000 * cpu / max(1, len(texts))


# -- the hand-annotated texts ---------------------------------------------------------------


@dataclass
class OwnText:
    article: Article  # headline, everything after it as the body (what the previous path read), gold
    text: str
    expected: dict[str, Any]


def own_texts() -> list[OwnText]:
    out = []
    for path in sorted(TEXTS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
        gold = {
            e["name"]: GoldEntity(e["type"], {normalize(n) for n in [e["name"], *e.get("also", [])]})
            for e in expected["entities"]
        }
        headline, rest = text.split("\n\n", 1)
        out.append(OwnText(Article(path.stem, headline, rest, gold), text, expected))
    return out


def record_nodes(record: dict[str, Any]) -> list[Node]:
    nodes = []
    for entity in record.get("entities", {}).values():
        kind = COARSE.get(str(entity["type"]))
        if kind:
            names = frozenset([entity["name"], *entity.get("alternate_names", [])])
            nodes.append(Node(str(entity["name"]), kind, names))
    return nodes


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.casefold()))


def _same_claim(a: str, b: str) -> bool:
    x, y = _words(a), _words(b)
    common = len(x & y)
    return bool(x and y) and common / min(len(x), len(y)) >= 0.8 and common / max(len(x), len(y)) >= 0.6


def _author_name(author: Any, entities: dict[str, Any]) -> str:
    if isinstance(author, str):
        return str(entities.get(author, {}).get("name", author))
    if isinstance(author, dict):
        affiliation = author.get("affiliation")
        if affiliation and affiliation in entities:
            return str(entities[affiliation]["name"])
        return str(author.get("anonymous", ""))
    return ""


@dataclass
class ClaimScore:
    found: int = 0
    expected: int = 0
    right: int = 0  # found claims matching an expected one
    right_author: int = 0  # … with the expected author

    def add(self, claims: list[dict[str, Any]], entities: dict[str, Any], expected: list[dict[str, Any]]) -> None:
        self.found += len(claims)
        self.expected += len(expected)
        left = list(expected)
        for claim in claims:
            hit = next((e for e in left if _same_claim(claim["text"], e["text"])), None)
            if hit is None:
                continue
            left.remove(hit)
            self.right += 1
            said = normalize(_author_name(claim.get("author"), entities))
            self.right_author += bool(said) and said == normalize(hit["author"])


def previous_path(own: OwnText) -> tuple[list[Node], list[dict[str, Any]], dict[str, Any]]:
    """What extract_text did before: the rest of the text as the body, rules only, claims from the written shapes."""
    linking = link_text(own.article.headline, own.article.body, statistical=False)
    return linking_nodes(linking), find_claims(own.article.body, linking), linking.entities


def own_text_tables(texts: list[OwnText]) -> None:
    gold = sum(len(t.article.gold) for t in texts)
    words = sum(len(t.text.split()) for t in texts)
    print(f"\nown texts (benchmarks/texts/): {len(texts)} texts, {words:,} words, {gold} named entities")
    print(f"{'path':<28} {'precision':>9} {'recall':>7} {'F1':>6} {'merge P':>8} {'merges':>7}")
    start = time.process_time()
    records = [extract_text(t.text, **OPTIONS).record for t in texts]
    cpu = time.process_time() - start
    previous = [previous_path(t) for t in texts]
    for label, answers in (
        ("model alone (spaCy sm)", [model_alone(t.article) for t in texts]),
        ("rules (previous path)", [p[0] for p in previous]),
        ("ldpub", [record_nodes(r) for r in records]),
    ):
        score = Score()
        for own, nodes in zip(texts, answers, strict=True):
            score.add(own.article.gold, nodes)
        print(
            f"{label:<28} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} "
            f"{score.merge_precision:>8.3f} {score.pairs:>7}"
        )
    print(f"\n{'claims':<28} {'found':>6} {'expected':>8} {'right':>6} {'P':>6} {'R':>6} {'author right':>13}")
    for label, results in (
        ("previous path", [(p[1], p[2]) for p in previous]),
        ("ldpub", [(r.get("claims", []), r.get("entities", {})) for r in records]),
    ):
        claims = ClaimScore()
        for own, (found, entities) in zip(texts, results, strict=True):
            claims.add(found, entities, own.expected["claims"])
        p = claims.right / claims.found if claims.found else 0.0
        r = claims.right / claims.expected if claims.expected else 0.0
        print(
            f"{label:<28} {claims.found:>6} {claims.expected:>8} {claims.right:>6} {p:>6.2f} {r:>6.2f} "
            f"{claims.right_author:>6}/{claims.right:<6}"
        )
    authors = sum(
        [r["entities"][k]["name"] for k in r.get("authors", [])] == t.expected["authors"]
        for r, t in zip(records, texts, strict=True)
    )
    datelines = sum(
        (r["entities"][r["dateline"]["place"]]["name"] if "dateline" in r else None) == t.expected["dateline"]
        for r, t in zip(records, texts, strict=True)
    )
    print(f"\nbylines right: ldpub {authors}/{len(texts)}, previous path 0/{len(texts)} (it read none)")
    print(f"datelines right: ldpub {datelines}/{len(texts)}, previous path 0/{len(texts)} (it read none)")
    print(f"whole extraction (layout, model, rules, claims): {1000 * cpu / words * 500:.1f} ms CPU per 500 words")


def re3d_table() -> None:
    """The same paths on re3d-train, in blocks of consecutive sentences (see benchmarks/re3d.py)."""
    if not re3d.RE3D.exists():
        print(f"\nre3d-train: {re3d.RE3D} not found (../shared is not in a user's clone); skipped")
        return
    docs = re3d.documents()
    words = sum(len(d.body.split()) for d in docs)
    gold = sum(len(d.gold) for d in docs)
    print(f"\nre3d-train: {len(docs)} blocks of {re3d.BLOCK} sentences, {words:,} words, {gold} gold names")
    print(f"{'path':<28} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/block':>11}   (distinct names + type)")
    for label, system in (("model alone (spaCy sm)", model_alone), ("ldpub", ldpub_path)):
        score, ms = run(system, docs, names=True)
        print(f"{label:<28} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} {ms:>11.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    texts = articles()[: args.articles]
    model_alone(texts[0])  # load the model once, outside the timings
    gazetteer.lookup("Amman")  # and the gazetteer
    words = sum(len(a.body.split()) for a in texts)
    gold = sum(len(a.gold) for a in texts)
    print(f"GUM news: {len(texts)} articles, {words:,} words, {gold} gold named entities (person/org/place)")
    print(f"{'path':<28} {'precision':>9} {'recall':>7} {'F1':>6} {'merge P':>8} {'merges':>7} {'ms/article':>11}")
    for label, system in (
        ("model alone (spaCy sm)", model_alone),
        ("rules (previous path)", rules_path),
        ("ldpub", ldpub_path),
    ):
        score, ms = run(system, texts)
        print(
            f"{label:<28} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} "
            f"{score.merge_precision:>8.3f} {score.pairs:>7} {ms:>11.1f}"
        )
    re3d_table()
    own_text_tables(own_texts())
    speed(texts)


def speed(texts: list[Article], repeat: int = 3) -> None:
    """CPU time per 500 words of the whole extraction (layout, model, rules, claims) and of spaCy's
    pipeline alone on the same texts, the best of ``repeat`` interleaved runs (the machine is shared)."""
    from ldpub.language.analysis import pipeline

    documents = [f"{a.headline}\n\n{a.body}\n" for a in texts]
    words = sum(len(d.split()) for d in documents)
    best = {"spaCy sm alone (nlp(text))": float("inf"), "ldpub extract_text": float("inf")}
    for _ in range(repeat):
        start = time.process_time()
        for document in documents:
            pipeline()(document)
        best["spaCy sm alone (nlp(text))"] = min(best["spaCy sm alone (nlp(text))"], time.process_time() - start)
        start = time.process_time()
        for document in documents:
            extract_text(document, **OPTIONS)
        best["ldpub extract_text"] = min(best["ldpub extract_text"], time.process_time() - start)
    print(f"\nspeed on the GUM texts ({words:,} words), CPU ms per 500 words, best of {repeat}:")
    for label, seconds in best.items():
        print(f"{label:<28} {1000 * seconds / words * 500:>7.1f}")


if __name__ == "__main__":
    main()
