"""The article record: loading it from YAML or JSON, and checking it before mapping.

A record is plain data (``dict``) described by ``schemas/article-record.schema.json``.
Loading keeps the source text so that an error found later can still be pointed at
``file:line:column``; positions are only worked out when there is an error, so valid
records pay nothing for them.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs
import orjson

from ldpub.errors import InputError, Location, TooLargeError, json_kind, pointer
from ldpub.files import read_at_most
from ldpub.limits import (
    DEPTH_MESSAGE,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_VALUES,
    LimitError,
    MalformedJSON,
    check_integer_text,
    check_yaml,
    parse_json,
    size_message,
    yaml_depth_error,
)
from ldpub.resources import resource_path
from ldpub.utf8 import decode_utf8

RECORD_SCHEMA = "article-record.schema.json"
PUBLISHER = "publisher"  # the reserved reference to the record's publisher


@dataclass(frozen=True)
class Record:
    """An article record and where it came from (for error locations)."""

    data: Mapping[str, Any]
    file: str | None = None
    text: str | None = field(default=None, repr=False)

    def locate(self, ptr: str, *, key: bool = False) -> Location:
        """The location of the value at JSON Pointer ``ptr`` (of its key, with ``key``), with line
        and column if known."""
        line_col = self._positions.find(ptr, key=key) if self.text is not None else None
        if line_col is None:
            return Location(self.file, ptr)
        return Location(self.file, ptr, *line_col)

    @functools.cached_property
    def _positions(self) -> _Positions:
        return _Positions(self.text or "")


class RecordInvalid(InputError):
    """A record fails its schema or its cross-references; ``errors`` holds every problem."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first.message + more, first.location)


if TYPE_CHECKING:
    import yaml

# --- loading -------------------------------------------------------------------------------


@functools.cache
def _loader_class() -> Any:
    """PyYAML's safe loader (its C reader where it has one) that refuses duplicate keys (PyYAML
    silently keeps the last) and keeps dates as text; made at its first use, so that a run that
    reads JSON records alone does not import PyYAML (10 ms of every start)."""
    import yaml

    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        """Safe YAML loading that refuses duplicate keys."""

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    # Dates stay strings: the schema checks them, and JSON has no date type.
    _Loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for ch, resolvers in _Loader.yaml_implicit_resolvers.items()
    }
    return _Loader


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    import yaml

    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, Hashable):  # a list or a mapping as a key: PyYAML's own words for it
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
            )
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})", mark
            )
        seen[key] = key_node
    return loader.construct_mapping(node)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | float:
    """An integer, as JSON readers take one: too long to read is an error, not int()'s traceback;
    past 64 bits it is a double (orjson reads JSON so, and writes no larger integer)."""
    try:
        check_integer_text(node.value)
    except LimitError as exc:
        mark = node.start_mark
        raise LimitError(exc.message, Location(None, None, mark.line + 1, mark.column + 1)) from None
    value: int = loader.construct_yaml_int(node)
    return value if -(2**63) <= value < 2**64 else float(value)


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def parse_record(text: str, *, file: str | None = None, format: str | None = None) -> Record:
    """Parse a record from YAML or JSON text (``format`` "yaml"/"json", default: by content).

    Raises :class:`InputError` with the line and column of malformed input or duplicate keys,
    and :class:`~ldpub.limits.LimitError` for input over ldpub's limits (too deep, too large,
    aliases that expand too far).
    """
    return _parse_record(text, file, format)


def _parse_record(text: str, file: str | None, format: str | None, utf8: bytes | None = None) -> Record:
    """:func:`parse_record`; ``utf8``: the text as UTF-8 (a file's bytes), read and counted
    instead of the text, which is then not encoded again."""
    is_json = format == "json" or (format is None and text.lstrip().startswith("{"))
    data = _json_data(text, file, utf8) if is_json else _yaml_data(text, file)
    if data is None:
        raise InputError(
            "the record is empty: write its fields as key: value lines (url, headline, published, publisher …)",
            Location(file, "", 1, 1),
        )
    if not isinstance(data, dict):
        raise InputError(
            f"a record must be a mapping of fields (key: value), not {json_kind(data)}", Location(file, "", 1, 1)
        )
    return Record(data, file, text)


