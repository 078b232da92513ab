"""Depth, size, alias and number limits: one place, at parsing, the same message from every command.

Each input here used to end in a traceback, or in a process killed for its memory (issue 29):
JSON nested 1,000 deep (RecursionError) or 300 deep (orjson's "Recursion limit reached" when
written back), a 4,301-digit number (int()'s digit limit), a lone surrogate (an
AttributeError in graph and diff), a YAML "billion laughs" record (8–12 GB).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from ldpub.cli import main
from ldpub.errors import InputError
from ldpub.limits import (
    DEPTH_MESSAGE,
    MAX_DEPTH,
    MAX_VALUES,
    SURROGATE_MESSAGE,
    LimitError,
    MalformedJSON,
    check_depth,
    parse_json,
)
from ldpub.record import parse_record
from tests.support import EXAMPLES

HEAD = '"url": "https://news.example.org/a.html", "headline": "h", "published": "2024-05-01T09:00:00+02:00", '
HEAD += '"publisher": {"name": "Example News", "url": "https://news.example.org/"}'
PAGE = EXAMPLES / "pages" / "syrian-observer-al-tanf.html"


def json_record(levels: int) -> str:
    """A JSON record whose containers nest ``levels`` deep in all (the record itself is one)."""
    inner = levels - 1
    return "{" + HEAD + ', "notes": ' + "[" * inner + "]" * inner + "}"


def jsonld(levels: int) -> str:
    """A JSON-LD article whose nodes nest ``levels`` deep in all."""
    inner = levels - 1
    head = '{"@context": "https://schema.org", "@type": "NewsArticle", "@id": "https://news.example.org/a.html", '
    return head + '"about": ' + '{"@type": "Thing", "about": ' * (inner - 1) + '{"name": "x"}' + "}" * inner


def bomb(levels: int = 9) -> str:
    """A record with a "billion laughs": each anchor names ten of the one below."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels + 1)]
    return yaml.safe_dump(json.loads("{" + HEAD + "}")) + "\n".join(lines) + "\n"


# --- the library ---------------------------------------------------------------------------------


def test_json_at_the_limit_is_read_and_past_it_is_refused_where_it_passes() -> None:
    assert parse_json(json_record(MAX_DEPTH))
    text = json_record(MAX_DEPTH + 1)
    with pytest.raises(LimitError) as info:
        parse_json(text.encode(), file="r.json")
    assert info.value.message == DEPTH_MESSAGE
    assert (info.value.location.file, info.value.location.line) == ("r.json", 1)
    assert info.value.location.column == text.index("[") + MAX_DEPTH  # the 101st bracket (the record's { is 1st)


@pytest.mark.parametrize("levels", [1_000, 1_025, 100_000])
def test_json_far_past_the_limit_gets_the_same_message(levels: int) -> None:
    # past 1,024 levels orjson stops by itself; Python's own reader would raise RecursionError
    with pytest.raises(LimitError, match=r"^r\.json:1:") as info:
        parse_json(json_record(levels), file="r.json")
    assert info.value.message == DEPTH_MESSAGE


def test_a_parsed_value_past_the_limit_is_refused_too() -> None:
    deep: list[object] = []
    for _ in range(MAX_DEPTH):
        deep = [deep]
    with pytest.raises(LimitError) as info:
        check_depth(deep)
    assert info.value.message == DEPTH_MESSAGE
    check_depth(deep[0])


def test_strings_full_of_brackets_do_not_count() -> None:
    text = json.dumps({"a": "[" * 500, "b": ["{" * 500]})
    assert parse_json(text)["a"] == "[" * 500


def test_a_4301_digit_number_is_a_message_in_json_and_yaml() -> None:
    number = "9" * 4301
    for text, fmt in ((f'{{"n": {number}}}', "json"), (f"n: {number}\n", "yaml")):
        with pytest.raises(LimitError, match="a number of 4,301 digits, too large to read") as info:
            parse_record(text, file=f"r.{fmt}", format=fmt)
        assert info.value.location.file == f"r.{fmt}" and info.value.location.line == 1


def test_a_yaml_integer_past_64_bits_is_read_as_json_would() -> None:
    big = "1" + "0" * 25
    assert parse_record(f"n: {big}\n").data["n"] == parse_json(f'{{"n": {big}}}')["n"] == 1e25
    assert parse_record("n: 18446744073709551615\n").data["n"] == 2**64 - 1


def test_a_lone_surrogate_is_a_message() -> None:
    with pytest.raises(LimitError) as info:
        parse_json('{"headline": "\\ud800"}', file="a.json")
    assert info.value.message == SURROGATE_MESSAGE and info.value.location.column is not None


def test_malformed_json_keeps_the_plain_words() -> None:
    with pytest.raises(MalformedJSON) as info:
        parse_json('{"a": 1,\n "b" 2}', file="a.json")
    assert str(info.value) == "a.json:2:6: malformed JSON: Expecting ':' delimiter"


def test_yaml_aliases_are_counted_as_what_they_stand_for() -> None:
    started = time.process_time()  # CPU time: what the check costs, whatever else the machine runs
    with pytest.raises(LimitError, match=f"values once its aliases .* are expanded, over the {MAX_VALUES:,} limit"):
        parse_record(bomb(), file="bomb.yaml")
    assert time.process_time() - started < 1  # a regression guard, generous: it takes milliseconds
    small = parse_record(bomb(levels=2), file="ok.yaml").data  # 1,000 values: an ordinary alias use
    assert len(small["a2"]) == 10 and small["a2"][0] is small["a1"]


