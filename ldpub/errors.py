"""The one exception root of ldpub, and where in the input a problem is.

Every error ldpub raises is an :class:`LdpubError` (or a subclass) carrying a
:class:`Location`, so a caller can print ``file:line:col: /json/pointer: message``
without knowing which stage failed.
"""

from __future__ import annotations

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
    """The input is malformed or invalid (bad syntax, fails its schema): exit code 1."""


class RemoteContextError(InputError):
    """A JSON-LD document asks for a remote ``@context`` that ldpub will not fetch."""


class StoreError(LdpubError):
    """A triple store or SPARQL endpoint failed or could not be reached."""


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


def first_line(exc: BaseException) -> str:
    """An exception's message cut to its first line (or its class name), for one-line errors."""
    return (str(exc).splitlines() or [type(exc).__name__])[0]
