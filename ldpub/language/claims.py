"""Statements an article attributes to a source → the record's ``claims``.

Attribution shapes recognised, sentence by sentence (quotes are never split):

- ``X quoted Y as saying: “…”`` — Y's words, first published by X;
- ``X declared / said / told …: “…”``, ``“…,” X said``, ``“…,” said X`` — X's own words;
- ``X claimed / said / reported / confirmed … that S`` — with ``…, according to Z`` naming
  where it first appeared;
- ``According to X, S`` and ``S, according to X``;
- ``It was reported / claimed / said … that S`` — an unnamed source.

X is resolved with the article's entity mentions (:mod:`ldpub.language.linking`): an entity (its
Twitter account, website, statement: then it is also where the claim first appeared), an
outlet's sources ("Athr’s sources": anonymous, first published by the outlet), or an
anonymous source described as the article does ("a military source from Maghawir
al-Thawra", affiliated with the organisation named). "The source" refers back to the last
source introduced. A pronoun or a name that is no entity attributes nothing: precision
first. The same statement made twice is one claim, with what each occurrence tells.

Where none of these shapes fits, the sentence's dependency parse (from the language model,
:mod:`ldpub.language.analysis`) is read: the subject of a reporting verb and its clause ("X told
North Press that S": first published by the outlet), a denial as the denier's claim ("X denied
the accusation that …"), and "according to X" anywhere in the sentence.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ldpub.entities import Mention, slug
from ldpub.language.analysis import Word
from ldpub.language.linking import Linking
from ldpub.lexicon.patterns import strip_dateline

_VERBS = (
    r"claimed|claims|said|says|reported|reports|confirmed|confirms|stated|states|announced|announces|added|noted|"
    r"alleged|asserted|revealed|indicated|insisted|warned|explained|stressed|pointed out|argued|"
    r"told (?:reporters|journalists|the [A-Z][\w-]*(?: [A-Z][\w-]*)*|[A-Z][\w-]*)"
)
_QUOTE_VERBS = r"declared|said|says|stated|announced|added|told [\w ]{1,40}?|wrote|tweeted|insisted|warned|explained"
_ADVERBS = re.compile(
    r"(?:\s+(?:also|previously|already|later|earlier|again|has|have|had|publicly|officially|recently|repeatedly|"
    r"further|then|once|[a-z]+ly))+\s*$"
)
_THAT = re.compile(rf"\b(?P<verb>{_VERBS})(?:\s+(?:on|in|at)\s+[\w ]{{1,30}}?)?,?\s+that\s+(?P<s>.+)$")
_QUOTED_AS = re.compile(r"\bquoted\s+(?P<y>.+?)\s+as\s+saying\s*[:,]?\s*[“\"](?P<q>.+?)[”\"]")
_SPEECH = re.compile(rf"\b(?P<verb>{_QUOTE_VERBS})\s*[:,]\s*[“\"](?P<q>[^”\"]+)[”\"]")
_QUOTE_FIRST = re.compile(
    r"^[“\"](?P<q>[^”\"]+?)[,.!?]?[”\"],?\s+(?:(?:said|added|says|told \w+)\s+(?P<x1>[^.,;]+)|(?P<x2>[^.,;“”\"]+?)"
    r"\s+(?:said|added|says))[.,]"
)
# Without "that": "Moreau said the lanes would …" (only the plainest verbs).
_SAID = re.compile(
    r"\b(?P<verb>said|says|claimed|claims|confirmed|warned|insisted)(?:\s+(?:on|last|this)\s+[A-Z]?\w+)?,?\s+"
    r"(?P<s>(?:the|a|an|it|he|she|they|there|this|[A-Z][\w-]*)\b.+)$"
)
# Wire style: "Jordan will reopen the crossing, the Interior Ministry said on Sunday."
_SAID_LAST = re.compile(
    r"^(?P<s>.{20,}?),\s+(?P<x>[^,“”\"]{2,80}?)\s+(?:said|says|added|announced|stated|reported|told \w+)"
    r"(?:\s+(?:on|last|this)\s+\w+|\s+in\s+a\s+statement)?\s*\.$"
)
_ACCORDING_FIRST = re.compile(r"^(?:(?P<pre>[^,]{0,60}),\s*)?according to (?P<x>[^,]+),\s*(?P<s>.+)$", re.IGNORECASE)
_ACCORDING_LAST = re.compile(r",?\s+according to (?P<x>[^,.]+)\.?$", re.IGNORECASE)
_IMPERSONAL = re.compile(
    r"\bit (?:was|has been|had been|is) (?P<verb>reported|claimed|said|alleged|rumou?red|learned|announced)"
    r"(?P<when>\s+[\w ]{1,30}?)?\s+that\s+(?P<s>.+)$",
    re.IGNORECASE,
)
_ANONYMOUS = re.compile(
    r"(?P<a>(?:\b(?:a|an|the|one|two|three|several|some|many|other|local|unnamed)\b(?:\s+[\w-]+){0,3}?\s+"
    r"(?:source|sources|official|officials|witness|witnesses|activist|activists|resident|residents|diplomat|"
    r"diplomats|insider|insiders|spokesperson|spokesman|spokeswoman|commander|commanders|member|members)"
    # a group with no article: "Shop owners", "Local traders"
    r"|(?<![\w’'-])(?:[A-Z][\w-]*[’']s\s+)?(?:[A-Za-z][\w-]*\s+){0,2}(?:owners|traders|residents|officials|sources|witnesses|activists|"
    r"experts|analysts|workers|farmers|doctors|diplomats|locals|villagers|protesters|lawyers|teachers|parents))"
    r"(?:\s+(?:from|in|of|within|close to|with)\s+(?:the\s+)?[^,.;:]{1,60}?)?)\s*$",
    re.IGNORECASE,
)
_MEDIUM = re.compile(
    r"^\s*(?:(?:official\s+)?(?:Twitter|X|Facebook|Telegram|Instagram|YouTube)\s+)?"
    r"(?:account|page|channel|website|site|newspaper|statement|agency|news agency)\b",
    re.IGNORECASE,
)
_SOURCES = re.compile(r"^\s*(?:own\s+)?(?:sources?|correspondents?|reporters?)\b", re.IGNORECASE)
_OUTLET_NAME = re.compile(
    r"\b(?:Press|News|Gazette|Times|Post|Herald|Tribune|Journal|Agency|TV|Radio|Observer|Review|Daily|Online)$"
)
_PRONOUN = re.compile(r"\b(?:he|she|they|it|we|i|you|this|that)\s*$", re.IGNORECASE)
# Reporting verbs whose clause is what is claimed (read from the parse), and denials, whose object is.
_REPORTING = frozenset(
    """
    said says say told tells tell claimed claims claim announced announces confirmed confirms warned warns stated states
    reported reports added adds insisted insists alleged alleges noted notes explained explains stressed stresses
    argued argues revealed reveals indicated indicates admitted admits acknowledged acknowledges maintained maintains
    """.split()  # noqa: SIM905
)
_DENIALS = frozenset("denied denies deny rejected rejects dismissed dismisses".split())  # noqa: SIM905
_PARSED_VERBS = _REPORTING | _DENIALS
# Parts of a subject that are not the name: "Khaled al-Hamoud, a commander of …, who …".
_NOT_THE_NAME = frozenset({"appos", "relcl", "acl", "punct", "advcl", "cc", "conj", "parataxis"})
_STOP = frozenset("a an the of to in on at and or that this is was were be by for with as its it".split())  # noqa: SIM905


@dataclass
class _Claim:
    text: str
    author: str | dict[str, Any] | None
    first: dict[str, Any] | None = None
    quote: bool = False
    order: int = 0
    extra: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str


def find_claims(body: str, linking: Linking) -> list[dict[str, Any]]:
    """The claims in ``body`` (the record's body text), as record ``claims`` entries."""
    finder = _Finder(body, linking)
    return finder.run()


class _Finder:
    def __init__(self, body: str, linking: Linking) -> None:
        self.body = body
        self.mentions = sorted(linking.body, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.types = linking.types
        self.names = {key: str(entity.get("name", "")) for key, entity in linking.entities.items()}
        self.sources: list[tuple[int, dict[str, Any]]] = []  # anonymous sources introduced, by position
        self.words: tuple[Word, ...] = linking.analysis.words if linking.analysis is not None else ()
        self.word_starts = [w.start for w in self.words]

    def run(self) -> list[dict[str, Any]]:
        found: list[_Claim] = []
        for sentence in sentences(self.body):
            # A claim says something: at least two words ("“”" or "“Yes.”" is no statement).
            claims = self.in_sentence(sentence) or self.from_parse(sentence)
            found += [c for c in claims if len(re.findall(r"[^\W_]+", c.text)) >= 2]
        return _records(_merge(found))

    # -- patterns ------------------------------------------------------------------------

    def in_sentence(self, s: _Sentence) -> list[_Claim]:
        text = s.text
        out: list[_Claim] = []
        m = _QUOTED_AS.search(text)
        if m:
            source = self.author(s.start + m.start("y"), s.start + m.end("y"))
            outlet = self.author(s.start, s.start + m.start())
            if source is not None:
                first = self.first_from(outlet, outlet=True)  # "X quoted Y": X published it first
                out.append(_Claim(_clean(m.group("q")), source, first, quote=True, order=s.start + m.start()))
            return out
        m = _IMPERSONAL.search(text)
        if m:
            noun = {"reported": "reports", "said": "sources", "claimed": "claims", "alleged": "allegations"}.get(
                m.group("verb").casefold(), "reports"
            )
            when = (m.group("when") or "").strip()
            anonymous = {"anonymous": f"unnamed {noun}" + (f" {when}" if when else "")}
            out.append(_Claim(_sentence_case(m.group("s")), anonymous, order=s.start + m.start()))
            return out
        m = _SPEECH.search(text)
        if m:
            author = self.author(s.start, s.start + m.start("verb"))
            if author is not None:
                out.append(_Claim(_clean(m.group("q")), author, self.first_from(author), True, s.start + m.start()))
            return out
        m = _QUOTE_FIRST.search(text)
        if m:
            group = "x1" if m.group("x1") else "x2"
            author = self.author(s.start + m.start(group), s.start + m.end(group))
            if author is not None:
                out.append(_Claim(_clean(m.group("q")), author, self.first_from(author), True, s.start))
            return out
        m = _ACCORDING_FIRST.search(text)
        if m:
            author = self.author(s.start + m.start("x"), s.start + m.end("x"))
            # "On Monday, according to X, S" drops the lead-in; "S1, according to X, S2" is one statement.
            pre = m.group("pre") or ""
            said = f"{pre} {m.group('s')}" if len(pre.split()) > 3 else m.group("s")
            if author is not None:
                out.append(_Claim(_sentence_case(said), author, self.first_from(author), order=s.start))
            return out
        m = _SAID_LAST.search(text)
        if m and not _THAT.search(text):
            author = self.author(s.start + m.start("x"), s.start + m.end("x"))
            if author is not None:
                claim_text = strip_dateline(m.group("s"))
                out.append(_Claim(_sentence_case(claim_text), author, self.first_from(author), order=s.start))
                return out
        m = _THAT.search(text) or _SAID.search(text)
        if m:
            author = self.author(s.start, s.start + m.start("verb"))
            claim_text = m.group("s")
            first = None
            according = _ACCORDING_LAST.search(claim_text)
            if according:
                x = s.start + m.start("s") + according.start("x")
                origin = self.author(x, x + len(according.group("x")))
                first = self.first_from(origin, outlet=True)
                claim_text = claim_text[: according.start()] + "."
            told = re.match(r"told\s+(?:the\s+)?", m.group("verb"))
            if told and first is None:  # "X told Reuters that …": Reuters published it first
                where = s.start + m.start("verb") + told.end()
                audience = self.author(where, s.start + m.end("verb"))
                if isinstance(audience, str) and self.is_outlet(audience):
                    first = {"publisher": audience}
            if author is not None:
                first = first or self.first_from(author, reported=m.group("verb").startswith("report"))
                out.append(_Claim(_sentence_case(claim_text), author, first, order=s.start + m.start()))
            return out
        m = _ACCORDING_LAST.search(text)
        if m and len(text[: m.start()].split()) >= 4:
            x = s.start + m.start("x")
            author = self.author(x, x + len(m.group("x")))
            if author is not None:
                out.append(
                    _Claim(_sentence_case(text[: m.start()] + "."), author, self.first_from(author), order=s.start)
                )
        return out

    # -- from the parse --------------------------------------------------------------------

    def from_parse(self, s: _Sentence) -> list[_Claim]:
        """Claims the sentence's dependency parse shows when no written shape above fits."""
        lo = bisect.bisect_left(self.word_starts, s.start)
        hi = bisect.bisect_left(self.word_starts, s.end)
        words = [w for w in self.words[lo:hi] if w.end <= s.end]
        children: dict[int, list[Word]] = defaultdict(list)
        for w in words:
            if w.head != w.index:
                children[w.head].append(w)
        tree = _Tree(self.word_starts, self.words, children)
        out = [
            claim
            for verb in words
            if verb.tag.startswith("VB") and verb.text.casefold() in _PARSED_VERBS
            for claim in [self.reported(verb, tree, s)]
            if claim is not None
        ]
        if not out:
            out = [
                claim
                for w in words
                if w.text.casefold() == "according"
                for claim in [self.according(w, tree, s)]
                if claim
            ]
        return out

    def reported(self, verb: Word, tree: _Tree, s: _Sentence) -> _Claim | None:
        """ "X said (that) S", "X told Y that S", "S, X said", "X denied Z": the claim and who made it."""
        kids = tree.children[verb.index]
        subject = next((k for k in kids if k.dep == "nsubj"), None)
        if subject is None:
            return None
        name_start, name_end = tree.span(subject, skip=_NOT_THE_NAME)
        author = self.author(name_start, name_end)
        if author is None:
            return None
        low = verb.text.casefold()
        if low in _DENIALS:
            denied = next((k for k in kids if k.dep in ("dobj", "ccomp")), None)
            if denied is None or denied.index < verb.index:
                return None
            end = tree.span(denied)[1]
            # The entity's name ("Samir Aoun"), not the whole subject ("Union leader Samir Aoun").
            who = self.names.get(author) if isinstance(author, str) else None
            text = f"{who or self.body[name_start:name_end]} {self.body[verb.start : end]}"
            return _Claim(_sentence_case(text), author, self.first_from(author), order=s.start + 1)
        clause = next((k for k in kids if k.dep == "ccomp"), None)
        if clause is None:
            return None
        start, end = tree.span(clause, skip=frozenset({"mark"}) if clause.index > verb.index else frozenset())
        text = self.body[start:end]
        if len(text.split()) < 3:
            return None
        quote = any(s.start + a <= start and end <= s.start + b for a, b in quote_spans(s.text))
        first = None
        according = next((w for w in tree.subtree(clause) if w.text.casefold() == "according"), None)
        if according is not None:
            x_start, x_end = tree.according_to(according)
            if x_end:
                first = self.first_from(self.author(x_start, x_end), outlet=True)
                text = _without(self.body, start, end, *tree.span(according))
        audience = next((k for k in kids if k.dep in ("dobj", "dative")), None)
        if low.startswith(("told", "tell")) and audience is not None and first is None:
            heard = self.author(*tree.span(audience, skip=_NOT_THE_NAME))
            if isinstance(heard, str) and self.is_outlet(heard):
                first = {"publisher": heard}  # "X told North Press that …": North Press published it first
        first = first or self.first_from(author, reported=low.startswith("report"))
        claim_text = _clean(text.strip('“”"‘’ ,')) if quote else _sentence_case(text)
        return _Claim(claim_text, author, first, quote=quote, order=s.start + 1)

    def according(self, word: Word, tree: _Tree, s: _Sentence) -> _Claim | None:
        """ "S, according to X, S" anywhere in the sentence: X's claim, without the attribution."""
        x_start, x_end = tree.according_to(word)
        if not x_end:
            return None
        author = self.author(x_start, x_end)
        if author is None:
            return None
        text = _without(self.body, s.start, s.end, *tree.span(word))
        if len(text.split()) < 4:
            return None
        return _Claim(_sentence_case(text), author, self.first_from(author), order=s.start + 1)

    # -- who -----------------------------------------------------------------------------

    def author(self, start: int, end: int) -> str | dict[str, Any] | None:
        """Who the words ``body[start:end]`` name, or end with: an entity key, an
        anonymous source, or None when they name no one ldpub can identify."""
        phrase = self.body[start:end]
        # "The Aga Khan Trust for Culture, which funds the restoration, said …": the clause is not the name.
        phrase = re.sub(r",\s+(?:which|who|whose)\b[^,]*,?\s*$", "", phrase)
        # "Karim Hassan, an engineer with the Fund, said …": the appositive is not who said it.
        phrase = re.sub(r"(?<=\w),\s+(?:a|an|the)\s[^,]*,?\s*$", "", phrase)
        trimmed = _ADVERBS.sub("", phrase).rstrip(" ,“”\"'")
        end = start + len(trimmed)
        if _PRONOUN.search(trimmed) and not _ANONYMOUS.search(trimmed):
            return None
        anonymous = _ANONYMOUS.search(trimmed)
        # An entity ending the phrase, or followed by its account / statement / sources.
        for mention in reversed(self.within(start, end)):
            tail = self.body[mention.end : end]
            sources = _SOURCES.match(tail)
            if sources and sources.end() == len(tail.rstrip()):  # "Athr’s sources": the outlet's, unnamed
                name = self.body[mention.start : end].strip(' “”"')
                return {"anonymous": name, "type": "Person", "_outlet": mention.key}
            if anonymous and start + anonymous.start() <= mention.start:
                continue  # "a military source from Maghawir al-Thawra": the source, not the group
            if not tail.strip():
                return mention.key
            medium = _MEDIUM.match(tail)
            if medium and medium.end() == len(tail.rstrip()):  # its Twitter account, website, statement
                return {"entity": mention.key, "medium": self.body[mention.start : end].strip(' “”"')}
            break
        if anonymous:
            return self.anonymous(start + anonymous.start("a"), anonymous.group("a"))
        return None

    def first_from(self, author: Any, *, outlet: bool = False, reported: bool = False) -> dict[str, Any] | None:
        """Where a claim first appeared, when the attribution says: an account, an outlet's sources,
        an outlet named in "according to", an organisation that "reported" it."""
        if isinstance(author, dict) and "medium" in author:
            return {"publisher": author["entity"], "headline": author["medium"]}
        if isinstance(author, dict) and "_outlet" in author:
            return {"publisher": author["_outlet"]}
        if isinstance(author, str) and (outlet or reported or self.is_outlet(author)):
            return {"publisher": author}
        return None

    def is_outlet(self, key: str) -> bool:
        """A news outlet: typed so in the authority, or named like one ("Athr Press", "Harbour Gazette")."""
        if self.types.get(key) == "NewsMediaOrganization":
            return True
        name = self.names.get(key, "")
        return self.types.get(key) == "Organization" and bool(_OUTLET_NAME.search(name))

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions lying inside body[start:end], in order."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def anonymous(self, at: int, description: str) -> dict[str, Any]:
        description = re.sub(r"\s+", " ", description.strip())
        low = description.casefold()
        if low.startswith("the ") and self.sources:
            head = low.split()[-1]
            for _, earlier in reversed(self.sources[-20:]):  # the recent ones, not a whole book
                if earlier["anonymous"].casefold().split()[1:] and head in earlier["anonymous"].casefold():
                    return dict(earlier)  # "the source": the one introduced before
        # "A military source" → "a military source"; a proper name stays ("Athr’s sources").
        proper = re.match(r"^[A-Z][\w-]*[’']s\b|^[A-Z]{2,}\b", description)  # "Athr’s sources", "US officials"
        source: dict[str, Any] = {"anonymous": description if proper else description[0].lower() + description[1:]}
        source["type"] = "Person"
        affiliated = self.within(at, at + len(description))
        if affiliated and self.types.get(affiliated[-1].key, "") not in ("Person",):
            source["affiliation"] = affiliated[-1].key
        if not low.startswith("the "):
            self.sources.append((at, source))
        return source


@dataclass(frozen=True)
class _Tree:
    """One sentence's dependency tree: each word's children, and character spans of subtrees."""

    starts: list[int]
    words: tuple[Word, ...]
    children: dict[int, list[Word]]

    def subtree(self, word: Word, skip: frozenset[str] = frozenset()) -> list[Word]:
        out, todo = [], [word]
        while todo:
            w = todo.pop()
            out.append(w)
            todo += [k for k in self.children.get(w.index, ()) if k.dep not in skip]
        return out

    def span(self, word: Word, skip: frozenset[str] = frozenset()) -> tuple[int, int]:
        """Character span of ``word``'s subtree, leaving out children whose relation is in ``skip``."""
        words = self.subtree(word, skip)
        return min(w.start for w in words), max(w.end for w in words)

    def according_to(self, according: Word) -> tuple[int, int]:
        """The span of X in "according to X", or (0, 0)."""
        for to in self.children.get(according.index, ()):
            if to.text.casefold() == "to":
                for x in self.children.get(to.index, ()):
                    if x.dep == "pobj":
                        return self.span(x, skip=frozenset({"appos", "relcl", "acl"}))
        return 0, 0


def _without(text: str, start: int, end: int, cut_start: int, cut_end: int) -> str:
    """``text[start:end]`` without ``text[cut_start:cut_end]`` and the commas around it."""
    before = text[start:cut_start].rstrip(" ,")
    after = text[cut_end:end].lstrip(" ,")
    joined = f"{before} {after}" if before and after and after[0] not in ".,;!?" else before + after
    return joined.strip()


def _author_value(author: Any) -> Any:
    if isinstance(author, dict) and "medium" in author:
        return author["entity"]
    if isinstance(author, dict):
        return {k: v for k, v in author.items() if not k.startswith("_")}
    return author


def _specificity(author: Any) -> int:
    value = _author_value(author)
    if isinstance(value, str):
        return 3
    if isinstance(value, dict) and "affiliation" in value:
        return 2
    if isinstance(value, dict) and not value.get("anonymous", "").startswith("the "):
        return 1
    return 0


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def _merge(claims: list[_Claim]) -> list[_Claim]:
    """The same statement reported twice is one claim, keeping the most specific author and
    any first appearance either occurrence gives."""
    merged: dict[str, _Claim] = {}
    for claim in sorted(claims, key=lambda c: c.order):
        key = _key(claim.text)
        if key not in merged:
            merged[key] = claim
            continue
        kept = merged[key]
        if _specificity(claim.author) > _specificity(kept.author):
            kept.author = claim.author
        kept.first = kept.first or claim.first
        kept.quote = kept.quote or claim.quote
    return list(merged.values())


def _records(claims: list[_Claim]) -> list[dict[str, Any]]:
    out = []
    used: set[str] = set()
    for claim in claims:
        words = [w for w in re.findall(r"[^\W_]+", claim.text) if w.casefold() not in _STOP][:6]
        base = slug(" ".join(words)) or "claim"
        key, n = base, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        entry: dict[str, Any] = {"id": key, "text": claim.text}
        if claim.author is not None:
            entry["author"] = _author_value(claim.author)
        if claim.first:
            entry["first_appeared_in"] = claim.first
        if claim.quote:
            entry["quote"] = True
        out.append(entry)
    return out


def _clean(quote: str) -> str:
    return re.sub(r"\s+", " ", quote).strip()


def _sentence_case(text: str) -> str:
    text = _clean(text).rstrip(" ,;")
    if text and text[-1] not in '.!?”"':
        text += "."
    return text[:1].upper() + text[1:]


# -- sentences ------------------------------------------------------------------------------

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Capt|Sgt|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Inc|Ltd|Co|vs|etc|approx|Gov|Sen|Rep|Prof)|\b[A-Z])\.$"
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages. An opening mark never closed before the next opening is a
    stray (copy often has one): it is dropped, so it cannot swallow the rest of the text."""
    spans = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "“":
            open_at = i
        elif ch == "”" and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
        elif ch == "\n" and text[i : i + 2] == "\n\n":
            open_at = None
    return spans


def sentences(text: str) -> list[_Sentence]:
    """Sentences with their offsets: split after . ! ? (not inside quotes, not after an
    abbreviation or an initial) and at paragraph breaks."""
    spans = quote_spans(text)
    out: list[_Sentence] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])[”\"’]?\s+(?=[“\"‘(]?[A-Z0-9])|\n\s*\n", text):
        cut = m.start()
        if any(a < cut < b - 1 for a, b in spans):
            continue
        if _ABBREVIATIONS.search(text[max(start, cut - 8) : cut]):
            continue
        piece_end = m.start() + (len(m.group(0)) - len(m.group(0).lstrip('”"’')))
        _add_sentence(out, text, start, piece_end)
        start = m.end()
    _add_sentence(out, text, start, len(text))
    return out


def _add_sentence(out: list[_Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + (len(piece) - len(piece.lstrip()))
        out.append(_Sentence(offset, offset + len(stripped), stripped))


__all__ = ["find_claims", "quote_spans", "sentences"]
