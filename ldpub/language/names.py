"""Names the authority does not know, from the language model and ldpub's rules, typed on evidence.

Spans come from three places: the statistical model's named-entity spans
(:mod:`ldpub.language.analysis`), the candidate rules (:mod:`ldpub.language.candidates`: titles,
organisation and place nouns …) and the list of news outlets (``ldpub/lexicon/outlets.txt``). Where a
rule and the model find the same name, the longer span wins when its extra words are part of a
name ("Deir ez-Zor Local Council" over "Zor Local Council"), else the rule's.

Every mention brings evidence for a type, and one name gets one type from all its mentions
across the article:

- **strong** (it says what the thing is): an outlet on the list; an organisation or place noun as
  the name's head ("… Authority", "… camp"); a transliterated Arabic kind word leading it ("Jaysh",
  "Liwa" → organisation; "Deir", "Tal", "Wadi" → place); a title before a personal name;
- **the model's label**: PERSON, ORG, GPE/LOC/FAC — weaker for PERSON on a name written with an
  Arabic article and no given name ("al-Tanf", "Maghawir al-Thawra"), which small English models
  call people;
- **weak**: a preposition of place before it ("in Hajin", also through "and": "in al-Busayrah and
  Hajin"), a verb of speech after it ("Moreau said").

So a model label never overrides strong evidence, and "Trump" labelled ORG once is still the
person labelled PERSON everywhere else. Second references merge into the first full name: a
person's family name or a shorter tail of the name ("Hamoud", "al-Hamoud" after "Khaled
al-Hamoud") when exactly one person's name ends with it, and transliteration variants
("Jaish al-Sharqiya" for "Jaysh al-Sharqiya"). Precision first: a short form shared by two
people stays apart.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ldpub import lexicon
from ldpub.entities import gazetteer
from ldpub.entities.authority import (
    ORGANIZATION_TYPES,
    TITLES,
    Authority,
    Entity,
    Mention,
    SpanIndex,
    Token,
    _skeleton,
    normalize_name,
    slug,
)
from ldpub.language.analysis import Analysis, Word
from ldpub.language.candidates import (
    MEDIA,
    NATIONALITY,
    ORG_HEADS,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    PLATFORMS,
    SPEECH_VERBS,
    Candidate,
    Found,
)
from ldpub.language.nested import inner_places
from ldpub.lexicon.patterns import PARTY_STATE

STRONG = 100.0
MODEL = 2.0
WEAK_MODEL = 1.0
PLACE_CUE = 1.5
SPEECH_CUE = 1.5  # more than another language's spelling of a town ("Lyons said"), less than the model's ORG

MODEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
# Words that say what a name is when they lead it: "Instituto …", "Jaysh …" (organisations);
# "Deir …", "Wadi …" (places).
LEADING_ORG_WORDS = lexicon.words("organisation_words")
ARABIC_PLACE_WORDS = lexicon.words("place_words")
# Nouns for what a person is or does, written in lower case before a name ("team member Rodaba Noori",
# "foreign minister Ayman Safadi") or after it ("Heald, an atmospheric chemist"): evidence of a person,
# unlike "the group X" or "the site X".
ROLES = lexicon.words("roles")
_ROLE_WORDS = "|".join(sorted(ROLES, key=len, reverse=True))  # longest first
_APPOSITIVE_ROLE = re.compile(
    r",\s+(?:(?:a|an|the|his|her|their|its)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<role>"
    + _ROLE_WORDS
    + r")\b(?=[\s,.])|(?:[a-z][\w-]*\s+){0,2}?(?P<bare>"  # "Khaled Al-Maeena, editor at large at …"
    + _ROLE_WORDS
    + r")\b(?=\s+(?:of|for|at|to|with|in|on)\b|[,.]))"
)
# "Qanbar was a commander in the navy", "Heald is an atmospheric chemist": what the person is.
_COPULA_ROLE = re.compile(
    r"\s+(?:is|was|became|remains|remained)\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<role>"
    + _ROLE_WORDS
    + r")\b(?=[\s,.])"
)
# "Daniel Montalvo, 19,", "Sadiq (14)": an age after a name.
_AGE = re.compile(r"(?:,\s+(?:aged\s+)?\d{1,2},|\s+\(\d{1,2}\))")
# "Hibhib is a village in northern Iraq", "Fenalco is the national retailers' federation": what the thing is.
_COPULA_KIND = re.compile(
    r"(?:\s+\([^()]{0,200}\))?\s+(?:is|was)\s+(?:a|an|the)\s+(?:(?!(?:in|of|at|for|with|on|to)\s)[\w'’-]+\s+){0,3}?(?P<noun>"
    + "|".join(sorted(ORG_HEADS | PLACE_HEADS, key=len, reverse=True))
    + r")(?=[\s,.])(?!\s+of\b)"  # not "X was the center of attention"
)
# Verbs whose subject a place often is ("Mosul lies on the Tigris", "Raqqa fell"): no sign of a person.
_PLACE_VERBS = lexicon.words("place_subject_verbs")
# "Fenalco, the national retailers' federation," / "Hajin, a town on the Euphrates,": what the thing is.
_APPOSITIVE_KIND = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?P<noun>"
    + "|".join(sorted(ORG_HEADS | PLACE_HEADS, key=len, reverse=True))
    + r")(?=[\s,.])(?!\s+(?:"  # not "X, the group said": who said it, not what X is
    + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
    + r")\b)"
)
# "Its chairman, Adewale Bakare, said": a role, then the name set off by commas.
_ROLE_BEFORE = re.compile(
    r"\b(?:" + _ROLE_WORDS + r"|(?i:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")),\s+$"
)
# "Abu Musab al-Zarqawi", "Osama bin Laden": a kunya leading a name, or a patronymic inside it.
_KUNYA = re.compile(r"^(?:Abu|Umm)\s+[A-Z]|\s(?:bin|ibn|bint)\s+[A-Z]")
# "Ziad Khalaf al-Karbouly (Arabic: …; died 4 February 2015)": a life's dates after a name.
_LIFE = re.compile(r"\s*\([^()]{0,200}?\b(?:born|died|b\.|d\.)\s")
# "… told Punch that", "told Prothom Alo on Monday": who is told is, in news copy, mostly an outlet.
_TOLD = re.compile(r"\btold\s+$")
# "the group Ahrar al-Sham", "militants of the Islamic State", "fighters loyal to X": what X is, an organisation.
# "rights group X", "Islamist militia X", "student movement X": any word that says what kind (the
# noun in lower case: not "Wagner Group").
_KINDS_OF_GROUP = r"group|organi[sz]ation|militia|movement|faction|outfit|network"
_GROUP_BEFORE = re.compile(
    r"\b(?:(?:the|a|an|[\w-]+)\s+"
    r"(?-i:" + _KINDS_OF_GROUP + r")|"
    r"(?:militants?|fighters?|members?|supporters?|affiliates?|remnants|ranks|offshoot|wing|branch|leadership)"
    r"\s+(?:of|loyal\s+to|linked\s+to|allied\s+to|affiliated\s+with)(?:\s+the)?)\s+$",
    re.IGNORECASE,
)
# The cue of "rights group X" or "members of X", not of "supporters of X", "the leadership of X" or
# "fighters loyal to X" (a person has them too).
_KIND_BEFORE = re.compile(
    r"\b(?:" + _KINDS_OF_GROUP + r"|"
    r"(?:militants?|fighters?|members?|affiliates?|remnants|offshoot|wing|branch)\s+of(?:\s+the)?)' before it$",
    re.IGNORECASE,
)
# "ISIL fighters", "Daesh militants": the name of a group its members are named by.
_MEMBERS_AFTER = re.compile(
    r"\s+(?P<noun>militants|fighters|jihadists|insurgents|terrorists|rebels|militiamen|gunmen|extremists)\b"
)
GROUP_CUE = 3.0
_MEDIA_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(MEDIA)) + r")\b")
# "the siege of Darayya", "the city of Raqqah", "8 km northwest of Baghdad": a place's name follows.
# "rebel-held Karabilah", "6km from Daquq", "20 miles north of X": what is held, or how far away, is a place.
_HELD_OR_FAR = re.compile(
    r"(?:\b[\w’'-]+-(?:held|controlled)|\d\s*(?:km|kilomet(?:re|er)s?|miles?)\s+(?:\w+\s+)?(?:from|of))"
    r"(?:\s+the)?\s+$",
    re.IGNORECASE,
)
_PLACE_OF = re.compile(
    r"\b(?P<noun>"
    + "|".join(sorted(lexicon.words("place_before_of"), key=len, reverse=True))
    + r")\s+of\s+(?:the\s+)?$"
)
_TOLD_AFTER = re.compile(r"\s+(?:that|on|in|last|this|,)\b|,")
OUTLET_CUE = 1.5

# The last word of a newspaper's or broadcaster's name ("Edmonton Sun", "Deseret News").
OUTLET_WORDS = lexicon.words("outlet_words")
# Lower-case place nouns that make a name with the word before them ("the Jaber border crossing").
FACILITIES = lexicon.words("facilities")
# "al-Tanf", "Maghawir al-Thawra", "Khaled al-Hamoud": small English models call most such names
# people, so that label alone is weak evidence (a second reference, "Hamoud said", is not).
_ARABIC_ARTICLE = re.compile(r"(?i)(?<![^\W\d_])(?:al|el|ad|as|ar|an|at|az|ash|ed|es|ez)[-‐]\w")
_COORDINATION = frozenset({"and", "or", ","})
_NOT_IN_NAMES = frozenset("near in at from outside inside across into to of by for with on after before".split())  # noqa: SIM905
_COMMON = frozenset({"NN", "NNS", "JJ", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB"})  # tags of no name
# Craft are named like people ("Space Shuttle Columbia", "USS Nimitz") but are none of the three kinds.
_CRAFT_WORDS = frozenset("shuttle spacecraft spaceship rocket satellite submarine frigate warship airliner".split())  # noqa: SIM905
_SHIP_PREFIXES = frozenset("USS HMS RMS MV MS SS HMAS HMCS INS".split())  # noqa: SIM905
_CRAFT = re.compile(
    r"\b(?:(?i:" + "|".join(sorted(_CRAFT_WORDS)) + r")|" + "|".join(sorted(_SHIP_PREFIXES)) + r")\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)


def _craft_names(text: str) -> set[str]:
    """The names of the craft ``text`` names by kind ("Space Shuttle Columbia", "USS Nimitz")."""
    return {m.group("name") for m in _CRAFT.finditer(text)}


_SCORE_AFTER = re.compile(r"\s*[-–]\s*\d")
_SCORE = re.compile(r"\d+[-–]\d+")  # "Peru 2-0": a match's score, not part of a name
# A word of letters and digits together ("IE9", "STS-1", "F-16"): a model number or code.
_CODE = re.compile(r"(?=[\w-]*[^\W\d_])(?=[\w-]*\d)[\w]+(?:-[\w]+)*")
_ADJECTIVE = re.compile(r"(?i)(?:" + "|".join(sorted(lexicon.words("adjective_prefixes"))) + r")[-‐]\w")
# "Gawker.com", "Scientology.org": a web address names the site's owner, an organisation.
_WEB_ADDRESS = re.compile(r"[^\W_][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6}")
_TIME_ZONES = frozenset("GMT UTC BST CET CEST EET EEST EST EDT CST CDT MST MDT PST PDT IST JST AST".split())  # noqa: SIM905


@dataclass(frozen=True)
class Evidence:
    """One reason to give a name a type, with its weight."""

    type: str
    weight: float
    cue: str


@dataclass
class _Span:
    start: int
    end: int
    surface: str  # as written, titles included
    name: str  # the name without titles ("Interior Minister Mazen al-Faraya" → "Mazen al-Faraya")
    evidence: list[Evidence] = field(default_factory=list)
    rule: Found | None = None
    title: str | None = None  # titles written before a person's name ("Capt.", "Defense Secretary")
    modifier: bool = False  # an acronym modifying a common noun after it ("a VBIED factory", "IP addresses")
    inside: bool = False  # a place named inside another name ("Toronto" in "Toronto Star"; see nested.py)


@functools.cache
def outlets() -> Authority:
    """The news outlets of the lexicon (``ldpub/lexicon/outlets.txt``), as NewsMediaOrganization entries."""
    return _listed("outlets", "NewsMediaOrganization")


@functools.cache
def organisations() -> Authority:
    """The well-known organisations of the lexicon (``ldpub/lexicon/organisations.txt``), each with its aliases."""
    return _listed("organisations", "Organization")


def _listed(name: str, kind: str) -> Authority:
    entities: dict[str, Entity] = {}
    for names in lexicon.entries(name):
        key = slug(names[0])
        entities[key] = Entity(key, key, kind, names[0], tuple(names[1:]))
    return Authority(entities)


def find_names(
    text: str,
    tokens: list[Token],
    taken: list[Mention],
    rules: list[Found],
    analysis: Analysis | None,
    common: frozenset[str] = frozenset(),
) -> list[_Span]:
    """Every unknown name in ``text``: outlets, rule candidates and model spans, with their evidence.
    ``common`` are words known in lower case besides the text's own (a headline's, from its body)."""
    blocked = SpanIndex([(m.start, m.end) for m in taken])
    spans: list[_Span] = []
    listed = outlets()
    for m in listed.find_mentions(text, tokens):
        if not blocked.overlaps(m.start, m.end):  # named by the list's name: "CBC" and "CBC News" are one
            outlet = Evidence("NewsMediaOrganization", STRONG, "news outlet")
            spans.append(_Span(m.start, m.end, m.surface, listed.entities[m.key].name, [outlet]))
    used = SpanIndex([(s.start, s.end) for s in spans])
    ends = {w.end: w for w in analysis.words} if analysis is not None else {}
    for f in rules:
        if analysis is not None and (not _named_by_rule(f) or _modifies_a_noun(f, ends, analysis)):
            continue
        if not used.overlaps(f.start, f.end):
            spans.append(_Span(f.start, f.end, f.surface, f.name, [_rule_evidence(f)], rule=f))
    spans = _with_listed(text, tokens, blocked, spans)
    if analysis is not None:
        lowercase = {t.text for t in tokens if t.text.islower()} | common
        spans = _with_model(text, spans, _model_spans(text, analysis, blocked, lowercase))
    spans = [t for t in (_trimmed(text, s) for s in spans) if t is not None]
    # "R-S.C.", "R-Ga." (the model's "Ga."): a lawmaker's party and state, no name.
    spans = [s for s in spans if not PARTY_STATE.fullmatch(text[max(0, s.start - 2) : s.end].lstrip("( "))]
    crafts = _craft_names(text)  # "Space Shuttle Columbia" … "Columbia was lost": the craft again
    spans = [s for s in spans if s.name not in crafts or any(e.weight >= STRONG for e in s.evidence)]
    spans.sort(key=lambda s: s.start)
    by_start = {t.start: t for t in tokens}
    by_end = {t.end: t for t in tokens}
    words = {w.start: w for w in analysis.words} if analysis is not None else {}
    for i, span in enumerate(spans):
        span.evidence += _context(text, tokens, by_start, by_end, span)
        span.evidence += _acting_subject(span, words, analysis)
        span.evidence += _country_acting(span, words, analysis)
        span.evidence += _place_object(span, words, analysis)
        span.evidence += _pronoun_after(span, words, analysis)
        span.evidence = _speaking_centre(span, words, analysis)
        if any(e.cue.startswith("organisation noun") for e in span.evidence):
            spans[i] = span = _with_first_conjunct(text, span, spans[i - 1] if i else None)
        # "in al-Busayrah and Hajin": the second name shares the first one's preposition.
        # Not "near Sarmada, Syria, Cook said": a name a verb of speech follows opens a clause of its own.
        if i and _coordinated(text, spans[i - 1], span) and not any(e.cue.startswith("speech") for e in span.evidence):
            span.evidence += [e for e in spans[i - 1].evidence if e.cue.startswith("preposition")]
    return _with_acronyms(text, _with_affiliations(text, tokens, blocked, spans, words))


# "Frederick Fung of ADPL", "Alvin Yeung from the Civic Party": a name right after a person's, joined
# by "of" / "from"; "Demosisto's Nathan Law": a name whose possessive a person's name follows.
_NAME_RUN = r"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z0-9][\w'’&.-]*|of|for|and|&))*"
_OF_AFTER = re.compile(r",?\s+(?:of|from)\s+(?:the\s+)?(?P<name>" + _NAME_RUN + ")")
_POSSESSIVE_BEFORE = re.compile(r"(?:^|(?<=[\s(“\"]))(?P<name>" + _NAME_RUN + r")['’]s\s+$")
# "Facebook co-founder Mark Zuckerberg", "Exxon chief executive Rex Tillerson": whose role it is.
_NAME_BEFORE_ROLE = re.compile(
    r"(?:^|(?<=[\s(“\"]))(?P<name>" + _NAME_RUN + r")\s+(?:[a-z][\w-]*\s+){0,2}?(?:" + _ROLE_WORDS + r")\s+$"
)
_POSSESSIVE_TITLE = re.compile(r"(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+(?=[A-Z])")
AFFILIATION_CUE = 1.5


def _with_affiliations(
    text: str, tokens: list[Token], blocked: SpanIndex, spans: list[_Span], words: dict[int, Word]
) -> list[_Span]:
    """The names a person is said to be of or from, or named by possessive ("DAB's Ben Chan"), as
    organisations (weakly: a place the gazetteer knows, "Lucy Njeri of Nairobi", stays a place); and a
    name found already, written before the role of a person named next ("Facebook creator Mark
    Zuckerberg"), or a run of proper nouns written there, as the organisation the role is in (not
    "Iraqi foreign minister": a nationality is no proper noun)."""
    starts = {s.start: s for s in spans}
    ends = {s.end: s for s in spans}
    lowercase = {t.text.casefold() for t in tokens if t.text.islower()}
    out = list(spans)
    index = SpanIndex([(s.start, s.end) for s in spans])
    people = {s.name for s in spans if _said_person(s)}
    for span in spans:
        if not _said_person(span):
            continue
        places: list[tuple[int, int, str]] = []
        after = _OF_AFTER.match(text, span.end)
        if after:
            places.append((after.start("name"), after.end("name"), "of/from after a person's name"))
        before = _POSSESSIVE_BEFORE.search(text, max(0, span.start - 60), span.start)
        if before:
            places.append((before.start("name"), before.end("name"), "a possessive before a person's name"))
        title = span.title or (span.rule.title if span.rule is not None else None)
        lead = _POSSESSIVE_TITLE.match(span.surface) if title and span.surface.startswith(title) else None
        if lead:  # "Labour's Shadow Home Secretary Yvette Cooper": whose the title is
            places.append((span.start, span.start + lead.end("name"), "a possessive before a person's title"))
        role = _NAME_BEFORE_ROLE.search(text, max(0, span.start - 80), span.start)
        # Not "Trump critic Mark Cuban", "Clinton aide Huma Abedin": a role can be a person's too.
        if (
            role
            and _proper_nouns(text, role.start("name"), role.end("name"), words)
            and not _a_persons(role.group("name"), people)
        ):
            places.append((role.start("name"), role.end("name"), "a name before a person's role"))
        for start, end, cue in places:
            name = re.sub(r"(?:\s+(?:of|for|and|&))+$", "", text[start:end])
            end = start + len(name)
            evidence = Evidence("Organization", AFFILIATION_CUE, cue)
            there = starts.get(start) or ends.get(end)
            if there is not None and there is not span:
                if not _said_person(there):  # "Eunice Yung of New People's Party", not "X of Ben Chan"
                    there.evidence.append(evidence)
            elif (
                len(name) > 1
                and (not index.overlaps(start, end) or span.start <= start < end <= span.end)
                and not blocked.overlaps(start, end)
                and not _common_word(name, lowercase)
            ):
                out.append(_Span(start, end, name, name, [evidence, *_gazetteer_of(name)]))
                index = SpanIndex([(s.start, s.end) for s in out])
    out.sort(key=lambda s: s.start)
    return out


def _a_persons(name: str, people: set[str]) -> bool:
    """``name`` is the name, or the family name, of a person named in the text."""
    return any(p == name or p.endswith(" " + name) for p in people)


def _proper_nouns(text: str, start: int, end: int, words: dict[int, Word]) -> bool:
    """Every word of ``text[start:end]`` is one the parse tags a proper noun, and none is an adjective
    made with a hyphen ("Jordanian-born", "U.S.-backed", which the parse may tag NNP)."""
    at = list(re.finditer(r"\S+", text[start:end]))
    return bool(at) and all(
        (w := words.get(start + m.start())) is not None and w.proper and not re.search(r"[-‐][a-z]", m.group(0))
        for m in at
    )


def _said_person(span: _Span) -> bool:
    """A span something other than a verb of speech says is a person's name (the model, a title, a role)."""
    return any(e.type == "Person" and e.weight >= MODEL for e in span.evidence) and not any(
        e.type != "Person" and e.weight >= STRONG for e in span.evidence
    )


