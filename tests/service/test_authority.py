"""The service and the authority file: names in texts linked to ``--authority FILE``, candidates listed
with the command that accepts them, and ``POST /authority/entities`` writing only on a service started
with ``--authority FILE --writable`` (403 otherwise, nothing written)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from ldpub.cli import main
from ldpub.entities import Authority
from ldpub.errors import UsageError
from ldpub.service import ServiceSettings, make_app
from tests.support import EXAMPLES

SMALL = """@prefix schema: <https://schema.org/> .
<https://syrianobserver.com/entity/muhammad-farid-al-qassem> a schema:Person ;
    schema:name "Muhammad Farid al-Qassem" ; schema:alternateName "Farid Qassem", "Qassem" .
"""
TEXT = (EXAMPLES / "syrian-observer-al-tanf.txt").read_bytes()
FIELDS = "url=https://syrianobserver.com/news/x.html&published=2022-09-20T10:00&timezone=Asia/Damascus&language=en"
ATHR = {"key": "athr-press", "type": "NewsMediaOrganization", "name": "Athr Press"}


@pytest.fixture
def authority(tmp_path: Path) -> Path:
    path = tmp_path / "entities.ttl"
    path.write_text(SMALL, encoding="utf-8")
    return path


@contextmanager
def client(**settings: object) -> Iterator[TestClient]:
    with TestClient(make_app(ServiceSettings(**settings))) as test_client:  # type: ignore[arg-type]
        yield test_client


def candidates(http: TestClient) -> dict[str, dict[str, str]]:
    answer = http.post(f"/extract?name=seed.txt&{FIELDS}", content=TEXT)
    assert answer.status_code == 200, answer.text
    return {c["key"]: c for c in answer.json()["candidates"]}


def test_without_an_authority_names_are_candidates_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with client() as http:
        assert http.get("/authority").json() == {"authority": False, "writable": False, "entities": 0}
        found = candidates(http)
        assert found["muhammad-farid-al-qassem"]["command"] == (
            "ldpub entities add muhammad-farid-al-qassem --type Person --name 'Muhammad Farid al-Qassem'"
        )
        refused = http.post("/authority/entities", json=ATHR)
        assert refused.status_code == 403
        assert refused.json()["error"]["message"] == (
            "this service does not add to an authority file (start it with --authority FILE --writable)"
        )
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_authority_links_names_and_is_never_written(authority: Path) -> None:
    before = authority.read_bytes()
    with client(authority=str(authority)) as http:
        assert http.get("/authority").json() == {"authority": True, "writable": False, "entities": 1}
        found = candidates(http)
        assert "muhammad-farid-al-qassem" not in found and "athr-press" in found  # linked, not proposed
        assert http.post("/authority/entities", json=ATHR).status_code == 403
    assert authority.read_bytes() == before


def test_a_writable_authority_takes_an_accepted_candidate(authority: Path) -> None:
    with client(authority=str(authority), writable=True) as http:
        assert http.get("/authority").json() == {"authority": True, "writable": True, "entities": 1}
        assert "athr-press" in candidates(http)
        added = http.post("/authority/entities", json=ATHR)
        assert added.status_code == 201, added.text
        assert added.json() == {
            **ATHR,
            "iri": "https://syrianobserver.com/entity/athr-press",
            "alternate_names": [],
            "same_as": [],
        }
        assert "athr-press" not in candidates(http)  # the file is read again: the name is linked now
        assert http.get("/authority").json()["entities"] == 2
    assert authority.read_text(encoding="utf-8").startswith(SMALL)  # appended; the rest as written
    assert Authority.load(authority).entities["athr-press"].type == "NewsMediaOrganization"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"key": "muhammad-farid-al-qassem", "type": "Person", "name": "M. F. al-Qassem"}, "already in the authority"),
        ({"key": "x", "type": "Spaceship", "name": "X"}, "unknown type 'Spaceship'"),
        ({"key": "x", "type": "Person"}, "the body has no name"),
        ({"key": "x", "type": "Person", "name": 7}, "name must be a string"),
        ({"key": "x", "type": "Person", "name": "X", "same_as": "https://a.example/"}, "same_as must be a list"),
        ({"key": "Not A Key", "type": "Person", "name": "X"}, "is not a key"),
        ({"key": "y", "type": "Person", "name": "Qassem"}, "Qassem"),  # a spelling another entity has
    ],
)
def test_a_bad_entry_is_refused_and_the_file_kept(authority: Path, body: dict[str, object], message: str) -> None:
    before = authority.read_bytes()
    with client(authority=str(authority), writable=True) as http:
        answer = http.post("/authority/entities", json=body)
        assert answer.status_code == 422, answer.text
        assert message in answer.json()["error"]["message"]
    assert authority.read_bytes() == before


def test_writable_needs_an_authority_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UsageError, match="--writable needs --authority FILE"):
        make_app(ServiceSettings(writable=True))
    assert main(["serve", "--writable", "--port", "1"]) == 2
    assert "--writable needs --authority FILE" in capsys.readouterr().err


def test_extract_findings_carry_severity_and_place() -> None:
    with client() as http:
        answer = http.post("/extract?name=seed.txt", content=TEXT).json()
        assert not answer["complete"]
        errors = [f for f in answer["findings"] if f["severity"] == "error"]
        assert '"url" is a required property' in {f["message"] for f in errors}  # a date is only recommended
        assert any(f["pointer"] == "/published" for f in answer["findings"] if f["severity"] == "warning")
        assert all("pointer" in f for f in answer["findings"])
        assert len(answer["findings"]) == len(answer["warnings"]) + len(answer["problems"])
