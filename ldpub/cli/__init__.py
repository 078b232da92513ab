"""The ``ldpub`` command: argument parsing and printing only, over the library API.

Each module in this package adds its subcommands through ``register(subparsers)``; a
subcommand's handler takes the parsed arguments and returns the exit code.

Exit codes: 0 ok; 1 invalid input or findings; 2 usage or I/O error; 3 store or
endpoint error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from ldpub.errors import InputError, LdpubError, StoreError

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_STORE = 3


def exit_code_for(exc: BaseException) -> int:
    """The documented exit code for an error: 1 invalid input, 3 store or endpoint, else 2."""
    if isinstance(exc, InputError):
        return EXIT_INVALID
    if isinstance(exc, StoreError):
        return EXIT_STORE
    return EXIT_USAGE


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ldpub",
        description="Publish newsroom articles as schema.org JSON-LD and Linked Data.",
        epilog="Exit codes: 0 ok, 1 invalid input or findings, 2 usage or I/O error, 3 store or endpoint error.",
    )
    from ldpub import __version__

    parser.add_argument("--version", "-V", action="version", version=f"ldpub {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ldpub`` with ``argv`` (default: the process's arguments); return the exit code."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        code: int = args.handler(args)
        return code
    except BrokenPipeError:  # `ldpub ... | head`: the reader has gone; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return EXIT_OK
    except (LdpubError, OSError) as exc:
        print(f"ldpub: error: {exc}", file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        return 130