def _common_word(name: str, lowercase: set[str]) -> bool:
    """A name of one word the text also writes in lower case ("It", "Architectural")."""
    words = name.split()
    return len(words) == 1 and words[0].casefold() in lowercase


def _gazetteer_of(name: str) -> list[Evidence]:
    place = gazetteer.lookup(name)
    return [Evidence("Place", place.weight, f"gazetteer: {place.kind} {place.name!r}")] if place else []


# "Islamic State (IS)", "the Iraqi Security Forces (ISF)": an acronym in brackets right after a name.
_ACRONYM = re.compile(r"\(\s*(?:the\s+)?(?P<acronym>[A-Z][A-Za-z&.-]{0,3}[A-Z][A-Za-z&.-]{0,5})\s*\)")
_LONG_NAME_WORD = re.compile(r"[A-Z][\w'’-]*|of|the|for|and|in|on|de|al|el|du|des|la|le")


def _with_acronyms(text: str, spans: list[_Span]) -> list[_Span]:
    """Spans with every acronym a "Long Name (ACR)" defines named as its long form, wherever it is written.

    The long form is the shortest run of name words before the brackets whose capitals spell the
    acronym ("the Islamic State in the Greater Sahara (ISGS)"), one span even where the model saw two."""
    aliases: dict[str, _Span] = {}
    out = list(spans)
    for m in _ACRONYM.finditer(text):
        acronym = m.group("acronym").replace(".", "")
        long = _long_form(text, m.start(), acronym, out)
        if long is None:
            continue
        out = [s for s in out if not (long.start <= s.start and s.end <= long.end)] + [long]
        aliases.setdefault(acronym, long)
        if not any(s.start == m.start("acronym") for s in out):  # the acronym in the brackets itself
            out.append(_Span(m.start("acronym"), m.end("acronym"), m.group("acronym"), acronym, []))
    out = _with_bare_acronyms(text, out)
    out.sort(key=lambda s: s.start)
    for span in out:
        long = aliases.get(span.name.replace(".", ""))
        if long is not None and long is not span:
            span.name = long.name
            span.evidence = span.evidence + [e for e in long.evidence if e.type != "Person"]
    return out


