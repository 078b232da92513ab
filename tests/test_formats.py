"""Format names and their usual other names (ttl/turtle, nq/nquads/n-quads, jsonld/json-ld) wherever a
format is named: `ldpub build --format`, `ldpub.rdf.parse_rdf`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldpub.cli import main
from ldpub.emit import parse_formats
from ldpub.errors import UsageError
from ldpub.formats import RDF_FORMATS, rdf_format
from ldpub.pipeline import build
from ldpub.rdf import parse_rdf
from tests.support import SEED


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("jsonld,ttl,nq", ["jsonld", "ttl", "nq"]),
        ("json-ld,turtle,nquads", ["jsonld", "ttl", "nq"]),
        ("JSON-LD, Turtle, N-Quads", ["jsonld", "ttl", "nq"]),
        ("turtle,ttl", ["ttl"]),
    ],
)
def test_build_formats_by_any_name(spec: str, expected: list[str]) -> None:
    assert parse_formats(spec) == expected


def test_build_writes_the_same_files_whatever_the_formats_are_called(tmp_path: Path) -> None:
    assert main(["build", str(SEED), "--out", str(tmp_path / "a"), "-f", "jsonld,ttl,nq"]) == 0
    assert main(["build", str(SEED), "--out", str(tmp_path / "b"), "-f", "json-ld,turtle,nquads"]) == 0
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert a == b and sorted(a) == [
        "syrian-observer-al-tanf.jsonld",
        "syrian-observer-al-tanf.nq",
        "syrian-observer-al-tanf.ttl",
    ]


def test_an_unknown_format_names_the_known_ones_and_their_other_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SEED), "-f", "jsonld,rdfxml"]) == 2  # a usage error
    err = capsys.readouterr().err
    assert "unknown format 'rdfxml'; expected one of jsonld (json-ld), turtle (ttl), nquads (nq, n-quads)" in err
    with pytest.raises(UsageError, match="unknown format 'trig'"):
        parse_formats("trig")  # a format parse_rdf reads, build does not write


def test_parse_rdf_takes_every_name_of_a_format() -> None:
    article = build(SEED)
    assert (
        parse_rdf(article.turtle(), "ttl")
        == parse_rdf(article.turtle(), "turtle")
        == parse_rdf(article.turtle(), "TTL")
    )
    assert (
        parse_rdf(article.nquads(), "nq")
        == parse_rdf(article.nquads(), "n-quads")
        == parse_rdf(article.nquads(), "nquads")
    )
    assert parse_rdf(article.to_json(), "json-ld") == parse_rdf(article.to_json(), "jsonld")
    for name, aliases in RDF_FORMATS.items():
        assert all(rdf_format(alias) == name for alias in (name, *aliases))
