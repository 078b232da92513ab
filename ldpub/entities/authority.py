"""The newsroom's entity authority: who and what the archive knows, and finding them in text.

The authority is a Turtle file (``vocab/entities.ttl``) of schema.org entities — ``rdf:type``,
``schema:name``, ``schema:alternateName``, ``schema:sameAs`` — one IRI each across the
archive. Mentions are found under every listed spelling and under transliteration variants:
names are compared after :func:`normalize_token` (diacritics, the Arabic article, doubled
letters, ou/u/w, q/k, ee/i …), always the longest listed name first.

Precision comes first: a spelling shared by two entities is ambiguous and never linked; a
listed capitalised name only matches capitalised text, an acronym only upper case; names are
whole token sequences, never prefixes ("Jordan" is not found in "Jordanian").
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ldpub.errors import InputError, Location
from ldpub.lexicon import words
from ldpub.mapping import entity_iri
from ldpub.record import field_pattern

SCHEMA = ("https://schema.org/", "http://schema.org/")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ENTITY_TYPES = (
    "Person",
    "Organization",
    "NewsMediaOrganization",
    "GovernmentOrganization",
    "Corporation",
    "NGO",
    "PoliticalParty",
    "Place",
    "Country",
    "State",
    "City",
    "AdministrativeArea",
    "Landform",
    "CivicStructure",
    "Accommodation",
)
PERSON_TYPES = frozenset({"Person"})
ORGANIZATION_TYPES = frozenset(
    {"Organization", "NewsMediaOrganization", "GovernmentOrganization", "Corporation", "NGO", "PoliticalParty"}
)
# Titles and ranks written before a person's name: part of the mention, not of the name.
TITLES = words("titles")

# Words: letters and digits, with inner apostrophes ("Ba'ath", "Athr’s"); hyphens split words.
WORD = re.compile(r"[^\W_]+(?:['’ʼʿʾ`][^\W_]+)*")
_ARTICLES = frozenset({"al", "el", "ul", "il"})
# With a hyphen only; the e- forms are French-style transliteration ("Deir ez-Zor", "Ras el-Ain" uses el).
_SUN_ARTICLES = frozenset(
    {"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "esh", "et", "ez"}
)
_APOSTROPHES = re.compile(r"['’ʼʿʾ`]")


def slug(name: str) -> str:
    """A key from a name: ascii letters and digits, lower case, hyphens ("Muhammad Farid al-Qassem" → …-al-qassem)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = _APOSTROPHES.sub("", plain.casefold())
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:80].strip("-")


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def normalize_token(token: str) -> str:
    """One word, spelled so that transliteration variants coincide.

    Drops a possessive 's, apostrophes and diacritics, folds case, then ou/oo→u, ee→i,
    w→u, e→i, o→u, k→q, mac→mc, final y→i, and collapses doubled letters: "Qassem",
    "Kassem" and "Qasim" are all ``qasim``; "Maghawir" and "Maghaweer" ``maghauir``.
    """
    t = re.sub(r"['’ʼ]s$", "", token)
    t = _APOSTROPHES.sub("", _strip_marks(t).casefold())
    t = t.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    t = t.replace("w", "u").replace("e", "i").replace("o", "u").replace("k", "q")
    if t.startswith("mac") and len(t) > 4:
        t = "mc" + t[3:]
    if len(t) > 2 and t.endswith("y"):
        t = t[:-1] + "i"
    return re.sub(r"(.)\1+", r"\1", t)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    norm: str
    article: bool  # an Arabic article ("al-", "el ", "as-") that names may or may not carry
    index: int  # position in the text's word list


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with their offsets and normalised forms (articles marked)."""
    tokens: list[Token] = []
    for m in WORD.finditer(text):
        word = m.group(0)
        low = word.casefold()
        following = text[m.end() : m.end() + 1]
        nxt = text[m.end() + 1 : m.end() + 2]
        joined = following in "-‐" and following != "" and nxt.isalpha()
        article = (low in _ARTICLES and (joined or (following == " " and nxt.isupper()))) or (
            low in _SUN_ARTICLES and joined
        )
        tokens.append(Token(word, m.start(), m.end(), normalize_token(word), article, len(tokens)))
    return tokens


@functools.lru_cache(maxsize=65536)
def normalize_name(name: str) -> tuple[str, ...]:
    """A name as a tuple of normalised words, articles dropped ("al-Tanf" and "Tanf" → ``('tanf',)``)."""
    return tuple(t.norm for t in tokenize(name) if not t.article)


@functools.lru_cache(maxsize=65536)
def _skeleton(norm: str) -> str:
    """A normalised word's first letter and its consonants: "muhamad" and "muhamid" → ``mhmd``."""
    return norm[:1] + re.sub(r"[aeiouy]", "", norm[1:])


