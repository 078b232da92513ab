"""What a property accepts, from its schema.org range, as answers the walk can give fast.

A :class:`Range` per property says which JSON values are in range without a look-up in most
cases (``str_ok``, ``number_fine``, one compiled regex for text with a restricted range), and
the functions here explain, on the slow path only, why a value is not.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ldpub.validate.vocab import Property, Vocabulary

_TEXT_LIKE = frozenset(("Text", "PronounceableText", "CssSelectorType", "XPathType"))
_DATE_RE = r"-?\d{4,}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
# ISO 8601 reduced precision: a year or a year and month ("1981", "2017-08"), as schema.org's own examples write
_REDUCED_DATE_RE = r"-?\d{4,}(?:-(?:0[1-9]|1[0-2]))?"
_TIME_RE = r"(?:[01]\d|2[0-4]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?"
_DATETIME_RE = _DATE_RE + "T" + _TIME_RE
_NUMBER_RE = r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*"
_BOOLEAN_RE = r"(?:true|false|True|False|https?://schema\.org/(?:True|False)|schema:(?:True|False))"
_URL_TEXT_RE = r"\s*\S+\s*"  # a URL-valued property: any text without spaces (relative URLs are fine)
_NODE_URL_RE = r"https?://\S+"  # a URL standing for a node
_DATE = re.compile(f"^(?:{_DATE_RE}|{_REDUCED_DATE_RE})$")
_DATETIME = re.compile(f"^{_DATETIME_RE}$")
_TIME = re.compile(f"^{_TIME_RE}$")
_NUMBER = re.compile(f"^{_NUMBER_RE}$")
_BOOLEAN_TEXT = frozenset(("true", "false", "True", "False"))
_SPACE = re.compile(r"\s")
_URL = re.compile(r"^https?://[^\s]+$")


def _never(value: str) -> None:
    return None


@dataclass(slots=True)
class Range:
    """What the vocabulary says about one property key, resolved once."""

    name: str
    prop: Property | None
    coerce: str | None
    any_ok: bool = False  # no range: anything goes
    text_ok: bool = False
    url_ok: bool = False
    date_ok: bool = False
    datetime_ok: bool = False
    time_ok: bool = False
    number_ok: bool = False
    boolean_ok: bool = False
    nodes: frozenset[str] = frozenset()  # node types in the range (with Thing for "any node")
    enums: frozenset[str] = frozenset()  # enumerations in the range
    expected: str = ""  # the range in words, for messages
    str_ok: bool = False  # any string will do (Text in the range, or no range)
    str_match: Callable[[str], object] = _never  # a string this matches is in range (one C call)
    any_node: bool = False  # any node type will do (Thing in the range)
    number_fine: bool = False  # a JSON number is in range (Number, Text, a quantity, or anything)
    types_matter: bool = False  # some node types are outside the range (so a node's type is worth checking)
    boolean_fine: bool = False  # a JSON true or false is in range (Boolean or Text)
    type_problems: dict[tuple[str, ...], str | None] = field(default_factory=dict)  # node types -> problem


def make_range(vocab: Vocabulary, prop: Property, coerce: str | None) -> Range:
    """The range of a property as fast answers: flags, node types, and one regex for acceptable text."""
    rule = Range(prop.name, prop, coerce)
    ranges = prop.ranges
    if not ranges:
        rule.any_ok = rule.str_ok = rule.number_fine = True
        return rule
    nodes, enums = set(), set()
    for r in ranges:
        flag = _DATA_TYPE_FLAGS.get(r)
        if flag is not None:
            setattr(rule, flag, True)
        elif "Enumeration" in vocab.ancestors.get(r, frozenset((r,))):
            enums.add(r)
            nodes.add(r)
        else:
            nodes.add(r)
    if any("Quantity" in vocab.ancestors.get(r, ()) for r in nodes):
        # schema.org writes Quantities (Distance, Duration, Energy, Mass) as text: "PT1H", "270 calories"
        rule.text_ok = True
    if any("Quantity" in vocab.ancestors.get(r, ()) or r == "QuantitativeValue" for r in nodes):
        rule.number_ok = True  # width: 1200 for a Distance/QuantitativeValue: unambiguous, and what Google shows
    rule.nodes = frozenset(nodes)
    rule.enums = frozenset(enums)
    rule.any_node = "Thing" in nodes
    if "Thing" in nodes and rule.text_ok and rule.url_ok:
        rule.any_ok = True
    rule.types_matter = bool(nodes) and not rule.any_node and not rule.any_ok
    rule.expected = " or ".join(sorted(ranges))
    rule.str_ok = rule.text_ok or rule.any_ok or (rule.coerce == "@id" and bool(nodes) and not enums)
    rule.number_fine = rule.number_ok or rule.text_ok or rule.any_ok
    rule.boolean_fine = rule.boolean_ok or rule.text_ok
    accepted = [pattern for flag, pattern in _ACCEPTED if flag(rule)]
    if accepted:
        rule.str_match = re.compile(f"(?:{'|'.join(accepted)})\\Z").match
    return rule


# A range's data types as its flags (Text-like types, Quantities and Thing are read apart).
_DATA_TYPE_FLAGS = {
    **dict.fromkeys(_TEXT_LIKE, "text_ok"),
    "URL": "url_ok",
    "Date": "date_ok",
    "DateTime": "datetime_ok",
    "Time": "time_ok",
    "Number": "number_ok",
    "Integer": "number_ok",
    "Float": "number_ok",
    "Boolean": "boolean_ok",
    "DataType": "any_ok",
}
# Text a range takes, by what the range has: one regex alternative each.
_ACCEPTED: tuple[tuple[Callable[[Range], bool], str], ...] = (
    (lambda r: r.url_ok, _URL_TEXT_RE),
    (lambda r: r.date_ok or r.datetime_ok, _DATE_RE),
    (lambda r: r.date_ok or r.datetime_ok, _REDUCED_DATE_RE),
    (lambda r: r.datetime_ok, _DATETIME_RE),
    (lambda r: r.time_ok, _TIME_RE),
    (lambda r: r.number_ok, _NUMBER_RE),
    (lambda r: r.boolean_ok, _BOOLEAN_RE),
    (lambda r: bool(r.nodes) and not r.enums, _NODE_URL_RE),
)


OUT_OF_RANGE = "out of range"  # a value the range does not take
NOT_A_NODE = "not a node"  # text or a literal where the range expects a node (schema.org allows it, consumers may not)


def string_problem(vocab: Vocabulary, value: str, rule: Range) -> tuple[str, str] | None:
    """(OUT_OF_RANGE or NOT_A_NODE, message) when a string is not in a property's range, else None."""
    if _literal_ok(value, rule):
        return None
    if rule.enums:
        member = _enum_member(value)
        if member is not None:
            return _member_problem(vocab, value, member, rule)
    if rule.nodes:
        if rule.coerce == "@id" or _URL.match(value):
            return None  # an IRI that identifies the node (Google's breadcrumb examples do this)
        return NOT_A_NODE, f"text {_short(value)} where {rule.expected} is expected"
    if rule.date_ok or rule.datetime_ok:
        what = "a date (YYYY-MM-DD)" if not rule.datetime_ok else "an ISO 8601 date or date-time"
        return OUT_OF_RANGE, f"{_short(value)} is not {what}, as {rule.prop.name if rule.prop else ''} expects"
    return OUT_OF_RANGE, f"{_short(value)} is not a {rule.expected}"


