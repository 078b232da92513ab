"""The stable finding codes: one table, read from the registered rules (docs/validate.md, SARIF's rule list)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ldpub.validate.findings import Severity
from ldpub.validate.rules import REGISTRY, Registry


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    summary: str


class CodeTable(Mapping[str, Code]):
    """Every registered rule's code, severity and summary, in registration order (a live view:
    a rule registered later is in it too)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def __getitem__(self, code: str) -> Code:
        rule = self.registry.rules[code]
        return Code(code, rule.severity, rule.summary())

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.registry.rules))

    def __len__(self) -> int:
        return len(self.registry.rules)


CODES = CodeTable(REGISTRY)


def severity_of(code: str) -> Severity:
    return REGISTRY.severity(code)
