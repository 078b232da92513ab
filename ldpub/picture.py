"""A picture of an article's structured data: its nodes and links as SVG.

Nodes are drawn by kind (article, page, person, organisation, place, claim, review, media,
comment, other) as a shape and a colour, labelled with their names; links are labelled with
their property. The article sits in the middle; the rest is laid out by networkx's
force-directed layout, started from rings by distance to the article, then nudged apart so
that no two nodes overlap. All text goes through lxml, so names are escaped; the picture has no
script, link or style sheet.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from lxml import etree

from ldpub.errors import InputError, Location
from ldpub.nodegraph import Graph, graph_of, local_name, main_node, short, type_names
from ldpub.nodegraph import label as node_label

__all__ = ["graph_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
NODE_SIZE = 13  # a shape's half-size in pixels
# Node centres at least this far apart across and down (an ellipse): room for a shape and its label.
GAP_X, GAP_Y = 120.0, 46.0
LABEL_CHARS = 24
HOLE = 0.3  # of the way to the canvas edge, kept free round the article
MARGIN = 70
MAX_NODES = 300  # readable up to about 100; the layout's cost grows with the square


@dataclass(frozen=True)
class Kind:
    name: str  # in the legend
    ancestors: tuple[str, ...]  # schema.org types it covers (with their subclasses)
    shape: str
    colour: str


# First match wins: a NewsArticle is an article before it is a creative work.
KINDS = (
    Kind("article", ("Article",), "roundrect", "#1d4ed8"),
    Kind("claim review", ("Review", "Rating"), "diamond", "#b45309"),
    Kind("claim", ("Claim",), "diamond", "#dc2626"),
    Kind("comment", ("Comment",), "roundrect", "#be185d"),
    Kind("media", ("MediaObject",), "square", "#0e7490"),
    Kind("page", ("WebPage", "WebSite"), "square", "#4b5563"),
    Kind("person", ("Person",), "circle", "#ea580c"),
    Kind("organisation", ("Organization",), "square", "#15803d"),
    Kind("place", ("Place",), "hexagon", "#7c3aed"),
    Kind("creative work", ("CreativeWork",), "roundrect", "#2563eb"),
)
OTHER = Kind("other", (), "circle", "#6b7280")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def graph_svg(doc: Any) -> str:
    """An SVG picture of a JSON-LD document's nodes and links (as text, no XML declaration).

    Raises :class:`~ldpub.errors.InputError` for a document that cannot be read as RDF offline,
    or that has more than MAX_NODES nodes (no picture of them could be read).
    """
    g = graph_of(doc)
    keys = sorted(g.nodes)
    if len(keys) > MAX_NODES:
        raise InputError(f"too many nodes to draw: {len(keys)} (at most {MAX_NODES})", Location(pointer=""))
    centre = main_node(g) or _busiest(g, keys)
    links = _links(g)
    width, height = _canvas(len(keys))
    at = _layout(keys, links, centre, width, height)
    return _svg(g, keys, links, centre, at, width, height)


def _busiest(g: Graph, keys: list[str]) -> str | None:
    degree: dict[str, int] = defaultdict(int)
    for s, _, o in g.links():
        degree[s] += 1
        degree[o] += 1
    return max(keys, key=lambda k: (degree[k], k), default=None)


def _links(g: Graph) -> dict[tuple[str, str], list[str]]:
    """(subject, object) → the properties linking them; a self-link is not drawn."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s, p, o in g.links():
        if s != o:
            out[(s, o)].append(local_name(p))
    return {pair: sorted(set(props)) for pair, props in sorted(out.items())}


def _canvas(n: int) -> tuple[int, int]:
    """About five times the area the gaps need per node: room to move without overlapping."""
    side = max(480, int(125 * math.sqrt(max(n, 1))))
    return int(side * 1.4), side


# --------------------------------------------------------------------------- layout


def _layout(
    keys: list[str], links: Iterable[tuple[str, str]], centre: str | None, width: int, height: int
) -> dict[str, tuple[float, float]]:
    if not keys:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(keys)
    graph.add_edges_from(links)
    if centre is None:
        linked, loose = keys, []
    else:
        reach = nx.node_connected_component(graph, centre)
        linked, loose = [k for k in keys if k in reach], [k for k in keys if k not in reach]
    half = np.array([width / 2 - MARGIN, height / 2 - MARGIN])
    # Nodes not linked to the article go round the edge; the rest fills the canvas inside them.
    inner = half * (0.82 if loose else 1.0)
    xy = _linked_layout(graph.subgraph(linked), linked, centre, inner)
    angles = np.linspace(0, 2 * math.pi, len(loose), endpoint=False) + math.pi / 2 if loose else np.zeros(0)
    ring = np.column_stack([np.cos(angles), np.sin(angles)]) * half
    order = linked + loose
    xy = np.vstack([xy, ring]) + np.array([width / 2, height / 2])
    pinned = order.index(centre) if centre is not None else None
    xy = _spread(xy, pinned, width, height)
    return {k: (float(x), float(y)) for k, (x, y) in zip(order, xy, strict=True)}


