"""PolNeAR's development split as gold attributions, and the scores of found claims against them.

The split lives in ``../shared/benchmarks/polnear-dev`` (never in the repository: the texts belong
to their publishers): ``text/NAME.txt`` and brat standoff files ``attributions/NAME_xxxx.ann``;
where a text has several annotation files, the first in sorted order is used.

Definitions, written here once so that every path is scored the same way:

- **words** of a text: its casefolded runs of letters and digits (``[^\\W_]+``), as a set;
- a found claim **matches** a gold attribution when it holds at least half of the gold content's
  words, one of them at least a word of content (not only "a", "the", "that" …,
  :data:`_FUNCTION_WORDS`: a claim holding "a" does not restate the attribution "a location");
  claims and gold attributions are paired one to one, the pairs that overlap most (shared words
  over both texts' words) first, so that a long claim is paired with the attribution it restates
  and not with a short one whose two or three words it also holds;
- an attribution is **speech-cued** when its cue holds a verb or phrase of saying or writing from
  :data:`SPEECH_CUES` (a fixed list of this benchmark, independent of ldpub's lexicon, so that
  growing the lexicon cannot move the gold set);
- a gold source is a **name** when its head (the last word before a comma, a dash, a bracket, a
  preposition or a relative pronoun) is capitalised — except a plural with no other capitalised
  word before it ("Republicans", "Polls", "many African-Americans", and "Fellow Republicans"
  opening a sentence) and that the language model does not read as the name of a person, an
  organisation or a place ("Sanders", "Reuters" and "The Times" are names), which is a group, and
  one word opening a sentence that the article writes in lower case elsewhere ("Police say") —, a
  **pronoun** when it is one, else a **description**;
- **author right** for a name source: the found author's name shares a capitalised word with the
  source (apostrophes ’ and ' alike), or one is the other's acronym ("the IMF", "International
  Monetary Fund"). For a pronoun or a description PolNeAR gives no referent, so the reference is
  made from the gold annotation itself: an indefinite or bare description ("a source",
  "officials", "Democrats", and "Authorities" or "Some experts" opening a sentence, whose capital
  is the sentence's; a capital of its head is a group's) and a definite one headed by a source
  noun ("the source") are anonymous (the found author must be an anonymous node), except one that
  gives a name after a comma or "by" ("a lawyer
  for the outlets, David Schulz,", "an analysis by Lily Batchelder": that name); any other pronoun
  or description refers to the nearest preceding gold source that is a name of a fitting class,
  as the language model labels that name: a person for "he", "she", "I", "you" and descriptions
  of people ("the senator"), an organisation, group or country for "they", "it" and descriptions
  of organisations ("the campaign", :data:`_GROUP_NOUNS`) — for "he" and "she", the nearest one the
  annotation and the article do not give the other gender (:data:`_MASCULINE`, :data:`_FEMININE`: a
  word of the name's annotated span, "Interim DNC Chairwoman …", or a title before its last name in
  the text, "Mrs. Clinton"; the README's pronouns "point back to a name", and "she" does not point
  back to a man). Three kinds of description are read from the text itself, as a reader does, since
  the nearest gold source is not what they refer to:

  - a description of an organisation or of a work (:data:`_GROUP_NOUNS`, :data:`_WORK_NOUNS`: "poll",
    "report", "ad", "statement" …) that holds a name the language model reads as a person, an
    organisation or a place before its head ("the Trump campaign", "A Bloomberg poll", "The GOP’s
    complaint", "a New York Times/CBS News poll": all the names it holds; a participle ends the head,
    "a report released last year") refers to that name — its maker, as does a capitalised name after
    "by" ("a new report by Politico"); a definite work with no name in it ("the poll", "the study")
    to the maker that the last such work named within 1,500 characters, else it is unknown (a work's
    maker is whoever made it, which no rule on the gold sources can tell);
  - a description of people opening with an indefinite word, or a bare plural ("A New York judge",
    "two Democratic speechwriters", "Central European leaders"), is anonymous, its capitals
    notwithstanding; one owned by a name or a pronoun ("Pagliano's lawyer", "his ex-wife") is not its
    owner: anonymous when plural, unknown when singular (the text may name that person or not);
  - a relative pronoun ("who", "which", "that") refers to the name of a person or an organisation
    written right before it (a comma apart at most, and not the end of a longer phrase, "a professor
    at Harvard, who"), else it is unknown.

  "They", "them" and "their" refer to the nearest of the organisation the rule above finds and the
  last plural source — an anonymous group ("Democrats", "critics of the program") or names joined by
  "and" ("Mr. Grassley and Mr. Leahy") —, as "they" is people more often than an organisation.

  An unknown referent leaves the attribution out of the figure. An attribution with no source
  annotated has no author to check; one whose
  source holds only words of saying and whose cue none ("said" the source, "Mulgrew" the cue) has
  the two swapped, as the README's sources are names, descriptions or pronouns. That reference is
  an approximation (it knows a gender only where the text writes one, and no role), said so
  wherever the figure is quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "polnear-dev"

SPEECH_CUES = frozenset(
    """
    say says said saying tell tells told telling according announce announced announces announcing state stated
    states statement declare declared declares add added adds write wrote writes written writing tweet tweeted
    tweets deny denied denies denial accuse accused accuses claim claimed claims report reported reports reporting
    confirm confirmed confirms insist insisted insists warn warned warns explain explained explains argue argued
    argues ask asked asks reply replied replies respond responded responds testify testified admit admitted admits
    acknowledge acknowledged acknowledges note noted notes comment commented comments quote quoted quoting recall
    recalled assert asserted allege alleged alleges charge charged vow vowed promise promised predict predicted
    reveal revealed disclose disclosed stress stressed emphasize emphasized mention mentioned remark remarked
    retort retorted concede conceded urge urged boast boasted complain complained suggest suggested repeat
    repeated describe described call called interview speech spoke speaking told
    """.split()  # noqa: SIM905
)
_PRONOUNS = frozenset("he she they i we it you him her them me us his hers".split())  # noqa: SIM905
_SOURCE_NOUNS = frozenset("source sources official officials aide aides person people insider insiders".split())  # noqa: SIM905
_PERSON = frozenset({"PERSON"})
_NAMED = frozenset({"PERSON", "ORG", "GPE"})  # a plural the model reads as one of these is a name ("Reuters")
_GROUP = frozenset({"ORG", "NORP", "GPE"})
_AGENTS = frozenset({"PERSON", "ORG"})
_GROUP_NOUNS = frozenset(
    """
    campaign company group party committee department administration agency newspaper network paper government
    ministry bank organization foundation firm court office commission council team station network website camp
    fund union alliance coalition institute center centre university association federation
    """.split()  # noqa: SIM905
)
# What a name's own annotated span, or a title before it anywhere in the article, says of a person's gender:
# a fixed list of this benchmark (independent of ldpub's lexicon), for "he" and "she" to point back to a name
# they can refer to.
_MASCULINE = frozenset(
    """
    mr mr. man men father dad son husband brother uncle grandfather boyfriend spokesman chairman
    congressman businessman widower king prince sir
    """.split()  # noqa: SIM905
)
_FEMININE = frozenset(
    """
    mrs mrs. ms ms. miss woman women mother mom daughter wife sister aunt grandmother girlfriend
    spokeswoman chairwoman congresswoman businesswoman widow queen princess lady madam
    """.split()  # noqa: SIM905
)
# Nouns of a written or recorded work: its author is whoever made it, never the last name of some class.
_WORK_NOUNS = frozenset(
    """
    poll polls survey surveys report reports study studies analysis statement brief complaint database ad ads
    video clip letter memo book data transcript column article story filing lawsuit release finding findings
    """.split()  # noqa: SIM905
)
_DEFINITE_WORDS = frozenset("the this that these those his her its their".split())  # noqa: SIM905
_RELATIVE = frozenset("who which that".split())  # noqa: SIM905
_OWNERS = frozenset("his her its their my our your".split())  # noqa: SIM905
_INDEFINITE = frozenset("a an some several many other another one two three few most no".split())  # noqa: SIM905
_WORD = re.compile(r"[^\W_]+")
# Words that carry no content: a claim sharing only these with an attribution ("a location", "the
# figure": "a", "the") does not restate it, however short the attribution.
_FUNCTION_WORDS = frozenset(
    """
    a an the this that these those and or but nor so if then than as of in on at to for from by with about
    into over under after before between through during without is are was were be been being am do does did
    have has had will would shall should can could may might must not no it its he him his she her they them
    their we us our i me my you your who whom whose which what when where why how there here all any some
    """.split()  # noqa: SIM905
)


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


@dataclass(frozen=True)
class Gold:
    content: str
    cue: str
    source: str  # "" when the attribution has no source
    source_start: int
    speech: bool
    kind: str  # "name", "pronoun", "description", "none"
    referent: str  # a name, "anonymous", or "" when unknown


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[Gold, ...]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass
class Found:
    """A claim as the benchmark sees it: its text, and its author's name or "anonymous" ("" if none)."""

    text: str
    author: str = ""


