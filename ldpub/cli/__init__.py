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


# The module that registers each command. Running a command imports its module alone: all of
# them at once (the pipeline, lxml, YAML, the service) cost ~0.1 s of every run's start-up.
COMMAND_MODULES = {
    "build": "build",
    "diff": "diff",
    "embed": "embed",
    "entities": "entities",
    "extract": "extract",
    "graph": "graph",
    "load": "archive",
    "unload": "archive",
    "sparql": "archive",
    "serve": "serve",
    "validate": "validate",
}


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or only ``command``'s (its module's) when it is a known one."""
    parser = argparse.ArgumentParser(
        prog="ldpub",
        description="Publish newsroom articles as schema.org JSON-LD and Linked Data.",
        epilog="Exit codes: 0 ok, 1 invalid input or findings, 2 usage or I/O error, 3 store or endpoint error.",
    )
    from ldpub import __version__

    parser.add_argument("--version", "-V", action="version", version=f"ldpub {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if command in COMMAND_MODULES:
        names = [COMMAND_MODULES[command]]
    else:  # `ldpub --help`, a mistyped command: all of them, for the listing and the message
        names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    for name in names:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ldpub`` with ``argv`` (default: the process's arguments); return the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The first word that is not an option is the command (ldpub's own options take no value).
    parser = make_parser(next((a for a in arguments if not a.startswith("-")), None))
    try:
        args = parser.parse_args(arguments)
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
