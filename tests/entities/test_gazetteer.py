"""The gazetteer: GeoNames' places by name, weighed by how well known they are, with IDs only when unambiguous."""

from __future__ import annotations

from ldpub.entities import gazetteer


def test_a_city_by_its_own_name_and_without_its_arabic_article() -> None:
    raqqa = gazetteer.lookup("Raqqah")
    assert raqqa is not None and raqqa.name == "Ar Raqqah" and not raqqa.alias
    assert raqqa.same_as == "https://sws.geonames.org/172955/"
    assert gazetteer.lookup("al-Raqqah") == raqqa  # the article the text writes is no part of the key
    assert raqqa.weight == 2.5  # a city of 100,000 people or more


def test_another_languages_spelling_weighs_least() -> None:
    athena = gazetteer.lookup("Athena")  # Athens in Greek; a goddess in English
    assert athena is not None and athena.alias and athena.weight == 1.0


def test_countries_by_iso_names_and_news_short_names() -> None:
    assert {gazetteer.lookup(n).name for n in ("UK", "U.K.", "Britain", "United Kingdom")} == {"United Kingdom"}  # type: ignore[union-attr]
    iran = gazetteer.lookup("Islamic Republic of Iran")  # pycountry's official name
    assert iran is not None and iran.kind == "country" and iran.weight == 3.0


def test_a_name_two_places_of_note_share_gets_no_identifier() -> None:
    assert gazetteer.lookup("Georgia") is not None  # a place, whichever
    assert gazetteer.identified("Georgia") is None  # a country and a US state
    assert gazetteer.identified("Washington") is None
    assert gazetteer.identified("Amman") is not None


def test_unknown_names_and_codes_are_not_places() -> None:
    assert gazetteer.lookup("Maghawir al-Thawra") is None
    assert gazetteer.lookup("AMM") is None  # an airport code among Amman's alternate names