def _json_data(text: str, file: str | None, utf8: bytes | None = None) -> Any:
    source = text if utf8 is None else utf8
    try:
        data = parse_json(source, file=file)  # the limits, and orjson's strict reading (no lone surrogates)
    except MalformedJSON as exc:
        raise InputError(exc.message, exc.location) from None
    if _same_members(source, data):
        return data
    try:  # again, for duplicate keys (orjson keeps the last): within the limits, so no deep recursion
        json.loads(text, object_pairs_hook=_reject_duplicates)
    except ValueError as exc:  # a duplicate key: find where with the YAML reader
        line_col = _duplicate_position(text)
        raise InputError(str(exc), Location(file, None, *(line_col or (None, None)))) from None
    return data


# A key's closing quote apart from its colon (by JSON's own spaces): what the count of ``":``
# cannot tell, with an escaped quote before a colon. Searched in the text or in its UTF-8 bytes
# (whose multi-byte characters hold no ASCII byte, so that the counts are the same); each a
# search of its own (one pattern with both alternatives searches 6× slower).
_SPACED_KEY = re.compile(r'"[ \t\r\n]+:')
_SPACED_KEY_BYTES = re.compile(_SPACED_KEY.pattern.encode("ascii"))


def _same_members(text: str | bytes, data: Any) -> bool:
    """Whether ``data`` (orjson's reading of ``text``) kept every member of ``text``'s objects, i.e.
    ``text`` repeats no key, told at C speed (the standard library's reader, member by member,
    takes twice as long as orjson's whole reading): orjson writes each member as ``"key":`` and a
    quote inside a string as ``\\"``, so where ``text`` writes its keys so too, the counts of
    ``":`` in both agree exactly when no member was dropped. A text with a space before a colon or
    ``\\":`` in it is not told (False): the caller reads it member by member."""
    if isinstance(text, bytes):
        if b'\\":' in text or _SPACED_KEY_BYTES.search(text):
            return False
        count = text.count(b'":')
    else:
        if '\\":' in text or _SPACED_KEY.search(text):
            return False
        count = text.count('":')
    written = orjson.dumps(data)
    return b'\\":' not in written and written.count(b'":') == count


class _NotPlain(Exception):
    """A YAML node :func:`_plain_value` leaves to PyYAML's constructor."""


_STR, _NULL, _BOOL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _plain_value(loader: Any, node: yaml.Node, depth: int, left: list[int]) -> Any:
    """The value of a composed YAML document as PyYAML's safe constructor makes it, in one pass
    and without its per-node bookkeeping (a record's 300 values in a third of the time), for
    what records are made of: mappings with plain keys, sequences, and text, number, true/false
    and null scalars, each node once. Anything else raises :class:`_NotPlain`: an alias to a
    mapping or sequence (a node met again), an explicit or unknown tag, a merge key (``<<``), a
    repeated key, more than :data:`MAX_DEPTH` levels or :data:`MAX_VALUES` values, so that
    :func:`check_yaml` and PyYAML's constructor say what is wrong, or build it their way."""
    left[0] -= 1
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        if depth >= MAX_DEPTH or left[0] < 0 or id(node) in loader.seen_nodes:
            raise _NotPlain
        loader.seen_nodes.add(id(node))
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STR:
                key = key_node.value
            elif key_node.tag in _SCALAR_TAGS:
                key = _plain_value(loader, key_node, depth + 1, left)
            else:
                raise _NotPlain
            if key in out:
                raise _NotPlain
            out[key] = _plain_value(loader, value_node, depth + 1, left)
        return out
    if tag == _SEQ:
        if depth >= MAX_DEPTH or left[0] < 0 or id(node) in loader.seen_nodes:
            raise _NotPlain
        loader.seen_nodes.add(id(node))
        return [_plain_value(loader, item, depth + 1, left) for item in node.value]
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return loader.bool_values[node.value.lower()]
    if tag == _INT:
        return _construct_int(loader, node)  # type: ignore[arg-type]  # a scalar by its tag
    if tag == _FLOAT:
        return loader.construct_yaml_float(node)
    raise _NotPlain


