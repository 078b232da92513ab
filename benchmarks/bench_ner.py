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

    python benchmarks/bench_ner.py [--articles N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.gum import Article, Node, Score, articles
from ldpub.entities import ENTITY_TYPES, ORGANIZATION_TYPES, PERSON_TYPES
from ldpub.entities.linking import Linking, link_text

COARSE = {
    **{t: "Person" for t in PERSON_TYPES},
    **{t: "Organization" for t in ORGANIZATION_TYPES},
    **{t: "Place" for t in ENTITY_TYPES if t not in PERSON_TYPES | ORGANIZATION_TYPES},
}
MODEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}


def model_alone(article: Article) -> list[Node]:
    from ldpub.entities.language import pipeline

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


def run(system: Callable[[Article], list[Node]], texts: list[Article]) -> tuple[Score, float]:
    score = Score()
    start = time.process_time()
    answers = [system(a) for a in texts]
    cpu = time.process_time() - start
    for article, nodes in zip(texts, answers, strict=True):
        score.add(article.gold, nodes)
    return score, 1000 * cpu / max(1, len(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    texts = articles()[: args.articles]
    model_alone(texts[0])  # load the model once, outside the timings
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


if __name__ == "__main__":
    main()
