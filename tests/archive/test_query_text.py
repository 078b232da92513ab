"""Queries as a new user writes them: https://schema.org/, --param, endpoint hints, the table's width."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ldpub.archive import EmbeddedStore, load
from ldpub.archive.query_text import parse_params, prepare_query
from ldpub.cli import main
from ldpub.errors import InputError
from tests.archive.expected import AMMAN, SEED
from tests.archive.servers import Server
from tests.support import EXAMPLE_RECORDS, EXAMPLES

QUERIES = EXAMPLES / "queries"
HEADLINES_HTTPS = "PREFIX s: <https://schema.org/> SELECT ?h WHERE { GRAPH ?g { ?a s:headline ?h } } ORDER BY ?h"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A closed embedded store holding the three examples, for the CLI to open."""
    path = tmp_path_factory.mktemp("query-text") / "store"
    with EmbeddedStore(path) as store:
        assert load(store, EXAMPLE_RECORDS).articles == 3
    return str(path)


def test_https_schema_org_finds_what_http_finds(archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    http = HEADLINES_HTTPS.replace("https://schema.org/", "http://schema.org/")
    assert main(["sparql", http, "--store", archive, "-f", "csv"]) == 0
    expected = capsys.readouterr()
    assert expected.err == ""
    assert main(["sparql", HEADLINES_HTTPS, "--store", archive, "-f", "csv"]) == 0
    got = capsys.readouterr()
    assert got.out == expected.out and len(got.out.splitlines()) > 3
    assert got.err == (
        "ldpub: note: read https://schema.org/ as http://schema.org/ (1 IRI): "
        "the archive holds schema.org terms in the http://schema.org/ namespace\n"
    )


def test_strings_and_comments_are_never_rewritten() -> None:
    text = "SELECT * WHERE { ?s ?p 'https://schema.org/x' . ?s ?q \"<https://schema.org/y>\" } # <https://schema.org/z>"
    prepared = prepare_query(text)
    assert prepared.text == text and prepared.notes == ()
    iri = prepare_query("SELECT * WHERE { ?s <https://schema.org/name> '''<https://schema.org/>''' }")
    assert iri.text == "SELECT * WHERE { ?s <http://schema.org/name> '''<https://schema.org/>''' }"


def test_param_replaces_the_example_values_line(archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    query = str(QUERIES / "articles-mentioning-person.rq")
    for spelling in ("Farid Qassem", "Qassem"):
        args = ["sparql", "--file", query, "--param", f"spelling={spelling}", "--store", archive]
        assert main([*args, "-f", "csv"]) == 0
        rows = capsys.readouterr().out.splitlines()[1:]
        assert [r.split(",")[0] for r in rows] == [f"{SEED}#article", f"{AMMAN}#article"]
    # two spellings of one person: each article once (the query says DISTINCT)
    args = ["sparql", "--file", query, "-p", "spelling=Qassem", "-p", "spelling=al-Qassem"]
    assert main([*args, "--store", archive, "-f", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    # a name nobody has: no rows (the file's own VALUES line was replaced, not joined)
    args = ["sparql", "--file", query, "-p", "spelling=Nobody Here", "--store", archive]
    assert main([*args, "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["article,published,headline,person,name"]


def test_param_values_cannot_change_the_query() -> None:
    text = (QUERIES / "articles-mentioning-person.rq").read_text()
    hostile = '"} } DROP ALL ; SELECT * { ?s ?p ?o'
    prepared = prepare_query(text, parse_params([f"spelling={hostile}"]))
    assert 'VALUES ?spelling { "\\"} } DROP ALL ; SELECT * { ?s ?p ?o" }' in prepared.text
    assert "Mohammed Farid al-Kassem" not in prepared.text
    # and it is still one SELECT query, which changes nothing
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o")))
    assert list(store.query(prepared.text)) == [] and len(store) == 1


def test_param_without_a_values_line_is_added_and_iris_are_checked() -> None:
    prepared = prepare_query("SELECT ?a WHERE { GRAPH ?a { ?a ?p ?o } }", parse_params(["a=<https://x.example/p>"]))
    assert prepared.text.endswith("\nVALUES ?a { <https://x.example/p> }\n")
    with pytest.raises(InputError, match=r"--param a: <a b> is not a valid IRI"):
        prepare_query("SELECT ?a { ?a ?p ?o }", parse_params(["a=<a b>"]))
    with pytest.raises(InputError, match=r"--param nme: the query has no variable \?nme"):
        prepare_query("SELECT ?name { ?name ?p ?o }", parse_params(["nme=x"]))
    with pytest.raises(InputError, match="expected NAME=VALUE"):
        parse_params(["spelling"])


def test_unknown_param_is_exit_1_with_the_message(archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    query = str(QUERIES / "articles-mentioning-person.rq")
    assert main(["sparql", "--file", query, "-p", "nme=x", "--store", archive]) == 1
    assert capsys.readouterr().err == "ldpub: error: --param nme: the query has no variable ?nme\n"


def test_table_fits_the_terminal(
    archive: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    query = str(QUERIES / "articles-mentioning-person.rq")
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["sparql", "--file", query, "--store", archive]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert out.startswith("-[ row 1 ]")
    assert f"article    <{SEED}#article>" in out and out.endswith("(2 rows)\n")
    monkeypatch.setenv("COLUMNS", "400")
    assert main(["sparql", "--file", query, "--store", archive]) == 0
    wide = capsys.readouterr().out.splitlines()
    assert wide[0].split() == ["article", "published", "headline", "person", "name"] and len(wide) == 5
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["sparql", "--file", query, "--store", archive, "--wide"]) == 0
    assert capsys.readouterr().out.splitlines() == wide


@pytest.mark.server
def test_endpoint_without_its_path_says_which_path(oxigraph_server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    root = oxigraph_server.query_url.removesuffix("/query")
    assert main(["sparql", "ASK {}", "--endpoint", root + "/"]) == 3
    assert capsys.readouterr().err == (
        f"ldpub: error: the endpoint {root}/ does not exist (HTTP 404); a SPARQL endpoint is a path on the "
        f"server: Oxigraph's is {root}/query, Virtuoso's {root}/sparql\n"
    )


def test_date_params_filter_by_time_not_by_text(archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The example's period is compared as time: the seed was published 2022-09-20T10:00:00+03:00
    (07:00 UTC), Amman 2022-09-28T14:00:00+03:00 (11:00 UTC)."""
    query = str(QUERIES / "articles-mentioning-person.rq")
    cases = {
        ("from=2022-09-20T07:00:00Z",): [SEED, AMMAN],  # the very instant of the seed, written in UTC
        ("from=2022-09-20T07:00:01Z",): [AMMAN],  # a second later (compared as text, it came first)
        ("until=2022-09-28T11:00:00Z",): [SEED],  # Amman's instant is not before itself
        ("from=2022-09-20T09:00:00+01:00",): [AMMAN],  # 08:00 UTC: after the seed (as text, before it)
        ("from=2022-09-20T00:00:00-05:00", "until=2022-09-28T13:00:00+02:00"): [SEED],  # 05:00 to 11:00 UTC
    }
    for params, pages in cases.items():
        args = ["sparql", "--file", query, *[a for p in params for a in ("-p", p)], "--store", archive]
        assert main([*args, "-f", "csv"]) == 0
        rows = capsys.readouterr().out.splitlines()[1:]
        assert [r.split(",")[0] for r in rows] == [f"{p}#article" for p in pages], params
