"""Dates in the archive: xsd:date / xsd:dateTime whatever the JSON-LD context says, compared as
times by every store (embedded, Oxigraph server, Virtuoso), while published JSON-LD is unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest

from ldpub import build
from ldpub.archive import EmbeddedStore, load, read_articles
from ldpub.archive.dates import XSD_DATE, XSD_DATE_TIME, typed_date
from ldpub.archive.endpoint import EndpointStore
from tests.archive.conftest import credentials
from tests.archive.servers import Server
from tests.support import SEED

SCHEMA_DATE = "http://schema.org/Date"
BASE = "https://dates.test/"
CUTOFF = "2024-01-01T00:00:00Z"

# Publication times around the cut-off, in several zones and spellings: compared as text, the
# first would pass and the second would not; compared as times, it is the other way round.
PUBLISHED = {
    "east": "2024-01-01T01:00:00+03:00",  # 2023-12-31T22:00Z: before
    "west": "2023-12-31T23:30:00-05:00",  # 2024-01-01T04:30Z: after
    "no-zone": "2024-01-01T00:30:00",  # read as UTC: after
    "no-seconds": "2023-06-15T12:00",  # before
    "fraction": "2024-02-29T10:00:00.250+0100",  # after
    "turtle": "2023-12-31T23:59:59Z",  # before, from a Turtle file typed schema:Date
    "nested": "2024-01-01T00:00:00+00:00",  # the cut-off itself: included (>=), from nested JSON-LD
    "nquads": "2024-07-04T09:00:00-07:00",  # after, plain text on datePublished in N-Triples
}


def _as_utc(text: str) -> datetime:
    """The instant a published time names, by Python's own ISO 8601 reader (no zone: UTC)."""
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _flat(key: str, published: str) -> dict[str, object]:
    page = f"{BASE}{key}.html"
    return {
        "@context": "https://schema.org",
        "@graph": [
            {"@id": page, "@type": "WebPage", "url": page, "datePublished": published},
            {
                "@id": page + "#article",
                "@type": "NewsArticle",
                "mainEntityOfPage": page,
                "headline": f"Dated {key}",
                "datePublished": published,
                "author": {"@id": f"{BASE}entity/reporter"},
            },
            {"@id": f"{BASE}entity/reporter", "@type": "Person", "name": "A Reporter", "birthDate": "1980-02-29"},
        ],
    }


def write_articles(folder: Path) -> Path:
    """The articles of :data:`PUBLISHED`, each in the kind of file its key says (flat JSON-LD,
    ldpub's own shape, unless named otherwise)."""
    folder.mkdir(parents=True, exist_ok=True)
    for key, published in PUBLISHED.items():
        page = f"{BASE}{key}.html"
        if key == "turtle":
            (folder / f"{key}.ttl").write_text(
                "@prefix schema: <http://schema.org/> .\n"
                f"<{page}#article> a schema:NewsArticle ; schema:mainEntityOfPage <{page}> ;\n"
                f'  schema:headline "Dated {key}" ; schema:datePublished "{published}"^^schema:Date .\n',
                encoding="utf-8",
            )
        elif key == "nquads":
            (folder / f"{key}.nq").write_text(
                f"<{page}#article> <http://schema.org/mainEntityOfPage> <{page}> .\n"
                f'<{page}#article> <http://schema.org/datePublished> "{published}" .\n',
                encoding="utf-8",
            )
        elif key == "nested":
            doc = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "@id": page + "#article",
                "mainEntityOfPage": {"@id": page, "@type": "WebPage"},
                "datePublished": published,
                "author": {"@id": f"{BASE}entity/someone", "@type": "Person", "name": "Someone"},
            }
            (folder / f"{key}.jsonld").write_text(json.dumps(doc), encoding="utf-8")
        else:
            (folder / f"{key}.jsonld").write_text(json.dumps(_flat(key, published)), encoding="utf-8")
    return folder


FILTER_QUERY = f"""
PREFIX schema: <http://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?page ?published WHERE {{
  GRAPH ?page {{ ?article schema:mainEntityOfPage ?page ; schema:datePublished ?published . }}
  FILTER(STRSTARTS(STR(?page), "{BASE}"))
  FILTER(?published >= "{CUTOFF}"^^xsd:dateTime)
}}"""

PARTS_QUERY = f"""
PREFIX schema: <http://schema.org/>
SELECT ?page ?year ?month ?day WHERE {{
  GRAPH ?page {{ ?article schema:mainEntityOfPage ?page ; schema:datePublished ?published . }}
  FILTER(STRSTARTS(STR(?page), "{BASE}"))
  BIND(YEAR(?published) AS ?year) BIND(MONTH(?published) AS ?month) BIND(DAY(?published) AS ?day)
}}"""

BIRTH_QUERY = f"""
PREFIX schema: <http://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT DISTINCT ?person WHERE {{
  GRAPH <urn:ldpub:entities> {{ ?person schema:birthDate ?born . }}
  FILTER(STRSTARTS(STR(?person), "{BASE}"))
  FILTER(?born < "1980-03-01"^^xsd:date && ?born > "1980-02-28"^^xsd:date)
}}"""


def _pages(result: object) -> set[str]:
    return {row["page"].value for row in result.rows}  # type: ignore[attr-defined]


def _expected_after_cutoff() -> set[str]:
    cutoff = _as_utc(CUTOFF)
    return {f"{BASE}{key}.html" for key, text in PUBLISHED.items() if _as_utc(text) >= cutoff}


