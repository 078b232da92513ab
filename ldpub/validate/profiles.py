"""Profiles: sets of registered rules on top of the vocabulary, selectable by name or given as a file.

Built in: ``google-article`` and ``google-claimreview`` (what Google's structured-data
guidelines require → error, recommend → warning) and ``ldpub`` (house rules); a built-in
profile is every rule registered with that ``profile`` (:mod:`ldpub.validate.rules`), so a new
profile is new rules, nothing else. A user's own profile is a JSON Schema (run by jsonschema-rs
on each document) or SHACL shapes in Turtle (run by pySHACL on the page's RDF).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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

    def __init__(self, applies: frozenset[str] | None) -> None:
        self.applies = applies  # the types (with subtypes) the rules look at; None: every node
        self.node_rules: list[Rule] = []
        self.value_rules: dict[str, list[Rule]] = {}  # property -> rules on its values


class Profile:
    """A set of rules run over one page's node index and documents, in the order they were registered."""

    def __init__(self, name: str, rules: Sequence[Rule]) -> None:
        self.name = name
        self.rules = list(rules)
        self.page_rules = [rule for rule in self.rules if "check_page" in rule.hooks()]
        self.groups: list[_Group] = []
        for rule in self.rules:
            hooks = rule.hooks()
            if "check_node" not in hooks and "check_value" not in hooks:
                continue
            applies = _descendants(rule.vocab, rule.types) if rule.types else None
            if not self.groups or self.groups[-1].applies != applies:
                self.groups.append(_Group(applies))
            group = self.groups[-1]
            if "check_node" in hooks:
                group.node_rules.append(rule)
            if "check_value" in hooks:
                for key in rule.keys:
                    group.value_rules.setdefault(key, []).append(rule)

    def check(self, index: PageIndex, data: list[Any]) -> Iterator[Problem]:
        groups = self.groups
        if groups:
            for info in index.nodes:
                for group in groups:
                    if group.applies is None or not group.applies.isdisjoint(info.types):
                        yield from _node(group, info, index)
        for rule in self.page_rules:
            yield from rule.check_page(index, data)


def _node(group: _Group, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
    """A group's rules on one node: the node rules, then the value rules property by property."""
    for rule in group.node_rules:
        yield from rule.check_node(info, index)
    node = info.node
    for key, rules in group.value_rules.items():
        value = node.get(key)
        if value is None or value == "" or value == []:
            continue
        for item in value if isinstance(value, list) else [value]:
            for rule in rules:
                yield from rule.check_value(info, key, item)


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
