"""Places named inside other names ("Leeds" in "University of Leeds"): mentioned places too.

The text is written for these tests; no authority file.
"""

from __future__ import annotations

from ldpub.language.linking import link_text
from ldpub.language.nested import inner_places

PRIZE = """\
Researchers share a science prize

Scientists at the University of Leeds and the Massachusetts Institute of Technology shared the prize, the \
Toronto Star reported on Friday. The Kennedy Space Center sent a team. The Bank of England and the US State \
Department gave nothing. Mexico City hosted the ceremony.
"""


def _entities() -> dict[str, dict[str, object]]:
    headline, body = PRIZE.split("\n\n", 1)
    return {str(e["name"]): e for e in link_text(headline, body).entities.values()}


def test_a_city_or_a_state_named_inside_an_organisations_name_is_a_place_mentioned() -> None:
    entities = _entities()
    for place in ("Leeds", "Massachusetts", "Toronto"):  # after "of", a state leading, a large city leading
        assert entities[place]["type"] == "Place", place
        assert entities[place]["same_as"]  # the gazetteer's place, with its GeoNames IRI
    assert entities["University of Leeds"]["type"] == "Organization"  # the organisation stays whole


def test_no_country_no_founders_name_and_no_place_inside_a_places_own_name() -> None:
    entities = _entities()
    # "Bank of England", "US State Department": whose body it is; "Kennedy Space Center": a patron's name
    # (and a small town's); "Mexico City": one place.
    assert not {"England", "US", "Kennedy", "Mexico"} & set(entities), sorted(entities)


def test_inner_places_gives_offsets_inside_the_name() -> None:
    name = "the University of Texas at Austin"
    found = [(name[i.start : i.end], i.place.kind) for i in inner_places(name)]
    assert found == [("Texas", "state"), ("Austin", "city")]
