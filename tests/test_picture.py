"""`ldpub graph` and `ldpub.picture.graph_svg`: well-formed, safe, one labelled shape per node, and an
80-node article graph laid out by Graphviz with no two boxes overlapping and no label cut; without
Graphviz (networkx), still a well-formed picture of every node. The same pictures as Chromium
draws them: tests/test_picture_chromium.py."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from ldpub.cli import main
from ldpub.diff import load_structured_data
from ldpub.errors import InputError
from ldpub.nodegraph import graph_of
from ldpub.nodegraph import label as node_label
from ldpub.picture import LINE_HEIGHT, graph_svg, text_width
from tests.support import EXAMPLES, ROOT

SEED = ROOT / "examples" / "syrian-observer-al-tanf.yaml"
EIGHTY = EXAMPLES / "pictures" / "eighty-nodes.yaml"
NS = {"svg": "http://www.w3.org/2000/svg"}
SHAPES = ("ellipse", "rect", "polygon")
Box = tuple[float, float, float, float]  # left, top, right, bottom


def load(path: Path) -> Any:
    return load_structured_data(path.read_bytes(), source=str(path))


def seed() -> Any:
    return load(SEED)


def parse(svg: str) -> Any:
    return etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))


def translate(el: Any) -> tuple[float, float]:
    x, y = re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", el.get("transform")).groups()
    return float(x), float(y)


def label_of(el: Any) -> str:
    """A text element's lines, joined as they were wrapped (at spaces)."""
    return " ".join(span.text or "" for span in el.iterfind("svg:text/svg:tspan", NS))


def shape_box(node: Any) -> Box:
    """The bounding box of a node's shape, in the picture's coordinates, from the SVG's own geometry."""
    dx, dy = translate(node)
    (shape,) = [c for c in node if etree.QName(c).localname in SHAPES]
    kind = etree.QName(shape).localname
    if kind == "ellipse":
        rx, ry = float(shape.get("rx")), float(shape.get("ry"))
        box = (-rx, -ry, rx, ry)
    elif kind == "rect":
        x, y = float(shape.get("x")), float(shape.get("y"))
        box = (x, y, x + float(shape.get("width")), y + float(shape.get("height")))
    else:
        points = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
        box = (
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        )
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def text_box(group: Any) -> Box:
    """The box a label's lines take (their width as wide as DejaVu Sans draws them; Chromium checks it)."""
    x, y = translate(group)
    text = group.find("svg:text", NS)
    size = float(text.get("font-size"))
    lines = [span.text or "" for span in text.iterfind("svg:tspan", NS)]
    width = max(text_width(line, size) for line in lines)
    height = len(lines) * size * LINE_HEIGHT
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def boxes(root: Any) -> dict[str, Box]:
    """Every node's shape and every link's label, each in the picture's coordinates."""
    drawing = root.find("svg:g[@class='drawing']", NS)
    dx, dy = translate(drawing)
    out = {}
    for node in drawing.iterfind(".//svg:g[@class='node']", NS):
        out["node " + node.get("data-id")] = shape_box(node)
    for i, label in enumerate(drawing.iterfind(".//svg:g[@class='edge-label']", NS)):
        out[f"label {i} " + label.getparent().get("data-property")] = text_box(label)
    return {k: (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy) for k, b in out.items()}


def test_seed_picture_has_one_labelled_shape_per_node() -> None:
    doc = seed()
    root = parse(graph_svg(doc))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    nodes = root.findall(".//svg:g[@class='node']", NS)
    assert sorted(n.get("data-id") for n in nodes) == sorted(graph_of(doc).nodes)
    assert len(nodes) == 48
    for node in nodes:
        assert len([c for c in node if etree.QName(c).localname in SHAPES]) == 1
        assert label_of(node).strip()
    labels = {n.get("data-id"): label_of(n) for n in nodes}
    article = "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html#article"
    assert (
        labels[article]
        == "Meetings Between U.S. Officials and al-Qassem in al-Tanf; Qassem Orders Patrols at Jordan’s Border"
    )
    assert labels["https://syrianobserver.com/entity/matthew-mcfarlane"] == "Matthew McFarlane"
    assert root.find(f".//svg:g[@data-id='{article}']/svg:text", NS).get("font-weight") == "bold"
    # types as shapes and colours; links labelled with their property
    kinds = {n.get("data-kind") for n in nodes}
    assert {"article", "person", "organisation", "place", "claim"} <= kinds
    edge_labels = {e.get("data-property") for e in root.iterfind(".//svg:g[@class='edge']", NS)}
    assert {"mentions", "author", "containedInPlace"} <= edge_labels


