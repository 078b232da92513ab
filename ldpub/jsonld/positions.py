"""Where things are in JSON text: JSON Pointers to offsets, offsets to line and column, repairs undone.

:class:`Places` answers "which line and column of the file is ``/@graph/3/author``" for one JSON
text found in a file (the file itself, or a block of a page), following each pointer through the
text with sibling values skipped by the C JSON scanner. Positions are only needed for documents
with findings, so nothing here runs on the hot path.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import orjson

from ldpub.jsonld.pointers import escape

T = TypeVar("T")


class LineIndex:
    """Offsets (0-based characters) to 1-based line and column, for one text (counted on demand)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def position(self, offset: int) -> tuple[int, int]:
        text = self.text
        line = text.count("\n", 0, offset) + 1
        return line, offset - text.rfind("\n", 0, offset)

    def line_start(self, line: int) -> int:
        """Offset of the start of a 1-based line."""
        offset = 0
        for _ in range(line - 1):
            found = self.text.find("\n", offset)
            if found < 0:
                break
            offset = found + 1
        return offset


class OffsetMap:
    """Maps offsets in a repaired text back to the text it was made from (piecewise shifts)."""

    def __init__(self) -> None:
        self.new: list[int] = [0]
        self.old: list[int] = [0]

    def anchor(self, new: int, old: int) -> None:
        self.new.append(new)
        self.old.append(old)

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self.new, offset) - 1
        return self.old[i] + (offset - self.new[i])


def substitute(text: str, spans: list[tuple[int, int]], replace: Callable[[str], str]) -> tuple[str, OffsetMap]:
    """Replace each span by ``replace(its text)``; the map takes result offsets back to ``text``'s."""
    mapping, parts, last, out = OffsetMap(), [], 0, 0
    for start, end in spans:
        parts.append(text[last:start])
        out += start - last
        mapping.anchor(out, start)
        replacement = replace(text[start:end])
        parts.append(replacement)
        out += len(replacement)
        mapping.anchor(out, end)
        last = end
    parts.append(text[last:])
    return "".join(parts), mapping


# --- JSON Pointer → offset --------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_SKIP = json.JSONDecoder().raw_decode  # parses (skips) one value from an offset, in C
_SCAN_STRING: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def json_locate(text: str, pointer: str, seen: dict[str, tuple[int, int]] | None = None) -> int | None:
    """Offset of what ``pointer`` names in JSON ``text`` (an object member: its key), or of its
    nearest ancestor present. Only the containers on the path are read in Python; every value
    beside the path is skipped by the C JSON scanner. ``seen`` (pointer → (offset, value offset)),
    shared between calls on one text, remembers every member passed, so the next pointer starts
    from its deepest known ancestor. Raises ValueError for text Python's json does not read.
    """
    seen = {} if seen is None else seen
    ws = _WS.match  # always matches (possibly nothing)
    parts = pointer.split("/")[1:] if pointer else []
    start, current = 0, ""
    root = seen.get("")
    if root is None:
        at = ws(text, 0).end()  # type: ignore[union-attr]
        root = seen[""] = (at, at)
    found, pos = root
    for depth in range(len(parts), 0, -1):  # the deepest ancestor already passed
        prefix = "/" + "/".join(parts[:depth])
        known = seen.get(prefix)
        if known is not None:
            start, current = depth, prefix
            found, pos = known
            break
    for raw_part in parts[start:]:
        opening = text[pos]
        child = f"{current}/{raw_part}"
        if opening == "{":
            pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
            while text[pos] != "}":
                key_at = pos
                key, pos = _SCAN_STRING(text, pos + 1)
                pos = ws(text, pos).end() + 1  # type: ignore[union-attr]  # past the ':'
                pos = ws(text, pos).end()  # type: ignore[union-attr]
                member = f"{current}/{escape(key)}"
                seen[member] = (key_at, pos)  # the last of duplicate keys wins, as in orjson
                pos = ws(text, _SKIP(text, pos)[1]).end()  # type: ignore[union-attr]
                if text[pos] == ",":
                    pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
        elif opening == "[" and raw_part.isdigit():
            wanted, index = int(raw_part), 0
            pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
            while text[pos] != "]":
                seen[f"{current}/{index}"] = (pos, pos)
                if index == wanted:
                    break
                pos = ws(text, _SKIP(text, pos)[1]).end()  # type: ignore[union-attr]
                if text[pos] == ",":
                    pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
                index += 1
        known = seen.get(child)
        if known is None:
            return found
        found, pos = known
        current = child
    return found


