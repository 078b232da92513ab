"""A picture of an article's structured data: its nodes and links as SVG.

Each node is a shape by kind (article, page, person, organisation, place, claim, review, media,
comment, other), outlined in the kind's colour, with its name inside in full, wrapped into lines;
each link is an arrow labelled with its property. Graphviz lays the picture out (neato, through
the ``graphviz`` package) when its programs are installed: every node and every link's label is a
box it keeps apart from the others, and the links are routed round the nodes. Without Graphviz,
networkx's force-directed layout places the nodes, pushed apart box by box; the link labels then
sit in the middle of their line and may cross. All text goes through lxml, so names are escaped;
no text of the document goes to Graphviz (it sees numbered boxes); the picture has no script,
link or style sheet.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from ldpub.errors import InputError, Location
from ldpub.nodegraph import Graph, graph_of, local_name, main_node, type_names
from ldpub.nodegraph import label as node_label

__all__ = ["Layout", "graph_svg", "graphviz_available", "picture_of", "text_width"]

Layout = Literal["auto", "graphviz", "networkx"]

SVG_NS = "http://www.w3.org/2000/svg"
FONT_SIZE = 10.5  # a node's label
CENTRE_FONT_SIZE = 12.0  # the article's label
EDGE_FONT_SIZE = 9.0  # a link's label
LINE_HEIGHT = 1.25  # in ems
LABEL_WIDTH = 150.0  # a node's label wraps at this width (px)
EDGE_LABEL_WIDTH = 110.0
PAD_X, PAD_Y = 7.0, 5.0  # between a label and its shape
SEP = 6.0  # kept free round every box (px, Graphviz's sep)
MARGIN = 16.0
MAX_NODES = 300  # readable up to about 100
POINTS = 72.0  # Graphviz sizes boxes in inches and places them in points; the picture's unit is the point
OCTAGON_CUT = 1 - 1 / math.sqrt(2)  # of the width and of the height, as Graphviz draws it
FONT_FAMILY = "'DejaVu Sans', Verdana, system-ui, sans-serif"


@dataclass(frozen=True)
class Kind:
    name: str  # in the legend
    ancestors: tuple[str, ...]  # schema.org types it covers (with their subclasses)
    shape: str  # rect, roundrect, ellipse, hexagon or octagon
    colour: str


# First match wins: a NewsArticle is an article before it is a creative work.
KINDS = (
    Kind("article", ("Article",), "roundrect", "#1d4ed8"),
    Kind("claim review", ("Review", "Rating"), "octagon", "#b45309"),
    Kind("claim", ("Claim",), "octagon", "#dc2626"),
    Kind("comment", ("Comment",), "roundrect", "#be185d"),
    Kind("media", ("MediaObject",), "rect", "#0e7490"),
    Kind("page", ("WebPage", "WebSite"), "rect", "#4b5563"),
    Kind("person", ("Person",), "ellipse", "#ea580c"),
    Kind("organisation", ("Organization",), "rect", "#15803d"),
    Kind("place", ("Place",), "hexagon", "#7c3aed"),
    Kind("creative work", ("CreativeWork",), "roundrect", "#2563eb"),
)
OTHER = Kind("other", (), "ellipse", "#6b7280")
_GRAPHVIZ_SHAPES = {"rect": "box", "roundrect": "box", "ellipse": "ellipse", "hexagon": "hexagon", "octagon": "octagon"}
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Widths in ems, at least those of DejaVu Sans (a wide face; the usual sans-serif faces are narrower),
# so that a label measured here fits its box in the fonts a browser picks.
_NARROW = frozenset(" !'(),-./:;I[]fijlrt|`")
_WIDE = frozenset("%@MWmw")
_UPPER = frozenset("#&+<=>^~ABCDGHKNOQRUVXZ")


def text_width(text: str, size: float) -> float:
    """The width (px) of ``text`` at font size ``size``, as wide as DejaVu Sans draws it or wider."""
    ems = 0.0
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        if base in _NARROW:
            ems += 0.4
        elif base in _WIDE:
            ems += 1.0
        elif base in _UPPER:
            ems += 0.8
        elif base.isascii():
            ems += 0.64
        elif unicodedata.combining(ch):
            continue
        else:  # other scripts (CJK is a full em; the rest is narrower), symbols, dashes, quotes
            ems += 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.8
    return ems * size


@dataclass(frozen=True)
class Text:
    """A label wrapped into lines, and the size of the box its lines fill."""

    lines: tuple[str, ...]
    size: float
    width: float
    height: float


def wrap(text: str, size: float, width: float) -> Text:
    """``text`` in lines no wider than ``width`` (px), broken between words, or inside a word that is
    wider than a line; nothing is left out."""
    lines: list[str] = []
    line = ""
    for word in " ".join(text.split()).split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # a word wider than a line (an IRI): broken where it must be
            if line and text_width(line + ch, size) > width:
                lines.append(line)
                line = ""
            line += ch
    if line or not lines:
        lines.append(line)
    return Text(
        tuple(lines),
        size,
        max(text_width(x, size) for x in lines),
        len(lines) * size * LINE_HEIGHT,
    )


@dataclass(frozen=True)
class Box:
    """A node's shape round its label: its kind's shape, as wide and high as the label needs."""

    key: str
    kind: Kind
    text: Text
    width: float
    height: float
    centre: bool  # the article


def _box(key: str, kind: Kind, text: Text, centre: bool) -> Box:
    half_w, half_h = text.width / 2 + PAD_X, text.height / 2 + PAD_Y
    if kind.shape == "ellipse":  # through the corners of the label's box, with its proportions
        return Box(key, kind, text, 2 * math.sqrt(2) * half_w, 2 * math.sqrt(2) * half_h, centre)
    height = 2 * half_h
    width = 2 * half_w
    if kind.shape in ("hexagon", "octagon"):  # wide enough that the slanted sides clear the label's corners
        while not _inside(kind.shape, width, height, half_w, text.height / 2):
            width += 2.0
    return Box(key, kind, text, width, height, centre)


def _outline(shape: str, w: float, h: float) -> list[tuple[float, float]]:
    """The corners of a polygon shape of size w × h round (0, 0), as Graphviz draws it."""
    x, y = w / 2, h / 2
    if shape == "hexagon":
        return [(x, 0), (x / 2, y), (-x / 2, y), (-x, 0), (-x / 2, -y), (x / 2, -y)]
    if shape == "octagon":
        cx, cy = w * OCTAGON_CUT, h * OCTAGON_CUT
        return [
            (x, y - cy),
            (x - cx, y),
            (-x + cx, y),
            (-x, y - cy),
            (-x, -y + cy),
            (-x + cx, -y),
            (x - cx, -y),
            (x, -y + cy),
        ]
    return [(x, y), (-x, y), (-x, -y), (x, -y)]


def _inside(shape: str, w: float, h: float, px: float, py: float) -> bool:
    """Whether the point (±px, ±py) is inside the convex shape."""
    corners = _outline(shape, w, h)
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True):
        for sx in (1, -1):
            for sy in (1, -1):
                # the corners go round counter-clockwise (y down: clockwise on screen); inside is left of each side
                if (x2 - x1) * (sy * py - y1) - (y2 - y1) * (sx * px - x1) < -1e-9:
                    return False
    return True


@dataclass(frozen=True)
class Link:
    """Links by one property (or the same few) from one node to several, or from several nodes to one:
    one label, a line from each subject to the label, and an arrow from the label to each target."""

    subjects: tuple[str, ...]
    props: tuple[str, ...]
    targets: tuple[str, ...]
    text: Text


@dataclass
class Placement:
    """Where everything goes: node centres; for each link, the centre of its label, the path from its
    subject to the label and one path from the label to each target."""

    width: float
    height: float
    at: dict[str, tuple[float, float]]
    label_at: list[tuple[float, float]]
    stems: list[list[str]]  # subject → label
    branches: list[list[str]]  # label → target


def graphviz_available() -> bool:
    """Whether Graphviz's programs can be run (the ``graphviz`` package is a dependency; the programs are not)."""
    import graphviz

    try:
        graphviz.version()
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError, RuntimeError, OSError):
        return False
    return True


