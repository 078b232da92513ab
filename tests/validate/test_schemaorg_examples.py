"""schema.org's own examples give no error outside the reviewed list (benchmarks/validate_schemaorg_examples.py)."""

from __future__ import annotations

from benchmarks.validate_schemaorg_examples import (
    EXCERPT,
    example_types,
    examples,
    page_graph_types,
    run,
    unreviewed,
)

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
    """Every schema.org example of an article, page, site, breadcrumb, video, claim or data-feed type."""
    text = PAGE_GRAPH.read_text(encoding="utf-8")
    family, types = page_graph_types(), example_types(text)
    found = [e for e, _ in examples(text)]
    assert len(found) == 25 and all(any(t in family for t in types[e]) for e in found)
    covered = {family[t] for e in found for t in types[e] if t in family}
    assert covered >= {"Article", "WebPage", "WebSite", "BreadcrumbList", "VideoObject", "ClaimReview", "DataFeed"}
    assert run(text) == []
