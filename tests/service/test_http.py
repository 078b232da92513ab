"""Every endpoint of ``ldpub serve`` over real HTTP: answers, clear 4xx errors, nothing written, many at once."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from ldpub import build
from tests.support import EXAMPLES

SEED = EXAMPLES / "syrian-observer-al-tanf.yaml"
SEED_TEXT = SEED.read_text()
PAGE = (EXAMPLES / "pages/syrian-observer-al-tanf.html").read_text()


def _error(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert "Traceback" not in response.text
    return body["error"]  # type: ignore[no-any-return]


def test_healthz_and_openapi(service: str) -> None:
    health = httpx.get(service + "/healthz").json()
    assert health["ok"] is True and health["version"]
    spec = httpx.get(service + "/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/build", "/validate", "/extract", "/embed", "/diff", "/graph", "/sparql", "/healthz"} <= set(spec["paths"])
    assert "summary" in spec["paths"]["/build"]["post"]


def test_build_in_each_format_is_the_library_s_graph(service: str) -> None:
    article = build(SEED)
    jsonld = httpx.post(service + "/build?name=seed.yaml", content=SEED_TEXT)
    assert jsonld.status_code == 200 and jsonld.headers["content-type"].startswith("application/ld+json")
    assert jsonld.json() == article.jsonld
    expected = Graph().parse(data=article.nquads(), format="nt")
    turtle = httpx.post(service + "/build", content=SEED_TEXT, headers={"Accept": "text/turtle"})
    assert isomorphic(Graph().parse(data=turtle.text, format="turtle"), expected)
    nquads = httpx.post(service + "/build", content=SEED_TEXT, headers={"Accept": "application/n-quads"})
    assert nquads.text == article.nquads()


def test_build_reports_every_problem_of_a_record_at_its_line(service: str) -> None:
    broken = SEED_TEXT.replace('published: "2022-09-20T10:00:00+03:00"', 'published: "2022-13-01"').replace(
        "headline:", "headlin:", 1
    )
    error = _error(httpx.post(service + "/build?name=broken.yaml", content=broken), 422)
    messages = [e["message"] for e in error["all"]]  # type: ignore[index, union-attr]
    assert any("/published" in m for m in messages) and any("headlin" in m for m in messages)
    assert all(e["location"]["file"] == "broken.yaml" and e["location"]["line"] for e in error["all"])  # type: ignore[index, union-attr]


def test_build_of_a_page_says_which_endpoint(service: str) -> None:
    error = _error(httpx.post(service + "/build?name=page.html", content=PAGE), 422)
    assert "extract" in str(error["message"])


def test_validate_gives_the_cli_s_report(service: str) -> None:
    bad = '{"@context": "https://schema.org", "@type": "NewsArticle",\n "datePublised": "2024-05-01"}'
    report = httpx.post(service + "/validate?name=a.jsonld&profile=google-article", content=bad).json()
    codes = {(f["code"], f["line"]) for f in report["findings"]}
    assert ("LD021", 2) in codes
    assert report["summary"]["errors"] >= 1
    page = httpx.post(service + "/validate?name=page.html", content=PAGE).json()
    assert page["summary"]["errors"] == 0


def test_extract_a_text_and_a_page(service: str) -> None:
    text = (EXAMPLES / "syrian-observer-al-tanf.txt").read_text()
    params = {
        "name": "seed.txt",
        "url": "https://syrianobserver.com/news/x.html",
        "published": "2022-09-20T10:00:00+03:00",
    }
    result = httpx.post(service + "/extract", params=params, content=text).json()
    assert result["record"]["headline"].startswith("Meetings Between U.S. Officials")
    assert result["complete"] is False or result["problems"] == []
    page = httpx.post(service + "/extract?name=page.html", content=PAGE).json()
    assert page["record"]["url"].startswith("https://syrianobserver.com/") and page["complete"] is True


def test_embed_and_its_bad_inputs(service: str) -> None:
    graph = build(SEED).jsonld
    out = httpx.post(service + "/embed", json={"page": PAGE, "graph": graph})
    assert out.status_code == 200 and 'data-ldpub="jsonld"' in out.text
    assert "X-Ldpub-Warning" not in out.headers
    assert "no graph" in str(_error(httpx.post(service + "/embed", json={"page": PAGE}), 422)["message"])
    assert "not JSON" in str(_error(httpx.post(service + "/embed", content=b"{page"), 422)["message"])


def test_embed_takes_an_uploaded_page_and_graph(service: str) -> None:
    graph = json.dumps(build(SEED).jsonld).encode()
    files = {"page": ("page.html", PAGE, "text/html"), "graph": ("graph.jsonld", graph, "application/ld+json")}
    out = httpx.post(service + "/embed", files=files)
    assert out.status_code == 200 and 'data-ldpub="jsonld"' in out.text
    json_out = httpx.post(service + "/embed", json={"page": PAGE, "graph": build(SEED).jsonld})
    assert out.text == json_out.text
    no_graph = httpx.post(service + "/embed", files={"page": ("page.html", PAGE, "text/html")})
    assert "no graph" in str(_error(no_graph, 422)["message"])
    bad_graph = httpx.post(service + "/embed", files={"page": ("p.html", PAGE), "graph": ("g.jsonld", b"{oops")})
    assert "the graph is not JSON" in str(_error(bad_graph, 422)["message"])


def test_diff_and_graph(service: str) -> None:
    edited = SEED_TEXT.replace('headline: "Meetings Between', 'headline: "Talks Between', 1)
    changes = httpx.post(
        service + "/diff", json={"old": SEED_TEXT, "new": edited, "old_name": "a.yaml", "new_name": "b.yaml"}
    ).json()
    assert any("headline changed" in c["message"] for c in changes["changes"])
    same = httpx.post(
        service + "/diff", json={"old": SEED_TEXT, "new": SEED_TEXT, "old_name": "a.yaml", "new_name": "b.yaml"}
    )
    assert same.json()["changes"] == []
    svg = httpx.post(service + "/graph?name=seed.yaml", content=SEED_TEXT)
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.lstrip().startswith("<svg")
    _error(httpx.post(service + "/graph?name=x.jsonld", content=b"{not json"), 422)


def test_sparql_reads_and_refuses_updates(service: str, archive_dir: Path) -> None:
    query = "PREFIX s: <https://schema.org/> SELECT ?h WHERE { GRAPH ?g { ?a s:headline ?h } } ORDER BY ?h"
    answer = httpx.post(service + "/sparql", content=query)
    assert answer.headers["content-type"] == "application/sparql-results+json"
    assert len(answer.json()["results"]["bindings"]) >= 3
    assert "read https://schema.org/" in answer.headers["x-ldpub-note"]
    csv = httpx.post(service + "/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert csv.text.splitlines()[0] == "h"
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    assert "updates are refused" in str(_error(httpx.post(service + "/sparql", content=update), 422)["message"])
    sneaky = "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"
    _error(httpx.post(service + "/sparql", content=sneaky), 422)
    assert "SPARQL syntax error" in str(
        _error(httpx.post(service + "/sparql", content="SELECT nonsense"), 422)["message"]
    )


def test_sparql_did_not_change_the_archive(service: str, archive_dir: Path) -> None:
    test_sparql_reads_and_refuses_updates(service, archive_dir)
    # the store is held read-only by the service; a read-only view of it sees the examples only
    store = ox.Store.read_only(str(archive_dir))
    assert len(list(store.named_graphs())) == 4  # 3 articles + the entities graph


def test_limits_and_unknown_routes(service: str) -> None:
    big = b"x" * 2_000_001
    assert "byte limit" in str(_error(httpx.post(service + "/validate", content=big), 413)["message"])
    assert "empty" in str(_error(httpx.post(service + "/build", content=b""), 400)["message"])
    _error(httpx.get(service + "/nothing-here"), 404)
    _error(httpx.get(service + "/build"), 405)


def test_fifty_builds_at_once(service: str) -> None:
    async def all_at_once() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=service, timeout=60) as client:
            return await asyncio.gather(*(client.post("/build", content=SEED_TEXT) for _ in range(50)))

    responses = asyncio.run(all_at_once())
    assert [r.status_code for r in responses] == [200] * 50
    assert len({r.text for r in responses}) == 1


def test_editor_page_is_served_offline(service: str) -> None:
    page = httpx.get(service + "/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<textarea" in page.text
    # no CDN: no address anywhere but in the example a field shows (placeholder="https://news.example/…")
    text = re.sub(r'placeholder="https://news\.example/[^"]*"', "", page.text)
    assert "http://" not in text.replace("http://schema.org", "") and "https://" not in text


@pytest.mark.parametrize("path", ["/build", "/extract", "/graph", "/sparql"])
def test_binary_garbage_gets_a_clear_4xx(service: str, path: str) -> None:
    response = httpx.post(service + path + "?name=x.jsonld", content=b"\x00\xff\xfe garbage \x00")
    assert 400 <= response.status_code < 500, response.text
    assert json.loads(response.text)["error"]["message"]


def test_binary_garbage_is_a_finding_of_validate(service: str) -> None:
    report = httpx.post(service + "/validate?name=x.jsonld", content=b"\x00\xff\xfe garbage \x00").json()
    assert [f["code"] for f in report["findings"]] == ["LD007"]


def test_the_picture_of_an_archived_article(service: str) -> None:
    url = "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html"
    svg = httpx.get(service + "/archive/graph", params={"url": url})
    assert svg.status_code == 200, svg.text
    assert svg.headers["content-type"] == "image/svg+xml"
    assert "Muhammad Farid al-Qassem" in svg.text and "Meetings Between" in svg.text
    missing = httpx.get(service + "/archive/graph", params={"url": "https://syrianobserver.com/nothing.html"})
    assert "no such article" in str(_error(missing, 404)["message"])
    odd = httpx.get(service + "/archive/graph", params={"url": "> } DROP ALL"})
    assert "page URL" in str(_error(odd, 422)["message"])


def test_build_fills_the_site_parts_from_the_newsroom_settings(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from ldpub.newsroom import load_settings
    from ldpub.service import ServiceSettings, make_app

    settings_file = tmp_path / "newsroom.yaml"
    settings_file.write_text(
        "publisher: {name: Example News, url: 'https://news.example.org/'}\n"
        "site: {url: 'https://news.example.org/', name: Example News}\n",
        encoding="utf-8",
    )
    app = make_app(ServiceSettings(newsroom=load_settings(settings_file)))
    record = b"url: https://news.example.org/a.html\nheadline: A\npublished: '2024-05-01T09:00:00+02:00'\n"
    with TestClient(app) as client:
        response = client.post("/build", content=record)
    assert response.status_code == 200
    types = {node["@type"] for node in response.json()["@graph"]}
    assert {"WebSite", "NewsMediaOrganization"} <= types
