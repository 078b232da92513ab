"""The layout of a plain-text article: headline, byline, dateline, body paragraphs, chrome, links and notes.

Rules are about the *shape* of lines, not about one site's strings: a short line made only
of sharing/form words is chrome; a "Read also:" / "See also:" / "Related:" line is a link;
a sentence saying the text was translated, or that the outlet has not verified it, is a note.
A line of names after "By" (or "Name | Staff writer") before the first paragraph is the byline;
an upper-case place and a dash opening the first paragraph ("AMMAN, Jordan (AP) —") is the dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ldpub.lexicon import words
from ldpub.lexicon.patterns import dateline as dateline_at

# Words that make up share bars, e-mail-a-friend forms, comment boxes and the like. A short
# line made only of these (and at least one action word) is page chrome.
_ACTION_WORDS = frozenset(
    """
    recommend share send print email e-mail mail tweet like follow subscribe bookmark save comment comments
    reply submit cancel close copy advertisement advertising sponsored login log sign register
    """.split()  # noqa: SIM905
)
_CHROME_WORDS = _ACTION_WORDS | frozenset(
    """
    article story this page post to a an the friend friends on via us our in up out link url now here facebook
    twitter x whatsapp telegram linkedin reddit pinterest instagram youtube newsletter your my sender's
    senders sender receiver's receivers receiver recipient's recipient name names address message captcha code
    security top back more print-friendly version button icon email: e-mail: name: message: and or with by of
    top
    """.split()  # noqa: SIM905
)
# Form labels: "Sender's Name:", "Your e-mail address:", "Receiver's Email:".
_FORM_LABEL = re.compile(
    r"^(?:[\w’']+\s+){0,3}(?:name|e-?mail(?:\s+address)?|message|comments?|subject|phone|captcha|security code)"
    r"\s*[:*]\s*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
_RELATED = re.compile(
    r"^(?:read|see)\s+(?:also|more)\s*[:\-–—]\s*(?P<rest>.+)$|^related(?:\s+(?:article|story|stories|link))?\s*[:\-–—]\s*(?P<rest2>.+)$",
    re.IGNORECASE,
)
# ASCII URL characters only (RFC 3986): a curly quote or "©" glued on is not part of the link.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+", re.IGNORECASE)
# "This article was translated (from Arabic) and edited by The Syrian Observer."
_TRANSLATED = re.compile(
    r"\b(?:translated|translation)\b(?:\s+from\s+(?P<lang>[A-Z][a-z]+))?(?:\s+and\s+(?:edited|adapted|abridged))?"
    r"(?:\s+from\s+(?P<lang2>[A-Z][a-z]+))?\s+(?:is\s+)?by\s+(?P<who>[^.;]+)",
    re.IGNORECASE,
)
# "X has not verified the content of this story", "The views expressed … do not reflect …".
_DISCLAIMER = re.compile(
    r"^(?P<who>.+?)\s+(?:has|have|did|does|could)\s+not\s+(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b"
    r"|\b(?:views|opinions)\s+expressed\b.*\b(?:do|does)\s+not\s+(?:necessarily\s+)?reflect\b"
    r"|^responsibility for the (?:information|content)\b",
    re.IGNORECASE,
)
_EDITOR_NOTE = re.compile(
    r"^(?:editor['’]s\s+note|note\s+from\s+the\s+editor)\s*[:\-–—]\s*(?P<text>.+)$", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_ORG_CUE = re.compile(
    r"\b(?:the\b|observer|news|press|agency|times|post|media|network|service|desk|team|center|centre)", re.IGNORECASE
)
_LANGUAGES = {
    "arabic": "ar",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "turkish": "tr",
    "persian": "fa",
    "farsi": "fa",
    "kurdish": "ku",
    "hebrew": "he",
    "russian": "ru",
    "english": "en",
    "italian": "it",
    "portuguese": "pt",
    "chinese": "zh",
    "ukrainian": "uk",
}


@dataclass(frozen=True)
class Byline:
    """One author as the byline names them, with the role or outlet written beside the name."""

    name: str
    job_title: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Dateline:
    """Where the story was filed, as printed ("AMMAN, Jordan (AP)"): the place, its region, the agency."""

    text: str
    place: str
    region: str | None = None
    agency: str | None = None


@dataclass
class Layout:
    headline: str
    body: list[str] = field(default_factory=list)
    authors: list[Byline] = field(default_factory=list)
    dateline: Dateline | None = None
    related: list[dict[str, Any]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    contributors: list[str] = field(default_factory=list)  # a wire footer's "Reporting by …", "Writing by …"
    editors: list[str] = field(default_factory=list)  # a wire footer's "Editing by …"
    translated: bool = False
    translator: str | None = None
    translator_is_org: bool = False
    original_language: str | None = None
    publisher_name: str | None = None
    chrome: list[str] = field(default_factory=list)  # the lines dropped, for tests and reports


def is_chrome(line: str) -> bool:
    """True for a line of page furniture: share bars, form labels, copyright, lone buttons."""
    text = line.strip()
    if not text:
        return False
    if _FORM_LABEL.match(text) or (_COPYRIGHT.search(text) and len(text) < 200):
        return True
    words = [w for w in re.findall(r"[\w'’:-]+", text.casefold()) if not w.isdigit()]  # "Comments (0)"
    if not words or len(words) > 6:
        return False
    bare = [w.rstrip(":") for w in words]
    return all(w in _CHROME_WORDS or w.rstrip(":") in _CHROME_WORDS for w in words) and any(
        w in _ACTION_WORDS for w in bare
    )


def _paragraphs(text: str) -> list[list[str]]:
    """Blocks of non-blank lines; a line of chrome also ends a block."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _strip_markdown_heading(line: str) -> str:
    return re.sub(r"^#{1,6}\s+", "", line).strip()


