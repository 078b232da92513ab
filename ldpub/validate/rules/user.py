"""A user's own rules, from a profile file: a JSON Schema (``.json``) or SHACL shapes (``.ttl``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from ldpub.errors import LdpubError
from ldpub.validate.findings import Problem, Severity
from ldpub.validate.index import PageIndex
from ldpub.validate.rules.registry import USER, Rule, register


@register
class JsonSchemaRule(Rule):
    """user profile (JSON Schema): the document fails the schema

    The schema is compiled once (jsonschema-rs) and run on each document as written."""

    code = "PR001"
    severity = "error"
    profile = USER

    def __init__(self, path: Path, schema: Any) -> None:
        import jsonschema_rs

        self.name = str(path)
        try:
            self.validator = jsonschema_rs.validator_for(schema)
        except Exception as exc:  # jsonschema-rs raises ValidationError/ValueError for a bad schema
            raise LdpubError(f"{path}: not a usable JSON Schema: {exc}") from None

    def check_page(self, index: PageIndex, data: list[Any]) -> Iterator[Problem]:
        from ldpub.errors import pointer

        for i, doc in enumerate(data):
            if doc is None or self.validator.is_valid(doc):
                continue
            for error in self.validator.iter_errors(doc):
                yield Problem(self.code, f"{self.name}: {error.message}", pointer(error.instance_path), doc=i)


@register
class ShaclRule(Rule):
    """user profile (SHACL): a validation result (severity from sh:resultSeverity)

    pySHACL runs the shapes on the RDF of the page's documents."""

    code = "PR002"
    severity = "error"
    profile = USER
    _SEVERITY: ClassVar[dict[str, Severity]] = {"Violation": "error", "Warning": "warning", "Info": "info"}

    def __init__(self, path: Path, text: str) -> None:
        import rdflib

        self.name = str(path)
        try:
            self.shapes = rdflib.Graph().parse(data=text, format="turtle")
        except Exception as exc:  # rdflib raises many parser exception types
            raise LdpubError(f"{path}: not SHACL shapes in Turtle: {exc}") from None

    def check_page(self, index: PageIndex, data: list[Any]) -> Iterator[Problem]:
        import pyshacl
        import rdflib

        conforms, results, _ = pyshacl.validate(_page_graph(data), shacl_graph=self.shapes, advanced=True)
        if conforms:
            return
        assert isinstance(results, rdflib.Graph)
        for result in results.subjects(rdflib.RDF.type, rdflib.namespace.SH.ValidationResult):
            yield self._problem(results, result, index)

    def _problem(self, results: Any, result: Any, index: PageIndex) -> Problem:
        import rdflib
        from rdflib.namespace import SH

        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        level = self._SEVERITY.get(str(severity).rsplit("#", 1)[-1], "error")
        infos = index.by_id.get(str(focus), []) if isinstance(focus, rdflib.URIRef) else []
        info = infos[0] if infos else None
        prop = str(path).rsplit("/", 1)[-1] if path is not None else None
        pointer = info.pointer if info is not None else None
        if pointer is not None and prop and info is not None and isinstance(info.node, dict) and prop in info.node:
            pointer = f"{pointer}/{prop}"
        text = f"{self.name}: {message or 'shape not satisfied'}" + (f" ({prop})" if prop else "")
        node_id = str(focus) if isinstance(focus, rdflib.URIRef) else None
        label = "/".join(info.types) if info is not None and info.types else None
        return Problem(self.code, text, pointer, node_id, label, info.doc if info is not None else 0, level)


def _page_graph(data: list[Any]) -> Any:
    """The RDF of a page's documents in one rdflib graph (documents that are not RDF left out)."""
    import rdflib

    from ldpub.rdf import jsonld_to_nquads

    graph = rdflib.Graph()
    for doc in data:
        if doc is None:
            continue
        try:
            graph.parse(data=jsonld_to_nquads(doc), format="nt")
        except (LdpubError, RecursionError):
            continue  # the JSON-LD checks report it
    return graph