def _linked_layout(graph: nx.Graph, keys: list[str], centre: str | None, half: np.ndarray) -> np.ndarray:
    """networkx's force-directed layout, started from rings round the article; relative to it."""
    if len(keys) == 1:
        return np.zeros((1, 2))
    start = nx.shell_layout(graph, nlist=_shells(graph, keys, centre))
    if centre is not None:
        start[centre] = np.zeros(2)
    fixed = [centre] if centre is not None else None
    pos = nx.spring_layout(graph, pos=start, fixed=fixed, iterations=100, seed=7, k=3 / math.sqrt(len(keys)))
    origin = pos[centre] if centre is not None else np.mean(list(pos.values()), axis=0)
    xy = np.array([pos[k] - origin for k in keys], dtype=float)
    # Stretch each side of the article to its edge of the canvas: the article exactly in the
    # middle, and no half of the canvas left empty because the graph leans one way.
    for axis in (0, 1):
        for sign in (1, -1):
            side = xy[:, axis] * sign > 0
            reach = float((xy[side, axis] * sign).max()) if side.any() else 0.0
            if reach > 0:
                xy[side, axis] = xy[side, axis] / reach * half[axis]
    # Clear a ring round the article: its links fan out readably instead of crowding its label.
    radius = np.sqrt(((xy / half) ** 2).sum(axis=1))
    outward = np.where(radius > 0, (HOLE + (1 - HOLE) * np.minimum(radius, 1.0)) / np.maximum(radius, 1e-9), 0.0)
    out: np.ndarray = xy * outward[:, None]
    return out


def _shells(graph: nx.Graph, keys: list[str], centre: str | None) -> list[list[str]]:
    """Rings by distance to the article."""
    if centre is None:
        return [keys]
    distance = nx.single_source_shortest_path_length(graph, centre)
    rings: dict[int, list[str]] = defaultdict(list)
    for key in keys:
        rings[distance[key]].append(key)
    return [rings[d] for d in sorted(rings)]


def _spread(xy: np.ndarray, pinned: int | None, width: int, height: int, rounds: int = 400) -> np.ndarray:
    """Push apart nodes closer than the gap, keeping them on the canvas and the article in place."""
    lo = np.array([MARGIN / 2, MARGIN / 2])
    hi = np.array([width - MARGIN / 2, height - MARGIN / 2])
    rng = np.random.default_rng(7)
    scale = np.array([GAP_X, GAP_Y])
    n = len(xy)
    for _ in range(rounds):
        delta = (xy[:, None, :] - xy[None, :, :]) / scale  # in gaps: closer than 1 is too close
        dist = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(dist, 1e9)
        close = dist < 1.0
        if not close.any():
            break
        same = dist < 1e-6  # on top of each other: a random direction
        if same.any():
            delta[same] = rng.normal(size=(int(same.sum()), 2))
            dist[same] = 1.0
        push = np.where(close, (1.03 - dist) / 2 / np.maximum(dist, 1e-6), 0.0)  # a little past: it settles
        move = (delta * push[:, :, None]).sum(axis=1) * scale
        if pinned is not None:
            move[pinned] = 0.0
        xy = np.clip(xy + move * 1.05, lo, hi)
        if pinned is not None and n:
            xy[pinned] = [width / 2, height / 2]
    return xy


# --------------------------------------------------------------------------- drawing


def _kind(types: list[str]) -> Kind:
    from ldpub.validate.vocab import vocabulary

    vocab = vocabulary()
    for kind in KINDS:
        if vocab.any_is_a(tuple(types), kind.ancestors):
            return kind
    return OTHER


def _text(value: str) -> str:
    """Text XML can hold (lxml escapes the rest)."""
    return _XML_UNSAFE.sub("\ufffd", value)


def _el(parent: Any, tag: str, text: str | None = None, **attrs: Any) -> Any:
    el = etree.SubElement(
        parent, f"{{{SVG_NS}}}{tag}", {k.rstrip("_").replace("_", "-"): _text(str(v)) for k, v in attrs.items()}
    )
    if text is not None:
        el.text = _text(text)
    return el


def _shape(parent: Any, kind: Kind, size: float) -> None:
    s = size
    common: dict[str, Any] = {"fill": kind.colour, "stroke": "#ffffff", "stroke_width": 2}
    if kind.shape == "circle":
        _el(parent, "circle", r=f"{s:g}", **common)
    elif kind.shape == "square":
        _el(parent, "rect", x=f"{-s:g}", y=f"{-s:g}", width=f"{2 * s:g}", height=f"{2 * s:g}", **common)
    elif kind.shape == "roundrect":
        w = 1.6 * s
        _el(
            parent, "rect", x=f"{-w:g}", y=f"{-s:g}", width=f"{2 * w:g}", height=f"{2 * s:g}", rx=f"{s / 2:g}", **common
        )
    elif kind.shape == "diamond":
        d = 1.25 * s
        _el(parent, "polygon", points=f"0,{-d:g} {d:g},0 0,{d:g} {-d:g},0", **common)
    else:  # hexagon
        points = " ".join(
            f"{s * 1.1 * math.cos(a):.1f},{s * 1.1 * math.sin(a):.1f}" for a in np.linspace(0, 2 * math.pi, 7)[:-1]
        )
        _el(parent, "polygon", points=points, **common)


