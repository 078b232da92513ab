"""The ``ldpub`` command: argument parsing and printing only, over the library API.

Each module in this package adds its subcommands through ``register(subparsers)``; a
subcommand's handler takes the parsed arguments and returns the exit code.

Exit codes come from one table, :data:`ldpub.errors.EXIT_CODES`: an error's class says its
code (:func:`ldpub.errors.exit_code`); anything else is a bug, exit 4, with the traceback only
under ``--debug``.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import pkgutil
import sys
import traceback
from collections.abc import Sequence

from ldpub.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, LdpubError, exit_code, exit_codes_text, os_problem
from ldpub.inputs import Found, Input, Wanted, find_inputs


def epilog(note: str = "") -> str:
    """A command's ``--help`` epilog: the exit codes from the one table, and what the command adds."""
    return exit_codes_text() + (f" {note}" if note else "")


# The module that registers each command. Running a command imports its module alone: all of
# them at once (the pipeline, lxml, YAML, the service) cost ~0.1 s of every run's start-up.
COMMAND_MODULES = {
    "build": "build",
    "diff": "diff",
    "embed": "embed",
    "entities": "entities",
    "extract": "extract",
    "feed": "publish",
    "graph": "graph",
    "load": "archive",
    "unload": "archive",
    "sparql": "archive",
    "serve": "serve",
    "sitemap": "publish",
    "validate": "validate",
}


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or only ``command``'s (its module's) when it is a known one."""
    parser = argparse.ArgumentParser(
        prog="ldpub",
        description="Publish newsroom articles as schema.org JSON-LD and Linked Data.",
        epilog=exit_codes_text(),
    )
    from ldpub import __version__

    parser.add_argument("--version", "-V", action="version", version=f"ldpub {__version__}")
    parser.add_argument("--debug", action="store_true", help="on an internal error, print the traceback")
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
    except LdpubError as exc:
        print(f"ldpub: error: {exc}", file=sys.stderr)
        return exit_code(exc)
    except OSError as exc:  # a file named on the command line, or an output, that cannot be used
        print(f"ldpub: error: {_os_problem(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception:
        print(
            "ldpub: internal error: this is a bug in ldpub, not a problem with your input; please report it "
            "with the command you ran and its input"
            + ("" if args.debug else " (run `ldpub --debug ...` to see where it happened)"),
            file=sys.stderr,
        )
        if args.debug:
            traceback.print_exc()
        return EXIT_INTERNAL


def inputs(paths: Sequence[str | os.PathLike[str]], wanted: Wanted) -> tuple[list[Input], int]:
    """The inputs ``paths`` hold of what a command takes (``wanted``); each path that holds none is
    reported ("no input found in DIR"), and the exit code that calls for (2) comes back with them."""
    found: Found = find_inputs(paths, wanted)
    for problem in found.problems:
        print(f"ldpub: error: {problem}", file=sys.stderr)
    return found.inputs, EXIT_USAGE if found.problems else EXIT_OK


def _os_problem(exc: OSError) -> LdpubError:
    """An operating-system error in words. ldpub's own files name themselves (``ldpub.files``); a
    write error with no file name is standard output's (the disk behind a redirection is full,
    say): its unwritable buffer is then dropped, so that Python's exit does not fail on it again."""
    if exc.filename is None and exc.errno in _WRITE_ERRORS:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return os_problem(exc, "<stdout>", "write")
    return os_problem(exc)


_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}
