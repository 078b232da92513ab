"""Paywall markup checked against the page it describes.

An article behind a paywall says so with ``isAccessibleForFree: false`` and names its paywalled
parts in ``hasPart``: ``WebPageElement`` nodes (``isAccessibleForFree: false``) whose
``cssSelector`` picks them out of the page, as Google asks of paywalled content. A selector that
matches nothing on the page (a renamed class, a template that lost its wrapper) points Google at
no content, and the paywalled text reads as cloaking. :func:`paywall_problems` finds that, an
article marked not free with no such part, and paywalled parts nested in one another (which
Google asks not to do). Selectors are read by cssselect and matched by lxml on the page parsed
safely (:func:`ldpub.read.safe_html.parse_html`: no network, no entities).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ldpub.errors import pointer as make_pointer

NOT_FREE = (False, "false", "False", "FALSE")


@dataclass(frozen=True, slots=True)
class PaywallProblem:
    """One problem of one document's paywall markup: its code, message and where in the document."""

    code: str  # PG001 a selector matching nothing (or no selector), PG002 not free, no part; PG003 nested
    message: str
    document: int  # index of the document (a page's JSON-LD block) it is in
    pointer: str  # JSON Pointer into that document
    node_id: str | None = None
    node_type: str | None = None


def mentions_paywall(data: Any) -> bool:
    """A cheap look: does a parsed document say anything about free access at all?"""
    if isinstance(data, dict):
        return "isAccessibleForFree" in data or any(mentions_paywall(v) for v in data.values())
    if isinstance(data, list):
        return any(mentions_paywall(v) for v in data)
    return False


def paywall_problems(documents: Sequence[Any], page: Any | None) -> list[PaywallProblem]:
    """The problems of the paywall markup in ``documents`` (parsed JSON-LD: a page's blocks, or a
    graph to embed), each selector matched against ``page`` (an lxml tree; None: not matched)."""
    nodes = [(i, ptr, node) for i, doc in enumerate(documents) for ptr, node in _nodes(doc, "")]
    by_id = {
        str(node["@id"]): (i, ptr, node) for i, ptr, node in nodes if isinstance(node.get("@id"), str) and len(node) > 1
    }
    problems: list[PaywallProblem] = []
    for index, where, node in nodes:
        if _first(node.get("isAccessibleForFree")) not in NOT_FREE or _is_part(node):
            continue
        node_id = node.get("@id") if isinstance(node.get("@id"), str) else None
        label = "/".join(t for t in _list(node.get("@type")) if isinstance(t, str)) or None
        parts = list(_parts(node, index, where, by_id))
        selectors = [(at, ptr, css) for at, part_ptr, part in parts for ptr, css in _selectors(part, part_ptr)]
        if not selectors:
            problems.append(
                PaywallProblem(
                    "PG002",
                    "marked not free (isAccessibleForFree false) but names no paywalled part: add hasPart, a "
                    "WebPageElement with isAccessibleForFree false and the cssSelector of the paywalled section",
                    index,
                    where,
                    node_id,
                    label,
                )
            )
            continue
        if page is None:
            continue
        matched: list[tuple[int, str, str, list[Any]]] = []
        for at, ptr, css in selectors:
            found = _select(page, css)
            if isinstance(found, str):
                problems.append(PaywallProblem("PG001", found, at, ptr, node_id, label))
            elif not found:
                message = f"the paywalled part's cssSelector {css!r} matches no element of the page"
                problems.append(PaywallProblem("PG001", message, at, ptr, node_id, label))
            else:
                matched.append((at, ptr, css, found))
        problems += _nested(matched, node_id, label)
    return problems


def _nested(
    matched: list[tuple[int, str, str, list[Any]]], node_id: str | None, label: str | None
) -> Iterator[PaywallProblem]:
    """Paywalled sections inside other paywalled sections (Google: do not nest them)."""
    for at, ptr, css, elements in matched:
        for _, _, other_css, others in matched:
            outer = {id(e) for e in others}
            inside = [e for e in elements if any(id(a) in outer for a in e.iterancestors())]
            if inside:
                message = (
                    f"the paywalled part {css!r} lies inside the paywalled part {other_css!r}: "
                    "Google asks not to nest paywalled sections"
                )
                yield PaywallProblem("PG003", message, at, ptr, node_id, label)
                break


def _select(page: Any, css: str) -> list[Any] | str:
    """The elements ``css`` selects on ``page``, or why it cannot be read as a selector."""
    from cssselect import HTMLTranslator, SelectorError

    try:
        xpath = HTMLTranslator().css_to_xpath(css)
    except SelectorError as exc:
        return f"the paywalled part's cssSelector {css!r} is not a CSS selector ({exc})"
    found: list[Any] = page.xpath(xpath)
    return found


def _nodes(data: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every node of a JSON-LD document with its JSON Pointer (nested nodes too)."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield from _nodes(item, f"{where}/{i}")
    elif isinstance(data, dict):
        if "@value" in data:
            return
        yield where, data
        for key, value in data.items():
            if isinstance(value, dict | list) and key != "@context":
                yield from _nodes(value, where + make_pointer([key]))


def _parts(
    node: Mapping[str, Any], index: int, where: str, by_id: Mapping[str, tuple[int, str, dict[str, Any]]]
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """The article's ``hasPart`` nodes that are paywalled (references followed to the node that
    describes the part): (its document, its pointer, the node)."""
    values = node.get("hasPart")
    for i, value in enumerate(_list(values)):
        at, ptr = index, f"{where}/hasPart" + (f"/{i}" if isinstance(values, list) else "")
        ref = value if isinstance(value, str) else value.get("@id") if isinstance(value, dict) else None
        if isinstance(ref, str) and ref in by_id and (isinstance(value, str) or set(value) == {"@id"}):
            at, ptr, value = by_id[ref]
        if isinstance(value, dict) and _first(value.get("isAccessibleForFree")) in NOT_FREE:
            yield at, ptr, value


def _selectors(part: Mapping[str, Any], where: str) -> Iterator[tuple[str, str]]:
    values = part.get("cssSelector")
    for i, value in enumerate(_list(values)):
        if isinstance(value, dict):
            value = value.get("@value")
        if isinstance(value, str) and value.strip():
            yield f"{where}/cssSelector" + (f"/{i}" if isinstance(values, list) else ""), value.strip()


def _is_part(node: Mapping[str, Any]) -> bool:
    """A paywalled section itself (a WebPageElement), not an article."""
    return "WebPageElement" in _list(node.get("@type")) or "cssSelector" in node


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value
