"""Findings as values, a report of them, and the report as text, JSON or SARIF 2.1.0."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote

import orjson

from ldpub.validate.codes import CODES
from ldpub.validate.findings import SEVERITY_RANK, Finding, Severity

__all__ = ["SEVERITY_RANK", "Finding", "Report", "Severity", "to_json", "to_sarif", "to_text"]


@dataclass(frozen=True)
class Report:
    """Every finding for a set of inputs, in input order; ``files`` lists each input checked."""

    findings: tuple[Finding, ...] = ()
    files: tuple[str, ...] = field(default=())

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def ok(self, *, strict: bool = False) -> bool:
        """True when there is no error (and, with ``strict``, no warning either)."""
        worst = 1 if strict else 2
        return all(SEVERITY_RANK[f.severity] < worst for f in self.findings)

    def exit_code(self, *, strict: bool = False) -> int:
        return 0 if self.ok(strict=strict) else 1

    @staticmethod
    def merge(reports: Iterable[Report]) -> Report:
        reports = list(reports)
        return Report(
            tuple(f for r in reports for f in r.findings),
            tuple(name for r in reports for name in r.files),
        )


# --- text --------------------------------------------------------------------------------------

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def to_text(report: Report, *, colour: bool = False) -> str:
    """Findings grouped by file, one line each, then a summary line."""
    lines: list[str] = []
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.file or "<input>", []).append(f)
    for name, findings in by_file.items():
        lines.append(f"{_BOLD}{name}{_RESET}" if colour else name)
        for f in findings:
            where = f"{f.line}:{f.column or 1}" if f.line is not None else "-"
            severity = f"{_COLOURS[f.severity]}{f.severity}{_RESET}" if colour else f.severity
            pointer = f" {f.pointer or '/'}" if f.pointer is not None else ""
            node = f" [{f.node_type or ''}{' ' + f.node_id if f.node_id else ''}]" if f.node_id or f.node_type else ""
            lines.append(f"  {where:>8}  {severity} {f.code}{pointer}{node}: {f.message}")
    errors, warnings = report.count("error"), report.count("warning")
    files = len(report.files)
    lines.append(
        f"{files} file{'s' if files != 1 else ''} checked: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )
    return "\n".join(lines) + "\n"


def use_colour(stream: Any) -> bool:
    """Colour on a terminal, unless NO_COLOR is set."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


# --- JSON (schemas/validation-report.schema.json) ---------------------------------------------

REPORT_VERSION = "1.0"


def to_json_data(report: Report) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "ldpub", "version": _version()},
        "files": list(report.files),
        "summary": {
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "infos": report.count("info"),
        },
        "findings": [{k: v for k, v in asdict(f).items() if v is not None} for f in report.findings],
    }


def to_json(report: Report) -> str:
    return orjson.dumps(to_json_data(report), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


# --- SARIF 2.1.0 -------------------------------------------------------------------------------

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif_data(report: Report, rules: Sequence[tuple[str, str, str]] = ()) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run; ``rules`` are (code, default severity, short description)."""
    if not rules:
        rules = [(c.code, c.severity, c.summary) for c in CODES.values()]
    used = {f.code for f in report.findings}
    rule_list = [r for r in rules if r[0] in used]
    index = {r[0]: i for i, r in enumerate(rule_list)}
    results = []
    for f in report.findings:
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.file)}}}
        if f.line is not None:
            region: dict[str, int] = {"startLine": f.line}
            if f.column is not None:
                region["startColumn"] = f.column
            location["physicalLocation"]["region"] = region
        if f.pointer is not None:
            location["logicalLocations"] = [{"fullyQualifiedName": f.pointer or "/", "kind": "object"}]
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        props = {k: v for k, v in (("pointer", f.pointer), ("nodeId", f.node_id), ("nodeType", f.node_type)) if v}
        if props:
            result["properties"] = props
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ldpub",
                        "version": _version(),
                        "rules": [
                            {
                                "id": code,
                                "shortDescription": {"text": summary},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[severity]},  # type: ignore[index]
                            }
                            for code, severity, summary in rule_list
                        ],
                    }
                },
                "artifacts": [{"location": {"uri": _uri(name)}} for name in report.files],
                "results": results,
            }
        ],
    }


def to_sarif(report: Report) -> str:
    return orjson.dumps(to_sarif_data(report), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _uri(name: str | None) -> str:
    if not name:
        return "input"
    if name.startswith("<"):  # "<stdin>", "<input>": not files
        return name.strip("<>") or "input"
    return quote(name.replace(os.sep, "/"), safe="/:@!$&'()*+,;=-._~%")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("ldpub")
    except Exception:  # not installed (a plain checkout)
        return "0"