def _short_forms(spelling: str) -> list[tuple[str, ...]]:
    """Family name, and name without the first given name, of a plain personal name."""
    words = [t for t in tokenize(spelling) if not t.article]
    plain = all(w.text[:1].isupper() and w.text.isalpha() and not w.text.isupper() for w in words)
    if len(words) < 2 or not plain or len(words[-1].text) < 3:
        return []
    norms = tuple(w.norm for w in words)
    return [norms[-1:]] + ([norms[1:]] if len(norms) > 2 else [])


def _shape(name: str) -> tuple[str, ...]:
    """Per word of a listed spelling: 'A' an acronym, 'C' capitalised, '' anything."""
    shapes = []
    for t in tokenize(name):
        if t.article:
            continue
        if len(t.text) > 1 and t.text.isupper():
            shapes.append("A")
        elif t.text[:1].isupper() or t.text[:1].isdigit():
            shapes.append("C")
        else:
            shapes.append("")
    return tuple(shapes)


def _fits(shape: tuple[str, ...], tokens: list[Token]) -> bool:
    for i, (want, token) in enumerate(zip(shape, tokens, strict=True)):
        if want == "A" and not re.sub(r"['’]s$", "", token.text).isupper():  # "ISIL's" is ISIL
            return False
        if want == "C" and i == 0 and not (token.text[:1].isupper() or token.text[:1].isdigit()):
            return False
    return True


@dataclass(frozen=True)
class Entity:
    """One authority entry."""

    key: str
    iri: str
    type: str
    name: str
    alternate_names: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    description: str | None = None
    job_title: str | None = None
    geo: tuple[float, float] | None = None  # a place's latitude and longitude

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.alternate_names)

    def record_entity(self, base: str | None) -> dict[str, Any]:
        """The entity as a record's ``entities`` entry (``id`` only when not ``{base}entity/{key}``)."""
        out: dict[str, Any] = {"type": self.type, "name": self.name}
        if base is None or self.iri != entity_iri(base, self.key):
            out["id"] = self.iri
        if self.alternate_names:
            out["alternate_names"] = list(self.alternate_names)
        if self.same_as:
            out["same_as"] = list(self.same_as)
        if self.description:
            out["description"] = self.description
        if self.job_title and self.type in PERSON_TYPES:
            out["job_title"] = self.job_title
        if self.geo is not None and self.type not in PERSON_TYPES | ORGANIZATION_TYPES:
            out["geo"] = {"latitude": self.geo[0], "longitude": self.geo[1]}
        return out


