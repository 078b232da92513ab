"""``ldpub validate`` over schema.org's own examples: every JSON-LD example, errors by code.

The input is a release's ``schemaorg-all-examples.txt`` (``TYPES: #eg-NNNN …`` headers, then
``PRE-MARKUP:``, ``MICRODATA:``, ``RDFA:`` and ``JSON:`` sections). Each ``JSON:`` section's
``<script type="application/ld+json">`` block is checked as a page's block would be. Errors on
these examples are either ldpub's false alarms or the examples' own slips; the reviewed slips are
``REVIEWED`` below (the test tests/validate/test_schemaorg_examples.py holds them as the expected
result), so any other error is a false alarm to fix.

    python benchmarks/validate_schemaorg_examples.py [FILE] [--list]

Without FILE, the vendored excerpt (tests/data/schemaorg/) is read.
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
_HEADER = re.compile(r"^TYPES:\s*#(eg-\d+)", re.MULTILINE)
_SECTION = re.compile(r"^(PRE-MARKUP|MICRODATA|RDFA|JSON):\s*$", re.MULTILINE)

# (example, code, what the error is about): the examples' own slips, each read by hand.
# None yet: the vendored excerpt has no error; a run over the whole file adds its reviewed slips here.
REVIEWED: frozenset[tuple[str, str, str]] = frozenset()


def examples(text: str) -> list[tuple[str, str]]:
    """(example id, JSON section text) for every example with a JSON section."""
    out = []
    heads = list(_HEADER.finditer(text))
    for i, head in enumerate(heads):
        body = text[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        sections = list(_SECTION.finditer(body))
        for j, section in enumerate(sections):
            if section.group(1) == "JSON":
                end = sections[j + 1].start() if j + 1 < len(sections) else len(body)
                out.append((head.group(1), body[section.end() : end].strip()))
    return out


def run(text: str) -> list[tuple[str, Finding]]:
    """Every error on the examples' JSON-LD, with its example's id."""
    validator = Validator()
    errors = []
    for example, section in examples(text):
        if "ld+json" not in section:
            continue  # "No JSON-LD", "TODO"
        page = f"<html><head>{section}</head></html>"
        report = validator.check_bytes(page.encode("utf-8"), f"{example}.html", suffix=".html")
        errors.extend((example, f) for f in report.findings if f.severity == "error")
    return errors


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
    args = parser.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")
    found = examples(text)
    errors = run(text)
    by_code = Counter(f.code for _, f in errors)
    print(
        f"{len(found)} JSON-LD examples: {len(errors)} errors on {len({e for e, _ in errors})} examples; "
        f"by code: {dict(sorted(by_code.items()))}; not in the reviewed list: {len(unreviewed(errors))}"
    )
    for example, f in errors if args.list else unreviewed(errors):
        print(f"  {example} {f.line}:{f.column} {f.code} {f.pointer or ''} {f.message}")


if __name__ == "__main__":
    main()