_BARE_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _with_bare_acronyms(text: str, spans: list[_Span]) -> list[_Span]:
    """ "Christian News Service reported … CNS reported": an acronym written bare, that no span holds,
    after the one organisation's name of two words or more whose capitals spell it, is that name."""
    taken = SpanIndex([(s.start, s.end) for s in spans])
    out = list(spans)
    for m in _BARE_ACRONYM.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        spelt = [
            s
            for s in spans
            if s.end <= m.start()
            and _spelt(s.name) == m.group(0)
            and any(e.type not in ("Person", "Place") for e in s.evidence)
        ]
        if len({s.name for s in spelt}) == 1:
            evidence = [e for e in spelt[0].evidence if e.type not in ("Person", "Place")]
            out.append(_Span(m.start(), m.end(), m.group(0), spelt[0].name, evidence))
    return out


def _spelt(name: str) -> str:
    """The capitals that open the words of a name of two words or more ("Christian News Service" → "CNS")."""
    words = [w for w in name.split() if w.casefold() not in ("of", "the", "and", "for", "on")]
    return "".join(w[0] for w in words if w[:1].isupper()) if len(words) > 1 else ""


def _long_form(text: str, bracket: int, acronym: str, spans: list[_Span]) -> _Span | None:
    """The name before ``bracket`` that ``acronym`` abbreviates, with the evidence of the spans inside it."""
    before = text[max(0, text.rfind("\n", 0, bracket) + 1, bracket - 120) : bracket]
    words = list(re.finditer(r"\S+", before))
    letters = [c for c in acronym if c.isupper()]
    for first in range(len(words) - 1, -1, -1):
        if not _LONG_NAME_WORD.fullmatch(words[first].group(0)):
            return None  # the run of name words ends here
        run = [w.group(0) for w in words[first:]]
        if not run[0][:1].isupper():
            continue  # "… in the Greater Sahara": a name starts with a capital
        capitals = [w[0] for w in run if w[:1].isupper()]
        if capitals == letters:
            start = bracket - len(before) + words[first].start()
            end = bracket - len(before) + words[-1].end()
            inside = [s for s in spans if start <= s.start and s.end <= end]
            if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end):
                return inside[0]
            evidence = [e for s in inside for e in s.evidence if e.type != "Person"]
            evidence = evidence or [Evidence("Organization", WEAK_MODEL, f"the name of the acronym {acronym!r}")]
            return _Span(start, end, text[start:end], text[start:end], evidence)
        if len(capitals) > len(letters):
            return None
    return None


def _with_listed(text: str, tokens: list[Token], blocked: SpanIndex, spans: list[_Span]) -> list[_Span]:
    """The lexicon's well-known organisations, named by their preferred name ("ISIL", "Daesh" → "Islamic
    State"), unless a longer name holds them ("al-Qaeda headquarters" is a place)."""
    listed = organisations()
    out = list(spans)
    for m in listed.find_mentions(text, tokens):
        if blocked.overlaps(m.start, m.end):
            continue
        known = Evidence("Organization", STRONG, "listed organisation")
        overlapping = [s for s in out if s.start < m.end and m.start < s.end]
        if not overlapping:
            out.append(_Span(m.start, m.end, m.surface, listed.entities[m.key].name, [known]))
        elif len(overlapping) == 1 and (overlapping[0].start, overlapping[0].end) == (m.start, m.end):
            overlapping[0].name = listed.entities[m.key].name
            overlapping[0].evidence.append(known)
    return out


