"""The pictures as a browser draws them: in headless Chromium, with its own font (DejaVu Sans on Debian,
wider than most), no two boxes (node shapes, link labels, legend entries) overlap, every label lies
inside its node's shape, and everything lies on the canvas. Measured with the SVG DOM (getBBox,
isPointInFill), not with ldpub's own estimate of text widths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ldpub.diff import load_structured_data
from ldpub.picture import graph_svg
from tests.browser import Browser
from tests.support import EXAMPLES, SEED

pytestmark = pytest.mark.browser

_GEOMETRY_JS = """
const svg = document.querySelector('svg');
function box(el) {  // the element's bounding box in the picture's coordinates
  const b = el.getBBox(), m = el.getCTM();
  const xs = [], ys = [];
  for (const [x, y] of [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]) {
    xs.push(m.a * x + m.c * y + m.e); ys.push(m.b * x + m.d * y + m.f);
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
const out = {width: svg.width.baseVal.value, height: svg.height.baseVal.value, boxes: [], outside: []};
for (const node of svg.querySelectorAll('g.node')) {
  const shape = node.querySelector('rect, ellipse, polygon');
  const text = node.querySelector('text');
  out.boxes.push(['node ' + node.dataset.id, box(shape)]);
  out.boxes.push(['label of ' + node.dataset.id, box(text)]);
  const t = text.getBBox();  // the text and its shape share the node's coordinates
  for (const [x, y] of [[t.x, t.y], [t.x + t.width, t.y], [t.x, t.y + t.height], [t.x + t.width, t.y + t.height]]) {
    if (!shape.isPointInFill(new DOMPoint(x, y))) out.outside.push(node.dataset.id);
  }
}
for (const label of svg.querySelectorAll('g.edge-label')) out.boxes.push(['link ' + label.textContent, box(label)]);
for (const item of svg.querySelectorAll('g.legend > g')) out.boxes.push(['legend ' + item.textContent, box(item)]);
return JSON.stringify(out);
"""


def geometry(chromium: Browser, svg: str) -> dict[str, Any]:
    chromium.open(f'<!doctype html><meta charset="utf-8"><body style="margin:0">{svg}</body>'.encode())
    result: dict[str, Any] = json.loads(chromium.js(f"(() => {{ {_GEOMETRY_JS} }})()"))
    return result


def problems(found: dict[str, Any]) -> list[str]:
    out = [f"label outside its shape: {key}" for key in sorted(set(found["outside"]))]
    boxes = found["boxes"]
    for name, (left, top, right, bottom) in boxes:
        if left < 0 or top < 0 or right > found["width"] or bottom > found["height"]:
            out.append(f"off the canvas: {name}")
    for i, (a, (al, at, ar, ab)) in enumerate(boxes):
        for b, (bl, bt, br, bb) in boxes[i + 1 :]:
            if a == "label of " + b[5:] or b == "label of " + a[5:]:
                continue  # a node's label is inside its shape
            if al < br and bl < ar and at < bb and bt < ab:
                out.append(f"overlap: {a} / {b}")
    return out


@pytest.mark.parametrize("path", [SEED, EXAMPLES / "pictures" / "eighty-nodes.yaml"], ids=["seed", "eighty"])
def test_graphviz_picture_in_chromium_has_no_overlap_and_nothing_cut(
    chromium: Browser, need_graphviz: None, path: Path
) -> None:
    svg = graph_svg(load_structured_data(path.read_bytes(), source=str(path)), layout="graphviz")
    found = geometry(chromium, svg)
    assert len([b for b in found["boxes"] if b[0].startswith("node ")]) in (48, 80)
    assert problems(found) == []


def test_the_check_finds_the_overlaps_of_the_fallback_layout(chromium: Browser) -> None:
    """networkx's layout keeps nodes apart but not the link labels: the same check sees it."""
    path = EXAMPLES / "pictures" / "eighty-nodes.yaml"
    svg = graph_svg(load_structured_data(path.read_bytes(), source=str(path)), layout="networkx")
    found = problems(geometry(chromium, svg))
    assert found and all(p.startswith("overlap") and "link " in p for p in found)
