"""Inputs named on the command line, where ``-`` is standard input."""

from __future__ import annotations

import sys

from ldpub.errors import Location, TooLargeError
from ldpub.files import read_at_most
from ldpub.limits import MAX_BYTES, size_message

STDIO = "-"


def input_name(path: str) -> str:
    """The name an input goes by in messages: the path, or ``<stdin>``."""
    return "<stdin>" if path == STDIO else path


def read_input(path: str) -> bytes:
    """An input's bytes: the file's, or standard input's for ``-``; at most ldpub's input limit."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1) if path == STDIO else read_at_most(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise TooLargeError(size_message(limit=MAX_BYTES), Location(input_name(path)))
    return data
