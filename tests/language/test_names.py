"""Unknown names from the language model under ldpub's rules: typing on evidence, one node per entity.

The texts are written for these tests (other regions and shapes than the seed); no authority file,
so every name is a candidate the newsroom has never annotated.
"""

from __future__ import annotations

import pytest

from ldpub.language.analysis import analyse
from ldpub.language.linking import Linking, link_text

BEIRUT = """\
Dock workers strike over unpaid wages

The General Confederation of Lebanese Workers called a strike on Monday. The Port of Beirut Authority \
said ships would be diverted to Tripoli and Cyprus. Union leader Bechara al-Asmar told reporters that \
wages had not been paid for four months. Asmar said the strike would go on. Al-Asmar was arrested \
in 2019, his lawyer said.

The workers posted the call on their Telegram channel.
"""

EUPHRATES = """\
Clashes east of the Euphrates

Fighters of Jaysh al-Sharqiya attacked positions near the river, according to Enab Baladi. \
Residents in al-Busayrah and Hajin reported shelling overnight. Khaled al-Hamoud, a commander of the \
Deir ez-Zor Military Council, said two fighters were killed. Hamoud added that Jaish al-Sharqiya had \
withdrawn. The Deir ez-Zor Local Council asked aid groups for help. Fighting in Eastern Syria has \
displaced thousands this year.
"""


def _candidates(text: str) -> Linking:
    headline, body = text.split("\n\n", 1)
    return link_text(headline, body)


def _types(linking: Linking) -> dict[str, str]:
    return {c.name: c.type for c in linking.candidates}


def test_organisations_named_with_a_title_word_or_a_place_word_are_organisations() -> None:
    types = _types(_candidates(BEIRUT))
    assert types["General Confederation of Lebanese Workers"] == "Organization"
    assert types["Port of Beirut Authority"] == "Organization"
    assert types["Tripoli"] == "Place" and types["Cyprus"] == "Place"
    assert not any("Telegram" in name for name in types)  # where it was said, not who


def test_second_references_merge_into_the_full_name() -> None:
    linking = _candidates(BEIRUT)
    people = [c for c in linking.candidates if c.type == "Person"]
    assert [c.name for c in people] == ["Bechara al-Asmar"]
    surfaces = {m.surface for m in linking.body if m.key == people[0].key}
    assert {"Asmar", "Al-Asmar"} <= surfaces


def test_arabic_names_get_their_type_from_evidence_not_from_the_models_person_label() -> None:
    linking = _candidates(EUPHRATES)
    types = _types(linking)
    army = next(c for c in linking.candidates if c.name in ("Jaysh al-Sharqiya", "Jaish al-Sharqiya"))
    assert army.type == "Organization"
    assert {m.surface for m in army.mentions} >= {"Jaysh al-Sharqiya"}
    # The variant spelling is the same node.
    assert not ({"Jaysh al-Sharqiya", "Jaish al-Sharqiya"} <= set(types))
    assert types["Hajin"] == "Place" and types.get("al-Busayrah") == "Place"
    assert types["Deir ez-Zor Local Council"] == "Organization"
    assert "Eastern" not in types and "Zor Local Council" not in types


def test_a_person_and_his_family_name_are_one_node() -> None:
    linking = _candidates(EUPHRATES)
    hamoud = [c for c in linking.candidates if c.name == "Khaled al-Hamoud"]
    assert len(hamoud) == 1 and hamoud[0].type == "Person"
    assert "Hamoud" not in _types(linking)


def test_a_known_outlet_is_a_news_organisation() -> None:
    assert _types(_candidates(EUPHRATES))["Enab Baladi"] == "NewsMediaOrganization"


def test_the_rules_alone_still_run_without_the_model() -> None:
    headline, body = BEIRUT.split("\n\n", 1)
    rules = _types(link_text(headline, body, statistical=False))
    assert rules.get("General Confederation of Lebanese Workers") == "Organization"


def test_analysis_is_ldpubs_own_types_with_offsets() -> None:
    text = "Khaled al-Hamoud said the council met in Hajin."
    (analysis,) = analyse([text])
    assert all(text[w.start : w.end] == w.text for w in analysis.words)
    assert {text[n.start : n.end] for n in analysis.names} >= {"Hajin"}
    assert type(analysis).__module__ == "ldpub.language.analysis"


