"""Validation rules, each a registered unit (:mod:`ldpub.validate.rules.registry`).

Importing this package registers every rule, module by module in the order below, which is the
order of the code table (and of SARIF's rule list): syntax, JSON-LD, vocabulary, the page, Google's
profiles, ldpub's house rules, the Trust Project's indicators, user profiles.
"""

# isort: off
from ldpub.validate.rules.registry import CORE, REGISTRY, USER, Registry, Rule, register
from ldpub.validate.rules import syntax  # noqa: F401
from ldpub.validate.rules import jsonld  # noqa: F401
from ldpub.validate.rules import vocabulary  # noqa: F401
from ldpub.validate.rules import page  # noqa: F401
from ldpub.validate.rules import google  # noqa: F401
from ldpub.validate.rules import house  # noqa: F401
from ldpub.validate.rules import trust  # noqa: F401
from ldpub.validate.rules import user  # noqa: F401

# isort: on

__all__ = ["CORE", "REGISTRY", "USER", "Registry", "Rule", "register"]
