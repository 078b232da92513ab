"""The first hour of a new user: each mistake of issue 12 gets a message that says what to do next."""

from __future__ import annotations

from pathlib import Path

import pytest

import ldpub
from ldpub.cli import main
from tests.support import ROOT

RECORD = ROOT / "examples" / "border-patrols-amman.yaml"
PAGE = ROOT / "examples" / "pages" / "syrian-observer-al-tanf.html"

BAD_RECORD = """\
url: https://example.org/a
headlin: Something happened
subtitle: more
published: 2024-01-01T10:00:00Z
language: en
body: Text.
authors: [jane-doe]
about: [tonw]
entities:
  jane-do:
    type: Person
    name: Jane Doe
  town:
    type: Town
    name: Somewhere
"""


def errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"ldpub {ldpub.__version__}\n"


def test_build_of_a_page_names_extract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(PAGE)]) == 1
    assert errors(capsys) == [
        f"ldpub: error: {PAGE} is an HTML page, not an article record; make a record from it with "
        f"`ldpub extract {PAGE} -o syrian-observer-al-tanf.yaml`, then `ldpub build syrian-observer-al-tanf.yaml`"
    ]


def test_build_of_a_page_on_stdin_names_extract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PAGE.read_text()))
    assert main(["build", "-"]) == 1
    assert errors(capsys) == [
        "ldpub: error: standard input is an HTML page, not an article record; save it (page.html) and make a "
        "record from it with `ldpub extract page.html -o page.yaml`, then `ldpub build page.yaml`"
    ]


def test_build_of_built_output_names_validate_and_load(capsys: pytest.CaptureFixture[str]) -> None:
    built = ROOT / "examples" / "border-patrols-amman.jsonld"
    assert main(["build", str(built)]) == 1
    assert errors(capsys) == [
        f"ldpub: error: {built} is already built output, not an article record; check it with "
        f"`ldpub validate {built}` or load it with `ldpub load {built}`"
    ]


def test_validate_of_a_record_names_build(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(RECORD)]) == 2
    assert errors(capsys) == [
        f"ldpub: error: {RECORD} is an article record (YAML), not JSON-LD or HTML; check it with "
        f"`ldpub build {RECORD}` (it reports every problem of the record), or validate what it builds: "
        f"`ldpub build {RECORD} | ldpub validate -`"
    ]


def test_every_problem_of_a_record_in_one_run_at_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_RECORD)
    assert main(["build", str(bad)]) == 1
    assert errors(capsys) == [
        f'ldpub: error: {bad}:1:1: /: "headline" is a required property',
        f"ldpub: error: {bad}:2:1: /headlin: unknown field 'headlin'; did you mean 'headline'?",
        f"ldpub: error: {bad}:3:1: /subtitle: unknown field 'subtitle'; did you mean 'alternative_headline'?",
        f"ldpub: error: {bad}:7:11: /authors/0: unknown entity 'jane-doe'; expected a key of /entities or "
        "'publisher'; did you mean 'jane-do'?",
        f"ldpub: error: {bad}:8:9: /about/0: unknown entity 'tonw'; expected a key of /entities or 'publisher'; "
        "did you mean 'town'?",
        f"ldpub: error: {bad}:14:11: /entities/town/type: 'Town' is not one of Person, Organization, "
        "NewsMediaOrganization, GovernmentOrganization, Corporation, NGO, PoliticalParty, Place, Country, State, "
        "City, AdministrativeArea, Landform, CivicStructure, Accommodation",
    ]


def test_unknown_field_without_a_close_name_lists_the_fields(tmp_path: Path) -> None:
    text = RECORD.read_text() + "colour: blue\n"
    with pytest.raises(ldpub.RecordInvalid) as caught:
        ldpub.build(ldpub.parse_record(text, file="r.yaml"))
    (error,) = caught.value.errors
    assert error.location.line == len(text.splitlines())
    assert error.location.column == 1
    assert error.message.startswith("unknown field 'colour'; expected one of about, alternative_headline, audio")
