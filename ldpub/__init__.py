"""ldpub: publish newsroom articles as schema.org JSON-LD and Linked Data.

The library API; the ``ldpub`` command is a thin layer over it::

    import ldpub
    article = ldpub.build("examples/syrian-observer-al-tanf.yaml")
    article.jsonld      # compact JSON-LD (dict)
    article.turtle()    # Turtle text
    article.nquads()    # N-Quads text
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ldpub.errors import InputError, LdpubError, Location, RemoteContextError, StoreError

if TYPE_CHECKING:
    from ldpub.pipeline import Article, build, check_graph
    from ldpub.record import Record, RecordInvalid, check_record, load_record, parse_record

# The pipeline (YAML, the mapping, the vocabulary) loads on first use, not on ``import ldpub``:
# ``ldpub validate`` and every ``import ldpub.x`` would otherwise pay ~70 ms for it.
_LAZY = {
    "Article": "ldpub.pipeline",
    "build": "ldpub.pipeline",
    "check_graph": "ldpub.pipeline",
    "Record": "ldpub.record",
    "RecordInvalid": "ldpub.record",
    "check_record": "ldpub.record",
    "load_record": "ldpub.record",
    "parse_record": "ldpub.record",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ldpub' has no attribute {name!r}")


__all__ = [
    "Article",
    "InputError",
    "LdpubError",
    "Location",
    "Record",
    "RecordInvalid",
    "RemoteContextError",
    "StoreError",
    "build",
    "check_graph",
    "check_record",
    "load_record",
    "parse_record",
]
__version__ = "0.1.0"
