"""The embedded store: graphs per article, entity merge, atomic replace, unload, queries."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from ldpub.archive import ENTITIES_GRAPH, EmbeddedStore, load, read_articles
from tests.archive.expected import AMMAN, EXPECTED, FACT, ORDER, SEED, rows_of, sort_keys
from tests.support import EXAMPLE_RECORDS, EXAMPLES, QUERIES

ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def quads(store: EmbeddedStore) -> set[tuple[str, ...]]:
    return {tuple(r[v].value for v in ("g", "s", "p", "o")) for r in store.query(ALL_QUADS).rows}


def graph_triples(store: EmbeddedStore, graph: str) -> set[tuple[str, str, str]]:
    return {(g_s, p, o) for g, g_s, p, o in quads(store) if g == graph}


def test_each_article_in_its_graph_and_entities_once(loaded_store: EmbeddedStore) -> None:
    graphs = {row["g"].value for row in loaded_store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }").rows}
    assert graphs == {SEED, AMMAN, FACT, ENTITIES_GRAPH}
    everything = quads(loaded_store)
    for g, s, _, _ in everything:
        if g != ENTITIES_GRAPH:
            assert s == g or s.startswith(g + "#"), (g, s)
        else:
            assert "/entity/" in s or s.endswith(("#organization", "#logo")), s
    # al-Tanf is in all three articles: its description is stored once, merged.
    names = loaded_store.query(
        "SELECT ?g ?n WHERE { GRAPH ?g { <https://syrianobserver.com/entity/al-tanf>"
        " <http://schema.org/alternateName> ?n } }"
    )
    assert sorted((r["g"].value, r["n"].value) for r in names.rows) == [
        (ENTITIES_GRAPH, "Tanf"),
        (ENTITIES_GRAPH, "Tanf base"),
        (ENTITIES_GRAPH, "al-Tanf base"),
    ]


def test_every_built_form_gives_the_same_graphs(tmp_path: Path) -> None:
    """Records, their built JSON-LD and Turtle, and exported N-Quads load to the same quads."""
    stores = {}
    exported = tmp_path / "archive.nq"
    exported.write_text("".join(a.nquads() for p in EXAMPLE_RECORDS for a in read_articles(p)), encoding="utf-8")
    inputs = {
        "yaml": EXAMPLE_RECORDS,
        "jsonld": sorted(EXAMPLES.glob("*.jsonld")),
        "ttl": sorted(EXAMPLES.glob("*.ttl")),
        "nq": [exported],
    }
    for name, files in inputs.items():
        with EmbeddedStore(tmp_path / name) as s:
            summary = load(s, files)
            assert summary.articles == 3, name
            stores[name] = quads(s)
    assert stores["yaml"] and all(q == stores["yaml"] for q in stores.values())


def test_reload_is_idempotent(store: EmbeddedStore) -> None:
    load(store, EXAMPLE_RECORDS)
    first = quads(store)
    load(store, EXAMPLE_RECORDS)
    summary = load(store, [EXAMPLES])  # yaml, jsonld and ttl of the same articles
    assert quads(store) == first
    assert summary.articles == 3  # each article once, from whichever file came last
    assert summary.quads == sum(a.quad_count for p in EXAMPLE_RECORDS for a in read_articles(p))


def test_reload_replaces_the_article_graph(store: EmbeddedStore, tmp_path: Path) -> None:
    seed = EXAMPLES / "syrian-observer-al-tanf.yaml"
    load(store, [seed, EXAMPLES / "border-patrols-amman.yaml"])
    amman_before = graph_triples(store, AMMAN)
    record = yaml.safe_load(seed.read_text(encoding="utf-8"))
    changed = copy.deepcopy(record)
    changed["headline"] = "A new headline"
    changed["claims"] = changed["claims"][:1]
    changed["reviews"] = []
    path = tmp_path / "seed.yaml"
    path.write_text(yaml.safe_dump(changed), encoding="utf-8")
    load(store, [path])
    (expected,) = read_articles(path)
    got = graph_triples(store, SEED)
    assert got == {(t.subject.value, t.predicate.value, t.object.value) for t in expected.own}
    assert not any("claim-washington" in s for s, _, _ in got)
    assert graph_triples(store, AMMAN) == amman_before  # the other article is untouched


def test_unload(store: EmbeddedStore) -> None:
    load(store, EXAMPLE_RECORDS)
    entities = graph_triples(store, ENTITIES_GRAPH)
    assert store.unload(FACT) is True
    assert store.unload(FACT) is False
    assert store.articles() == sorted([SEED, AMMAN])
    assert graph_triples(store, FACT) == set()
    assert graph_triples(store, ENTITIES_GRAPH) == entities  # shared entities stay


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_example_query(loaded_store: EmbeddedStore, query: Path) -> None:
    columns, expected = EXPECTED[query.stem]
    result = loaded_store.query(query.read_text(encoding="utf-8"))
    assert rows_of(result, columns) == expected
    assert len(result.rows) == len(expected)  # no duplicate rows either
    if query.stem in ORDER:  # sorted on a key of the query's own: in the order of its columns
        keys = sort_keys(result, ORDER[query.stem])
        assert keys == sorted(keys) and len(set(keys)) > 1


def test_every_example_query_has_expectations() -> None:
    assert {q.stem for q in QUERIES} == set(EXPECTED) and len(QUERIES) >= 5
