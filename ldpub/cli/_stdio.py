"""Inputs named on the command line, where ``-`` is standard input."""

from __future__ import annotations

import sys

STDIO = "-"


def input_name(path: str) -> str:
    """The name an input goes by in messages: the path, or ``<stdin>``."""
    return "<stdin>" if path == STDIO else path


def read_input(path: str) -> bytes:
    """An input's bytes: the file's, or standard input's for ``-``."""
    if path == STDIO:
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()
