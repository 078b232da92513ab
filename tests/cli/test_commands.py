"""The command table the CLI starts from: every command found where the table says, and only there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ldpub.cli import COMMAND_MODULES, main, make_parser
from tests.support import SEED


def _commands(parser: Any) -> set[str]:
    (subparsers,) = [a for a in parser._actions if a.dest == "command"]
    return set(subparsers.choices)


def test_the_table_names_every_command_and_its_module() -> None:
    assert _commands(make_parser()) == set(COMMAND_MODULES)
    for command in COMMAND_MODULES:
        assert command in _commands(make_parser(command)), f"{command} is not registered by its module"


def test_a_command_run_imports_no_other_commands_module() -> None:
    code = (
        "import sys; from ldpub.cli import main; main(['validate', '--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('ldpub.cli.') and not m.startswith('ldpub.cli._')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "['ldpub.cli.validate']"
    for heavy in ("ldpub.pipeline", "ldpub.embed", "ldpub.service"):
        probe = f"{code}\nprint({heavy!r} in sys.modules)"
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        assert out.stdout.strip().splitlines()[-1] == "False", heavy


def test_building_json_records_to_a_folder_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    """``build DIR --out OUT`` of JSON records (JSON-LD, the default format) loads no YAML reader,
    no RDF library and none of the other commands' heavy modules: each is start-up time of
    every run."""
    record = tmp_path / "a.json"
    record.write_text(json.dumps(yaml.safe_load(SEED.read_text(encoding="utf-8"))), encoding="utf-8")
    heavy = ["yaml", "pyoxigraph", "pyld", "rdflib", "spacy", "jsonschema", "ldpub.service", "ldpub.archive"]
    code = (
        f"import sys; from ldpub.cli import main; code = main(['build', {str(record)!r}, '--out', {str(tmp_path)!r}])\n"
        f"print(code, [m for m in {heavy!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "0 []"
    assert (tmp_path / "a.jsonld").is_file()


def test_an_unknown_command_lists_them_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valdiate", "x.jsonld"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'valdiate'" in err and "validate" in err and "sparql" in err
