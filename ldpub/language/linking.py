"""Entity linking over an article's text: authority mentions first, then typed candidates.

:func:`link_text` returns what a record needs (``entities``, ``about``, ``mentions``) and
what :mod:`ldpub.language.claims` needs (every mention with its offsets, so that "X said" can be
attributed to the entity X is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ldpub.entities.authority import Authority, Entity, Mention, SpanIndex, normalize_name, tokenize
from ldpub.language.analysis import Analysis, analyse
from ldpub.language.candidates import Candidate, find_candidates, group_candidates
from ldpub.language.names import find_names, group_names
from ldpub.lexicon.patterns import blank_datelines


@dataclass
class Linking:
    """Entities found in one article: record entries, and every mention with its position."""

    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    about: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    headline: list[Mention] = field(default_factory=list)
    body: list[Mention] = field(default_factory=list)  # offsets into the body text
    extra: list[list[Mention]] = field(default_factory=list)  # per extra text ("Read Also" headlines)
    analysis: Analysis | None = None  # the body's words, parse and sentences (same offsets), when analysed


def link_text(
    headline: str,
    body: str,
    authority: Authority | None = None,
    *,
    extra: list[str] | None = None,
    base: str | None = None,
    statistical: bool = True,
) -> Linking:
    """Find the authority's entities and typed candidates in a headline, a body and ``extra`` texts.

    Entities named in the headline are what the article is ``about``; the others are ``mentions``.
    ``base`` is the record's entity base, so that entries whose IRI is ``{base}entity/{key}``
    need no explicit ``id``. ``statistical=False`` finds unknown names with ldpub's rules
    alone, without the language model (:mod:`ldpub.language.names`) — faster, with less recall.
    """
    authority = authority or Authority.empty()
    texts = [headline, body, *(extra or [])]
    tokens = [tokenize(t) for t in texts]
    found = [authority.find_mentions(t, toks) for t, toks in zip(texts, tokens, strict=True)]
    # The model reads the body (not the headline: title case, and too short to tell), with a
    # dateline ("AMMAN (Levant Wire) —") blanked out: it is no name in a sentence.
    # A headline written in sentence case is read like the body; in title case its capitals say nothing.
    read_headline = statistical and sentence_case(headline)
    wanted = [blank_datelines(body)] if statistical and body.strip() else []
    analyses = analyse(wanted + ([headline] if read_headline else []))
    analysis = analyses[0] if wanted else None
    unknown: list[list[Any]] = []
    for i, (text, toks, taken) in enumerate(zip(texts, tokens, found, strict=True)):
        rules = find_candidates(text, toks, taken) if i or read_headline else []
        if statistical and (i or read_headline):
            model = analysis if i == 1 else analyses[-1] if i == 0 else None
            common = frozenset(t.text for t in tokens[1] if t.text.islower()) if i == 0 else frozenset()
            unknown.append(find_names(text, toks, taken, rules, model, common))
        else:
            unknown.append(rules)
    # A known name inside a candidate's ("Jordan" in "King Abdullah II of Jordan") is part of that name.
    for i, group in enumerate(unknown):
        spans = SpanIndex([(f.start, f.end) for f in group])
        found[i] = [m for m in found[i] if not spans.contains(m.start, m.end)]
    reserved = set(authority.entities)
    everything = [f for group in unknown for f in group]
    candidates = group_names(everything, reserved) if statistical else group_candidates(everything, reserved)
    # A candidate is then found wherever it is written again ("MacFarlane" after "Major General MacFarlane").
    known = Authority({c.key: _candidate_entity(c) for c in candidates})
    for i, (text, toks) in enumerate(zip(texts, tokens, strict=True)):
        occupied = SpanIndex([(m.start, m.end) for m in found[i]])
        # A name without the titles before it (they are the person's jobTitle, not a name).
        again = [m for m in known.find_mentions(text, toks, titles=False) if not occupied.overlaps(m.start, m.end)]
        found[i] = sorted(found[i] + again, key=lambda m: (m.start, m.end))
    linking = Linking(candidates=candidates, headline=found[0], body=found[1], extra=found[2:], analysis=analysis)
    for key, entity in authority.entities.items():
        linking.types[key] = entity.type
    for candidate in candidates:
        linking.types[candidate.key] = candidate.type
    order = [m.key for group in found for m in group]
    for key in dict.fromkeys(order):
        if key in authority.entities:
            linking.entities[key] = authority.entities[key].record_entity(base)
        else:
            linking.entities[key] = known.entities[key].record_entity(base)
            linking.entities[key].pop("id", None)
    for candidate in candidates:  # a place named only inside another name ("Toronto" in "Toronto Star")
        if candidate.inside and candidate.key not in linking.entities:
            linking.entities[candidate.key] = known.entities[candidate.key].record_entity(base)
            linking.entities[candidate.key].pop("id", None)
            order.append(candidate.key)
    linking.about = list(dict.fromkeys(m.key for m in found[0]))
    linking.mentions = [k for k in dict.fromkeys(order) if k not in linking.about]
    return linking


def sentence_case(headline: str) -> bool:
    """A headline of four words or more where most words that are not a sentence's first start in
    lower case ("Pop culture celebrated at Fan Expo Canada in Toronto"), not "Pop Culture Celebrated …"."""
    words: list[str] = re.findall(r"[^\W\d_][\w'’-]*", headline)[1:]
    if len(words) < 3:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower * 2 >= len(words)


def _candidate_entity(candidate: Candidate) -> Entity:
    """A candidate as an entity: its name, and the surface forms and last name it was seen under."""
    spellings = {candidate.name, *(m.surface for m in candidate.mentions)}
    if candidate.type == "Person":
        words = candidate.name.split()
        # A family name alone ("MacFarlane"): only for plain names, not "Abdullah II of Jordan".
        plain = len(normalize_name(candidate.name)) > 1 and all(w[:1].isupper() and w.isalpha() for w in words)
        if plain and len(words[-1]) > 2 and not words[-1].isupper():
            spellings.add(words[-1])
    alternates = tuple(sorted(s for s in spellings if s != candidate.name))
    job_title = candidate.job_title if candidate.type == "Person" else None
    return Entity(
        candidate.key,
        candidate.key,
        candidate.type,
        candidate.name,
        alternates,
        same_as=candidate.same_as,
        job_title=job_title,
        geo=candidate.geo,
    )