def _literal_ok(value: str, rule: Range) -> bool:
    """True for text one of the range's data types takes (a URL, a date, a time, a number, a boolean)."""
    if rule.url_ok and value and not _SPACE.search(value.strip()):
        return True
    if (rule.date_ok or rule.datetime_ok) and _DATE.match(value):
        return True  # a date where a DateTime is expected too: schema.org's own examples do it
    if rule.datetime_ok and _DATETIME.match(value):
        return True
    if rule.time_ok and _TIME.match(value):
        return True
    if rule.number_ok and _NUMBER.match(value):
        return True
    return rule.boolean_ok and (value in _BOOLEAN_TEXT or _enum_member(value) in ("True", "False"))


def _member_problem(vocab: Vocabulary, value: str, member: str, rule: Range) -> tuple[str, str] | None:
    """Why an enumeration member (its local name) is not one of the range's enumerations."""
    classes = vocab.members.get(member)
    if classes is not None and not classes.isdisjoint(rule.enums):
        return None
    if classes is None and member not in vocab.types:
        hint = _closest(member, [m for m, cs in vocab.members.items() if not cs.isdisjoint(rule.enums)])
        return OUT_OF_RANGE, f"{value!r} is not a member of {rule.expected}{hint}"
    return OUT_OF_RANGE, f"{value!r} is not a member of {rule.expected}"


