"""Shapes of English reported speech, each in sentences written for this test: the claim and its author."""

from __future__ import annotations

from typing import Any

import pytest

from ldpub.entities import Authority
from ldpub.errors import LdpubError
from ldpub.language.claims import find_claims, quotations
from ldpub.language.linking import link_text

PREFIX = "@prefix schema: <https://schema.org/> .\n@base <https://news.example/entity/> .\n"
NEWSROOM = Authority.from_turtle(
    PREFIX
    + """
<reuters> a schema:NewsMediaOrganization ; schema:name "Reuters" .
<health-ministry> a schema:GovernmentOrganization ; schema:name "Health Ministry" .
<harbour-union> a schema:Organization ; schema:name "Harbour Workers Union" .
<leila-haddad> a schema:Person ; schema:name "Leila Haddad" ; schema:alternateName "Haddad" .
<omar-farouk> a schema:Person ; schema:name "Omar Farouk" ; schema:alternateName "Farouk" .
<moscow> a schema:City ; schema:name "Moscow" .
"""
)


def claims(body: str, include: str = "speech") -> list[dict[str, Any]]:
    return find_claims(body, link_text("Headline", body, NEWSROOM), include=include)


def one(body: str, include: str = "speech") -> dict[str, Any]:
    found = claims(body, include)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("body", "text", "author"),
    [
        # indirect speech
        ("Leila Haddad said the port would reopen on Monday.", "The port would reopen on Monday.", "leila-haddad"),
        ("The port would reopen on Monday, Leila Haddad said.", "The port would reopen on Monday.", "leila-haddad"),
        (
            "The port, Leila Haddad said on Friday, would reopen on Monday.",
            "The port would reopen on Monday.",
            "leila-haddad",
        ),
        (
            "Omar Farouk told the council that the cranes had been repaired.",
            "The cranes had been repaired.",
            "omar-farouk",
        ),
        (
            "According to the Health Ministry, nine workers were treated for burns.",
            "Nine workers were treated for burns.",
            "health-ministry",
        ),
        (
            "Nine workers were treated for burns, according to the Health Ministry.",
            "Nine workers were treated for burns.",
            "health-ministry",
        ),
        # denials and accusations, in the article's words with the source named
        (
            "Omar Farouk denied that the union had planned the strike.",
            "Omar Farouk denied that the union had planned the strike.",
            "omar-farouk",
        ),
        (
            "The Harbour Workers Union accused the Health Ministry of hiding the figures.",
            "Harbour Workers Union accused the Health Ministry of hiding the figures.",
            "harbour-union",
        ),
        (
            "Omar Farouk called the closure a disgrace.",
            "Omar Farouk called the closure a disgrace.",
            "omar-farouk",
        ),
        # demands made in public, worded the same way
        ("Leila Haddad called for a new crane.", "Leila Haddad called for a new crane.", "leila-haddad"),
        (
            "Omar Farouk called on the council to reopen the port.",
            "Omar Farouk called on the council to reopen the port.",
            "omar-farouk",
        ),
        (
            "The Harbour Workers Union urged the Health Ministry to publish the figures.",
            "Harbour Workers Union urged the Health Ministry to publish the figures.",
            "harbour-union",
        ),
        (
            "Leila Haddad described the strike as a mistake.",
            "Leila Haddad described the strike as a mistake.",
            "leila-haddad",
        ),
        # written sources
        (
            "Leila Haddad wrote in a statement that the cranes were unsafe.",
            "The cranes were unsafe.",
            "leila-haddad",
        ),
        (
            "A report by the Health Ministry found that the water was clean.",
            "The water was clean.",
            "health-ministry",
        ),
        (
            "Nine workers were hurt, according to a Health Ministry database.",
            "Nine workers were hurt.",
            "health-ministry",
        ),
        (  # "of" names what a survey is about, not who made it
            "Nine workers were hurt, according to a Health Ministry survey of port workers.",
            "Nine workers were hurt.",
            "health-ministry",
        ),
        (
            "The port will reopen in May, according to a speech Leila Haddad gave on Monday.",
            "The port will reopen in May.",
            "leila-haddad",
        ),
        # a quoted fragment inside indirect speech: the whole clause, with the fragment
        (
            "Omar Farouk said he was “surprised and angry” at the closure.",
            "He was “surprised and angry” at the closure.",
            "omar-farouk",
        ),
        # a second clause the parse joins to the verb, with a pronoun for its subject, goes on with it
        (
            "Leila Haddad says the port will reopen, but she knows the cranes are old.",
            "The port will reopen, but she knows the cranes are old.",
            "leila-haddad",
        ),
        # a name the parse hung on the phrase before the verb is still its subject
        (
            "Leila Haddad spoke to the press. In a meeting with the board of the Harbour Workers Union "
            "Haddad said the port would reopen.",
            "The port would reopen.",
            "leila-haddad",
        ),
    ],
)
def test_indirect_speech(body: str, text: str, author: str) -> None:
    claim = one(body)
    assert (claim["text"], claim["author"]) == (text, author)
    assert "quote" not in claim


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("“The cranes are safe,” said Leila Haddad.", "The cranes are safe"),
        ("“The cranes are safe,” Leila Haddad said.", "The cranes are safe"),
        (
            "Leila Haddad said: “The cranes are safe. We checked them twice.”",
            "The cranes are safe. We checked them twice.",
        ),
        (
            "“The cranes are safe. We checked them twice,” said Leila Haddad, who runs the port.",
            "The cranes are safe. We checked them twice",
        ),
        # a title's point is no sentence end; a "not" inside the quotation does not negate the verb
        ("“Is the port safe? Probably not,” Ms. Haddad said.", "Is the port safe? Probably not"),
    ],
)
def test_direct_quotations_with_the_speaker_on_either_side(body: str, text: str) -> None:
    claim = one(body)
    assert (claim["text"], claim["author"], claim.get("quote")) == (text, "leila-haddad", True)


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "“The strike is over. Omar Farouk started it by saying the cranes were unsafe,” Leila Haddad said.",
            "The strike is over. Omar Farouk started it by saying the cranes were unsafe",
        ),
        ("“I told them the cranes were unsafe,” Leila Haddad said.", "I told them the cranes were unsafe"),
    ],
)
def test_speech_reported_inside_a_quotation_is_the_quotations_speakers(body: str, text: str) -> None:
    claim = one(body)
    assert (claim["text"], claim["author"], claim.get("quote")) == (text, "leila-haddad", True)


