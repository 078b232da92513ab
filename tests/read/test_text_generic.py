"""Texts of other shapes than the seed, with what they must give (written by hand): the rules are not seed-only."""

from __future__ import annotations

import ldpub
from ldpub.entities import Authority
from ldpub.read.text import extract_text
from tests.support import DATA

TEXTS = DATA / "pages" / "text"
OPTIONS = {"url": "https://news.example/2024/story", "published": "2024-03-01T09:00:00+02:00", "language": "en"}
COUNTRIES = Authority.from_turtle(
    "@prefix schema: <https://schema.org/> .\n"
    '<https://news.example/entity/jordan> a schema:Country ; schema:name "Jordan" .\n'
    '<https://news.example/entity/syria> a schema:Country ; schema:name "Syria" .\n'
)


def extract(name: str, authority: Authority | None = None) -> tuple[dict, list[str]]:
    result = extract_text((TEXTS / name).read_text(encoding="utf-8"), authority=authority, **OPTIONS)
    ldpub.build(result.record)
    return result.record, [str(w) for w in result.warnings]


def _claims(record: dict) -> list[tuple[str, object, object]]:
    return [(c["text"], c.get("author"), c.get("first_appeared_in")) for c in record.get("claims", [])]


def test_wire_story_with_dateline_quote_and_said_last() -> None:
    record, warnings = extract("wire-border-crossing.txt", COUNTRIES)
    # The headline, in sentence case, is read too: "Jaber crossing" is the Jaber border crossing.
    assert record["about"] == ["jaber-border-crossing", "jordan"] and "syria" in record["mentions"]
    kinds = {k: e["type"] for k, e in record["entities"].items()}
    assert kinds == {
        "jordan": "Country",
        "syria": "Country",
        "jaber-border-crossing": "Place",
        "interior-ministry": "Organization",
        "mazen-al-faraya": "Person",
        "jordan-chamber-of-commerce": "Organization",
        "amman": "Place",  # from the dateline
    }
    assert record["dateline"] == {"place": "amman", "text": "AMMAN (Levant Wire)"}
    assert record["entities"]["mazen-al-faraya"]["name"] == "Mazen al-Faraya"  # the title is not the name
    assert _claims(record) == [
        (
            "Jordan will reopen the Jaber border crossing with Syria next week after a three-month closure.",
            "interior-ministry",
            None,
        ),
        ("We will reopen the crossing to passengers and trucks on Monday", "mazen-al-faraya", None),
        ("Customs staff had been doubled.", "mazen-al-faraya", None),  # "He added that …": the minister
        ("More than 300 trucks a day used the crossing before it closed.", "jordan-chamber-of-commerce", None),
    ]
    # "He added that …": a pronoun is attributed to no one (precision first)
    assert not any("customs" in c["text"] for c in record["claims"])
    assert sum("candidate" in w for w in warnings) == 5


def test_council_story_repeated_claim_and_second_reference() -> None:
    record, _ = extract("plain-council-vote.txt")
    assert record["entities"]["ines-moreau"] == {
        "type": "Person",
        "name": "Ines Moreau",
        "alternate_names": ["Moreau"],  # not "Councillor Ines Moreau": a title is no name
        "job_title": "Councillor",  # the title written before her name
    }
    assert _claims(record) == [
        ("The lanes would cut journey times by a third.", "ines-moreau", None),
        (
            "The loss of parking would cost them customers.",
            {"anonymous": "shop owners", "type": "Person"},
            {"publisher": "harbour-gazette"},
        ),
        ("This is a good day for everyone who takes the bus", "ines-moreau", None),
    ]
    assert record["entities"]["harbour-road"]["type"] == "Place"


def test_translated_report_claims_and_place_of_kind() -> None:
    record, _ = extract("translated-aleppo-market.md")
    assert record["entities"]["aleppo"] == {
        "type": "Place",
        "name": "Aleppo",
        "same_as": ["https://sws.geonames.org/170063/"],  # GeoNames' Aleppo, from the gazetteer
        "geo": {"latitude": 36.20124, "longitude": 37.16117},
    }
    assert record["entities"]["aga-khan-trust-for-culture"]["type"] == "Organization"
    assert _claims(record) == [
        ("The section's vaults had been rebuilt with the original stone.", "aga-khan-trust-for-culture", None),
        (
            "Rents would stay at their pre-war level for two years.",
            {"anonymous": "local traders", "type": "Person"},
            None,
        ),
        ("A third section would open before the summer.", {"anonymous": "unnamed reports last month"}, None),
    ]


def test_a_text_extraction_refuses_is_never_given_to_the_model_ahead() -> None:
    # --jobs analyses a batch's texts ahead, in one pass of the model; a 5 MB text reached it
    # there before extraction refused it, and the model's memory grew past 17 GB
    from ldpub.read.text import MAX_TEXT_CHARS, analysed_texts

    paragraph = "The council met on Monday and the mayor said the lanes would open in May.\n\n"
    assert analysed_texts("A headline\n\n" + paragraph) != []
    assert analysed_texts("A headline\n\n" + paragraph * (MAX_TEXT_CHARS // len(paragraph) + 1)) == []