@pytest.mark.parametrize("text", ["", "   ", "12345", "—", "\u200b" * 50, "a " * 5000])
def test_odd_texts_give_no_traceback(text: str) -> None:
    link_text("Headline", text)


HARBOUR = """\
Ferry fares rise in the new year

The Valletta Water and Transport Authority raised ferry fares on Friday. Transmar, the island's largest \
shipping company, said the rise would cost it passengers. Its director, Joseph Camilleri, told Times of Malta that \
fuel had doubled in price. Delegates met at Transmar headquarters in Valletta. Image: Port of Valletta.

Fares were last raised in Washington D.C. The talks there failed, Camilleri said.
"""


def test_what_an_appositive_or_a_role_before_the_name_says_wins_over_the_model() -> None:
    linking = _candidates(HARBOUR)
    types = _types(linking)
    assert types["Transmar"] == "Organization"  # "Transmar, the island's largest shipping company,"
    assert types["Joseph Camilleri"] == "Person"  # "Its director, Joseph Camilleri,"
    # "X and Y Authority" is one organisation, not "Transport Authority".
    assert types["Valletta Water and Transport Authority"] == "Organization"
    assert "Transport Authority" not in types
    # "Transmar headquarters" is Transmar's; a caption's "Image:" and a new sentence are not part of a name.
    assert "Transmar headquarters" not in types
    assert not any(name.endswith((" The", " Image")) for name in types)


def test_a_long_text_is_read_in_pieces_with_whole_text_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    from ldpub.language import analysis as language

    text = "\n\n".join([BEIRUT.split("\n\n", 1)[1].strip(), EUPHRATES.split("\n\n", 1)[1].strip()] * 3)
    whole = analyse([text])[0]
    monkeypatch.setattr(language, "CHUNK_CHARS", 700)  # longer than a paragraph
    pieces = analyse([text])[0]
    assert len(language._pieces(text)) > 3
    assert all(text[b - 2 : b] == "\n\n" for _, b in language._pieces(text)[:-1])
    for word in pieces.words:
        assert text[word.start : word.end] == word.text
        assert pieces.words[word.head].sentence == word.sentence  # heads stay inside their sentence
    assert [w.index for w in pieces.words] == list(range(len(pieces.words)))
    names = {(n.start, n.end, n.label) for n in pieces.names}
    assert all(text[a:b] for a, b, _ in names)
    # Cut at paragraph breaks, the pieces find the names the whole text does.
    assert {text[n.start : n.end] for n in pieces.names} == {text[n.start : n.end] for n in whole.names}


CRAFT_AND_FOREIGN_NAMES = """Navy ship and shuttle honoured at Lisbon ceremony

LISBON — Sailors from USS Harbor Light joined engineers who worked on Space Shuttle Endeavour at a
ceremony in Lisbon on Friday. Banco Atlântico paid for the event, and Fundación Telefónica lent
the exhibits. Teachers from Riverside Academy brought their pupils. "It was a moving day," said
Carla Mendes, who organised it. Mendes said the shuttle's crew would visit again next year.
"""


def test_craft_are_not_people_and_foreign_organisation_words_make_organisations() -> None:
    types = _types(_candidates(CRAFT_AND_FOREIGN_NAMES))
    assert not any("Endeavour" in name or "Harbor Light" in name for name in types), types
    assert types["Banco Atlântico"] == "Organization"
    assert types["Fundación Telefónica"] == "Organization"
    assert types["Riverside Academy"] == "Organization"
    assert types["Carla Mendes"] == "Person" and types["Lisbon"] == "Place"


# -- names from the whole article ------------------------------------------------------------------

SAHEL = """\
Convoy attacked in the Sahel

Gunmen attacked a fuel convoy near Menaka on Tuesday. The Islamic State in the Greater Sahara (ISGS) \
claimed the attack on its channels. Militants of Katiba Serma were also active in the area, residents said. \
The group Ansarul Islam denied any role. ISGS fighters withdrew towards Niger before dawn.

Interior Minister Daoud Aly Mohammedine visited Menaka on Wednesday. Magistrate Aminata Traore of \
Gao opened an inquiry. Mohammedine said patrols would resume. In Menaka, traders closed their shops.
"""


def _named(linking: Linking) -> dict[str, tuple[str, dict[str, object]]]:
    return {str(e["name"]): (str(e["type"]), e) for e in linking.entities.values()}


