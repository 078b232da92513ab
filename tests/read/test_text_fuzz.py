"""Random texts made of the pieces the rules look for: never a crash, and always a record that builds."""

from __future__ import annotations

import random

import pytest

import ldpub
from ldpub.entities import Authority
from ldpub.errors import InputError
from ldpub.read.text import extract_text
from tests.seed_scoring import AUTHORITY

PIECES = [
    "Qassem", "al-Qassem", "Maghaweer el Thawra", "al-", "Al ", "el-", "the Tanf base", "King", "Major General",
    "of Jordan", "Jordanian intelligence", "said that", "claimed that", "according to", "According to", ",", ".",
    " ", " ", " ", "\n", "\n\n", "“", "”", '"', "’s", "It was reported that", "quoted", "as saying:", "declared:",
    "Read Also:", "Recommend article", "Sender's Name:", "This article was translated by", "has not verified",
    "Editor's note:", "https://x.example/a", "U.S.", "55 km zone", "Athr’s sources", "the source", "a source from",
    "Ünïcödé", "ب", "𝔘", "\t", "--", "©", "Share", "camp", "Commission", "in", "Smith", "Moreau said", "#",
]  # fmt: skip
OPTIONS = {"url": "https://news.example/a", "published": "2024-01-01T00:00:00Z", "language": "en"}


@pytest.fixture(scope="module")
def authority() -> Authority:
    return Authority.load(AUTHORITY)


@pytest.mark.parametrize("seed", range(12))
def test_random_texts_give_records_that_build(seed: int, authority: Authority) -> None:
    rng = random.Random(seed)
    seen: set[str] = set()
    for _ in range(25):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 120)))
        try:
            result = extract_text(text, authority=authority if rng.random() < 0.7 else None, **OPTIONS)
        except InputError as error:
            assert not text.strip() and "empty" in str(error)  # the only refusal these pieces deserve
            continue
        ldpub.build(result.record)  # schema, references and the graph all hold
        seen.update(k for k in ("entities", "claims", "related", "notes", "translation") if k in result.record)
    assert "entities" in seen and len(seen) >= 2, seen  # the pieces do reach the rules


def test_found_by_fuzzing_a_glued_quote_is_not_part_of_a_related_url() -> None:
    record = extract_text("H\n\nBody text here.\n\nRead Also: https://x.example/a”Jordanian ©", **OPTIONS).record
    assert record["related"] == [{"headline": "Jordanian ©", "url": "https://x.example/a"}]
    ldpub.build(record)


def test_found_by_fuzzing_an_empty_quote_is_no_claim() -> None:
    record = extract_text("H\n\nKing Abdullah II of Jordan declared: “”. He left.", **OPTIONS).record
    assert "claims" not in record
    ldpub.build(record)
