"""JSON-LD: what the walk of the document (:mod:`ldpub.validate.checks`) finds about its shape and references."""

from __future__ import annotations

from ldpub.validate.ranges import Range
from ldpub.validate.rules.registry import Rule, register


@register
class RemoteContext(Rule):
    """a third-party @context (not schema.org's), which ldpub never fetches: the nodes it governs are
    left unchecked, and named

    The context may give any term any meaning, so nothing in its document is judged by schema.org's
    rules (schema.org's own examples use such contexts: W3C verifiable credentials, the
    health-lifesci extension's address)."""

    code = "LD010"
    severity = "warning"
    problems = (
        (
            "remote-context",
            "third-party @context {detail}",  # the context and the nodes left unchecked (checks.py)
        ),
        ("context-refused", "{detail}"),  # the offline loader's own words, on the general path
    )


@register
class NotJsonLd(Rule):
    """the document does not expand as JSON-LD (bad keyword use, bad @id or @type value)"""

    code = "LD011"
    severity = "error"
    problems = (
        ("scalar-document", "a JSON-LD document is an object or an array, not {detail}"),
        ("document-not-object", "a JSON-LD document is an object or an array of objects"),
        ("node-not-object", "a node is a JSON object"),
        ("id-not-string", "@id must be a string, not {detail}"),
        ("reference-id-not-string", "@id must be a string"),
        ("type-not-string", "@type must be a string or an array of strings"),
        ("not-json-ld", "not valid JSON-LD: {detail}"),
        ("context-unusable", "{detail}"),
        ("unknown-shape", "a JSON-LD shape ldpub cannot check"),
        ("too-deep", "nodes nested too deeply to check (hundreds of levels)"),
        ("microdata-unreadable", "cannot read microdata: {detail}"),
        ("rdfa-unreadable", "{detail}"),
    )


@register
class NoContext(Rule):
    """no @context: the document's terms mean nothing in JSON-LD"""

    code = "LD012"
    severity = "error"
    problems = (("no-context", 'no "@context": add "@context": "https://schema.org"'),)


@register
class DanglingBlankNode(Rule):
    """a reference to a blank node (_:…) that no node in the page describes"""

    code = "LD013"
    severity = "error"

    def check_dangling(self, ref: str, range: Range | None) -> str | None:
        if ref.startswith("_:"):
            return f"reference to blank node {ref} that no node in the page describes"
        return None


@register
class DanglingReference(Rule):
    """a reference to an @id that no node in the page describes"""

    code = "LD014"
    severity = "warning"

    def check_dangling(self, ref: str, range: Range | None) -> str | None:
        if ref.startswith("_:") or (range is not None and range.url_ok):
            return None  # a blank node is LD013's; a URL-valued property may link out of the page
        return f"reference to {ref} that no node in the page describes (define it, or link by URL)"
