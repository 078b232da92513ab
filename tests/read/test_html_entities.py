"""HTML pages get what plain text gets: entities, mentions and claims from the extracted body,
linked to the newsroom's authority when one is given."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

import ldpub
from ldpub.cli import main
from ldpub.entities import Authority
from ldpub.read.html import extract_html, extract_html_file
from tests.support import ROOT

PAGES = ROOT / "tests" / "data" / "pages"
REAL = PAGES / "real" / "aljazeera-helicopter-crash.html.gz"
PREFIX = "@prefix schema: <https://schema.org/> .\n@base <https://news.example/entity/> .\n"


def real_page() -> bytes:
    return gzip.decompress(REAL.read_bytes())


def test_a_real_page_gives_its_people_organisations_places_and_claims() -> None:
    result = extract_html(real_page(), source=REAL.name)
    record = result.record
    kinds = {e["name"]: e["type"] for e in record["entities"].values()}
    for name, kind in [
        ("Zabihullah Mujahid", "Person"),
        ("Donald Trump", "Person"),
        ("Mark Milley", "Person"),
        ("Taliban", "Organization"),
        ("Joint Chiefs of Staff", "Organization"),
        ("Kabul", "Place"),
        ("Logar province", "Place"),
    ]:
        assert kinds.get(name) == kind, name
    by_author = {c["text"]: c.get("author") for c in record["claims"]}
    # The whole quotation, over its two sentences ("“… caught fire. All on board were killed,” Mujahid said.")
    quoted = next(text for text in by_author if text.startswith("The Americans wanted to raid"))
    assert quoted.endswith("All on board were killed") and by_author[quoted] == "zabihullah-mujahid"
    # Every entity the record names is one of its entities, and the record builds.
    assert set(record.get("about", []) + record["mentions"]) <= set(record["entities"])
    article = next(n for n in ldpub.build(record).jsonld["@graph"] if n["@type"] == "NewsArticle")
    assert article["mentions"]


def test_names_the_authority_knows_link_to_its_entities() -> None:
    authority = Authority.from_turtle(
        PREFIX
        + '<taliban> a schema:Organization ; schema:name "Taliban" ; schema:alternateName "Afghan Taliban" .\n'
        + '<z-mujahid> a schema:Person ; schema:name "Zabihullah Mujahid" .\n'
    )
    record = extract_html(real_page(), source=REAL.name, authority=authority).record
    assert record["base"] == "https://news.example/"
    assert {"taliban", "z-mujahid"} <= set(record["entities"])
    assert not any(key.startswith("zabihullah") for key in record["entities"])
    assert any(c.get("author") == "z-mujahid" for c in record["claims"])


def test_cli_extract_of_a_page_with_the_newsrooms_authority(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGES / "html-jsonld.html"
    assert main(["extract", str(page), "--entities", str(ROOT / "vocab" / "entities.ttl")]) == 0
    out = capsys.readouterr()
    record = yaml.safe_load(out.out)
    assert record["about"] == ["al-tanf"]
    assert {"maghawir-al-thawra", "jordan", "al-rukban-camp"} <= set(record["mentions"])
    residents = next(c for c in record["claims"] if c["text"].startswith("The patrols had already begun"))
    assert residents["author"]["affiliation"] == "al-rukban-camp"
    assert "--entities applies to plain text only" not in out.err
    # The bylines from the page's metadata are kept beside the entities of its body.
    assert record["authors"] and set(record["authors"]) <= set(record["entities"]) | {"publisher"}


def test_linking_can_be_left_out() -> None:
    record = extract_html_file(PAGES / "html-jsonld.html", link=False).record
    assert "claims" not in record and "mentions" not in record
