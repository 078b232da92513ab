"""The structured data a page already carries: JSON-LD, microdata, RDFa, OpenGraph and meta tags.

Everything is read into one simple shape, a :data:`Node`: a dict from schema.org local names
(``headline``, ``author``…) to lists of values (strings or nested nodes), with ``@type`` (local
names) and ``@id``. JSON-LD keys are resolved against the vendored schema.org context
(:func:`ldpub.context.expand_iri`), so ``headline``, ``schema:headline`` and
``https://schema.org/headline`` read the same; a block whose ``@context`` is anything but
schema.org is skipped with a warning, never fetched. Microdata goes through extruct, schema.org RDFa
through pyRdfa3 (:mod:`ldpub.read.html_rdfa`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from extruct.w3cmicrodata import MicrodataExtractor

from ldpub.context import SCHEMA, expand_iri, is_schema_context
from ldpub.limits import LimitError, MalformedJSON, parse_json
from ldpub.read.html_rdfa import rdfa_nodes

Node = dict[str, list[Any]]

_SCHEMA_PREFIXES = (
    SCHEMA,
    "https://schema.org/",
    "http://www.schema.org/",
    "https://www.schema.org/",
)
_MAX_DEPTH = 12  # JSON-LD nesting deeper than this is not article metadata


@dataclass(slots=True)
class Evidence:
    """What a page says about itself, before any choice between sources is made."""

    nodes: list[Node] = field(default_factory=list)  # JSON-LD first, then microdata, then RDFa
    jsonld_count: int = 0  # nodes[:jsonld_count] came from JSON-LD
    rdfa_start: int = 0  # nodes[jsonld_count:rdfa_start] from microdata, nodes[rdfa_start:] from RDFa
    meta: dict[str, list[str]] = field(default_factory=dict)  # name/property → contents
    links: dict[str, list[str]] = field(default_factory=dict)  # rel → hrefs
    warnings: list[str] = field(default_factory=list)

    def first_meta(self, *names: str) -> str | None:
        """The first non-empty content among meta tags named ``names`` (in that order)."""
        for name in names:
            for value in self.meta.get(name.lower(), []):
                if value.strip():
                    return value.strip()
        return None

    def syntax(self, node: Node) -> str:
        """Where a top-level node came from: ``JSON-LD``, ``microdata`` or ``RDFa``."""
        index = next((i for i, n in enumerate(self.nodes) if n is node), 0)
        return "JSON-LD" if index < self.jsonld_count else "microdata" if index < self.rdfa_start else "RDFa"

    def all_meta(self, *names: str) -> list[str]:
        return [v.strip() for n in names for v in self.meta.get(n.lower(), []) if v.strip()]


def read_evidence(tree: lxml.html.HtmlElement, *, base_url: str | None = None) -> Evidence:
    """Collect JSON-LD, microdata, schema.org RDFa, meta tags and ``<link rel>`` targets from a parsed page."""
    evidence = Evidence()
    for index, script in enumerate(tree.xpath("//script[@type]")):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind in ("application/ld+json", "application/json+ld"):
            evidence.nodes.extend(_jsonld_nodes(script.text or "", index, evidence.warnings))
    evidence.jsonld_count = len(evidence.nodes)
    evidence.nodes.extend(_microdata_nodes(tree, base_url, evidence.warnings))
    evidence.rdfa_start = len(evidence.nodes)
    evidence.nodes.extend(rdfa_nodes(tree, base_url, evidence.warnings))
    for meta in tree.xpath("//meta[@content]"):
        name = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if name:
            evidence.meta.setdefault(name.strip().lower(), []).append(meta.get("content") or "")
    for link in tree.xpath("//link[@rel and @href]"):
        for rel in (link.get("rel") or "").lower().split():
            evidence.links.setdefault(rel, []).append((link.get("href") or "").strip())
    return evidence


def article_nodes(nodes: list[Node]) -> list[Node]:
    """Nodes typed as an article (NewsArticle, BlogPosting, Report…), those with a body first."""
    found = [n for n in nodes if any(is_article_type(t) for t in n.get("@type", []))]
    return sorted(found, key=lambda n: "articleBody" not in n)


def is_article_type(name: object) -> bool:
    """A schema.org type (local name) of an article: NewsArticle, BlogPosting, Report…"""
    return isinstance(name, str) and (
        name.endswith("Article") or name in ("BlogPosting", "Report", "LiveBlogPosting", "DiscussionForumPosting")
    )


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Every node and nested node, depth first."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        for values in node.values():
            stack.extend(reversed([v for v in values if isinstance(v, dict)]))


# --- JSON-LD ------------------------------------------------------------------------------


_CONTROLS_AS_SPACES = dict.fromkeys(range(32), " ")


def _jsonld_nodes(text: str, index: int, warnings: list[str]) -> list[Node]:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    if not text:
        return []
    try:  # raw control characters (newlines) inside strings, which pages have, read as spaces
        data = parse_json(text.translate(_CONTROLS_AS_SPACES))
    except LimitError as exc:
        warnings.append(f"JSON-LD block {index + 1}: {exc.message}; ignored")
        return []
    except MalformedJSON as exc:
        warnings.append(f"JSON-LD block {index + 1} is not valid JSON ({exc.reason}); ignored")
        return []
    nodes: list[Node] = []
    for item in data if isinstance(data, list) else [data]:
        if not isinstance(item, dict):
            continue
        context = item.get("@context")
        if context is not None and not _schema_context(context):
            warnings.append(
                f"JSON-LD block {index + 1} uses a @context other than schema.org "
                f"({_short(context)}); not fetched, block ignored"
            )
            continue
        graph = item.get("@graph")
        for node in graph if isinstance(graph, list) else [item]:
            if isinstance(node, dict):
                nodes.append(_jsonld_node(node, 0))
    return nodes


def _schema_context(context: object) -> bool:
    """A context ldpub can read offline: schema.org's URL, or inline maps only adding terms."""
    if isinstance(context, str):
        return is_schema_context(context)
    if isinstance(context, dict):
        vocab = context.get("@vocab")
        # "http://schema.org" without the slash is a common slip; it means the same here.
        return vocab is None or (isinstance(vocab, str) and (vocab.rstrip("/") + "/").startswith(_SCHEMA_PREFIXES))
    if isinstance(context, list):
        return all(_schema_context(c) for c in context) and any(
            isinstance(c, str) or (isinstance(c, dict) and "@vocab" in c) for c in context
        )
    return False


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _local(iri: str) -> str | None:
    full = expand_iri(iri, vocab=True)
    for prefix in _SCHEMA_PREFIXES:
        if full.startswith(prefix):
            return full[len(prefix) :]
    return None