# A word that ends a span but begins what follows it: a caption's "Image: credit", or a new sentence
# after an abbreviation ("in Washington D.C. The team …").
_SPILL = re.compile(
    r"(?:(?<=\.)\s+(?:The|A|An|In|On|At|It|He|She|They|We|This|That|But|And)|\s+(?:Image|Photo|Picture|Credit|Video))$"
)


def _trimmed(text: str, span: _Span) -> _Span | None:
    """The span without a spilled last word (see _SPILL); None when nothing of a name is left."""
    spill = _SPILL.search(span.surface)
    if spill is None or (
        spill.group(0).split()[-1] in ("Image", "Photo", "Picture", "Credit", "Video")
        and text[span.end : span.end + 1] != ":"
    ):
        return span
    end = span.start + spill.start()
    surface = text[span.start : end]
    if not any(c.isalpha() for c in surface):
        return None
    name = surface if span.name == span.surface else _SPILL.sub("", span.name)
    return _Span(span.start, end, surface, name, span.evidence, span.rule)


def _named_by_rule(found: Found) -> bool:
    """With the model at hand, a rule's name ending in a lower-case noun stands only where the model
    cannot see a name: after a nationality ("Jordanian intelligence"), an Arabic name ("al-Rukban
    camp", which models take for a person) or a number ("the 55 km zone"). "U.S. border", "Google
    headquarters", "Beijing district" are a name and a noun: the model's name is the entity."""
    words = found.surface.split()
    if not words[-1].islower() or words[-1] in FACILITIES:
        return True  # "the Jaber border crossing", "the Tanf base": a named facility
    first = words[0]
    return (
        bool(NATIONALITY.match(first))
        or first[:1].isdigit()
        or bool(re.match(r"(?i)(?:al|el|an|ar|as|ash|at|ad|az)-", first))
    )


def _modifies_a_noun(found: Found, ends: dict[int, Word], analysis: Analysis) -> bool:
    """ "American service member", "Australian school children": a rule's name ending in a lower-case
    noun that modifies the noun after it is part of a longer common noun phrase, not a name."""
    last = ends.get(found.end)
    if not NATIONALITY.match(found.surface.split()[0]):
        return False  # "Rukban camp residents": an Arabic name the model does not see, with its noun
    if last is None or not last.text.islower() or last.dep != "compound" or last.head <= last.index:
        return False
    return analysis.words[last.head].tag in ("NN", "NNS")


def _rule_evidence(found: Found) -> Evidence:
    strong = found.cue.startswith(("organisation noun", "place noun", "the number", "'")) or (
        found.cue.startswith("title") and " of " not in found.name
    )
    if strong:
        return Evidence(found.type, STRONG, found.cue)
    if found.cue.startswith("title"):
        return Evidence(found.type, PLACE_CUE, found.cue)
    return Evidence(found.type, PLACE_CUE if found.type == "Place" else SPEECH_CUE, found.cue)


def _model_spans(text: str, analysis: Analysis, blocked: SpanIndex, lowercase: set[str]) -> list[_Span]:
    out = []
    for name in analysis.names:
        kind = MODEL_TYPES.get(name.label)
        if kind is None:
            continue
        words = list(analysis.words[name.first : name.last + 1])
        # Not part of the name: "the", a possessive, a descriptor before a person ("Nonpartisan Paul Tse").
        while words and (
            words[0].tag in ("DT", "PRP$", "POS", "IN", "CC")
            or not _capital(words[0].text)
            or words[0].text.casefold() in _NOT_IN_NAMES
        ):
            words.pop(0)  # "Near Palmyra": a preposition capitalised at a sentence's start
        while words and (
            words[-1].tag in ("POS", "IN", "CC", "DT")
            or not any(c.isalnum() for c in words[-1].text)
            or _SCORE.fullmatch(words[-1].text)
        ):
            words.pop()  # "Stanley Ho of", "Peru 2-0": a preposition or a score the model took in
        while len(words) > 2 and words[-1].tag == "CD" and words[-2].text in ("-", "–") and words[-3].tag == "CD":
            del words[-3:]  # "Peru 2 - 0" as the model's words
        if len(words) > 1 and words[-1].tag == "CD" and _SCORE_AFTER.match(text, words[-1].end):
            words.pop()  # "Sweden 1 – 0 Korea": the score's first number
        if kind == "Person":
            while len(words) > 1 and not words[0].proper and words[0].text.casefold() not in TITLES:
                words.pop(0)
        if not words:
            continue
        start, end = words[0].start, words[-1].end
        article = re.search(r"(?i)(?<![^\W\d_])(?:al|el)[-‐]$", text[max(0, start - 3) : start])
        if article:  # "al-Busayrah": the model sometimes leaves the article out
            start -= len(article.group(0))
        if kind == "Organization":  # "the Committee for a Responsible Federal Budget": the model took the tail
            start = _with_org_lead(text, start)
        surface = text[start:end]
        if "\n" in surface or blocked.overlaps(start, end) or not any(c.isalpha() for c in surface):
            continue
        if len(words) == 1 and (surface.casefold() in lowercase or surface.isdigit() or words[0].tag in _COMMON):
            continue  # a common word capitalised ("Volunteers", "Government", "Questions")
        if surface in _TIME_ZONES:
            continue
        if any(w.text.casefold() in _CRAFT_WORDS for w in words) or (
            len(words) > 1 and words[0].text in _SHIP_PREFIXES
        ):
            continue  # a craft (a shuttle, a ship), not a person, organisation or place
        if kind != "Organization" and any(_CODE.fullmatch(w.text) for w in words) and not gazetteer.lookup(surface):
            continue  # "IE9", "STS-1": a product's or a mission's code, which people and places are not named by
        if _ADJECTIVE.match(surface):
            continue  # "Pro-Beijing", "Anti-Assad": an adjective
        kind, cue = _model_kind(name.label, kind, surface)
        weight = MODEL
        if kind == "Person" and _ARABIC_ARTICLE.search(surface):
            weight = WEAK_MODEL
        evidence = [Evidence(kind, weight, cue)]
        titles = _titles(words) if kind == "Person" else 0
        if titles == len(words):
            continue  # "Capt", "Brig", "President": a title the model took for a name
        if titles:  # "Navy Capt. Jeff Davis": the name is Jeff Davis, the rest his jobTitle
            title = text[start : words[titles - 1].end]
            evidence.append(_title_evidence(title))
            out.append(_Span(start, end, surface, text[words[titles].start : end], evidence, title=title))
            continue
        if kind == "Person":  # "Navy Capt. Leon Marsh" where the model saw Leon Marsh: the titles before
            before = _titles_before(text, words[0])
            if before:
                evidence.append(_title_evidence(before))
            out.append(_Span(start, end, surface, surface, evidence, title=before))
            continue
        if len(words) == 1 and surface.isupper() and kind == "Organization":
            head = analysis.words[words[0].head]
            modifier = words[0].dep == "compound" and head.index > words[0].index and head.tag in ("NN", "NNS")
            out.append(_Span(start, end, surface, surface, evidence, modifier=modifier and head.text.islower()))
            continue
        out += (
            _listed_names(start, surface, evidence)
            if kind != "Person"
            else [_Span(start, end, surface, surface, evidence)]
        )
    return out


def _with_org_lead(text: str, start: int) -> int:
    """Where an organisation's name the model saw from ``start`` begins, with the noun and preposition
    the model left out before it ("Committee for a" Responsible Federal Budget)."""
    lead = _ORG_HEAD_FOR.search(text, max(0, start - 60), start)
    return lead.start("lead") if lead is not None and lead.group("head").casefold() in ORG_HEADS else start


def _model_kind(label: str, kind: str, surface: str) -> tuple[str, str]:
    """The type the model's ``label`` gives ``surface``, and the cue: not a place for an acronym in
    dotted capitals the gazetteer does not know ("the I.R.S.", an agency; "U.S." it knows)."""
    cue = f"language model: {label}"
    if kind == "Place" and _DOTTED_ACRONYM.fullmatch(surface) and not gazetteer.lookup(surface):
        return "Organization", cue + ", a dotted acronym no gazetteer knows"
    return kind, cue


def _title_evidence(title: str) -> Evidence:
    """A title written before a name the model calls a person ("Gov.", "Mr.", "Sen."): a person's,
    whatever the model says of the name's other mentions ("McAuliffe" alone taken for a place)."""
    return Evidence("Person", STRONG, f"title {title!r}")


