"""Who a source is (ldpub.language.coref), through find_claims, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from ldpub.language.claims import find_claims
from ldpub.language.linking import link_text


def authors(body: str) -> list[Any]:
    return [c.get("author") for c in find_claims(body, link_text("Headline", body))]


@pytest.mark.parametrize(
    ("body", "author"),
    [
        (
            "Gwen Moore, a Democrat, criticised the plan. Donald Trump defended it on Monday in a long speech. "
            "She said the plan would hurt families.",
            "gwen-moore",
        ),
        (
            "Melanie Harris wrote to Donald Trump last week. Trump did not answer the letter. "
            "She said she was disappointed.",
            "melanie-harris",
        ),
        (
            "Donald Trump attacked Susan Collins on Monday. Collins responded on Tuesday. "
            "He said the senator was weak.",
            "donald-trump",
        ),
    ],
)
def test_a_given_name_tells_he_from_she(body: str, author: str) -> None:
    assert authors(body)[-1] == author


def test_a_pronoun_follows_the_story_to_the_next_main_subject_not_a_subordinate_one() -> None:
    said = "“The port will reopen soon,” said Ms. Dana Okafor, the port director. "
    moved_on = authors(said + "Ms. Robin Ellery arrived at the talks on Tuesday. She said the strike would go on.")
    assert moved_on == ["dana-okafor", "robin-ellery"]
    aside = authors(said + "The talks ended hours after Ms. Robin Ellery left. She said the strike would go on.")
    assert aside == ["dana-okafor", "dana-okafor"]


@pytest.mark.parametrize(
    ("body", "author"),
    [
        ("Trade fell sharply. British Prime Minister Robin May said the country would leave in March.", "robin"),
        ("The North tested a bomb. South Korean President Park Geun-hye said the test was reckless.", "park-geun"),
    ],
)
def test_a_name_the_linking_step_cut_short_is_still_the_speaker(body: str, author: str) -> None:
    found = link_text("Headline", body)
    assert author in {m.key for m in found.body}  # the name as the linking step cut it
    assert authors(body) == [author]


def test_a_name_and_the_head_of_an_organisations_name_is_not_the_person() -> None:
    found = authors("Ivana Trump met Donald Trump in Miami. The Trump Foundation said the money was spent well.")
    assert found and found[0] != "donald-trump"


def test_the_group_refers_back_to_the_last_organisation_not_the_outlet_reporting_it() -> None:
    found = authors(
        "Fighters of the Harbour Front seized the port on Monday, Reuters reported. "
        "The group said it would hold the city."
    )
    assert found == ["reuters", "harbour-front"]


def test_a_definite_gendered_noun_refers_back_to_a_person_of_that_gender() -> None:
    assert authors("Maria Lopez met Robert Ellery on Monday. The businessman said the port would reopen.") == [
        "robert-ellery"
    ]
    # "the father of the boy" is someone else, not named
    father = authors("Maria Lopez met Robert Ellery on Monday. The father of the boy said the port would reopen.")
    assert father == [{"anonymous": "the father of the boy", "type": "Person"}]


def test_a_main_subject_of_the_sought_gender_since_the_last_speaker_beats_a_man_met_before() -> None:
    body = (
        "Samuel Okafor was shot by an officer on Friday. He was unarmed. Donald Trump has also commented on "
        "Okafor's death. On Wednesday, he told a crowd in Ohio that he was troubled by the shooting."
    )
    assert authors(body) == ["donald-trump"]


def test_the_paper_refers_back_to_the_outlet_last_named() -> None:
    found = authors(
        "The Harbour Gazette reported that the mayor had resigned. The paper said the council would meet on Monday."
    )
    assert found == ["harbour-gazette", "harbour-gazette"]


@pytest.mark.parametrize(("title", "author"), [("Mrs.", "hillary-clinton"), ("Mr.", "bill-clinton")])
def test_a_title_before_a_shared_family_name_picks_the_one_it_fits(title: str, author: str) -> None:
    body = (
        "Bill Clinton and Hillary Clinton arrived in Ohio on Monday. Clinton spoke first. "
        f"{title} Clinton said the plan would help families."
    )
    assert authors(body) == [author]


@pytest.mark.parametrize(
    ("body", "author"),
    [
        (
            "Donald Trump's presidential campaign released a new ad on Monday. The ad attacks Hillary Clinton over "
            "her emails. The campaign said the ad will air nationally.",
            "donald-trump",
        ),
        (
            "Donald Trump said on Monday that the race was close. Hillary Clinton plans to visit Ohio this week. "
            "The campaign said she will announce a new plan on Friday.",
            "hillary-clinton",
        ),
    ],
)
def test_the_campaign_is_its_owners_or_the_person_the_story_is_about(body: str, author: str) -> None:
    assert authors(body)[-1] == author


def test_the_bank_refers_back_to_the_organisation_last_named() -> None:
    body = (
        "In the Wells Fargo scandal, customers were charged fees they never asked for. "
        "The bank said it had fired the employees involved."
    )
    assert authors(body)[-1] == "wells-fargo"


def test_a_city_speaks_through_an_unnamed_office_and_a_country_through_its_government() -> None:
    city = authors(
        "The city of Phoenix is demanding that the campaign stop using its images. "
        "The city said the images were copyrighted."
    )
    assert city[-1] == {"anonymous": "the city of Phoenix", "type": "Organization"}
    assert authors("Voters in France were angry on Monday. The country said the vote was unfair.")[-1] == "france"


def test_a_persons_team_is_theirs() -> None:
    assert authors("Hillary Clinton spoke on Monday. Clinton’s team said she would rest.")[-1] == "hillary-clinton"


def test_the_union_refers_back_to_the_organisation_last_named() -> None:
    body = "Leila Haddad met the Harbour Workers Association on Monday. The union said the talks had failed."
    assert authors(body)[-1] == "harbour-workers-association"


def test_an_organisations_officer_no_one_was_named_as_is_unnamed_not_the_last_person() -> None:
    body = "Donald Trump attacked Hillary Clinton over her email server. The FBI director said Clinton was careless."
    assert authors(body)[-1] == {
        "anonymous": "the FBI director",
        "type": "Person",
        "affiliation": "federal-bureau-of-investigation",
    }


def test_a_party_nominee_is_the_nominee_of_that_party_however_the_party_is_written() -> None:
    body = (
        "Republican nominee Donald Trump spoke in Ohio. Hillary Clinton spoke too. "
        "The GOP presidential nominee said the race was rigged."
    )
    assert authors(body)[-1] == "donald-trump"


def test_a_role_with_a_party_goes_to_the_person_of_that_party_not_the_one_named_with_the_role() -> None:
    body = (
        "Republican nominee Donald Trump spoke in Ohio on Monday. Hillary Clinton says the endorsement "
        "is welcome. The Democratic presidential nominee says they share a belief in children."
    )
    assert authors(body)[-1] == "hillary-clinton"


def test_they_is_the_plural_subject_spoken_of_before_an_organisation_that_is_no_subject() -> None:
    body = (
        "Harbour aides acknowledged a long partnership with the Port Authority. But they said the new rules had worked."
    )
    assert authors(body)[-1] == {"anonymous": "Harbour aides", "type": "Person"}


def test_they_after_two_names_joined_by_and_is_the_first_of_them() -> None:
    body = (
        "Lawmakers are expected to consider changes. But Chuck Grassley and Patrick Leahy say other changes "
        "are needed. The program has grown well beyond its original intent, they say."
    )
    assert authors(body)[-1] == "chuck-grassley"


def test_she_after_a_quote_is_its_speaker_when_the_woman_known_as_she_is_only_named_in_passing() -> None:
    body = (
        "Organisers said that Hillary Clinton would visit Ohio, where she would promise jobs. "
        "“The campaign is in panic mode,” said Leslie Wimes, a local party official. "
        "Wimes believes that the Clinton campaign took voters for granted. "
        "“They have a big problem,” she said."
    )
    assert authors(body)[-1] == "leslie-wimes"


def test_he_stays_with_the_man_who_is_the_subject_not_the_one_his_claim_quotes() -> None:
    body = (
        "White House spokesman Josh Earnest said Monday that President Barack Obama has long called for "
        "tax fairness. He said Obama hopes that his successor will push for the same goals."
    )
    assert authors(body)[-1] == "josh-earnest"


def test_the_mother_of_three_is_the_woman_named_before_but_the_father_of_the_victim_is_someone_else() -> None:
    mother = authors(
        "Ivanka Trump noted the rule in the interview last week. When pressed on why the plan leaves out fathers, "
        "the 34-year-old mother of three replied that it was meant to help mothers."
    )
    assert mother[-1] == "ivanka-trump"
    father = authors("Ivanka Trump met the family of the victim. The father of the victim said the police lied.")
    assert father[-1] == {"anonymous": "the father of the victim", "type": "Person"}


def test_they_after_according_to_a_plural_source_is_that_source() -> None:
    body = (
        "The FBI director criticised Clinton for use of the server. Donald Trump repeatedly demeaned women "
        "with sexist language, according to show insiders. They said he rated contestants by their looks."
    )
    assert authors(body)[-1] == {"anonymous": "insiders", "type": "Person"}


def test_those_close_to_someone_are_an_anonymous_source() -> None:
    body = "Terry McAuliffe refuses to discuss appointees. Those close to him say he would consider Don Beyer."
    assert authors(body)[-1] == {"anonymous": "those close to him", "type": "Person"}


def test_a_hyphenated_name_the_model_cuts_short_is_still_its_sentences_subject() -> None:
    # the model reads "Kim Jae" as the name; the parse makes "sung" the subject of "condemned"
    found = authors(
        'Omar Farouk said the port "cannot be left without consequences." Foreign Minister Kim Jae-sung '
        'condemned what he called a "brazen breach" of the rules. "I count on the council to remain '
        'united," he told reporters.'
    )
    assert found[0] == "omar-farouk"
    assert str(found[-1]).startswith("kim")