def test_a_quotation_over_two_paragraphs_is_one_claim() -> None:
    body = (
        "Leila Haddad said: “The cranes were checked in May and again in June.\n\n"
        "“Nobody who works here has been hurt this year.”"
    )
    claim = one(body)
    assert claim["text"] == (
        "The cranes were checked in May and again in June. Nobody who works here has been hurt this year."
    )
    assert claim["author"] == "leila-haddad"


def test_a_quotation_interrupted_by_its_attribution_is_one_claim() -> None:
    claim = one("“The cranes are safe,” Leila Haddad said. “We checked every one of them.”")
    assert claim["text"] == "The cranes are safe. We checked every one of them."


def test_a_quotation_after_a_paragraph_break_keeps_the_speaker() -> None:
    found = claims("Omar Farouk said the strike would go on.\n\n“We have no other choice left to us.”")
    assert [(c["text"], c["author"]) for c in found] == [
        ("The strike would go on.", "omar-farouk"),
        ("We have no other choice left to us.", "omar-farouk"),
    ]


def test_a_place_before_the_speaker_is_not_the_speaker() -> None:
    claim = one("In Moscow, Leila Haddad said the talks would resume.")
    assert claim["author"] == "leila-haddad"
    claim = one("In Moscow, the talks would resume, officials said.")
    assert claim["author"] == {"anonymous": "officials", "type": "Person"}


