"""Syntax: what the JSON text reader (:mod:`ldpub.validate.sources`) finds before any JSON-LD is read.

Each fault pages really have is repaired where the intent is unambiguous (a warning), so the
other checks still run; the rest is an error and the document is not checked further.
"""

from __future__ import annotations

from ldpub.validate.rules.registry import Rule, register


@register
class MalformedJson(Rule):
    """malformed JSON, or JSON nested past ldpub's limit (with the line and column of the fault)"""

    code = "LD001"
    severity = "error"
    problems = (
        ("malformed-json", "malformed JSON: {detail}"),
        ("empty-file", "malformed JSON: the file is empty"),
        ("over-limit", "{detail}"),  # ldpub.limits' own words (nested too deep)
    )


@register
class TrailingSemicolon(Rule):
    """a trailing ';' after the JSON value (JavaScript habit); ignored, checks continue"""

    code = "LD002"
    severity = "warning"
    problems = (("trailing-semicolon", "a ';' after the JSON value (JSON is not JavaScript); ignored"),)


@register
class Wrapped(Rule):
    """the JSON is wrapped in a CDATA section or an HTML comment; unwrapped, checks continue"""

    code = "LD003"
    severity = "warning"
    problems = (("wrapped", "the JSON is wrapped in {detail}; read without it"),)


@register
class EntityEncoded(Rule):
    """the JSON is HTML-entity-encoded (&quot;…); decoded, checks continue"""

    code = "LD004"
    severity = "warning"
    problems = (("entity-encoded", "the JSON is HTML-entity-encoded (&quot;…); read decoded"),)


@register
class RawControls(Rule):
    """raw control characters (newline, tab…) inside JSON strings; escaped, checks continue"""

    code = "LD005"
    severity = "warning"
    problems = (("raw-controls", "raw control characters inside JSON strings; read as escaped"),)


@register
class EmptyBlock(Rule):
    """an empty JSON-LD block"""

    code = "LD006"
    severity = "warning"
    problems = (("empty-block", "empty JSON-LD block: nothing to check"),)


@register
class NotText(Rule):
    """the input is not text (binary data or undecodable)"""

    code = "LD007"
    severity = "error"
    problems = (
        ("binary", "not text: binary data (a NUL byte)"),
        ("undecodable", "not text: {detail}"),
        ("not-html", "cannot parse the page as HTML: {detail}"),
    )


@register
class JavaScriptComments(Rule):
    """JavaScript comments (// or /* */) in the JSON; ignored, checks continue"""

    code = "LD008"
    severity = "warning"
    problems = (("js-comments", "JavaScript comments in the JSON (// or /* */); ignored"),)


@register
class TrailingComma(Rule):
    """a trailing comma before } or ] (JavaScript habit); ignored, checks continue"""

    code = "LD009"
    severity = "warning"
    problems = (("trailing-comma", "a trailing comma before } or ] (JavaScript habit); ignored"),)
