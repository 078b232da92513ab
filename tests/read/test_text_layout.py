"""Bylines and datelines of plain text, and claims read from the dependency parse.

The texts (tests/data/pages/text/) are written for these tests, from other regions and shapes
than the seed: a wire story with two authors and an agency, a staff story with a "Name | role"
byline, a story with no byline whose first words are "By".
"""

from __future__ import annotations

from typing import Any

import pytest

import ldpub
from ldpub.entities import Authority
from ldpub.read.text import extract_text
from ldpub.read.text_layout import Byline, read_byline, read_dateline, read_layout
from tests.support import DATA

TEXTS = DATA / "pages" / "text"
OPTIONS = {"url": "https://news.example/2024/story", "published": "2024-03-01T09:00:00+02:00", "language": "en"}


def extract(name: str, authority: Authority | None = None) -> dict[str, Any]:
    result = extract_text((TEXTS / name).read_text(encoding="utf-8"), authority=authority, **OPTIONS)
    ldpub.build(result.record)  # every record here is complete and builds
    return result.record


def claims(record: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(c["text"], c.get("author"), c.get("first_appeared_in")) for c in record.get("claims", [])]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Rania Haddad and Tom Whitfield", [Byline("Rania Haddad"), Byline("Tom Whitfield")]),
        ("By Tom Whitfield, Reuters", [Byline("Tom Whitfield", affiliation="Reuters")]),
        ("BY SARAH EL-DEEB", [Byline("Sarah El-Deeb")]),
        ("By Sarah El Deeb, Associated Press", [Byline("Sarah El Deeb", affiliation="Associated Press")]),
        ("Rania Haddad | Staff writer", [Byline("Rania Haddad", job_title="Staff writer")]),
        ("Maya Gebeily | Reuters", [Byline("Maya Gebeily", affiliation="Reuters")]),
        ("By Lina Sinjab, BBC News, Beirut", [Byline("Lina Sinjab", affiliation="BBC News")]),
        ("By A. J. Naddaff in Amman", [Byline("A. J. Naddaff")]),
        # Sentences that begin like a byline are not one.
        ("By the time the army arrived, the town was empty.", []),
        ("By car and on foot", []),
        ("By Monday, Haddad, Whitfield", []),
        ("Prices | rose", []),
    ],
)
def test_bylines(line: str, expected: list[Byline]) -> None:
    assert read_byline(line) == expected


@pytest.mark.parametrize(
    ("paragraph", "text", "place", "rest"),
    [
        ("BEIRUT — The strike began.", "BEIRUT", "Beirut", "The strike began."),
        ("AMMAN, Jordan (AP) — Jordan will", "AMMAN, Jordan (AP)", "Amman", "Jordan will"),
        ("BEIRUT, Dec 5 (Reuters) - Lebanon's banks", "BEIRUT, Dec 5 (Reuters)", "Beirut", "Lebanon's banks"),
        (
            "DEIR EZ-ZOR — Shelling in Deir ez-Zor went on",
            "DEIR EZ-ZOR",
            "Deir ez-Zor",
            "Shelling in Deir ez-Zor went on",
        ),
        ("WASHINGTON/ANKARA (Reuters) - Talks", "WASHINGTON/ANKARA (Reuters)", "Washington", "Talks"),
        ("SÃO PAULO, Brazil — Brazil's", "SÃO PAULO, Brazil", "São Paulo", "Brazil's"),
    ],
)
def test_datelines(paragraph: str, text: str, place: str, rest: str) -> None:
    dateline, body = read_dateline(paragraph)
    assert dateline is not None and (dateline.text, dateline.place, body) == (text, place, rest)


@pytest.mark.parametrize(
    "paragraph", ["US troops — about 900 — remain", "The UN — it said — was late", "Beirut — a city"]
)
def test_no_dateline(paragraph: str) -> None:
    assert read_dateline(paragraph) == (None, paragraph)


def test_wire_story_authors_agency_dateline_and_body() -> None:
    record = extract("wire-khartoum-fuel.txt")
    assert record["authors"] == ["amira-osman", "daniel-okafor"]
    people = record["entities"]
    assert people["amira-osman"] == {"type": "Person", "name": "Amira Osman", "affiliation": "reuters"}
    assert people["reuters"]["type"] == "NewsMediaOrganization"  # from the list of outlets
    assert record["dateline"] == {"place": "khartoum", "text": "KHARTOUM, Sudan (Reuters)"}
    assert people["khartoum"] == {
        "type": "Place",
        "name": "Khartoum",
        "same_as": ["https://sws.geonames.org/379252/"],  # GeoNames' Khartoum, from the gazetteer
        "geo": {"latitude": 15.55177, "longitude": 32.53241},
        "contained_in": "sudan",
    }
    assert record["body"].startswith("Long queues formed")
    assert "By Amira" not in record["body"]
    graph = ldpub.build(record).jsonld["@graph"]
    article = next(n for n in graph if n["@type"] == "NewsArticle")
    assert article["dateline"] == "KHARTOUM, Sudan (Reuters)" and len(article["author"]) == 2