@pytest.mark.parametrize(
    ("body", "author"),
    [
        ("Leila Haddad arrived late. She said the talks had failed.", "leila-haddad"),
        ("Mr. Farouk met Leila Haddad at the port. She said the talks had failed.", "leila-haddad"),
        ("Leila Haddad met Mr. Farouk at the port. He said the talks had failed.", "omar-farouk"),
        ("Leila Haddad, the port director, arrived. The director said the talks had failed.", "leila-haddad"),
        ("The Health Ministry opened a clinic. The ministry said the water was clean.", "health-ministry"),
        ("The Harbour Workers Union met on Monday. It said the talks had failed.", "harbour-union"),
    ],
)
def test_pronouns_and_descriptions_refer_back(body: str, author: str) -> None:
    assert one(body)["author"] == author


def test_a_pronoun_inside_a_quotation_is_its_speaker() -> None:
    found = claims("“I told them that the cranes were unsafe,” Omar Farouk said.")
    assert {c["author"] for c in found} == {"omar-farouk"}


def test_names_inside_a_quotation_are_no_antecedent_for_a_pronoun_outside() -> None:
    found = claims("Leila Haddad spoke. “Omar Farouk will not win this vote,” she said.")
    assert [c["author"] for c in found] == ["leila-haddad"]


@pytest.mark.parametrize(
    ("body", "author"),
    [
        ("Officials said the port would reopen.", {"anonymous": "officials", "type": "Person"}),
        (
            "A source close to the talks said the port would reopen.",
            {"anonymous": "a source close to the talks", "type": "Person"},
        ),
        (
            "A spokesman for the Health Ministry said the port would reopen.",
            {"anonymous": "a spokesman for the Health Ministry", "type": "Person", "affiliation": "health-ministry"},
        ),
        ("Two dock workers told reporters the port would reopen.", {"anonymous": "two dock workers", "type": "Person"}),
        (
            "One of the union’s lawyers said the strike was legal.",
            {"anonymous": "one of the union’s lawyers", "type": "Person"},
        ),
    ],
)
def test_unresolvable_sources_are_anonymous_not_dropped(body: str, author: dict[str, Any]) -> None:
    assert one(body)["author"] == author


@pytest.mark.parametrize(
    "body",
    [
        "Leila Haddad believes that the port will reopen.",
        "Leila Haddad plans to reopen the port.",
    ],
)
def test_beliefs_and_plans_only_when_asked_for(body: str) -> None:
    assert claims(body) == []
    assert one(body, "all")["author"] == "leila-haddad"


@pytest.mark.parametrize(
    "body",
    [
        "Leila Haddad did not say whether the port would reopen.",
        "Leila Haddad will say on Monday that the port will reopen.",
        "Leila Haddad asked whether the port would reopen.",
        "Leila Haddad called a meeting for Monday.",
        "Leila Haddad did not call for a new crane.",
        "The port reopened on Monday after a week of repairs.",
    ],
)
def test_no_claim_where_nothing_was_reported(body: str) -> None:
    assert claims(body) == []


def test_the_same_statement_twice_is_one_claim() -> None:
    found = claims("Officials said the port would reopen. Leila Haddad said the port would reopen.")
    assert [c["author"] for c in found] == ["leila-haddad"]  # the named source is kept


@pytest.mark.parametrize(
    ("headline", "found"),
    [
        ("Leila Haddad Says Port Will Reopen on Monday", [("Port Will Reopen on Monday.", "leila-haddad")]),
        (
            "Minister Leila Haddad denies that the cranes were unsafe",
            [("Leila Haddad denies that the cranes were unsafe.", "leila-haddad")],
        ),
        ("Leila Haddad tells the council to reopen the port", []),  # told whom, not what
        ("Port reopens after Leila Haddad says sorry", []),  # the headline is not one attribution
        ("Leila Haddad says", []),
    ],
)
def test_a_headline_that_is_one_attribution(headline: str, found: list[tuple[str, str]]) -> None:
    body = "Leila Haddad spoke at the port on Monday."
    claims = find_claims(body, link_text(headline, body, NEWSROOM), headline=headline)
    assert [(c["text"], c["author"]) for c in claims] == found