def read_layout(text: str) -> Layout:
    """Split a plain-text article into its parts (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks = _paragraphs(text)
    # The headline is the first line that is not chrome ("Share this article" above it is dropped).
    skipped: list[str] = []
    while blocks and (is_chrome(blocks[0][0]) or not _strip_markdown_heading(blocks[0][0])):
        skipped.append(blocks[0].pop(0))
        blocks = [b for b in blocks if b]
    if not blocks:  # nothing but chrome: the first line stands as the headline
        blocks = [skipped[:1]]
        skipped = skipped[1:]
    first = blocks[0]
    layout = Layout(headline=_strip_markdown_heading(first[0]), chrome=skipped)
    rest = [first[1:], *blocks[1:]] if len(first) > 1 else blocks[1:]
    for block in rest:
        kept: list[str] = []
        for line in block:
            if is_chrome(line):
                layout.chrome.append(line)
                continue
            related = _RELATED.match(line)
            if related:
                _add_related(layout, related.group("rest") or related.group("rest2"))
                continue
            kept.append(line)
        if not layout.body and not layout.authors and kept and (authors := read_byline(kept[0])):
            layout.authors = authors  # the byline stands before the first paragraph
            kept = kept[1:]
        if not kept:
            continue
        paragraph = " ".join(kept)  # hard-wrapped lines of one paragraph
        paragraph = re.sub(r"[ \t]+", " ", paragraph).strip()
        if _take_footer(layout, "\n".join(kept)) or _take_footer(layout, paragraph):
            continue  # a wire footer: who reported and edited, not the story
        body_part = _take_notes(layout, paragraph)
        if body_part and not layout.body:
            layout.dateline, body_part = read_dateline(body_part)
        if body_part:
            layout.body.append(body_part)
    return layout


# -- byline and dateline -------------------------------------------------------------------

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|abu|de|da|van|von|der|le|la|du|dos|di)(?:-[A-Z][\w'’-]*)?)"
_PERSON = re.compile(rf"^[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{1,4}}$")
_ROLE_WORDS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|photographer|staff|"
    r"analyst|producer|bureau|chief|desk)\b",
    re.IGNORECASE,
)
_BY = re.compile(r"^(?:by|BY|By)\s+(?P<names>[^|]{3,160}?)(?:\s*\|\s*(?P<role>.{2,60}))?$")
_NAME_BAR = re.compile(r"^(?P<name>[^|,]{3,60}?)\s*[|]\s*(?P<role>.{2,60})$")


_CUES = "|".join(
    re.escape(c) for c in sorted(words("footer_contributor") | words("footer_editor"), key=len, reverse=True)
)
_FOOTER = re.compile(rf"^\(?\s*(?P<cue>{_CUES})\s+", re.IGNORECASE)
# Parts of a footer: after ";", a line break, or a comma before the next cue ("Reporting by A, Writing by B").
_FOOTER_PARTS = re.compile(rf"\s*;\s*|\n+|,\s*(?=(?:{_CUES})\s)", re.IGNORECASE)
_EDITOR_CUES = frozenset(c.casefold() for c in words("footer_editor"))


def read_footer(paragraph: str) -> tuple[list[str], list[str]] | None:
    """A wire footer's contributors and editors ("Reporting by A in Amman; Additional reporting by B;
    Editing by C and D"), or None when the paragraph is not one."""
    text = paragraph.strip()
    if not _FOOTER.match(text):
        return None
    contributors: list[str] = []
    editors: list[str] = []
    for part in _FOOTER_PARTS.split(text.strip("() \t.")):
        m = _FOOTER.match(part)
        if m is None:
            return None  # something else than a list of names: a sentence that starts "Written by …"
        names = re.sub(r"\s+(?:in|from)\s+[A-Z][\w'’ ,-]{1,60}$", "", part[m.end() :].strip(" .()"))
        people = [p.strip() for p in re.split(r"\s*,\s*|\s+(?:and|&)\s+", names) if p.strip()]
        if not people or not all(_PERSON.match(p) for p in people):
            return None
        (editors if m.group("cue").casefold() in _EDITOR_CUES else contributors).extend(_name_case(p) for p in people)
    return contributors, editors


