"""The entities an extraction proposes: its candidate warnings with the record's entity for each."""

from __future__ import annotations

from ldpub.entities.proposed import proposed_entities
from ldpub.errors import Location
from ldpub.extract import ExtractOptions, extract
from ldpub.read.result import ExtractWarning
from tests.support import EXAMPLES


def test_the_seed_text_proposes_its_unknown_names_each_once_with_its_command() -> None:
    options = ExtractOptions(url="https://syrianobserver.com/news/x.html", published="2022-09-20T10:00:00+03:00")
    extracted = extract((EXAMPLES / "syrian-observer-al-tanf.txt").read_bytes(), "seed.txt", options)
    proposed = proposed_entities(extracted.record, extracted.warnings)
    keys = [p.key for p in proposed]
    assert len(keys) == len(set(keys)) > 10
    athr = next(p for p in proposed if p.key == "athr-press")
    assert (athr.type, athr.name, athr.pointer) == ("NewsMediaOrganization", "Athr Press", "/entities/athr-press")
    assert athr.command == "ldpub entities add athr-press --type NewsMediaOrganization --name 'Athr Press'"
    assert all(extracted.record["entities"][p.key]["name"] == p.name for p in proposed)


def test_only_candidate_warnings_of_entities_the_record_has() -> None:
    record = {"entities": {"a": {"type": "Person", "name": "A"}, "b": {"type": "Place", "name": "B"}}}
    warnings = [
        ExtractWarning("candidate Person 'A' (seen as 'A') is not in the authority file", Location("t", "/entities/a")),
        ExtractWarning("the byline names B twice", Location("t", "/entities/b")),  # not a candidate
        ExtractWarning("candidate Place 'C' is not in the authority file", Location("t", "/entities/c")),  # no entity
        ExtractWarning("candidate Person 'A' again", Location("t", "/entities/a")),  # once
        "a plain string warning",
    ]
    assert [p.key for p in proposed_entities(record, warnings)] == ["a"]
