"""The one registry of validation rules: each rule is a class with its code, severity and doc.

A rule is registered where it is written (``@register``); everything else is derived from the
registry: the code table (:data:`ldpub.validate.CODES`, SARIF's rule list), the problem kinds the
readers report, which checks the JSON-LD walk calls, and the built-in profiles. Adding a rule is
adding one class (and its row in docs/validate.md and its case in tests/validate/test_codes.py).

A rule says what it looks at by the hooks it defines; the walk and the profiles call only the
hooks a rule has:

* ``problems``: what the readers report as such (malformed JSON, a remote ``@context``, an
  ``@id`` that is no string…), by kind, with the message (``{detail}``/``{detail!r}`` filled in);
* core checks (``profile = "core"``, run on every document), called on the walk's slow path
  only (a key, type or value not already known to be clean): :meth:`Rule.check_type`,
  :meth:`Rule.check_property`, :meth:`Rule.check_literal`, :meth:`Rule.check_nested`,
  :meth:`Rule.check_reference`, :meth:`Rule.check_dangling`; each returns a message or None;
* profile checks (``profile = "google-article"``…), run over the page's node index:
  :meth:`Rule.check_node` on each node of the rule's ``types`` and :meth:`Rule.check_page` once a
  page (each gives problems), :meth:`Rule.check_value` on each value of the rule's ``keys`` of
  such nodes (a problem or None).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ldpub.validate.findings import Finding, Problem, Severity

if TYPE_CHECKING:
    from ldpub.validate.index import NodeInfo, PageIndex
    from ldpub.validate.ranges import Range
    from ldpub.validate.vocab import Vocabulary

CORE = "core"  # the checks every run makes
USER = "user"  # rules made from a user's profile file (JSON Schema, SHACL)
_SEVERITIES = ("error", "warning", "info")
_CODE = re.compile(r"^[A-Z]{2}\d{3}$")


class Rule:
    """A validation rule. Subclasses set ``code`` and ``severity``, say what they check in their
    docstring (its first paragraph is the summary shown in the code table and in SARIF), and
    define the hooks they need (see the module's docstring)."""

    code: ClassVar[str]
    severity: ClassVar[Severity]
    profile: ClassVar[str] = CORE
    problems: ClassVar[tuple[tuple[str, str], ...]] = ()  # (reader problem kind, message)
    types: ClassVar[tuple[str, ...]] = ()  # profile rules: the node types (with subtypes) checked; () every node
    keys: ClassVar[tuple[str, ...]] = ()  # check_value: the properties whose values are checked

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab

    @classmethod
    def summary(cls) -> str:
        """The first paragraph of the rule's docstring, on one line."""
        return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())

    # --- core checks: a message, or None --------------------------------------------------------

    def check_type(self, local: str) -> str | None:
        """A ``@type`` value of schema.org (its local name) not yet known to be clean."""
        return None

    def check_property(self, key: str, range: Range | None, types: tuple[str, ...], label: str) -> str | None:
        """A property key of a node of ``types`` (``range`` None: no schema.org property has that name)."""
        return None

    def check_literal(self, value: Any, range: Range) -> str | None:
        """Text, a number or a boolean that the range's fast tests did not accept."""
        return None

    def check_nested(self, types: tuple[str, ...], range: Range) -> str | None:
        """A node written as a property's value (``types``: its schema.org types)."""
        return None

    def check_reference(self, types: tuple[str, ...], range: Range) -> str | None:
        """The node an ``{"@id": …}`` value refers to, found in the page."""
        return None

    def check_dangling(self, ref: str, range: Range | None) -> str | None:
        """An ``{"@id": …}`` value that no node in the page describes."""
        return None

    # --- profile checks: problems -----------------------------------------------------------------

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        """A node of the rule's ``types`` (every node when it names none): a generator, or a
        list (an empty tuple is the cheapest answer for a rule run on every node)."""
        return ()

    def check_value(self, info: NodeInfo, key: str, value: Any) -> Problem | None:
        """One value of property ``key`` of such a node (each item of an array in turn)."""
        return None

    def check_page(self, index: PageIndex, data: list[Any]) -> Iterable[Problem]:
        """The page once: its node index and its documents as parsed."""
        return ()

    # --- helpers --------------------------------------------------------------------------------

    def node_type(self, label: str | None) -> str | None:
        """The node type a core check's problem names, from the node's types in words."""
        return label

    def found(self, info: NodeInfo, message: str, pointer: str | None) -> Problem:
        """A problem of this rule on the node ``info``, naming its @id (when a string) and its types."""
        node_id = info.node.get("@id")
        return Problem(
            self.code, message, pointer, node_id if isinstance(node_id, str) else None, "/".join(info.types), info.doc
        )

    def hooks(self) -> list[str]:
        """The names of the hooks this rule defines."""
        return [name for name in _HOOKS if getattr(type(self), name) is not getattr(Rule, name)]


