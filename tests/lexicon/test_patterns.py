"""The one dateline pattern the layout reader, the language model's input and the claims share."""

from __future__ import annotations

import pytest

from ldpub.lexicon.patterns import blank_datelines, dateline, strip_dateline


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("AMMAN, Jordan (AP) — Jordan will reopen", "AMMAN"),
        ("BEIRUT — The port", "BEIRUT"),
        ("WASHINGTON/ANKARA (Reuters) - Talks", "WASHINGTON"),
        ("DEIR ez-ZOR, Syria, March 3 (Levant Wire) – Fighters", "DEIR ez-ZOR"),
        ("BOGOTÁ, Colombia — The mayor", "BOGOTÁ"),
    ],
)
def test_datelines_of_several_shapes(paragraph: str, place: str) -> None:
    m = dateline(paragraph)
    assert m is not None and m.group("place") == place


@pytest.mark.parametrize("paragraph", ["NATO — the alliance said", "The UN — a body of states — met", "Amman — Jordan"])
def test_no_dateline_without_capitals_and_a_sentence(paragraph: str) -> None:
    assert dateline(paragraph) is None


def test_blanking_keeps_offsets_and_stripping_leaves_the_story() -> None:
    body = "AMMAN (Levant Wire) — Jordan will reopen.\n\nBEIRUT — Talks resumed."
    blanked = blank_datelines(body)
    assert len(blanked) == len(body) and blanked.split("\n\n")[1].strip() == "Talks resumed."
    assert blanked.lstrip().startswith("Jordan will reopen.")
    assert strip_dateline("AMMAN (Levant Wire) — Jordan will reopen.") == "Jordan will reopen."