def graph_svg(doc: Any, *, layout: Layout = "auto") -> str:
    """An SVG picture of a JSON-LD document's nodes and links (as text, no XML declaration).

    ``layout``: ``"graphviz"`` (its programs must be installed), ``"networkx"``, or ``"auto"``
    (Graphviz when installed, else networkx).
    Raises :class:`~ldpub.errors.InputError` for a document that cannot be read as RDF offline,
    or that has more than MAX_NODES nodes (no picture of them could be read).
    """
    g = graph_of(doc)
    keys = sorted(g.nodes)
    if len(keys) > MAX_NODES:
        raise InputError(f"too many nodes to draw: {len(keys)} (at most {MAX_NODES})", Location(pointer=""))
    centre = main_node(g) or _busiest(g, keys)
    links = _links(g)
    boxes = {}
    for key in keys:
        kind = _kind(type_names(g, key))
        name = node_label(g, key, content_first=kind.name in ("claim", "claim review"), limit=None)
        size = CENTRE_FONT_SIZE if key == centre else FONT_SIZE
        boxes[key] = _box(key, kind, wrap(name, size, LABEL_WIDTH), key == centre)
    placed = None
    if layout in ("auto", "graphviz"):
        placed = _graphviz_layout(keys, boxes, links, centre, required=layout == "graphviz")
    if placed is None:
        placed = _networkx_layout(keys, boxes, links, centre)
    return _svg(g, boxes, links, centre, placed)


