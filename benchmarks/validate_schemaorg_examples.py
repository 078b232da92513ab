"""``ldpub validate`` over schema.org's own examples: every JSON-LD example, errors by code.

The input is a release's ``schemaorg-all-examples.txt`` (``TYPES: #eg-NNNN …`` headers, then
``PRE-MARKUP:``, ``MICRODATA:``, ``RDFA:`` and ``JSON:`` sections). Each ``JSON:`` section's
``<script type="application/ld+json">`` block is checked as a page's block would be. Errors on
these examples are either ldpub's false alarms or the examples' own slips; the reviewed slips are
``REVIEWED`` below (the test tests/validate/test_schemaorg_examples.py holds them as the expected
result), so any other error is a false alarm to fix.

    python benchmarks/validate_schemaorg_examples.py [FILE] [--list] [--page-graph] [--rdfa]

Without FILE, the vendored excerpt (tests/data/schemaorg/) is read. ``--page-graph`` keeps the
examples whose ``TYPES:`` header, or whose JSON-LD, names one of the types a newsroom's pages carry — an article
(Article and its subtypes), a page (WebPage, WebPageElement and theirs), a site (WebSite), a
breadcrumb (BreadcrumbList), a video (VideoObject), a claim (Claim, ClaimReview) or a data feed
(DataFeed, DataFeedItem) — and counts examples and errors per type. ``--rdfa`` checks each example's
``RDFA:`` section (those with a ``typeof``) as a page's body instead, as ``ldpub validate page.html``
reads a page's RDFa.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ldpub.validate import Validator  # noqa: E402
from ldpub.validate.report import Finding  # noqa: E402

EXCERPT = ROOT / "tests" / "data" / "schemaorg" / "schemaorg-all-examples-excerpt.txt"
_HEADER = re.compile(r"^TYPES:\s*#(eg-\d+)([^\n]*)", re.MULTILINE)
# The page graph's families: each type and every subtype of it.
PAGE_GRAPH_ROOTS = (
    "Article",
    "WebPage",
    "WebPageElement",
    "WebSite",
    "BreadcrumbList",
    "VideoObject",
    "Claim",
    "ClaimReview",
    "DataFeed",
    "DataFeedItem",
)
_SECTION = re.compile(r"^(PRE-MARKUP|MICRODATA|RDFA|JSON):\s*$", re.MULTILINE)
_JSON_TYPE = re.compile(r'"@?type"\s*:\s*(\[[^\]]*\]|"[^"]*")')

# (example, code, what the error is about): the examples' own slips, each read by hand.
# None yet: the vendored excerpt has no error; a run over the whole file adds its reviewed slips here.
REVIEWED: frozenset[tuple[str, str, str]] = frozenset()


def example_types(text: str) -> dict[str, list[str]]:
    """Each example's types: those its ``TYPES:`` header names (properties left out), then those
    its JSON-LD gives a node (``"@type"``/``"type"``, a compact ``schema:`` name read as its local name)."""
    out: dict[str, list[str]] = {}
    for head in _HEADER.finditer(text):
        names = [n.strip() for n in head.group(2).split(",") if n.strip()]
        out[head.group(1)] = [n for n in names if n[:1].isupper()]
    for example, section in examples(text):
        for found in _JSON_TYPE.finditer(section):
            for name in re.findall(r'"([^"]+)"', found.group(1)):
                local = name.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
                if local[:1].isupper() and local not in out[example]:
                    out[example].append(local)
    return out


def page_graph_types() -> dict[str, str]:
    """Every type of the page graph's families → its family's root."""
    from ldpub.validate.vocab import vocabulary

    vocab = vocabulary()
    return {t: root for root in reversed(PAGE_GRAPH_ROOTS) for t in vocab.descendants(root)}


def examples(text: str, kind: str = "JSON") -> list[tuple[str, str]]:
    """(example id, section text) for every example with a section of ``kind`` (JSON, RDFA…)."""
    out = []
    heads = list(_HEADER.finditer(text))
    for i, head in enumerate(heads):
        body = text[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        sections = list(_SECTION.finditer(body))
        for j, section in enumerate(sections):
            if section.group(1) == kind:
                end = sections[j + 1].start() if j + 1 < len(sections) else len(body)
                out.append((head.group(1), body[section.end() : end].strip()))
    return out


def run(text: str, kind: str = "JSON") -> list[tuple[str, Finding]]:
    """Every error on the examples' JSON-LD (or ``kind``'s sections), with its example's id."""
    validator = Validator()
    errors = []
    for example, section in examples(text, kind):
        if not is_markup(section, kind):
            continue  # "No JSON-LD", "TODO"
        page = f"<html><head>{section}</head></html>" if kind == "JSON" else f"<html><body>{section}</body></html>"
        report = validator.check_bytes(page.encode("utf-8"), f"{example}.html", suffix=".html")
        errors.extend((example, f) for f in report.findings if f.severity == "error")
    return errors


def is_markup(section: str, kind: str) -> bool:
    """Is a section markup to check: a JSON-LD block, or RDFa that types something?"""
    return "ld+json" in section if kind == "JSON" else "typeof=" in section


def unreviewed(errors: list[tuple[str, Finding]]) -> list[tuple[str, Finding]]:
    """The errors that no reviewed slip accounts for: false alarms."""
    return [
        (example, f)
        for example, f in errors
        if not any(example == e and f.code == code and what in f.message for e, code, what in REVIEWED)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(EXCERPT), help="schemaorg-all-examples.txt")
    parser.add_argument("--list", action="store_true", help="print every error")
    parser.add_argument("--page-graph", action="store_true", help="only the page graph's types, counted per type")
    parser.add_argument("--rdfa", action="store_true", help="check the RDFa sections (as pages) instead of JSON-LD")
    args = parser.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")
    kind, label = ("RDFA", "RDFa") if args.rdfa else ("JSON", "JSON-LD")
    found = examples(text, kind)
    errors = run(text, kind)
    if args.page_graph:
        family = page_graph_types()
        types = example_types(text)
        kept = {e for e, _ in found if any(t in family for t in types.get(e, []))}
        found = [(e, section) for e, section in found if e in kept]
        errors = [(e, f) for e, f in errors if e in kept]
        print(f"{'type':<28} {'examples':>8} {label:>8} {'errors':>7}")
        for name in sorted({t for e in kept for t in types[e] if t in family}):
            with_type = {e for e in kept if name in types[e]}
            jsonld = {e for e, section in found if e in with_type and is_markup(section, kind)}
            count = sum(1 for e, _ in errors if e in with_type)
            print(f"{name:<28} {len(with_type):>8} {len(jsonld):>8} {count:>7}")
    by_code = Counter(f.code for _, f in errors)
    checked = len(found) if kind == "JSON" else sum(is_markup(section, kind) for _, section in found)
    print(
        f"{checked} {label} examples: {len(errors)} errors on {len({e for e, _ in errors})} examples; "
        f"by code: {dict(sorted(by_code.items()))}; not in the reviewed list: {len(unreviewed(errors))}"
    )
    for example, f in errors if args.list else unreviewed(errors):
        print(f"  {example} {f.line}:{f.column} {f.code} {f.pointer or ''} {f.message}")


if __name__ == "__main__":
    main()
