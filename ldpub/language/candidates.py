"""Names the authority does not know, typed Person / Organization / Place from their context.

A candidate is a run of capitalised words (with "of", "al-", "bin" … inside) that is not an
authority mention, typed only when the text says what it is: a title before it ("Major
General", "King" → Person), a head noun after it ("intelligence", "Commission" →
Organization; "camp", "zone", "base" → Place), a nationality before an organisation noun
("Jordanian intelligence"), a preposition of place ("in Deir Ezzor"), a verb of speech
("Smith said"). Names with no such cue are not reported: precision first.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ldpub.entities import gazetteer
from ldpub.entities.authority import (
    ORGANIZATION_TYPES,
    PERSON_TYPES,
    TITLES,
    Mention,
    SpanIndex,
    Token,
    adjacent,
    normalize_name,
    slug,
)
from ldpub.lexicon import entries, words

ORG_HEADS = words("organisation_heads")
PLACE_HEADS = words("place_heads")
DIRECTIONS = words("directions")
TITLES_OF_PLACE = words("titles_of_place")
PLACE_WORDS = words("place_words")
ADJECTIVE_PREFIXES = words("adjective_prefixes")
PLATFORMS = frozenset({"Telegram", "Twitter", "Facebook", "YouTube", "Instagram", "WhatsApp", "TikTok", "X"})
MEDIA = frozenset({"channel", "channels", "account", "accounts", "page", "pages", "group", "groups", "feed"})
_PLACE_KINDS = words("place_before_of")
# Not "from" / "to": "a source from X", "talks to X" name organisations as often as places.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "into", "outside", "inside", "across"})
# A name right before a verb of speech ("Moreau said") is a speaker: the lexicon's reporting verbs in
# their finite forms (third person, past), less those that are also nouns of written sources ("reports").
SPEECH_VERBS = frozenset(
    form
    for entry in entries("reporting_verbs")
    for form in entry[1:3]
    if " " not in form and form not in words("documents")
)
CONNECTORS = frozenset({"of", "for", "al", "el", "bin", "ibn", "abu", "de", "la", "du", "von", "van", "der", "and"})
# Place nouns that measure after a number ("240,000 square metres"), not name a zone ("the 55 km zone").
_MEASURES = frozenset({"square"})
NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ian|ean|an|ish|ese|i|ic)$")
ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")
_CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december
    """.split()  # noqa: SIM905
)
_MONTHS = _CALENDAR - {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@functools.cache
def _given_names() -> frozenset[str]:
    return frozenset(name for entry in entries("given_names") for name in entry[1:])


_TIME_OF_DAY = re.compile(r"(?i)\d{1,2}(?:[:.]\d\d)?(?:am|pm|a\.m\.?|p\.m\.?)")
_FUNCTION_WORDS = frozenset(
    """
    the a an this that these those it its he she they we i his her their our in on at from with after before
    near outside inside across into under during according however meanwhile but and or if when while since as
    so also there here what who which
    days five four three two one several some many other
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Candidate:
    """An unknown name, typed from context, with every place it is written (first one is ``surface``)."""

    key: str
    name: str
    type: str
    surface: str
    cue: str
    mentions: tuple[Mention, ...]
    job_title: str | None = None  # a person's titles as the text writes them before the name
    same_as: tuple[str, ...] = ()  # a place's GeoNames IRI
    geo: tuple[float, float] | None = None  # a place's latitude and longitude
    inside: bool = False  # named only inside other names ("Toronto" in "Toronto Star"): no mention of its own


@dataclass(frozen=True)
class Found:
    """One typed unknown name in the text."""

    start: int
    end: int
    surface: str
    name: str
    type: str
    cue: str
    title: str | None = None  # titles written before a person's name ("Defense Secretary"): the jobTitle


def _word(token: Token) -> str:
    """A word folded, without a possessive ("Command’s" → "command")."""
    return re.sub(r"['’]s$", "", token.text.casefold())


def _cap(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _sentence_start(text: str, token: Token) -> bool:
    before = text[max(0, token.start - 40) : token.start].rstrip(" \t“\"‘'(")
    if not before and token.start > 40:
        return False  # 40 characters of spaces and quotes: not worth a special case
    return not before or before[-1] in ".!?:\n"


def find_candidates(text: str, tokens: list[Token], taken: list[Mention]) -> list[Found]:
    """Typed mentions of unknown names in ``text`` (keys are slugs of their names)."""
    blocked = SpanIndex([(m.start, m.end) for m in taken])
    ordered = sorted(taken, key=lambda m: m.start)
    starts = [m.start for m in ordered]

    def free(token: Token) -> bool:
        return not blocked.covers(token.start)

    lowercase_words = {t.text for t in tokens if t.text.islower()}
    out: list[Found] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not free(token) or not (_cap(token) or token.text.isdigit()) or _hyphen_adjective(text, token):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if not free(tokens[j]) or not adjacent(text, [tokens[j - 1], tokens[j]], tokens):
                # "King Abdullah II of Jordan": a titled name runs on through "of" and a known place.
                following = bisect.bisect_left(starts, tokens[j - 1].end)
                place = _titled_of_place(text, tokens, i, j, ordered[following] if following < len(ordered) else None)
                if place is None:
                    break
                j = next((k for k in range(j, len(tokens)) if tokens[k].start >= place.end), len(tokens))
                break
            t = tokens[j]
            if (
                _cap(t)
                or ROMAN.match(t.text)
                or t.article
                or (t.text in CONNECTORS and t.text != "and" and j + 1 < len(tokens) and _cap(tokens[j + 1]))
            ):
                j += 1
            elif t.text in ("km", "kilometre", "kilometer", "mile") and tokens[j - 1].text.isdigit():
                j += 1  # "the 55 km zone"
            elif _word(t) in ORG_HEADS | PLACE_HEADS:
                j += 1  # a lower-case head noun ends the name ("Jordanian intelligence") ...
                while j < len(tokens) and _word(tokens[j]) in ORG_HEADS | PLACE_HEADS and tokens[j].text.islower():
                    j += 1  # ... or two of them ("the Jaber border crossing")
                break
            else:
                break
        chunk = tokens[i:j]
        i = j
        mention = _typed(text, tokens, chunk, lowercase_words)
        if mention is not None and mention.type == "Organization":
            mention = _with_place_before(text, mention, ordered, starts)
        if mention is not None:
            out.append(mention)
    return out


def _hyphen_adjective(text: str, token: Token) -> bool:
    """ "the pro-Beijing camp", "For the Pro-Beijing camp": a prefix and a name joined by a hyphen are
    an adjective (``ldpub/lexicon/adjective_prefixes.txt``), and no name starts there."""
    if token.text.casefold() in ADJECTIVE_PREFIXES and text[token.end : token.end + 1] in ("-", "‐"):
        return True
    before = re.search(r"(\w+)[-‐]$", text[max(0, token.start - 6) : token.start])
    return before is not None and before.group(1).casefold() in ADJECTIVE_PREFIXES


def _with_place_before(text: str, found: Found, ordered: list[Mention], starts: list[int]) -> Found:
    """ "Jordan Chamber of Commerce": a known place written right before an organisation's name is
    part of that name (and no longer a mention of the place)."""
    i = bisect.bisect_left(starts, found.start) - 1
    if i < 0:
        return found
    place = ordered[i]
    if place.type in PERSON_TYPES | ORGANIZATION_TYPES or text[place.end : found.start] != " ":
        return found
    name = text[place.start : found.start] + found.name
    return Found(place.start, found.end, text[place.start : found.end], name, found.type, found.cue)


def _titled_of_place(text: str, tokens: list[Token], i: int, j: int, after: Mention | None) -> Mention | None:
    """The known place after "of" ending a titled name ("King … of Jordan"), if that is what follows."""
    if tokens[i].text.casefold() not in TITLES or tokens[j - 1].text != "of" or j - i < 3:
        return None
    if after is None or after.type in PERSON_TYPES or text[tokens[j - 1].end : after.start].strip():
        return None
    return after


def _typed(text: str, tokens: list[Token], chunk: list[Token], lowercase_words: set[str]) -> Found | None:
    trimmed = _trimmed_chunk(text, chunk, lowercase_words)
    if trimmed is None:
        return None
    c = _Chunk.of(text, tokens, trimmed)
    if c.words[0].isdigit():  # "the 55 km zone"; not "a 240,000 square metre park" (an area, measured)
        named = c.head in PLACE_HEADS and c.head not in _MEASURES
        return c.found("Place", "the number names a zone or area") if named else None
    if c.words[-1].rstrip(".") in TITLES:
        return None  # titles with no name ("Major General" before a known name)
    return _by_head_or_title(c) or _by_context(c)


def _trimmed_chunk(text: str, chunk: list[Token], lowercase_words: set[str]) -> list[Token] | None:
    """The chunk without a sentence-initial common word ("The", "Protests": lower case elsewhere in the
    text), trailing connectors and dates ("September 2010", "Questions Wednesday" → "Questions")."""
    while (
        chunk
        and _sentence_start(text, chunk[0])
        and (chunk[0].text.casefold() in _FUNCTION_WORDS or chunk[0].text.casefold() in lowercase_words)
    ):
        chunk = chunk[1:]
    while chunk and (chunk[-1].text.casefold() in CONNECTORS or chunk[-1].article):
        chunk = chunk[:-1]
    while len(chunk) > 1 and (chunk[-1].text.casefold() in _CALENDAR or chunk[-1].text.isdigit()):
        if chunk[-1].text.casefold() in _MONTHS and chunk[-2].text in _given_names():
            break  # "Theresa May", "April March": a family name after a given name, no date
        chunk = chunk[:-1]
    if not chunk or not _cap(chunk[0]) or _word(chunk[0]) in _CALENDAR or _TIME_OF_DAY.fullmatch(chunk[0].text):
        return None  # "in Saturday's attack", "at 11am": a day or a time
    if len(chunk) == 1 and chunk[0].text.casefold() in DIRECTIONS:
        return None  # "Eastern" of "Eastern Syria" (a known place)
    if len(chunk) == 2 and chunk[0].text in PLATFORMS and _word(chunk[1]) in MEDIA:
        return None  # "Telegram channel", "Facebook page": where something was said, not who
    return chunk


@dataclass(frozen=True)
class _Chunk:
    """A run of name words and what surrounds it: its head noun, its titles, the words either side."""

    text: str
    tokens: list[Token]
    chunk: list[Token]
    words: list[str]
    head: str
    titles: int  # how many leading words are titles ("Interior Minister Mazen al-Faraya": 2)
    start: int

    @classmethod
    def of(cls, text: str, tokens: list[Token], chunk: list[Token]) -> _Chunk:
        words = [_word(t) for t in chunk]
        # The head of "A of B" is A: "Political Commission of Rukban Camp" is a commission.
        joints = [i for i, w in enumerate(words) if w in ("of", "for") and i > 0]  # "For Inspiration …" starts a name
        head = (words[: joints[0]] if joints else words)[-1]
        if words[-1] in ORG_HEADS and chunk[-1].text[:1].isupper() and len(chunk) > 1:
            head = words[-1]  # "Port of Beirut Authority" is an authority, whatever its "of" part
        # Titles end at the last title word before the name: "Interior Minister Mazen al-Faraya".
        titles = max((i + 1 for i, w in enumerate(words[:-1]) if w.rstrip(".") in TITLES), default=0)
        if titles and re.search(r"['’]s$", chunk[titles - 1].text):
            titles = 0  # "Prime Minister's Questions": what the title holder has, not a name
        start = chunk[0].start
        if chunk[0].index > 0 and tokens[chunk[0].index - 1].article:
            start = tokens[chunk[0].index - 1].start
        return cls(text, tokens, chunk, words, head, titles, start)

    @property
    def previous(self) -> Token | None:
        at = self.chunk[0].index - 1
        while at >= 0 and self.tokens[at].article:
            at -= 1
        return self.tokens[at] if at >= 0 else None

    @property
    def following(self) -> Token | None:
        at = self.chunk[-1].index + 1
        return self.tokens[at] if at < len(self.tokens) else None

    def found(
        self, kind: str, cue: str, *, name: str | None = None, title: str | None = None, end: int | None = None
    ) -> Found:
        end = self.chunk[-1].end if end is None else end
        surface = self.text[self.start : end]
        label = re.sub(r"['’]s$", "", name or surface)
        return Found(self.start, end, surface, label, kind, cue, title)


def _by_head_or_title(c: _Chunk) -> Found | None:
    """A head noun ("… Authority", "… camp") or titles before a personal name say what the name is."""
    several = len(c.chunk) > 1
    if _describes_a_name(c):
        return None
    if c.head in ORG_HEADS and several:
        return c.found("Organization", f"organisation noun {c.head!r}")
    if c.head in ORG_HEADS and _short_form(c):
        return c.found("Organization", f"capitalised {c.chunk[0].text!r} after 'the'")
    if c.titles and c.chunk[c.titles].text in CONNECTORS:
        return None  # a title with no name: "Secretary of State"
    if c.titles and "of" not in c.words[: c.titles]:
        first = c.chunk[c.titles]
        title = c.text[c.chunk[0].start : c.chunk[c.titles - 1].end]
        last = c.chunk[-1]
        joint = next((t for t in c.chunk[c.titles + 1 :] if t.text == "of"), None)
        if joint is not None and not TITLES_OF_PLACE.intersection(c.words[: c.titles]):
            last = c.tokens[joint.index - 1]  # "Magistrate Lucy Njeri of Nairobi": Lucy Njeri, of Nairobi
        name = c.text[first.start : last.end]
        return c.found("Person", f"title {title!r}", name=name, title=title, end=last.end)
    if c.head in PLACE_HEADS and several:
        return c.found("Place", f"place noun {c.head!r}")
    return None


def _describes_a_name(c: _Chunk) -> bool:
    """ "the Iraqi city of Mosul", "the German company Züblin": a nationality and a lower-case noun
    that say what the name after them is, not a name of their own ("Jordanian intelligence" is one)."""
    if len(c.chunk) < 2 or not NATIONALITY.match(c.chunk[0].text) or not c.chunk[-1].text.islower():
        return False
    following = c.following
    if following is None or c.text[c.chunk[-1].end : following.start] != " ":
        return False
    if following.text == "of" and following.index + 1 < len(c.tokens):
        following = c.tokens[following.index + 1]
    return following.text[:1].isupper() and following.text.casefold() not in _CALENDAR


def _short_form(c: _Chunk) -> bool:
    """ "the Coalition's strategy", "the Ministry said": an organisation noun capitalised inside a
    sentence after "the" is the short name of one organisation, not a common noun."""
    word = c.chunk[0]
    before = c.text[max(0, word.start - 4) : word.start]
    return (
        word.text[:1].isupper()
        and not word.text.isupper()
        and before.casefold() == "the "
        and not _sentence_start(c.text, c.tokens[word.index - 1])
    )


def _by_context(c: _Chunk) -> Found | None:
    """ "the province of Idlib", "in Hajin", "Moreau said": what the words around a name say."""
    if any(w in ORG_HEADS | PLACE_HEADS for w in c.words):
        return None  # a cue word inside, not at the head: unclear
    if NATIONALITY.match(c.chunk[-1].text) and len(c.chunk) == 1:
        return None  # an adjective ("Syrian")
    previous, following = c.previous, c.following
    if previous is not None and previous.text == "of" and previous.index > 0:
        kind = c.tokens[previous.index - 1].text.casefold()
        if kind in _PLACE_KINDS:  # "the old city of Aleppo", "the siege of Darayya"
            return c.found("Place", f"{kind!r} of")
    opens = _sentence_start(c.text, c.chunk[0])
    if previous is not None and previous.text in PLACE_PREPOSITIONS and not opens:
        return c.found("Place", f"preposition {previous.text!r}")
    if previous is not None and _opening_place(c, previous):
        return c.found("Place", f"preposition {previous.text.casefold()!r}")
    if following is not None and following.text in SPEECH_VERBS and (len(c.chunk) > 1 or not opens):
        return c.found("Person", f"speech verb {following.text!r}")
    return _known_place(c)


def _opening_place(c: _Chunk, previous: Token) -> bool:
    """ "Near Rawah, two strikes …", "In Mosul, …": a sentence opened by a preposition of place, its
    name then set off by a comma (not "In Smith's view", "At Google they …")."""
    return (
        previous.text.casefold() in PLACE_PREPOSITIONS
        and previous.text[:1].isupper()
        and _sentence_start(c.text, previous)
        and c.text[c.chunk[-1].end : c.chunk[-1].end + 1] == ","
    )


# How many people a city needs for its name alone to say "place": 100,000 for a name of two words or
# more ("Deir ez-Zor"), a million for one word ("Aleppo", "Mosul"; not "Obama" or "Enterprise").
_KNOWN_CITY = (100_000, 1_000_000)


def _known_place(c: _Chunk) -> Found | None:
    """ "reached Deir ez-Zor": a name the gazetteer knows under its own name as a country, a state or
    a large city (see _KNOWN_CITY), or one a place word leads ("Tal Abyad")."""
    if len(c.chunk) > 1 and c.words[0] in PLACE_WORDS:
        return c.found("Place", f"Arabic word {c.words[0]!r}")
    place = gazetteer.lookup(c.text[c.chunk[0].start : c.chunk[-1].end])
    if place is None or place.alias or (place.kind == "city" and place.population < _KNOWN_CITY[len(c.chunk) < 2]):
        return None  # one word alone is a small city's name too often ("Mary", "Enterprise")
    return c.found("Place", f"gazetteer: {place.kind} {place.name!r}")


def group_candidates(found: list[Found], reserved: set[str]) -> list[Candidate]:
    """One candidate per normalised name; keys made unique against ``reserved`` (authority keys).

    A person named by family name alone ("Moreau said") joins the one person whose full
    name ends with it ("Councillor Ines Moreau"); with two such people it stays apart.
    """
    groups: dict[tuple[str, ...], list[Found]] = {}
    for f in found:
        groups.setdefault(normalize_name(f.name), []).append(f)
    for norm in [n for n in groups if len(n) == 1]:
        if any(f.type != "Person" for f in groups[norm]):
            continue
        fuller = [n for n in groups if len(n) > 1 and n[-1] == norm[0] and groups[n][0].type == "Person"]
        if len(fuller) == 1:
            groups[fuller[0]] += groups.pop(norm)
    out = []
    used = set(reserved)
    for group in groups.values():
        first = group[0]
        kind, cue, name = first.type, first.cue, first.name
        key = base = slug(name) or "entity"
        n = 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        mentions = tuple(Mention(f.start, f.end, f.surface, key, kind) for f in group)
        title = next((f.title for f in group if f.title), None) if kind == "Person" else None
        out.append(Candidate(key, name, kind, first.surface, cue, mentions, title))
    return out
