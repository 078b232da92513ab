"""Article body extraction: ldpub vs plain trafilatura, on the article-extraction benchmark.

Run from the repository root: ``python benchmarks/bench_extraction.py [--pages N]``. It reads
``../shared/benchmarks/article-extraction/`` (gzipped pages and ``ground-truth-dev.json``) and
scores both extractors with the benchmark's own metric, in the same run:

for each page, tokens are the ``\\w+`` matches of the text, shingles are the runs of 4
consecutive tokens (a shorter text is one shingle); tp, fp, fn are the matched, extra and
missing shingle counts, normalised by their sum; page precision tp/(tp+fp) and recall
tp/(tp+fn) (1.0 when fp = fn = 0; 0.0 when tp and fp, resp. fn, are 0). Precision and recall
are averaged over pages; F1 is 2PR/(P+R) of the means.
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ldpub  # noqa: E402
from ldpub.errors import LdpubError  # noqa: E402
from ldpub.newsroom import Defaults, Settings  # noqa: E402
from ldpub.read.html import extract_html  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "article-extraction"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(truth: str, prediction: str) -> tuple[float, float]:
    """(precision, recall) of one page, as the benchmark defines them."""
    expected, found = shingles(truth), shingles(prediction)
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)
    return precision, recall


def evaluate(
    extract: Callable[[bytes], str], pages: dict[str, bytes], truth: dict[str, str]
) -> tuple[float, float, float, float]:
    """Mean precision, mean recall, F1 of the means, seconds per page."""
    precisions, recalls = [], []
    start = time.perf_counter()
    for key, html in pages.items():
        p, r = page_scores(truth[key], extract(html))
        precisions.append(p)
        recalls.append(r)
    elapsed = (time.perf_counter() - start) / max(1, len(pages))
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, elapsed


def ldpub_body(html: bytes) -> str:
    # The body alone, as trafilatura gives it: entity linking (the language model) is timed in bench_ner.py.
    body = extract_html(html, link=False).record.get("body", "")
    return body if isinstance(body, str) else ""


# The newsroom's time zone for every page: none of the pages names an IANA zone, so one fixed
# zone stands in for "the newsroom's", as a newsroom's settings would give it.
BENCH_ZONE = "UTC"
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def builds(records: dict[str, dict[str, Any]]) -> int:
    """How many records build end to end with everything recommended (``ldpub.build --strict``:
    record schema, a publication date and a publisher, mapping, graph schema)."""
    count = 0
    for record in records.values():
        try:
            ldpub.build(record, strict=True)
            count += 1
        except LdpubError:
            pass
    return count


def unsupported(records: dict[str, dict[str, Any]], pages: dict[str, bytes]) -> list[str]:
    """Inferred values whose evidence (the quoted text in ``inferred``) is not in the page, or
    in its URL for a date from the URL path: each should have been left out."""
    problems = []
    for key, record in records.items():
        text = re.sub(r"\s+", " ", html_lib.unescape(pages[key].decode("utf-8", "replace")))
        for field, how in record.get("inferred", {}).items():
            quoted = _QUOTED.findall(how.split(" + ")[0])
            where = record.get("url", "") if "URL path" in how else text
            if not all(q in where for q in quoted):
                problems.append(f"{key[:12]} /{field}: {how}")
    return problems


def build_shares(pages: dict[str, bytes], urls: dict[str, str]) -> None:
    """The share of pages whose extracted record builds, without and with the newsroom's settings."""
    zone = Settings(overrides=Defaults(timezone=ZoneInfo(BENCH_ZONE), origins={"timezone": f"--timezone {BENCH_ZONE}"}))
    runs = (
        ("no settings", {}),
        (f"--timezone {BENCH_ZONE}", {"settings": zone}),
        (f"--timezone {BENCH_ZONE}, --url from the benchmark", {"settings": zone, "url": None}),
    )
    print(f"\nrecords that build end to end (extract → ldpub.build), {len(pages)} pages")
    for name, options in runs:
        records = {
            key: extract_html(page, **{**options, **({"url": urls[key]} if "url" in options else {})}).record
            for key, page in pages.items()
        }
        count, inferred = builds(records), sum("inferred" in r for r in records.values())
        print(f"{name:<46} {count:>4}/{len(records)} = {count / len(records):6.1%}   {inferred} with inferred values")
        for problem in unsupported(records, pages):
            print(f"  inferred value not found in its page: {problem}")


def trafilatura_body(html: bytes) -> str:
    return trafilatura.extract(html) or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="benchmark folder")
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    args = parser.parse_args(argv)
    truth_file = args.data / "ground-truth-dev.json"
    if not truth_file.exists():
        print(f"benchmark data not found: {truth_file}", file=sys.stderr)
        return 2
    ground = json.loads(truth_file.read_text(encoding="utf-8"))
    keys = sorted(ground)[: args.pages or None]
    truth = {k: ground[k]["articleBody"] for k in keys}
    pages = {k: gzip.decompress((args.data / "html" / f"{k}.html.gz").read_bytes()) for k in keys}
    print(f"article body extraction, {len(pages)} pages ({args.data.name})")
    print(f"{'extractor':<34} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/page':>8}")
    extractors = (
        (f"trafilatura {trafilatura.__version__} (defaults)", trafilatura_body),
        ("ldpub extract", ldpub_body),
    )
    for _, extract in extractors:  # warm up (lazy imports, caches) before timing
        extract(next(iter(pages.values())))
    for name, extract in extractors:
        precision, recall, f1, seconds = evaluate(extract, pages, truth)
        print(f"{name:<34} {precision:>9.4f} {recall:>7.4f} {f1:>7.4f} {seconds * 1000:>8.1f}")
    build_shares(pages, {k: ground[k]["url"] for k in keys})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