def test_wire_story_claims_from_the_parse() -> None:
    found = claims(extract("wire-khartoum-fuel.txt"))
    assert ("The tanker would be unloaded within a week.", "hamid-suleiman", {"publisher": "sudan-tribune"}) in found
    # "according to X" in the middle of a sentence: the whole statement, without the attribution.
    assert (
        "Prices on the black market doubled in less than a month.",
        "sudanese-professionals-association",
        None,
    ) in found
    # The same statement twice is one claim.
    assert [t for t, _, _ in found].count("The shortage would ease by the end of the month.") == 1
    assert ("We have enough reserves for ten days", "hamid-suleiman", None) in found
    # "The ministry denied …": a ministry the article never names is an unnamed source, not a dropped claim.
    assert (
        "The ministry denied reports that the government had run out of foreign currency to pay for imports.",
        {"anonymous": "the ministry", "type": "Organization"},
        None,
    ) in found


def test_staff_byline_with_role_and_an_appositive_is_not_the_speaker() -> None:
    record = extract("staff-mosul-bridge.txt")
    assert record["authors"] == ["layla-karim"]
    assert record["entities"]["layla-karim"]["job_title"] == "Staff writer"
    assert record["dateline"]["place"] == "mosul"
    found = claims(record)
    assert ("A second bridge would be finished next spring.", "najm-al-jubouri", {"publisher": "rudaw"}) in found
    # "Karim Hassan, an engineer with the … Fund, said": Hassan said it, not the fund.
    assert ("The work had cost $14 million.", "karim-hassan", None) in found


def test_a_headline_starting_with_by_is_no_byline() -> None:
    record = extract("plain-kharkiv-school.txt")
    assert record["headline"].startswith("By the light of generators")
    assert "authors" not in record and "dateline" not in record
    assert "By Monday evening" in record["body"]


def test_denial_is_the_deniers_claim() -> None:
    text = (
        "Port strike enters its second week\n\nBy Nadia Farah\n\nTRIPOLI — Dock workers stayed home on Monday.\n\n"
        "Union leader Samir Aoun denied the accusation that strikers had blocked the ambulances.\n"
    )
    record = extract_text(text, **OPTIONS).record
    assert record["authors"] == ["nadia-farah"]
    assert claims(record) == [
        ("Samir Aoun denied the accusation that strikers had blocked the ambulances.", "samir-aoun", None)
    ]


def test_a_byline_name_the_authority_knows_is_its_entity() -> None:
    authority = Authority.from_turtle(
        "@prefix schema: <https://schema.org/> .\n@base <https://news.example/entity/> .\n"
        '<staff/l-karim> a schema:Person ; schema:name "Layla Karim" ; schema:jobTitle "Iraq correspondent" .\n'
        '<mosul> a schema:City ; schema:name "Mosul" .\n'
    )
    record = extract("staff-mosul-bridge.txt", authority)
    assert record["authors"] == ["l-karim"]
    assert record["entities"]["l-karim"].get("job_title") == "Iraq correspondent"  # the authority has the final say
    assert record["dateline"]["place"] == "mosul" and record["entities"]["mosul"]["type"] == "City"


def test_a_wire_footer_names_contributors_and_editors_not_mentions() -> None:
    text = (
        "Port strike enters second week\n\n"
        "MOMBASA, Kenya (Coast Wire) — Dock workers stayed away for a seventh day, the union said.\n\n"
        "Talks with the port authority are due on Friday.\n\n"
        "(Reporting by Wanjiru Kamau in Mombasa, Additional reporting by Otieno Odhiambo; "
        "Editing by Helen Park and Tom Reyes)\n"
    )
    layout = read_layout(text)
    assert layout.contributors == ["Wanjiru Kamau", "Otieno Odhiambo"]
    assert layout.editors == ["Helen Park", "Tom Reyes"]
    assert not any("Reporting" in p for p in layout.body)
    record = extract_text(text, url="https://coastwire.example/a", published="2024-05-01T09:00:00Z", language="en")
    people = record.record["entities"]
    assert [people[k]["name"] for k in record.record["contributors"]] == ["Wanjiru Kamau", "Otieno Odhiambo"]
    assert [people[k]["name"] for k in record.record["editors"]] == ["Helen Park", "Tom Reyes"]
    assert not set(record.record["contributors"] + record.record["editors"]) & set(record.record.get("mentions", []))


def test_a_sentence_that_starts_like_a_footer_is_body() -> None:
    text = "Budget\n\nThe plan was debated.\n\nWritten by the finance committee, it was adopted in May.\n"
    layout = read_layout(text)
    assert layout.contributors == [] and len(layout.body) == 2
