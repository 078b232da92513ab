"""Who a source is: a named entity, a pronoun or description that refers back to one, or an anonymous source.

:mod:`ldpub.language.claims` finds a reporting verb and its subject; this module says who the
subject is, reading the article from the start so that what came before is known:

- a **name** the linking step found (:mod:`ldpub.language.linking`) is that entity; its account,
  website or statement ("the Maghawir al-Thawra Twitter account") is the entity too, and where the
  claim first appeared; an outlet's sources ("Athr’s sources") are anonymous, first published by
  the outlet;
- a **pronoun** refers back to the nearest entity that fits: "he"/"she" a person (of that gender
  when a title, a given name or an earlier pronoun told it), "they" an organisation or a group of sources,
  "it" an organisation, "I"/"we" in a quotation its speaker; "they" the plural subject last spoken of
  ("McConnell aides acknowledged …. But they …", or the first of "X and Y say …") when it is nearer
  than the organisation, or that organisation is no subject;
- a **definite description** refers back too: "the minister" to the person named with that role
  ("Interior Minister Leila Haddad", "Haddad, the minister") and not said to be of another party
  ("the Democratic nominee"), else — unless an organisation in it makes it an office no one was named
  as holding ("the FBI director": anonymous) — the last person named; "Clinton’s team" is hers; "the
  group", "the ministry" to the last organisation (one whose name holds the noun first); "the
  campaign", "the administration" with no such organisation to the person last named as its owner
  ("Donald Trump's presidential campaign"), else the person the story is about; "the city of
  Phoenix", "the state" to the place it names or the last one — a country as itself (its
  government), a city or a state as an unnamed organisation; "the source" to the anonymous source
  introduced before;
- an **indefinite or bare description** ("officials", "a source close to the talks", "two
  witnesses") is an anonymous source, a Person or an Organization as its noun says, affiliated
  with the organisation it names.

The nouns and pronouns are the lexicon's (``source_people``, ``source_roles``, ``source_groups``,
``source_groups_of_people``, ``source_places``, ``source_roles_electoral``, ``parties``, ``pronouns``,
``gendered_titles``, ``given_names``).
What fits nothing is no one: the claim keeps no author rather than a guess.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ldpub.entities import ORGANIZATION_TYPES, PERSON_TYPES, Mention
from ldpub.entities.gazetteer import lookup
from ldpub.language.analysis import Word
from ldpub.lexicon import entries, words

Author = str | dict[str, Any]

WINDOW = 2000  # characters back that a pronoun or description may reach (about four paragraphs)

_MEDIUM = re.compile(
    r"^\s*(?:(?:official\s+)?(?:Twitter|X|Facebook|Telegram|Instagram|YouTube)\s+)?"
    r"(?:account|page|channel|website|site|newspaper|statement|agency|news agency)\b",
    re.IGNORECASE,
)
_OWN_SOURCES = re.compile(r"^\s*(?:[’']s?\s+)?(?:own\s+)?(?:sources?|correspondents?|reporters?)\s*$", re.IGNORECASE)
_OUTLET_NAME = re.compile(
    r"\b(?:Press|News|Gazette|Times|Post|Herald|Tribune|Journal|Agency|TV|Radio|Observer|Review|Daily|Online)$"
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_QUANTIFIERS = frozenset({"one", "each", "some", "many", "several", "both", "all", "most", "few", "others", "those"})


@functools.cache
def _kinds(name: str) -> dict[str, str]:
    """Lexicon lists whose first spelling is a kind: each other spelling (casefolded) → its kind."""
    return {spelling.casefold(): entry[0] for entry in entries(name) for spelling in entry[1:]}


@functools.cache
def _source_words() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    """The lexicon's people, roles (each spelling → its role) and groups, casefolded."""
    people = frozenset(s.casefold() for s in words("source_people"))
    roles = {s.casefold(): entry[0] for entry in entries("source_roles") for s in entry}
    groups = frozenset(s.casefold() for s in words("source_groups"))
    return people, roles, groups


@functools.cache
def _name_heads() -> frozenset[str]:
    """Words that end an organisation's or a place's name ("Foundation", "Center"), casefolded."""
    return frozenset(w.casefold() for name in ("organisation_heads", "place_heads") for w in words(name))


def coarse(kind: str) -> str:
    if kind in PERSON_TYPES:
        return "Person"
    if kind in ORGANIZATION_TYPES:
        return "Organization"
    return "Place"