def _svg(
    g: Graph,
    keys: list[str],
    links: dict[tuple[str, str], list[str]],
    centre: str | None,
    at: dict[str, tuple[float, float]],
    width: int,
    height: int,
) -> str:
    title = node_label(g, centre) if centre else "structured data"
    root = etree.Element(
        f"{{{SVG_NS}}}svg",
        {
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "font-family": "system-ui, sans-serif",
        },
        nsmap={None: SVG_NS},
    )
    _el(root, "title", f"Structured data: {_text(title)}")
    _el(root, "desc", f"{len(keys)} nodes and {len(links)} links; the article in the middle.")
    defs = _el(root, "defs")
    marker = _el(
        defs,
        "marker",
        id="ldpub-arrow",
        viewBox="0 0 10 10",
        refX=10,
        refY=5,
        markerWidth=7,
        markerHeight=7,
        orient="auto",
    )
    _el(marker, "path", d="M0,0 L10,5 L0,10 z", fill="#9ca3af")
    _el(root, "rect", width=width, height=height, fill="#ffffff")
    edges = _el(root, "g", class_="edges")
    for (s, o), props in links.items():
        (x1, y1), (x2, y2) = at[s], at[o]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        gap = NODE_SIZE * 1.6  # end the line at the shape's edge, where the arrow shows
        ex, ey = x2 - (x2 - x1) / length * gap, y2 - (y2 - y1) / length * gap
        edge = _el(edges, "g", class_="edge", data_property=" ".join(props))
        _el(edge, "title", f"{node_label(g, s)} → {', '.join(props)} → {node_label(g, o)}")
        _el(
            edge,
            "line",
            x1=f"{x1:.1f}",
            y1=f"{y1:.1f}",
            x2=f"{ex:.1f}",
            y2=f"{ey:.1f}",
            stroke="#9ca3af",
            stroke_width=1.2,
            marker_end="url(#ldpub-arrow)",
        )
        t = 0.62 if s == centre else 0.5  # away from the crowd of links at the article
        _el(
            edge,
            "text",
            short(", ".join(props), LABEL_CHARS),
            x=f"{x1 + (x2 - x1) * t:.1f}",
            y=f"{y1 + (y2 - y1) * t:.1f}",
            font_size=9,
            fill="#4b5563",
            text_anchor="middle",
            stroke="#ffffff",
            stroke_width=3,
            paint_order="stroke",
        )
    nodes = _el(root, "g", class_="nodes")
    used: dict[str, Kind] = {}
    for key in sorted(keys, key=lambda k: k == centre):  # the article drawn last, on top
        types = type_names(g, key)
        kind = _kind(types)
        used[kind.name] = kind
        x, y = at[key]
        size = NODE_SIZE * (1.4 if key == centre else 1.0)
        node = _el(
            nodes,
            "g",
            class_="node",
            transform=f"translate({x:.1f},{y:.1f})",
            data_kind=kind.name,
            data_type=" ".join(types),
            data_id=key,
        )
        _el(
            node,
            "title",
            f"{', '.join(types) or 'node'}: {node_label(g, key)}\n{'' if g.is_blank(key) else key}".strip(),
        )
        _shape(node, kind, size)
        _el(
            node,
            "text",
            short(node_label(g, key, content_first=kind.name in ("claim", "claim review")), LABEL_CHARS),
            y=f"{size + 12:g}",
            font_size=12 if key == centre else 10.5,
            font_weight="bold" if key == centre else "normal",
            fill="#111827",
            text_anchor="middle",
            stroke="#ffffff",
            stroke_width=3,
            paint_order="stroke",
        )
    legend = _el(root, "g", class_="legend", transform="translate(12,16)", font_size=10.5)
    for i, kind in enumerate(k for k in (*KINDS, OTHER) if k.name in used):
        item = _el(legend, "g", transform=f"translate(0,{i * 20})")
        _shape(item, kind, 6)
        _el(item, "text", kind.name, x=12, y=4, fill="#111827")
    svg: str = etree.tostring(root, encoding="unicode")
    return svg + "\n"


def picture_of(data: bytes | str, name: str) -> str:
    """The picture of a record, a JSON-LD document or a page (told by ``name``, else by content):
    what ``ldpub graph`` and ``POST /graph`` draw."""
    from ldpub.diff import load_structured_data

    return graph_svg(load_structured_data(data, source=name))
