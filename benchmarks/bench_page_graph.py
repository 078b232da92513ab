"""What a page's own JSON-LD says that survives ``ldpub extract`` → ``ldpub build``.

For each real article page of ``../shared/benchmarks/article-extraction/html`` that carries
schema.org JSON-LD: extract its record as ``ldpub extract --url URL`` would (no settings: a new
user's run), build the record, and compare the (type, property) uses of the page's JSON-LD with
those of the built graph. A *use* is a distinct pair (a node's type, one of its properties) on a
page, read from the RDF of each JSON-LD block (so ``@id`` links, nesting and ``http``/``https``
spellings of schema.org read the same). A use comes back when the built graph has a node of that
type, or of a subtype (a ``NewsMediaOrganization`` is an ``Organization``), with that property.
Untyped nodes have no (type, property) uses, nor has a value that is an empty node
(``"author": {}``: it says nothing). Terms schema.org does not define (``person``,
``thumbnailURL``) are uses like any other; they are listed apart so the reason each is lost shows.

    python benchmarks/bench_page_graph.py [--pages DIR] [--list] [--limit N]

``--pages DIR`` runs it on other pages (``*.html`` or ``*.html.gz``; the URL is each page's own).
It prints the share of uses that come back, the pages that did not build, and the uses still
lost with their counts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from ldpub import build  # noqa: E402
from ldpub.context import SCHEMA  # noqa: E402
from ldpub.errors import LdpubError  # noqa: E402
from ldpub.rdf import jsonld_to_nquads  # noqa: E402
from ldpub.read.html import extract_html  # noqa: E402
from ldpub.read.safe_html import decode_page, parse_html  # noqa: E402
from ldpub.validate.vocab import vocabulary  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "article-extraction"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SCHEMAS = (SCHEMA, "https://schema.org/")

Use = tuple[str, str]


def _local(iri: str) -> str | None:
    for prefix in _SCHEMAS:
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return None


def jsonld_blocks(text: str) -> list[Any]:
    """The page's JSON-LD blocks that parse as JSON."""
    out = []
    for script in parse_html(text).xpath("//script[@type]"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind not in ("application/ld+json", "application/json+ld"):
            continue
        body = (script.text or "").strip().removeprefix("<!--").removesuffix("-->").strip()
        body = body.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
        try:
            out.append(json.loads(body, strict=False))
        except ValueError:
            continue
    return out


def uses_of(nquads: str, *, closure: bool = False) -> set[Use]:
    """Distinct (type, property) pairs of the typed nodes of an RDF graph (schema.org terms by local
    name); with ``closure``, each node's types with all their supertypes."""
    types: dict[str, set[str]] = {}
    props: dict[str, set[str]] = {}
    quads = list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    described = {str(q.subject) for q in quads}
    for quad in quads:
        subject, predicate = str(quad.subject), quad.predicate.value
        if predicate == _RDF_TYPE:
            if isinstance(quad.object, ox.NamedNode) and (name := _local(quad.object.value)):
                types.setdefault(subject, set()).add(name)
        elif (name := _local(predicate)) and not _empty(quad.object, described):
            props.setdefault(subject, set()).add(name)
    vocab = vocabulary() if closure else None
    out: set[Use] = set()
    for subject, names in types.items():
        if vocab is not None:
            names = {a for n in names for a in vocab.ancestors.get(n, {n})}
        out |= {(t, p) for t in names for p in props.get(subject, ())}
    return out


def _empty(value: Any, described: set[str]) -> bool:
    """A value that is an empty node (``"author": {}``): it says nothing, so it is no use."""
    return isinstance(value, ox.BlankNode) and str(value) not in described


def page_uses(text: str, url: str | None) -> set[Use]:
    found: set[Use] = set()
    for block in jsonld_blocks(text):
        try:
            found |= uses_of(jsonld_to_nquads(block, base=url))
        except (LdpubError, ValueError, SyntaxError):
            continue  # a block that is not JSON-LD ldpub can read offline says nothing here
    return found


def pages(folder: Path | None) -> list[tuple[str, bytes, str | None]]:
    """(name, page bytes, URL) for each page: the benchmark's with its ground-truth URL."""
    if folder is None:
        truth = json.loads((DATA / "ground-truth-dev.json").read_text(encoding="utf-8"))
        return [
            (path.name, gzip.decompress(path.read_bytes()), truth.get(path.name.split(".")[0], {}).get("url"))
            for path in sorted((DATA / "html").glob("*.html.gz"))
        ]
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            out.append((path.name, gzip.decompress(path.read_bytes()), None))
        elif path.suffix in (".html", ".htm"):
            out.append((path.name, path.read_bytes(), None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, help="a folder of other pages (.html, .html.gz)")
    parser.add_argument("--list", action="store_true", help="print every page's lost uses")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    items = pages(args.pages)
    if args.limit:
        items = items[: args.limit]
    vocab = vocabulary()
    total = back = carrying = built = 0
    lost: Counter[Use] = Counter()
    failed: list[str] = []
    start = time.perf_counter()
    for name, data, url in items:
        text = decode_page(data, source=name)
        wanted = page_uses(text, url)
        if not wanted:
            continue
        carrying += 1
        try:
            result = extract_html(data, source=name, url=url)
            article = build(result.record)
            got = uses_of(article.nquads(), closure=True)
        except (LdpubError, SyntaxError) as exc:
            failed.append(f"{name}: {str(exc).splitlines()[0]}")
            total += len(wanted)
            lost.update(wanted)
            continue
        built += 1
        missing = wanted - got
        total += len(wanted)
        back += len(wanted) - len(missing)
        lost.update(missing)
        if args.list and missing:
            print(f"{name}: {len(missing)} lost: {sorted(missing)}")
    seconds = time.perf_counter() - start
    share = back / total if total else 0.0
    print(
        f"{carrying} pages carry JSON-LD; {built} built ({carrying - built} did not); "
        f"{back:,} of {total:,} (type, property) uses come back: {share:.1%} ({seconds:.0f} s)"
    )
    for line in failed:
        print(f"  did not build: {line}")
    unknown = sum(c for (t, p), c in lost.items() if t not in vocab.types or p not in vocab.properties)
    print(f"uses still lost: {sum(lost.values())} ({unknown} of terms schema.org does not define)")
    for (type_name, prop), count in sorted(lost.items(), key=lambda kv: (-kv[1], kv[0])):
        defined = type_name in vocab.types and prop in vocab.properties
        print(f"  {count:3} {type_name} {prop}{'' if defined else '   (not a schema.org term)'}")


if __name__ == "__main__":
    main()
