"""`ldpub diff` and `ldpub.diff`: each kind of change on the examples and edited copies of them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from ldpub.cli import main
from ldpub.diff import Diff, diff, load_structured_data
from ldpub.errors import InputError
from tests.support import EXAMPLES

SEED = EXAMPLES / "syrian-observer-al-tanf.yaml"
FACT_CHECK = EXAMPLES / "fact-check-rukban-aid.yaml"
PAGE = EXAMPLES / "pages" / "syrian-observer-al-tanf.embedded.html"


def load(path: Path) -> Any:
    return load_structured_data(path.read_bytes(), source=str(path))


def record(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    return data


def built(data: dict[str, Any]) -> Any:
    return load_structured_data(yaml.safe_dump(data, allow_unicode=True), source="edited.yaml")


def messages(d: Diff) -> list[str]:
    return [c.message for c in d.changes]


# --------------------------------------------------------------------------- each kind of change


def test_headline_changed() -> None:
    edited = record(SEED)
    old_headline = edited["headline"]
    edited["headline"] = "Qassem Orders Patrols at Jordan’s Border"
    d = diff(load(SEED), built(edited))
    article = next(c for c in d.changes if c.property == "headline")
    assert article.kind == "changed"
    assert article.node_type == "NewsArticle"
    assert article.node.endswith("#article")
    assert (article.old, article.new) == (old_headline, "Qassem Orders Patrols at Jordan’s Border")
    assert article.message == f"headline changed: '{old_headline}' → 'Qassem Orders Patrols at Jordan’s Border'"
    # the page's name follows the headline; nothing else moved
    assert sorted((c.node_type, c.property) for c in d.changes) == [("NewsArticle", "headline"), ("WebPage", "name")]


def test_author_added() -> None:
    edited = record(FACT_CHECK)
    edited["entities"]["jane-doe"] = {"type": "Person", "name": "Jane Doe", "job_title": "Reporter"}
    edited["authors"].append("jane-doe")
    d = diff(load(FACT_CHECK), built(edited))
    assert messages(d) == ["author Jane Doe added", "Person Jane Doe added"]
    link, person = d.changes
    assert (link.kind, link.property, link.new) == ("added", "author", "https://syrianobserver.com/entity/jane-doe")
    assert person.kind == "added" and person.node_type == "Person" and person.property is None
    assert person.new["name"] == ["Jane Doe"] and person.new["jobTitle"] == ["Reporter"]


def test_person_removed() -> None:
    edited = record(SEED)
    del edited["entities"]["matthew-mcfarlane"]
    edited["mentions"].remove("matthew-mcfarlane")
    d = diff(load(SEED), built(edited))
    assert messages(d) == ["mentions Matthew McFarlane removed", "Person Matthew McFarlane removed"]
    assert d.changes[1].kind == "removed"
    assert d.changes[1].old["jobTitle"] == ["Major General, commander of the Joint Task Force"]


def test_rating_changed_names_the_review_and_the_verdicts() -> None:
    old = record(FACT_CHECK)
    old["reviews"][0]["rating"] = {"value": 2, "best": 5, "worst": 1, "verdict": "Mostly false"}
    d = diff(built(old), load(FACT_CHECK))
    assert messages(d) == ["ClaimReview #review-weekly-un-convoys rating 2 → 1 (Mostly false → False)"]
    (change,) = d.changes
    assert (change.kind, change.property) == ("changed", "reviewRating")
    assert change.old == {"ratingValue": 2, "alternateName": "Mostly false"}
    assert change.new == {"ratingValue": 1, "alternateName": "False"}


def test_literal_kinds_types_and_long_texts() -> None:
    body = "word " * 60
    old = {
        "@context": "https://schema.org",
        "@id": "https://n.example/a",
        "@type": "Article",
        "headline": "H",
        "articleBody": body + "the end.",
        "isAccessibleForFree": True,
        "wordCount": 3,
    }
    new = {
        **old,
        "@type": "NewsArticle",
        "headline": {"@value": "H", "@language": "en"},
        "articleBody": body + "the new end.",
        "isAccessibleForFree": False,
        "wordCount": "3",
    }
    assert messages(diff(old, new)) == [
        "articleBody changed: '… word word word word word the end.' → '… word word word word word the new end.'",
        "headline changed: 'H' → 'H'@en",
        "isAccessibleForFree changed: true → false",
        "type changed: Article → NewsArticle",
        "wordCount changed: 3 → '3'",
    ]
    change = next(c for c in diff(old, new).changes if c.property == "isAccessibleForFree")
    assert (change.old, change.new) == (True, False)


# --------------------------------------------------------------------------- blank nodes and ordering

THIRD_PARTY = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "claimReviewed": "The bridge was closed for a year.",
    "author": [
        {"@type": "Person", "name": "Jane Doe", "address": {"@type": "PostalAddress", "addressLocality": "Mosul"}},
        {"@type": "Person", "name": "Omar Ali", "address": {"@type": "PostalAddress", "addressLocality": "Erbil"}},
    ],
    "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Mostly false"},
    "keywords": ["bridge", "Mosul", "roads"],
}


def test_blank_node_reorder_gives_no_change() -> None:
    new = copy.deepcopy(THIRD_PARTY)
    new["author"].reverse()
    new = {k: new[k] for k in reversed(list(new))}  # keys in another order too
    assert not diff(THIRD_PARTY, new)
    assert diff(THIRD_PARTY, new).to_text() == ""


def test_array_reorder_gives_no_change() -> None:
    doc = load(SEED)
    new = copy.deepcopy(doc)
    new["@graph"].reverse()
    for node in new["@graph"]:
        for value in node.values():
            if isinstance(value, list):
                value.reverse()
    assert not diff(doc, new)


def test_blank_nodes_matched_by_content_and_holder() -> None:
    new = copy.deepcopy(THIRD_PARTY)
    new["author"].reverse()
    new["author"][0]["address"]["addressLocality"] = "Duhok"  # Omar Ali's, now first
    new["reviewRating"] = {"@type": "Rating", "ratingValue": 1, "alternateName": "False"}
    d = diff(THIRD_PARTY, new)
    assert messages(d) == [
        "ClaimReview The bridge was closed for a year. rating 2 → 1 (Mostly false → False)",
        "PostalAddress (address of Omar Ali) addressLocality changed: 'Erbil' → 'Duhok'",
    ]


def test_blank_node_added_is_told_as_the_value() -> None:
    new = copy.deepcopy(THIRD_PARTY)
    new["author"].append({"@type": "Person", "name": "Sara Khalil"})
    assert messages(diff(THIRD_PARTY, new)) == [
        "ClaimReview The bridge was closed for a year. author Sara Khalil added"
    ]


# --------------------------------------------------------------------------- inputs


def test_page_against_its_record() -> None:
    page, rec = load(PAGE), load(SEED)
    assert isinstance(page, list) and len(page) == 2  # the CMS's own block and ldpub's
    d = diff(rec, page)
    assert messages(d) == ["WebSite The Syrian Observer added"]
    assert not diff(load(EXAMPLES / "syrian-observer-al-tanf.jsonld"), rec)


def test_record_as_json_and_jsonld_told_apart() -> None:
    text = json.dumps(record(FACT_CHECK))
    assert not diff(load_structured_data(text, source="r.json"), load(FACT_CHECK))
    jsonld = (EXAMPLES / "fact-check-rukban-aid.jsonld").read_text()
    assert not diff(load_structured_data(jsonld, source="<stdin>"), load(FACT_CHECK))


@pytest.mark.parametrize(
    ("text", "source", "where"),
    [
        ('{"@context": "https://schema.org", "name": }', "a.jsonld", "a.jsonld:1:"),
        ("url: [unclosed", "a.yaml", "a.yaml:2:1: malformed YAML"),
        ('{"@context": "https://example.org/remote.jsonld", "name": "x"}', "a.jsonld", "a.jsonld"),
        ("<html><head></head><body>no data</body></html>", "a.html", "a.html"),
        ("headline: no url", "a.yaml", "a.yaml"),
    ],
)
def test_bad_input_is_an_input_error_with_its_location(text: str, source: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        load_structured_data(text, source=source)
    assert str(caught.value).startswith(where)


# --------------------------------------------------------------------------- the command


def test_identical_graphs_print_nothing_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "json", "markdown"):
        code = main(
            ["diff", str(SEED), str(EXAMPLES / "syrian-observer-al-tanf.jsonld"), "--format", fmt, "--exit-code"]
        )
        assert code == 0
        assert capsys.readouterr() == ("", "")


def test_exit_code_like_git_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edited = record(SEED)
    edited["headline"] = "A new headline"
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(edited, allow_unicode=True))
    assert main(["diff", str(SEED), str(new)]) == 0
    assert "headline changed:" in capsys.readouterr().out
    assert main(["diff", str(SEED), str(new), "--exit-code"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("headline changed: ") and out.endswith("→ 'A new headline'\n")


def test_json_and_markdown_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.jsonld"
    old.write_text(json.dumps(THIRD_PARTY))
    new = tmp_path / "new.jsonld"
    new.write_text(json.dumps({**THIRD_PARTY, "claimReviewed": "The bridge | was <b>closed</b>."}))
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["changed"] is True and report["counts"] == {"added": 0, "removed": 0, "changed": 1}
    (change,) = report["changes"]
    assert change["property"] == "claimReviewed" and change["new"] == "The bridge | was <b>closed</b>."
    assert main(["diff", str(old), str(new), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("**Structured data: 1 change** (1 changed)\n")
    row = markdown.splitlines()[-1]
    assert row.count(" | ") == 2 and "\\|" in row and "<b>" not in row and "\\<b\\>" in row


def test_bad_input_exits_1_and_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@context": "https://schema.org", ')
    assert main(["diff", str(bad), str(SEED)]) == 1
    assert f"{bad}:1:" in capsys.readouterr().err
    assert main(["diff", str(tmp_path / "missing.yaml"), str(SEED)]) == 2
    assert "missing.yaml" in capsys.readouterr().err
    assert main(["diff", "-", "-"]) == 2
