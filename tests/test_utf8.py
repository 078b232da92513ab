"""Text that is not UTF-8: every reader says the file, the line and column, and the byte (its value and
offset), on a record saved as Windows-1252 (what an old editor or a CMS export gives)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldpub.cli import main
from ldpub.errors import InputError
from ldpub.utf8 import decode_utf8
from tests.support import EXAMPLES


def windows_1252_record(tmp_path: Path) -> tuple[Path, int, int, int]:
    """The fact-check example with a curly apostrophe in its headline, saved as Windows-1252; the
    apostrophe's line, column and byte offset."""
    text = (EXAMPLES / "fact-check-rukban-aid.yaml").read_text("utf-8")
    text = text.replace("Fact Check: No,", "Fact Check: It’s No,")
    path = tmp_path / "cp1252.yaml"
    path.write_bytes(text.encode("cp1252"))
    offset = text.encode("cp1252").index(b"\x92")
    before = text[: text.index("’")]
    return path, before.count("\n") + 1, len(before) - before.rfind("\n"), offset


def test_a_windows_1252_record_names_file_line_column_and_byte(tmp_path: Path) -> None:
    path, line, column, offset = windows_1252_record(tmp_path)
    with pytest.raises(InputError) as caught:
        decode_utf8(path.read_bytes(), str(path))
    error = caught.value
    assert (error.location.file, error.location.line, error.location.column) == (str(path), line, column)
    assert f"byte 0x92 at offset {offset}" in error.message
    assert "Windows-1252 (where it is '’')" in error.message
    assert str(error).startswith(f"{path}:{line}:{column}: not UTF-8 text")


def test_the_byte_order_mark_counts_in_the_offset_not_in_the_column() -> None:
    with pytest.raises(InputError) as caught:
        decode_utf8(b"\xef\xbb\xbfurl: x\nheadline: caf\xe9\n", "bom.yaml")
    assert (caught.value.location.line, caught.value.location.column) == (2, 14)
    assert "byte 0xE9 at offset 23" in caught.value.message
    assert decode_utf8(b"\xef\xbb\xbfcaf\xc3\xa9") == "café"


def test_a_byte_windows_1252_does_not_have_gets_no_guess() -> None:
    with pytest.raises(InputError) as caught:
        decode_utf8("ok\nä".encode() + b"\x81", "x.json")
    assert "Windows-1252" not in caught.value.message
    assert caught.value.message.endswith("save the file as UTF-8")
    assert (caught.value.location.line, caught.value.location.column) == (2, 2)


@pytest.mark.parametrize(
    "command",
    [
        ["build", "{path}", "--out", "{tmp}/out"],
        ["diff", "{path}", "{path}"],
        ["graph", "{path}", "-o", "{tmp}/graph.svg"],
        ["load", "{path}", "--store", "{tmp}/store"],
    ],
    ids=lambda c: c[0],
)
def test_each_command_reading_a_record_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path, line, column, offset = windows_1252_record(tmp_path)
    code = main([part.format(path=path, tmp=tmp_path) for part in command])
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"{path}:{line}:{column}: not UTF-8 text: byte 0x92 at offset {offset}" in err


def test_a_windows_1252_json_ld_file_in_embed_and_load_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "fact-check-rukban-aid.jsonld").read_text("utf-8").replace("Fact Check: No,", "It’s No,")
    graph = tmp_path / "a.jsonld"
    graph.write_bytes(text.encode("cp1252"))
    line = text[: text.index("’")].count("\n") + 1
    page = EXAMPLES / "pages" / "syrian-observer-al-tanf.html"
    assert main(["embed", "-g", str(graph), str(page), "-o", str(tmp_path / "out.html")]) == 1
    assert f"{graph}:{line}:" in capsys.readouterr().err
    assert main(["load", str(graph), "--store", str(tmp_path / "store")]) == 1
    assert f"{graph}:{line}:" in capsys.readouterr().err
