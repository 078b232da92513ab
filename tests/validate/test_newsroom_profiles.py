"""Google's paywall and live blog rules and the ``trust`` profile on the pages and graphs a newsroom
publishes: a live blog page in a real publisher's shape, and what ``ldpub build`` makes of a record."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

import ldpub
from ldpub.validate import Validator, validate_document
from tests.support import DATA

PAGES = DATA / "pages" / "graph"
RECORD = DATA / "records" / "page-graph.yaml"
URL = "https://news.example.org/2024/05/01/live-bridge-vote.html"


@pytest.fixture
def record() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(RECORD.read_text(encoding="utf-8"))
    return data


def check_page(name: str, *profiles: str) -> list[Any]:
    path = PAGES / name
    return list(Validator(list(profiles)).check_bytes(path.read_bytes(), name, suffix=".html").findings)


def test_a_live_blog_pages_updates_are_checked_as_updates_not_as_articles() -> None:
    found = [(f.code, f.pointer, f.node_id) for f in check_page("live-blog.html", "google-article")]
    live = "https://dailywire.example/live/election-night#live"
    # the live blog itself lacks an author and an image; its third update a date and a body
    assert found == [("GA001", "", live), ("GA001", "", live), ("GA008", "/liveBlogUpdate/2", None)]


def test_a_built_live_blog_gives_its_updates_no_article_findings(record: dict[str, Any]) -> None:
    """ldpub writes each update as a node of its own in @graph, referenced from the live blog."""
    report = validate_document(ldpub.build(record).jsonld, profiles=["google-article"])
    updates = {URL + "#update-vote-passes", URL + "#update-2"}
    assert [f for f in report.findings if f.node_id in updates] == []
    assert [f for f in report.findings if f.severity == "error"] == []


def test_an_update_without_its_body_is_named_by_its_id(record: dict[str, Any]) -> None:
    broken = copy.deepcopy(record)
    del broken["live"]["updates"][1]["body"]
    report = validate_document(ldpub.build(broken).jsonld, profiles=["google-article"])
    [finding] = [f for f in report.findings if f.code == "GA008"]
    assert finding.node_id == URL + "#update-2" and "articleBody" in finding.message
    assert finding.pointer is not None and finding.pointer.startswith("/@graph/")


def test_a_live_blog_without_its_coverage_end_is_an_error(record: dict[str, Any]) -> None:
    del record["live"]["coverage_end"]
    report = validate_document(ldpub.build(record).jsonld, profiles=["google-article"])
    assert [(f.code, f.severity) for f in report.findings if f.code.startswith("GA00") and f.code > "GA004"] == [
        ("GA007", "error")
    ]


def test_the_trust_profile_on_a_built_record_names_each_policy_the_settings_lack(record: dict[str, Any]) -> None:
    report = validate_document(ldpub.build(record).jsonld, profiles=["trust"])
    by_code = {f.code: f for f in report.findings}
    assert sorted(by_code) == ["TP001", "TP003"]  # the record's policies, principles, dateline are there
    assert by_code["TP001"].node_id == "https://news.example.org/#organization"
    assert by_code["TP001"].message.startswith(
        "the publisher 'Example News' has no diversityStaffingReport, ownershipFundingInfo, "
        "missionCoveragePrioritiesPolicy, verificationFactCheckingPolicy, unnamedSourcesPolicy"
    )
    assert "ethicsPolicy" not in by_code["TP001"].message and "foundingDate" not in by_code["TP001"].message
    assert "knowsAbout, knowsLanguage" in by_code["TP003"].message


def test_the_trust_profile_is_quiet_once_every_policy_is_given(record: dict[str, Any]) -> None:
    record["publisher"]["policies"].update(
        {
            "diversity_staffing": "https://news.example.org/about/staffing",
            "ownership_funding": "https://news.example.org/about/ownership",
            "mission_coverage": "https://news.example.org/about/mission",
            "verification": "https://news.example.org/about/verification",
            "unnamed_sources": "https://news.example.org/about/sources",
        }
    )
    report = validate_document(ldpub.build(record).jsonld, profiles=["trust"])
    assert [f.code for f in report.findings] == ["TP003"]


def test_trust_leaves_works_the_article_cites_to_their_own_publishers() -> None:
    """A fact check's reviewed claim appears in another outlet's article: not this site's to disclose."""
    document = (DATA.parent.parent / "examples" / "fact-check-rukban-aid.jsonld").read_bytes()
    report = Validator(["trust"]).check_bytes(document, "fact-check.jsonld", suffix=".jsonld")
    publishers = {f.node_id for f in report.findings if f.code == "TP001"}
    assert publishers == {"https://syrianobserver.com/#organization"}