# "Committee for a", "Campaign for the", "Council on": an organisation's noun, capitalised, and the
# preposition joining it to the rest of its name.
_ORG_HEAD_FOR = re.compile(
    r"(?<![\w.])(?P<lead>(?!(?:The|A|An)\s)(?:[A-Z][\w'’-]*\s+){0,2}(?P<head>[A-Z][a-z]+)\s+(?:for|on|to)\s+(?:(?:a|an|the)\s+)?)$"
)


def _listed_names(start: int, surface: str, evidence: list[Evidence]) -> list[_Span]:
    """A model span that runs over a comma into another name ("the Iraqi Armed Forces, Popular
    Mobilization Forces") as the names of the list, each with the span's evidence."""
    parts = list(re.finditer(r"[^,]+", surface))
    if len(parts) < 2 or not all(p.group(0).strip()[:1].isupper() for p in parts):
        return [_Span(start, start + len(surface), surface, surface, evidence)]
    out = []
    for part in parts:
        at = part.start() + len(part.group(0)) - len(part.group(0).lstrip())
        name = part.group(0).strip()
        out.append(_Span(start + at, start + at + len(name), name, name, list(evidence)))
    return out


def _titles(words: list[Any]) -> int:
    """How many leading words of a person's name are titles and what precedes them ("Navy Capt.", "US
    Defense Secretary", "Staff Sgt."): up to the last title word, all of the words when they are all titles."""
    texts = [w.text for w in words]
    if all(_title_word(t) or not t.strip(".") for t in texts):
        return len(words)
    last = max((i + 1 for i, t in enumerate(texts[:-1]) if _title_word(t)), default=0)
    if last and (re.search(r"['’]s$", texts[last - 1]) or not any(c.isalpha() for t in texts[last:] for c in t)):
        return 0  # "Prime Minister's Questions": what the title holder has, not a name
    return last


def _titles_before(text: str, first: Word) -> str | None:
    """The titles written right before a name ("Navy Capt.", "Staff Sgt."): capitalised words up to
    the name that end with a title word; None when there are none."""
    run = _CAPITALS_BEFORE.search(text, max(0, first.start - 60), first.start)
    if run is None:
        return None
    words = run.group(0).split()
    while words and words[0].casefold() in _NOT_IN_NAMES | {"the", "a", "an"}:
        words.pop(0)
    if not words or not _title_word(words[-1]):
        return None  # "Syria Leon Marsh": capitalised words, no title next to the name
    return " ".join(words)


_DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){3,}")
_CAPITALS_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z][\w'’-]*\.? )+$")


def _title_word(word: str) -> bool:
    return word[:1].isupper() and word.rstrip(".").casefold() in TITLES


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _with_model(text: str, spans: list[_Span], model: list[_Span]) -> list[_Span]:
    """Rule and outlet spans, and the model's: one span per name where they overlap."""
    # A rule span holding two model names glued them ("Eunice Yung of New People's Party"): the model's win.
    inside = [[m for m in model if s.start <= m.start and m.end <= s.end] for s in spans]
    out = [
        s
        for s, names in zip(spans, inside, strict=True)
        if s.rule is None or len(names) < 2 or s.rule.cue.startswith("title")  # "King Abdullah II of Jordan"
    ]
    index = SpanIndex([(s.start, s.end) for s in out])
    for m in model:
        if not index.overlaps(m.start, m.end):
            out.append(m)
            continue
        for i, s in enumerate(out):
            if s.end <= m.start or s.start >= m.end or s.rule is None:
                continue
            within = s.start <= m.start and m.end <= s.end and (m.start, m.end) != (s.start, s.end)
            facility = s.surface.split()[-1] in FACILITIES
            if facility and s.surface.split()[-1] == "headquarters" and m.evidence[0].type != "Person":
                facility = bool(
                    _ARABIC_ARTICLE.match(s.surface)
                )  # "Google headquarters" is Google's; "al-Qaeda headquarters" a place
            extra = text[s.start : m.start] + " " + text[m.end : s.end]
            if within and m.evidence[0].type != "Person" and not facility and _common_words(extra):
                # "Google headquarters", "U.S. border": the name is the model's; the rule only added a noun.
                out[i] = m
                break
            if m.start <= s.start and s.end <= m.end and (m.start, m.end) != (s.start, s.end):
                extra = text[m.start : s.start] + " " + text[s.end : m.end]
                joined = m.evidence[0].type == "Organization"  # "Bogotá Water and Sewerage Company"
                lead = _ORG_HEAD_FOR.fullmatch(text, m.start, s.start) if s.end == m.end else None
                if _name_words(extra, joined) or (joined and lead):  # the model's span is the whole name
                    name = text[m.start : s.start] + s.name if s.name != text[s.start : s.end] else m.name
                    out[i] = _Span(m.start, m.end, text[m.start : m.end], name, s.evidence + m.evidence, s.rule)
                    break
            out[i].evidence += m.evidence
            break
    return out


def _common_words(text: str) -> bool:
    """Only lower-case words (and a possessive): a noun phrase around a name, not part of it."""
    words = re.findall(r"[^\W_]+", text)
    return bool(words) and all(w.islower() for w in words)


def _name_words(text: str, joined: bool = False) -> bool:
    """Only capitalised words, Arabic articles and "of" (and "and", in an organisation's ``joined``
    name): words a name is made of."""
    words = re.findall(r"[^\W_]+", text)
    allowed = ("al", "el", "ez", "ed", "es", "of", "and") if joined else ("al", "el", "ez", "ed", "es", "of")
    return bool(words) and all(_capital(w) or w.casefold() in allowed for w in words)


def _context(
    text: str, tokens: list[Token], by_start: dict[int, Token], by_end: dict[int, Token], span: _Span
) -> list[Evidence]:
    """What the name itself, the words before it and the words after it say it is."""
    norm = normalize_name(span.name)
    words = re.findall(r"[^\W_]+", span.name.casefold())
    if not norm or not words:
        return []
    return (
        _own_words(span, norm, words)
        + _words_before(text, tokens, by_start, span, len(norm))
        + _words_after(text, tokens, by_end, span)
        + _gazetteer(span)
    )


def _own_words(span: _Span, norm: tuple[str, ...], words: list[str]) -> list[Evidence]:
    """The name's head noun ("… Authority", "… camp"), an outlet's last word, a leading kind word."""
    out: list[Evidence] = []
    joint = next((i for i, w in enumerate(words) if w in ("of", "for") and i > 0), None)
    head = words[:joint][-1:] if joint is not None else words[-1:]
    if head and head[0] in ("center", "centre") and joint is not None and words[joint] == "for":
        head = ["institute"]  # "Centre for Strategic Studies" is an organisation, "Johnson Space Center" a place
    if len(words) > 1 and (words[-1] in ORG_HEADS or (head and head[0] in ORG_HEADS)):
        noun = words[-1] if words[-1] in ORG_HEADS else head[0]
        out.append(Evidence("Organization", STRONG, f"organisation noun {noun!r}"))
    elif len(words) > 1 and head and head[0] in PLACE_HEADS:
        out.append(Evidence("Place", STRONG, f"place noun {head[0]!r}"))
    if len(norm) > 1 and span.name.split()[-1] in OUTLET_WORDS:
        out.append(Evidence("NewsMediaOrganization", STRONG, f"outlet name {span.name.split()[-1]!r}"))
    if _WEB_ADDRESS.fullmatch(span.name):
        out.append(Evidence("Organization", STRONG, "a web address"))
    if len(norm) > 1 and words[0] in LEADING_ORG_WORDS:
        out.append(Evidence("Organization", STRONG, f"organisation word {words[0]!r}"))
    elif len(norm) > 1 and words[0] in ARABIC_PLACE_WORDS:
        out.append(Evidence("Place", STRONG, f"Arabic word {words[0]!r}"))
    return out


def _words_before(
    text: str, tokens: list[Token], by_start: dict[int, Token], span: _Span, length: int
) -> list[Evidence]:
    """ "in Hajin", "campaigner Caitlin Boswell", "Its chairman, Adewale Bakare,", "the group X",
    "militants of X", "told Punch that"."""
    out: list[Evidence] = []
    first = by_start.get(span.start)
    if first is not None and first.index > 0:
        at = first.index - 1
        while at > 0 and tokens[at].text.casefold() == "the":
            at -= 1
        before = tokens[at]
        line_start = "\n" in text[before.end : span.start] or text[: span.start].rstrip()[-1:] in ".!?\n"
        # "at Smith's house", "in Bruce Wayne's manor": a possessive is no place
        possessive = bool(re.match(r"['’]s\b", text[span.end : span.end + 3]) or re.search(r"['’]s$", span.surface))
        if before.text.casefold() in PLACE_PREPOSITIONS and not line_start and not possessive:
            out.append(Evidence("Place", PLACE_CUE, f"preposition {before.text.casefold()!r}"))
        elif before.text in ROLES and text[before.end : span.start] == " ":
            # "campaigner Caitlin Boswell"; one word is less sure: "iPhone producer Apple".
            out.append(Evidence("Person", STRONG if length > 1 else PLACE_CUE, f"role {before.text!r}"))
    before_text = text[max(0, span.start - 40) : span.start]
    if _ROLE_BEFORE.search(before_text) and text[span.end : span.end + 1] in (",", ".", ";"):
        out.append(Evidence("Person", STRONG, "a role before it"))
    place_of = _PLACE_OF.search(before_text)
    if place_of:
        out.append(Evidence("Place", PLACE_CUE, f"{place_of.group('noun')!r} of"))
    held = _HELD_OR_FAR.search(before_text)
    if held:
        out.append(Evidence("Place", PLACE_CUE, f"{held.group(0).strip()!r} before it"))
    group = _GROUP_BEFORE.search(before_text)
    if group:
        out.append(Evidence("Organization", GROUP_CUE, f"{group.group(0).strip()!r} before it"))
    if _TOLD.search(before_text) and _TOLD_AFTER.match(text, span.end):
        out.append(Evidence("NewsMediaOrganization", OUTLET_CUE, "told (an outlet)"))
    return out


def _words_after(text: str, tokens: list[Token], by_end: dict[int, Token], span: _Span) -> list[Evidence]:
    """ "Boswell, a campaigner", "Fenalco, the retailers' federation,", "X fighters", "Moreau said"."""
    out: list[Evidence] = []
    role = _APPOSITIVE_ROLE.match(text, span.end) or _COPULA_ROLE.match(text, span.end)
    kind = _APPOSITIVE_KIND.match(text, span.end)
    copula = _COPULA_KIND.match(text, span.end)
    if role:
        noun = role.group("role") or role.group("bare")
        out.append(Evidence("Person", STRONG, f"role {noun!r}"))  # "Boswell, a campaigner for"
    elif _AGE.match(text, span.end) and not span.name.isupper():
        out.append(Evidence("Person", STRONG, "an age after it"))
    elif _LIFE.match(text, span.end):
        out.append(Evidence("Person", STRONG, "a life's dates after it"))
    elif kind:
        noun = kind.group("noun")
        out.append(Evidence("Organization" if noun in ORG_HEADS else "Place", STRONG, f"appositive {noun!r}"))
    elif copula:  # "Hibhib is a village": weaker, as a sentence can say it of anything ("was the centre of …")
        noun = copula.group("noun")
        out.append(Evidence("Organization" if noun in ORG_HEADS else "Place", GROUP_CUE, f"is a {noun!r}"))
    if _KUNYA.search(span.name) and not gazetteer.lookup(span.name):  # not "Abu Dhabi"
        out.append(Evidence("Person", GROUP_CUE, "a kunya or patronymic"))
    if span.name in PLATFORMS and not _MEDIA_AFTER.match(text, span.end):
        # "Twitter offered her a job": the company, whatever the model says; not "their Telegram channel"
        out.append(Evidence("Organization", STRONG, "a platform's company"))
    members = _MEMBERS_AFTER.match(text, span.end)
    if members:
        out.append(Evidence("Organization", GROUP_CUE, f"{members.group('noun')!r} after it"))
    last = by_end.get(span.end)
    if last is not None and last.index + 1 < len(tokens) and tokens[last.index + 1].text in SPEECH_VERBS:
        out.append(Evidence("Person", SPEECH_CUE, f"speech verb {tokens[last.index + 1].text!r}"))
    return out


SUBJECT_CUE = 2.5


def _span_words(span: _Span, words: dict[int, Word]) -> range | None:
    """The indices of the analysis's words that ``span`` covers (None when its first word is unknown)."""
    first = words.get(span.start)
    return None if first is None else range(first.index, first.index + len(span.surface.split()))


def _acts(verb: Word) -> bool:
    """An active verb of doing or saying: not a copula, not one that places take ("lies", "borders")."""
    return verb.tag.startswith("VB") and verb.text.casefold() not in _PLACE_VERBS and not _copula(verb)


def _acting_subject(span: _Span, words: dict[int, Word], analysis: Analysis | None) -> list[Evidence]:
    """A name the model calls a place (GPE) that the gazetteer does not know, yet which is the subject
    of an active verb ("Karim and Sadiq met", "Sadiq beamed"): small models take unfamiliar given names
    for places, and places seldom act (not "Sinjar has been liberated", "Mosul lies on the Tigris")."""
    if analysis is None or not any(e.cue == "language model: GPE" for e in span.evidence):
        return []
    if any(e.type != "Person" and e.weight > MODEL for e in span.evidence) or gazetteer.lookup(span.name):
        return []
    inside = _span_words(span, words)
    verb = next((v for v in _verbs_of(inside, analysis) if _acts(v)), None) if inside is not None else None
    return [] if verb is None else [Evidence("Person", SUBJECT_CUE, f"subject of {verb.text!r}")]


def _verbs_of(inside: range, analysis: Analysis) -> Iterator[Word]:
    """The verbs a word of the span is the subject of, outside the span, in the span's order."""
    for i in inside:
        word = analysis.words[i]
        if word.dep == "nsubj" and word.head not in inside:
            yield analysis.words[word.head]


_CENTRE_NOUNS = ("place noun 'center'", "place noun 'centre'")


def _speaking_centre(span: _Span, words: dict[int, Word], analysis: Analysis | None) -> list[Evidence]:
    """The span's evidence, where a "center" speaks ("The Tax Policy Center says", "the Pew Research
    Center estimated"), with an organisation's instead of the place noun's: a venue does not speak."""
    noun = [e for e in span.evidence if e.type == "Place" and e.cue in _CENTRE_NOUNS]
    inside = _span_words(span, words) if noun and analysis is not None else None
    if analysis is None or inside is None:
        return span.evidence
    verb = next((v.text for v in _verbs_of(inside, analysis) if v.text in SPEECH_VERBS), None)
    if verb is None:
        return span.evidence
    kept = [e for e in span.evidence if e not in noun]
    return [*kept, Evidence("Organization", STRONG, f"a centre that speaks: {verb!r}")]


PRONOUN_CUE = 2.0


def _pronoun_after(span: _Span, words: dict[int, Word], analysis: Analysis | None) -> list[Evidence]:
    """A name the model calls a place or an organisation that is its sentence's only subject with a
    name, when the next sentence's first subject is "he" or "she" ("DuVernay spoke on Monday. She
    said …"): a person, unless the gazetteer knows a place of note by the name ("Moscow")."""
    if analysis is None or not any(e.cue in _NOT_PERSON_LABELS for e in span.evidence):
        return []
    inside = _span_words(span, words)
    if inside is None or any(e.type != "Person" and e.weight > MODEL for e in span.evidence):
        return []
    subject = next((analysis.words[i] for i in inside if analysis.words[i].dep == "nsubj"), None)
    if subject is None or subject.head in inside or subject.sentence + 1 >= len(analysis.sentences):
        return []
    first, end = analysis.sentences[subject.sentence]
    if any(w.dep == "nsubj" and w.proper and w.index not in inside for w in analysis.words[first:end]):
        return []  # another name is a subject there too: whom the pronoun means is unclear
    first, end = analysis.sentences[subject.sentence + 1]
    pronoun = next((w for w in analysis.words[first:end] if w.dep == "nsubj"), None)
    if pronoun is None or pronoun.text.casefold() not in ("he", "she"):
        return []
    place = gazetteer.lookup(span.name)
    if place is not None and place.weight >= 2.5:
        return []
    return [Evidence("Person", PRONOUN_CUE, f"{pronoun.text!r} after it")]


_NOT_PERSON_LABELS = frozenset({"language model: GPE", "language model: LOC", "language model: ORG"})


COUNTRY_ACTING = 10.0


def _country_acting(span: _Span, words: dict[int, Word], analysis: Analysis | None) -> list[Evidence]:
    """ "Sweden defeated South Korea", "North Korea said": a country that acts, the subject of an active
    verb, stands for its government or its team, an organisation (ACE's and re3d's convention); in
    most of an article's mentions it outweighs the country's place."""
    if analysis is None or not any(e.cue.startswith("gazetteer: country") for e in span.evidence):
        return []
    inside = _span_words(span, words)
    if inside is None:
        return []
    for i in inside:
        word = analysis.words[i]
        if word.dep == "nsubj" and word.head not in inside:
            verb = analysis.words[word.head]
            if verb.text.casefold() in MATCH_VERBS and _countries_meet(analysis, verb, i):  # its team, all through
                return [Evidence("Organization", STRONG, f"a country played: {verb.text!r}")]
            if _acts(verb):
                return [Evidence("Organization", COUNTRY_ACTING, f"a country acting: {verb.text!r}")]
        if word.head in inside:
            continue
        head = analysis.words[word.head]
        if word.dep == "pobj" and head.text.casefold() in ("to", "against", "with"):
            head = analysis.words[head.head]  # "lost 1–2 to England", "drew with Peru"
        elif word.dep != "dobj":
            continue
        if head.text.casefold() in MATCH_VERBS and _countries_meet(analysis, head, i):
            return [Evidence("Organization", STRONG, f"a country played: {head.text!r}")]
    return []


def _countries_meet(analysis: Analysis, verb: Word, side: int) -> bool:
    """Another country is a side of ``verb``, its subject or object ("Sweden defeated South Korea",
    "Tunisia lost to England"): a match between two countries' teams, not "Iraq faced a crisis"."""
    first, end = analysis.sentences[verb.sentence]
    for word in analysis.words[first:end]:
        if word.index == side or word.dep not in ("nsubj", "dobj", "pobj"):
            continue
        head = analysis.words[word.head]
        if word.head != verb.index and not (
            head.head == verb.index and head.text.casefold() in ("to", "against", "with")
        ):
            continue
        name = " ".join(w.text for w in analysis.words[first:end] if w.head == word.index and w.dep == "compound")
        place = gazetteer.lookup(f"{name} {word.text}".strip()) or gazetteer.lookup(word.text)
        if place is not None and place.kind == "country" and not place.alias:
            return True
    return False


MATCH_VERBS = lexicon.words("match_verbs")


PLACE_VERBS = lexicon.words("place_verbs")


def _place_object(span: _Span, words: dict[int, Word], analysis: Analysis | None) -> list[Evidence]:
    """ "forces liberated Sinjar", "Sinjar has been liberated", "to isolate Raqqa": the object of a verb
    done to places in news of conflict (``ldpub/lexicon/place_verbs.txt``)."""
    inside = _span_words(span, words) if analysis is not None else None
    if analysis is None or inside is None:
        return []
    for i in inside:
        word = analysis.words[i]
        if word.dep in ("dobj", "nsubjpass") and word.head not in inside:
            verb = analysis.words[word.head]
            if verb.text.casefold() in PLACE_VERBS:
                return [Evidence("Place", PLACE_CUE, f"object of {verb.text!r}")]
    return []


def _copula(verb: Word) -> bool:
    return verb.text.casefold() in ("is", "was", "are", "were", "be", "been", "has", "had", "have")


def _gazetteer(span: _Span) -> list[Evidence]:
    """A place the gazetteer knows, weighed by how well known it is (see :mod:`ldpub.entities.gazetteer`)."""
    place = gazetteer.lookup(span.name) if span.name[:1].isupper() else None
    return [Evidence("Place", place.weight, f"gazetteer: {place.kind} {place.name!r}")] if place else []


# "the Valletta Water and Transport Authority": capitalised words and "and" after "the", before the name.
_FIRST_CONJUNCT = re.compile(r"\b[Tt]he\s+((?:[A-Z][\w'’-]*\s+){1,3})and\s+$")


def _with_first_conjunct(text: str, span: _Span, before: _Span | None) -> _Span:
    """An organisation's name with the first half of an "X and Y Authority" name it was cut from."""
    window = max(0, span.start - 60)
    m = _FIRST_CONJUNCT.search(text[window : span.start])
    if m is None or not span.surface.split()[-1][:1].isupper():
        return span  # "the Syrian and Jordanian armies" are two armies
    start = window + m.start(1)
    if before is not None and before.end > start:
        return span  # a name of its own there ("the US and Canada Border Authority"): left as found
    surface = text[start : span.end]
    name = surface if span.name == span.surface else text[start : span.start] + span.name
    return _Span(start, span.end, surface, name, span.evidence, span.rule)


def _coordinated(text: str, left: _Span, right: _Span) -> bool:
    between = text[left.end : right.start].strip()
    return between in _COORDINATION and len(text[left.end : right.start]) <= 5


# -- one node per real-world entity --------------------------------------------------------------


@dataclass
class _Group:
    norm: tuple[str, ...]
    spans: list[_Span]
    _typed: tuple[tuple[int, int], str] | None = None
    # A person's full name that shorter names joined as second references ("DuVernay" for "Ava
    # DuVernay"): what the model says of the short name alone does not make the person a place.
    person_named: bool = False

    def scores(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        # "in Scientology", "at Google": a preposition says nothing against the model's ORG anywhere,
        # unless the gazetteer knows the name as a place ("near Sinjar").
        evidence = [e for s in self.spans for e in s.evidence]
        organisation = any(e.cue == "language model: ORG" for e in evidence) and not any(
            e.cue.startswith("gazetteer") for e in evidence
        )
        # "The Tax Policy Center says": a centre that speaks in one mention is an organisation in all.
        speaks = any(e.cue.startswith("a centre that speaks") for e in evidence)
        for span in self.spans:
            # One reason counts once a mention, at its weightiest: the rule and the context both see "told".
            reasons: dict[tuple[str, str], float] = {}
            for e in span.evidence:
                if (organisation and e.cue.startswith("preposition")) or (speaks and e.cue in _CENTRE_NOUNS):
                    continue
                coarse = "Organization" if e.type in ORGANIZATION_TYPES else e.type
                reasons[coarse, e.cue] = max(reasons.get((coarse, e.cue), 0.0), e.weight)
            for (coarse, _), weight in reasons.items():
                totals[coarse] = totals.get(coarse, 0.0) + weight
        return totals

    @property
    def type(self) -> str:
        size = (len(self.spans), sum(len(s.evidence) for s in self.spans))
        if self._typed is None or self._typed[0] != size:  # worked out again only when spans were added
            self._typed = (size, self._decide())
        return self._typed[1]

    def _decide(self) -> str:
        totals = self.scores()
        if not totals:
            return "Organization"  # an acronym in brackets after a name nothing else typed
        best = max(totals, key=lambda t: (totals[t], t != "Person"))
        if best != "Organization" and self._named_as_group():
            return "Organization"
        if best != "Person" and self.person_named and self._person_by_full_name():
            return "Person"
        if best == "Person" and self._place_by_preposition():
            return "Place"
        if best == "Organization" and any(e.type == "NewsMediaOrganization" for s in self.spans for e in s.evidence):
            return "NewsMediaOrganization"
        return best

    def _named_as_group(self) -> bool:
        """ "localist group Civic Passion" … "his leadership in Civic Passion": what a kind of group
        written before one mention says holds for every mention, where only the model, a preposition or
        a verb of speech says otherwise (no title, role or noun) and the gazetteer knows no place by
        the name."""
        evidence = [e for s in self.spans for e in s.evidence]
        group = any(e.type in ORGANIZATION_TYPES and _KIND_BEFORE.search(e.cue) for e in evidence)
        return group and all(
            e.type in ORGANIZATION_TYPES or e.cue.startswith(("language model", "preposition", "speech verb"))
            for e in evidence
        )

    def _person_by_full_name(self) -> bool:
        """Nothing but the model's label and the gazetteer says the name is other than a person's: no
        noun or list says what it is, and no mention is used as a place ("in X", "the city of X")."""
        for e in (e for s in self.spans for e in s.evidence):
            if e.type != "Person" and e.weight >= STRONG:
                return False
            if e.type == "Place" and not e.cue.startswith(("language model", "gazetteer")):
                return False
        return True

    def _place_by_preposition(self) -> bool:
        """ "in Raqqah", "near Palmyra", "6km from Daquq", "rebel-held Karabilah": where the words around
        it say place, with nothing but the model's label saying person (no title, role or speech verb),
        a name is a place's."""
        evidence = [e for s in self.spans for e in s.evidence]
        context = [e for e in evidence if e.type == "Place" and not e.cue.startswith(("language model", "gazetteer"))]
        said = sum(e.weight for e in evidence if e.type == "Person")
        if said > 4 * sum(e.weight for e in context):
            return False  # the model's PERSON on many mentions ("Warhol" twenty times, once "in Warhol's")
        return bool(context) and all(e.cue.startswith("language model") for e in evidence if e.type == "Person")

    def cue(self) -> str:
        kind = self.type
        matching = [e for s in self.spans for e in s.evidence if e.type == kind]
        return max(matching, key=lambda e: e.weight).cue if matching else "context"


def group_names(spans: Iterable[_Span], reserved: set[str]) -> list[Candidate]:
    """One candidate per real-world entity: names grouped, variants and second references merged."""
    groups: dict[tuple[str, ...], _Group] = {}
    for span in spans:
        norm = normalize_name(span.name)
        if norm:
            groups.setdefault(norm, _Group(norm, [])).spans.append(span)
    ordered = list(groups.values())
    # Transliteration variants of a name of two words or more: the same consonants.
    by_skeleton: dict[tuple[str, ...], _Group] = {}
    for group in list(ordered):
        if len(group.norm) < 2:
            continue
        skeleton = tuple(_skeleton(w) for w in group.norm)
        if skeleton in by_skeleton:
            by_skeleton[skeleton].spans += group.spans
            ordered.remove(group)
        else:
            by_skeleton[skeleton] = group
    ordered = _merge_same_places(_merge_second_references(ordered))
    return _candidates(_with_inner_places(ordered), reserved)


def _with_inner_places(groups: list[_Group]) -> list[_Group]:
    """The groups, and the well-known places named inside organisations' and venues' names
    ("Toronto" in "Toronto Star"; see :mod:`ldpub.language.nested`), each joining the group of its
    name where the article also names it alone."""
    by_norm = {g.norm: g for g in groups}
    out = list(groups)
    for group in groups:
        if group.type not in ORGANIZATION_TYPES and group.type != "Place":
            continue
        for span in {(s.start, s.end): s for s in group.spans}.values():
            for inner in inner_places(span.surface):
                evidence = [
                    Evidence("Place", PLACE_CUE, f"a place named in {span.name!r}"),
                    Evidence("Place", inner.place.weight, f"gazetteer: {inner.place.kind} {inner.place.name!r}"),
                ]
                start = span.start + inner.start
                nested = _Span(start, start + len(inner.name), inner.name, inner.name, evidence, inside=True)
                norm = normalize_name(inner.name)
                if norm not in by_norm:
                    by_norm[norm] = _Group(norm, [])
                    out.append(by_norm[norm])
                by_norm[norm].spans.append(nested)
    return out


def _merge_second_references(groups: list[_Group]) -> list[_Group]:
    """Shorter names join the one longer name they stand for, longest first (so "Qassem" finds
    "Farid Qassem" already inside "Muhammad Farid al-Qassem"):

    - a person's family name or tail of the name ("Hamoud", "Farid Qassem"), or a given name
      alone ("Ahmed" for "Ahmed Mohamed"), when exactly one person's name has it so;
    - an organisation's name of two words or more ending exactly one longer organisation's name
      ("Civil Defense Authority" for "Saudi Civil Defense Authority"; never places: "Los Angeles"
      is not "East Los Angeles"), or its head noun capitalised after "the" ("the Court" for
      "Supreme Court");
    - a place's name leading exactly one named facility ("Jaber" for "the Jaber border crossing");
    - an acronym of exactly one longer name of that type ("WHO", "KSC", "U.S." for "United States").
    """
    kept = list(groups)
    for group in sorted(groups, key=lambda g: -len(g.norm)):
        n = len(group.norm)
        longer = [g for g in kept if len(g.norm) > n]
        if _may_be_person(group):
            # Not "Abdullah II of Jordan": "Jordan" is not his family name.
            people = [g for g in longer if g.type == "Person" and not any(" of " in x.name for x in g.spans)]
            hits = [g for g in people if g.norm[-n:] == group.norm]
            if not hits and n == 1:
                hits = [g for g in people if g.norm[0] == group.norm[0]]
            acronym = _acronym(group)
            if not hits and acronym:  # "CNS" for "Christian News Service", though the model took it for a person
                hits = [g for g in kept if g is not group and g.type != "Person" and _initials(g) == acronym]
        else:
            kind = group.type
            # Not places: "Los Angeles" is not "East Los Angeles".
            short = n > 1 or any(e.cue.startswith("capitalised") for sp in group.spans for e in sp.evidence)
            hits = [g for g in longer if g.type == kind == "Organization" and short and g.norm[-n:] == group.norm]
            if not hits and kind == "Place":  # "Jaber" for "the Jaber border crossing"
                hits = [g for g in longer if g.type == "Place" and g.norm[:n] == group.norm and _facility(g)]
            if not hits and kind == "Place" and n > 1 and _facility(group):  # "Jaber crossing" for it too
                hits = [
                    g
                    for g in longer
                    if g.type == "Place" and (g.norm[0], g.norm[-1]) == (group.norm[0], group.norm[-1])
                ]
            acronym = _acronym(group)
            if not hits and acronym:
                # The long form's type, not the acronym's: models guess at acronyms ("KSC").
                hits = [g for g in kept if g is not group and g.type != "Person" and _initials(g) == acronym]
        if len(hits) == 1:
            if hits[0].type == "Person" and _may_be_person(group):
                hits[0].person_named = True
            hits[0].spans += group.spans
            kept.remove(group)
    return kept


def _merge_same_places(groups: list[_Group]) -> list[_Group]:
    """Places whose names the gazetteer knows as one place are one entity: "US", "United States" and
    "America"; "Raqqa" and "Ar Raqqah" (the first written keeps the group)."""
    kept: list[_Group] = []
    seen: dict[int, _Group] = {}
    for group in groups:
        if group.type != "Place":
            kept.append(group)
            continue
        places = {p.geonames_id for p in (gazetteer.identified(s.name) for s in group.spans) if p is not None}
        same = seen.get(next(iter(places))) if len(places) == 1 else None
        if same is None:
            kept.append(group)
            if len(places) == 1:
                seen[next(iter(places))] = group
        else:
            same.spans += group.spans
    return kept


def _facility(group: _Group) -> bool:
    return any(s.name.split()[-1] in FACILITIES for s in group.spans)


def _acronym(group: _Group) -> str | None:
    """ "WHO", "U.S.", "KSC": a name written in capitals only, as letters."""
    surfaces = {s.name.replace(".", "") for s in group.spans}
    letters = next(iter(surfaces)) if len(surfaces) == 1 else None
    return letters if letters and 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper() else None


def _initials(group: _Group) -> str:
    name = max((s.name for s in group.spans), key=len)
    words = [
        w for w in re.findall(r"[^\W_]+", name) if w.casefold() not in ("of", "the", "and", "for", "on", "al", "el")
    ]
    return "".join(w[0] for w in words if w[0].isupper()) if len(words) > 1 else ""


def _may_be_person(group: _Group) -> bool:
    """Typed Person, or another type only by the model's word or the gazetteer's (small models mix up
    family names and firms; "Carter", "Clinton" and "Obama" are towns too)."""
    if group.type == "Person":
        return True
    evidence = [e for s in group.spans for e in s.evidence]
    return all(e.cue.startswith(("language model", "gazetteer")) or e.type == "Person" for e in evidence)


def _uncorroborated(group: _Group) -> bool:
    """Names the model alone types, where its word is known to be weak: an organisation named
    once and no acronym (on the GUM news articles fewer than one in three is one), a person
    written with an Arabic article and nothing else saying it is a person."""
    evidence = [e for s in group.spans for e in s.evidence]
    only_model = all(e.cue.startswith("language model") for e in evidence)
    if only_model and group.type == "Person" and all(e.weight <= WEAK_MODEL for e in evidence):
        return True  # "Maghawir al-Thawra": an Arabic name the model calls a person, and nothing else says so
    if only_model and all(s.modifier for s in group.spans):
        return True  # "a VBIED factory", "IP addresses", "84 MW": an abbreviated common noun, no name
    return only_model and group.type == "Organization" and len(group.spans) == 1 and not _acronym(group)


def _candidates(groups: list[_Group], reserved: set[str]) -> list[Candidate]:
    out = []
    used = set(reserved)
    for group in sorted(groups, key=lambda g: min(s.start for s in g.spans)):
        spans = sorted(group.spans, key=lambda s: s.start)
        kind = group.type
        if _uncorroborated(group):
            continue
        named = max(spans, key=lambda s: (len(normalize_name(s.name)), -s.start))
        name = re.sub(r"['’]s$", "", named.name)
        key = base = slug(name) or "entity"
        n = 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        mentions = tuple(_mention(s, key, kind) for s in spans)
        title = next((s.rule.title if s.rule is not None and s.rule.title else s.title for s in spans), None)
        inside = all(s.inside for s in spans)
        candidate = Candidate(key, name, kind, spans[0].surface, group.cue(), mentions, title, inside=inside)
        out.append(_located(candidate, spans) if kind == "Place" else candidate)
    return out


def _mention(span: _Span, key: str, kind: str) -> Mention:
    """Where the entity is named: a person's name without the titles written before it ("Magistrate
    Lucy Njeri" → "Lucy Njeri"; the titles are the jobTitle), other names as written."""
    if kind == "Person" and span.name != span.surface and span.surface.endswith(span.name):
        start = span.end - len(span.name)
        return Mention(start, span.end, span.name, key, kind)
    return Mention(span.start, span.end, span.surface, key, kind)


def _located(candidate: Candidate, spans: list[_Span]) -> Candidate:
    """A place with the gazetteer's coordinates and GeoNames IRI, when its names name one place of note."""
    places = {p for p in (gazetteer.identified(s.name) for s in spans) if p is not None}
    if len(places) != 1:
        return candidate
    place = places.pop()
    geo = (place.latitude, place.longitude) if place.latitude is not None and place.longitude is not None else None
    return dataclasses.replace(candidate, same_as=(place.same_as,), geo=geo)


__all__ = ["Evidence", "find_names", "group_names", "outlets"]
