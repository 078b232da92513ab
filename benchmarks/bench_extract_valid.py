"""Does what ``ldpub extract`` writes build and validate? Every text of the development sets, one line a set.

Each input goes through the same three steps as ``ldpub extract … && ldpub build … && ldpub validate …``:
:func:`ldpub.extract.extract_file` (or ``extract_html`` for the gzipped pages, ``extract_text`` for GUM's
texts) with the URL, publication date and language an editor passes, :func:`ldpub.pipeline.build`, then
:func:`ldpub.validate.validate_document` on the built graph with no profile (the CLI's default). Sets:

- ``polnear-dev``: the 84 political news texts (``../shared/benchmarks/polnear-dev/text``);
- ``gum-news``: the 24 GUM Wikinews articles, headline and paragraphs rebuilt from the CoNLL-U;
- ``article-extraction``: the 119 real publisher pages (``../shared/benchmarks/article-extraction``).

Prints, per set: inputs, extracted, built, validated with 0 errors, warnings per record, and the
error codes seen. The texts are only read here (never copied into the project).

    python benchmarks/bench_extract_valid.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.gum import articles
from ldpub.errors import LdpubError
from ldpub.pipeline import build
from ldpub.read.html import extract_html
from ldpub.read.result import ExtractResult
from ldpub.read.text import extract_text
from ldpub.validate import validate_document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
OPTIONS = {"published": "2024-05-01T09:00:00Z", "language": "en"}


@dataclass
class Tally:
    inputs: int = 0
    extracted: int = 0
    built: int = 0
    valid: int = 0
    warnings: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def add(self, name: str, extract: Callable[[], ExtractResult]) -> None:
        self.inputs += 1
        try:
            result = extract()
        except LdpubError as exc:
            self.failures.append(f"{name}: extract: {exc}")
            return
        self.extracted += 1
        try:
            article = build(result.record)
        except LdpubError as exc:
            self.failures.append(f"{name}: build: {str(exc).splitlines()[0]}")
            return
        self.built += 1
        report = validate_document(article.jsonld, file=name)
        errors = [f for f in report if f.severity == "error"]
        self.codes.update(f.code for f in report)
        self.warnings += report.count("warning")
        if errors:
            self.failures.append(f"{name}: validate: {errors[0]}")
        else:
            self.valid += 1


def polnear(limit: int | None) -> Iterator[tuple[str, Callable[[], ExtractResult]]]:
    for path in sorted((SHARED / "polnear-dev" / "text").glob("*.txt"))[:limit]:
        url = f"https://polnear.example/{path.stem}"
        yield path.name, lambda path=path, url=url: extract_text(path.read_text(encoding="utf-8"), url=url, **OPTIONS)


def gum(limit: int | None) -> Iterator[tuple[str, Callable[[], ExtractResult]]]:
    for article in articles()[:limit]:
        text = f"{article.headline}\n\n{article.body}\n"
        url = f"https://gum.example/{article.name}"
        yield article.name, lambda text=text, url=url: extract_text(text, url=url, **OPTIONS)


def pages(limit: int | None) -> Iterator[tuple[str, Callable[[], ExtractResult]]]:
    for path in sorted((SHARED / "article-extraction" / "html").glob("*.html.gz"))[:limit]:

        def page(path: Path = path) -> ExtractResult:
            data = gzip.decompress(path.read_bytes())
            url = f"https://pages.example/{path.name[:16]}"
            return extract_html(data, source=path.name, url=url, published=OPTIONS["published"])

        yield path.name, page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N inputs of each set")
    parser.add_argument("--show", action="store_true", help="print each failure")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"{SHARED} not found: the development sets are in ../shared, beside the project")
    print(f"{'set':<20} {'inputs':>6} {'extracted':>9} {'built':>6} {'0 errors':>8} {'warnings/record':>15}  s")
    for label, inputs in (("polnear-dev", polnear), ("gum-news", gum), ("article-extraction", pages)):
        tally = Tally()
        start = time.perf_counter()
        for name, extract in inputs(args.limit):
            tally.add(name, extract)
        seconds = time.perf_counter() - start
        per = tally.warnings / tally.built if tally.built else 0.0
        print(
            f"{label:<20} {tally.inputs:>6} {tally.extracted:>9} {tally.built:>6} {tally.valid:>8} {per:>15.1f}"
            f"  {seconds:.0f}"
        )
        if tally.codes:
            print(f"{'':<20} findings: {', '.join(f'{c} {n}' for c, n in tally.codes.most_common())}")
        for failure in tally.failures if args.show else tally.failures[:3]:
            print(f"{'':<20} {failure}")


if __name__ == "__main__":
    main()