def test_an_acronym_in_brackets_is_the_long_names_entity_wherever_it_is_written() -> None:
    linking = _candidates(SAHEL)
    named = _named(linking)
    assert named["Islamic State in the Greater Sahara"][0] == "Organization"
    assert "ISGS" not in named  # one node for both forms
    key = next(k for k, e in linking.entities.items() if e["name"] == "Islamic State in the Greater Sahara")
    assert {m.surface for m in linking.body if m.key == key} >= {"ISGS", "Islamic State in the Greater Sahara"}


def test_group_and_member_words_make_an_organisation_of_a_name_seen_once() -> None:
    named = _named(_candidates(SAHEL))
    assert named["Katiba Serma"][0] == "Organization"  # "Militants of Katiba Serma"
    assert named["Ansarul Islam"][0] == "Organization"  # "The group Ansarul Islam", named once


def test_titles_become_the_persons_job_title_and_never_a_person() -> None:
    named = _named(_candidates(SAHEL))
    assert named["Daoud Aly Mohammedine"] == (
        "Person",
        named["Daoud Aly Mohammedine"][1] | {"job_title": "Interior Minister"},
    )
    assert named["Aminata Traore"][1]["job_title"] == "Magistrate"  # "… of Gao" is not her name
    assert not any(name.startswith(("Magistrate", "Interior")) for name in named)
    assert "Mohammedine" not in named  # the second reference is the same person


def test_a_known_place_gets_its_geonames_iri_and_coordinates() -> None:
    named = _named(_candidates(SAHEL))
    kind, gao = named["Gao"]
    assert kind == "Place"
    assert gao["same_as"] == ["https://sws.geonames.org/2457163/"]  # GeoNames' Gao, Mali
    assert gao["geo"] == {"latitude": 16.27167, "longitude": -0.04472}
    # A town under the gazetteer's 15,000 people is still a place (the model, "in Menaka"), with no IRI.
    assert named["Menaka"][0] == "Place" and "same_as" not in named["Menaka"][1]


def test_a_name_after_a_preposition_of_place_with_no_person_evidence_is_a_place() -> None:
    linking = _candidates(
        "Aid reaches the north\n\nNear Tessalit, a convoy was stopped. The isolation of Tessalit has lasted "
        "a year, and trucks from Tessalit rarely reach Kidal."
    )
    named = _named(linking)
    assert named["Tessalit"][0] == "Place"
    assert "Near Tessalit" not in named


def test_well_known_aliases_are_one_organisation() -> None:
    linking = _candidates(
        "Strikes in the east\n\nAircraft struck ISIL positions overnight. Daesh lost two villages, and "
        "the Islamic State said it would fight on. Local officials said IS had withdrawn."
    )
    organisations = [e for e in linking.entities.values() if e["type"] == "Organization"]
    assert [e["name"] for e in organisations] == ["Islamic State"]
    assert {"ISIL", "Daesh", "IS"} <= set(organisations[0]["alternate_names"])


def test_a_prime_ministers_family_name_is_the_person_not_an_organisation() -> None:
    linking = _candidates(
        "Budget vote delayed\n\nPrime Minister Aleksander Novak postponed the vote. Critics of Novak said "
        "the delay would hurt the Novak government. Novak denied it."
    )
    named = _named(linking)
    assert named["Aleksander Novak"][0] == "Person"
    assert named["Aleksander Novak"][1]["job_title"] == "Prime Minister"
    assert "Novak" not in named


# -- round two: evidence from the whole sentence, on sentences written for these tests ----------------


def _typed(text: str) -> dict[str, str]:
    return {c.name: c.type for c in link_text("", text).candidates}


def test_titles_are_the_job_title_not_part_of_the_name_or_its_mentions() -> None:
    linking = link_text("", "Navy Capt. Leon Marsh will take questions. Staff Sgt. Omar Bitar, an engineer, left.")
    titles = {c.name: c.job_title for c in linking.candidates}
    assert titles == {"Leon Marsh": "Navy Capt.", "Omar Bitar": "Staff Sgt."}
    assert {m.surface for m in linking.body} == {"Leon Marsh", "Omar Bitar"}


def test_a_sentence_opened_by_a_preposition_of_place_names_a_place() -> None:
    types = _typed("The strikes went on.\n\nNear Qabasin, two strikes hit a unit.\n\nIn Tadef, one strike hit a tank.")
    assert types == {"Qabasin": "Place", "Tadef": "Place"}