def is_schema_date(value: str) -> bool:
    """True for text schema.org's Date or DateTime takes (what LD023 accepts for a date property)."""
    return bool(_DATE.match(value) or _DATETIME.match(value))


def _enum_member(value: str) -> str | None:
    if value.startswith(("http://schema.org/", "https://schema.org/", "schema:")):
        return value.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    if value and value[0].isupper() and value.isalnum():
        return value
    return None


def literal_problem(value: Any, rule: Range) -> tuple[str, str] | None:
    """(OUT_OF_RANGE or NOT_A_NODE, message) when a number or boolean is not in a property's range, else None."""
    if isinstance(value, bool):
        if rule.boolean_ok or rule.text_ok:
            return None
    elif rule.number_ok or rule.text_ok:
        return None
    if rule.nodes and not (rule.date_ok or rule.datetime_ok or rule.url_ok):
        return NOT_A_NODE, f"the literal {_json(value)} where {rule.expected} is expected"
    return OUT_OF_RANGE, f"the literal {_json(value)} is not a {rule.expected}"


def _json(value: Any) -> str:
    """A number or boolean as the document wrote it (JSON's false, not Python's False)."""
    return "true" if value is True else "false" if value is False else repr(value)


def node_type_problem(vocab: Vocabulary, types: tuple[str, ...], rule: Range) -> str | None:
    """Why a node of ``types`` is outside the rule's range (None: it is inside), memoised per rule."""
    if rule.any_node:
        return None
    cache = rule.type_problems
    found = cache.get(types, MISSING)
    if found is MISSING:
        found = _node_type_problem(vocab, types, rule)
        if len(cache) < 1000:
            cache[types] = found
    return found  # type: ignore[return-value]


def _node_type_problem(vocab: Vocabulary, types: tuple[str, ...], rule: Range) -> str | None:
    if not types or not rule.nodes or "Thing" in rule.nodes:
        return None
    ancestors = vocab.ancestors
    known = [t for t in types if t in ancestors]
    if not known:
        return None
    if any(_data_type_ok(t, rule) for t in known):
        return None  # {"@id": …, "@type": "URL"}: a URL node where a URL will do
    for t in known:
        anc = ancestors[t]
        if not anc.isdisjoint(rule.nodes) or "Role" in anc:
            return None
    return f"a {'/'.join(known)} where {rule.prop.name if rule.prop else 'this property'} expects {rule.expected}"


def _data_type_ok(name: str, rule: Range) -> bool:
    """True for a node typed as a data type (URL, Text, Date…) where the range takes that data type."""
    flags = {
        "URL": rule.url_ok or rule.text_ok,
        "Text": rule.text_ok,
        "Date": rule.date_ok or rule.datetime_ok,
        "DateTime": rule.datetime_ok,
        "Time": rule.time_ok,
        "Number": rule.number_ok,
        "Integer": rule.number_ok,
        "Float": rule.number_ok,
        "Boolean": rule.boolean_ok,
    }
    return flags.get(name, False)


MISSING: Any = object()  # "not cached yet" (None is a cached answer)


def hint(suggestion: str | None) -> str:
    return f"; did you mean {suggestion!r}?" if suggestion else ""


def _closest(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return hint(close[0]) if close else ""


def _short(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")