_HOOKS = tuple(name for name in vars(Rule) if name.startswith("check_"))
R = TypeVar("R", bound=type[Rule])


class Registry:
    """Rules by code, in the order they were registered (the code table's order)."""

    def __init__(self) -> None:
        self.rules: dict[str, type[Rule]] = {}
        self.kinds: dict[str, tuple[type[Rule], str]] = {}  # problem kind -> its rule and message

    def register(self, cls: R) -> R:
        """Add a rule class (a decorator); its code and problem kinds must be new."""
        code = getattr(cls, "code", "")
        if not _CODE.match(code):
            raise ValueError(f"{cls.__name__}: a rule's code is two capitals and three digits, not {code!r}")
        if code in self.rules:
            raise ValueError(f"{cls.__name__}: code {code} is {self.rules[code].__name__}'s already")
        if getattr(cls, "severity", None) not in _SEVERITIES:
            raise ValueError(f"{cls.__name__}: severity must be one of {', '.join(_SEVERITIES)}")
        if not cls.summary():
            raise ValueError(f"{cls.__name__}: a rule says what it checks in its docstring")
        taken = [kind for kind, _ in cls.problems if kind in self.kinds]
        if taken:
            raise ValueError(
                f"{cls.__name__}: problem kind {taken[0]!r} is {self.kinds[taken[0]][0].__name__}'s already"
            )
        self.rules[code] = cls
        for kind, message in cls.problems:
            self.kinds[kind] = (cls, message)
        return cls

    def of_profile(self, profile: str) -> list[type[Rule]]:
        return [cls for cls in self.rules.values() if cls.profile == profile]

    def profiles(self) -> tuple[str, ...]:
        """The built-in profiles' names, in the order their first rule was registered."""
        names = (cls.profile for cls in self.rules.values() if cls.profile not in (CORE, USER))
        return tuple(dict.fromkeys(names))

    def problem(
        self,
        kind: str,
        pointer: str | None = None,
        node_id: str | None = None,
        node_type: str | None = None,
        doc: int = 0,
        detail: Any = None,
    ) -> Problem:
        """The problem a reader reports, with its rule's code and message."""
        cls, message = self.kinds[kind]
        return Problem(cls.code, _fill(message, detail), pointer, node_id, node_type, doc)

    def finding(
        self,
        kind: str,
        file: str,
        line: int | None = None,
        column: int | None = None,
        detail: Any = None,
        pointer: str | None = None,
    ) -> Finding:
        """A reader's problem already placed in a file (the syntax checks know line and column)."""
        cls, message = self.kinds[kind]
        return Finding(cls.code, cls.severity, _fill(message, detail), file, line, column, pointer)

    def severity(self, code: str) -> Severity:
        return self.rules[code].severity


def _fill(template: str, detail: Any) -> str:
    """The message: ``{detail}`` and ``{detail!r}`` replaced (no other braces are read: "} or ]")."""
    if "{detail" not in template:
        return template
    return template.replace("{detail!r}", repr(detail)).replace("{detail}", str(detail))


REGISTRY = Registry()
register = REGISTRY.register
