"""Input discovery: one rule for every command, which files a folder holds and of which kind."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest
import yaml

from ldpub import build
from ldpub.archive.articles import SUFFIXES as LOAD_SUFFIXES
from ldpub.cli import main
from ldpub.inputs import BUILD, EXTRACT, LOAD, VALIDATE, Kind, find_inputs, kind_of, suffixes
from tests.support import EXAMPLE_RECORDS, EXAMPLES, ROOT, SEED

PAGE = EXAMPLES / "pages" / "syrian-observer-al-tanf.html"


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A folder of one real page under three suffixes, one without a suffix, and what is no page."""
    folder = tmp_path / "site"
    (folder / "2024").mkdir(parents=True)
    for name in ("a.html", "b.php", "2024/c.shtml", "d"):
        shutil.copy(PAGE, folder / name)
    (folder / "style.css").write_text("body { color: red }")
    (folder / "README").write_text("not a page\n")
    return folder


def test_validate_and_extract_read_the_same_files_of_a_folder(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(pages), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    validated = sorted(Path(f).relative_to(pages).as_posix() for f in report["files"])
    out = tmp_path / "records"
    assert main(["extract", str(pages), "-o", str(out), "-j", "1"]) == 0
    extracted = sorted(p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.yaml"))
    assert validated == ["2024/c.shtml", "a.html", "b.php", "d"]
    assert extracted == ["2024/c", "a", "b", "d"]


def test_a_file_named_without_a_known_suffix_is_told_by_its_content(tmp_path: Path) -> None:
    page, text = tmp_path / "story", tmp_path / "note"
    shutil.copy(PAGE, page)
    text.write_text("Just words.\n")
    assert kind_of(str(page), page.read_bytes) is Kind.PAGE
    assert kind_of(str(text), text.read_bytes) is None
    assert kind_of("x.yaml", lambda: pytest.fail("the suffix says it")) is Kind.RECORD


def test_a_missing_path_and_an_empty_folder_are_problems_beside_the_inputs(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    found = find_inputs([SEED, tmp_path / "empty", tmp_path / "missing.yaml", "-"], BUILD)
    assert [i.path for i in found.inputs] == [str(SEED), "-"]
    assert [str(p) for p in found.problems] == [
        f"no input found in {tmp_path / 'empty'}: it holds no article records (.json, .yaml, .yml)",
        f"{tmp_path / 'missing.yaml'}: no such file or directory; check the path",
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["validate"],
        ["extract"],
        ["entities", "candidates"],
        ["load", "--store", "STORE"],
    ],
    ids=lambda c: c[0],
)
def test_every_command_that_takes_inputs_says_an_empty_folder_holds_none(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.css").write_text("not an input of any command")
    args = [str(tmp_path / "store") if a == "STORE" else a for a in command]
    assert main([*args, str(empty)]) == 2
    err = capsys.readouterr().err
    assert f"ldpub: error: no input found in {empty}: it holds no " in err
    assert not (tmp_path / "store").exists()  # load opened nothing


def test_build_takes_a_folder_and_mirrors_its_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "records"
    (records / "2024").mkdir(parents=True)
    for record in EXAMPLE_RECORDS:
        shutil.copy(record, records / record.name)
    shutil.copy(SEED, records / "2024" / "again.yaml")
    (records / "notes.txt").write_text("not a record")
    out = tmp_path / "out"
    assert main(["build", str(records), "--out", str(out)]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == sorted(["2024/again.jsonld", *(f"{r.stem}.jsonld" for r in EXAMPLE_RECORDS)])
    for record in EXAMPLE_RECORDS:
        assert json.loads((out / f"{record.stem}.jsonld").read_text()) == build(record).jsonld


def test_several_articles_on_stdout_are_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", *map(str, EXAMPLE_RECORDS), "-j", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == [build(r).jsonld for r in EXAMPLE_RECORDS]
    assert main(["build", str(SEED)]) == 0  # one article: the indented document, as before
    assert capsys.readouterr().out == build(SEED).to_json()


def test_several_extracted_records_on_stdout_are_json_lines_or_one_yaml_stream(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(pages / "a.html"), str(pages / "b.php"), "--format", "json", "-j", "1"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["extract", str(pages / "a.html"), str(pages / "b.php"), "-j", "1"]) == 0
    assert list(yaml.safe_load_all(capsys.readouterr().out)) == records
    assert len(records) == 2 and records[0]["headline"] == records[1]["headline"]


def test_the_load_suffixes_are_the_discovery_rules() -> None:
    assert set(LOAD_SUFFIXES) == suffixes(*LOAD.kinds)
    assert suffixes(Kind.PAGE) <= suffixes(*VALIDATE.kinds) and suffixes(Kind.PAGE) <= suffixes(*EXTRACT.kinds)


def test_no_module_keeps_its_own_list_of_suffixes() -> None:
    """One definition: a set, tuple or list of suffix literals (".html", ".yaml" …) is only in ldpub/inputs.py."""
    known = set(suffixes(*Kind))
    found = []
    for path in sorted((ROOT / "ldpub").rglob("*.py")):
        if path.name == "inputs.py" and path.parent.name == "ldpub":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
                values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(values) > 1 and sum(v in known for v in values) > 1:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_output_names_are_the_input_names_with_the_suffix_a_path_would_replace() -> None:
    """Output names are made by string operations for the usual names, and by PurePath for the
    rest: the same names as PurePath's ``with_suffix`` (or the extension added) for all of them."""
    from pathlib import PurePath

    from ldpub.inputs import output_name

    names = [
        "a.yaml",
        "a.json",
        "2024/05/a.yml",
        "a",
        "a.",
        ".a",
        ".a.json",
        "a.b.json",
        "dir.d/a",
        "dir.d/a.json",
        "./a.json",
        "a//b.json",
        "a/./b.json",
        "a/../b.json",
        "a/.hidden/b.json",
        "a/",
        "a.json/",
        "x/.json",
        "é/ü.json",
        "a b/c d.yaml",
        "..",
        "a/..json",
    ]
    for name in names:
        path = PurePath(name)
        expected = str(path.with_suffix(".jsonld")) if path.suffix else name + ".jsonld"
        assert output_name(name, ".jsonld") == expected, name