def _expected_parts() -> set[tuple[str, str, str, str]]:
    """Year, month and day as written (the local time in the time's own zone), by Python."""
    out = set()
    for key, text in PUBLISHED.items():
        value = datetime.fromisoformat(text)
        out.add((f"{BASE}{key}.html", str(value.year), str(value.month), str(value.day)))
    return out


def _parts(result: object) -> set[tuple[str, str, str, str]]:
    return {(r["page"].value, r["year"].value, r["month"].value, r["day"].value) for r in result.rows}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("dated"))


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory: pytest.TempPathFactory, dated: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("dated-store") / "store")
    summary = load(store, [dated])
    assert summary.articles == len(PUBLISHED) and not summary.failed
    return store


def test_typed_date_forms() -> None:
    assert typed_date("2022-09-20") == ("2022-09-20", XSD_DATE)
    assert typed_date("2022-09-20+03:00") == ("2022-09-20+03:00", XSD_DATE)
    assert typed_date("2022-09-20T10:00:00+03:00") == ("2022-09-20T10:00:00+03:00", XSD_DATE_TIME)
    assert typed_date("2022-09-20T10:00") == ("2022-09-20T10:00:00Z", XSD_DATE_TIME)
    assert typed_date("2022-09-20 10:00:00.5+0300") == ("2022-09-20T10:00:00.5+03:00", XSD_DATE_TIME)
    assert typed_date("2024-02-29t23:59:59z") == ("2024-02-29T23:59:59Z", XSD_DATE_TIME)
    for not_a_date in (
        "2022-09",
        "2022",
        "30",
        "yesterday",
        "2023-02-29",
        "2022-13-01",
        "2022-09-20T25:00:00Z",
        "2022-09-20T10:00:00+15:00",
        "0000-01-01",
    ):
        assert typed_date(not_a_date) is None, not_a_date


def test_every_written_form_is_a_valid_xsd_value() -> None:
    """What typed_date writes is a value pyoxigraph's own XSD parser reads as that type (and the
    same instant as Python reads from the original text)."""
    store = ox.Store()
    for key, text in PUBLISHED.items():
        typed = typed_date(text)
        assert typed is not None and typed[1] == XSD_DATE_TIME
        literal = ox.Literal(typed[0], datatype=ox.NamedNode(typed[1]))
        instant = ox.Literal(_as_utc(text).isoformat(), datatype=ox.NamedNode(XSD_DATE_TIME))
        query = f"ASK {{ FILTER(isLiteral({literal}) && {literal} = {instant}) }}"
        assert bool(store.query(query)), key


def test_archive_types_dates_from_every_kind_of_file(dated: Path) -> None:
    for path in sorted(dated.iterdir()):
        (article,) = read_articles(path)
        dates = [q for q in article.quads() if q.predicate.value.endswith(("datePublished", "birthDate"))]
        assert dates, path
        for quad in dates:
            assert quad.object.datatype.value in (XSD_DATE, XSD_DATE_TIME), (path, quad)


def test_blank_nodes_stay_apart_between_articles(tmp_path: Path) -> None:
    """Two files whose JSON-LD gives blank nodes the same labels: each article keeps its own."""
    for key in ("one", "two"):
        page = f"{BASE}blank-{key}.html"
        doc = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "@id": page + "#article",
            "mainEntityOfPage": page,
            "author": {"@id": "_:b0", "@type": "Person", "name": f"Writer {key}"},
        }
        (tmp_path / f"{key}.jsonld").write_text(json.dumps(doc), encoding="utf-8")
    with EmbeddedStore(tmp_path / "store") as store:
        load(store, [tmp_path])
        result = store.query("SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a <http://schema.org/name> ?n } }")
    assert len(result.rows) == 2


def test_published_jsonld_keeps_schema_org_typing(tmp_path: Path) -> None:
    article = build(SEED)
    assert any(SCHEMA_DATE in line for line in article.nquads().splitlines())
    assert "XMLSchema#date" not in article.nquads()
    (archived,) = read_articles(SEED)
    assert SCHEMA_DATE not in archived.nquads()
    assert f"^^<{XSD_DATE_TIME}>" in archived.nquads()


def test_filter_and_parts_on_the_embedded_store(dated_store: EmbeddedStore) -> None:
    assert _pages(dated_store.query(FILTER_QUERY)) == _expected_after_cutoff()
    assert _parts(dated_store.query(PARTS_QUERY)) == _expected_parts()
    assert {row["person"].value for row in dated_store.query(BIRTH_QUERY).rows} == {f"{BASE}entity/reporter"}


@pytest.mark.server
@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_same_rows_on_every_store(
    name: str, request: pytest.FixtureRequest, dated: Path, dated_store: EmbeddedStore
) -> None:
    """The xsd:dateTime filter gives the same rows on the server as on the embedded store, and
    those are the ones Python's datetime says are at or after the cut-off."""
    server: Server = request.getfixturevalue(f"{name}_server")
    with credentials(server), EndpointStore(server.query_url) as store:
        summary = load(store, [dated])
        assert summary.articles == len(PUBLISHED) and not summary.failed
        on_server = store.query(FILTER_QUERY)
        parts = store.query(PARTS_QUERY)
        born = store.query(BIRTH_QUERY)
    assert _pages(on_server) == _pages(dated_store.query(FILTER_QUERY)) == _expected_after_cutoff()
    assert _parts(parts) == _parts(dated_store.query(PARTS_QUERY)) == _expected_parts()
    assert {row["person"].value for row in born.rows} == {f"{BASE}entity/reporter"}