def _busiest(g: Graph, keys: list[str]) -> str | None:
    degree: dict[str, int] = defaultdict(int)
    for s, _, o in g.links():
        degree[s] += 1
        degree[o] += 1
    return max(keys, key=lambda k: (degree[k], k), default=None)


def _links(g: Graph) -> list[Link]:
    """The links between nodes, drawn together where they share a property and an end: an article's
    40 ``mentions`` are one label and 40 arrows, so are 7 claims' ``appearance`` in it. Each link goes
    with the larger of its two groups (from its subject, into its object). A self-link is not drawn."""
    props: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, p, o in g.links():
        if s != o:
            props[(s, o)].add(local_name(p))
    fan_out: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    fan_in: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for (s, o), names in sorted(props.items()):
        fan_out[(s, tuple(sorted(names)))].append(o)
        fan_in[(o, tuple(sorted(names)))].append(s)
    out: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    into: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for (s, o), names in sorted(props.items()):
        key = tuple(sorted(names))
        if len(fan_in[(o, key)]) > len(fan_out[(s, key)]):
            into[(o, key)].append(s)
        else:
            out[(s, key)].append(o)

    def text(names: tuple[str, ...]) -> Text:
        return wrap(", ".join(names), EDGE_FONT_SIZE, EDGE_LABEL_WIDTH)

    links = [Link((s,), names, tuple(objects), text(names)) for (s, names), objects in out.items()]
    links += [Link(tuple(subjects), names, (o,), text(names)) for (o, names), subjects in into.items()]
    return sorted(links, key=lambda link: (link.subjects, link.props, link.targets))


def _kind(types: list[str]) -> Kind:
    from ldpub.validate.vocab import vocabulary

    vocab = vocabulary()
    for kind in KINDS:
        if vocab.any_is_a(tuple(types), kind.ancestors):
            return kind
    return OTHER


# --------------------------------------------------------------------------- Graphviz


def _graphviz_layout(
    keys: list[str], boxes: dict[str, Box], links: list[Link], centre: str | None, *, required: bool
) -> Placement | None:
    """neato's layout: the nodes and the link labels as boxes no two of which overlap, links as splines
    round them. None when Graphviz cannot be run (an error when ``required``)."""
    import graphviz

    dot = graphviz.Digraph(
        engine="neato",
        graph_attr={
            "overlap": "prism",
            "sep": f"+{SEP:g}",
            "esep": f"+{SEP / 2:g}",
            "splines": "false",
            "start": "7",
        },
        node_attr={"label": "", "fixedsize": "true", "margin": "0"},
        edge_attr={"arrowhead": "none", "len": "1.2"},
    )
    index = {key: f"n{i}" for i, key in enumerate(keys)}
    for key in keys:
        box = boxes[key]
        attrs = {"shape": _GRAPHVIZ_SHAPES[box.kind.shape], "width": _inches(box.width), "height": _inches(box.height)}
        dot.node(index[key], **attrs)
    for i, link in enumerate(links):
        dot.node(f"e{i}", shape="box", width=_inches(link.text.width + 4), height=_inches(link.text.height + 2))
        for s in link.subjects:
            dot.edge(index[s], f"e{i}")
        for o in link.targets:
            dot.edge(f"e{i}", index[o], arrowhead="normal")
    try:
        out = json.loads(dot.pipe(format="json"))
    except graphviz.ExecutableNotFound:
        if required:
            raise InputError("Graphviz is not installed: no `neato` program on the PATH", Location()) from None
        return None
    except graphviz.CalledProcessError as exc:
        if required:
            raise InputError(f"Graphviz could not lay the picture out: {exc.stderr!r}", Location()) from None
        return None
    x0, y0, x1, y1 = (float(v) for v in out["bb"].split(","))
    left, top = MARGIN - x0, MARGIN + y1  # Graphviz's y goes up; the picture's down

    def point(text: str) -> tuple[float, float]:
        x, y = text.split(",")
        return left + float(x), top - float(y)

    names = {obj["_gvid"]: obj["name"] for obj in out.get("objects", [])}
    where = {obj["name"]: point(obj["pos"]) for obj in out.get("objects", [])}
    paths: dict[tuple[str, str], str] = {}
    for edge in out.get("edges", []):
        paths[(names[edge["tail"]], names[edge["head"]])] = _spline(edge["pos"], point)
    return Placement(
        x1 - x0 + 2 * MARGIN,
        y1 - y0 + 2 * MARGIN,
        {key: where[index[key]] for key in keys},
        [where[f"e{i}"] for i in range(len(links))],
        [[paths[(index[s], f"e{i}")] for s in link.subjects] for i, link in enumerate(links)],
        [[paths[(f"e{i}", index[o])] for o in link.targets] for i, link in enumerate(links)],
    )