def test_which_claims_is_checked() -> None:
    with pytest.raises(LdpubError, match="claims must be one of speech, all"):
        claims("Leila Haddad said the port would reopen.", include="some")


def test_quotations_go_on_over_paragraphs_and_drop_strays() -> None:
    text = "A “b c\n\n“d e” f “g\n\nh ''i'' \"j\""
    assert [text[a:b] for a, b in quotations(text)] == ["“b c\n\n“d e”", "''i''", '"j"']


def test_a_person_the_linking_step_typed_otherwise_is_a_person_to_coreference() -> None:
    from ldpub.entities import Mention
    from ldpub.language.analysis import analyse
    from ldpub.language.claims import _people_as_the_model_reads_them

    text = "Former Governor Ed Rendell spoke on Monday. Rendell said he had been ill."
    mentions = [
        Mention(16, 26, "Ed Rendell", "ed-rendell", "Organization"),
        Mention(44, 51, "Rendell", "ed-rendell", ""),
    ]
    types = {"ed-rendell": "Organization", "port": "Place"}
    analysis = analyse([text])[0]
    assert _people_as_the_model_reads_them(types, mentions, analysis, {"ed-rendell"}) == {
        "ed-rendell": "Person",
        "port": "Place",
    }
    assert types["ed-rendell"] == "Organization"  # the record's own types are left as they are
    assert _people_as_the_model_reads_them(types, mentions, analysis, set()) == types  # an authority's type stays


def test_a_future_or_subject_inside_the_quotation_is_not_the_attributions() -> None:
    body = (
        '"If it does not have the weapons yet, it will at some point, probably sooner rather than later," '
        "said Omar Farouk, a physicist who is co-director of the Energy Policy Program at the Harbour Institute."
    )
    claim = one(body)
    assert claim["author"] == "omar-farouk"
    assert claim["text"].startswith("If it does not have the weapons yet")
    assert claims("Omar Farouk will say on Monday that the port is closed.") == []


@pytest.mark.parametrize(
    ("body", "author"),
    [
        ("One of the union’s lawyers, Omar Farouk, said the strike was legal.", "omar-farouk"),
        ("A 40-page analysis released by the Health Ministry found that the water was unsafe.", "health-ministry"),
        ("A civil complaint filed by the Harbour Workers Union said that the port had cut wages.", "harbour-union"),
    ],
)
def test_a_name_set_off_after_one_of_them_or_the_agent_of_a_document_is_the_author(body: str, author: str) -> None:
    assert one(body)["author"] == author


def test_a_clause_the_parse_took_from_the_next_paragraph_is_not_the_verbs() -> None:
    """The model may hang the next paragraph's sentence on the verb ("…,” said X.¶ Critics noted that S"):
    such a clause is not what the verb reports, unless the verb's sentence ends in a colon."""
    from ldpub.language.claims import _Finder

    def finder(body: str) -> _Finder:
        linking = link_text("Headline", body, NEWSROOM)
        assert linking.analysis is not None
        return _Finder(body, linking.analysis, linking, "speech")

    def word(f: _Finder, text: str) -> Any:
        return next(w for w in f.words if w.text == text)

    f = finder('"The vote was rushed," said Leila Haddad of the union.\n\nCritics noted that the port had closed.')
    assert f.next_paragraph(word(f, "said"), word(f, "noted"))
    f = finder("Leila Haddad said:\n\n“The port had closed,” and the talks would resume.")
    assert not f.next_paragraph(word(f, "said"), word(f, "closed"))
    f = finder("Leila Haddad said that the port had closed.")
    assert not f.next_paragraph(word(f, "said"), word(f, "closed"))