@dataclass(frozen=True)
class Phrase:
    """A source as the parse gives it: its head word, the name part, the whole description."""

    head: Word
    start: int  # the name part: the head with its compounds, modifiers, determiner and owner
    end: int
    full_start: int  # with what follows ("a source close to the talks")
    full_end: int
    determiner: str = ""  # "the", "a", "two" … (casefolded), or ""
    owner: Word | None = None  # "Athr’s sources": Athr
    proper: bool = False  # the description starts with a name ("US officials", "Trump aides")
    sentence_start: int = 0  # where its sentence starts
    compound_name: bool = False  # a name is part of it ("the Maghawir al-Thawra Twitter account")


@dataclass
class Sources:
    """Resolves sources in article order, remembering what it learnt (genders, roles, anonymous sources)."""

    body: str
    mentions: list[Mention]
    types: dict[str, str]
    names: dict[str, str]
    gender: dict[str, str] = field(default_factory=dict)
    given_gender: dict[str, str] = field(default_factory=dict)  # what a given name tells ("Gwen Moore")
    roles: dict[str, set[str]] = field(default_factory=dict)
    anonymous_sources: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    subjects: set[int] = field(default_factory=set)  # starts of mentions that are a clause's subject
    main_subjects: set[int] = field(default_factory=set)  # … the subject of their sentence's main verb
    speakers: list[tuple[int, str]] = field(default_factory=list)  # (where, entity) of each claim's author
    context: dict[str, set[str]] = field(default_factory=dict)  # words said of a person: "Indiana governor"
    quotes: list[tuple[int, int]] = field(default_factory=list)  # the article's quotations
    # plural subjects that are people or groups ("McConnell aides acknowledged …"): each as a phrase
    plural_subjects: list[Phrase] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.pronouns = _kinds("pronouns")
        # A pronoun the model took for a name ("She" at a sentence start) is no mention of anyone.
        self.mentions = sorted(
            (m for m in self.mentions if m.surface.casefold() not in self.pronouns), key=lambda m: (m.start, m.end)
        )
        self.starts = [m.start for m in self.mentions]
        self.quote_starts = [a for a, _ in self.quotes]
        self.titles = _kinds("gendered_titles")
        self.given = _kinds("given_names")
        self.any_group = frozenset(w.casefold() for w in words("source_groups_any"))
        self.outlet_nouns = frozenset(w.casefold() for w in words("source_groups_outlets"))
        self.personal_groups = frozenset(w.casefold() for w in words("source_groups_of_people"))
        self.places = frozenset(w.casefold() for w in words("source_places"))
        self.electoral = frozenset(w.casefold() for w in words("source_roles_electoral"))
        self.numbers = frozenset(words("number_words"))
        self.party = {_stem(s.casefold()): entry[0] for entry in entries("parties") for s in entry}
        self.people, self.role_of, self.groups = _source_words()
        self.role_words = self.role_of.keys()

    def _family_names(self, words: Sequence[Word]) -> None:
        """A family name written alone after a person's full name is a person: the one it named the first
        time it was written alone ("Cruz" stays Ted Cruz after "Heidi Cruz" is named: news calls the
        others by their first or full name), else the person last named with it — whatever type the
        linking step gave the name alone ("Lynch" after "Loretta E. Lynch"), or when it left it unlinked."""
        family: dict[str, str] = {}  # family name (casefolded) → the person it names alone
        last_named: dict[str, str] = {}  # family name → the person last named in full with it
        unlinked = [
            Mention(w.start, w.end, w.text, "", "")
            for w in words
            if (w.proper or (w.tag == "NN" and w.text[:1].isupper())) and self.mention_at(w.start) is None
        ]
        out = []
        for m in sorted(self.mentions + unlinked, key=lambda m: (m.start, m.end)):
            written = _family(m.surface)
            name = _name_words(self.names.get(m.key, m.surface)) if m.key else []
            if written is None:
                if coarse(self.types.get(m.key, "")) == "Person" and len(name) > 1:
                    last_named[name[-1].casefold()] = m.key
                if m.key:
                    out.append(m)
                continue
            person = coarse(self.types.get(m.key, "")) == "Person" and name[-1:] == [written]
            key = family.get(written) or (m.key if person else last_named.get(written))
            if key is None:
                if m.key:
                    out.append(m)
                continue
            family.setdefault(written, key)
            key = self._titled(m, written, key)
            out.append(m if key == m.key else Mention(m.start, m.end, m.surface, key, "Person"))
        self.mentions = out
        self.starts = [m.start for m in self.mentions]

    def _titled(self, m: Mention, family: str, key: str) -> str:
        """ "Mrs. Clinton" after Bill and Hillary Clinton are named: the one of that family whose given name
        agrees with the title, when the one the name alone stands for does not."""
        title = re.search(r"\b(Mr|Mrs|Ms|Miss)\.?\s*$", self.body[max(0, m.start - 6) : m.start])
        if title is None:
            return key
        wanted = "masculine" if title.group(1) == "Mr" else "feminine"
        if self._given_gender(key) in ("", wanted):
            return key
        others = [
            k
            for k, name in self.names.items()
            if coarse(self.types.get(k, "")) == "Person"
            and _name_words(name)[-1:] == [family]
            and self._given_gender(k) == wanted
        ]
        return others[0] if len(others) == 1 else key

    def _given_gender(self, key: str) -> str:
        words = self.names.get(key, "").split()
        return self.given.get(words[0].casefold(), "") if len(words) > 1 else ""

    def _learn_mentions(self) -> None:
        """Gender from a title before a person's name ("Mr. Aoun"); roles from the words before it."""
        for m in self.mentions:
            if coarse(self.types.get(m.key, "")) != "Person":
                continue
            text = self.body[max(0, m.start - 40) : m.start]
            before = re.findall(r"[\w.]+", text)[-4:]
            ended = re.search(r"[.!?;:]\s*$|\n", text) and not (before and before[-1].casefold() in self.titles)
            if ended:
                before = []  # the words before belong to another sentence (but "Mr." is a title)
            surface = m.surface.split()
            for w in surface[:-1]:
                self.learn_word(m.key, w)
            for w in reversed(before):  # "Interior Minister", "Mrs.", "Democratic nominee": up to another word
                if not (w[:1].isupper() or w.casefold() in self.role_of or w.casefold() in self.titles):
                    break
                self.learn_word(m.key, w)
        for key in self.names:  # "Gwen Moore": a given name the lexicon knows, where no title told
            gender = self._given_gender(key) if coarse(self.types.get(key, "")) == "Person" else ""
            if gender:
                self.given_gender[key] = gender

    def learn_from(self, words: Sequence[Word]) -> None:
        """What the parse tells: which mentions are subjects, and a person's gender from a subject pronoun
        that follows their name with no other person between — in the same sentence ("Haddad said
        she …"), or opening the next when the one before named one person ("Haddad spoke. She …")."""
        self._family_names(words)
        self._learn_mentions()
        persons: dict[int, str | None] = {}  # sentence → the one person named in it so far, None if several
        votes: dict[str, Counter[str]] = {}
        for w in words:
            mention = self.mention_at(w.start)
            if w.dep == "appos":
                self.learn_appositive(w, words)
            if mention is not None:
                self.learn_mention(w, mention, persons, words)
                if w.dep in ("nsubj", "nsubjpass") and 0 <= w.head < len(words) and words[w.head].dep == "ROOT":
                    self.main_subjects.add(mention.start)
                elif w.dep == "pobj" and _according_to(w, words) and _on_root(w, words):
                    self.main_subjects.add(mention.start)  # "S, according to X": X the source of the sentence
                top = _name_top(w, words)
                if top.start >= mention.end and top.dep in ("nsubj", "nsubjpass"):
                    # "Ban Ki-moon condemned …" with the mention cut at "Ban Ki": the name's last word is the subject
                    self.subjects.add(mention.start)
                    if 0 <= top.head < len(words) and words[top.head].dep == "ROOT":
                        self.main_subjects.add(mention.start)
                joined = any(x.dep == "conj" and x.head == w.index for x in words[w.index + 1 : w.index + 8])
                if w.dep in ("nsubj", "nsubjpass") and joined and not self.quoted(w.start):
                    self.learn_plural(w, words, joined=True)  # "Mr. Grassley and Mr. Leahy say …": "they"
                continue
            subject = w.dep in ("nsubj", "nsubjpass") or _according_to(w, words)
            if subject and w.tag in ("NNS", "NNPS") and not self.quoted(w.start):
                self.learn_plural(w, words)  # "McConnell aides acknowledged", "according to show insiders"
            kind = self.pronouns.get(w.text.casefold())
            if kind not in ("masculine", "feminine") or self.quoted(w.start) or w.dep not in ("nsubj", "nsubjpass"):
                continue  # "Melanie loved his speech": a possessive or an object is often someone else
            person = persons.get(w.sentence, "")
            if person == "" and w.dep in ("nsubj", "nsubjpass"):
                person = persons.get(w.sentence - 1, "")  # nobody named yet in this sentence: the one before
            if person:
                votes.setdefault(person, Counter())[kind] += 1
        for key, counted in votes.items():
            self.gender.setdefault(key, counted.most_common(1)[0][0])

    def learn_plural(self, w: Word, words: Sequence[Word], *, joined: bool = False) -> None:
        """ "McConnell aides acknowledged …", "Democrats noted …", "environmentalists worry …": a plural
        subject naming people or a group (a noun of the lexicon's sources, roles or groups, or a plural
        name), or names joined by "and" ("Mr. Grassley and Mr. Leahy say …": the first), for a "they" after it."""
        low = w.text.casefold()
        known = low in self.people or _singular(low) in self.people or low in self.role_words
        if not joined and w.tag != "NNPS" and not known and _singular(low) not in self.groups:
            return
        inside = [j for j in range(max(0, w.index - 8), min(len(words), w.index + 12)) if _under(words, j, w.index)]
        first = w.index
        while first - 1 in inside:
            first -= 1
        last = w.index
        while last + 1 in inside:
            last += 1
        det = next((k.text.casefold() for k in words[first : w.index] if k.dep == "det" and k.head == w.index), "")
        sentence_start = next((x.start for x in reversed(words[: w.index + 1]) if x.sentence != w.sentence), -1)
        self.plural_subjects.append(
            Phrase(
                w,
                words[first].start,
                w.end,
                words[first].start,
                words[last].end,
                det,
                None,
                words[first].proper,
                max(0, sentence_start),
            )
        )

    def learn_mention(
        self, w: Word, mention: Mention, persons: dict[int, str | None], words: Sequence[Word] = ()
    ) -> None:
        if w.dep in ("nsubj", "nsubjpass") or (w.dep == "pobj" and words and _according_to(w, words)):
            self.subjects.add(mention.start)  # "according to X" names a source as a subject does
        if coarse(self.types.get(mention.key, "")) == "Person" and not self.quoted(w.start):
            seen = persons.get(w.sentence, mention.key)
            persons[w.sentence] = mention.key if seen == mention.key else None

    def learn_appositive(self, word: Word, words: Sequence[Word]) -> None:
        """ "Mike Pence, the Indiana governor, …": the words of the appositive are said of the person."""
        head = words[word.head] if 0 <= word.head < len(words) and words[word.head].index == word.head else None
        mention = self.mention_at(head.start) if head is not None else None
        if mention is None or coarse(self.types.get(mention.key, "")) != "Person":
            return
        for w in words[max(0, word.index - 4) : word.index + 1]:
            if w.head == word.index or w is word:
                self.learn_word(mention.key, w.text)

    def mention_at(self, at: int) -> Mention | None:
        i = bisect.bisect_right(self.starts, at) - 1
        return self.mentions[i] if i >= 0 and self.mentions[i].start <= at < self.mentions[i].end else None

    def learn_word(self, key: str, word: str) -> None:
        """A word said of a person, before the name or in an appositive: a title, a role, a qualifier."""
        low = word.casefold()
        gender = self.titles.get(low)
        if gender:
            self.gender.setdefault(key, gender)
        if low in self.role_of:
            self.roles.setdefault(key, set()).add(self.role_of[low])
        self.context.setdefault(key, set()).add(_stem(low.rstrip(".")))

    def note_speaker(self, at: int, author: Author | None) -> None:
        if isinstance(author, str) and coarse(self.types.get(author, "")) == "Person":
            self.speakers.append((at, author))

    # -- resolution ---------------------------------------------------------------------

    def resolve(self, phrase: Phrase, speaker: Author | None = None) -> Author | None:
        """Who ``phrase`` is, at its place in the article; ``speaker`` is the quotation's, if inside one."""
        low = phrase.head.text.casefold()
        if low in self.pronouns and phrase.start == phrase.head.start:
            return self.pronoun(self.pronouns[low], phrase, speaker)
        named = self.named(phrase)
        if named is not None:
            return named
        if phrase.head.tag in ("NNP", "NNPS") and low not in self.groups:
            found = self.by_name(phrase.head.text, phrase.start)  # "Clinton": the one named so before
            if found is not None or phrase.head.tag == "NNP":
                return found
        if low in self.places and phrase.determiner in _DEFINITE:
            place = self.place(phrase)  # "the city of Phoenix", "the state" after "Florida"
            if place is not None:
                return place
        if low in self.people or low in self.role_words or low in self.groups:
            return self.description(phrase, low)
        gender = self.titles.get(low, "") if phrase.head.tag == "NN" else ""
        count = re.fullmatch(r"\s*of\s+(\w+)\s*", self.body[phrase.end : phrase.full_end])
        # "the 34-year-old mother of three": a count, no one else
        children = count is not None and (count.group(1).isdigit() or count.group(1).casefold() in self.numbers)
        if gender and phrase.determiner in _DEFINITE and (phrase.full_end <= phrase.end or children):
            # "the New York businessman said" (not "the father of the victim"): the last man named
            found = self.back(phrase.start, ("Person",), gender=gender, salient=phrase.sentence_start)
            if found is not None:
                return found
        if phrase.head.tag == "CD" or low in _QUANTIFIERS:
            return self.anonymous(phrase, low)  # "one of the family's attorneys", "each", "two of them"
        if phrase.head.tag in ("NNS", "NNPS") and phrase.determiner not in _DEFINITE:
            return self.anonymous(phrase, low)  # "Republicans said", "many voters say": a group, unnamed
        if phrase.head.tag == "NN" and phrase.determiner in _DEFINITE and not phrase.compound_name:
            found = self.back(phrase.start, ("Organization",), noun=low)
            if found is not None:
                return found  # "the fund" after "the International Monetary Fund"
        if phrase.head.tag == "NN" and (phrase.determiner or phrase.owner is not None) and not phrase.compound_name:
            return self.anonymous(phrase, low)  # "the announcer said", "Connecticut's tax commissioner says"
        return None

    def named(self, phrase: Phrase) -> Author | None:
        """The entity the phrase names (or whose account, statement or sources it is), else None."""
        head = phrase.head
        covering = self.within(phrase.full_start, phrase.full_end)
        at_head = self.mention_at(head.start)
        if at_head is not None:
            return at_head.key
        inside = [m for m in covering if m.end <= phrase.end]
        person = self.cut_name(inside, phrase)
        if person is not None:
            return person
        for mention in reversed(inside):
            tail = self.body[mention.end : phrase.end]
            if _OWN_SOURCES.match(tail):  # "Athr’s sources": the outlet's, unnamed
                name = self.body[mention.start : phrase.end].strip(' “”"')
                return {"anonymous": name, "type": "Person", "_outlet": mention.key}
            medium = _MEDIUM.match(tail)
            if medium and medium.end() == len(tail.rstrip()) and phrase.determiner not in ("a", "an"):
                name = self.body[mention.start : phrase.end].strip(' “”"')
                return {"entity": mention.key, "medium": name}
        return None

    def cut_name(self, inside: list[Mention], phrase: Phrase) -> str | None:
        """A person's name the linking step cut short, the subject's head being its last word ("British
        Prime Minister Theresa May" with "Theresa" found, "Park Geun-hye" with "Park Geun"): the person —
        not when the word after makes an organisation's or a place's name ("the Clinton Foundation")."""
        if phrase.head.tag not in ("NNP", "NNPS"):
            return None
        people = [m for m in inside if m.end > phrase.start and coarse(self.types.get(m.key, "")) == "Person"]
        if len(people) != 1 or len(inside) != 1:
            return None
        tail = self.body[people[0].end : phrase.end]
        word = re.fullmatch(r"(?:-[\w’'-]+|\s[A-Z][\w’'-]*)", tail)
        if word is None or word.group(0).strip(" -").casefold() in _name_heads():
            return None
        return people[0].key

    def pronoun(self, kind: str, phrase: Phrase, speaker: Author | None) -> Author | None:
        at = phrase.start
        if kind == "speaker":
            return speaker
        if kind in ("masculine", "feminine"):
            return self.back(at, ("Person",), gender=kind, salient=phrase.sentence_start)
        plural = kind == "plural"
        recent = self.recent_anonymous(at, plural=plural, kind="" if plural else "Organization")
        found = self.back(at, ("Organization",), salient=None if plural else phrase.sentence_start)
        group = self.plural_subject(at) if plural and not self.quoted(at) else None
        nearer = group is not None and (recent is None or group.start > recent[0])
        where = self._position(found, at) if found is not None else -1
        if group is not None and nearer and (group.start > where or where not in self.subjects):
            # "McConnell aides acknowledged …. But they emphasized …": the people last spoken of, before an
            # organisation named since that is no subject ("… in a closed session of the House committee")
            return self.named(group) or self.anonymous(group, group.head.text.casefold())
        if recent is not None and (found is None or recent[0] > self._position(found, at)):
            return dict(recent[1])
        if found is None and not plural:
            return self.back(at, ("Place",), salient=phrase.sentence_start)  # "it": the city, the country
        return found

    def _parties(self, stems: set[str]) -> set[str]:
        """The parties (the lexicon's) that word stems name: "democra" → democratic, "gop" → republican."""
        return {self.party[stem] for stem in stems if stem in self.party}

    def plural_subject(self, at: int) -> Phrase | None:
        """The last plural subject of people or a group before ``at``, within about three sentences."""
        for group in reversed(self.plural_subjects):
            if group.full_end <= at:
                return group if group.start >= at - WINDOW // 3 else None
        return None

    def description(self, phrase: Phrase, noun: str) -> Author | None:
        """A description: definite ones refer back, indefinite and bare ones are anonymous."""
        pronoun_owner = phrase.owner is not None and phrase.owner.tag == "PRP$"  # "his spokesman", not "Athr’s"
        if noun in self.groups and phrase.owner is not None and not pronoun_owner:
            owners = [m for m in self.within(phrase.start, phrase.end) if coarse(self.types.get(m.key, "")) != "Place"]
            if owners and _singular(noun) in self.personal_groups:  # "Clinton’s team", "Trump's campaign": theirs
                return owners[-1].key
        if phrase.determiner in _DEFINITE or pronoun_owner:
            singular = _singular(noun)
            earlier = self.recent_anonymous(phrase.start, head=singular)
            if earlier is not None:
                return dict(earlier[1])  # "the source": the one introduced before
            if noun in self.role_words:
                written = self.body[phrase.start : phrase.end]
                described = {_stem(w) for w in re.findall(r"[\w]+", written.casefold())}
                # "the Democratic nominee": not the one named with that role whom the article calls a Republican
                found = self.with_role(phrase.start, self.role_of[noun], described, parties=self._parties(described))
                office = [
                    m
                    for m in self.within(phrase.start, phrase.end)
                    if coarse(self.types.get(m.key, "")) == "Organization"
                ]
                if found is None and office and self.role_of[noun] not in self.electoral:
                    # "the FBI director": that office's, unnamed here, not the last person named
                    return self.anonymous(phrase, noun)
                gender = self.titles.get(noun, "")  # "the congresswoman": a woman
                found = found or self.back(phrase.start, ("Person",), gender=gender, salient=phrase.sentence_start)
                if found is not None:
                    return found
            if noun in self.groups and not pronoun_owner:
                modifier = [
                    m for m in self.within(phrase.start, phrase.end) if coarse(self.types.get(m.key, "")) != "Place"
                ]
                if modifier:  # "the Clinton campaign", "the Trump administration": theirs
                    return modifier[-1].key
                found = self.back(phrase.start, ("Organization",), noun=singular)
                if found is None and singular in self.any_group:  # "the group" after "Islamic State"
                    found = self.back(phrase.start, ("Organization",), salient=phrase.sentence_start, outlets="no")
                if found is None and singular in self.outlet_nouns:  # "the network" after "RT"
                    found = self.back(phrase.start, ("Organization",), outlets="only")
                if found is None and singular in self.personal_groups:  # "the campaign": the candidate's
                    found = self.owner(phrase.start, singular) or self.back(
                        phrase.start, ("Person",), salient=phrase.sentence_start
                    )
                if found is not None:
                    return found
        return self.anonymous(phrase, noun)

    def owner(self, at: int, noun: str) -> str | None:
        """The person last named as the owner of ``noun`` before ``at`` ("Donald Trump's presidential
        campaign", "the Clinton campaign"), within the window."""
        hi = bisect.bisect_left(self.starts, at)
        owned = rf"\s+(?:[\w-]+\s+){{0,2}}{re.escape(noun)}s?\b"  # "’s presidential campaign"
        after = re.compile(rf"(?:[’']s?{owned}|\s+{re.escape(noun)}s?\b)", re.IGNORECASE)
        after_owner = re.compile(owned, re.IGNORECASE)  # the mention holds the "’s"
        for m in reversed(self.mentions[max(0, hi - 200) : hi]):
            if m.start < at - WINDOW:
                break
            if coarse(self.types.get(m.key, "")) != "Person":
                continue
            pattern = after_owner if re.search(r"[’']s?$", m.surface) else after
            if pattern.match(self.body, m.end, m.end + 40):
                return m.key
        return None

    def place(self, phrase: Phrase) -> Author | None:
        """A definite place noun: the place its description names ("the city of Phoenix"), else the place
        last named ("the country" after "France"). A country is the author (its government, as for "France
        said"); a city or a state speaks through an office the text does not name: an unnamed organisation."""
        named = [m for m in self.within(phrase.start, phrase.full_end) if coarse(self.types.get(m.key, "")) == "Place"]
        earlier = self.recent_anonymous(phrase.start, head=_singular(phrase.head.text.casefold()))
        if earlier is not None and not named:
            return dict(earlier[1])  # "the city" after "the city of Phoenix"
        key = named[0].key if named else self.back(phrase.start, ("Place",), salient=phrase.sentence_start)
        if key is None:
            return None
        known = lookup(self.names.get(key, ""))
        if known is not None and known.kind == "country":
            return key
        return self.anonymous(phrase, phrase.head.text.casefold(), kind="Organization")

    def quoted(self, at: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, at) - 1
        return i >= 0 and at < self.quotes[i][1]

    def anonymous(self, phrase: Phrase, noun: str, kind: str = "") -> dict[str, Any]:
        """An unnamed source as the article describes it, affiliated with the organisation it names."""
        text = re.sub(r"\s+", " ", self.body[phrase.full_start : phrase.full_end]).strip(" ,“”\"'")
        source: dict[str, Any] = {"anonymous": text if phrase.proper else text[:1].lower() + text[1:]}
        source["type"] = kind or ("Organization" if noun in self.groups else "Person")
        affiliated = [
            m for m in self.within(phrase.full_start, phrase.full_end) if coarse(self.types.get(m.key, "")) != "Person"
        ]
        if affiliated and source["type"] == "Person":
            source["affiliation"] = affiliated[-1].key
        self.anonymous_sources.append((phrase.start, source))
        return source

    # -- looking back --------------------------------------------------------------------

    def within(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def back(
        self,
        at: int,
        kinds: tuple[str, ...],
        *,
        gender: str = "",
        noun: str = "",
        salient: int | None = None,
        window: int = WINDOW,
        outlets: str = "any",
    ) -> str | None:
        """The nearest entity before ``at`` of one of ``kinds`` (and gender, and a name holding ``noun``).
        With ``salient`` (where the sentence starts), a subject is preferred: one earlier in the same
        sentence ("Haddad said she …"), else the last subject before it, else the nearest mention."""
        fits = []
        hi = bisect.bisect_left(self.starts, at)
        outside = not self.quoted(at)
        for m in reversed(self.mentions[max(0, hi - 200) : hi]):
            if m.start < at - window:
                break
            if outside and self.quoted(m.start):
                continue  # a name inside a quotation is not what a pronoun outside it refers to
            if coarse(self.types.get(m.key, "")) not in kinds:
                continue
            if gender and (self.given_gender.get(m.key) or self.gender.get(m.key, gender)) != gender:
                continue  # "she" is not a man the article or his given name says is one
            if noun and noun not in self.names.get(m.key, m.surface).casefold():
                continue
            if outlets != "any" and self.is_outlet(m.key) != (outlets == "only"):
                continue  # "the group said" is not the newspaper that reports it; "the newspaper" is one
            fits.append(m)
        recent = [m for m in fits if m.start >= at - window // 3]
        known = [m for m in recent if gender and self.gender.get(m.key) == gender]
        last_speaker = next((key for where, key in reversed(self.speakers) if where < at), None)
        if known and salient is not None and not any(m.start in self.main_subjects for m in known):
            # … but the one who spoke last stays in the running when those others are only named in passing, never
            # a sentence's subject (", said Leslie Wimes. … the Clinton campaign … “…,” she said"): a speaker's
            # gender often goes unwritten
            known += [m for m in recent if m.key == last_speaker and m not in known]
        every, fits = fits, known or fits  # a person known to be "she" before one whose gender the article never told
        if not fits:
            return None
        chosen = fits[0]
        if salient is not None:
            subjects = [m for m in fits if m.start in self.subjects]
            same = [m for m in subjects if m.start >= salient]
            keys = {m.key for m in fits}
            spoke, speaker = next(((where, key) for where, key in reversed(self.speakers) if where < at), (-1, None))
            speaking = [m for m in fits if m.key == speaker] if speaker in keys else []
            main = [
                m
                for m in every  # of the gender sought, or of none the article told when no one's is known
                if m.start in self.main_subjects
                and (m in fits or (self.given_gender.get(m.key) or self.gender.get(m.key)) == gender)
            ]
            if main and main[0].start > spoke and main[0].key != speaker:
                speaking = main[:1]  # a sentence about someone else since the last speaker spoke: the story moved on
            chosen = (same or speaking or subjects or fits)[0]
        if gender:
            self.gender[chosen.key] = gender
        return chosen.key

    def by_name(self, word: str, at: int) -> str | None:
        """A name the linking step did not link, written as part of an entity's name mentioned before."""
        low = word.casefold()
        hi = bisect.bisect_left(self.starts, at)
        for m in reversed(self.mentions[:hi]):
            name = self.names.get(m.key, m.surface)
            if coarse(self.types.get(m.key, "")) != "Place" and low in name.casefold().split():
                return m.key
        return None

    def with_role(
        self, at: int, role: str, described: set[str], parties: frozenset[str] | set[str] = frozenset()
    ) -> str | None:
        """The person named before with this role, the one the description's words fit best
        ("the Democratic nominee"), the most recent of equals — not one said to be of another party than
        ``parties`` (the description's)."""
        hi = bisect.bisect_left(self.starts, at)
        best, score = None, -1
        for m in reversed(self.mentions[:hi]):
            theirs = self._parties(self.context.get(m.key, set()))
            if parties and theirs and not parties & theirs:
                continue
            if role in self.roles.get(m.key, ()):
                fit = len(described & self.context.get(m.key, set()))
                if fit > score:
                    best, score = m.key, fit
        return best

    def recent_anonymous(
        self, at: int, *, head: str = "", plural: bool = False, kind: str = ""
    ) -> tuple[int, dict[str, Any]] | None:
        for where, source in reversed(self.anonymous_sources[-20:]):
            if where >= at or where < at - WINDOW or (kind and source.get("type") != kind):
                continue
            described = source["anonymous"].casefold().split()
            if head and not any(_singular(w) == head for w in described):
                continue
            if plural and not (described and described[-1].endswith("s")):
                continue
            return where, source
        return None

    def _position(self, key: str, at: int) -> int:
        hi = bisect.bisect_left(self.starts, at)
        return next((m.start for m in reversed(self.mentions[:hi]) if m.key == key), -1)

    def is_outlet(self, key: str) -> bool:
        """A news outlet: typed so in the authority, or named like one ("Athr Press", "Harbour Gazette")."""
        if self.types.get(key) == "NewsMediaOrganization":
            return True
        return self.types.get(key) == "Organization" and bool(_OUTLET_NAME.search(self.names.get(key, "")))


def _heads(words: Sequence[Word], j: int, steps: int) -> Iterator[int]:
    """The indices of the words above word ``j`` in the parse, nearest first, at most ``steps`` of them."""
    for _ in range(steps):
        if not 0 <= words[j].head < len(words) or words[j].head == j:
            return
        j = words[j].head
        yield j


def _according_to(w: Word, words: Sequence[Word]) -> bool:
    """Whether ``w`` is the object of "according to" ("according to show insiders", whatever the parse
    makes of the words between)."""
    j = next((j for j in _heads(words, w.index, 3) if words[j].text.casefold() == "according"), None)
    return j is not None and j + 1 < len(words) and words[j + 1].text.casefold() == "to"


def _name_top(w: Word, words: Sequence[Word]) -> Word:
    """The last word of the name ``w`` is part of, by the parse: the head its compounds lead to."""
    for _ in range(6):
        if w.dep != "compound" or not 0 <= w.head < len(words) or not words[w.head].proper:
            break
        w = words[w.head]
    return w


def _on_root(w: Word, words: Sequence[Word]) -> bool:
    """Whether ``w`` (the object of "according to") hangs on its sentence's main verb."""
    return any(words[j].dep == "ROOT" for j in _heads(words, w.index, 4))


def _under(words: Sequence[Word], j: int, head: int) -> bool:
    """Whether word ``j`` is ``head`` or in its subtree (by the parse's heads, a few steps up)."""
    return j == head or head in _heads(words, j, 5)


def _family(surface: str) -> str | None:
    """A name written as one capitalised word ("Cruz", "Cruz's"): that word, casefolded; else None."""
    word = re.sub(r"[’']s?$", "", surface.strip())
    return word.casefold() if word[:1].isupper() and " " not in word and word.isalpha() else None


def _name_words(name: str) -> list[str]:
    """A name's capitalised words, casefolded, without a bracket ("Ted Cruz (R-Tex.)" → ted, cruz)."""
    return [w.casefold() for w in re.findall(r"\b[A-Z][\w’'-]*", re.sub(r"\(.*?\)", "", name))]


def _stem(word: str) -> str:
    """A word's first seven letters: "Democrat" and "Democratic", "Republicans" and "Republican" agree."""
    return word[:7]


def _singular(noun: str) -> str:
    for plural, singular in (("people", "person"), ("men", "man"), ("ies", "y"), ("s", "")):
        if noun.endswith(plural) and len(noun) > len(plural) + 2:
            return noun[: -len(plural)] + singular
    return noun


__all__ = ["Author", "Phrase", "Sources", "coarse"]