def _inches(px: float) -> str:
    return f"{px / POINTS:.4f}"


def _spline(pos: str, point: Any) -> str:
    """An edge's ``pos`` (``[e,x,y] x,y x,y …``: a B-spline's control points, then where its arrow
    ends) as an SVG path."""
    end = None
    controls = []
    for part in pos.split():
        if part.startswith("e,"):
            end = point(part[2:])
        elif part.startswith("s,"):
            continue
        else:
            controls.append(point(part))
    d = f"M{controls[0][0]:.1f},{controls[0][1]:.1f}"
    for i in range(1, len(controls) - 2, 3):
        d += "C" + " ".join(f"{x:.1f},{y:.1f}" for x, y in controls[i : i + 3])
    if end is not None:
        d += f"L{end[0]:.1f},{end[1]:.1f}"
    return d


# --------------------------------------------------------------------------- networkx (no Graphviz)


def _networkx_layout(keys: list[str], boxes: dict[str, Box], links: list[Link], centre: str | None) -> Placement:
    """networkx's force-directed layout started from rings round the article, scaled to the boxes'
    area, then the boxes pushed apart; each link a straight line, its label in the middle."""
    import networkx as nx
    import numpy as np

    graph = nx.Graph()
    graph.add_nodes_from(keys)
    graph.add_edges_from((s, o) for link in links for s in link.subjects for o in link.targets)
    sizes = np.array([[boxes[k].width + 2 * SEP, boxes[k].height + 2 * SEP] for k in keys]).reshape(-1, 2)
    side = math.sqrt(float((sizes[:, 0] * sizes[:, 1]).sum()) * 3.0) if keys else 0.0
    if len(keys) > 1:
        start = nx.shell_layout(graph, nlist=_shells(graph, keys, centre))
        pos = nx.spring_layout(graph, pos=start, iterations=100, seed=7, k=3 / math.sqrt(len(keys)))
        xy = np.array([pos[k] for k in keys], dtype=float)
        xy = (xy - xy.min(axis=0)) / np.maximum(np.ptp(xy, axis=0), 1e-9) * side
    else:
        xy = np.zeros((len(keys), 2))
    xy = _push_apart(xy, sizes)
    lo = (xy - sizes / 2).min(axis=0) if keys else np.zeros(2)
    hi = (xy + sizes / 2).max(axis=0) if keys else np.zeros(2)
    xy = xy - lo + MARGIN
    at = {k: (float(x), float(y)) for k, (x, y) in zip(keys, xy, strict=True)}
    label_at, stems, branches = [], [], []
    for link in links:
        (x1, y1), (x2, y2) = _mean(at, link.subjects), _mean(at, link.targets)
        t = 0.6 if len(link.subjects) > 1 else 0.4  # nearer the one end: the group fans out from there
        lx, ly = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        label_at.append((lx, ly))
        stems.append([f"M{at[s][0]:.1f},{at[s][1]:.1f}L{lx:.1f},{ly:.1f}" for s in link.subjects])
        ends = []
        for o in link.targets:
            x2, y2 = at[o]
            ex, ey = _edge_end(boxes[o], lx - x2, ly - y2)
            ends.append(f"M{lx:.1f},{ly:.1f}L{x2 + ex:.1f},{y2 + ey:.1f}")
        branches.append(ends)
    width, height = (hi - lo + 2 * MARGIN) if keys else (2 * MARGIN, 2 * MARGIN)
    return Placement(float(width), float(height), at, label_at, stems, branches)


