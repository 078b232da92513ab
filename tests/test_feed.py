"""ldpub feed --claims: the ClaimReview data feed, a schema.org DataFeed that ldpub validate passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ldpub.cli import main
from tests.support import EXAMPLES, SEED


def test_the_feed_holds_every_review_and_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "claims.jsonld"
    assert main(["feed", "--claims", str(EXAMPLES), "--now", "2024-01-01T00:00:00Z", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    feed = doc["@graph"][0]
    assert feed["@type"] == "DataFeed" and feed["dateModified"] == "2024-01-01T00:00:00+00:00"
    nodes = {n["@id"]: n for n in doc["@graph"]}
    reviews = [nodes[e["@id"]] for e in feed["dataFeedElement"]]
    records = sorted(EXAMPLES.rglob("*.yaml"))  # the folder's records, as ldpub build finds them
    written = sum(len(yaml.safe_load(p.read_text(encoding="utf-8")).get("reviews", [])) for p in records)
    assert written > 1 and [r["@type"] for r in reviews] == ["ClaimReview"] * written  # every one, once
    for review in reviews:  # each stands alone: its claim, rating and reviewer are in the feed
        assert {review["itemReviewed"]["@id"], review["reviewRating"]["@id"], review["author"]["@id"]} <= nodes.keys()
    capsys.readouterr()
    code = main(["validate", str(out), "-p", "google-claimreview", "-p", "ldpub", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["findings"] == []


def test_no_review_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "claims.jsonld"
    assert main(["feed", "--claims", str(SEED), "-o", str(out)]) == 1
    assert not out.exists()
    assert "hold no ClaimReview" in capsys.readouterr().err
