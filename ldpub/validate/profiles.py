"""Profiles: rules on top of the vocabulary, selectable by name or given as a file.

Built in: ``google-article`` and ``google-claimreview`` (what Google's structured-data
guidelines require → error, recommend → warning) and ``ldpub`` (house rules). A user's own
profile is a JSON Schema (run by jsonschema-rs on each document) or SHACL shapes in Turtle
(run by pySHACL on the page's RDF).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import orjson

from ldpub.errors import LdpubError, UsageError
from ldpub.validate.checks import NodeInfo, PageIndex
from ldpub.validate.ranges import is_schema_date
from ldpub.validate.report import Severity
from ldpub.validate.vocab import Vocabulary, vocabulary

# (document index, code, message, pointer, node id, node type, severity or None for the code's own)
ProfileFinding = tuple[int, str, str, str | None, str | None, str | None, Severity | None]

BUILTIN = ("google-article", "google-claimreview", "ldpub")
_ARTICLE = ("Article",)
_CLAIM_REVIEW = ("ClaimReview",)

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")  # reduced precision too ("2017-08"): ISO 8601, no time
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_ISO_DATETIME_TZ = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")


class Profile:
    """A set of rules run over one page's documents and their node index."""

    name = "profile"

    def check(self, index: PageIndex, data: list[Any]) -> Iterator[ProfileFinding]:
        raise NotImplementedError


def _values(node: dict[str, Any], key: str) -> list[Any]:
    value = node.get(key)
    if value is None or value == "" or value == []:
        return []
    return value if isinstance(value, list) else [value]


def _key(pointer: str | None, key: str) -> str | None:
    return None if pointer is None else f"{pointer}/{key}"


class GoogleArticle(Profile):
    """Google's Article structured data: every property is recommended, none required."""

    name = "google-article"
    RECOMMENDED = ("author", "datePublished", "dateModified", "headline", "image")

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.articles = vocab.descendants("Article")

    def check(self, index: PageIndex, data: list[Any]) -> Iterator[ProfileFinding]:
        articles = self.articles
        for info in index.nodes:
            if articles.isdisjoint(info.types):
                continue
            node, where, label = info.node, info.pointer, "/".join(info.types)
            node_id = node.get("@id") if isinstance(node.get("@id"), str) else None
            for key in self.RECOMMENDED:
                value = node.get(key)
                if value is None or value == "" or value == []:
                    yield (
                        info.doc,
                        "GA001",
                        f"{label} has no {key} (Google recommends it)",
                        where,
                        node_id,
                        label,
                        None,
                    )
            authors = node.get("author")
            for i, author in enumerate(authors if type(authors) is list else () if authors is None else (authors,)):
                target = index.resolve(author)
                if target is None:
                    if isinstance(author, str):
                        at = _key(where, f"author/{i}" if type(authors) is list else "author")
                        message = "author given as text: Google recommends a Person or Organization with name and url"
                        yield (info.doc, "GA002", message, at, node_id, label, None)
                    continue  # else a reference out of the page: LD014 says so
                target_node = target.node
                if target_node.get("name") and target_node.get("url"):
                    continue
                missing = [k for k in ("name", "url") if not _values(target_node, k)]
                at = _key(where, f"author/{i}" if type(authors) is list else "author")
                message = f"author has no {' or '.join(missing)} (Google recommends both)"
                yield (info.doc, "GA002", message, at, node_id, label, None)
            for key in ("datePublished", "dateModified"):
                value = node.get(key)
                if type(value) is str and _ISO_DATETIME_TZ.match(value):
                    continue  # the common case
                for value in _values(node, key):
                    typed = isinstance(value, dict)  # a typed literal: the vocabulary check leaves it be
                    if typed:
                        value = value.get("@value")
                    if not isinstance(value, str) or _ISO_DATETIME_TZ.match(value):
                        continue
                    if not typed and not is_schema_date(value):
                        continue  # not a date at all: LD023 says so, once
                    at = _key(where, key)
                    if _ISO_DATE.match(value) or _ISO_DATETIME.match(value):
                        message = f"{key} {value!r} has no time with a time zone, e.g. 2024-05-01T09:30:00+02:00"
                        yield (info.doc, "GA004", message, at, node_id, label, None)
                    else:
                        message = f"{key} {value!r} is not ISO 8601, e.g. 2024-05-01T09:30:00+02:00"
                        yield (info.doc, "GA003", message, at, node_id, label, None)


