"""Plain text → record: headline, chrome, Read Also, translation note, disclaimer, options, bad input."""

from __future__ import annotations

import pytest

import ldpub
from ldpub.entities import Authority
from ldpub.errors import InputError
from ldpub.read.text import MAX_TEXT_CHARS, extract_text
from ldpub.read.text_layout import is_chrome, read_layout
from ldpub.record import Record, RecordInvalid, check_record
from tests.seed_scoring import AUTHORITY, SEED_OPTIONS, SEED_TEXT
from tests.support import ROOT

TEXTS = ROOT / "tests" / "data" / "pages" / "text"
OPTIONS = {"url": "https://news.example/2024/story", "published": "2024-03-01T09:00:00+02:00", "language": "en"}


@pytest.fixture(scope="module")
def seed() -> dict:
    return extract_text(SEED_TEXT.read_text(encoding="utf-8"), **SEED_OPTIONS).record


def test_seed_headline_body_and_no_chrome(seed: dict) -> None:
    assert seed["headline"].startswith("Meetings Between U.S. Officials and al-Qassem in al-Tanf;")
    hand_made = ldpub.load_record(ROOT / "examples" / "syrian-observer-al-tanf.yaml").data
    assert seed["body"] == hand_made["body"]  # the editor's body, paragraph for paragraph
    for chrome in ("Recommend article", "Sender's", "Receiver's", "Read Also", "translated and edited", "verified"):
        assert chrome not in seed["body"]
    assert seed["body"].count("\n\n") == 7  # eight paragraphs


def test_seed_read_also_notes_translation_publisher(seed: dict) -> None:
    assert seed["related"] == [{"headline": "Recap: Maghaweer el Thawra Has a New Leader"}]
    assert seed["notes"] == [
        {"kind": "translation", "text": "This article was translated and edited by The Syrian Observer."},
        {
            "kind": "disclaimer",
            "text": "The Syrian Observer has not verified the content of this story. Responsibility for the "
            "information and views set out in this article lies entirely with the author.",
        },
    ]
    assert seed["translation"] == {"original_language": "ar", "translator": "publisher"}
    assert seed["publisher"] == {"name": "The Syrian Observer", "url": "https://syrianobserver.com/"}


@pytest.mark.parametrize(
    "line",
    [
        "Recommend article",
        "Sender's Name:",
        "Receiver's Email:",
        "Your e-mail address:",
        "Send",
        "Share this article",
        "Follow us on Twitter",
        "Print",
        "Comments (0)",
        "© 2024 Levant Wire. All rights reserved.",
        "Subscribe to our newsletter",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices rose sharply on Monday.",
        "Send in the troops, the general said.",
        "Print media is in decline across the region.",
        "The minister's name was not given.",
        "Follow-up talks are due in May.",
    ],
)
def test_body_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_wire_text_read_more_link_with_url_and_footer_chrome() -> None:
    record = extract_text((TEXTS / "wire-border-crossing.txt").read_text(), **OPTIONS).record
    assert record["related"] == [
        {"headline": "Trade through Jaber halves in 2023", "url": "https://levantwire.example/news/jaber-trade-2023"}
    ]
    # The dateline is the record's, not the body's first words.
    assert record["body"].startswith("Jordan will reopen the Jaber border crossing with Syria")
    assert record["dateline"] == {"place": "amman", "text": "AMMAN (Levant Wire)"}
    amman = record["entities"]["amman"]
    assert (amman["type"], amman["name"]) == ("Place", "Amman")
    assert amman["same_as"] == ["https://sws.geonames.org/250441/"]  # GeoNames' Amman, the gazetteer's
    assert abs(amman["geo"]["latitude"] - 31.95) < 0.01 and abs(amman["geo"]["longitude"] - 35.94) < 0.01
    assert "\n" not in record["body"].split("\n\n")[0]  # hard-wrapped lines joined into one paragraph
    for chrome in ("Share this", "Follow us", "©", "Read more"):
        assert chrome not in record["body"]
    ldpub.build(record)


