"""Writing built articles out: the formats, their file names, and atomic writes.

A file is written to a temporary name beside its target and renamed into place, so a
reader (or a crash) never sees half a file, and a failed build leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ldpub.errors import UsageError
from ldpub.files import write_atomic
from ldpub.formats import rdf_format
from ldpub.pipeline import Article

# format name -> (file extension, how to render an article)
FORMATS: dict[str, tuple[str, Callable[[Article], str]]] = {
    "jsonld": (".jsonld", lambda a: a.to_json()),
    "ttl": (".ttl", lambda a: a.turtle()),
    "nq": (".nq", lambda a: a.nquads()),
}


# the formats :func:`parse_formats` takes (by any of their names, see :mod:`ldpub.formats`) → FORMATS' key
_KEYS = {"jsonld": "jsonld", "turtle": "ttl", "nquads": "nq"}


def parse_formats(spec: str) -> list[str]:
    """``"jsonld,turtle"`` → ``["jsonld", "ttl"]`` (each format by any of its names: ``ttl``/``turtle``,
    ``nq``/``nquads``/``n-quads``, ``jsonld``/``json-ld``); raises UsageError naming an unknown format."""
    names = [name.strip() for name in spec.split(",") if name.strip()]
    if not names:
        raise UsageError(f"no format in {spec!r}; expected some of jsonld, ttl, nq")
    return list(dict.fromkeys(_KEYS[rdf_format(name, tuple(_KEYS))] for name in names))


def render(article: Article, formats: Iterable[str]) -> dict[str, str]:
    """The article in each format, rendered in memory (nothing is written if one fails)."""
    return {name: FORMATS[name][1](article) for name in formats}


def write_outputs(rendered: dict[str, str], out_dir: Path, stem: str) -> list[Path]:
    """Write each rendered format as ``out_dir/stem.ext``; return the paths written."""
    paths = []
    for name, text in rendered.items():
        path = out_dir / (stem + FORMATS[name][0])
        write_atomic(path, text)
        paths.append(path)
    return paths
