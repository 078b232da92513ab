"""Damaged inputs never crash the validator: every outcome is findings with known codes."""

from __future__ import annotations

import json
import random

import pytest

from ldpub.limits import DEPTH_MESSAGE, MAX_DEPTH
from ldpub.validate import CODES, Validator
from tests.support import EXAMPLES

SEED_DOC = (EXAMPLES / "fact-check-rukban-aid.jsonld").read_text(encoding="utf-8")
SEED_PAGE = (EXAMPLES / "pages" / "syrian-observer-al-tanf.embedded.html").read_text(encoding="utf-8")
VALIDATOR = Validator(["google-article", "google-claimreview", "ldpub"])
PIECES = ['"', "{", "}", "[", "]", ",", ":", ";", "\n", "\t", "\\", "&quot;", "<!--", "]]>", "\x00", "null", "@id", "é"]


def damage(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(chars))
        action = rng.random()
        if action < 0.4:
            del chars[at : at + rng.randint(1, 20)]
        elif action < 0.8:
            chars.insert(at, rng.choice(PIECES))
        else:
            chars[at] = rng.choice(PIECES)
    return "".join(chars)


@pytest.mark.parametrize("source,suffix", [(SEED_DOC, ".jsonld"), (SEED_PAGE, ".html")])
def test_damaged_inputs_give_findings_not_exceptions(source: str, suffix: str) -> None:
    rng = random.Random(20261202)
    for _ in range(80):
        text = damage(source, rng)
        report = VALIDATOR.check_bytes(text.encode("utf-8", "surrogatepass"), f"x{suffix}", suffix=suffix)
        for finding in report.findings:
            assert finding.code in CODES and finding.severity in ("error", "warning", "info")
            if finding.line is not None:
                assert 1 <= finding.line <= text.count("\n") + 2


def shapes() -> list[object]:
    """Odd but parseable JSON: every type where a node, an @id, a @type or a value goes."""
    odd: list[object] = [None, 1, 1.5, True, "x", [], {}, [[]], {"@id": None}, {"@value": {}}, {"@list": 3}]
    docs: list[object] = []
    for value in odd:
        docs.append({"@context": "https://schema.org", "@type": value, "name": "x"})
        docs.append({"@context": "https://schema.org", "@id": value, "@type": "Thing"})
        docs.append({"@context": "https://schema.org", "@type": "NewsArticle", "author": value})
        docs.append({"@context": "https://schema.org", "@graph": value})
        docs.append({"@context": value, "@type": "Thing"})
        docs.append([value])
        docs.append(value)
    return docs


def test_odd_json_shapes_give_findings_not_exceptions() -> None:
    for doc in shapes():
        report = VALIDATOR.check_bytes(json.dumps(doc).encode(), "odd.jsonld", suffix=".jsonld")
        assert all(f.code in CODES for f in report.findings)


@pytest.mark.parametrize("text", ["null", "3", '"a string"', "true"])
def test_a_json_scalar_is_not_a_document(text: str) -> None:
    [finding] = VALIDATOR.check_bytes(text.encode(), "s.jsonld", suffix=".jsonld").findings
    assert finding.code == "LD011" and finding.pointer == "" and finding.line == 1


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_absurdly_deep_nesting_is_a_finding(depth: int) -> None:
    # past ldpub's limit (orjson's own, 1,024 levels, at 100,000): the message every command gives
    text = '{"@context": "https://schema.org", "@type": "Person", "name": "x"'
    text += ', "knows": {"@type": "Person", "name": "y"' * depth + "}" * depth + "}"
    report = VALIDATOR.check_bytes(text.encode(), "deep.jsonld", suffix=".jsonld")
    [finding] = report.findings
    assert (finding.code, finding.message) == ("LD001", DEPTH_MESSAGE)
    first_past_limit = [i for i, c in enumerate(text) if c == "{"][MAX_DEPTH]  # no braces in the strings
    assert (finding.line, finding.column) == (1, first_past_limit + 1)


def test_the_vocabulary_memos_keyed_by_input_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # a service validating documents with ever new type and property names must not grow for ever
    from ldpub.validate import vocab

    monkeypatch.setattr(vocab, "_MEMO_LIMIT", 50)
    vocabulary = vocab.vocabulary()
    for i in range(500):
        vocabulary.in_domain(f"Type{i}", "name")
        vocabulary.any_is_a((f"Type{i}",), ("Thing",))
    assert len(vocabulary._domain_cache) <= 51 and len(vocabulary._any_cache) <= 51
    assert vocabulary.in_domain("NewsArticle", "headline") and not vocabulary.in_domain("Person", "headline")
