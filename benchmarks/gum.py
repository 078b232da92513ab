"""The GUM news articles (../shared/benchmarks/gum-news/) as texts with gold named entities, and a scorer.

A gold entity is a coreference chain typed person / organization / place with at least one
*named* mention: one whose head token (the token whose syntactic head lies outside the mention),
or a "flat" part of it, is a proper noun ("Barack Obama", "team member Rodaba Noori"). Groups of
people named by a plural ("Muslims", "Afghans") are not people and are left out. An entity's
names are the texts of its named mentions and of their proper-noun parts, normalised the way the
scorer normalises system names (case, a leading "the", a possessive "'s", spacing).

Chains of one type that share a name are merged into one entity (the score is per distinct
name and type).

A system answers with nodes: a name, a type and the surface forms it was found under. Scores:

- **name + type** (per article, summed): a node is right when its type is the gold entity's and
  its name is one of that entity's names; each gold entity is matched once, so a second node for
  the same entity (no merge of "Trump" into "Donald Trump") counts against precision;
- **merge precision**: over pairs of distinct surface forms put in one node, the share where both
  forms name the same gold entity (pairs with a form that names no gold entity are not judged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

GUM = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "gum-news" / "conllu"
TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}
_ENTITY = re.compile(r"\((\d+)-([^()]*)(\)?)|(\d+)\)")


@dataclass
class GoldEntity:
    type: str
    names: set[str] = field(default_factory=set)
    also: frozenset[str] = frozenset()  # other types accepted for it (re3d's countries: see re3d.py)

    def accepts(self, kind: str) -> bool:
        return kind == self.type or kind in self.also


@dataclass
class Article:
    name: str
    headline: str
    body: str
    gold: dict[str, GoldEntity]
    optional: list[GoldEntity] = field(default_factory=list)  # spans a name may be inside, not required (re3d)


@dataclass(frozen=True)
class Node:
    name: str
    type: str
    surfaces: frozenset[str]


def normalize(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("’", "'")).strip(" \"“”'.,")
    name = re.sub(r"'s$", "", name)
    return re.sub(r"^the ", "", name.casefold())


def read_article(path: Path) -> Article:
    sentences: list[tuple[bool, list[dict[str, str]]]] = []  # (starts a paragraph, tokens)
    new_paragraph = False
    title = ""
    tokens: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::title = "):
            title = line.split(" = ", 1)[1]
        elif line.startswith("# newpar"):
            new_paragraph = True
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if tokens:
                sentences.append((new_paragraph, tokens))
                tokens, new_paragraph = [], False
        else:
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multiword token ranges and empty nodes
            tokens.append(
                {
                    "id": cols[0],
                    "form": cols[1],
                    "upos": cols[3],
                    "xpos": cols[4],
                    "head": cols[6],
                    "dep": cols[7],
                    "misc": cols[9],
                }
            )
    if tokens:
        sentences.append((new_paragraph, tokens))

    paragraphs: list[str] = []
    gold: dict[str, GoldEntity] = {}
    for starts, sent in sentences:
        text, offsets = _sentence_text(sent)
        if starts or not paragraphs:
            paragraphs.append(text)
        else:
            paragraphs[-1] += " " + text
        mentions = _mentions(sent)
        for entity, kind, first, last in mentions:
            if kind not in TYPES:
                continue
            span = sent[first : last + 1]
            ids = {t["id"] for t in span}
            heads = {t["id"] for t in span if t["head"] not in ids}
            if _coordination(sent, mentions, (entity, kind, first, last), heads):
                continue  # a group ("DAB's Ben Chan and Leung Che-cheung"): each conjunct is a mention of its own
            # A proper-noun head, or a common-noun head with a flat proper name ("team member Rodaba Noori").
            name = [i for i, t in enumerate(span) if t["upos"] == "PROPN" and t["id"] in heads]
            flat = [i for i, t in enumerate(span) if t["upos"] == "PROPN" and t["head"] in heads and t["dep"] == "flat"]
            if not (name or flat) or (kind == "person" and any(span[i]["xpos"] == "NNPS" for i in name)):
                continue  # not named, or a group of people ("Muslims", "Afghans"), not a person
            names = gold.setdefault(entity, GoldEntity(TYPES[kind])).names
            names.add(normalize(text[offsets[first][0] : offsets[last][1]]))
            if flat and not name:
                names.add(normalize(text[offsets[first + flat[0]][0] : offsets[first + flat[-1]][1]]))
    gold = _same_name_same_entity(gold)
    headline, body = paragraphs[0], "\n\n".join(paragraphs[1:])
    if normalize(headline) != normalize(title):
        body, headline = "\n\n".join(paragraphs), title
    return Article(path.stem.removeprefix("GUM_news_"), headline, body, gold)


def _coordination(
    sent: list[dict[str, str]],
    mentions: list[tuple[str, str, int, int]],
    mention: tuple[str, str, int, int],
    heads: set[str],
) -> bool:
    """A mention that coordinates mentions of its own type ("DAB's Ben Chan and Leung Che-cheung",
    "the Irving Independent School District and the Irving Police Department"): GUM marks the whole
    coordination as one more mention (of a group, which a pronoun such as "they" can take up) beside
    each conjunct's own. In Universal Dependencies the first conjunct heads a coordination, so the
    group gets that conjunct's proper-noun head; but no one name names it, and each named conjunct is
    an entity of its own. A name with "and" inside ("The Globe and Mail", "Tang Teaching Museum and Art
    Gallery") has no mention of its type at each conjunct, and stays."""
    entity, kind, first, last = mention
    conjuncts = [i for i in range(first, last + 1) if sent[i]["dep"] == "conj" and sent[i]["head"] in heads]
    if not conjuncts:
        return False
    tops = [i for i in range(first, last + 1) if sent[i]["id"] in heads]

    def own(i: int) -> bool:
        return any(
            e != entity and k == kind and first <= a <= i <= b <= last and (a, b) != (first, last)
            for e, k, a, b in mentions
        )

    return all(own(i) for i in tops + conjuncts)


def _same_name_same_entity(gold: dict[str, GoldEntity]) -> dict[str, GoldEntity]:
    """Chains of one type sharing a name are one entity: the corpus sometimes leaves a nested
    mention ("Google" in "Google Science Fair") as a chain of its own, and the score is per
    distinct name and type."""
    merged: list[tuple[str, GoldEntity]] = []
    for key, entity in gold.items():
        same = [g for _, g in merged if g.type == entity.type and g.names & entity.names]
        if same:
            target = same[0]
            target.names |= entity.names
            for other in same[1:]:
                target.names |= other.names
                merged = [(k, g) for k, g in merged if g is not other]
        else:
            merged.append((key, GoldEntity(entity.type, set(entity.names))))
    return dict(merged)


def _sentence_text(tokens: list[dict[str, str]]) -> tuple[str, list[tuple[int, int]]]:
    text = ""
    offsets = []
    for token in tokens:
        if token["form"] in ("'s", "’s", "n't") and text.endswith(" "):
            text = text[:-1]  # the corpus splits "world 's"; news copy writes "world's"
        offsets.append((len(text), len(text) + len(token["form"])))
        text += token["form"] + ("" if "SpaceAfter=No" in token["misc"] else " ")
    return text.rstrip(), offsets


def _mentions(tokens: list[dict[str, str]]) -> list[tuple[str, str, int, int]]:
    """(entity id, type, first token, last token) of every mention in one sentence."""
    open_: dict[str, list[tuple[str, int]]] = {}
    out = []
    for i, token in enumerate(tokens):
        value = next((p[len("Entity=") :] for p in token["misc"].split("|") if p.startswith("Entity=")), "")
        for m in _ENTITY.finditer(value):
            if m.group(1):
                kind = m.group(2).split("-", 1)[0]
                if m.group(3):
                    out.append((m.group(1), kind, i, i))
                else:
                    open_.setdefault(m.group(1), []).append((kind, i))
            elif open_.get(m.group(4)):
                kind, first = open_[m.group(4)].pop()
                out.append((m.group(4), kind, first, i))
    return out


def articles() -> list[Article]:
    return [read_article(p) for p in sorted(GUM.glob("GUM_news_*.conllu"))]


@dataclass
class Score:
    true: int = 0
    predicted: int = 0
    gold: int = 0
    pairs: int = 0
    right_pairs: int = 0
    wrong: list[Node] = field(default_factory=list)  # nodes matching no gold entity, for inspection
    missed: list[GoldEntity] = field(default_factory=list)

    def add(self, gold: dict[str, GoldEntity], nodes: Iterable[Node]) -> None:
        nodes = list(nodes)
        self.predicted += len(nodes)
        self.gold += len(gold)
        matched: set[str] = set()
        unmatched: list[Node] = []
        for node in nodes:
            name = normalize(node.name)
            hit = next(
                (k for k, g in gold.items() if k not in matched and g.accepts(node.type) and name in g.names), None
            )
            if hit is None:  # the entity as this article writes it ("ISIL" for a node named "Islamic State")
                forms = {normalize(f) for f in node.surfaces}
                hit = next(
                    (k for k, g in gold.items() if k not in matched and g.accepts(node.type) and forms & g.names), None
                )
            if hit is None:
                unmatched.append(node)
            else:
                matched.add(hit)
        # Then a name inside a gold name, whole words: "Fuad Basya" for "Major General Fuad Basya".
        for node in unmatched:
            inside = re.compile(rf"(?<!\w){re.escape(normalize(node.name))}(?!\w)")
            hit = next(
                (
                    k
                    for k, g in gold.items()
                    if k not in matched and g.accepts(node.type) and any(inside.search(n) for n in g.names)
                ),
                None,
            )
            if hit is not None:
                matched.add(hit)
            else:
                self.wrong.append(node)
        self.missed += [g for k, g in gold.items() if k not in matched]
        self.true += len(matched)
        for node in nodes:
            forms = sorted({normalize(s) for s in node.surfaces} | {normalize(node.name)})
            named = [{k for k, g in gold.items() if f in g.names} for f in forms]
            named = [n for n in named if n]
            for i in range(len(named)):
                for j in range(i + 1, len(named)):
                    self.pairs += 1
                    self.right_pairs += bool(named[i] & named[j])

    def add_names(
        self, gold: dict[str, GoldEntity], nodes: Iterable[Node], optional: Iterable[GoldEntity] = ()
    ) -> None:
        """Score distinct written names with their node's type, for gold without coreference (re3d):
        each name of a node (its name and every surface form) is right when it names a gold entity of
        that type, or is whole words inside one of its names; a name of an entity already found (a
        second reference, an alias the system merged) counts neither way, and so does a name inside an
        ``optional`` span of its type (re3d's descriptions: "ISIL" in "an ISIL tactical unit"); a name of
        no gold entity is wrong. A node's names are the forms the article writes (its surfaces), not a
        preferred name from a list."""
        optional = list(optional)
        forms = {(normalize(f), node.type) for node in nodes for f in (node.surfaces or {node.name})}
        matched: set[str] = set()
        wrong = 0
        for form, kind in sorted(forms, key=lambda p: (-len(p[0]), p)):
            inside = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
            hits = [k for k, g in gold.items() if g.accepts(kind) and form in g.names]
            hits = hits or [k for k, g in gold.items() if g.accepts(kind) and any(inside.search(n) for n in g.names)]
            if not hits and any(g.accepts(kind) and any(inside.search(n) for n in g.names) for g in optional):
                continue
            if not hits:
                wrong += 1
                self.wrong.append(Node(form, kind, frozenset()))
                continue
            free = [k for k in hits if k not in matched]
            if free:
                matched.add(free[0])
        self.true += len(matched)
        self.predicted += len(matched) + wrong
        self.gold += len(gold)
        self.missed += [g for k, g in gold.items() if k not in matched]

    @property
    def precision(self) -> float:
        return self.true / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def merge_precision(self) -> float:
        return self.right_pairs / self.pairs if self.pairs else 1.0