_TOKEN = re.compile(r'\s*("[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+)')


def json_positions(text: str, positions: dict[str, int] | None = None, wanted: set[str] | None = None) -> bool:
    """Fill ``positions``: the offset of each value in JSON ``text`` by JSON Pointer (an object member: its key).

    With ``wanted``, stops as soon as all of those pointers are seen. Returns True when the
    whole text was scanned. Scanning in Python is slow, so it is done only for documents
    with findings, and only as far as their findings.
    """
    if positions is None:
        positions = {}
    remaining = set(wanted) if wanted else None
    # frames: [is_object, pointer, index, key_expected, member pointer]
    stack: list[list[Any]] = []
    pointer = ""
    for match in _TOKEN.finditer(text):
        token = match.group(1)
        first = token[0]
        top = stack[-1] if stack else None
        if top is not None and top[0] and top[3] and first == '"':
            key = orjson.loads(token) if "\\" in token else token[1:-1]
            top[4] = pointer = f"{top[1]}/{escape(key)}"
        elif token in _PUNCTUATION:
            _punctuation(token, stack, top)
            continue
        else:
            pointer = "" if top is None else (top[4] if top[0] else f"{top[1]}/{top[2]}")
            if token in "{[":
                stack.append([first == "{", pointer, 0, True, None])
        if pointer not in positions:
            positions[pointer] = match.start(1)
            if remaining is not None:
                remaining.discard(pointer)
                if not remaining:
                    return False
    return True


_PUNCTUATION = frozenset(("}", "]", ",", ":"))


def _punctuation(token: str, stack: list[list[Any]], top: list[Any] | None) -> None:
    """What a closing bracket, a comma or a colon does to the frames (see json_positions)."""
    if token in "}]":
        if stack:
            stack.pop()
    elif top is None:
        return
    elif token == ":":
        top[3] = False
    elif top[0]:
        top[3] = True  # a comma in an object: a key comes next
    else:
        top[2] += 1  # a comma in an array: the next index


class Places:
    """JSON Pointer → line and column in a file, for one JSON text found in it.

    ``to_file_offset`` maps an offset in ``text`` to one in the file (a block's start, repairs
    undone); ``lines`` counts the file's lines; ``default`` is the line given to what has no place
    (a block's first line). The text is read only as far as the pointers asked for need.
    """

    def __init__(
        self, text: str, lines: LineIndex, to_file_offset: Callable[[int], int], default: int | None = None
    ) -> None:
        self.text = text
        self.lines = lines
        self.to_file_offset = to_file_offset
        self.default = default
        self.offsets: dict[str, int] = {}  # pointer -> offset in text (an object member: its key)
        self.complete = False  # the whole text has been scanned

    def locate_all(self, pointers: Iterable[str | None]) -> list[tuple[int | None, int | None]]:
        """Line and column of what each pointer names (a key for object members), or of its nearest parent."""
        pointers = list(pointers)
        wanted = {p for p in pointers if p is not None and p not in self.offsets}
        if wanted and not self.complete:
            self._find(wanted)
        return [self._place(pointer) for pointer in pointers]

    def _find(self, wanted: set[str]) -> None:
        try:  # follow each pointer, skipping sibling values at C speed
            seen: dict[str, tuple[int, int]] = {}
            for path in sorted(wanted):
                located = json_locate(self.text, path, seen)
                if located is not None:
                    self.offsets[path] = located
        except (ValueError, IndexError, RecursionError):  # not what Python's json reads: scan it all
            self.complete = json_positions(self.text, self.offsets, wanted)

    def _place(self, pointer: str | None) -> tuple[int | None, int | None]:
        offset = None if pointer is None else nearest(self.offsets, pointer)
        if offset is None:
            return self.default, None
        return self.lines.position(self.to_file_offset(offset))


def nearest(table: Mapping[str, T], pointer: str) -> T | None:
    """The entry of ``pointer`` in ``table``, or of its nearest ancestor that has one."""
    at = pointer
    while True:
        found = table.get(at)
        if found is not None or not at:
            return found
        at = at.rpartition("/")[0]
