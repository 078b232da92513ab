"""Which runs of words are names at all: descriptions, measures and adjectives are not.

The texts are written for these tests; no authority file, so every name is a candidate.
"""

from __future__ import annotations

from ldpub.language.linking import Linking, link_text

DESCRIPTIONS = """\
Dam repairs begin in the north

Engineers reached the Moldovan town of Soroca on Monday. The Danish company Maersk shipped the turbines, \
and Romanian police escorted the convoy. Some Canadian service members watched the work. "It is a 120,000 \
square metre site," the pro-Chisinau mayor said; the anti-Moscow camp stayed away.
"""


def _types(text: str) -> dict[str, str]:
    headline, body = text.split("\n\n", 1)
    linking: Linking = link_text(headline, body)
    return {c.name: c.type for c in linking.candidates}


def test_a_nationality_and_a_noun_before_a_name_describe_it() -> None:
    types = _types(DESCRIPTIONS)
    assert types["Soroca"] == "Place"  # "the Moldovan town of Soroca": the town is Soroca
    assert "Moldovan town" not in types and "Danish company" not in types  # "the Danish company Maersk"
    assert types["Romanian police"] == "Organization"  # a nationality and a noun that name a body


def test_a_noun_modifying_another_is_no_name() -> None:
    assert "Canadian service" not in _types(DESCRIPTIONS)  # "Canadian service members"


def test_a_number_and_square_measure_an_area() -> None:
    assert not any("square" in name for name in _types(DESCRIPTIONS))  # "120,000 square metre"


def test_a_prefix_and_a_name_joined_by_a_hyphen_are_an_adjective() -> None:
    assert not any(name.endswith("camp") for name in _types(DESCRIPTIONS))  # "the anti-Moscow camp"


def test_a_day_or_a_time_after_a_preposition_is_no_place() -> None:
    text = """Families meet after the attack

Families of the victims in Saturday's attack met at 11am on the square in Leeds.
"""
    types = _types(text)
    assert not {"Saturday", "11am"} & set(types) and types["Leeds"] == "Place", types


def test_a_month_after_a_given_name_is_a_family_name_but_a_date_is_cut() -> None:
    text = """Harbour talks resume

Harbour Minister Angela May said the talks would resume. Negotiators from Gdansk met in May and again in \
June 2019.
"""
    types = _types(text)
    assert types.get("Angela May") == "Person", types
    assert not {"Angela", "May", "June"} & set(types), types
