"""Every command and option of ``ldpub`` says what it is for, and docs/ shows each of them: the test walks
the whole argparse tree (every command, every action of ``entities``, every option and argument)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from ldpub.cli import main, make_parser
from tests.support import ROOT

DOCS = "\n".join(page.read_text(encoding="utf-8") for page in sorted((ROOT / "docs").glob("*.md")))
# the lines of the docs' code blocks (sh, console, bash…), a `$ ` prompt and line continuations undone
EXAMPLES = [
    line.strip().removeprefix("$ ")
    for block in re.findall(r"```[a-z]*\n(.*?)```", DOCS, re.S)
    for line in block.replace("\\\n", " ").splitlines()
]


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str | None, argparse.ArgumentParser]]:
    """(command path, its help line, its parser) for every command and sub-command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), helps.get(name), sub
                yield from commands(sub, (*path, name))


def options(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in parser._actions:
        if not isinstance(action, (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)):
            yield action


ALL = list(commands(make_parser()))
OPTIONS = [(path, action) for path, _, parser in ALL for action in options(parser)]


def test_the_walk_sees_every_command() -> None:
    names = {" ".join(path) for path, _, _ in ALL}
    assert {"build", "validate", "extract", "embed", "load", "unload", "sparql", "diff", "graph", "serve"} <= names
    assert {"entities list", "entities add", "entities add-name", "entities candidates"} <= names
    assert len(OPTIONS) > 70


@pytest.mark.parametrize(
    ("path", "help_line"), [(p, h) for p, h, _ in ALL], ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_command_has_a_help_line_and_an_example_in_docs(path: tuple[str, ...], help_line: str | None) -> None:
    command = "ldpub " + " ".join(path)
    assert help_line and len(help_line.split()) >= 3, f"{command}: no help line in `ldpub --help`"
    example = re.compile(re.escape(command) + r"(\s|$)")
    assert any(example.match(line) for line in EXAMPLES), f"{command}: no example in docs/"


@pytest.mark.parametrize(
    ("path", "action"),
    OPTIONS,
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else (v.option_strings or [v.dest])[-1],
)
def test_every_option_has_help_and_is_named_in_docs(path: tuple[str, ...], action: argparse.Action) -> None:
    name = f"ldpub {' '.join(path)} {'/'.join(action.option_strings) or action.metavar or action.dest}"
    assert action.help and action.help != argparse.SUPPRESS, f"{name}: no help"
    assert len(action.help.split()) >= 3, f"{name}: help too thin ({action.help!r})"
    if action.option_strings:  # an option is named in docs/ by one of its names
        assert any(re.search(re.escape(o) + r"(?![\w-])", DOCS) for o in action.option_strings), f"{name}: not in docs/"


def test_the_help_of_unload_and_of_the_authority_option(capsys: pytest.CaptureFixture[str]) -> None:
    """The two the issue found thin: `unload` had no description, `--entities` no help at all."""
    assert main(["unload", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Remove each article's named graph" in out and "Example: ldpub unload https://" in out
    for action in ("list", "add", "add-name", "candidates"):
        assert main(["entities", action, "--help"]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "--authority FILE, --entities FILE the newsroom's entity authority" in out, action
