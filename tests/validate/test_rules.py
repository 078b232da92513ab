"""The rule registry: a rule is one registered unit, and the walk and the profiles call what is registered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from ldpub.validate import CODES
from ldpub.validate.checks import Checker
from ldpub.validate.findings import Problem
from ldpub.validate.index import NodeInfo, PageIndex
from ldpub.validate.profiles import builtin_profile
from ldpub.validate.ranges import Range
from ldpub.validate.rules import CORE, REGISTRY, Registry, Rule
from ldpub.validate.vocab import vocabulary
from tests.support import ROOT

DOC = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": "https://news.example.org/a#article",
    "headline": "Bridge approved",
    "keywords": "bridge, council",
    "author": {"@type": "Person", "name": "Jane Doe"},
}


def registry_with(*extra: type[Rule]) -> Registry:
    """The project's rules and ``extra``, in a registry of their own (the global one is left alone)."""
    registry = Registry()
    for cls in [*REGISTRY.rules.values(), *extra]:
        registry.register(cls)
    return registry


def test_the_code_table_is_the_registry() -> None:
    assert list(CODES) == list(REGISTRY.rules)
    for code, rule in REGISTRY.rules.items():
        assert CODES[code].severity == rule.severity and CODES[code].summary == rule.summary()
        assert rule.summary() and rule.summary()[0].isalnum(), code


def test_a_new_core_rule_is_one_class() -> None:
    class NoKeywords(Rule):
        """keywords given as one comma-separated text (a test rule)"""

        code = "XX001"
        severity = "info"

        def check_property(self, key: str, range: Range | None, types: tuple[str, ...], label: str) -> str | None:
            return "keywords as one text" if key == "keywords" else None

    checker = Checker(registry=registry_with(NoKeywords))
    found, _ = checker.check_page([DOC])
    assert [(p.code, p.message, p.pointer, p.node_type) for p in found[0]] == [
        ("XX001", "keywords as one text", "/keywords", "NewsArticle")
    ]
    assert Checker().check_page([DOC])[0] == [[]]  # the project's registry is untouched


def test_a_new_profile_is_a_set_of_registered_rules() -> None:
    class PersonUrl(Rule):
        """Person: no url (a test profile's rule)"""

        code = "XX002"
        severity = "warning"
        profile = "test-profile"
        types = ("Person",)

        def check_node(self, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
            if "url" not in info.node:
                yield self.found(info, "the person has no url", info.pointer)

    registry = registry_with(PersonUrl)
    assert registry.profiles() == (*REGISTRY.profiles(), "test-profile")
    checker = Checker(registry=registry)
    _, index = checker.check_page([DOC])
    profile = builtin_profile("test-profile", checker.vocab, registry)
    assert [(p.code, p.pointer, p.node_type) for p in profile.check(index, [DOC])] == [("XX002", "/author", "Person")]


@pytest.mark.parametrize(
    ("attributes", "error"),
    [
        ({"code": "LD001", "severity": "error"}, "is MalformedJson's already"),
        ({"code": "X1", "severity": "error"}, "two capitals and three digits"),
        ({"code": "XX003", "severity": "fatal"}, "severity must be one of"),
        ({"code": "XX003", "severity": "error", "__doc__": None}, "docstring"),
        ({"code": "XX003", "severity": "error", "problems": (("no-context", "x"),)}, "is NoContext's already"),
    ],
)
def test_the_registry_refuses_a_rule_that_clashes(attributes: dict[str, Any], error: str) -> None:
    cls = type("Clash", (Rule,), {"__doc__": "a clashing rule", **attributes})
    with pytest.raises(ValueError, match=error):
        registry_with(cls)


def test_every_problem_kind_the_readers_report_is_registered() -> None:
    used = set()
    for path in (ROOT / "ldpub" / "validate").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:problem|finding)\(\s*"([a-z][a-z-]*)"', text))
        used |= set(re.findall(r'note\("([a-z][a-z-]*)"', text))
        used |= set(re.findall(r'kind = "([a-z][a-z-]*)" if', text)) | set(re.findall(r'else "([a-z][a-z-]*)"\n', text))
    assert len(used) > 20
    assert sorted(used - set(REGISTRY.kinds)) == []


def test_each_core_rule_is_called_only_through_its_hooks() -> None:
    hooks = {rule.code: rule(vocabulary()).hooks() for rule in REGISTRY.of_profile(CORE)}
    assert hooks["LD020"] == ["check_type"] and hooks["LD025"] == ["check_type", "check_property"]
    assert hooks["LD023"] == ["check_literal", "check_nested", "check_reference"]
    assert hooks["LD010"] == []  # a reader problem only


def test_a_problem_message_keeps_its_braces() -> None:
    found = REGISTRY.finding("trailing-comma", "a.json", 1, 2)
    assert (found.code, found.severity, found.message) == (
        "LD009",
        "warning",
        "a trailing comma before } or ] (JavaScript habit); ignored",
    )
    assert REGISTRY.problem("id-not-string", "/@id", detail="int").message == "@id must be a string, not int"


def test_the_documented_rule_runs_as_a_profile_of_its_own() -> None:
    import subprocess
    import sys

    docs = (ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(from ldpub.validate.rules import .*?)```", docs, re.S)
    assert example is not None
    script = example.group(1) + (
        "from ldpub.validate import CODES, validate_document, to_sarif\n"
        "doc = {'@context': 'https://schema.org', '@type': 'NewsArticle', 'headline': 'x'}\n"
        "report = validate_document(doc, profiles=['newsroom'])\n"
        "print([(f.code, f.severity, f.message) for f in report], CODES['NR001'].summary)\n"
        "print('NR001' in to_sarif(report))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.splitlines() == [
        "[('NR001', 'warning', 'the article has no articleSection')] "
        "Article: no articleSection (a newsroom's own rule)",
        "True",
    ]