def test_what_is_done_to_a_place_says_place() -> None:
    types = _typed(
        "Aid reached the town after the siege of Muadamiya ended. Forces besieged Zabadani for months. "
        "Marines attacked rebel-held Ubaydi and a village 6km from Rummanah."
    )
    assert types == {"Muadamiya": "Place", "Zabadani": "Place", "Ubaydi": "Place", "Rummanah": "Place"}


def test_a_city_of_a_million_is_a_place_in_one_word() -> None:
    assert _typed("Shelling hit Aleppo on Tuesday, residents said.") == {"Aleppo": "Place"}


def test_what_a_person_is_of_is_an_organisation() -> None:
    types = _typed("Winners included Stanley Ho of DPHK and Mabel Tsang of the Civic Alliance.")
    assert types == {
        "Stanley Ho": "Person",
        "DPHK": "Organization",
        "Mabel Tsang": "Person",
        "Civic Alliance": "Organization",
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Samir Aoun, 34, said he had left the city.", "Samir Aoun"),  # an age
        ("The raid killed Abu Bakr al-Muhajir, the group said.", "Abu Bakr al-Muhajir"),  # a kunya
        ("Nasser Khalil al-Obeidi (Arabic name; died 3 May 2015) led the unit.", "Nasser Khalil al-Obeidi"),
        ("Karim and Sadiq met again this week.", "Karim"),  # a name the model calls a place, acting
    ],
)
def test_what_the_text_says_of_a_name_makes_it_a_person(text: str, name: str) -> None:
    assert _typed(text)[name] == "Person"


def test_a_name_before_a_verb_of_speech_is_no_item_of_a_list_of_places() -> None:
    types = _typed("The convoy left a base near Sarmada, Syria, Cook said.")
    assert types == {"Sarmada": "Place", "Syria": "Place", "Cook": "Person"}


def test_a_country_acting_is_an_organisation_and_a_score_is_no_name() -> None:
    # Sides of a match between countries are their teams all through the article.
    types = _typed(
        "Norway defeated Peru 2-0 on Monday, and Norway beat Chile on Friday. Fans in Lima were angry. "
        "Peru had won in Chile before."
    )
    assert types == {"Norway": "Organization", "Peru": "Organization", "Chile": "Organization", "Lima": "Place"}
    # A country mostly a place stays one, acting once.
    assert _typed("Fighting spread in Iraq. Aid reached Iraq and Jordan. Iraq faced a crisis.") == {
        "Iraq": "Place",
        "Jordan": "Place",
    }


def test_one_place_under_two_names_is_one_entity() -> None:
    linking = link_text("", "Aid from the US arrived on Monday. Officials in the United States said more would follow.")
    assert [(c.name, c.type) for c in linking.candidates] == [("United States", "Place")]
    assert {m.surface for m in linking.body} == {"US", "United States"}


def test_organisations_short_names_lists_and_abbreviated_nouns() -> None:
    linking = link_text("", "Forces of the Global Coalition struck again, and the Coalition said 20 strikes were made.")
    assert [(c.name, c.type) for c in linking.candidates] == [("Global Coalition", "Organization")]
    assert {m.surface for m in linking.body} == {"Global Coalition", "Coalition"}
    types = _typed("Officials met the Iraqi Armed Forces, Popular Mobilization Forces and others.")
    assert types == {"Iraqi Armed Forces": "Organization", "Popular Mobilization Forces": "Organization"}
    assert _typed("One strike destroyed a VBIED factory. Another hit two VBIED storage sites.") == {}


def test_a_headline_in_sentence_case_is_read() -> None:
    linking = link_text("Pop culture celebrated at a fair in Toronto", "The fair opened on Friday.")
    assert linking.about == ["toronto"]
    assert link_text("Pop Culture Celebrated At A Fair In Toronto", "The fair opened on Friday.").about == []


BROWSERS = """\
A browser update ships early

The maker shipped Navigator 7 and its mobile edition NV7 last week, the site Technoblog.net reported. \
Testers in Leeds said the update was faster.
"""


def test_a_code_of_letters_and_digits_is_no_place() -> None:
    assert "NV7" not in _types(_candidates(BROWSERS))