_SCALAR_TAGS = frozenset((_STR, _NULL, _BOOL, _INT, _FLOAT))


def _yaml_data(text: str, file: str | None) -> Any:
    if len(text) > MAX_BYTES:
        raise TooLargeError(size_message(len(text)), Location(file))
    import yaml

    loader = _loader_class()(text)
    loader.seen_nodes = set()
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _plain_value(loader, node, 0, [MAX_VALUES])
        except _NotPlain:  # anchors, tags, merge keys, a repeated key, past a limit: PyYAML's own way
            pass
        check_yaml(node, file=file)
        return loader.construct_document(node)
    except LimitError as exc:  # a number too long, found while constructing
        raise LimitError(exc.message, exc.location.with_file(file)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = exc.problem or str(exc)
        where = Location(file, None, mark.line + 1, mark.column + 1) if mark else Location(file)
        if yaml_depth_error(problem):
            raise LimitError(DEPTH_MESSAGE, where) from None
        raise InputError(f"malformed YAML: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", Location(file)) from None
    finally:
        loader.dispose()


def load_record(source: str | Path | Record | Mapping[str, Any]) -> Record:
    """A record from a file path (``.yaml``, ``.yml``, ``.json``), a Record, or a mapping."""
    if isinstance(source, Record):
        return source
    if isinstance(source, Mapping):
        return Record(source)
    path = Path(source)
    data = read_at_most(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise TooLargeError(size_message(limit=MAX_BYTES), Location(str(path)))
    text = decode_utf8(data, str(path))
    if path.suffix.lower() != ".json":
        return _parse_record(text, str(path), "yaml")
    return _parse_record(text, str(path), "json", data[3:] if data.startswith(codecs.BOM_UTF8) else data)


# --- checking ------------------------------------------------------------------------------


# An absolute http(s) URL: what extractors accept for a record's URLs and the entity file for
# its IRIs (the record schema's ``iri`` takes any scheme; pages and entity IRIs are web URLs).
HTTP_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$", re.IGNORECASE)


@functools.cache
def field_pattern(name: str) -> re.Pattern[str]:
    """The record schema's pattern for a kind of value (``$defs/<name>``: ``datetime``,
    ``language``, ``key``…), compiled, so that extractors check what they put into a record by
    the rule the schema applies to it."""
    pattern: str = record_schema()["$defs"][name]["pattern"]
    return re.compile(pattern)


@functools.cache
def record_schema() -> dict[str, Any]:
    schema: dict[str, Any] = orjson.loads(resource_path("schemas", RECORD_SCHEMA).read_bytes())
    return schema


@functools.cache
def _record_validator() -> Any:
    return jsonschema_rs.validator_for(record_schema(), validate_formats=True)


MAX_SUGGESTIONS = 20  # did-you-mean searches per record: the first problems get one, the rest none
MAX_UNKNOWN_FIELDS = 20  # unknown fields reported one by one; the rest are counted in one problem


@functools.cache
def _part_validator(name: str) -> Any:
    schema = {"$defs": record_schema()["$defs"], "$ref": f"#/$defs/{name}"}
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def part_problems(name: str, data: Any) -> list[tuple[str, str, bool]]:
    """A record part against its definition in the record schema (``$defs/<name>``: ``publisher``,
    ``site``…), as the newsroom settings give it: (pointer, message, whether it names a key)."""
    validator = _part_validator(name)
    if validator.is_valid(data):
        return []
    return list(_schema_problems(validator, data, _Suggestions()))


def check_record(record: Record) -> None:
    """Check a record against its schema and its internal references.

    Raises :class:`RecordInvalid` listing every problem, each with its location: the schema's
    and the references' together (a reference check skips what the schema already refused).
    The time it takes grows with the record's size, however many problems it has: the first
    :data:`MAX_SUGGESTIONS` problems get a did-you-mean, and unknown fields past the
    :data:`MAX_UNKNOWN_FIELDS`-th are counted in one problem.
    """
    data = record.data
    validator = _record_validator()
    problems: list[tuple[str, str, bool]] = []
    suggest = _Suggestions()
    if not validator.is_valid(data):
        problems += _schema_problems(validator, data, suggest)
    problems += [(ptr, msg, False) for ptr, msg in _safe_reference_problems(data, suggest)]
    if problems:
        errors = [InputError(msg, record.locate(ptr, key=at_key)) for ptr, msg, at_key in problems]
        errors.sort(key=lambda e: (e.location.line or 0, e.location.column or 0))  # in the file's order
        raise RecordInvalid(errors)


class _Suggestions:
    """Did-you-mean for the first :data:`MAX_SUGGESTIONS` problems of a record (each is a search)."""

    def __init__(self) -> None:
        self.left = MAX_SUGGESTIONS

    def __call__(self, word: str, options: list[str]) -> str | None:
        if self.left <= 0:
            return None
        self.left -= 1
        import difflib  # for a did-you-mean only

        close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
        return close[0] if close else None


def _safe_reference_problems(data: Mapping[str, Any], suggest: _Suggestions) -> list[tuple[str, str]]:
    """The reference problems of a record that may not fit its schema: what can be checked."""
    found: list[tuple[str, str]] = []
    try:
        for problem in _reference_problems(data, suggest):
            found.append(problem)
    except (KeyError, TypeError, AttributeError, ValueError):  # a shape the schema already reported
        pass
    return found


def _schema_problems(validator: Any, data: Mapping[str, Any], suggest: _Suggestions) -> Iterator[tuple[str, str, bool]]:
    """(pointer, message, whether the pointer names a key to point at rather than a value)."""
    seen: set[str] = set()
    reported_unknown = 0
    unknown: list[str] = []  # pointers of unknown fields past the ones reported one by one
    for error in validator.iter_errors(data):
        ptr = pointer(error.instance_path)
        schema_path = list(error.schema_path)
        kind = type(error.kind).__name__
        if kind == "AdditionalProperties":
            known = sorted(_schema_node(schema_path[:-1]).get("properties", {}))
            for name in error.kind.unexpected:
                where = f"{ptr}/{_escape(name)}"
                if reported_unknown >= MAX_UNKNOWN_FIELDS:
                    unknown.append(where)
                    continue
                reported_unknown += 1
                usual = _USUAL_NAMES.get(name)
                close = usual if usual in known else suggest(name, known)
                hint = f"; did you mean {close!r}?" if close else f"; expected one of {', '.join(known)}"
                yield where, f"unknown field {name!r}{hint}", True
            continue
        if kind == "Enum":
            options = [str(o) for o in error.kind.options]
            close = suggest(str(error.instance), options)
            hint = f"; did you mean {close!r}?" if close else ""
            yield ptr, f"{_short(repr(error.instance))} is not one of {', '.join(options)}{hint}", False
            continue
        if kind == "Type":
            wanted = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in error.kind.types)
            yield ptr, f"expected {wanted}, not {json_kind(error.instance)}", False
            continue
        if kind == "MinLength" and error.instance == "":
            yield ptr, "must not be empty: give a value or leave the field out", False
            continue
        expected = _expected_format(schema_path)
        if expected is not None:
            if ptr in seen:  # a pattern and a format on one value: say it once
                continue
            seen.add(ptr)
            yield ptr, f"{_short(repr(error.instance))} is not {expected}", False
        else:
            yield ptr, _short(error.message), False
    if unknown:
        names = ", ".join(repr(_unescape(p.rsplit("/", 1)[1])) for p in unknown[:3])
        more = ", …" if len(unknown) > 3 else ""
        yield unknown[0], f"{len(unknown):,} more unknown fields: {names}{more}", True


def _short(text: str, limit: int = 200) -> str:
    """A message cut to ``limit`` characters (a value quoted whole could be megabytes)."""
    return text if len(text) <= limit else f"{text[: limit - 60]} … {text[-40:]}"


def _unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


_TYPE_WORDS = {
    "string": "a text",
    "array": "a list",
    "object": "a mapping (object)",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing (null)",
}

# Fields other vocabularies call by another name: what a newcomer writes, and the record's field.
_USUAL_NAMES = {
    "subtitle": "alternative_headline",
    "subheadline": "alternative_headline",
    "title": "headline",
    "author": "authors",
    "date": "published",
    "datePublished": "published",
    "dateModified": "modified",
    "lang": "language",
    "text": "body",
    "articleBody": "body",
    "tags": "keywords",
}


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _schema_node(schema_path: list[str | int]) -> Any:
    """The record schema's node at ``schema_path`` (following ``$ref``), or ``{}``."""
    node: Any = record_schema()
    for part in schema_path:
        if isinstance(node, dict) and "$ref" in node and part not in node:
            node = _resolve(node["$ref"])
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return {}
    if isinstance(node, dict) and "$ref" in node and "properties" not in node:
        node = _resolve(node["$ref"])
    return node if isinstance(node, dict) else {}


def _expected_format(schema_path: list[str | int]) -> str | None:
    """For a failed pattern or format: the title of the definition that has it ("an absolute IRI")."""
    if not schema_path or schema_path[-1] not in ("pattern", "format"):
        return None
    node: Any = record_schema()
    title = None
    for part in schema_path[:-1]:
        if part == "$ref":
            node = _resolve(node["$ref"])
        else:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return title
        if isinstance(node, dict) and "$ref" in node and schema_path[-1] not in node:
            node = _resolve(node["$ref"])
        if isinstance(node, dict) and isinstance(node.get("title"), str):
            title = node["title"]
    return title


def _resolve(ref: str) -> Any:
    node: Any = record_schema()
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _reference_problems(data: Mapping[str, Any], suggest: _Suggestions) -> Iterator[tuple[str, str]]:
    """References that point nowhere, and ids given twice (what JSON Schema cannot say)."""
    url = data.get("url")
    if isinstance(url, str) and "#" in url:
        yield "/url", f"{url!r} has a #fragment: a page's URL names the whole page (the article is {{url}}#article)"
    entities: Mapping[str, Any] = data.get("entities", {})
    if PUBLISHER in entities:
        yield "/entities/publisher", "'publisher' is reserved for the record's publisher"
    known = entities.keys() | {PUBLISHER}
    options: list[str] | None = None
    for value, where in _entity_references(data):
        if value not in known:
            options = options if options is not None else sorted(known)
            close = suggest(str(value), options)
            hint = f"; did you mean {close!r}?" if close else ""
            yield pointer(where), f"unknown entity {value!r}; expected a key of /entities or 'publisher'{hint}"
    explicit_ids: dict[str, str] = {}
    for key, entity in entities.items():
        if "id" in entity:
            if entity["id"] in explicit_ids:
                also = explicit_ids[entity["id"]]
                yield pointer(("entities", key, "id")), f"duplicate entity id {entity['id']!r} (also /entities/{also})"
            explicit_ids.setdefault(entity["id"], key)
    claim_ids: set[str] = set()
    for i, claim in enumerate(data.get("claims", ())):
        if claim["id"] in claim_ids:
            yield f"/claims/{i}/id", f"duplicate claim id {claim['id']!r}"
        claim_ids.add(claim["id"])
    review_ids: set[str] = set()
    for i, review in enumerate(data.get("reviews", ())):
        if review["id"] in review_ids:
            yield f"/reviews/{i}/id", f"duplicate review id {review['id']!r}"
        review_ids.add(review["id"])
        if review["claim"] not in claim_ids:
            yield f"/reviews/{i}/claim", f"unknown claim {review['claim']!r}; expected an id under /claims"
        rating = review["rating"]
        low, high = sorted((rating["worst"], rating["best"]))
        if not low <= rating["value"] <= high:
            yield (
                f"/reviews/{i}/rating/value",
                f"rating {rating['value']} is outside worst..best ({rating['worst']}..{rating['best']})",
            )
    if not _PAGE_GRAPH_KEYS.isdisjoint(data):  # most records have none of the page graph's parts
        yield from _page_graph_problems(data)
    yield from _calendar_problems(data)
    if _has_extras(data):
        from ldpub.extras import extra_problems  # the vocabulary: loaded only for records that need it

        yield from extra_problems(data)


def _page_graph_problems(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The page graph's parts that must agree with each other."""
    if "live" in data and data.get("type") != "LiveBlogPosting":
        yield "/live", "a live blog's coverage and updates need type: LiveBlogPosting"
    if data.get("free") is True and "paywalled" in data:
        yield "/free", "an article with paywalled parts is not free: drop free: true (or the paywalled selectors)"
    update_ids: set[str] = set()
    for i, update in enumerate(data.get("live", {}).get("updates", ())):
        if "id" in update:
            if update["id"] in update_ids:
                yield f"/live/updates/{i}/id", f"duplicate update id {update['id']!r}"
            update_ids.add(update["id"])
    primary = data.get("page", {}).get("primary_image")
    if primary is not None and primary not in {image["url"] for image in data.get("images", ())}:
        yield "/page/primary_image", f"{primary!r} is not the url of one of /images"


_PAGE_GRAPH_KEYS = frozenset(("live", "free", "page"))
_EXTRA_PARTS = ("page", "site", "publisher")
_EXTRA_LISTS = ("images", "videos", "audio", "reviews")


def _has_extras(data: Mapping[str, Any]) -> bool:
    """Whether a record has schema.org extras or other nodes (checked against the vocabulary)."""
    if "extra" in data or "other_nodes" in data:
        return True
    for part in _EXTRA_PARTS:
        if "extra" in data.get(part, ()):
            return True
    for name in _EXTRA_LISTS:
        for item in data.get(name, ()):
            if "extra" in item:
                return True
    for entity in data.get("entities", {}).values():
        if "extra" in entity:
            return True
    return "live" in data and any("extra" in u for u in data["live"].get("updates", ()))


_ENTITY_LINKS = ("affiliation", "parent", "contained_in")  # entity keys that refer to another entity
_ENTITY_LINK_SET = frozenset(_ENTITY_LINKS)


def _entity_references(data: Mapping[str, Any]) -> list[tuple[str, tuple[str | int, ...]]]:
    """Every place a record refers to an entity by key: (the key, its path)."""
    refs: list[tuple[str, tuple[str | int, ...]]] = []
    for name in ("authors", "contributors", "editors", "about", "mentions"):
        refs += [(value, (name, i)) for i, value in enumerate(data.get(name, ()))]
    if "dateline" in data:
        refs.append((data["dateline"]["place"], ("dateline", "place")))
    for key, entity in data.get("entities", {}).items():
        if not _ENTITY_LINK_SET.isdisjoint(entity):  # most entities link to none: skip the comprehension
            refs += [(entity[n], ("entities", key, n)) for n in _ENTITY_LINKS if n in entity]
    for i, claim in enumerate(data.get("claims", ())):
        author = claim.get("author")
        if isinstance(author, str):
            refs.append((author, ("claims", i, "author")))
        elif author is not None and isinstance(author, Mapping) and "affiliation" in author:
            refs.append((author["affiliation"], ("claims", i, "author", "affiliation")))
        if "publisher" in claim.get("first_appeared_in", ()):
            refs.append((claim["first_appeared_in"]["publisher"], ("claims", i, "first_appeared_in", "publisher")))
    for i, review in enumerate(data.get("reviews", ())):
        if "reviewer" in review:
            refs.append((review["reviewer"], ("reviews", i, "reviewer")))
    for i, image in enumerate(data.get("images", ())):
        if "creator" in image:
            refs.append((image["creator"], ("images", i, "creator")))
    if "live" in data:
        for i, update in enumerate(data["live"].get("updates", ())):
            refs += [(v, ("live", "updates", i, "authors", j)) for j, v in enumerate(update.get("authors", ()))]
    if "page" in data:
        refs += [(value, ("page", "authors", j)) for j, value in enumerate(data["page"].get("authors", ()))]
    translation = data.get("translation", {})
    if "translator" in translation:
        refs.append((translation["translator"], ("translation", "translator")))
    original = translation.get("original", {})
    refs += [(original[n], ("translation", "original", n)) for n in ("publisher", "author") if n in original]
    return refs


def _calendar_problems(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Dates the schema's pattern lets through but the calendar does not (2022-02-30)."""
    for list_name in ("claims", "reviews", "corrections"):
        for i, item in enumerate(data.get(list_name, ())):
            if "date" in item:
                yield from _calendar_date(item["date"], (list_name, i, "date"))
            if "first_appeared_in" in item and "published" in item["first_appeared_in"]:
                yield from _calendar_date(
                    item["first_appeared_in"]["published"], (list_name, i, "first_appeared_in", "published")
                )
    original = data.get("translation", {}).get("original", {})
    if "published" in original:
        yield from _calendar_date(original["published"], ("translation", "original", "published"))
    for list_name in _MEDIA_LISTS:
        for i, item in enumerate(data.get(list_name, ())):
            if "upload_date" in item:
                yield from _calendar_date(item["upload_date"], (list_name, i, "upload_date"))


_MEDIA_LISTS = ("videos", "audio")


def recommended_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What a record lacks that readers and search engines expect: (pointer, message) for each,
    reported as warnings (errors with ``--strict``). A record builds without them."""
    found = []
    if "published" not in data:
        found.append(("/published", "no publication date (datePublished): recommended, and news sitemaps need it"))
    if "publisher" not in data:
        found.append(("/publisher", "no publisher, here or in the newsroom settings: recommended"))
    if data.get("free") is False and "paywalled" not in data:
        found.append(("/paywalled", "an article marked not free names no paywalled part (a CSS selector)"))
    return found


def _calendar_date(value: str, where: tuple[str | int, ...]) -> Iterator[tuple[str, str]]:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        yield pointer(where), f"{value!r} is not a real calendar date"


# --- positions (only computed for errors) --------------------------------------------------


class _Positions:
    """Where a record's values are in its text: the text composed once (by the C reader), and
    each mapping's keys indexed when first looked in, so that locating N problems costs time in
    proportion to N and the text, not to their product."""

    def __init__(self, text: str) -> None:
        import yaml

        try:
            self.root: yaml.Node | None = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, RecursionError):
            self.root = None
        self._keys: dict[int, dict[Any, tuple[yaml.Node, yaml.Node]]] = {}

    def find(self, ptr: str, *, key: bool = False) -> tuple[int, int] | None:
        """Line and column (1-based) of the value at ``ptr`` (of its key, with ``key``)."""
        import yaml

        node = self.root
        parts = [p.replace("~1", "/").replace("~0", "~") for p in ptr.split("/")[1:]] if ptr else []
        for i, part in enumerate(parts):
            if isinstance(node, yaml.MappingNode):
                found = self._index(node).get(part)
                if found is None:  # a missing key: point at the mapping that lacks it
                    break
                node = found[0] if key and i == len(parts) - 1 else found[1]
            elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
                node = node.value[int(part)]
            else:
                break
        if node is None:
            return None
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _index(self, node: yaml.MappingNode) -> dict[Any, tuple[yaml.Node, yaml.Node]]:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                index.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = index
        return index


def _duplicate_position(text: str) -> tuple[int, int] | None:
    import yaml

    try:
        yaml.load(text, Loader=_loader_class())
    except yaml.MarkedYAMLError as exc:
        if exc.problem_mark:
            return exc.problem_mark.line + 1, exc.problem_mark.column + 1
    except yaml.YAMLError:
        pass
    return None
