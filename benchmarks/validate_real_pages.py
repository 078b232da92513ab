"""``ldpub validate`` over the 119 real article pages of the extraction benchmark: findings by code.

The pages are ``../shared/benchmarks/article-extraction/html/*.html.gz`` (as for
benchmarks/bench_extraction.py), checked from memory (gunzipped) as HTML, with the profiles given.
Prints the count of errors and warnings by code, and with ``--list CODE`` every finding of a code
(to read each one by hand; docs/validate.md states the result).

    python benchmarks/validate_real_pages.py [-p google-article] [--list LD023]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ldpub.validate import Validator  # noqa: E402
from ldpub.validate.report import Finding  # noqa: E402

PAGES = ROOT.parent / "shared" / "benchmarks" / "article-extraction" / "html"


def run(profiles: list[str]) -> tuple[int, list[Finding]]:
    """(pages checked, every finding) for the benchmark's pages."""
    validator = Validator(profiles)
    findings: list[Finding] = []
    paths = sorted(PAGES.glob("*.html.gz"))
    for path in paths:
        report = validator.check_bytes(gzip.decompress(path.read_bytes()), path.name[:12] + ".html", suffix=".html")
        findings.extend(report.findings)
    return len(paths), findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", "--profile", action="append", default=[], help="a profile, as for ldpub validate")
    parser.add_argument("--list", action="append", default=[], metavar="CODE", help="print every finding of CODE")
    args = parser.parse_args()
    if not PAGES.is_dir():
        sys.exit(f"no pages at {PAGES}")
    pages, findings = run(args.profile)
    by_code = Counter((f.severity, f.code) for f in findings)
    errors = [f for f in findings if f.severity == "error"]
    print(f"{pages} pages, profiles {args.profile or 'none'}: {len(errors)} errors on "
          f"{len({f.file for f in errors})} pages, {len(findings) - len(errors)} warnings")  # fmt: skip
    for (severity, code), n in sorted(by_code.items()):
        print(f"  {severity:<7} {code}  {n}")
    for f in findings:
        if f.code in args.list:
            print(f"{f.file}:{f.line}:{f.column} {f.code} {f.pointer or ''} [{f.node_type or ''}] {f.message}")


if __name__ == "__main__":
    main()
