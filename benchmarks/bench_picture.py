"""The picture of an article's graph: Graphviz's layout (neato through the graphviz package) beside the
networkx layout ldpub falls back to, on the seed (48 nodes), the 80-node example and a synthetic
300-node document (the most ldpub draws): time (best of --repeat, wall clock, Graphviz's process
included), canvas size, and how many pairs of boxes overlap (node shapes and link labels, text as
wide as DejaVu Sans draws it: the geometry tests/test_picture.py checks).

    python benchmarks/bench_picture.py [--repeat 3] [--no-large]
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree

from ldpub.diff import load_structured_data
from ldpub.picture import LINE_HEIGHT, graph_svg, graphviz_available, text_width

ROOT = Path(__file__).resolve().parents[1]
NS = {"svg": "http://www.w3.org/2000/svg"}
Box = tuple[float, float, float, float]


def large(n: int = 300) -> dict[str, Any]:
    """An article mentioning n - 1 entities of four kinds, a third of them linked to another."""
    base = "https://news.example/"
    kinds = ["Person", "Organization", "Place", "Claim"]
    nodes: list[dict[str, Any]] = []
    for i in range(n - 1):
        node: dict[str, Any] = {"@id": f"{base}e/{i}", "@type": kinds[i % 4], "name": f"Entity {i} with a name"}
        if i % 3 == 0:
            node["knowsAbout"] = {"@id": f"{base}e/{(i * 7 + 1) % (n - 1)}"}
        nodes.append(node)
    article = {"@id": f"{base}a", "@type": "NewsArticle", "headline": "A large graph", "mentions": nodes}
    return {"@context": "https://schema.org", "@graph": [article]}


def _translate(el: Any) -> tuple[float, float]:
    x, y = re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", el.get("transform") or "translate(0,0)").groups()
    return float(x), float(y)


def boxes(svg: str) -> tuple[list[Box], float, float]:
    root = etree.fromstring(svg.encode(), etree.XMLParser(no_network=True))
    drawing = root.find("svg:g[@class='drawing']", NS)
    ox, oy = _translate(drawing)
    found: list[Box] = []
    for node in drawing.iterfind(".//svg:g[@class='node']", NS):
        x, y = _translate(node)
        w, h = float(node.get("data-width")), float(node.get("data-height"))
        found.append((ox + x - w / 2, oy + y - h / 2, ox + x + w / 2, oy + y + h / 2))
    for label in drawing.iterfind(".//svg:g[@class='edge-label']", NS):
        x, y = _translate(label)
        text = label.find("svg:text", NS)
        size = float(text.get("font-size"))
        lines = [span.text or "" for span in text.iterfind("svg:tspan", NS)]
        w, h = max(text_width(line, size) for line in lines), len(lines) * size * LINE_HEIGHT
        found.append((ox + x - w / 2, oy + y - h / 2, ox + x + w / 2, oy + y + h / 2))
    return found, float(root.get("width")), float(root.get("height"))


def overlaps(found: list[Box]) -> int:
    return sum(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for a, b in itertools.combinations(found, 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-large", action="store_true", help="leave out the 300-node document")
    args = parser.parse_args()
    documents = {
        "seed (48 nodes)": ROOT / "examples" / "syrian-observer-al-tanf.yaml",
        "example (80 nodes)": ROOT / "examples" / "pictures" / "eighty-nodes.yaml",
    }
    docs: dict[str, Any] = {
        name: load_structured_data(path.read_bytes(), source=str(path)) for name, path in documents.items()
    }
    if not args.no_large:
        docs["synthetic (300 nodes)"] = large()
    layouts = ["graphviz", "networkx"] if graphviz_available() else ["networkx"]
    if len(layouts) == 1:
        print("Graphviz is not installed: networkx only")
    graph_svg(docs["seed (48 nodes)"], layout="networkx")  # the vocabulary and imports, once
    print(f"{'document':22} {'layout':22} {'best ms':>8} {'canvas':>12} {'boxes':>6} {'overlapping pairs':>18}")
    for name, doc in docs.items():
        for layout in layouts:
            times = []
            for _ in range(max(1, args.repeat)):
                start = time.perf_counter()
                svg = graph_svg(doc, layout=layout)  # type: ignore[arg-type]
                times.append(time.perf_counter() - start)
            found, width, height = boxes(svg)
            label = "ldpub, Graphviz" if layout == "graphviz" else "networkx (the fallback)"
            print(
                f"{name:22} {label:22} {min(times) * 1000:8.0f} {f'{width:.0f}×{height:.0f}':>12} "
                f"{len(found):6} {overlaps(found):18}"
            )


if __name__ == "__main__":
    main()