def test_a_quotation_is_the_verb_beside_it_not_a_later_cues() -> None:
    # "“…,” X told Y, after he admitted S": X's words, not what Y admitted
    found = claims(
        "“Close the gates now,” Leila Haddad told Omar Farouk, "
        "after he admitted under Haddad’s questioning he hadn’t yet checked the cranes of his port."
    )
    # (who "he" is, is coreference's to say)
    assert [(c["text"], c.get("quote")) for c in found] == [
        ("Close the gates now", True),
        ("He hadn’t yet checked the cranes of his port.", None),
    ]
    assert found[0]["author"] == "leila-haddad"


@pytest.mark.parametrize(
    "body",
    [
        "Leila Haddad forced Omar Farouk to admit that the cranes had not been checked.",
        "Omar Farouk was forced to admit that the cranes had not been checked.",
    ],
)
def test_the_one_made_to_speak_is_the_author(body: str) -> None:
    claim = one(body)
    assert (claim["text"], claim["author"]) == ("The cranes had not been checked.", "omar-farouk")


def test_a_second_quotation_after_the_attribution_sentence_keeps_the_speaker_of_its_i() -> None:
    found = claims(
        "“The cranes are old and the union knows it,” Leila Haddad said, going on to list the repairs the port "
        "needs. “So I would just simply say to the council, to anybody else: look at the costs. Don't get hung up "
        "on the union.”"
    )
    assert [c.get("author") for c in found] == ["leila-haddad", "leila-haddad"]
    assert found[1]["text"].startswith("So I would just simply say")


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "The union wants more. Said Omar Farouk: “We will not sign this contract.”",
            "We will not sign this contract.",
        ),
        (
            "The union wants more.\n\nAdded Omar Farouk, “We will not sign this contract.”",
            "We will not sign this contract.",
        ),
    ],
)
def test_a_sentence_opened_by_the_verb_and_the_name(body: str, text: str) -> None:
    claim = one(body)
    assert (claim["text"], claim["author"], claim.get("quote")) == (text, "omar-farouk", True)


def test_a_name_ending_in_a_document_noun_is_the_name() -> None:
    # "Post" is a written source ("a post on his page said"), but "The Harbour Post" is an outlet
    newsroom = Authority.from_turtle(
        PREFIX + '<harbour-post> a schema:NewsMediaOrganization ; schema:name "The Harbour Post" .\n'
    )
    body = "The Harbour Post reports that the cranes were never inspected."
    found = find_claims(body, link_text("Headline", body, newsroom))
    assert [(c["text"], c["author"]) for c in found] == [("The cranes were never inspected.", "harbour-post")]


def test_a_second_verb_of_saying_the_parse_joined_to_the_reported_clause_is_the_speakers() -> None:
    found = claims(
        "Leila Haddad said this week that the port would formally declare its intention to close by the end "
        "of March and suggested that it would withdraw from the shipping agreement."
    )
    assert found and {c["author"] for c in found} == {"leila-haddad"}
    assert any(c["text"] == "It would withdraw from the shipping agreement." for c in found), found


def test_a_quotation_after_a_sentence_about_a_named_person_is_that_persons() -> None:
    found = claims(
        "“We will reopen the port on Monday,” Omar Farouk said on Sunday.\n\n"
        "On the radio, Leila Haddad, who chairs the council, identified the long delay as one of the reasons "
        "for the strike. “The workers are tired of waiting and they want a contract now.”"
    )
    quote = next(c for c in found if c["text"].startswith("The workers are tired"))
    assert quote["author"] == "leila-haddad"


def test_a_participle_set_off_after_a_relative_clause_goes_with_the_main_clause() -> None:
    found = claims(
        "Leila Haddad was similarly defensive when forced to defend not paying a builder who said he was "
        "cheated after he repaired a crane at one of Haddad’s ports, saying, “Maybe he didn’t do a good job, "
        "and I wasn’t satisfied with his work.”"
    )
    quote = next(c for c in found if c["text"].startswith("Maybe he didn’t do a good job"))
    assert quote["author"] == "leila-haddad"


