"""Which files are inputs, and of which kind: one rule for every command and the service.

A file's kind is told by its name's suffix; a name with no suffix ldpub knows is told by how the
content starts (an HTML page starts with ``<!doctype``, ``<html``, ``<?xml``, ``<head``,
``<body`` or ``<meta``). A folder holds the files below it (recursively, sorted by path) of the
kinds a command takes: ``build`` takes records, ``validate`` JSON-LD and pages, ``extract``
pages and texts, ``load`` records and built RDF, ``entities candidates`` pages and texts. A file named
on the command line is taken whatever its kind (the command says so if it is the wrong one).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePath

from ldpub.errors import NoInputError, UsageError

STDIN = "-"


class Kind(Enum):
    """What a file holds."""

    PAGE = "HTML page"
    TEXT = "plain text"
    RECORD = "article record"
    JSON = "JSON (an article record or JSON-LD)"
    JSONLD = "JSON-LD"
    RDF = "RDF (Turtle, N-Triples, N-Quads)"


SUFFIXES: dict[str, Kind] = {
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"), Kind.PAGE),
    **dict.fromkeys((".txt", ".text", ".md"), Kind.TEXT),
    **dict.fromkeys((".yaml", ".yml"), Kind.RECORD),
    ".json": Kind.JSON,
    ".jsonld": Kind.JSONLD,
    **dict.fromkeys((".ttl", ".nt", ".nq"), Kind.RDF),
}


def suffixes(*kinds: Kind) -> frozenset[str]:
    """The suffixes that name files of ``kinds``."""
    return frozenset(suffix for suffix, kind in SUFFIXES.items() if kind in kinds)


HTML_SUFFIXES = suffixes(Kind.PAGE)
TEXT_SUFFIXES = suffixes(Kind.TEXT)
RECORD_SUFFIXES = suffixes(Kind.RECORD)
JSON_SUFFIXES = suffixes(Kind.JSON, Kind.JSONLD)
RDF_SUFFIXES = suffixes(Kind.RDF)


@dataclass(frozen=True)
class Wanted:
    """What a command takes from a folder: the kinds of file, and how to say it in a message."""

    kinds: frozenset[Kind]
    what: str

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds


BUILD = Wanted(frozenset({Kind.RECORD, Kind.JSON}), "article records")
VALIDATE = Wanted(frozenset({Kind.JSONLD, Kind.JSON, Kind.PAGE}), "JSON-LD files or HTML pages")
EXTRACT = Wanted(frozenset({Kind.PAGE, Kind.TEXT}), "HTML pages or plain texts")
LOAD = Wanted(frozenset({Kind.RECORD, Kind.JSON, Kind.JSONLD, Kind.RDF}), "article records or built articles")

_HTML_STARTS = (b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta")
SNIFF_BYTES = 1024


def suffix_of(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def kind_by_name(name: str) -> Kind | None:
    """The kind the name's suffix says, or None."""
    return SUFFIXES.get(suffix_of(name))


def looks_like_html(head: bytes | str) -> bool:
    """Content that starts as an HTML page does (after white space, case aside)."""
    start = head[:SNIFF_BYTES].lstrip()
    data = start.encode("utf-8", "replace") if isinstance(start, str) else start
    return data.lower().startswith(_HTML_STARTS)


def kind_of(name: str, head: Callable[[], bytes]) -> Kind | None:
    """A file's kind: by its name's suffix, else (``head`` read only then) a page by how it starts."""
    kind = kind_by_name(name)
    if kind is None and looks_like_html(head()):
        return Kind.PAGE
    return kind


def is_page(name: str, data: Callable[[], bytes]) -> bool:
    """An HTML page, else plain text: what ``extract`` reads it as."""
    kind = kind_by_name(name)
    if kind is not None:
        return kind is Kind.PAGE
    return looks_like_html(data())


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except OSError:
        return b""


@dataclass(frozen=True)
class Input:
    """One input: its path (``-`` for standard input), and its name below the folder it was found in
    (the file's own name when it was named itself), which output names mirror."""

    path: str
    name: str


@dataclass
class Found:
    """The inputs the paths hold, and what was wrong with the paths that hold none."""

    inputs: list[Input] = field(default_factory=list)
    problems: list[UsageError] = field(default_factory=list)


def find_inputs(paths: Iterable[str | os.PathLike[str]], wanted: Wanted) -> Found:
    """The inputs in ``paths``: each file as it is, each folder's ``wanted`` files, ``-`` as itself.

    A path that does not exist, and a folder with no such file, is a problem ("no input found in
    DIR"), kept beside the inputs so that a command can still do the rest.
    """
    found = Found()
    for path in paths:
        name = os.fspath(path)
        if name == STDIN:
            found.inputs.append(Input(STDIN, STDIN))
        elif os.path.isdir(name):
            below = len(os.path.join(name, ""))
            inputs = [Input(file, file[below:]) for file in files_in(name, wanted)]
            if not inputs:
                found.problems.append(no_input_in(name, wanted))
            found.inputs.extend(inputs)
        elif os.path.exists(name):
            found.inputs.append(Input(name, os.path.basename(name)))
        else:
            found.problems.append(UsageError(f"{name}: no such file or directory; check the path"))
    return found


def no_input_in(folder: str, wanted: Wanted) -> NoInputError:
    named = ", ".join(sorted(suffixes(*wanted.kinds)))
    return NoInputError(f"no input found in {folder}: it holds no {wanted.what} ({named})")


def files_in(folder: str, wanted: Wanted) -> list[str]:
    """The ``wanted`` files below ``folder`` (by suffix; a page whose name has no suffix by how it
    starts), sorted by path part."""
    known = suffixes(*wanted.kinds)
    sniff = Kind.PAGE in wanted
    found = []
    for entry in _files_below(folder):
        suffix = suffix_of(entry.name)
        if suffix in known or (sniff and not suffix and looks_like_html(_head(entry.path))):
            found.append(entry.path)
    return sorted(found, key=lambda n: n.split(os.sep))  # the order of Path parts


def _files_below(folder: str) -> Iterator[os.DirEntry[str]]:
    """Every file below ``folder`` (symbolic links to files too), by ``scandir``: the directory's own
    listing says what is a file, so no ``stat`` a file as ``rglob`` + ``is_file`` make."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_below(entry.path)
            elif entry.is_file():
                yield entry


def output_name(name: str, extension: str) -> str:
    """The output's name for an input's: its suffix replaced (``2024/a.yaml`` → ``2024/a.jsonld``)."""
    if "//" in name or "/." in "/" + name or name.endswith("/") or "\\" in name:
        # a name a path would write otherwise ('./a', 'a//b', a hidden part…): as a path writes it
        return str(PurePath(name).with_suffix(extension)) if PurePath(name).suffix else name + extension
    # the usual name ('2024/a.yaml'), by string operations (two PurePaths took 4 µs, for each
    # file of a build): the suffix as PurePath finds it
    base = name.rpartition("/")[2]
    dot = base.rfind(".")
    return name[: len(name) - len(base) + dot] + extension if 0 < dot < len(base) - 1 else name + extension