@dataclass
class Tally:
    found: int = 0
    matched: int = 0
    speech_gold: int = 0
    speech_hit: int = 0
    all_gold: int = 0
    all_hit: int = 0
    name_authors: list[bool] = field(default_factory=list)
    other_authors: list[bool] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("found", "matched", "speech_gold", "speech_hit", "all_gold", "all_hit"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.name_authors += other.name_authors
        self.other_authors += other.other_authors

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def speech_recall(self) -> float:
        return self.speech_hit / self.speech_gold if self.speech_gold else 0.0

    @property
    def recall(self) -> float:
        return self.all_hit / self.all_gold if self.all_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @staticmethod
    def share(values: list[bool]) -> str:
        return f"{sum(values) / len(values):.2f} ({sum(values)}/{len(values)})" if values else "—"


Labeller = Callable[[str], list[tuple[int, int, str]]]


def articles(root: Path = ROOT, label: Labeller | None = None) -> Iterator[Article]:
    """The dev split's articles, each with the first (sorted) annotation file's attributions.
    ``label`` gives a text's named-entity spans (start, end, label), to type the named sources."""
    annotations = sorted((root / "attributions").glob("*.ann"))
    for text_path in sorted((root / "text").glob("*.txt")):
        mine = [a for a in annotations if a.stem.rsplit("_", 1)[0] == text_path.stem]
        if not mine:
            continue
        text = text_path.read_text(encoding="utf-8")
        names = label(text) if label is not None else []
        yield Article(text_path.stem, text, tuple(_gold(text, mine[0].read_text(encoding="utf-8"), names)))


def _gold(text: str, ann: str, names: list[tuple[int, int, str]]) -> list[Gold]:
    spans: dict[str, tuple[str, int, str]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            first = int(re.split(r"[ ;]", offsets)[0])
            spans[parts[0]] = (label, first, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(item.split(":", 1) for item in parts[1].split()))
    out: list[Gold] = []
    named: list[tuple[str, str, str]] = []  # the named sources so far, each with its class (PERSON, ORG …) and gender
    works: list[tuple[int, str]] = []  # where a work's source named its maker ("A Bloomberg poll"), and the maker
    plurals: list[tuple[int, str]] = []  # plural sources so far (anonymous groups, names joined by "and")
    last_at: dict[str, int] = {}  # where each named source was last written
    for rel in sorted(relations, key=lambda r: spans.get(r.get("Source", r.get("Cue", "")), ("", 0, ""))[1]):
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        _, cue_start, cue = spans.get(rel.get("Cue", ""), ("", 0, ""))
        _, source_start, source = spans.get(rel.get("Source", ""), ("", -1, ""))
        if words(source) and words(source) <= SPEECH_CUES and not words(cue) & SPEECH_CUES:
            # source and cue swapped by the annotator ("said" marked as the source, "Mulgrew" as the cue)
            source, source_start, cue = cue, cue_start, source
        opens = source_start <= 0 or bool(
            re.search(r"(?:[.!?:;]['\"”’]?|\n)\s*$", text[max(0, source_start - 4) : source_start])
        )
        inside = [(a, b, lab) for a, b, lab in names if source_start <= a and b <= source_start + len(source)]
        people = {w.casefold() for a, b, lab in inside if lab in _NAMED for w in text[a:b].split()}
        kind = _kind(source, people, opens=opens, common=text)
        referent = _referent(source, kind, named, opens=opens)
        if kind == "description":
            # "A lawyer for the outlets, David Schulz,", "an analysis by Lily Batchelder": the name it gives
            given = [(a, b, lab) for a, b, lab in inside if lab in ("PERSON", "ORG")]
            given = [(a, b, lab) for a, b, lab in given if re.search(r"(?:,|\bby)\s*$", text[source_start:a])]
            if given:
                referent = text[given[0][0] : given[0][1]]
                named.append((referent, given[0][2], _gender(source, text)))
            else:
                referent = _described(source, source_start, referent, text, names, works)
        if kind == "pronoun" and source.strip().casefold() in ("they", "them", "their"):
            # "Democrats noted …. They noted": a plural source nearer than the organisation is theirs
            group = plurals[-1] if plurals else None
            if group is not None and (not referent or group[0] > last_at.get(referent, -1)):
                referent = group[1]
        if kind == "name":
            labels = [lab for a, b, lab in names if a < source_start + len(source) and source_start < b]
            named.append((source, labels[-1] if labels else "", _gender(source, text)))
            last_at[source] = source_start
            if re.search(r"\band\b", _head_part(source)):  # "Mr. Grassley and Mr. Leahy"
                plurals.append((source_start, source))
        elif kind == "description" and referent == "anonymous" and re.search(r"s\b", _head_part(source).rstrip()):
            plurals.append((source_start, referent))  # "Democrats", "critics of the program"
        out.append(Gold(content[2], cue, source, source_start, bool(words(cue) & SPEECH_CUES), kind, referent))
    return out


def _head_part(source: str) -> str:
    """The source up to a comma, bracket, dash, preposition or relative pronoun."""
    ends = r",|\(|\s(?:--|—|–)\s|\b(?:who|which|that|of|in|at|for|from|with|by|to|on|about|over|among)\b"
    return re.split(ends, source, maxsplit=1)[0]


def _head(source: str) -> list[str]:
    """The source's words up to a comma, bracket or relative pronoun: its head is the last."""
    return re.findall(r"[\w’'.-]+", _head_part(source))


def _described(
    source: str,
    start: int,
    referent: str,
    text: str,
    names: list[tuple[int, int, str]],
    works: list[tuple[int, str]],
) -> str:
    """The referent of a description that gives no name after a comma or "by" (see the module's docstring)."""
    if source.strip().casefold() in _RELATIVE:
        # "Mr. Kamin, who emphasized": the name written right before it, else unknown
        before = [
            (a, b, lab)
            for a, b, lab in names
            if lab in _AGENTS and b <= start and re.fullmatch(r"[\s,]*", text[b:start])
        ]
        if not before or re.search(r"\b(?:of|in|at|from|for|to|by|with|on)\s+(?:the\s+)?$", text[: before[-1][0]]):
            return ""  # no name right before it, or one inside a longer phrase ("a professor at Harvard, who")
        return text[before[-1][0] : before[-1][1]]
    spans = list(re.finditer(r"[\w’'.-]+", _head_part(source)))
    words_ = [re.sub(r"[’']s?$", "", m.group(0)).casefold() for m in spans]
    if not words_:
        return referent
    last = len(words_) - 1
    for k, word in enumerate(words_[:-1]):
        # "a report released last year", "a database tracking such deaths": a participle ends the head
        after = words_[k + 1 : k + 3]
        participle = after[0].endswith(("ed", "ing")) or (
            after[0].endswith("ly") and len(after) > 1 and after[1].endswith("ed")
        )
        owner = re.search(r"[’']s?$", spans[k].group(0)) is not None  # "the party's existing rules"
        if (word in _GROUP_NOUNS or word in _WORK_NOUNS) and participle and not owner:
            last = k
            break
    noun, first = words_[last], words_[0]
    head_end = start + spans[last].end()
    held = [(a, b, lab) for a, b, lab in names if lab in _NAMED and start <= a and b <= head_end]
    if noun in _GROUP_NOUNS or noun in _WORK_NOUNS:
        if held:  # "the Trump campaign", "A Bloomberg poll", "a New York Times/CBS News poll": its maker
            maker = re.sub(r"[’']s?$", "", text[held[0][0] : held[-1][1]])
            if noun in _WORK_NOUNS:
                works.append((start, maker))
            return maker
        by = re.search(r"\bby\s+((?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*)", source)
        if noun in _WORK_NOUNS and by:  # "a new report by Politico": a capitalised name after "by"
            works.append((start, by.group(1)))
            return by.group(1)
        if noun in _WORK_NOUNS and referent != "anonymous":
            # "the poll" after "A Bloomberg poll": that maker; a work whose maker no source named is unknown
            earlier = [maker for where, maker in works if start - 1500 <= where < start]
            return earlier[-1] if earlier else ""
        return referent
    owned = first in _OWNERS or any(re.search(r"[’']s?$", w) for w in _head(source)[:-1])
    if first in _INDEFINITE or (first not in _DEFINITE_WORDS and noun.endswith("s")):
        return "anonymous"  # "A New York judge", "two Democratic speechwriters", "Central European leaders"
    if owned and referent != "anonymous":  # "Pagliano's lawyer", "his advisers": someone else than the owner
        return "anonymous" if noun.endswith("s") else ""
    return referent


def _kind(
    source: str, people: frozenset[str] | set[str] = frozenset(), *, opens: bool = False, common: str = ""
) -> str:
    """``people``: the source's words the language model reads as the name of a person, an
    organisation or a place ("Sanders", "Reuters", "The Times");
    ``opens``: the source starts a sentence; ``common``: the article's text, to tell a word written
    in lower case elsewhere in it ("police") from a name ("Trump")."""

    def lower_elsewhere(word: str) -> bool:
        return bool(common) and re.search(rf"\b{re.escape(word.casefold())}\b", common) is not None

    if not source.strip():
        return "none"
    head = _head(source)
    if not head:
        return "description"
    last = re.sub(r"[’']s?$", "", head[-1])
    if len(head) == 1 and last.casefold() in _PRONOUNS:
        return "pronoun"
    others = [w for w in head[:-1] if w.casefold() not in _INDEFINITE]
    if opens and head[:1] == others[:1] and lower_elsewhere(head[0]):
        others = others[1:]  # "Fellow Republicans said": the sentence's capital, not a name's
    group = last.endswith("s") and not last.isupper() and last.casefold() not in people
    if group and not any(w[:1].isupper() for w in others):
        return "description"  # "Republicans", "Polls", "many African-Americans": a group, not a name
    if opens and len(head) == 1 and not last.isupper() and lower_elsewhere(last):
        return "description"  # "Police say": a capital the sentence gives ("police" elsewhere)
    return "name" if last[:1].isupper() else "description"


def _gender(source: str, text: str) -> str:
    """A named source's gender as the annotation and the article tell it: a word of its annotated span
    ("Interim DNC Chairwoman …", "…, a spokesman for …") or a title before its last name anywhere in
    the text ("Mr. Trump"); "" when nothing tells, or when the evidence disagrees ("Mr. Clinton" and
    "Mrs. Clinton" both written)."""
    said = {w.casefold() for w in re.findall(r"[\w.]+", source)}
    found = {g for g, kind in (("masculine", _MASCULINE), ("feminine", _FEMININE)) if said & kind}
    head = _head(source)
    last = re.sub(r"[’']s?$", "", head[-1]) if head else ""
    if last[:1].isupper():
        for title in re.findall(rf"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w.’'-]*\s+){{0,2}}{re.escape(last)}\b", text):
            found.add("masculine" if title == "Mr" else "feminine")
    return found.pop() if len(found) == 1 else ""


def _referent(source: str, kind: str, named: list[tuple[str, str, str]], *, opens: bool = False) -> str:
    """``opens``: the source starts a sentence, so its first word's capital says nothing ("Authorities said")."""
    if kind == "name":
        return source
    if kind == "none":
        return ""  # no source annotated: no author to check
    written = _head(source)
    capitals = (written[1:] if opens else written)[:-1]  # the head's own capital is a group's ("Democrats")
    head = [w.casefold() for w in written]
    wanted = _PERSON
    if kind == "description":
        definite = ("the", "this", "that", "his", "her", "its", "their")
        bare = head and (head[0] in _INDEFINITE or head[0] not in definite)
        if bare and not any(w[:1].isupper() for w in capitals):
            return "anonymous"
        if head and head[-1] in _SOURCE_NOUNS:
            return "anonymous"
        wanted = _GROUP if head and head[-1] in _GROUP_NOUNS else _PERSON
    elif head and head[-1] in ("they", "it", "them", "its"):
        wanted = _GROUP
    pronoun = head[-1] if kind == "pronoun" and head else ""
    other = "feminine" if pronoun in ("he", "him", "his") else "masculine" if pronoun in ("she", "her", "hers") else ""
    # "she" points back to a name the article does not call a man (and "he" to one it does not call a woman)
    fitting = [
        name for name, label, gender in named if (label in wanted or not label) and not (other and gender == other)
    ]
    return fitting[-1] if fitting else ""


def _capitalised(text: str) -> set[str]:
    text = re.sub(r"\b(?:[A-Z]\.)+[A-Z]\b\.?", lambda m: m.group(0).replace(".", ""), text)  # "S.E.C." → "SEC"
    text = text.replace("’", "'")  # "O’Neill" and "O'Neill" are one name
    return {w.casefold() for w in re.findall(r"\b[A-Z][\w'-]+", text)} - {"the", "a", "an", "sen", "rep", "mr", "ms"}


def _initials(text: str) -> str:
    """ "International Monetary Fund" → "imf": what an acronym of the name would be ("" for one word)."""
    initials = [w[0] for w in re.findall(r"\b[A-Z][\w'-]*", text.replace("’", "'"))]
    return "".join(initials).casefold() if len(initials) > 1 else ""


def author_right(found: str, gold: Gold) -> bool | None:
    """Whether ``found`` (a name, "anonymous" or "") is the gold attribution's author; None if unknown."""
    if not gold.referent:
        return None
    if gold.referent == "anonymous":
        return found == "anonymous"
    if _capitalised(found) & _capitalised(gold.referent):
        return True
    # "the IMF" for "International Monetary Fund": one name's acronym is a word of the other
    return _initials(found) in _capitalised(gold.referent) or _initials(gold.referent) in _capitalised(found)


def pairs(article: Article, claims: Iterable[Found]) -> Iterator[tuple[Found, Gold | None]]:
    """Each claim with the gold attribution it is paired with (one to one), or None.

    Every (claim, gold) pair where the claim holds at least half of the gold content's words, not
    only function words, is a candidate; candidates are taken best first by their overlap (shared
    words over the two texts' words, Dice), each claim and each gold attribution at most once, so
    that a claim is paired with the attribution it restates rather than with a short one whose few
    words it happens to hold.
    """
    found = list(claims)
    gold_words = [words(g.content) for g in article.gold]
    candidates: list[tuple[float, int, int]] = []
    for c, claim in enumerate(found):
        mine = words(claim.text)
        for g, theirs in enumerate(gold_words):
            common = mine & theirs
            shared = len(common)
            if shared / max(1, len(theirs)) >= 0.5 and common - _FUNCTION_WORDS:
                candidates.append((-2 * shared / max(1, len(mine) + len(theirs)), c, g))
    paired: dict[int, int] = {}
    taken: set[int] = set()
    for _, c, g in sorted(candidates):
        if c not in paired and g not in taken:
            paired[c] = g
            taken.add(g)
    for c, claim in enumerate(found):
        yield claim, (article.gold[paired[c]] if c in paired else None)


def score(article: Article, claims: Iterable[Found]) -> Tally:
    """Pair ``claims`` with the article's gold attributions one to one and count."""
    tally = Tally(speech_gold=sum(g.speech for g in article.gold), all_gold=len(article.gold))
    for claim, gold in pairs(article, claims):
        tally.found += 1
        if gold is None:
            continue
        tally.matched += 1
        tally.all_hit += 1
        tally.speech_hit += gold.speech
        right = author_right(claim.author, gold)
        if right is not None:
            (tally.name_authors if gold.kind == "name" else tally.other_authors).append(right)
    return tally