def test_markdown_translation_from_the_note_editor_note_and_disclaimer() -> None:
    record = extract_text((TEXTS / "translated-aleppo-market.md").read_text(), **OPTIONS).record
    assert record["headline"] == "Aleppo's covered market reopens a second section"
    assert record["translation"] == {"original_language": "ar", "translator": "rana-haddad"}
    assert record["entities"]["rana-haddad"] == {"type": "Person", "name": "Rana Haddad"}
    assert [n["kind"] for n in record["notes"]] == ["editor", "translation", "disclaimer"]
    assert record["notes"][0]["text"].startswith("An earlier version of this article")
    assert record["publisher"]["name"] == "The Levant Review"  # the outlet disclaiming it publishes it
    assert "Comments" not in record["body"] and "Print" not in record["body"]
    graph = ldpub.build(record).jsonld["@graph"]
    article = next(n for n in graph if n["@type"] == "NewsArticle")
    assert article["translationOfWork"] and article["translator"]


def test_translation_without_original_language_is_reported_not_guessed() -> None:
    options = {k: v for k, v in SEED_OPTIONS.items() if k != "original_language"}
    result = extract_text(SEED_TEXT.read_text(), **options)
    assert "translation" not in result.record
    assert any("original language is unknown" in str(w) for w in result.warnings)


def test_what_a_text_cannot_say_is_a_warning_and_the_record_is_incomplete() -> None:
    result = extract_text("Bridge reopens\n\nThe bridge reopened on Tuesday.\n", source="b.txt")
    warned = " ".join(map(str, result.warnings))
    for option in ("--url", "--published", "--language"):
        assert option in warned
    assert result.record == {"headline": "Bridge reopens", "body": "The bridge reopened on Tuesday."}
    with pytest.raises(RecordInvalid):
        check_record(Record(result.record))


def test_bad_option_values_are_left_out_with_warnings() -> None:
    result = extract_text("T\n\nBody text here.", url="news/1", published="2024-03-01", language="english!")
    assert {"url", "published", "language"}.isdisjoint(result.record)
    assert len([w for w in result.warnings if "left out" in str(w)]) == 3


def test_publisher_from_the_url_when_the_text_names_none() -> None:
    result = extract_text("Bridge reopens\n\nThe bridge reopened.", **OPTIONS)
    assert result.record["publisher"] == {"name": "news.example", "url": "https://news.example/"}
    assert any("URL's host" in str(w) for w in result.warnings)
    ldpub.build(result.record)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\n \t", "empty"),
        ("\x00\x01\x02\x03" * 100, "binary"),
        ("ok" + "\ufffd" * 500, "binary"),
    ],
)
def test_bad_input_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        extract_text(text, source="in.txt")
    assert str(info.value).startswith("in.txt: ")


def test_huge_text_is_refused_before_any_work() -> None:
    with pytest.raises(InputError, match="character limit"):
        extract_text("Headline\n\n" + "word " * (MAX_TEXT_CHARS // 5 + 1))


def test_headline_only_and_single_line_texts_do_not_crash() -> None:
    result = extract_text("Just a headline", **OPTIONS)
    assert result.record["headline"] == "Just a headline"
    assert "body" not in result.record
    assert any("no body" in str(w) for w in result.warnings)


def test_odd_text_shapes_never_crash() -> None:
    authority = Authority.load(AUTHORITY)
    shapes = [
        "“\n\n”” “ al- al- el\n\nAl\n\n-",
        "Read also:\n\nSee more: http://x.example\n\nRelated: ",
        "A\r\nB\r\n\r\nC said that. According to , . It was reported that",
        "# \n\n" + "Qassem " * 2000,
        "Title\n\n" + "“quoted” " * 500 + "said: “" * 50,
    ]
    for text in shapes:
        result = extract_text(text, authority=authority, **OPTIONS)
        assert result.record["headline"]


def test_layout_keeps_a_note_mention_inside_the_body() -> None:
    layout = read_layout("H\n\nThe minister said the text was translated by officials before the vote.\n")
    assert layout.body == ["The minister said the text was translated by officials before the vote."]
    assert layout.notes == [] and not layout.translated


def test_chrome_above_the_headline_is_not_the_headline() -> None:
    layout = read_layout("Share this article\nPrint\n\n# Floods close the coast road\n\nThe road closed on Monday.")
    assert layout.headline == "Floods close the coast road"
    assert layout.body == ["The road closed on Monday."]
    assert layout.chrome == ["Share this article", "Print"]
    assert read_layout("Share\n\nPrint").headline == "Share"  # nothing else: kept rather than empty