@pytest.mark.parametrize(
    "body",
    [
        "Omar Farouk issued a statement that said the cranes were safe.",
        "The ruling prompted Omar Farouk to make a short comment that said the cranes were safe.",
    ],
)
def test_a_document_someone_made_or_issued_is_theirs(body: str) -> None:
    claim = one(body)
    assert (claim["text"], claim["author"]) == ("The cranes were safe.", "omar-farouk")


def test_a_written_source_referred_to_by_another_document_noun_is_the_last_ones() -> None:
    found = claims(
        "A Reuters survey of port workers found that wages had fallen sharply. "
        "The study also found that nine workers in ten had worked unpaid overtime."
    )
    assert [c["author"] for c in found] == ["reuters", "reuters"]


def test_a_written_source_of_the_same_noun_comes_before_the_last_one() -> None:
    found = claims(
        "A Health Ministry report found that the water was clean. "
        "A survey by the Harbour Workers Union found that wages had fallen sharply. "
        "The report also found that the air near the cranes was clean."
    )
    assert [c["author"] for c in found] == ["health-ministry", "harbour-union", "health-ministry"]


@pytest.mark.parametrize("aside", [", published by Reuters,", " – published by Reuters –"])
def test_a_written_source_of_something_published_by_x_set_off_is_xs(aside: str) -> None:
    found = one(f"The transcript of the hearing{aside} showed that Leila Haddad had talked about the port.")
    assert found["author"] == "reuters"


def test_what_a_written_source_is_about_published_by_x_without_a_break_is_not_xs() -> None:
    found = one("A survey of workers hired by the Harbour Workers Union found that wages had fallen sharply.")
    assert found["author"] != "harbour-union"


@pytest.mark.parametrize(
    ("listed", "author"),
    [
        ("Leila Haddad and Omar Farouk", "omar-farouk"),  # "who" after a list: its last name
        ("Omar Farouk and Leila Haddad", "leila-haddad"),
        ("Leila Haddad, the minister,", "leila-haddad"),  # no list: the name the description is of
    ],
)
def test_who_after_a_list_of_names_is_the_last(listed: str, author: str) -> None:
    found = one(f"The ceremony featured {listed}, who said the museum was a triumph.")
    assert found["author"] == author


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "That was when Leila Haddad pointed to reports that Omar Farouk called the harbour “a disgrace.”",
            "Omar Farouk called the harbour “a disgrace.",
        ),
        ("Leila Haddad cited reports that Omar Farouk had said the cranes were unsafe.", "The cranes were unsafe."),
    ],
)
def test_what_written_sources_say_is_told_by_the_one_who_cites_them(body: str, text: str) -> None:
    found = one(body)
    assert (found["text"].rstrip("”"), found["author"]) == (text.rstrip("”"), "leila-haddad")


def test_one_who_calls_something_a_name_in_a_clause_of_no_written_source_is_its_author() -> None:
    assert one("Omar Farouk called the harbour “a disgrace” and “a ruin.”")["author"] == "omar-farouk"


@pytest.mark.parametrize(
    ("source", "author"),
    [
        ("according to the Health Ministry", "health-ministry"),  # the source of the sentence before
        ("the port said", "harbour-union"),  # no source named in it: the last one who spoke
    ],
)
def test_the_group_after_a_sentence_according_to_another_is_that_ones(source: str, author: str) -> None:
    found = claims(
        "The plan would cut wages at the port, the Harbour Workers Union said. "
        f"The top tenth of workers earned half of all wages in 2013, {source}, and the rest earned less. "
        "The bottom tenth earned 2 percent, the agency said in a June report."
    )
    assert found[-1]["author"] == author


@pytest.mark.parametrize(
    ("body", "author"),
    [
        (
            "Omar Farouk spoke first. Pressed by Leila Haddad, his best response was to say the port would reopen.",
            "omar-farouk",
        ),
        ("Leila Haddad's answer was to say that the port would reopen.", "leila-haddad"),
    ],
)
def test_the_one_whose_response_is_to_say_s_says_it(body: str, author: str) -> None:
    assert one(body)["author"] == author