def without_footers(body: str) -> tuple[str, list[str], list[str]]:
    """A body (paragraphs split by blank lines) without its wire-footer paragraphs, and the
    contributors and editors they name."""
    contributors: list[str] = []
    editors: list[str] = []
    kept = []
    for paragraph in re.split(r"\n\s*\n", body):
        footer = read_footer(paragraph)
        if footer is None:
            kept.append(paragraph)
            continue
        contributors += [p for p in footer[0] if p not in contributors]
        editors += [p for p in footer[1] if p not in editors]
    return "\n\n".join(kept), contributors, editors


def _take_footer(layout: Layout, paragraph: str) -> bool:
    footer = read_footer(paragraph)
    if footer is None:
        return False
    layout.contributors += [p for p in footer[0] if p not in layout.contributors]
    layout.editors += [p for p in footer[1] if p not in layout.editors]
    return True


def read_byline(line: str) -> list[Byline]:
    """The authors a byline line names ("By A and B", "By A, Reuters", "A | Staff writer"); [] if it is none."""
    line = line.strip()
    by = _BY.match(line)
    if by:
        return _bylines(by.group("names"), by.group("role"))
    bar = _NAME_BAR.match(line)
    if bar and _PERSON.match(bar.group("name").strip()) and not _is_sentence(bar.group("role")):
        return _bylines(bar.group("name"), bar.group("role"))
    return []


def _bylines(names: str, role: str | None) -> list[Byline]:
    names = re.sub(r"\s+(?:in|from)\s+[A-Z][\w'’ -]{1,40}$", "", names.strip().rstrip("."))  # "By A in Beirut"
    pieces = [p.strip() for p in re.split(r"\s*,\s*|\s+(?:and|&)\s+", names) if p.strip()]
    people: list[str] = []
    affiliation: str | None = None
    title: str | None = None
    for piece in pieces:
        if people and _is_outlet(piece) and affiliation is None:
            affiliation = piece  # "By A, Reuters": the outlet they write for
        elif people and _ROLE_WORDS.search(piece) and title is None:
            title = piece  # "By A, Staff Writer"
        elif _PERSON.match(piece) and affiliation is None and title is None:
            people.append(_name_case(piece))
        elif people and (affiliation or title) and re.fullmatch(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?", piece):
            continue  # "By A, BBC News, Beirut": where they write from
        else:
            return []  # not a list of names: a sentence that starts with "By"
    if role and _ROLE_WORDS.search(role):
        title = title or role.strip()  # "A | Staff writer"
    elif role and _is_outlet(role.strip()):
        affiliation = affiliation or role.strip()  # "A | Reuters"
    return [Byline(p, title, affiliation) for p in people]


def _is_outlet(piece: str) -> bool:
    """A news outlet: in the outlet list, named like one ("Levant Wire"), or one capitalised word ("Reuters")."""
    from ldpub.language.names import outlets

    last = piece.split()[-1] if piece.split() else ""
    return bool(outlets().lookup(piece) or last in words("outlet_words") or re.fullmatch(r"[A-Z][\w'’.-]+", piece))


def _name_case(name: str) -> str:
    """A name printed in capitals ("SARAH EL-DEEB") as it is written in text ("Sarah El-Deeb")."""
    if not name.isupper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.casefold())


