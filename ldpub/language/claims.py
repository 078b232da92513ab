"""Statements an article attributes to a source → the record's ``claims``, read from the dependency parse.

Every cue is a word of the lexicon (:mod:`ldpub.lexicon`) in the sentence's parse
(:mod:`ldpub.language.analysis`); what it reports and who reports it are read from the parse:

- **speech** (``reporting_verbs``): "X said (that) S", "S, X said", "X told Y (that) S", "X said:
  “…”", "“…,” X said", "“…,” said X", "X wrote in a statement that S", "X said S, adding S2"
  (the subject carries over), "X, who said S, …"; the claim is the reported clause, or the whole
  quotation when the clause lies in one (a quotation may run over several sentences, and over
  several paragraphs when the next one opens with a quotation mark and the last did not close);
- **according to**: "According to X, S", "S, according to X", "S1, according to X, S2" — S
  without the attribution; inside a reported clause it tells where the claim first appeared;
- **quoted as saying**: "X quoted Y as saying: “…”" (Y's words, first published by X), "Y was
  quoted as saying …";
- **denials, accusations, demands and characterisations** (``denial_verbs``, ``accusation_verbs``,
  ``demand_verbs``, ``naming_verbs``): "X denied S", "X rejected the claim that S", "X accused Y of
  S", "X called for S", "X urged Y to S", "X called Y a disgrace", "X described Y as Z", as the
  article words them with X named;
- **written sources** (``documents``, ``finding_verbs``): "a report by X found that S", "X's
  statement said S" — X is the author;
- **impersonal**: "It was reported / claimed … that S" — an unnamed source ("unnamed reports at
  the time");
- **quotations without a cue**: a whole-sentence quotation right after a claim (in the same
  paragraph or the next) is the same speaker's ("“…,” she said. “…”").

A negated cue ("has not said") and a question ("asked whether") report nothing. Beliefs and plans
without speech (``belief_verbs``: believes, thinks, plans to, wants …) are left out unless
``include="all"``.

Who the subject is — an entity, a pronoun or description resolved back to one, an anonymous source —
is :mod:`ldpub.language.coref`'s work. The same statement made twice is one claim, with the most
specific author and any first appearance either occurrence tells.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ldpub.entities import slug
from ldpub.errors import LdpubError
from ldpub.language.analysis import Analysis, Word, analyse
from ldpub.language.coref import Author, Phrase, Sources
from ldpub.language.linking import Linking
from ldpub.lexicon import entries, words

INCLUDE = ("speech", "all")

# Parts of a noun phrase that are not the name: "Khaled al-Hamoud, a commander of …, who …".
_NOT_THE_NAME = frozenset({"appos", "relcl", "acl", "punct", "advcl", "cc", "conj", "parataxis", "prep"})
_NOT_THE_PHRASE = frozenset({"appos", "relcl", "acl", "punct", "advcl", "cc", "conj", "parataxis"})
_STOP = frozenset("a an the of to in on at and or that this is was were be by for with as its it".split())  # noqa: SIM905
_NOT_SAID_YET = frozenset({"will", "'ll", "’ll", "could", "may", "might", "should", "must", "can", "shall"})
_IMPERSONAL_NOUNS = {"reported": "reports", "said": "sources", "claimed": "claims", "alleged": "allegations"}


@dataclass
class _Claim:
    text: str
    author: Author | None
    first: dict[str, Any] | None = None
    quote: bool = False
    order: int = 0
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class _Lexicon:
    speech: frozenset[str]
    denial: frozenset[str]
    accusation: frozenset[str]
    belief: frozenset[str]
    finding: frozenset[str]
    documents: frozenset[str]
    naming: frozenset[str]
    demand: frozenset[str]
    authoring: frozenset[str]
    copulas: frozenset[str]

    @classmethod
    @functools.cache
    def load(cls) -> _Lexicon:
        def folded(name: str) -> frozenset[str]:
            return frozenset(w.casefold() for w in words(name))

        return cls(
            folded("reporting_verbs"),
            folded("denial_verbs"),
            folded("accusation_verbs"),
            folded("belief_verbs"),
            folded("finding_verbs"),
            folded("documents"),
            folded("naming_verbs"),
            folded("demand_verbs"),
            folded("authoring_verbs"),
            folded("copulas"),
        )


def find_claims(body: str, linking: Linking, *, include: str = "speech", headline: str = "") -> list[dict[str, Any]]:
    """The claims in ``body`` (the record's body text), as record ``claims`` entries; with
    ``headline`` (the one :func:`ldpub.language.linking.link_text` read), "X Says S" in it too.

    ``include`` is ``"speech"`` (attributions with a verb of saying or writing, "according to", a
    denial or an accusation) or ``"all"`` (beliefs and plans too)."""
    if include not in INCLUDE:
        raise LdpubError(f"claims must be one of {', '.join(INCLUDE)}, not {include!r}")
    if not body.strip():
        return []
    analysis = linking.analysis if linking.analysis is not None else analyse([body])[0]
    return _Finder(body, analysis, linking, include).run(headline)


class _Finder:
    def __init__(self, body: str, analysis: Analysis, linking: Linking, include: str) -> None:
        self.body = body
        self.analysis = analysis
        self.words = analysis.words
        self.include = include
        self.lex = _Lexicon.load()
        self.kids: dict[int, list[Word]] = defaultdict(list)
        for w in self.words:
            if w.head != w.index:
                self.kids[w.head].append(w)
        self.quotes = quotations(body)  # in order, none inside another
        self.quote_starts = [a for a, _ in self.quotes]
        self.word_starts = [w.start for w in self.words]
        names = {key: str(entity.get("name", "")) for key, entity in linking.entities.items()}
        guessed = {c.key for c in linking.candidates}  # an authority's types are the newsroom's: kept
        types = _people_as_the_model_reads_them(dict(linking.types), list(linking.body), analysis, guessed)
        self.sources = Sources(body, list(linking.body), types, names, quotes=self.quotes)
        self.sources.learn_from(self.words)
        self.used_according: set[int] = set()
        self.speaker_at: dict[tuple[int, int], Author | None] = {}  # each quotation's speaker, once known
        self.fronted: dict[int, Word] = {}  # verb → the reported clause's subject parsed as its own
        self.documents: dict[str, Author | None] = {}  # the author of the last report, poll … of each kind ("": any)
        self.headline_mentions = list(linking.headline)

    def run(self, headline: str = "") -> list[dict[str, Any]]:
        found: list[_Claim] = self.headline_claim(headline) + self.verb_first()
        for first, end in self.analysis.sentences:
            # Cues outside quotations first, so that a quotation's speaker is known inside it ("I told him").
            sentence = sorted(self.words[first:end], key=lambda w: (self.in_quote(w.start), w.index))
            claims = [c for w in sentence for c in [self.cue(w)] if c is not None]
            claims += [c for w in sentence if w.text.casefold() == "according" for c in [self.according(w)] if c]
            for claim in claims:
                self.sources.note_speaker(claim.order, claim.author)
            found += claims
        found += self.uncued_quotes([c for c in found if c.order >= 0])
        # A claim says something: at least two words ("“”" or "“Yes.”" is no statement).
        found = [c for c in found if len(re.findall(r"[^\W_]+", c.text)) >= 2]
        return _records(_merge(found))

    def headline_claim(self, headline: str) -> list[_Claim]:
        """ "Lindsey Graham Says Trump Could Address Clean Energy": a headline that is one attribution,
        a name (after a title or two) and a verb of saying, is that name's claim."""
        said = _headline_verb().search(headline)
        if said is None or len(headline[said.end() :].split()) < 3:
            return []
        who = headline[: said.start()].rstrip()
        mention = next((m for m in self.headline_mentions if m.end == len(who)), None)
        if mention is None or not all(w.casefold().rstrip(".") in _titles() for w in who[: mention.start].split()):
            return []
        if said.group(0).strip().casefold() in self.lex.denial:
            name = self.sources.names.get(mention.key) or mention.surface  # "X denies S", X named as in denials
            text = f"{name} {headline[said.start() :].strip()}"
        else:
            text = re.sub(r"^that\s+", "", headline[said.end() :].strip(), flags=re.IGNORECASE)
        return [_Claim(_sentence_case(text), mention.key, order=-1, span=(-1, -1))]

    def verb_first(self) -> list[_Claim]:
        """ "Said Ellis: “…”", "Added Moore, “…”": a sentence opened by a verb of saying and a name,
        then the quotation — the name's (the parse reads "Said Ellis" as one name)."""
        out = []
        for quote in self.quotes:
            opening = _VERB_FIRST.search(self.body, max(0, quote[0] - 80), quote[0])
            if opening is None or opening.group(1).casefold() not in self.lex.speech:
                continue
            mention = self.sources.mention_at(opening.start(2))
            text = _inner(self.body, quote)
            if mention is None or mention.end != opening.end(2) or text is None:
                continue
            self.speaker_at[quote] = mention.key
            out.append(_Claim(text, mention.key, self.first_from(mention.key), quote=True, order=quote[0], span=quote))
        return out

    # -- cues ----------------------------------------------------------------------------

    def cue(self, w: Word) -> _Claim | None:
        if not w.tag.startswith("VB"):
            return None
        low = self.verb(w)
        if low in self.lex.speech:
            return self.speech(w)
        if low in self.lex.denial or low in self.lex.accusation or low in self.lex.demand:
            return self.denial(w)
        if low in self.lex.naming:
            return self.naming(w)
        if low in self.lex.finding:
            return self.finding(w)
        if self.include == "all" and low in self.lex.belief:
            return self.belief(w)
        return None

    def verb(self, w: Word) -> str:
        """The verb as the lexicon writes it: with its particle ("pointed out", "called for")."""
        low = w.text.casefold()
        particle = next((k for k in self.kids[w.index] if k.index == w.index + 1 and k.dep in ("prt", "prep")), None)
        if particle is not None:
            joined = f"{low} {particle.text.casefold()}"
            if joined in self.lex.speech or joined in self.lex.belief or joined in self.lex.demand:
                return joined
        return low

    def negated(self, w: Word) -> bool:
        """Not a report of something said: negated ("has not said"), or to come ("will say", "may tell") —
        not a word of a quotation beside it ("“…, it will come,” said X")."""
        return any(
            self.next_to(k, w) and (k.dep == "neg" or (k.dep == "aux" and k.text.casefold() in _NOT_SAID_YET))
            for k in self.kids[w.index]
        )

    def next_to(self, k: Word, verb: Word) -> bool:
        """``k`` belongs with the verb: not in a quotation beside it ("“Probably not,” she said")."""
        between = self.body[min(k.end, verb.end) : max(k.start, verb.start)]
        return self.in_quote(k.start) == self.in_quote(verb.start) and not re.search(r"[,“”\"]", between)

    def speech(self, verb: Word) -> _Claim | None:
        if self.negated(verb):
            return None
        content = self.content(verb)
        if content is None:
            return None
        subject, publisher, impersonal = self.subject(verb)
        if impersonal:
            return self.impersonal(verb, content)
        if subject is None:
            return None
        if self.nested(verb, subject):
            return None
        citer = self.citer(verb)
        author = self.who(citer if citer is not None else subject)
        self.note_document(verb, author)
        first = self.first_from(author, reported=verb.text.casefold().startswith("report"))
        if publisher is not None:
            first = self.first_from(self.who(publisher), outlet=True) or first
        cuts, first = self.cut_according(verb, content, first)
        attribution = self.subtree(verb, skip=frozenset({"ccomp"}))
        if verb.index in self.fronted:
            fronted = {w.index for w in self.subtree(self.fronted[verb.index])}
            attribution = [w for w in attribution if w.index not in fronted]
        attribution = [w for w in attribution if w.dep != "punct" or content[0] <= w.start < content[1]]
        verb_span = min(w.start for w in attribution), max(w.end for w in attribution)
        if content[0] < verb_span[0] and verb_span[1] <= content[1] and not self.in_quote(verb.start):
            cuts.append(verb_span)  # "The bridge, the mayor said, would open": without the attribution
        first = first or self.told_outlet(verb)
        return self.claim(content, author, first, verb, cuts)

    def nested(self, verb: Word, subject: Word) -> bool:
        """A speaker quoting someone else ("“… he started this by saying S …”"): the quotation is the
        speaker's claim, not the one it quotes (but "“I told them S”" is the speaker's own)."""
        quote = self.quote_at(verb.start)
        return (
            quote is not None
            and self.quote_at(subject.start) == quote
            and self.sources.pronouns.get(subject.text.casefold()) != "speaker"
        )

    def content(self, verb: Word) -> tuple[int, int] | None:
        """What the verb reports: its clause, the clause it is set in ("S, X said"), or a quotation beside it."""
        kids = self.kids[verb.index]
        clauses = [k for k in kids if k.dep == "ccomp" and not self.question(k) and not self.next_paragraph(verb, k)]
        if self.quoted_before(verb):
            # "“…,” X told Y, after he admitted S": the quotation, not a clause after another cue
            clauses = [k for k in clauses if not (k.index > verb.index and self.cue_between(verb.end, k.start))]
        span: tuple[int, int] | None = None
        if clauses:
            clause = max(clauses, key=lambda k: len(self.subtree(k)))
            span = self.span(clause, skip=frozenset({"mark"}) if clause.index > verb.index else frozenset())
            span = (span[0], max([span[1]] + [self.span(k)[1] for k in self.continued(verb, clause)]))
            subjects = [k for k in kids if k.dep == "nsubj"]
            if len(subjects) > 1 and subjects[0].index < verb.index < clause.index:
                # "The port, Haddad said, would reopen": the clause's own subject was parsed as the verb's
                self.fronted[verb.index] = subjects[0]
                span = (self.span(subjects[0])[0], span[1])
        elif (taken := self.clause_taken_over(verb)) is not None:
            span = taken
        elif verb.dep in ("parataxis", "ccomp") and self.set_off(verb):
            span = self.span(self.words[verb.head])  # "S, X said", "S1, X said, S2": cut out in speech()
        else:
            objects = [k for k in kids if k.dep == "dobj" and self.in_quote(k.start) and not self.in_quote(verb.start)]
            span = self.span(objects[0]) if objects else self.in_a_statement(verb) or self.quote_beside(verb)
        if span is None:
            return None
        span = self.with_quotes(span)
        return span if len(self.body[span[0] : span[1]].split()) >= 3 else None

    def clause_taken_over(self, verb: Word) -> tuple[int, int] | None:
        """ "“…,” X told Y, after he admitted he had not been punished": the clause the parse made the
        quotation's verb's, with "after he admitted" hung inside it, is what "admitted" reports."""
        clause = self.words[verb.head]
        if verb.dep != "advcl" or clause.dep != "ccomp" or clause.index < verb.index:
            return None
        said = self.words[clause.head]
        if not self.is_cue(said) or not self.quoted_before(said):
            return None
        inside = {w.index for w in self.subtree(verb)}
        rest = [w for w in self.subtree(clause) if w.index not in inside and w.dep != "punct"]
        return (min(w.start for w in rest), max(w.end for w in rest)) if rest else None

    def next_paragraph(self, verb: Word, clause: Word) -> bool:
        """A clause the parse hung on the verb from the next paragraph ("…,” said X.¶ Democrats noted
        that S"): another sentence, not what the verb reports (but "X said:¶ “S”" is)."""
        between = self.body[verb.end : clause.start]
        return (
            clause.index > verb.index
            and bool(re.search(r"\n\s*\n", between))
            and not re.search(r":\s*$", between.split("\n")[0])
        )

    def continued(self, verb: Word, clause: Word) -> list[Word]:
        """ "X says S1, but she knows S2": a clause the parse joined to the verb, after what it reports,
        with a pronoun for its subject and no cue of its own, goes on with what X says."""
        out = []
        for k in self.kids[verb.index]:
            if k.dep != "conj" or k.index < clause.index or not k.tag.startswith("VB") or self.is_cue(k):
                continue
            subject = next((s for s in self.kids[k.index] if s.dep in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.tag == "PRP" and not self.in_quote(subject.start):
                out.append(k)
        return out

    def is_cue(self, w: Word) -> bool:
        low = self.verb(w)
        return any(
            low in group
            for group in (self.lex.speech, self.lex.denial, self.lex.accusation, self.lex.naming, self.lex.demand)
        )

    def in_a_statement(self, verb: Word) -> tuple[int, int] | None:
        """ "X said in a statement that S": the clause the parse hangs on the document."""
        for prep in self.kids[verb.index]:
            if prep.dep != "prep":
                continue
            for document in self.kids[prep.index]:
                if document.dep != "pobj" or document.text.casefold() not in self.lex.documents:
                    continue
                for clause in self.kids[document.index]:
                    if clause.dep in ("acl", "ccomp", "relcl") and any(
                        k.dep == "mark" and k.text.casefold() == "that" for k in self.kids[clause.index]
                    ):
                        return self.span(clause, skip=frozenset({"mark"}))
        return None

    def set_off(self, verb: Word) -> bool:
        """The attribution is set off from what it reports ("S, X said", "S — X said", "“…,” X said")."""
        if verb.head == verb.index:
            return False
        start = self.span(verb, skip=frozenset({"punct"}))[0]
        if start <= self.span(self.words[verb.head], skip=frozenset({"punct"}))[0]:
            return True  # "X said S" with S taken for the main clause: the attribution opens it
        before = self.body[max(0, start - 8) : start].rstrip()
        return before.endswith((",", "—", "–", "”", '"', "''", ":"))

    def question(self, clause: Word) -> bool:
        return any(k.dep == "mark" and k.text.casefold() in ("whether", "if") for k in self.kids[clause.index]) or any(
            k.tag in ("WDT", "WP", "WRB") and k.index < clause.index for k in self.kids[clause.index]
        )

    def subject(self, verb: Word) -> tuple[Word | None, Word | None, bool]:
        """(the verb's subject, who published the words first, whether it is impersonal: "it was said")."""
        kids = self.kids[verb.index]
        subjects = [k for k in kids if k.dep == "nsubj"]
        if not self.in_quote(verb.start):
            # "“…, it will come,” said X": a subject the parse took from inside the quotation is not the speaker
            subjects = [k for k in subjects if not self.in_quote(k.start)] or subjects
        subject = max((k for k in subjects if k.index < verb.index), key=lambda k: k.index, default=None)
        subject = subject or next(iter(subjects), None)
        passive = next((k for k in kids if k.dep in ("nsubjpass", "expl")), None)
        if subject is None and passive is not None and passive.text.casefold() == "it":
            return None, None, True
        if subject is not None and subject.text.casefold() in ("who", "that", "which") and verb.head != verb.index:
            head = self.words[verb.head]  # "X, who said S", "the police department, which reported S"
            head = self.last_listed(head, subject)
            return (head if head.tag.startswith(("NN", "PRP")) else subject), None, False
        if subject is None:
            borrowed = self.borrowed_subject(verb)
            return borrowed if borrowed[0] is not None else (self.stranded_subject(verb), None, False)
        return subject, None, False

    def last_listed(self, head: Word, relative: Word) -> Word:
        """ "A, B and C, who said S": the parse hangs the relative clause on the list's first name, but it
        says who the last one is — the name right before it when a list (not "a spokesman for X") joins the two,
        or when the parse hung it on a noun that the name is no part of."""
        j = relative.index - 1
        while j > head.index and self.words[j].dep == "punct":
            j -= 1
        last, listed = self.words[j], False
        if last.proper and head.index not in self.ancestors(last):
            return last  # the parse hung the clause on a noun far before the name right before it
        w = last
        while w.index != head.index:
            if w.dep not in ("conj", "appos") or w.head == w.index:
                return head
            listed = listed or w.dep == "conj"
            w = self.words[w.head]
        return last if listed and last.tag.startswith("NN") else head

    def ancestors(self, word: Word) -> set[int]:
        """The indices of the words above ``word`` in the parse, to its sentence's root."""
        seen: set[int] = set()
        while word.head != word.index and word.head not in seen:
            seen.add(word.head)
            word = self.words[word.head]
        return seen

    def stranded_subject(self, verb: Word) -> Word | None:
        """ "In a meeting with the board of the Post Trump said S": a name right before the verb that the
        parse hung on something else (a preposition's object) is the subject it found none for."""
        if verb.index == 0 or verb.dep not in ("ROOT", "ccomp", "conj"):
            return None
        before = self.words[verb.index - 1]
        if before.sentence != verb.sentence or not before.proper or before.end + 1 < verb.start:
            return None
        mention = self.sources.mention_at(before.start)
        if (mention is not None and mention.end != before.end) or self.in_quote(before.start):
            return None
        return before

    def borrowed_subject(self, verb: Word) -> tuple[Word | None, Word | None, bool]:
        """ "X said S and added S2", "X said S, adding S2", "X began by saying S", "X quoted Y as saying",
        "Y was quoted as saying"."""
        head = self.words[verb.head]
        if head.text.casefold() == "as" and head.head != head.index:
            quoted = self.words[head.head]
            kids = self.kids[quoted.index]
            source = next((k for k in kids if k.dep in ("dobj", "nsubjpass")), None)
            publisher = next((k for k in kids if k.dep == "nsubj"), None)
            return source, publisher, False
        if verb.dep == "pcomp" and head.dep == "prep" and head.head != head.index:
            head = self.words[head.head]  # "X responded by saying S", "after saying S, X left"
        elif verb.dep not in ("conj", "advcl", "xcomp"):
            return None, None, False
        if verb.dep == "advcl" and verb.tag == "VBG" and self.body[: verb.start].rstrip().endswith(","):
            head = self.out_of_relative_clause(head)
        reported = head.dep == "ccomp" and self.is_cue(self.words[head.head])
        if verb.dep == "conj" and reported and (self.modal(head) or not self.is_cue(head)):
            said = self.words[head.head]
            if any(k.dep == "ccomp" for k in self.kids[verb.index]) and not self.in_quote(verb.start):
                # "X said that the country would leave and suggested that S": the parse joined the second
                # verb of saying to the reported clause (not one said itself); it goes on with the first
                head = said
        if (
            head.index != verb.index
            and head.tag.startswith("VB")
            and self.in_quote(head.start) <= self.in_quote(verb.start)
        ):
            # (not from a verb inside a quotation the attribution is outside of)
            kids = self.kids[head.index]
            if verb.dep == "xcomp" and not self.in_quote(verb.start):
                # "X forced Y to admit S", "X urged Y to say S": Y speaks; "Y was forced to admit S": Y
                told = next((k for k in kids if k.dep == "dobj" and k.index < verb.index), None)
                passive = next((k for k in kids if k.dep == "nsubjpass"), None)
                if told is not None or passive is not None:
                    return told or passive, None, False
            subject = next((k for k in kids if k.dep == "nsubj"), None)
            return self.whose_act(subject, head, verb) or subject, None, False
        return None, None, False

    def whose_act(self, subject: Word | None, head: Word, verb: Word) -> Word | None:
        """ "His best response was to say S", "Haddad's answer was to deny S": the one whose act it is
        speaks — not when the noun is a source itself ("his spokesman", "her campaign", "the ministry's
        report")."""
        if subject is None or verb.dep != "xcomp" or head.text.casefold() not in self.lex.copulas or subject.proper:
            return None
        noun = subject.text.casefold()
        sources = self.sources
        if noun in sources.people or noun in sources.role_words or noun in sources.groups or noun in self.lex.documents:
            return None
        return next((k for k in self.kids[subject.index] if k.dep == "poss"), None)

    def out_of_relative_clause(self, head: Word) -> Word:
        """ "X was defensive about an architect who said S, saying “…”": a participle set off by a comma
        that the parse hung inside a relative clause goes with the clause the relative clause is in."""
        w, relative = head, False
        while w.head != w.index:
            relative = relative or w.dep == "relcl"
            w = self.words[w.head]
        return w if relative and w.tag.startswith("VB") else head

    def modal(self, verb: Word) -> bool:
        """ "would declare", "could say": a verb of saying that reports nothing said."""
        return any(k.dep == "aux" and k.tag == "MD" for k in self.kids[verb.index])

    def impersonal(self, verb: Word, content: tuple[int, int]) -> _Claim | None:
        """ "It was reported at the time that S": an unnamed source, described by the verb and when."""
        noun = _IMPERSONAL_NOUNS.get(verb.text.casefold(), "reports")
        between = self.body[verb.end : content[0]]
        when = re.sub(r"\s+", " ", re.sub(r"\bthat\s*$", "", between.strip())).strip(" ,")
        anonymous = {"anonymous": f"unnamed {noun}" + (f" {when}" if when else "")}
        return self.claim(content, anonymous, None, verb)

    def denial(self, verb: Word) -> _Claim | None:
        """ "X denied S", "X accused Y of S": X's claim, in the article's words with X named."""
        if self.negated(verb):
            return None
        kids = [k for k in self.kids[verb.index] if k.index > verb.index and k.dep not in ("punct", "cc", "conj")]
        if not any(k.dep in ("dobj", "ccomp", "xcomp", "pcomp", "prep") for k in kids):
            return None
        subject, _, _ = self.subject(verb)
        if subject is None:
            return None
        end = max(self.span(k)[1] for k in kids)
        return self.worded_by(verb, subject, end)

    def citer(self, verb: Word) -> Word | None:
        """ "X pointed to reports that Y called Z a disgrace", "X cited a memo that said S": what the written
        source says is told by the one who cites it (or by its named author: "a report by W that …"), not
        by the one it says spoke."""
        if verb.dep != "acl" or verb.head == verb.index:
            return None
        noun = self.words[verb.head]
        if noun.text.casefold() not in self.lex.documents or self.in_quote(noun.start):
            return None
        by = self.document_author(noun)
        if by is not None:
            return by
        up = self.words[noun.head]
        if noun.dep == "pobj" and up.dep == "prep" and up.head != up.index:
            up = self.words[up.head]
        elif noun.dep != "dobj":
            return None
        if not up.tag.startswith("VB") or up.index == noun.index:
            return None
        citer, _, _ = self.subject(up)
        return citer

    def naming(self, verb: Word) -> _Claim | None:
        """ "X called Y a disgrace", "X described Y as Z": X's characterisation, worded with X named."""
        kids = self.kids[verb.index]
        named = any(k.dep == "oprd" for k in kids) or (
            any(k.dep == "dobj" for k in kids) and any(k.dep == "prep" and k.text.casefold() == "as" for k in kids)
        )
        return self.denial(verb) if named else None

    def belief(self, verb: Word) -> _Claim | None:
        """ "X believes S", "X plans to S" (only with include="all")."""
        if self.negated(verb):
            return None
        kids = [k for k in self.kids[verb.index] if k.index > verb.index and k.dep in ("ccomp", "xcomp", "dobj")]
        subject, _, _ = self.subject(verb)
        if not kids or subject is None:
            return None
        end = max(self.span(k)[1] for k in kids)
        return self.worded_by(verb, subject, end)

    def finding(self, verb: Word) -> _Claim | None:
        """ "A report by X found that S": only with a written source as the subject."""
        subject, _, _ = self.subject(verb)
        if subject is None or subject.text.casefold() not in self.lex.documents:
            return None
        return self.speech(verb)

    def worded_by(self, verb: Word, subject: Word, end: int) -> _Claim | None:
        """The claim of ``verb`` up to ``end`` with its subject named, told by whoever cites it, if anyone
        does ("X pointed to reports that Y denied S"), else by the subject."""
        named = self.who(subject)
        citer = self.citer(verb)
        return self.worded(verb, self.who(citer) if citer is not None else named, end, named=named)

    def worded(self, verb: Word, author: Author | None, end: int, named: Author | None = None) -> _Claim | None:
        """The claim in the article's words with ``named`` (the one who denies, calls …; the author unless
        another cites it) written as the subject."""
        if author is None:
            return None  # "those who deny S", "you could dismiss S": no one in particular
        named = author if named is None else named
        who = self.sources.names.get(named) if isinstance(named, str) else None
        subject_text = who or (named.get("anonymous") if isinstance(named, dict) else None)
        text = self.body[verb.start : end]
        if subject_text:
            text = f"{subject_text} {text}"
        if len(text.split()) < 3:
            return None
        claim = _Claim(_sentence_case(text), author, self.first_from(author), order=verb.start, span=(verb.start, end))
        return claim

    def according(self, word: Word) -> _Claim | None:
        """ "S, according to X, S": X's claim, without the attribution."""
        if word.index in self.used_according:
            return None
        x = self.according_to(word)
        if x is None:
            return None
        first, end = self.analysis.sentences[word.sentence]
        start, stop = self.with_quotes((self.words[first].start, self.words[end - 1].end))
        cut = self.span(word)
        author: Author | None = None
        named = re.match(r"\s*,\s*", self.body[cut[1] :])
        mention = self.sources.mention_at(cut[1] + named.end()) if named else None
        if mention is not None and self.body[mention.end : mention.end + 1] == ",":
            # "According to its director, Tomas Berg, S": the name set off after it is who
            author, cut = mention.key, (cut[0], mention.end + 1)
        text = _without(self.body, start, stop, *cut)
        if len(text.split()) < 4:
            return None
        author = author or self.who(x)
        return _Claim(_sentence_case(text), author, self.first_from(author), order=word.start, span=(start, stop))

    def according_to(self, according: Word) -> Word | None:
        for to in self.kids[according.index]:
            if to.text.casefold() == "to":
                return next((x for x in self.kids[to.index] if x.dep == "pobj"), None)
        return None

    def cut_according(
        self, verb: Word, content: tuple[int, int], first: dict[str, Any] | None
    ) -> tuple[list[tuple[int, int]], dict[str, Any] | None]:
        """ "X claimed that S, according to Z": Z is where it first appeared, and S is without it."""
        cuts: list[tuple[int, int]] = []
        for w in self.subtree(verb):
            if w.text.casefold() != "according" or w.index in self.used_according:
                continue
            x = self.according_to(w)
            if x is None:
                continue
            self.used_according.add(w.index)
            first = self.first_from(self.who(x), outlet=True) or first
            cut = self.span(w)
            if content[0] <= cut[0] < content[1]:
                cuts.append(cut)
                break
        return cuts, first

    def told_outlet(self, verb: Word) -> dict[str, Any] | None:
        """ "X told Reuters that …": Reuters published it first."""
        if not verb.text.casefold().startswith(("told", "tell")):
            return None
        audience = next((k for k in self.kids[verb.index] if k.dep in ("dobj", "dative")), None)
        if audience is None:
            return None
        heard = self.sources.named(self.phrase(audience))
        return {"publisher": heard} if isinstance(heard, str) and self.sources.is_outlet(heard) else None

    # -- who -----------------------------------------------------------------------------

    def who(self, subject: Word) -> Author | None:
        """The author the subject names, resolved back when it is a pronoun or a description."""
        if subject.text.casefold() in self.lex.documents and not self.named_word(subject):
            return self.document(subject)
        named = next(
            (k for k in self.kids[subject.index] if k.dep == "appos" and self.sources.mention_at(k.start)), None
        )
        if named is not None and (subject.tag in ("NN", "NNS") or subject.tag == "CD"):
            subject = named  # "The state's campaign chairman, Phil Lovas, said", "one of its lawyers, Omar Farouk,"
        return self.sources.resolve(self.phrase(subject), self.quote_speaker(subject.start))

    def named_word(self, word: Word) -> bool:
        """A word of a name ("Post" in "The New York Post reports"), not the common noun."""
        return word.proper and self.sources.mention_at(word.start) is not None

    def document(self, subject: Word) -> Author | None:
        """A written source's author: named in it ("a report by X", "X's statement", "a Quinnipiac poll"),
        the one of the same kind before ("the report"), else an unnamed one ("a study found")."""
        noun = subject.text.casefold()
        by = self.document_author(subject)
        phrase = self.phrase(subject)
        if by is not None:
            author = self.sources.resolve(self.phrase(by), None)
        else:
            inside = [m for m in self.sources.within(phrase.start, phrase.end) if m.end <= subject.start]
            author = inside[-1].key if inside else None
        if author is None and phrase.determiner in ("the", "this", "that"):
            # "the study" after "a Reuters survey": the same kind's, else the last written source's
            author = self.documents.get(noun, self.documents.get(""))
        if author is None:
            author = self.sources.anonymous(phrase, noun, kind="Organization")
        self.documents[noun] = self.documents[""] = author
        return author

    def note_document(self, verb: Word, author: Author | None) -> None:
        """ "X said in a statement …": a later "the statement" is X's."""
        for prep in self.kids[verb.index]:
            for document in self.kids[prep.index] if prep.dep == "prep" else ():
                if document.dep == "pobj" and document.text.casefold() in self.lex.documents and author is not None:
                    self.documents[document.text.casefold()] = self.documents[""] = author

    def document_author(self, subject: Word) -> Word | None:
        """ "A report by X", "X's statement", "a statement from X", "a speech X gave", "a report released
        by X": X wrote it."""
        if subject.text.casefold() not in self.lex.documents:
            return None
        kids = list(self.kids[subject.index])
        for k in self.kids[subject.index]:
            if k.dep == "prep" and k.text.casefold() == "of":
                # "the transcript of the hearing, published by X": the parse hangs what is set off on the hearing
                kids += [
                    a
                    for x in self.kids[k.index]
                    if x.dep == "pobj"
                    for a in self.kids[x.index]
                    if a.dep == "acl" and re.match(r"\s*[,–—-]", self.body[x.end : a.start])
                ]
        for k in kids:
            if k.dep == "poss" and k.tag not in ("PRP$",):
                return k
            if k.dep == "prep" and k.text.casefold() in ("by", "from", "of"):
                x = next((x for x in self.kids[k.index] if x.dep == "pobj"), None)
                if x is not None and not (
                    k.text.casefold() == "of" and not x.proper and x.text.casefold() not in self.sources.groups
                ):
                    return x  # "a statement of the ministry", not "a survey of voter lists": what it is about
            if k.dep == "relcl":  # "a speech Mrs. Clinton delivered": its subject
                x = next((x for x in self.kids[k.index] if x.dep == "nsubj" and x.proper), None)
                if x is not None:
                    return x
            if k.dep == "acl":  # "an analysis released by X", "a complaint filed by X": X
                by = next((b for b in self.kids[k.index] if b.dep == "agent"), None)
                x = next((x for x in self.kids[by.index] if x.dep == "pobj"), None) if by is not None else None
                if x is not None:
                    return x
        made = self.words[subject.head]
        if subject.dep == "dobj" and made.text.casefold() in self.lex.authoring:
            # "X made a comment that S", "prompted X to make a comment that S", "X issued a statement that S"
            x, _, _ = self.subject(made)
            if x is not None and x.text.casefold() not in ("who", "that", "which"):
                return x
        return None

    def phrase(self, head: Word) -> Phrase:
        start, end = self.span(head, skip=_NOT_THE_NAME)
        full_start, full_end = self.span(head, skip=_NOT_THE_PHRASE)
        kids = self.kids[head.index]
        det = next((k.text.casefold() for k in kids if k.dep in ("det", "nummod") and k.index < head.index), "")
        owner = next((k for k in kids if k.dep == "poss"), None)
        first = next((w for w in self.subtree(head, _NOT_THE_PHRASE) if w.start == full_start), head)
        sentence_start = self.words[self.analysis.sentences[head.sentence][0]].start
        compound = any(k.dep == "compound" and k.proper for k in self.subtree(head, _NOT_THE_NAME) if k is not head)
        return Phrase(head, start, end, full_start, full_end, det, owner, first.proper, sentence_start, compound)

    def quote_speaker(self, at: int) -> Author | None:
        """Inside a quotation, its speaker when a claim already named one."""
        quote = self.quote_at(at)
        if quote is None:
            return None
        if quote in self.speaker_at:
            return self.speaker_at[quote]
        # "“…,” Sanders said, going on to X. “I would say S”": the quotation before it in the paragraph,
        # with only its attribution between, is the same speaker's
        i = self.quotes.index(quote)
        if i == 0 or self.quotes[i - 1] not in self.speaker_at:
            return None
        between = self.body[self.quotes[i - 1][1] : quote[0]]
        return self.speaker_at[self.quotes[i - 1]] if "\n\n" not in between and _attribution_sentence(between) else None

    def first_from(self, author: Any, *, outlet: bool = False, reported: bool = False) -> dict[str, Any] | None:
        """Where a claim first appeared, when the attribution says: an account, an outlet's sources,
        an outlet named in "according to", an organisation that "reported" it."""
        if isinstance(author, dict) and "medium" in author:
            return {"publisher": author["entity"], "headline": author["medium"]}
        if isinstance(author, dict) and "_outlet" in author:
            return {"publisher": author["_outlet"]}
        if isinstance(author, str) and (outlet or reported or self.sources.is_outlet(author)):
            return {"publisher": author}
        return None

    # -- the claim's words -----------------------------------------------------------------

    def claim(
        self,
        content: tuple[int, int],
        author: Author | None,
        first: dict[str, Any] | None,
        verb: Word,
        cuts: Sequence[tuple[int, int]] = (),
    ) -> _Claim:
        """The claim of ``content`` less ``cuts`` (the attribution inside it): a quotation's words when
        they are all it holds."""
        start, end = content
        kept = _kept(start, end, cuts)
        quote = self.quote_at(kept[0][0]) if kept else None
        if quote is not None and quote[0] <= kept[0][0] and kept[0][1] <= quote[1] + 1 and _inner(self.body, quote):
            rest = " ".join(self.body[a:b] for a, b in kept[1:])
            if not re.search(r"[^\W_]", rest):
                self.speaker_at[quote] = author
                text = _inner(self.body, quote) or ""
                return _Claim(text, author, first, quote=True, order=start, span=quote)
        text = " ".join(self.body[a:b].strip(" ,") for a, b in kept if self.body[a:b].strip(" ,"))
        text = re.sub(r" ([.,;!?])", r"\1", text)
        return _Claim(_sentence_case(text), author, first, order=start, span=(start, end))

    def uncued_quotes(self, found: list[_Claim]) -> list[_Claim]:
        """A whole-sentence quotation with no cue, right after a claim: the same speaker's — the same
        quotation when only the attribution stands between them ("“…,” she said. “…”")."""
        out: list[_Claim] = []
        claims = sorted(found, key=lambda c: c.span[0])
        for quote in self.quotes:
            if any(a <= quote[0] and quote[1] <= b for a, b in (c.span for c in claims)):
                continue
            text = _inner(self.body, quote)
            before = [c for c in claims if c.span[1] <= quote[0]]
            if not before or text is None or len(text.split()) < 2:
                continue
            last = before[-1]
            between = self.body[last.span[1] : quote[0]]
            continued = last.quote and "\n\n" not in between and _attribution_sentence(between)
            alone = between.count("\n\n") > 1 or len(text.split()) < 4 or not self.whole_sentence(quote)
            author, first = last.author, last.first
            subject = None if continued else self.subject_before(quote, last.span[1])
            if subject is not None:
                author, first = subject, None
            if not continued and (alone or author is None):
                continue
            if continued:
                joint = ", " if between.rstrip().endswith(",") else ". "
                last.text = f"{last.text.rstrip('.,')}{joint}{text}"  # one quotation, interrupted by its attribution
                last.span = (last.span[0], quote[1])
                continue
            claim = _Claim(text, author, first, quote=True, order=quote[0], span=quote)
            out.append(claim)
            claims.append(claim)
            claims.sort(key=lambda c: c.span[0])
        return out

    def subject_before(self, quote: tuple[int, int], after: int) -> str | None:
        """ "Sen. Leila Haddad identified the cost as the reason. “…”": a person named as the subject of the
        sentence right before the quotation, in its paragraph and after the last claim, is its speaker."""
        i = bisect.bisect_left(self.word_starts, quote[0]) - 1
        if i < 0 or re.search(r"\n\s*\n", self.body[self.words[i].end : quote[0]]):
            return None
        first, end = self.analysis.sentences[self.words[i].sentence]
        opening = next((w for w in self.words[first:end] if w.dep != "punct" and w.text.strip()), None)
        if opening is None or opening.start < after:
            return None  # (a closing mark the parse put at the sentence's start does not count)
        root = next((w for w in self.words[first:end] if w.dep == "ROOT" and not self.in_quote(w.start)), None)
        subject = next((k for k in self.kids[root.index] if k.dep == "nsubj"), None) if root is not None else None
        mention = self.sources.mention_at(subject.start) if subject is not None and subject.proper else None
        if mention is None or self.sources.types.get(mention.key) != "Person":
            return None
        return mention.key

    def whole_sentence(self, quote: tuple[int, int]) -> bool:
        before = self.body[max(0, quote[0] - 3) : quote[0]].strip()
        inner = re.sub(r"(?:”|\"|'')\s*$", "", self.body[quote[0] : quote[1]]).rstrip()
        return (not before or before[-1] in ".!?:\n") and inner[-1:] in ".!?,"

    # -- spans ----------------------------------------------------------------------------

    def subtree(self, word: Word, skip: frozenset[str] = frozenset()) -> list[Word]:
        out, todo = [], [word]
        while todo:
            w = todo.pop()
            out.append(w)
            todo += [k for k in self.kids[w.index] if k.dep not in skip]
        return out

    def span(self, word: Word, skip: frozenset[str] = frozenset()) -> tuple[int, int]:
        words = self.subtree(word, skip)
        return min(w.start for w in words), max(w.end for w in words)

    def in_quote(self, at: int) -> bool:
        return self.quote_at(at) is not None

    def quote_at(self, at: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.quote_starts, at) - 1
        return self.quotes[i] if i >= 0 and at < self.quotes[i][1] else None

    def with_quotes(self, span: tuple[int, int]) -> tuple[int, int]:
        """The span grown to hold every quotation it overlaps whole."""
        start, end = span
        for a, b in self.quotes:
            if a < end and start < b:
                start, end = min(start, a), max(end, b)
        return start, end

    def quote_beside(self, verb: Word) -> tuple[int, int] | None:
        """ "“…,” X said", "“…,” said X" or "X said: “…”": the quotation ending just before the verb
        (with at most its subject between) or opening just after it."""
        before = [(a, b) for a, b in self.quotes if b <= verb.start and _attribution_only(self.body[b : verb.start])]
        if before and not self.cue_between(before[-1][1], verb.start):
            return before[-1]
        after = [(a, b) for a, b in self.quotes if a >= verb.end and _attribution_only(self.body[verb.end : a])]
        return after[0] if after and not self.cue_between(verb.end, after[0][0]) else None

    def quoted_before(self, verb: Word) -> bool:
        """A quotation ends right before the verb, with at most its subject between ("“…,” X said")."""
        i = bisect.bisect_right(self.quote_starts, verb.start) - 1
        if i < 0 or self.quotes[i][1] > verb.start:
            return False
        b = self.quotes[i][1]
        return _attribution_only(self.body[b : verb.start]) and not self.cue_between(b, verb.start)

    def cue_between(self, start: int, end: int) -> bool:
        """Another verb of saying between a quotation and a verb: the quotation is that one's ("“…,”
        Warren told Stumpf, after he admitted S": Warren's words, not what Stumpf admitted)."""
        first = bisect.bisect_left(self.word_starts, start)
        last = bisect.bisect_left(self.word_starts, end)
        return any(w.tag.startswith("VB") and w.end <= end and self.is_cue(w) for w in self.words[first:last])


def _people_as_the_model_reads_them(
    types: dict[str, str], mentions: list[Any], analysis: Analysis, guessed: set[str]
) -> dict[str, str]:
    """The types coreference works with: an entity typed otherwise whose mentions the language model
    reads as a person's name — written in full, or more often than not — ("Ed Rendell" typed an
    organisation) is a person "he" or "she" may refer to — a type the linking step ``guessed``, not
    the authority's. The record's types are not changed."""
    spans = sorted((n.start, n.end, n.label) for n in analysis.names)
    starts = [a for a, _, _ in spans]
    votes: dict[str, list[bool]] = defaultdict(list)
    full: set[str] = set()  # read as a person where written in full ("Ed Rendell"; "Rendell" alone may not be)
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        if i >= 0 and spans[i][0] <= m.start < spans[i][1]:
            votes[m.key].append(spans[i][2] == "PERSON")
            if spans[i][2] == "PERSON" and len(m.surface.split()) > 1:
                full.add(m.key)
    out = dict(types)
    for key, person in votes.items():
        if (
            key in guessed
            and (key in full or sum(person) * 2 > len(person))
            and out.get(key) in ("Organization", "Place")
        ):
            out[key] = "Person"
    return out


@functools.cache
def _headline_verb() -> re.Pattern[str]:
    """A verb of saying or denying as headlines write it: present or past ("Says", "Denied")."""
    forms = {
        e[i]
        for name in ("reporting_verbs", "denial_verbs")
        for e in entries(name)
        if e[0] != "tell"  # "X Tells Y to S": told whom, not what
        for i in (1, 2)
        if len(e) > i
    }
    alternatives = "|".join(sorted((re.escape(f) for f in forms if " " not in f), key=len, reverse=True))
    return re.compile(rf"\s(?:{alternatives})\s", re.IGNORECASE)


@functools.cache
def _titles() -> frozenset[str]:
    """Titles and roles that may stand before a name ("Sen.", "Former", "President")."""
    return frozenset(w.casefold().rstrip(".") for name in ("titles", "source_roles") for w in words(name)) | {
        "former",
        "acting",
        "interim",
    }


def _inner(body: str, quote: tuple[int, int]) -> str | None:
    """A quotation's words without its marks (and a comma before the attribution), across paragraphs."""
    text = body[quote[0] : quote[1]]
    text = re.sub(r"\n\s*\n\s*(?:“|\"|'')", " ", text)  # a quotation continued in the next paragraph
    text = re.sub(r"^(?:“|\"|'')|(?:”|\"|'')$", "", text.strip()).strip().rstrip(",").strip()
    return _clean(text) if text else None


def _attribution_sentence(between: str) -> bool:
    """Between two quotations, only their attribution: one sentence at most, no other quotation."""
    between = _TITLE_POINT.sub("", between)
    return len(between.split()) <= 40 and len(re.findall(r"[.!?]\s", between)) <= 1 and not re.search(r"[“”]", between)


def _attribution_only(between: str) -> bool:
    """What stands between a quotation and its verb: punctuation and a few words, no sentence end
    (a title's or an initial's point is none: "“…,” Ms. Moore said", "“…,” G.K. Butterfield said")."""
    between = _TITLE_POINT.sub("", between)
    return len(between.split()) <= 8 and not re.search(r"[.!?;]\s|\n\n|[“”]", between)


_VERB_FIRST = re.compile(r"(?:^|(?<=[.!?”\"]\s)|(?<=\n))\s*([A-Z][a-z]+)\s+([A-Z][^\n:,.!?“”\"]{0,60}?)\s*[:,]\s*$")
_TITLE_POINT = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z])\.(?=\s*[A-Z])")


def _kept(start: int, end: int, cuts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces of [start, end) outside ``cuts``."""
    pieces, at = [], start
    for a, b in sorted(cuts):
        if a > at:
            pieces.append((at, min(a, end)))
        at = max(at, b)
    if at < end:
        pieces.append((at, end))
    return pieces


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
    return 0 if value is not None else -1


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
        words_ = [w for w in re.findall(r"[^\W_]+", claim.text) if w.casefold() not in _STOP][:6]
        base = slug(" ".join(words_)) or "claim"
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
    text = _clean(text).rstrip(" ,;:—–-")
    if text and text[-1] not in '.!?”"':
        text += "."
    return text[:1].upper() + text[1:]


# -- quotations and sentences -----------------------------------------------------------------

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Capt|Sgt|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Inc|Ltd|Co|vs|etc|approx|Gov|Sen|Rep|Prof)|\b[A-Z])\.$"
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages within a paragraph. An opening mark never closed before the next
    opening is a stray (copy often has one): it is dropped, so it cannot swallow the rest of the text."""
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


_MARKS = re.compile(r"“|”|\"|''|\n\s*\n\s*")
_OPENING = ("“", '"', "''")


def quotations(text: str) -> list[tuple[int, int]]:
    """Quoted passages (“…”, "…" or ''…''), a quotation continued over paragraphs included: a
    paragraph whose quotation is still open at its end, followed by one that opens with a quotation
    mark, goes on in it. An opening mark never closed in its paragraph is a stray and is dropped."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    carry = False  # the next mark opens a paragraph that goes on with the open quotation
    for m in _MARKS.finditer(text):
        mark = m.group(0)
        if mark.startswith("\n"):
            carry = open_at is not None and text.startswith(_OPENING, m.end())
            open_at = open_at if carry else None
        elif carry:
            carry = False
        elif mark == "“" or (mark != "”" and open_at is None):
            open_at = m.start()
        elif open_at is not None:
            spans.append((open_at, m.end()))
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


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str


def _add_sentence(out: list[_Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + (len(piece) - len(piece.lstrip()))
        out.append(_Sentence(offset, offset + len(stripped), stripped))


__all__ = ["INCLUDE", "find_claims", "quotations", "quote_spans", "sentences"]