class SpanIndex:
    """Character spans (start, end), answering "is this position / span covered?" in log time.

    Large texts have thousands of mentions: a scan of all of them per word would be quadratic.
    """

    def __init__(self, spans: Iterator[tuple[int, int]] | list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = list(itertools.accumulate((e for _, e in ordered), max))

    def covers(self, pos: int) -> bool:
        """Some span has start <= pos < end."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.max_end[i] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with [start, end)."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start

    def contains(self, start: int, end: int) -> bool:
        """Some span holds all of [start, end)."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.max_end[i] >= end


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a text: where, as written, and the entity key it refers to."""

    start: int
    end: int
    surface: str
    key: str
    type: str


@dataclass
class Authority:
    """The loaded authority file: entities by key, and the index of their normalised spellings."""

    entities: dict[str, Entity] = field(default_factory=dict)
    path: Path | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    index: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict, repr=False)
    ambiguous: dict[tuple[str, ...], set[str]] = field(default_factory=dict, repr=False)
    longest: int = 0
    skeletons: dict[tuple[str, ...], str] = field(default_factory=dict, repr=False)
    longest_skeleton: int = 0
    first_words: set[str] = field(default_factory=set, repr=False)
    first_skeletons: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self._reindex()

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def empty(cls) -> Authority:
        return cls()

    @classmethod
    def load(cls, path: str | Path) -> Authority:
        """Read an authority file (Turtle). Raises :class:`InputError` (with line and column) when
        it is malformed or an entry lacks a name or a known type; :class:`OSError` if unreadable."""
        path = Path(path)
        return cls.from_turtle(path.read_bytes(), source=str(path), path=path)

    @classmethod
    def from_turtle(cls, data: bytes | str, *, source: str | None = None, path: Path | None = None) -> Authority:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        parser = ox.parse(raw, format=ox.RdfFormat.TURTLE)
        by_subject: dict[str, dict[str, list[Any]]] = {}
        try:
            for quad in parser:
                if not isinstance(quad.subject, ox.NamedNode):
                    continue
                props = by_subject.setdefault(quad.subject.value, {})
                props.setdefault(_local(quad.predicate.value), []).append(quad.object)
        except SyntaxError as exc:
            line, column = _position(exc)
            raise InputError(
                f"malformed Turtle: {exc.msg if hasattr(exc, 'msg') else exc}", Location(source, None, line, column)
            ) from None
        entities: dict[str, Entity] = {}
        for iri, props in by_subject.items():
            entity = _entity(iri, props, source)
            if entity is None:
                continue
            if entity.key in entities:
                raise InputError(
                    f"two entities have the key {entity.key!r}: {entities[entity.key].iri} and {iri}", Location(source)
                )
            entities[entity.key] = entity
        return cls(entities, path, dict(parser.prefixes or {}))

    # -- index -------------------------------------------------------------------------------

    def _reindex(self) -> None:
        index = self._spellings()
        self.ambiguous = {n: {k for k, _ in v} for n, v in index.items() if len({k for k, _ in v}) > 1}
        self.index = {n: v for n, v in index.items() if n not in self.ambiguous}
        # Second references to people: the family name alone, the name without the first given
        # name ("Qassem", "Farid Qassem"). Used only where no listed spelling says otherwise, and
        # never when two people share them.
        for norm, keys in self._second_references().items():
            if norm not in index and len(keys) == 1:
                self.index[norm] = [(next(iter(keys)), ("C",) * len(norm))]
        self.longest = max((len(n) for n in self.index), default=0)
        # Last resort for names of two words or more: the consonants ("Mohammed Fareed al-Qasim" is
        # "Muhammad Farid al-Qassem"), unless two entities share them.
        self.skeletons = {sk: next(iter(keys)) for sk, keys in self._skeletons().items() if len(keys) == 1}
        self.longest_skeleton = max((len(n) for n in self.skeletons), default=0)
        # Most words start no name: one set lookup rules them out.
        self.first_words = {n[0] for n in self.index}
        self.first_skeletons = {n[0] for n in self.skeletons}

    def _spellings(self) -> dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]]:
        """Every listed spelling, normalised → the entities (key, and the spelling's shape) it names."""
        index: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
        for entity in self.entities.values():
            for spelling in entity.spellings:
                norm = normalize_name(spelling)
                if norm:
                    index.setdefault(norm, []).append((entity.key, _shape(spelling)))
        return index

    def _second_references(self) -> dict[tuple[str, ...], set[str]]:
        """The short forms of people's names → the people they could name."""
        derived: dict[tuple[str, ...], set[str]] = {}
        for entity in self.entities.values():
            if entity.type in PERSON_TYPES:
                for short in {s for spelling in entity.spellings for s in _short_forms(spelling)}:
                    derived.setdefault(short, set()).add(entity.key)
        return derived

    def _skeletons(self) -> dict[tuple[str, ...], set[str]]:
        """The consonant skeletons of names of two words or more → the entities they could name."""
        skeletons: dict[tuple[str, ...], set[str]] = {}
        for entity in self.entities.values():
            for spelling in entity.spellings:
                norm = normalize_name(spelling)
                if len(norm) > 1 and all(t.isalpha() and len(_skeleton(t)) > 1 for t in norm):
                    skeletons.setdefault(tuple(map(_skeleton, norm)), set()).add(entity.key)
        return skeletons

    @property
    def base(self) -> str | None:
        """``X`` when every entity's IRI is ``{X}entity/{key}`` (the archive's entity base), else None."""
        bases = {e.iri[: -len(f"entity/{e.key}")] for e in self.entities.values() if e.iri.endswith(f"/entity/{e.key}")}
        if len(bases) == 1 and all(e.iri.endswith(f"/entity/{e.key}") for e in self.entities.values()):
            return bases.pop()
        return None

    def lookup(self, name: str) -> str | None:
        """The key of the entity ``name`` (any spelling or variant) refers to, if exactly one."""
        hits = self.index.get(normalize_name(name))
        return hits[0][0] if hits else None

    def find_mentions(self, text: str, tokens: list[Token] | None = None, *, titles: bool = True) -> list[Mention]:
        """Every mention of an authority entity in ``text``, longest names first, left to right; a
        person's mention takes in the titles written before the name unless ``titles`` is false."""
        tokens = tokenize(text) if tokens is None else tokens
        content = [t for t in tokens if not t.article]
        found: list[Mention] = []
        i = 0
        while i < len(content):
            hit = self._match_at(text, tokens, content, i)
            if hit is None:
                i += 1
                continue
            length, key = hit
            first, last = content[i], content[i + length - 1]
            start = _with_article(text, tokens, first)
            if titles and self.entities[key].type in PERSON_TYPES:
                start = _with_titles(text, tokens, tokens[first.index], start)
            found.append(Mention(start, last.end, text[start : last.end], key, self.entities[key].type))
            i += length
        found += self._coordinated(text, tokens, content, found)
        return sorted(found, key=lambda m: (m.start, m.end))

    def _match_at(self, text: str, tokens: list[Token], content: list[Token], i: int) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        if content[i].norm in self.first_words:
            best = self._listed_at(text, tokens, content, i)
        if _skeleton(content[i].norm) not in self.first_skeletons:
            return best
        for length in range(min(self.longest_skeleton, len(content) - i), max(1, best[0] if best else 1), -1):
            window = content[i : i + length]
            key = self.skeletons.get(tuple(_skeleton(t.norm) for t in window))
            if key and all(t.text[:1].isupper() for t in window) and adjacent(text, window, tokens):
                return length, key
        return best

    def _listed_at(self, text: str, tokens: list[Token], content: list[Token], i: int) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        for length in range(min(self.longest, len(content) - i), 0, -1):
            window = content[i : i + length]
            entries = self.index.get(tuple(t.norm for t in window))
            if not entries or not adjacent(text, window, tokens):
                continue
            best = next(((length, key) for key, shape in entries if _fits(shape, window)), None)
            if best:
                break
        return best

    def _coordinated(self, text: str, tokens: list[Token], content: list[Token], found: list[Mention]) -> list[Mention]:
        """ "the Syrian and Jordanian armies": "Syrian army" and "Jordanian army" when both are listed."""
        taken = SpanIndex((m.start, m.end) for m in found)
        out = []
        for i in range(len(content) - 3):
            a, conj, b, head = content[i : i + 4]
            if conj.text != "and" or not (a.text[:1].isupper() and b.text[:1].isupper()) or not head.text.endswith("s"):
                continue
            if taken.covers(a.start) or taken.covers(head.end - 1) or not adjacent(text, content[i : i + 4], tokens):
                continue
            singular = re.sub(r"s$", "", head.norm)
            keys = [self.index.get((w.norm, singular)) for w in (a, b)]
            if all(keys):
                out += [
                    Mention(w.start, head.end, text[w.start : head.end], k[0][0], self.entities[k[0][0]].type)
                    for w, k in zip((a, b), keys, strict=True)
                    if k
                ]
        return out


def adjacent(text: str, window: list[Token], tokens: list[Token]) -> bool:
    """Consecutive words of one name: only spaces, hyphens and articles between them."""
    for left, right in itertools.pairwise(window):
        between = tokens[left.index + 1 : right.index]
        if any(not t.article for t in between):
            return False
        pieces = [text[a.end : b.start] for a, b in zip([left, *between], [*between, right], strict=True)]
        # "U.S.": initials are one name; otherwise only spaces and hyphens join words.
        if not all(
            re.fullmatch(r"[ \t\-‐]+|\.\s?" if len(a.text) == 1 else r"[ \t\-‐]+", piece)
            for a, piece in zip([left, *between], pieces, strict=True)
        ):
            return False
    return True


def _with_article(text: str, tokens: list[Token], first: Token) -> int:
    """Start of a mention, taking in the article written right before it ("al-Qassem")."""
    at = first.index
    if at > 0 and tokens[at - 1].article and re.fullmatch(r"[\s\-‐]", text[tokens[at - 1].end : first.start]):
        return tokens[at - 1].start
    return first.start


def _with_titles(text: str, tokens: list[Token], first: Token, start: int) -> int:
    """Start of a person's mention, taking in the titles written before it ("Major General MacFarlane")."""
    at = first.index
    while at > 0:
        previous = tokens[at - 1]
        if previous.text.rstrip(".").casefold() not in TITLES or not previous.text[:1].isupper():
            break
        if not re.fullmatch(r"\.? ", text[previous.end : tokens[at].start]):
            break
        at -= 1
        start = previous.start
    return start


def _local(iri: str) -> str:
    for prefix in SCHEMA:
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return "type" if iri == RDF_TYPE else iri


def _key_of(iri: str) -> str:
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail if field_pattern("key").match(tail) else slug(tail)


def _entity(iri: str, props: dict[str, list[Any]], source: str | None) -> Entity | None:
    types = [_local(t.value) for t in props.get("type", []) if isinstance(t, ox.NamedNode)]
    literals = [o for o in props.get("name", []) if isinstance(o, ox.Literal)]
    # The preferred name: one without a language tag or in English, else the first written.
    literals.sort(key=lambda o: 0 if not o.language or o.language.lower().startswith("en") else 1)
    names = list(dict.fromkeys(o.value for o in literals))
    if not types and not names:
        return None  # a node the entities only point to
    known = [t for t in types if t in ENTITY_TYPES]
    where = Location(source, iri)
    if not known:
        raise InputError(
            f"entity has no known type (got {types or 'none'}); expected one of {', '.join(ENTITY_TYPES)}", where
        )
    if not names:
        raise InputError("entity has no schema:name", where)
    key = _key_of(iri)
    if not key:
        raise InputError("cannot make a key from this IRI", where)
    alternates = tuple(dict.fromkeys(_texts(props, "alternateName")))
    same_as = tuple(sorted({o.value for o in props.get("sameAs", []) if isinstance(o, ox.NamedNode | ox.Literal)}))
    descriptions, jobs = _texts(props, "description"), _texts(props, "jobTitle")
    name = names[0]
    return Entity(
        key=key,
        iri=iri,
        type=known[0],
        name=name,
        alternate_names=tuple(dict.fromkeys([*(a for a in alternates if a != name), *names[1:]])),
        same_as=same_as,
        description=descriptions[0] if descriptions else None,
        job_title=jobs[0] if jobs else None,
    )


def _texts(props: dict[str, list[Any]], name: str) -> list[str]:
    """The literal values of a property, in order."""
    return [o.value for o in props.get(name, []) if isinstance(o, ox.Literal)]


def _position(exc: SyntaxError) -> tuple[int | None, int | None]:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "offset", None)
    return line, column