def test_links_sharing_a_property_and_an_end_are_drawn_as_one_label() -> None:
    """The article's 21 mentions: one `mentions` label, an arrow from it to each."""
    root = parse(graph_svg(seed()))
    article = "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html#article"
    (mentions,) = [
        e
        for e in root.iterfind(".//svg:g[@class='edge']", NS)
        if e.get("data-property") == "mentions" and e.find(f"svg:path[@data-from='{article}']", NS) is not None
    ]
    arrows = mentions.findall("svg:path[@marker-end]", NS)
    assert len(arrows) == 21
    assert "".join(mentions.find("svg:g/svg:text", NS).itertext()) == "mentions"
    # every link of the graph is drawn once
    drawn = {
        (s.get("data-from"), t.get("data-to"), e.get("data-property"))
        for e in root.iterfind(".//svg:g[@class='edge']", NS)
        for s in e.iterfind("svg:path[@data-from]", NS)
        for t in e.iterfind("svg:path[@data-to]", NS)
    }
    g = graph_of(seed())
    expected = {(s, o) for s, _, o in g.links() if s != o}
    assert {(s, o) for s, o, _ in drawn} == expected


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
    texts = [label_of(n) for n in root.iterfind(".//svg:g[@class='node']", NS)]
    assert evil in texts
    assert not root.findall(".//svg:script", NS) and not root.findall(".//svg:a", NS)
    assert not [el for el in root.iter() if any(a.startswith("on") for a in el.attrib)]


def test_eighty_nodes_with_graphviz_no_box_overlaps_another_and_no_label_is_cut(need_graphviz: None) -> None:
    doc = load(EIGHTY)
    g = graph_of(doc)
    assert len(g.nodes) == 80
    root = parse(graph_svg(doc, layout="graphviz"))
    width, height = float(root.get("width")), float(root.get("height"))
    placed = boxes(root)
    assert len([k for k in placed if k.startswith("node ")]) == 80
    for (a, box_a), (b, box_b) in itertools.combinations(placed.items(), 2):
        assert not overlap(box_a, box_b), (a, b)
    for name, (left, top, right, bottom) in placed.items():
        assert min(left, top) >= 0 and right <= width and bottom <= height, name
    for node in root.iterfind(".//svg:g[@class='node']", NS):  # every label in full, its lines inside its shape
        kind = node.get("data-kind")
        full = node_label(g, node.get("data-id"), content_first=kind in ("claim", "claim review"), limit=None)
        assert label_of(node).replace(" ", "") == full.replace(" ", "")
        assert "…" not in label_of(node) or "…" in full
        left, top, right, bottom = shape_box(node)
        t_left, t_top, t_right, t_bottom = text_box(node)
        assert left < t_left and t_right < right and top < t_top and t_bottom < bottom, node.get("data-id")


def test_the_fallback_layout_draws_every_node_in_well_formed_svg() -> None:
    doc = load(EIGHTY)
    svg = graph_svg(doc, layout="networkx")
    root = parse(svg)  # well-formed, or this raises
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    nodes = root.findall(".//svg:g[@class='node']", NS)
    assert sorted(n.get("data-id") for n in nodes) == sorted(graph_of(doc).nodes)
    for node in nodes:
        assert len([c for c in node if etree.QName(c).localname in SHAPES]) == 1 and label_of(node)
    # the nodes are kept apart and on the canvas (the link labels may cross: no promise made)
    placed = {k: b for k, b in boxes(root).items() if k.startswith("node ")}
    for (a, box_a), (b, box_b) in itertools.combinations(placed.items(), 2):
        assert not overlap(box_a, box_b), (a, b)
    width, height = float(root.get("width")), float(root.get("height"))
    assert all(min(b[0], b[1]) >= 0 and b[2] <= width and b[3] <= height for b in placed.values())


def test_auto_is_graphviz_when_installed(need_graphviz: None) -> None:
    assert graph_svg(seed()) == graph_svg(seed(), layout="graphviz") != graph_svg(seed(), layout="networkx")


def test_without_graphviz_auto_falls_back_and_graphviz_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert graph_svg(seed()) == graph_svg(seed(), layout="networkx")
    with pytest.raises(InputError, match="Graphviz is not installed"):
        graph_svg(seed(), layout="graphviz")


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
