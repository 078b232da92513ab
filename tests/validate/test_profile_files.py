"""User profiles: a JSON Schema (jsonschema-rs) or SHACL shapes (pySHACL), given by file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ldpub.cli import main
from ldpub.validate import Validator
from tests.support import EXAMPLES

from .conftest import DATA

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <http://schema.org/> .
@prefix ex: <https://news.example.org/shapes#> .

ex:PersonJob a sh:NodeShape ;
    sh:targetClass schema:Person ;
    sh:property [ sh:path schema:jobTitle ; sh:minCount 1 ; sh:severity sh:Warning ;
                  sh:message "people should have a job title" ] .
"""


def test_shacl_severity_becomes_the_finding_severity_and_points_at_the_node(tmp_path: Path) -> None:
    shapes = tmp_path / "people.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    doc = {
        "@context": "https://schema.org",
        "@graph": [
            {"@id": "https://ex.org/#a", "@type": "Person", "name": "A", "jobTitle": "Editor"},
            {"@id": "https://ex.org/#b", "@type": "Person", "name": "B"},
        ],
    }
    report = Validator([str(shapes)]).check_bytes(json.dumps(doc, indent=1).encode(), "g.jsonld", suffix=".jsonld")
    [finding] = report.findings
    assert (finding.code, finding.severity, finding.pointer) == ("PR002", "warning", "/@graph/1")
    assert finding.node_id == "https://ex.org/#b" and "job title" in finding.message
    assert finding.line == 10  # the line of the node's opening brace
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_json_schema_profile_points_into_the_document(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {"@graph": {"type": "array", "items": {"required": ["@id"]}}},
    }
    path = tmp_path / "ids.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    doc = {"@context": "https://schema.org", "@graph": [{"@id": "https://ex.org/#a"}, {"@type": "Thing", "name": "x"}]}
    [finding] = Validator([str(path)]).check_bytes(json.dumps(doc).encode(), "g.jsonld", suffix=".jsonld").findings
    assert (finding.code, finding.severity, finding.pointer) == ("PR001", "error", "/@graph/1")
    assert "@id" in finding.message


def test_examples_pass_a_shacl_house_profile(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["validate", str(EXAMPLES), "--profile", str(DATA / "profile-inlanguage.shacl.ttl")]
    assert main(args) == 0, capsys.readouterr().out


def test_bad_shacl_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    assert main(["validate", str(EXAMPLES), "--profile", str(bad)]) == 2
    assert "bad.ttl" in capsys.readouterr().err
