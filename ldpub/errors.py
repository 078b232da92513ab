"""The one exception root of ldpub, and where in the input a problem is.

Every error ldpub raises is an :class:`LdpubError` (or a subclass) carrying a
:class:`Location`, so a caller can print ``file:line:col: /json/pointer: message``
without knowing which stage failed.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is: a file, a JSON Pointer (RFC 6901) into it, a line and column (1-based)."""

    file: str | None = None
    pointer: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        elif self.line is not None:
            parts.append(f"line {self.line}" + (f":{self.column}" if self.column else ""))
        if self.pointer is not None:
            parts.append(self.pointer or "/")
        return ": ".join(parts)

    def with_file(self, file: str | None) -> Location:
        return Location(file, self.pointer, self.line, self.column)


class LdpubError(Exception):
    """Root of every error ldpub raises. ``location`` says where; ``message`` says what."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = message
        self.location = location or Location()
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class InputError(LdpubError):
    """The input is malformed or invalid (bad syntax, fails its schema)."""


class RemoteContextError(InputError):
    """A JSON-LD document asks for a remote ``@context`` that ldpub will not fetch."""


class NotFoundError(InputError):
    """What the input names is not there (an article the archive does not hold)."""


class TooLargeError(InputError):
    """The input is larger than the limit set for it."""


class UsageError(LdpubError):
    """The command or request cannot be carried out as asked: an unknown option value or format
    name, a settings or profile file that cannot be used, a named file that cannot be read."""


class ReadOnlyError(UsageError):
    """A write that was not allowed: the service adds to an authority file only when it was started
    with ``--authority FILE --writable``."""


class SlowBodyError(UsageError):
    """A request's body did not all arrive within the service's time for it (a stalled upload)."""


class NoInputError(UsageError):
    """Nothing to do: a folder that holds no input for the command, or no input at all."""


class StoreError(LdpubError):
    """A triple store or SPARQL endpoint failed or could not be reached."""


class TimeLimitError(LdpubError):
    """The work took longer than its time limit (the service's ``--timeout``)."""


class QueryTimeout(TimeLimitError):
    """A query ran past its time limit and was stopped (the work it had started went with it)."""


# --- what an error means: one table for the command's exit code and the service's HTTP status ----


@dataclass(frozen=True, slots=True)
class ExitCode:
    """One row of the documented exit codes."""

    code: int
    meaning: str
    examples: str


EXIT_CODES = (
    ExitCode(0, "ok", "built, valid, loaded; findings that are only warnings"),
    ExitCode(
        1,
        "findings or bad input",
        "validation errors (warnings too with --strict), a record that does not build, malformed JSON or "
        "YAML, an incomplete extracted record, a change with diff --exit-code",
    ),
    ExitCode(
        2,
        "usage",
        "an unknown option, format or profile name, a bad settings or profile file, a named file that does "
        "not exist or cannot be read, nothing to do (no input found in a folder), no archive to query or unload "
        "(sparql or unload before load)",
    ),
    ExitCode(
        3,
        "store or server unreachable",
        "the store is held by another process, a SPARQL server fails or takes longer than its limit, a Dask "
        "scheduler (--scheduler) cannot be reached or its workers keep dying on a batch",
    ),
    ExitCode(4, "internal error", "a bug in ldpub: please report it; --debug shows the traceback"),
)
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_STORE, EXIT_INTERNAL = (row.code for row in EXIT_CODES)

# Each error class, most specific first: (class, exit code, HTTP status). An exception that is no
# LdpubError is a bug: exit 4, HTTP 500.
ERRORS: tuple[tuple[type[LdpubError], int, int], ...] = (
    (NotFoundError, EXIT_FINDINGS, 404),
    (TooLargeError, EXIT_FINDINGS, 413),
    (InputError, EXIT_FINDINGS, 422),
    (SlowBodyError, EXIT_USAGE, 408),
    (NoInputError, EXIT_USAGE, 400),
    (ReadOnlyError, EXIT_USAGE, 403),
    (UsageError, EXIT_USAGE, 400),
    (StoreError, EXIT_STORE, 503),
    (TimeLimitError, EXIT_STORE, 503),
    (LdpubError, EXIT_USAGE, 400),
)
INTERNAL = (EXIT_INTERNAL, 500)


def _row(exc: BaseException) -> tuple[int, int]:
    for kind, code, status in ERRORS:
        if isinstance(exc, kind):
            return code, status
    return INTERNAL


def exit_code(exc: BaseException) -> int:
    """The documented exit code for an error (see :data:`EXIT_CODES`)."""
    return _row(exc)[0]


def http_status(exc: BaseException) -> int:
    """The HTTP status the service answers an error with."""
    return _row(exc)[1]


def exit_codes_text() -> str:
    """The exit codes in one line, for ``--help``."""
    return "Exit codes: " + "; ".join(f"{row.code} {row.meaning}" for row in EXIT_CODES) + "."


def exit_codes_table() -> str:
    """The exit codes as the Markdown table the README and docs show."""
    rows = ["| code | meaning | for example |", "| --- | --- | --- |"]
    rows += [f"| {row.code} | {row.meaning} | {row.examples} |" for row in EXIT_CODES]
    return "\n".join(rows) + "\n"


# --- operating-system errors in words ------------------------------------------------------------

_OS_REASONS = {
    errno.ENOENT: ("no such file or directory", "check the path"),
    errno.EACCES: ("permission denied", "check the file's permissions"),
    errno.EPERM: ("permission denied", "check the file's permissions"),
    errno.EISDIR: ("is a folder, not a file", "name a file"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "check the path"),
    errno.EEXIST: ("a file of that name is in the way of a folder", "remove it or name another folder"),
    errno.ENOSPC: ("no space left on the disk", "free some space"),
    errno.EROFS: ("the file system is read-only", "choose a writable place"),
    errno.ENAMETOOLONG: ("the name is too long", "choose a shorter name"),
    errno.ELOOP: ("too many symbolic links", "check the links in the path"),
}


def os_problem(exc: OSError, path: object = None, doing: str | None = None) -> UsageError:
    """An operating-system error as ldpub's: what was wrong with which file, and what to do.

    ``path`` names the file when the error does not; ``doing`` says what ldpub was doing
    ("read", "write"). Never the ``[Errno N]`` form.
    """
    # a rename's target (filename2) is the file the user named, not ldpub's temporary one
    named = exc.filename2 if getattr(exc, "filename2", None) is not None else exc.filename
    name = path if path is not None else named
    reason, advice = _OS_REASONS.get(exc.errno or 0, (None, None))
    if reason is None:
        reason = (exc.strerror or type(exc).__name__).lower()
        advice = "check the path and try again"
    what = f"cannot {doing}: " if doing else ""
    message = f"{what}{reason}; {advice}"
    return UsageError(message, Location(str(name)) if name is not None else None)


def pointer(parts: object) -> str:
    """Make a JSON Pointer from path parts (keys and indexes), escaping ``~`` and ``/``."""
    out = []
    for p in parts:  # type: ignore[attr-defined]
        out.append("/" + str(p).replace("~", "~0").replace("/", "~1"))
    return "".join(out)


def ldpub_error_in(exc: BaseException) -> LdpubError | None:
    """The ldpub error a library wrapped (pyld wraps our loader's refusal in its own errors)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, LdpubError):
            return seen
        seen = getattr(seen, "cause", None) or seen.__cause__ or seen.__context__
    return None


def json_kind(value: object) -> str:
    """What a JSON (or YAML) value is, in words: "a number", "a list", "nothing (null)"."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (object)"
    return "a value of another kind"


def first_line(exc: BaseException) -> str:
    """An exception's message cut to its first line (or its class name), for one-line errors."""
    return (str(exc).splitlines() or [type(exc).__name__])[0]
