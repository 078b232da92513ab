"""`ldpub graph` and `ldpub.picture.graph_svg`: well-formed, safe, one labelled shape per node, the
article in the middle, and 80 nodes on the canvas without overlapping."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from ldpub.cli import main
from ldpub.diff import load_structured_data
from ldpub.errors import InputError
from ldpub.nodegraph import graph_of
from ldpub.picture import GAP_X, GAP_Y, graph_svg
from tests.support import ROOT

SEED = ROOT / "examples" / "syrian-observer-al-tanf.yaml"
NS = {"svg": "http://www.w3.org/2000/svg"}
SHAPES = ("circle", "rect", "polygon")


def seed() -> Any:
    return load_structured_data(SEED.read_bytes(), source=str(SEED))


def parse(svg: str) -> Any:
    return etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))


def centres(root: Any) -> dict[str, tuple[float, float]]:
    out = {}
    for node in root.iterfind(".//svg:g[@class='node']", NS):
        x, y = re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", node.get("transform")).groups()
        out[node.get("data-id")] = (float(x), float(y))
    return out


def test_seed_picture_has_one_labelled_shape_per_node_and_the_article_in_the_middle() -> None:
    doc = seed()
    root = parse(graph_svg(doc))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    nodes = root.findall(".//svg:g[@class='node']", NS)
    assert sorted(n.get("data-id") for n in nodes) == sorted(graph_of(doc).nodes)
    assert len(nodes) == 48
    for node in nodes:
        assert len([c for c in node if etree.QName(c).localname in SHAPES]) == 1
        assert (node.findtext("svg:text", namespaces=NS) or "").strip()
    labels = {n.get("data-id"): n.findtext("svg:text", namespaces=NS) for n in nodes}
    article = "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html#article"
    assert labels[article].startswith("Meetings Between U.S.")
    assert labels["https://syrianobserver.com/entity/matthew-mcfarlane"] == "Matthew McFarlane"
    middle = (float(root.get("width")) / 2, float(root.get("height")) / 2)
    at = centres(root)
    nearest = min(at, key=lambda k: math.dist(at[k], middle))
    assert nearest == article
    # types as shapes and colours; links labelled with their property
    kinds = {n.get("data-kind") for n in nodes}
    assert {"article", "person", "organisation", "place", "claim"} <= kinds
    edge_labels = {e.findtext("svg:text", namespaces=NS) for e in root.iterfind(".//svg:g[@class='edge']", NS)}
    assert {"mentions", "author", "containedInPlace"} <= edge_labels


def test_names_are_escaped_and_the_picture_has_no_script() -> None:
    evil = "<script>x</script> & Co"
    doc = {
        "@context": "https://schema.org",
        "@id": "https://news.example.org/a#article",
        "@type": "NewsArticle",
        "headline": "A headline\x07 with a control character",
        "author": {"@id": "https://news.example.org/p/1", "@type": "Person", "name": evil},
        "publisher": {"@type": "Organization", "name": "]]> <!-- -->", "url": "javascript:alert(1)"},
    }
    svg = graph_svg(doc)
    assert "<script" not in svg and "javascript:" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert evil in texts
    assert not root.findall(".//svg:script", NS) and not root.findall(".//svg:a", NS)
    assert not [el for el in root.iter() if any(a.startswith("on") for a in el.attrib)]


def eighty_nodes() -> dict[str, Any]:
    base = "https://news.example.org/"
    kinds = ["Person", "Organization", "Place", "Claim", "ImageObject"]
    people = [
        {"@id": f"{base}e/{i}", "@type": kinds[i % 5], "name": f"Entity number {i} with a long name"} for i in range(70)
    ]
    for i, node in enumerate(people):
        if i % 3 == 0:
            node["knowsAbout"] = {"@id": f"{base}e/{(i * 7 + 1) % 70}"}
    extra = [{"@id": f"{base}x/{i}", "@type": "Thing", "name": f"Loose {i}"} for i in range(9)]
    article = {
        "@id": f"{base}a#article",
        "@type": "NewsArticle",
        "headline": "Eighty nodes",
        "mentions": [{"@id": n["@id"]} for n in people],
    }
    return {"@context": "https://schema.org", "@graph": [article, *people, *extra]}


def test_eighty_nodes_stay_on_the_canvas_without_overlapping() -> None:
    doc = eighty_nodes()
    root = parse(graph_svg(doc))
    at = centres(root)
    assert len(at) == 80
    width, height = float(root.get("width")), float(root.get("height"))
    for x, y in at.values():
        assert 20 <= x <= width - 20 and 20 <= y <= height - 20
    points = list(at.values())
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1 :]:
            # no two centres within the ellipse a shape and its label need (0.1% slack for rounding)
            assert math.hypot((x1 - x2) / GAP_X, (y1 - y2) / GAP_Y) >= 0.999
    article = at["https://news.example.org/a#article"]
    assert article == (width / 2, height / 2)


def test_too_many_nodes_is_an_input_error() -> None:
    doc = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mentions": [{"name": f"n{i}"} for i in range(400)],
    }
    with pytest.raises(InputError, match="too many nodes to draw: 401"):
        graph_svg(doc)


def test_the_same_document_gives_the_same_picture() -> None:
    assert graph_svg(seed()) == graph_svg(seed())


def test_graph_command_writes_the_file_and_reads_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "graph.svg"
    assert main(["graph", str(SEED), "-o", str(out)]) == 0
    assert parse(out.read_text()).findall(".//svg:g[@class='node']", NS)
    page = ROOT / "examples" / "pages" / "syrian-observer-al-tanf.embedded.html"
    assert main(["graph", str(page)]) == 0
    root = parse(capsys.readouterr().out)
    assert len(root.findall(".//svg:g[@class='node']", NS)) == 49  # and the CMS's WebSite block
    bad = tmp_path / "bad.yaml"
    bad.write_text("headline: [")
    assert main(["graph", str(bad), "-o", str(tmp_path / "no.svg")]) == 1
    assert "bad.yaml:" in capsys.readouterr().err
    assert not (tmp_path / "no.svg").exists()