class GoogleClaimReview(Profile):
    """Google's ClaimReview (fact-check) structured data."""

    name = "google-claimreview"

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.reviews = vocab.descendants("ClaimReview")

    def check(self, index: PageIndex, data: list[Any]) -> Iterator[ProfileFinding]:
        reviews = self.reviews
        for info in index.nodes:
            if not reviews.isdisjoint(info.types):
                yield from self._review(info, index)

    def _review(self, info: NodeInfo, index: PageIndex) -> Iterator[ProfileFinding]:
        is_a = self.vocab.is_a
        node, where, label = info.node, info.pointer, "/".join(info.types)
        node_id = node.get("@id") if isinstance(node.get("@id"), str) else None

        def required(message: str, at: str | None = where) -> ProfileFinding:
            return (info.doc, "GC001", f"{message} (Google requires it)", at, node_id, label, None)

        def recommended(message: str, at: str | None = where) -> ProfileFinding:
            return (info.doc, "GC002", f"{message} (Google recommends it)", at, node_id, label, None)

        for key in ("claimReviewed", "url"):
            if not _values(node, key):
                yield required(f"ClaimReview has no {key}")
        ratings = _values(node, "reviewRating")
        if not ratings:
            yield required("ClaimReview has no reviewRating")
        for rating in ratings:
            target = index.resolve(rating)
            if target is not None and not _values(target.node, "alternateName"):
                yield required("reviewRating has no alternateName (the verdict in words)", _key(where, "reviewRating"))
        if not _values(node, "author"):
            yield recommended("ClaimReview has no author")
        items = _values(node, "itemReviewed")
        if not items:
            yield recommended("ClaimReview has no itemReviewed Claim")
        for item in items:
            target = index.resolve(item)
            if target is None:
                continue
            at = _key(where, "itemReviewed")
            if target.types and not any(is_a(t, "Claim") for t in target.types):
                yield recommended(f"itemReviewed is a {'/'.join(target.types)}, not a Claim", at)
            for key in ("author", "datePublished"):
                if not _values(target.node, key):
                    yield recommended(f"the reviewed Claim has no {key}", at)
            if not _values(target.node, "appearance") and not _values(target.node, "firstAppearance"):
                yield recommended("the reviewed Claim has no appearance or firstAppearance", at)


class LdpubHouse(Profile):
    """ldpub's house rules: absolute @ids, a publisher with a logo, one node per entity."""

    name = "ldpub"
    ENTITY_TYPES = ("Person", "Organization", "Place", "Event", "Article")  # what others link to

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.entities = frozenset().union(*(vocab.descendants(t) for t in self.ENTITY_TYPES))
        self.articles = vocab.descendants("Article")

    def check(self, index: PageIndex, data: list[Any]) -> Iterator[ProfileFinding]:
        for info in index.nodes:
            node, where, label = info.node, info.pointer, "/".join(info.types) or None
            node_id = node.get("@id", node.get("id"))
            if isinstance(node_id, str):
                if not _ABSOLUTE_IRI.match(node_id) or node_id.startswith("_:"):
                    message = f"@id {node_id!r} is not an absolute IRI (use e.g. https://example.com/page#article)"
                    yield (info.doc, "LP001", message, _key(where, "@id"), node_id, label, None)
            elif len(node) > 1 and (info.top or not self.entities.isdisjoint(info.types)):
                message = "node has no @id: give every entity an absolute IRI so others can link to it"
                yield (info.doc, "LP001", message, where, None, label, None)
            if not self.articles.isdisjoint(info.types):
                publishers = _values(node, "publisher")
                if not publishers:
                    yield (info.doc, "LP002", "article has no publisher", where, node_id, label, None)
                for publisher in publishers:
                    target = index.resolve(publisher)
                    if target is None:
                        message = "the publisher is not described in the page (name and logo)"
                        yield (info.doc, "LP002", message, _key(where, "publisher"), node_id, label, None)
                    elif not _values(target.node, "logo"):
                        message = "the publisher has no logo"
                        yield (info.doc, "LP002", message, _key(where, "publisher"), node_id, label, None)
        for node_id, infos in index.by_id.items():
            for extra in infos[1:]:
                first = infos[0].pointer or ""
                message = f"{node_id} is described by more than one node (also at {first}): merge them into one"
                label = "/".join(extra.types) or None
                yield (extra.doc, "LP003", message, extra.pointer, node_id, label, None)


