"""schema.org's own examples give no error outside the reviewed list (benchmarks/validate_schemaorg_examples.py)."""

from __future__ import annotations

from collections import Counter

from benchmarks.validate_schemaorg_examples import (
    EXCERPT,
    example_types,
    examples,
    page_graph_types,
    run,
    unreviewed,
)
from ldpub.validate import Validator

PAGE_GRAPH = EXCERPT.with_name("schemaorg-page-graph-examples.txt")


def test_the_examples_give_no_false_alarm() -> None:
    text = EXCERPT.read_text(encoding="utf-8")
    found = [e for e, _ in examples(text)]
    assert found[:5] == ["eg-0382", "eg-0383", "eg-0374", "eg-0375", "eg-0376"] and len(found) == 15
    assert unreviewed(run(text)) == []


def test_an_error_in_an_example_is_reported_with_its_example() -> None:
    text = EXCERPT.read_text(encoding="utf-8").replace('"@type": "Restaurant"', '"@type": "Restaurnt"', 1)
    found = unreviewed(run(text))
    assert [(e, f.code) for e, f in found] == [("eg-0382", "LD020")]
    assert (found[0][1].line, found[0][1].column) == (7, 7)  # its line and column in the example


def test_the_page_graphs_examples_give_no_error() -> None:
    """Every schema.org example of an article, page, site, breadcrumb, video, claim or data-feed type
    (named by its TYPES: header or by a node of its JSON-LD), counted per family: none has an error."""
    text = PAGE_GRAPH.read_text(encoding="utf-8")
    family, types = page_graph_types(), example_types(text)
    found = [e for e, _ in examples(text)]
    assert len(found) == 58 and all(any(t in family for t in types[e]) for e in found)
    per_family = Counter(root for e in found for root in {family[t] for t in types[e] if t in family})
    assert per_family == {
        "Article": 25,
        "WebPage": 17,
        "WebPageElement": 3,
        "WebSite": 3,
        "BreadcrumbList": 1,
        "VideoObject": 10,
        "Claim": 1,
        "ClaimReview": 2,
        "DataFeed": 3,
        "DataFeedItem": 1,
    }
    assert run(text) == []


def test_a_third_party_context_is_a_warning_that_names_the_nodes_left_unchecked() -> None:
    """schema.org's health-lifesci example (eg-0229) names its extension's address as its context."""
    text = PAGE_GRAPH.read_text(encoding="utf-8")
    [section] = [section for e, section in examples(text) if e == "eg-0229" and "health-lifesci" in section]
    page = f"<html><head>{section}</head></html>".encode()
    [finding] = Validator().check_bytes(page, "eg-0229.html", suffix=".html").findings
    assert (finding.code, finding.severity, finding.pointer) == ("LD010", "warning", "/@context")
    assert "'http://health-lifesci.schema.org/' not read" in finding.message
    assert "nodes left unchecked: HealthInsurancePlan, ContactPoint, HealthPlanFormulary" in finding.message