def test_a_web_address_names_an_organisation_even_once() -> None:
    site = next(c for c in _candidates(BROWSERS).candidates if c.name == "Technoblog.net")
    assert site.type == "Organization" and "web address" in site.cue


COALITION = """\
Coalition talks stall in Tallinn

Isamaa's Deputy Chairman Priit Sibul said on Monday that the talks had stalled. Pro-Tallinn parties \
would meet again, Sibul said. Astronauts flew STS-9 in 1983. STS-9 carried a laboratory.
"""


def test_whose_title_a_possessive_says_is_an_organisation() -> None:
    linking = _candidates(COALITION)
    types = _types(linking)
    assert types["Isamaa"] == "Organization"  # "Isamaa's Deputy Chairman Priit Sibul", named once
    sibul = next(c for c in linking.candidates if c.name == "Priit Sibul")
    assert sibul.type == "Person"


def test_a_hyphenated_adjective_and_a_mission_code_are_no_names() -> None:
    types = _types(_candidates(COALITION))
    assert not any(name.startswith("Pro") or "STS" in name for name in types), types


BRIDGE = """\
Bridge to reopen in spring

The mayor told CBC News on Monday that the bridge in Halifax would reopen in April. The CBC later \
confirmed the date with the city's engineers.
"""


def test_an_outlet_written_two_ways_is_one_outlet() -> None:
    outlets = [c for c in _candidates(BRIDGE).candidates if c.type == "NewsMediaOrganization"]
    assert len(outlets) == 1, outlets
    assert {m.surface for m in outlets[0].mentions} == {"CBC News", "CBC"}


def test_a_craft_named_again_alone_is_still_the_craft() -> None:
    text = """Museum gets a shuttle

Space Shuttle Columbia first flew in 1981. Columbia later carried a laboratory into orbit, and engineers \
in Houston kept it flying.
"""
    types = _types(_candidates(text))
    assert "Columbia" not in types and types["Houston"] == "Place"


def test_a_platform_is_its_company_whatever_the_model_says() -> None:
    text = """Student's post goes viral

The student posted the photo to Twitter on Monday. Later, Twitter offered her a summer internship in \
Dublin.
"""
    assert _types(_candidates(text))["Twitter"] == "Organization"


def test_a_family_name_the_model_takes_for_a_town_stays_the_persons() -> None:
    text = """Documentary on prisons opens

If there is one thing that Nora Preston cares about, it is the vote. "You cannot change what you do \
not know," Preston said in an interview. Preston's film documents how prisons grew. Activists talk to \
Preston about the issue. With her film, Preston both documents the boom and asks why. Check out the \
trailer for Preston's documentary below.
"""
    linking = _candidates(text)
    assert _types(linking) == {"Nora Preston": "Person"}
    person = linking.candidates[0]
    assert sum(m.key == person.key for m in linking.body) >= 6  # every "Preston" is hers


def test_a_party_and_state_label_is_no_name() -> None:
    text = """Senators split on the bill

Sen. Lindsey Graham (R-S.C.) told reporters the bill was dead. Rep. Tom Price, R-Ga., agreed, and \
Sen. Sherrod Brown (D-Ohio) said he would vote against it.
"""
    types = _types(_candidates(text))
    assert {name for name, kind in types.items() if kind == "Person"} == {
        "Lindsey Graham",
        "Tom Price",
        "Sherrod Brown",
    }
    assert not any(name.startswith(("R-", "D-")) or name in ("S.C", "Ga.", "Ohio") for name in types)


def test_an_organisation_named_with_its_noun_and_a_preposition_keeps_them() -> None:
    text = """Budget watchdog warns

The Committee for a Responsible Federal Budget reported that the plans would cost $5 trillion.
"""
    types = _types(_candidates(text))
    assert types == {"Committee for a Responsible Federal Budget": "Organization"}


def test_a_centre_that_speaks_once_is_an_organisation_in_every_mention() -> None:
    text = """Tax plan costs more than promised

The Tax Policy Center estimates that the plan would cost $1 trillion. Figures from the Tax Policy \
Center show a gap. The Tax Policy Center says it would depress revenue in the early years.
"""
    linking = _candidates(text)
    assert _types(linking) == {"Tax Policy Center": "Organization"}
    assert sum(m.surface == "Tax Policy Center" for m in linking.body) == 3