class JsonSchemaProfile(Profile):
    """A user's JSON Schema, compiled once (jsonschema-rs), run on each document as written."""

    def __init__(self, path: Path, schema: Any) -> None:
        import jsonschema_rs

        self.name = str(path)
        try:
            self.validator = jsonschema_rs.validator_for(schema)
        except Exception as exc:  # jsonschema-rs raises ValidationError/ValueError for a bad schema
            raise LdpubError(f"{path}: not a usable JSON Schema: {exc}") from None

    def check(self, index: PageIndex, data: list[Any]) -> Iterator[ProfileFinding]:
        from ldpub.errors import pointer

        for i, doc in enumerate(data):
            if doc is None or self.validator.is_valid(doc):
                continue
            for error in self.validator.iter_errors(doc):
                yield (i, "PR001", f"{self.name}: {error.message}", pointer(error.instance_path), None, None, None)


class ShaclProfile(Profile):
    """SHACL shapes (Turtle), run by pySHACL on the RDF of the page's documents."""

    _SEVERITY: ClassVar[dict[str, Severity]] = {"Violation": "error", "Warning": "warning", "Info": "info"}

    def __init__(self, path: Path, text: str) -> None:
        import rdflib

        self.name = str(path)
        try:
            self.shapes = rdflib.Graph().parse(data=text, format="turtle")
        except Exception as exc:  # rdflib raises many parser exception types
            raise LdpubError(f"{path}: not SHACL shapes in Turtle: {exc}") from None

    def check(self, index: PageIndex, data: list[Any]) -> Iterator[ProfileFinding]:
        import pyshacl
        import rdflib
        from rdflib.namespace import SH

        from ldpub.rdf import jsonld_to_nquads

        graph = rdflib.Graph()
        for doc in data:
            if doc is None:
                continue
            try:
                graph.parse(data=jsonld_to_nquads(doc), format="nt")
            except (LdpubError, RecursionError):
                continue  # the JSON-LD checks report it
        conforms, results, _ = pyshacl.validate(graph, shacl_graph=self.shapes, advanced=True)
        if conforms:
            return
        assert isinstance(results, rdflib.Graph)
        for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
            focus = results.value(result, SH.focusNode)
            path = results.value(result, SH.resultPath)
            message = results.value(result, SH.resultMessage)
            severity = results.value(result, SH.resultSeverity)
            level = self._SEVERITY.get(str(severity).rsplit("#", 1)[-1], "error")
            infos = index.by_id.get(str(focus), []) if isinstance(focus, rdflib.URIRef) else []
            info = infos[0] if infos else None
            prop = str(path).rsplit("/", 1)[-1] if path is not None else None
            pointer = info.pointer if info is not None else None
            if pointer is not None and prop and isinstance(info.node if info else None, dict) and prop in info.node:  # type: ignore[union-attr]
                pointer = f"{pointer}/{prop}"
            text = f"{self.name}: {message or 'shape not satisfied'}" + (f" ({prop})" if prop else "")
            node_id = str(focus) if isinstance(focus, rdflib.URIRef) else None
            label = "/".join(info.types) if info is not None and info.types else None
            yield (info.doc if info is not None else 0, "PR002", text, pointer, node_id, label, level)


def builtin_only(names: Iterable[str]) -> list[str]:
    """``names``, each a built-in profile's, or a :class:`~ldpub.errors.UsageError`: where a
    profile file may not be named (the service), nothing here touches the file system."""
    names = list(names)
    for name in names:
        if name not in BUILTIN:
            raise UsageError(f"unknown profile {name!r}: expected one of {', '.join(BUILTIN)}")
    return names


def load_profiles(names: Iterable[str], vocab: Vocabulary | None = None) -> list[Profile]:
    """Profiles by built-in name or file path (JSON Schema .json, SHACL .ttl). LdpubError for a bad one."""
    vocab = vocab or vocabulary()
    profiles: list[Profile] = []
    for name in names:
        if name == "google-article":
            profiles.append(GoogleArticle(vocab))
        elif name == "google-claimreview":
            profiles.append(GoogleClaimReview(vocab))
        elif name == "ldpub":
            profiles.append(LdpubHouse(vocab))
        else:
            profiles.append(load_profile_file(Path(name)))
    return profiles


def load_profile_file(path: Path) -> Profile:
    if not path.is_file():
        raise LdpubError(f"unknown profile {str(path)!r}: expected one of {', '.join(BUILTIN)}, or a profile file")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".ttl", ".shacl", ".turtle"):
        return ShaclProfile(path, text)
    try:
        schema = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise LdpubError(
            f"{path}:{exc.lineno}:{exc.colno}: profile is not JSON (a JSON Schema) nor .ttl (SHACL)"
        ) from None
    return JsonSchemaProfile(path, schema)
