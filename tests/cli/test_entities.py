"""``ldpub entities list / add / candidates``: round trips, refusals, the file kept as written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ldpub.cli import main
from ldpub.entities import Authority
from ldpub.language.linking import link_text
from ldpub.read.html import extract_html
from tests.seed_scoring import AUTHORITY, SEED_TEXT


@pytest.fixture
def authority_file(tmp_path: Path) -> Path:
    path = tmp_path / "entities.ttl"
    shutil.copyfile(AUTHORITY, path)
    return path


def test_list_shows_every_entity_and_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", "list", "--entities", str(AUTHORITY), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(Authority.load(AUTHORITY).entities)
    qassem = next(r for r in rows if r["key"] == "muhammad-farid-al-qassem")
    assert qassem["type"] == "Person" and "Farid Qassem" in qassem["alternate_names"]
    assert main(["entities", "list", "--entities", str(AUTHORITY)]) == 0
    assert "al-tanf\tPlace\tal-Tanf; Tanf base" in capsys.readouterr().out


def test_add_then_list_round_trip_keeps_the_file_as_written(
    authority_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = authority_file.read_text(encoding="utf-8")
    args = ["entities", "add", "rana-haddad", "--type", "Person", "--name", "Rana Haddad"]
    args += ["--alternate-name", "Rana al-Haddad", "--alternate-name", 'R. "the pen" Haddad']
    args += ["--same-as", "https://www.wikidata.org/wiki/Q42", "--entities", str(authority_file)]
    assert main(args) == 0
    after = authority_file.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # comments and layout untouched
    assert "<https://syrianobserver.com/entity/rana-haddad> a schema:Person ;" in after
    loaded = Authority.load(authority_file)
    added = loaded.entities["rana-haddad"]
    assert added.alternate_names == ("Rana al-Haddad", 'R. "the pen" Haddad')
    assert added.same_as == ("https://www.wikidata.org/wiki/Q42",)
    assert len(loaded.entities) == len(Authority.load(AUTHORITY).entities) + 1
    capsys.readouterr()
    assert main(["entities", "list", "--entities", str(authority_file)]) == 0
    assert "rana-haddad\tPerson\tRana Haddad; Rana al-Haddad" in capsys.readouterr().out
    # and the new entry is linked in text, under a variant spelling too
    linking = link_text("H", "Rana el-Hadad wrote it.", loaded)
    assert [m.key for m in linking.body] == ["rana-haddad"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["al-tanf", "--type", "Place", "--name", "Somewhere"], "already in the authority file"),
        (["qassem-two", "--type", "Person", "--name", "Kassem"], "already names muhammad-farid-al-qassem"),
        (["Bad Key", "--type", "Person", "--name", "X"], "is not a key"),
        (["x", "--type", "Movie", "--name", "X"], "unknown type"),
        (["x", "--type", "Person", "--name", "X", "--same-as", "not an iri"], "not an absolute"),
        (["x", "--type", "Person", "--name", "  "], "empty"),
    ],
)
def test_add_refusals_leave_the_file_unchanged(
    authority_file: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = authority_file.read_bytes()
    assert main(["entities", "add", *args, "--entities", str(authority_file)]) == 1
    assert message in capsys.readouterr().err
    assert authority_file.read_bytes() == before
    assert [p.name for p in authority_file.parent.iterdir()] == ["entities.ttl"]  # no temporary left


def test_add_to_a_new_file_needs_a_base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.ttl"
    assert main(["entities", "add", "amman", "--type", "City", "--name", "Amman", "--entities", str(path)]) == 1
    assert "--base" in capsys.readouterr().err and not path.exists()
    args = ["entities", "add", "amman", "--type", "City", "--name", "Amman", "--base", "https://news.example"]
    assert main([*args, "--entities", str(path)]) == 0
    assert Authority.load(path).entities["amman"].iri == "https://news.example/entity/amman"


def test_candidates_command_prints_ready_add_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix schema: <https://schema.org/> .\n")
    assert main(["entities", "candidates", str(SEED_TEXT), "--entities", str(empty), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"key": "macfarlane", "type": "Person", "name": "MacFarlane"}.items() <= next(
        r for r in rows if r["key"] == "macfarlane"
    ).items()
    assert main(["entities", "candidates", str(SEED_TEXT), "--entities", str(AUTHORITY)]) == 0
    assert capsys.readouterr().out == ""  # the newsroom's file knows every name in the seed
    assert main(["entities", "candidates", str(SEED_TEXT), "--entities", str(empty)]) == 0
    out = capsys.readouterr().out
    assert "ldpub entities add al-rukban-camp --type Place --name al-Rukban camp" not in out  # quoted for the shell
    assert "ldpub entities add al-rukban-camp --type Place --name 'al-Rukban camp'" in out


def test_add_name_to_an_existing_entity(authority_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = authority_file.read_text(encoding="utf-8")
    assert (
        main(["entities", "add-name", "us-central-command", "Central Command", "--entities", str(authority_file)]) == 0
    )
    assert authority_file.read_text(encoding="utf-8").startswith(before.rstrip("\n"))
    loaded = Authority.load(authority_file)
    assert "Central Command" in loaded.entities["us-central-command"].alternate_names
    assert [m.key for m in loaded.find_mentions("The Central Command said so.")] == ["us-central-command"]
    refusals = [
        (["us-central-command", "Qassem"], "already names muhammad-farid-al-qassem"),
        (["us-central-command", "centcom"], "already a spelling of 'us-central-command'"),
        (["nobody", "X"], "not in the authority file"),
    ]
    for args, message in refusals:
        unchanged = authority_file.read_bytes()
        assert main(["entities", "add-name", *args, "--entities", str(authority_file)]) == 1
        assert message in capsys.readouterr().err
        assert authority_file.read_bytes() == unchanged


def test_a_candidate_that_may_be_a_known_entity_says_how_to_merge_it(tmp_path: Path) -> None:
    from ldpub.read.text import extract_text
    from tests.seed_scoring import SEED_DIR

    names_only = Authority.load(SEED_DIR / "authority-names-only.ttl")
    warnings = [str(w) for w in extract_text(SEED_TEXT.read_text(), authority=names_only).warnings]
    hint = next(w for w in warnings if "'US Central Command'" in w)
    assert "ldpub entities add-name us-central-command 'US Central Command'" in hint


def test_candidates_of_a_page_come_from_its_article_not_its_markup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = Path(__file__).resolve().parents[2] / "examples" / "pages" / "syrian-observer-al-tanf.html"
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix schema: <https://schema.org/> .\n")
    assert main(["entities", "candidates", str(page), "--entities", str(empty), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    article = extract_html(page.read_bytes(), link=False).record
    text = article["headline"] + "\n" + article["body"]
    assert len(rows) >= 10
    assert all(row["seen_as"] in text for row in rows)  # names of the article, none of the markup or chrome
    assert {"Muhammad Farid al-Qassem", "al-Rukban camp"} <= {row["name"] for row in rows}


def test_candidates_of_a_record_say_to_build_it(capsys: pytest.CaptureFixture[str]) -> None:
    record = Path(__file__).resolve().parents[2] / "examples" / "syrian-observer-al-tanf.yaml"
    assert main(["entities", "candidates", str(record)]) == 1
    assert "already a record" in capsys.readouterr().err


@pytest.mark.parametrize(
    "base", ["https://news.example.org", "https://news.example.org/", "https://news.example.org/entity/"]
)
def test_add_base_is_used_as_given_never_doubling_entity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], base: str
) -> None:
    path = tmp_path / "entities.ttl"
    args = ["entities", "add", "rana-haddad", "--type", "Person", "--name", "Rana Haddad", "--base", base]
    assert main([*args, "--authority", str(path)]) == 0
    assert "<https://news.example.org/entity/rana-haddad>" in capsys.readouterr().err
    assert Authority.load(path).entities["rana-haddad"].iri == "https://news.example.org/entity/rana-haddad"
    assert "entity/entity" not in path.read_text(encoding="utf-8")


@pytest.fixture
def stray_authority(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding a vocab/entities.ttl of its own, as a newsroom's checkout may."""
    stray = tmp_path / "vocab" / "entities.ttl"
    stray.parent.mkdir()
    stray.write_text(
        "@prefix schema: <https://schema.org/> .\n"
        '<https://stray.example/entity/x> a schema:Person ; schema:name "Stray Person" .\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return stray


def test_the_working_directory_never_chooses_the_authority(
    stray_authority: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stray_authority.read_bytes()
    assert main(["entities", "list"]) == 0  # the sample ldpub ships, whatever the folder holds
    out = capsys.readouterr().out
    assert "Stray Person" not in out and "muhammad-farid-al-qassem\tPerson" in out
    # writing needs a file named on purpose
    assert main(["entities", "add", "y", "--type", "Person", "--name", "Y Person", "--base", "https://a.example/"]) == 2
    assert "which authority file? pass --authority FILE" in capsys.readouterr().err
    assert main(["entities", "add-name", "x", "Another Spelling"]) == 2
    assert stray_authority.read_bytes() == before
    assert sorted(p.name for p in stray_authority.parents[1].iterdir()) == ["vocab"]


def test_the_settings_name_the_authority_relative_to_themselves(
    stray_authority: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    shutil.copyfile(AUTHORITY, newsroom / "people.ttl")
    settings = newsroom / "settings.yaml"
    settings.write_text("timezone: Asia/Damascus\nauthority: people.ttl\n", encoding="utf-8")
    assert main(["entities", "list", "--settings", str(settings)]) == 0
    assert "al-tanf\tPlace" in capsys.readouterr().out
    args = ["entities", "add", "rana-haddad", "--type", "Person", "--name", "Rana Haddad"]
    assert main([*args, "--settings", str(settings)]) == 0
    assert "rana-haddad" in Authority.load(newsroom / "people.ttl").entities
    assert "rana-haddad" not in stray_authority.read_text(encoding="utf-8")
    # --authority wins over the settings; --entities is the same option
    assert main(["entities", "list", "--settings", str(settings), "--entities", str(stray_authority)]) == 0
    assert capsys.readouterr().out.startswith("x\tPerson\tStray Person")
    # extract links names with the settings' authority too
    out = tmp_path / "seed.yaml"
    assert main(["extract", str(SEED_TEXT), "--settings", str(settings), "-o", str(out)]) in (0, 1)
    assert "base: https://syrianobserver.com/" in out.read_text(encoding="utf-8")  # the authority's entities
    assert "- matthew-mcfarlane" in out.read_text(encoding="utf-8")  # "MacFarlane" linked to its entity
    assert main(["extract", str(SEED_TEXT), "-o", str(tmp_path / "unlinked.yaml")]) in (0, 1)
    assert "- matthew-mcfarlane" not in (tmp_path / "unlinked.yaml").read_text(encoding="utf-8")
