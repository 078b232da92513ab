"""ldpub: publish newsroom articles as schema.org JSON-LD and Linked Data.

The library API; the ``ldpub`` command is a thin layer over it::

    import ldpub
    article = ldpub.build("examples/syrian-observer-al-tanf.yaml")
    article.jsonld      # compact JSON-LD (dict)
    article.turtle()    # Turtle text
    article.nquads()    # N-Quads text
"""

from ldpub.errors import InputError, LdpubError, Location, RemoteContextError, StoreError
from ldpub.pipeline import Article, build, check_graph
from ldpub.record import Record, RecordInvalid, check_record, load_record, parse_record

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