def _mean(at: dict[str, tuple[float, float]], keys: Sequence[str]) -> tuple[float, float]:
    return sum(at[k][0] for k in keys) / len(keys), sum(at[k][1] for k in keys) / len(keys)


def _shells(graph: Any, keys: list[str], centre: str | None) -> list[list[str]]:
    """Rings by distance to the article; what is not linked to it on the outer ring."""
    import networkx as nx

    if centre is None:
        return [keys]
    distance = nx.single_source_shortest_path_length(graph, centre)
    rings: dict[int, list[str]] = defaultdict(list)
    for key in keys:
        rings[distance.get(key, len(keys))].append(key)
    return [rings[d] for d in sorted(rings)]


def _push_apart(xy: Any, sizes: Any, rounds: int = 500) -> Any:
    """Move overlapping boxes apart along the axis where they overlap least, until none do."""
    import numpy as np

    n = len(xy)
    rng = np.random.default_rng(7)
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        need = (sizes[:, None, :] + sizes[None, :, :]) / 2
        overlap = need - np.abs(delta)
        hit = (overlap > 0).all(axis=2)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        same = (np.abs(delta) < 1e-6).all(axis=2) & hit
        if same.any():
            delta[same] = rng.normal(size=(int(same.sum()), 2))
        axis = np.argmin(overlap / np.maximum(need, 1e-9), axis=2)  # the cheaper way out
        move = np.zeros_like(xy)
        for a in (0, 1):
            push = np.where(hit & (axis == a), overlap[:, :, a] / 2 + 0.5, 0.0) * np.sign(delta[:, :, a] + 1e-12)
            move[:, a] = push.sum(axis=1) / np.maximum(1, hit.sum(axis=1))
        xy = xy + move * (1 + 1 / max(n, 1))
    return xy


def _edge_end(box: Box, dx: float, dy: float) -> tuple[float, float]:
    """Where a line from the box's centre towards (dx, dy) leaves the box's bounding ellipse/rectangle."""
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    hw, hh = box.width / 2, box.height / 2
    if box.kind.shape == "ellipse":
        t = 1 / math.sqrt((ux / hw) ** 2 + (uy / hh) ** 2)
    else:
        t = min(hw / abs(ux) if ux else math.inf, hh / abs(uy) if uy else math.inf)
    return ux * t, uy * t


# --------------------------------------------------------------------------- drawing


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


def _tint(colour: str, amount: float = 0.9) -> str:
    """``colour`` mixed with white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def _shape(parent: Any, kind: Kind, width: float, height: float, *, bold: bool = False) -> None:
    common: dict[str, Any] = {"fill": _tint(kind.colour), "stroke": kind.colour, "stroke_width": 2.5 if bold else 1.5}
    w, h = width, height
    if kind.shape == "ellipse":
        _el(parent, "ellipse", rx=f"{w / 2:.1f}", ry=f"{h / 2:.1f}", **common)
    elif kind.shape in ("rect", "roundrect"):
        rounded = {"rx": f"{min(h / 2, 8):.1f}"} if kind.shape == "roundrect" else {}
        _el(
            parent,
            "rect",
            x=f"{-w / 2:.1f}",
            y=f"{-h / 2:.1f}",
            width=f"{w:.1f}",
            height=f"{h:.1f}",
            **rounded,
            **common,
        )
    else:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in _outline(kind.shape, w, h))
        _el(parent, "polygon", points=points, **common)


def _lines(parent: Any, text: Text, **attrs: Any) -> Any:
    """A text element of ``text``'s lines, centred on (0, 0) of its parent, one tspan a line."""
    el = _el(parent, "text", font_size=f"{text.size:g}", text_anchor="middle", **attrs)
    first = -text.height / 2 + text.size * (LINE_HEIGHT - 0.5) + text.size * 0.2  # the first baseline
    for i, line in enumerate(text.lines):
        span = _el(el, "tspan", line, x="0", y=f"{first + i * text.size * LINE_HEIGHT:.1f}")
        span.tail = None
    return el


