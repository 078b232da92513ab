"""Bytes as UTF-8 text, or an error that says where they are not: the file, the line and column, and
the byte (its value and its offset in the file), with what it would be in Windows-1252, the usual
encoding of text that is not UTF-8 (a record saved by an old editor, a CMS export)."""

from __future__ import annotations

from ldpub.errors import InputError, Location

__all__ = ["decode_utf8", "not_utf8"]


def decode_utf8(data: bytes, source: str | None = None) -> str:
    """``data`` as UTF-8 text (a byte-order mark dropped); :class:`InputError` at the first byte that
    is not UTF-8 otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(data, exc, source) from None


def not_utf8(data: bytes, exc: UnicodeDecodeError, source: str | None = None) -> InputError:
    """The error for ``exc``, raised decoding ``data`` (or ``data`` after its byte-order mark)."""
    body = exc.object if isinstance(exc.object, bytes) else data  # after the byte-order mark, if any
    offset = exc.start + (len(data) - len(body))
    before = body[: exc.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    byte = body[exc.start]
    message = f"not UTF-8 text: byte 0x{byte:02X} at offset {offset} ({exc.reason})"
    try:
        as_1252 = bytes([byte]).decode("cp1252")
        body.decode("cp1252")
    except UnicodeDecodeError:
        message += "; save the file as UTF-8"
    else:
        message += f"; the file looks like Windows-1252 (where it is {as_1252!r}): save it as UTF-8"
    return InputError(message, Location(source, None, line, column))