def _jsonld_node(data: dict[str, Any], depth: int) -> Node:
    node: Node = {}
    for key, value in data.items():
        if key == "@context":
            continue
        if key == "@id":
            if isinstance(value, str):
                node["@id"] = [value]
            continue
        values = value if isinstance(value, list) else [value]
        if key == "@type":
            node["@type"] = [name for v in values if isinstance(v, str) if (name := _local(v))]
            continue
        name = _local(key) if not key.startswith("@") else None
        if name:
            converted = [_jsonld_value(v, depth) for v in values]
            node.setdefault(name, []).extend(v for v in converted if v is not None)
    return node


def _jsonld_value(value: Any, depth: int) -> Any:
    if isinstance(value, dict):
        if "@value" in value:
            return value["@value"]
        if depth >= _MAX_DEPTH:
            return None
        if set(value) == {"@id"} and isinstance(value["@id"], str):
            return value["@id"]
        return _jsonld_node(value, depth + 1)
    if isinstance(value, str | int | float):  # booleans too: isAccessibleForFree
        return value
    return None


# --- microdata ----------------------------------------------------------------------------


def _microdata_nodes(tree: lxml.html.HtmlElement, base_url: str | None, warnings: list[str]) -> list[Node]:
    if not tree.xpath("//*[@itemscope]"):
        return []
    try:
        items = MicrodataExtractor().extract_items(tree, base_url or "")
        return [_microdata_node(item) for item in items if isinstance(item, dict)]
    except Exception as exc:  # extruct on malformed markup: the rest of the page still counts
        warnings.append(f"microdata could not be read ({exc}); ignored")
        return []


def _microdata_node(item: dict[str, Any]) -> Node:
    types = item.get("type") or []
    node: Node = {"@type": [n for t in _as_list(types) if (n := _local(str(t)))]}
    if isinstance(item.get("id"), str):
        node["@id"] = [item["id"]]
    for key, value in (item.get("properties") or {}).items():
        name = _local(key)
        if not name:
            continue
        for v in _as_list(value):
            if isinstance(v, dict):
                node.setdefault(name, []).append(_microdata_node(v))
            elif isinstance(v, str) and v.strip():
                node.setdefault(name, []).append(v.strip())
    return node


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of white space to one space."""
    return _SPACE.sub(" ", text).strip()