def _svg(
    g: Graph,
    boxes: dict[str, Box],
    links: list[Link],
    centre: str | None,
    placed: Placement,
) -> str:
    used = [k for k in (*KINDS, OTHER) if any(b.kind is k for b in boxes.values())]
    legend_height = 24.0 if used else 0.0
    width = max(placed.width, _legend_width(used) + 2 * MARGIN)
    height = placed.height + legend_height
    title = node_label(g, centre) if centre else "structured data"
    root = etree.Element(
        f"{{{SVG_NS}}}svg",
        {
            "width": f"{width:.0f}",
            "height": f"{height:.0f}",
            "viewBox": f"0 0 {width:.0f} {height:.0f}",
            "role": "img",
            "font-family": FONT_FAMILY,
        },
        nsmap={None: SVG_NS},
    )
    _el(root, "title", f"Structured data: {_text(title)}")
    count = sum(len(link.targets) for link in links)
    _el(root, "desc", f"{len(boxes)} nodes and {count} links; the article outlined in bold.")
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
        markerUnits="userSpaceOnUse",
        orient="auto",
    )
    _el(marker, "path", d="M0,0 L10,5 L0,10 z", fill="#6b7280")
    _el(root, "rect", width=f"{width:.0f}", height=f"{height:.0f}", fill="#ffffff")
    _legend(root, used)
    drawing = _el(root, "g", class_="drawing", transform=f"translate(0,{legend_height:g})")
    edges = _el(drawing, "g", class_="edges")
    line: dict[str, Any] = {"fill": "none", "stroke": "#6b7280", "stroke_width": 1.2}
    for i, link in enumerate(links):
        props = ", ".join(link.props)
        edge = _el(edges, "g", class_="edge", data_property=" ".join(link.props))
        subjects = "; ".join(node_label(g, s) for s in link.subjects)
        targets = "; ".join(node_label(g, o) for o in link.targets)
        _el(edge, "title", f"{subjects} → {props} → {targets}")
        for s, d in zip(link.subjects, placed.stems[i], strict=True):
            _el(edge, "path", d=d, data_from=s, **line)
        for o, d in zip(link.targets, placed.branches[i], strict=True):
            _el(edge, "path", d=d, data_to=o, marker_end="url(#ldpub-arrow)", **line)
        x, y = placed.label_at[i]
        label = _el(edge, "g", class_="edge-label", transform=f"translate({x:.1f},{y:.1f})")
        _lines(label, link.text, fill="#374151", stroke="#ffffff", stroke_width=3, paint_order="stroke")
    nodes = _el(drawing, "g", class_="nodes")
    for key in sorted(boxes, key=lambda k: k == centre):  # the article drawn last, on top
        box = boxes[key]
        types = type_names(g, key)
        x, y = placed.at[key]
        node = _el(
            nodes,
            "g",
            class_="node",
            transform=f"translate({x:.1f},{y:.1f})",
            data_kind=box.kind.name,
            data_type=" ".join(types),
            data_id=key,
            data_width=f"{box.width:.1f}",
            data_height=f"{box.height:.1f}",
        )
        _el(
            node,
            "title",
            f"{', '.join(types) or 'node'}: {node_label(g, key, limit=None)}\n{'' if g.is_blank(key) else key}".strip(),
        )
        _shape(node, box.kind, box.width, box.height, bold=box.centre)
        _lines(node, box.text, fill="#111827", font_weight="bold" if box.centre else "normal")
    svg: str = etree.tostring(root, encoding="unicode")
    return svg + "\n"


def picture_of(data: bytes | str, name: str, *, layout: Layout = "auto") -> str:
    """The picture of a record, a JSON-LD document or a page (told by ``name``, else by content):
    what ``ldpub graph`` and ``POST /graph`` draw."""
    from ldpub.diff import load_structured_data

    return graph_svg(load_structured_data(data, source=name), layout=layout)


_LEGEND_SIZE = 10.5


def _legend_width(used: Sequence[Kind]) -> float:
    return sum(28 + text_width(k.name, _LEGEND_SIZE) + 14 for k in used)


def _legend(root: Any, used: Iterable[Kind]) -> None:
    legend = _el(root, "g", class_="legend", transform=f"translate({MARGIN:g},14)", font_size=f"{_LEGEND_SIZE:g}")
    x = 0.0
    for kind in used:
        item = _el(legend, "g", transform=f"translate({x:.1f},0)")
        _shape(_el(item, "g", transform="translate(10,0)"), kind, 20, 12)
        _el(item, "text", kind.name, x=24, y=4, fill="#111827")
        x += 28 + text_width(kind.name, _LEGEND_SIZE) + 14