def test_a_centre_that_speaks_and_an_agency_in_dotted_capitals_are_organisations() -> None:
    text = """Tax plan costs more than promised

The Tax Policy Center says the plan would depress revenue in the early years. If the I.R.S. has \
questions, the campaign will answer them.
"""
    types = _types(_candidates(text))
    assert types["Tax Policy Center"] == "Organization"
    assert types["I.R.S."] == "Organization"


def test_a_chief_executive_named_after_a_place_is_a_person() -> None:
    text = """Civil rights leaders meet

In a panel discussion this weekend in Washington, Jane R. Doull, the chief executive of the Urban \
League, spoke about voting.
"""
    types = _types(_candidates(text))
    assert types["Jane R. Doull"] == "Person" and types["Washington"] == "Place"


def test_a_name_the_next_sentence_calls_he_is_a_person() -> None:
    text = """Council vote delayed

McAuliffe spoke to the crowd on Monday. He said the budget would pass. Critics said McAuliffe had \
waited too long.
"""
    assert _types(_candidates(text)) == {"McAuliffe": "Person"}


def test_an_acronym_written_bare_after_the_name_it_spells_is_that_name() -> None:
    text = """Port figures revised

However, Baltic Freight Register said that the port had handled more containers than planned.

BFR reported on Monday that 11,491 containers had been unloaded, 15 percent over the limit. HWU and \
the Harbour Workers Union did not comment.
"""
    linking = _candidates(text)
    named = _named(linking)
    assert named["Baltic Freight Register"][0] == "Organization"
    assert "BFR" not in named  # one node for both forms
    key = next(k for k, e in linking.entities.items() if e["name"] == "Baltic Freight Register")
    assert {m.surface for m in linking.body if m.key == key} == {"BFR", "Baltic Freight Register"}


def test_a_bureau_named_once_is_an_organisation() -> None:
    text = """Inmate numbers fall

The number of inmates fell by a tenth last year, according to the Federal Bureau of Corrections.
"""
    assert _named(_candidates(text))["Federal Bureau of Corrections"][0] == "Organization"


def test_an_acronym_the_model_takes_for_a_person_joins_the_name_it_spells() -> None:
    text = """Refugees

However, Harbour Workers Union said that the port had exceeded the goal.

HWU reported Monday that the port had accepted 11,491 containers, 15 percent over the limit.
"""
    named = _named(_candidates(text))
    assert named["Harbour Workers Union"][0] == "Organization"
    assert "HWU" not in named, named


def test_a_name_before_a_persons_role_is_the_organisation_the_role_is_in() -> None:
    types = _typed(
        "The deal was welcomed by Vantor co-founder Lila Brennick and by Harrow Mining chief executive "
        "Tomas Oyelaran. Kenyan finance minister Ruth Wambui and Libyan-born engineer Omar Saleh disagreed."
    )
    assert types["Vantor"] == "Organization"  # named once, and nothing but its place before a role
    assert types["Harrow Mining"] == "Organization"
    assert types["Lila Brennick"] == types["Tomas Oyelaran"] == "Person"
    # A nationality before a role is no organisation, nor is an adjective made with a hyphen.
    assert "Kenyan" not in types
    assert not any(name.startswith("Libyan") for name in types)


def test_a_kind_of_group_written_before_a_name_makes_it_an_organisation_in_every_mention() -> None:
    types = _typed(
        "The march was called by student movement Tarik Nova and by environmental group Green Shield. "
        "Islamist group Harakat Nasr claimed the attack. Police later arrested two leaders in Tarik Nova."
    )
    assert types["Tarik Nova"] == "Organization"  # "in Tarik Nova" too: what one mention says of a group holds
    assert types["Green Shield"] == "Organization"
    assert types["Harakat Nasr"] == "Organization"


def test_a_person_with_critics_or_a_leadership_stays_a_person() -> None:
    # "the leadership of X" is said of people too: it does not make every mention a group's.
    assert _typed("Voters praised the leadership of Donald Pereira. Donald Pereira will visit Ohio next week.") == {
        "Donald Pereira": "Person",
        "Ohio": "Place",
    }
    # "Pereira critic Luis Moto": a role before a name can be had against a person named in the text.
    types = _typed("Donald Pereira spoke in Ohio on Monday. Pereira critic Luis Moto disagreed with him.")
    assert types["Donald Pereira"] == types["Luis Moto"] == "Person"
    assert "Pereira" not in types