def test_a_yaml_alias_inside_its_own_value_is_refused() -> None:
    with pytest.raises(LimitError, match=r"r.yaml:1:4: a YAML alias \(\*name\) inside the value it names"):
        parse_record("a: &x [1, *x]\n", file="r.yaml")


def test_yaml_past_the_depth_limit_gets_the_same_message() -> None:
    for levels in (MAX_DEPTH + 1, 5_000):  # libyaml stops at 1,000 levels by itself
        text = "notes: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"
        with pytest.raises(LimitError) as info:
            parse_record(text, file="r.yaml")
        assert info.value.message == DEPTH_MESSAGE and info.value.location.line == 1
    assert parse_record("notes: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n").data


# --- every command -------------------------------------------------------------------------------


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code, and what the command printed (validate's report goes to stdout)."""
    code = main(args)
    printed = capsys.readouterr()
    return code, printed.out + printed.err


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 1_000, 100_000])
def test_every_command_refuses_deep_input_with_exit_1_and_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], levels: int
) -> None:
    record = tmp_path / "deep.json"
    record.write_text(json_record(levels))
    doc = tmp_path / "deep.jsonld"
    doc.write_text(jsonld(levels))
    page = tmp_path / "deep.html"
    block = f'<script type="application/ld+json">{jsonld(levels)}</script>'
    page.write_text(PAGE.read_text().replace("</head>", block + "</head>"))
    runs = [
        ["build", str(record)],
        ["graph", str(record), "-o", str(tmp_path / "g.svg")],
        ["diff", str(record), str(record)],
        ["graph", str(doc), "-o", str(tmp_path / "g.svg")],
        ["diff", str(doc), str(doc)],
        ["embed", str(PAGE), "--graph", str(doc), "-o", str(tmp_path / "p.html")],
        ["load", "--store", str(tmp_path / "store"), str(doc)],
        ["validate", str(doc)],
        ["graph", str(page), "-o", str(tmp_path / "g.svg")],
        ["diff", str(page), str(page)],
    ]
    for args in runs:
        code, err = _cli(args, capsys)
        assert code == 1, (args, err)
        assert DEPTH_MESSAGE in err and "Traceback" not in err and "Recursion" not in err, (args, err)
    assert not (tmp_path / "g.svg").exists() and not (tmp_path / "p.html").exists()
    # validate reports the page's block as a finding at its line; extract ignores the block, saying why
    code, err = _cli(["validate", str(page)], capsys)
    assert code == 1
    code, err = _cli(["extract", str(page), "-o", str(tmp_path / "x.yaml")], capsys)
    assert f"JSON-LD block 2: {DEPTH_MESSAGE}; ignored" in err


def test_at_the_limit_every_command_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the limit is low enough that no later stage (mapping, RDF, diff, picture, embed) runs out of stack
    doc = tmp_path / "deep.jsonld"
    doc.write_text(jsonld(MAX_DEPTH))
    assert _cli(["graph", str(doc), "-o", str(tmp_path / "g.svg")], capsys)[0] == 0
    assert _cli(["diff", str(doc), str(doc)], capsys)[0] == 0
    assert _cli(["embed", str(PAGE), "--graph", str(doc), "-o", str(tmp_path / "p.html")], capsys)[0] == 0
    err = _cli(["validate", str(doc)], capsys)[1]
    assert "LD001" not in err and "Traceback" not in err


# Runs a command and reports, as the last two lines of stderr, the CPU time the command took (the
# interpreter's start is not the command's; CPU, not wall time, so that a busy machine does not
# count) and its peak memory (VmHWM, kB; ru_maxrss would not do: Linux carries it over from the
# forking parent, pytest, some hundreds of MB).
MEASURED = (
    "import re, sys, time\n"
    "from ldpub.cli import main\n"
    "started = time.process_time()\n"
    "code = main(sys.argv[1:])\n"
    "print(time.process_time() - started, file=sys.stderr)\n"
    "status = open('/proc/self/status').read()\n"
    "print(re.search(r'VmHWM:\\s*(\\d+)', status).group(1), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.mark.parametrize("command", ["build", "diff", "graph"])
def test_an_alias_bomb_stops_within_a_second_under_200_mb(tmp_path: Path, command: str) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb())
    args = {"build": [str(path)], "diff": [str(path), str(path)], "graph": [str(path), "-o", str(tmp_path / "g.svg")]}
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, command, *args[command]], capture_output=True, text=True, timeout=60
    )
    *messages, seconds, peak_kb = done.stderr.splitlines()
    assert done.returncode == 1, done.stderr
    assert "values once its aliases (*name) are expanded" in messages[0] and "Traceback" not in done.stderr
    # it was 8-12 GB, until killed; the command, its imports included, takes about 0.3 s (the check
    # itself milliseconds, test_yaml_aliases_are_counted_as_what_they_stand_for): a generous bound
    assert float(seconds) < 2, seconds
    assert int(peak_kb) < 200 * 1024


def test_an_oversized_input_is_refused_before_it_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ldpub.cli._stdio
    import ldpub.record

    monkeypatch.setattr(ldpub.cli._stdio, "MAX_BYTES", 1000)
    monkeypatch.setattr(ldpub.record, "MAX_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("notes: [" + ", ".join(["x"] * 1000) + "]\n")
    for args in (["build", str(big)], ["graph", str(big), "-o", str(tmp_path / "g.svg")]):
        code, err = _cli(args, capsys)
        assert code == 1 and "larger than the 1,000-byte limit" in err, err
    with pytest.raises(InputError):
        ldpub.record.load_record(big)
