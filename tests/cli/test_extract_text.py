"""``ldpub extract TEXT.txt --entities …``: the seed becomes a record that builds into the linked graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import ldpub
from ldpub.cli import main
from tests.seed_scoring import AUTHORITY, SEED_OPTIONS, SEED_TEXT
from tests.support import ROOT

SEED_ARGS = [
    "--entities",
    str(AUTHORITY),
    "--url",
    SEED_OPTIONS["url"],
    "--published",
    SEED_OPTIONS["published"],
    "--language",
    "en",
    "--original-language",
    "ar",
]


def _types(node: dict) -> set[str]:
    kind = node.get("@type", [])
    return {kind} if isinstance(kind, str) else set(kind)


def test_seed_text_to_record_to_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.yaml"
    assert main(["extract", str(SEED_TEXT), *SEED_ARGS, "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""  # the authority knows every name: nothing to report
    record = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert record["base"] == "https://syrianobserver.com/"
    article = ldpub.build(out)
    graph = article.jsonld["@graph"]
    by_type: dict[str, list[dict]] = {}
    for node in graph:
        for kind in _types(node):
            by_type.setdefault(kind, []).append(node)
    news = by_type["NewsArticle"][0]
    for chrome in ("Recommend article", "Sender's", "Receiver's Email", "Read Also", "has not verified"):
        assert chrome not in news["articleBody"]
    assert {"Person", "Organization", "GovernmentOrganization", "NewsMediaOrganization", "Place", "Country"} <= set(
        by_type
    )
    assert len(by_type["Claim"]) == 7
    qassem = "https://syrianobserver.com/entity/muhammad-farid-al-qassem"
    assert qassem in {p["@id"] for p in by_type["Person"]}
    assert {"@id": qassem} in news["about"]
    # The same archive entities as the hand-made record of the same article.
    hand_made = ldpub.build(ROOT / "examples" / "syrian-observer-al-tanf.yaml").jsonld["@graph"]
    entity_iris = {n["@id"] for n in graph if "/entity/" in n["@id"]}
    assert entity_iris == {n["@id"] for n in hand_made if "/entity/" in n["@id"]}
    claim = next(c for c in by_type["Claim"] if c["text"].startswith("With the efforts"))
    assert claim["author"] == {"@id": "https://syrianobserver.com/entity/abdullah-ii-of-jordan"}
    assert claim["appearance"] == {"@id": news["@id"]}
    assert f"<{qassem}> <http://schema.org/name> " in article.nquads() or f"<{qassem}> <https://schema.org/name> " in (
        article.nquads()
    )


def test_seed_without_authority_reports_candidates_and_still_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a for a in SEED_ARGS if a not in ("--entities", str(AUTHORITY))]
    out = tmp_path / "seed.json"
    assert main(["extract", str(SEED_TEXT), *args, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "candidate Person 'Abdullah II of Jordan'" in err
    assert "ldpub entities add jordanian-intelligence --type Organization" in err
    ldpub.build(out)


def test_text_junk_and_oversized_inputs_are_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * 5000)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n")
    code = main(["extract", str(junk), str(big), str(empty), "--max-bytes", "10000", "-o", str(tmp_path / "out")])
    assert code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("ldpub: error: ") for line in lines)
    assert "binary" in lines[0] and "limit" in lines[1] and "empty" in lines[2]


def test_bad_authority_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix schema: <https://schema.org/> .\n<a> a schema:Person ; schema:name\n")
    assert main(["extract", str(SEED_TEXT), "--entities", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"ldpub: error: {bad}:")


@pytest.mark.parametrize("name", ["syrian-observer-al-tanf.yaml", "syrian-observer-al-tanf.jsonld"])
def test_extract_on_a_record_says_it_is_already_one(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(ROOT / "examples" / name)]) == 1
    err = capsys.readouterr().err
    assert "already a record" in err and len(err.strip().splitlines()) == 1
    assert "ldpub build" in err or "ldpub validate" in err


def test_a_record_given_as_text_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "story.txt"
    text.write_text((ROOT / "examples" / "syrian-observer-al-tanf.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "story.yaml"
    assert main(["extract", str(text), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "already a record" in err and "ldpub build" in err and "Traceback" not in err
    assert not out.exists()  # nothing written, not even half


def _one_line_refusal(args: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main([*args, "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "Errno" not in err
    assert not out.exists() and not list(out.parent.glob(f".{out.name}*"))  # nothing written, not even half
    return err


def test_bad_texts_get_a_one_line_message_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n")
    assert "the text is empty" in _one_line_refusal(["extract", str(empty)], tmp_path / "a.yaml", capsys)
    huge = tmp_path / "huge.txt"
    paragraph = "The council met on Monday and the mayor said the lanes would open in May. " * 20 + "\n\n"
    huge.write_text("A headline\n\n" + paragraph * (5_000_000 // len(paragraph)))
    assert huge.stat().st_size > 4_900_000
    assert "limit" in _one_line_refusal(["extract", str(huge)], tmp_path / "b.yaml", capsys)


def test_a_text_in_another_language_gives_a_record_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "greve.txt"
    text.write_text(
        "Grève au port de Marseille\n\nLes dockers du port de Marseille ont cessé le travail lundi, a annoncé le "
        "syndicat. Selon Jean Dupont, secrétaire général, la grève durera jusqu'à vendredi. Le ministre a appelé "
        "au dialogue, et les navires seront déroutés vers Toulon, selon la direction du port.\n",
        encoding="utf-8",
    )
    out = tmp_path / "greve.yaml"
    options = ["--url", "https://port.example/greve", "--published", "2024-05-01T09:00:00Z", "--language", "fr"]
    assert main(["extract", str(text), *options, "-o", str(out)]) == 0
    assert "does not read as English" in capsys.readouterr().err
    record = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert record["headline"] == "Grève au port de Marseille"
    assert main(["build", str(out), "-o", str(tmp_path / "built")]) == 0