def _is_sentence(text: str) -> bool:
    return len(text.split()) > 6 or text.rstrip().endswith((".", "!", "?"))


def read_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """The dateline opening the first paragraph ("BEIRUT —", "AMMAN, Jordan (AP) —") and the rest."""
    m = dateline_at(paragraph)
    if m is None:
        return None, paragraph
    place = _display_name(m.group("place"), paragraph[m.end() :])
    dateline = Dateline(m.group("text").strip(), place, m.group("region"), m.group("agency"))
    return dateline, paragraph[m.end() :]


def _display_name(caps: str, text: str) -> str:
    """The place as the text writes it elsewhere ("Deir ez-Zor" for "DEIR EZ-ZOR"), else in title case."""
    pattern = re.escape(caps).replace(r"\ ", r"\s+")
    written = re.search(rf"(?<![\w-]){pattern}(?![\w-])", text, re.IGNORECASE)
    if written and written.group(0) != caps and written.group(0)[:1].isupper():
        return written.group(0)
    words = re.split(r"([ -])", caps.casefold())
    return "".join(
        w if w in (" ", "-") or w in ("al", "el", "ez", "ed", "es", "as", "ar", "ad") else w.capitalize() for w in words
    )


def _add_related(layout: Layout, rest: str) -> None:
    url_match = _URL.search(rest)
    headline = _URL.sub("", rest).strip(" \t()[]<>-–—|:“”\"‘’'") or None
    link: dict[str, Any] = {}
    if headline:
        link["headline"] = headline
    if url_match:
        link["url"] = url_match.group(0).rstrip(".,;:!?'")
    if "headline" not in link and "url" in link:
        link["headline"] = link["url"]
    if link:
        layout.related.append(link)


def _take_notes(layout: Layout, paragraph: str) -> str:
    """Move translation notes and disclaimers out of a paragraph; return what is body.

    Only a paragraph that *starts* with a note is a note paragraph: a body sentence that
    merely mentions a translation stays body. Sentences after a note continue it.
    """
    editor = _EDITOR_NOTE.match(paragraph)
    if editor:
        layout.notes.append(("editor", editor.group("text").strip()))
        return ""
    sentences = _SENTENCE.split(paragraph)
    if not sentences or _note_kind(sentences[0]) is None:
        return paragraph
    current: tuple[str, list[str]] | None = None
    for sentence in sentences:
        kind = _note_kind(sentence)
        if kind == "translation":
            _read_translation(layout, sentence)
        elif kind == "disclaimer":
            who = _DISCLAIMER.match(sentence)
            if who and who.group("who") and not layout.publisher_name:
                layout.publisher_name = _name(who.group("who"))
        if kind is not None and (current is None or current[0] != kind):
            if current:
                layout.notes.append((current[0], " ".join(current[1])))
            current = (kind, [sentence])
        elif current is not None:
            current[1].append(sentence)
    if current:
        layout.notes.append((current[0], " ".join(current[1])))
    return ""


def _note_kind(sentence: str) -> str | None:
    if _TRANSLATED.search(sentence) and re.match(
        r"^(?:this|the)\s+(?:article|story|text|report|piece)\b|^translated\b", sentence, re.IGNORECASE
    ):
        return "translation"
    if _DISCLAIMER.search(sentence):
        return "disclaimer"
    return None


def _name(text: str) -> str:
    """A name as written in a note, without a trailing period or a leading 'by'."""
    return re.sub(r"\s+", " ", text).strip(' .,:;"“”')


def _read_translation(layout: Layout, sentence: str) -> None:
    layout.translated = True
    match = _TRANSLATED.search(sentence)
    if not match:
        return
    who = _name(match.group("who"))
    layout.translator = who
    layout.translator_is_org = bool(_ORG_CUE.search(who))
    language = (match.group("lang") or match.group("lang2") or "").casefold()
    if language in _LANGUAGES:
        layout.original_language = _LANGUAGES[language]
    # The outlet that "translated and edited" the text is the one publishing it.
    if layout.translator_is_org and re.search(r"\bedited\b", sentence, re.IGNORECASE):
        layout.publisher_name = layout.publisher_name or who
