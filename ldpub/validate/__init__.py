"""``ldpub validate``: check any publisher's structured data offline (syntax, JSON-LD, schema.org, profiles).

>>> from ldpub.validate import validate_paths
>>> report = validate_paths(["examples/"], profiles=["google-article"])
>>> report.ok()
True
"""

from ldpub.validate.api import Validator, validate_document, validate_paths
from ldpub.validate.codes import CODES
from ldpub.validate.profiles import BUILTIN as BUILTIN_PROFILES
from ldpub.validate.report import Finding, Report, to_json, to_sarif, to_text

__all__ = [
    "BUILTIN_PROFILES",
    "CODES",
    "Finding",
    "Report",
    "Validator",
    "to_json",
    "to_sarif",
    "to_text",
    "validate_document",
    "validate_paths",
]
