"""Limits on what an input may hold, applied where it is parsed, the same for every entry point.

Every JSON and YAML text ldpub reads from a user (records, JSON-LD documents, a page's
``ld+json`` blocks, request bodies) goes through :func:`parse_json` or :func:`check_yaml`, so
that the CLI and the service refuse the same inputs with the same message:

- at most :data:`MAX_DEPTH` levels of objects and arrays inside each other (real articles
  have under 10; every later stage walks the values recursively, and Python's stack is
  finite);
- at most :data:`MAX_BYTES` of text;
- YAML aliases counted as what they stand for: at most :data:`MAX_VALUES` values once
  expanded (a "billion laughs" record is refused at once instead of taking all memory), and
  no alias inside the value it names;
- numbers within the range of a double (JSON's numbers); a longer integer is refused, not
  handed to ``int()`` (which refuses more than 4,300 digits with a traceback);
- strings of Unicode text: a lone surrogate escape (``"\\ud800"``) is refused.

Each refusal is a :class:`LimitError` (an :class:`~ldpub.errors.InputError`: exit code 1, HTTP
422), or for size :class:`~ldpub.errors.TooLargeError` (exit code 1, HTTP 413), naming the file
and, where known, the line and column.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from ldpub.errors import InputError, Location, TooLargeError

MAX_DEPTH = 100  # objects and arrays inside each other
MAX_BYTES = 20 * 1024 * 1024  # of one input text
MAX_VALUES = 100_000  # values of one YAML document once its aliases are expanded (a record has hundreds)
MAX_NUMBER_DIGITS = 309  # a double holds at most about 1.8e308

DEPTH_MESSAGE = f"nested more than {MAX_DEPTH} levels deep (objects and arrays inside each other): over ldpub's limit"
SURROGATE_MESSAGE = "a string holds a lone surrogate escape (\\ud800–\\udfff), which is not Unicode text"


class LimitError(InputError):
    """An input over one of ldpub's limits (too deep, too large, too many aliased values).

    ``offset``: where in the text (characters from its start), when known."""

    def __init__(self, message: str, location: Location | None = None, offset: int | None = None) -> None:
        self.offset = offset
        super().__init__(message, location)


class MalformedJSON(InputError):
    """JSON text that does not parse; ``reason`` is what is wrong, without the location;
    ``offset`` where (characters from the start of the text)."""

    def __init__(self, reason: str, location: Location, offset: int | None = None) -> None:
        self.reason = reason
        self.offset = offset
        super().__init__(f"malformed JSON: {reason}", location)


def size_message(size: int | None = None, limit: int = MAX_BYTES) -> str:
    """The input is too large (``size`` in bytes if known; a reader that stops at the limit does not know it)."""
    if size is None:
        return f"the input is larger than the {limit:,}-byte limit"
    return f"the input is {size:,} bytes, over the {limit:,}-byte limit"


def number_message(digits: int) -> str:
    return f"a number of {digits:,} digits, too large to read (the limit is a double's range, about 1.8e308)"


# --- JSON --------------------------------------------------------------------------------------


def parse_json(data: str | bytes, *, file: str | None = None) -> Any:
    """The value of JSON text, within the limits.

    orjson reads it (at C speed, with no recursion in Python); for a malformed text the
    standard library's reader is asked again for its plainer words ("Expecting ',' delimiter")
    and position. Raises :class:`LimitError` or :class:`MalformedJSON`.
    """
    if len(data) > MAX_BYTES:
        raise TooLargeError(size_message(len(data)), Location(file))
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _json_error(data, exc, file) from None
    check_depth(value, file=file, text=data)
    return value


def _json_error(data: str | bytes, exc: orjson.JSONDecodeError, file: str | None) -> InputError:
    if isinstance(data, bytes):  # bytes that are not UTF-8: said so, with where (ldpub.utf8)
        from ldpub.utf8 import decode_utf8

        try:
            decode_utf8(data, file)
        except InputError as not_utf8:
            return not_utf8
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    # orjson's position counts characters of the text (bytes are read as UTF-8)
    where = Location(file, None, exc.lineno, exc.colno)
    if exc.msg == "depth limit exceeded":
        return too_deep(text, file)
    if "surrogate" in exc.msg:
        return LimitError(SURROGATE_MESSAGE, where, exc.pos)
    if "infinity" in exc.msg:  # orjson reads a number beyond a double's range as this
        return LimitError(number_message(_digits_at(text, exc.pos)), where, exc.pos)
    try:  # the standard library's reader names the fault in plainer words
        json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as std:
        return MalformedJSON(std.msg, Location(file, None, std.lineno, std.colno), std.pos)
    except RecursionError:
        return too_deep(text, file)
    except _NotJSONConstant as constant:
        return MalformedJSON(f"{constant} is not a JSON number", where, exc.pos)
    except ValueError as other:  # an integer over Python's digit limit, say
        return MalformedJSON(str(other).split(";")[0], where, exc.pos)
    return MalformedJSON(exc.msg, where, exc.pos)


class _NotJSONConstant(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotJSONConstant(name)


def _digits_at(text: str, pos: int) -> int:
    end = pos
    while end < len(text) and text[end] in "0123456789+-.eE":
        end += 1
    return sum(c.isdigit() for c in text[pos:end])


def check_depth(value: Any, *, file: str | None = None, text: str | bytes | None = None) -> None:
    """Raise :class:`LimitError` if ``value`` has more than :data:`MAX_DEPTH` levels of containers.

    With the ``text`` it was read from, values of fewer than :data:`MAX_DEPTH` brackets are
    passed at once (nearly all of them: counting is C speed, walking is not), and the error
    names the line and column where the limit is passed.
    """
    if text is not None:
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        if raw.count(b"{") + raw.count(b"[") <= MAX_DEPTH:
            return
    level = [value] if type(value) in (dict, list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            if text is not None:
                raise too_deep(text.decode("utf-8", "replace") if isinstance(text, bytes) else text, file)
            raise LimitError(DEPTH_MESSAGE, Location(file))
        deeper: list[Any] = []
        for container in level:
            for item in container.values() if type(container) is dict else container:
                if type(item) is dict or type(item) is list:
                    deeper.append(item)
        level = deeper


def too_deep(text: str, file: str | None = None) -> LimitError:
    """The error for JSON text nested past :data:`MAX_DEPTH`, at the bracket that passes it (an
    error path: a character scan)."""
    depth, in_string, escaped, line, line_start = 0, False, False, 1, 0
    for i, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return LimitError(DEPTH_MESSAGE, Location(file, None, line, i - line_start + 1), i)
        elif char in "]}":
            depth -= 1
        if char == "\n":
            line, line_start = line + 1, i + 1
    return LimitError(DEPTH_MESSAGE, Location(file))


# --- YAML --------------------------------------------------------------------------------------


def check_yaml(node: Any, *, file: str | None = None) -> None:
    """Raise :class:`LimitError` if a composed YAML document (``yaml.Node``) is too deep, holds
    more than :data:`MAX_VALUES` values with its aliases expanded, or has an alias inside the
    value it names. Aliases are the same node object in the composed graph: each node is
    visited once, so a billion-laugh record is measured in microseconds."""
    if isinstance(node.value, str):
        return
    sizes: dict[int, int] = {}  # container node id → values under it, expanded (itself included)
    depths: dict[int, int] = {}
    open_nodes: set[int] = set()  # containers entered and not yet left: the path from the root
    stack = [node]
    while stack:
        current = stack[-1]
        key = id(current)
        if key in sizes:
            stack.pop()
            continue
        children = _children(current) or ()
        if key not in open_nodes:  # entering: its containers first
            open_nodes.add(key)
            for child in children:
                if not isinstance(child.value, str) and id(child) not in sizes:
                    if id(child) in open_nodes:
                        mark = child.start_mark
                        raise LimitError(
                            "a YAML alias (*name) inside the value it names: the value would contain itself",
                            Location(file, None, mark.line + 1, mark.column + 1),
                        )
                    stack.append(child)
            continue
        stack.pop()  # leaving: its containers are measured
        open_nodes.discard(key)
        size, deepest = 1, 0
        for child in children:
            child_key = id(child)
            if child_key in sizes:
                size += sizes[child_key]
                deepest = max(deepest, depths[child_key])
            else:
                size += 1
        sizes[key], depths[key] = size, deepest + 1
        if deepest + 1 > MAX_DEPTH:
            mark = current.start_mark
            raise LimitError(
                DEPTH_MESSAGE, _deepest_yaml(current, file) or Location(file, None, mark.line + 1, mark.column + 1)
            )
        if size > MAX_VALUES:
            mark = current.start_mark
            raise LimitError(
                f"{size:,} values once its aliases (*name) are expanded, over the {MAX_VALUES:,} limit",
                Location(file, None, mark.line + 1, mark.column + 1),
            )


def _children(node: Any) -> list[Any] | None:
    """The nodes a YAML node holds (keys and values), or None for a scalar."""
    value = node.value
    if isinstance(value, str):
        return None
    if value and isinstance(value[0], tuple):
        return [part for pair in value for part in pair]
    return value  # type: ignore[no-any-return]


def _deepest_yaml(node: Any, file: str | None) -> Location | None:
    """The first node past :data:`MAX_DEPTH` (an error path)."""
    level = {id(node): node}
    for _ in range(MAX_DEPTH):  # by levels, each node once (aliases make the tree a graph)
        level = {id(c): c for n in level.values() for c in (_children(n) or ()) if _children(c) is not None}
        if not level:
            return None
    mark = next(iter(level.values())).start_mark
    return Location(file, None, mark.line + 1, mark.column + 1)


def yaml_depth_error(problem: str | None) -> bool:
    """Whether a YAML reader's error is libyaml's own nesting limit (1,000 levels)."""
    return bool(problem) and "maximum nesting depth" in str(problem)


def check_integer_text(text: str) -> None:
    """Raise :class:`LimitError` (without a location) for an integer's text too long to read."""
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_NUMBER_DIGITS:
        raise LimitError(number_message(digits))
