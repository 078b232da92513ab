"""Query results read from SPARQL JSON: every kind of term, as the servers write them."""

from __future__ import annotations

import dataclasses

import pytest

from ldpub.archive.results import QueryResult, ResultStream, Term
from ldpub.errors import StoreError

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "https://example.org/"

BINDINGS = [
    {
        "s": {"type": "uri", "value": EX + "claim-1"},
        "name": {"type": "literal", "value": "Athr Press", "datatype": XSD + "string"},
        "label": {"type": "literal", "value": "Athr", "xml:lang": "ar"},
        "n": {"type": "typed-literal", "value": "5", "datatype": XSD + "integer"},  # SPARQL 1.0 (Virtuoso)
    },
    {
        "s": {"type": "uri", "value": EX + "claim-2"},
        "name": {"type": "literal", "value": "Athr Press"},
        "n": {"type": "literal", "value": "5", "datatype": XSD + "integer"},
        "k": {"type": "literal", "value": 7, "datatype": XSD + "integer"},  # a JSON number (Virtuoso)
        "b": {"type": "bnode", "value": "b0"},
        "m": {"type": "literal", "value": "5"},  # the same text as another term, of another kind
        "u": {"type": "literal", "value": EX + "claim-1"},
        "t": {"type": "triple", "value": {"subject": {"type": "uri", "value": EX + "a"}}},
    },
]
ROWS = [
    {
        "s": Term("uri", EX + "claim-1"),
        "name": Term("literal", "Athr Press"),
        "label": Term("literal", "Athr", None, "ar"),
        "n": Term("literal", "5", XSD + "integer"),
    },
    {
        "s": Term("uri", EX + "claim-2"),
        "name": Term("literal", "Athr Press"),
        "n": Term("literal", "5", XSD + "integer"),
        "k": Term("literal", "7", XSD + "integer"),
        "b": Term("bnode", "b0"),
        "m": Term("literal", "5"),
        "u": Term("literal", EX + "claim-1"),
        "t": Term("triple", '{"subject":{"type":"uri","value":"https://example.org/a"}}'),
    },
]


def test_terms_of_every_kind() -> None:
    result = QueryResult.from_json(
        {"head": {"vars": ["s", "name", "label", "n", "b", "t"]}, "results": {"bindings": BINDINGS}}
    )
    assert list(result.rows) == ROWS
    assert [{k: hash(t) for k, t in row.items()} for row in result.rows] == [
        {k: hash(t) for k, t in row.items()} for row in ROWS
    ]
    term = result.rows[0]["label"]
    assert repr(term) == "Term(type='literal', value='Athr', datatype=None, lang='ar')" and str(term) == "Athr"
    assert dataclasses.replace(term, lang="en") == Term("literal", "Athr", None, "en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        term.value = "changed"  # type: ignore[misc]


def test_streamed_batches_give_the_same_rows() -> None:
    stream = ResultStream("select", variables=("s",), parts=iter([BINDINGS[:1], BINDINGS[1:], {"end": True}]))
    assert [row for batch in stream.batches() for row in batch] == ROWS


@pytest.mark.parametrize("bindings", [[{"s": {"value": "x"}}], [{"s": "x"}], [None]])
def test_malformed_bindings_are_a_store_error(bindings: list[object]) -> None:
    with pytest.raises(StoreError, match="malformed SPARQL JSON"):
        QueryResult.from_json({"head": {"vars": ["s"]}, "results": {"bindings": bindings}})
