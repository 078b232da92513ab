"""Profiles: sets of registered rules on top of the vocabulary, selectable by name or given as a file.

Built in: ``google-article`` and ``google-claimreview`` (what Google's structured-data
guidelines require → error, recommend → warning) and ``ldpub`` (house rules); a built-in
profile is every rule registered with that ``profile`` (:mod:`ldpub.validate.rules`), so a new
profile is new rules, nothing else. A user's own profile is a JSON Schema (run by jsonschema-rs
on each document) or SHACL shapes in Turtle (run by pySHACL on the page's RDF).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson

from ldpub.errors import LdpubError, UsageError
from ldpub.validate.findings import Problem
from ldpub.validate.index import NodeInfo, PageIndex
from ldpub.validate.rules import REGISTRY, Registry, Rule
from ldpub.validate.rules.user import JsonSchemaRule, ShaclRule
from ldpub.validate.vocab import Vocabulary, vocabulary

BUILTIN = REGISTRY.profiles()  # the project's own (a rule registered later may add one)


class _Group:
    """Consecutive rules of a profile that look at the same node types."""

    __slots__ = ("applies", "node_checks", "value_rules")

    def __init__(self, applies: frozenset[str] | None) -> None:
        self.applies = applies  # the types (with subtypes) the rules look at; None: every node
        self.node_checks: list[Callable[[NodeInfo, PageIndex], Iterable[Problem]]] = []  # rules' check_node
        self.value_rules: dict[str, list[Rule]] = {}  # property -> rules on its values


_Checks = tuple[
    frozenset[str] | None,
    list[Callable[[NodeInfo, PageIndex], Iterable[Problem]]],
    tuple[tuple[str, list[Rule]], ...],
]


class Profile:
    """A set of rules run over one page's node index and documents, in the order they were registered."""

    def __init__(self, name: str, rules: Sequence[Rule]) -> None:
        self.name = name
        self.rules = list(rules)
        self.page_rules = [rule for rule in self.rules if "check_page" in rule.hooks()]
        groups: list[_Group] = []
        for rule in self.rules:
            hooks = rule.hooks()
            if "check_node" not in hooks and "check_value" not in hooks:
                continue
            applies = _descendants(rule.vocab, rule.types) if rule.types else None
            if not groups or groups[-1].applies != applies:
                groups.append(_Group(applies))
            if "check_node" in hooks:
                groups[-1].node_checks.append(rule.check_node)
            if "check_value" in hooks:
                for key in rule.keys:
                    groups[-1].value_rules.setdefault(key, []).append(rule)
        self.groups = [(g.applies, g.node_checks, tuple(g.value_rules.items())) for g in groups]

    def check(self, index: PageIndex, data: list[Any]) -> list[Problem]:
        """The problems of a page, node by node in the order of the rules, then the page's."""
        out: list[Problem] = []
        groups = self.groups
        if len(groups) == 1:  # the common case: one loop over the nodes
            _group(groups[0], index, out)
        for info in index.nodes if len(groups) > 1 else ():
            types = info.types
            for applies, node_checks, value_rules in groups:
                if applies is not None and applies.isdisjoint(types):
                    continue
                for check in node_checks:
                    found = check(info, index)
                    if found:
                        out.extend(found)
                if value_rules:
                    _values(value_rules, info, out)
        for rule in self.page_rules:
            out.extend(rule.check_page(index, data))
        return out


def _group(group: _Checks, index: PageIndex, out: list[Problem]) -> None:
    """One group's rules on every node of the page."""
    applies, node_checks, value_rules = group
    for info in index.nodes:
        if applies is not None and applies.isdisjoint(info.types):
            continue
        for check in node_checks:
            found = check(info, index)
            if found:
                out.extend(found)
        if value_rules:
            _values(value_rules, info, out)


def _values(value_rules: tuple[tuple[str, list[Rule]], ...], info: NodeInfo, out: list[Problem]) -> None:
    """The value rules on one node's values, property by property, value by value."""
    node = info.node
    for key, rules in value_rules:
        value = node.get(key)
        if value is None or value == "" or value == []:
            continue
        for item in value if type(value) is list else (value,):
            for rule in rules:
                problem = rule.check_value(info, key, item)
                if problem is not None:
                    out.append(problem)


def _descendants(vocab: Vocabulary, types: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(vocab.descendants(t) for t in types))


def builtin_profile(name: str, vocab: Vocabulary, registry: Registry = REGISTRY) -> Profile:
    """A built-in profile: every rule registered under ``name``."""
    return Profile(name, [cls(vocab) for cls in registry.of_profile(name)])


def builtin_only(names: Iterable[str]) -> list[str]:
    """``names``, each a built-in profile's, or a :class:`~ldpub.errors.UsageError`: where a
    profile file may not be named (the service), nothing here touches the file system."""
    names = list(names)
    builtin = REGISTRY.profiles()
    for name in names:
        if name not in builtin:
            raise UsageError(f"unknown profile {name!r}: expected one of {', '.join(builtin)}")
    return names


def load_profiles(names: Iterable[str], vocab: Vocabulary | None = None) -> list[Profile]:
    """Profiles by built-in name or file path (JSON Schema .json, SHACL .ttl). LdpubError for a bad one."""
    vocab = vocab or vocabulary()
    builtin = REGISTRY.profiles()
    return [builtin_profile(name, vocab) if name in builtin else load_profile_file(Path(name)) for name in names]


def load_profile_file(path: Path) -> Profile:
    if not path.is_file():
        names = ", ".join(REGISTRY.profiles())
        raise LdpubError(f"unknown profile {str(path)!r}: expected one of {names}, or a profile file")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".ttl", ".shacl", ".turtle"):
        return Profile(str(path), [ShaclRule(path, text)])
    try:
        schema = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise LdpubError(
            f"{path}:{exc.lineno}:{exc.colno}: profile is not JSON (a JSON Schema) nor .ttl (SHACL)"
        ) from None
    return Profile(str(path), [JsonSchemaRule(path, schema)])
