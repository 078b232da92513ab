"""The stable finding codes: one table, shown in README and in SARIF's rule list."""

from __future__ import annotations

from dataclasses import dataclass

from ldpub.validate.severity import Severity


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    summary: str


_TABLE: list[tuple[str, Severity, str]] = [
    # syntax
    ("LD001", "error", "malformed JSON, or JSON nested past ldpub's limit (with the line and column of the fault)"),
    ("LD002", "warning", "a trailing ';' after the JSON value (JavaScript habit); ignored, checks continue"),
    ("LD003", "warning", "the JSON is wrapped in a CDATA section or an HTML comment; unwrapped, checks continue"),
    ("LD004", "warning", "the JSON is HTML-entity-encoded (&quot;…); decoded, checks continue"),
    ("LD005", "warning", "raw control characters (newline, tab…) inside JSON strings; escaped, checks continue"),
    ("LD006", "warning", "an empty JSON-LD block"),
    ("LD007", "error", "the input is not text (binary data or undecodable)"),
    ("LD008", "warning", "JavaScript comments (// or /* */) in the JSON; ignored, checks continue"),
    ("LD009", "warning", "a trailing comma before } or ] (JavaScript habit); ignored, checks continue"),
    # JSON-LD
    ("LD010", "error", "a remote @context other than schema.org's: refused, never fetched"),
    ("LD011", "error", "the document does not expand as JSON-LD (bad keyword use, bad @id or @type value)"),
    ("LD012", "error", "no @context: the document's terms mean nothing in JSON-LD"),
    ("LD013", "error", "a reference to a blank node (_:…) that no node in the page describes"),
    ("LD014", "warning", "a reference to an @id that no node in the page describes"),
    # vocabulary
    ("LD020", "error", "unknown schema.org type (with a did-you-mean suggestion)"),
    ("LD021", "error", "unknown schema.org property (with a did-you-mean suggestion)"),
    ("LD022", "error", "a property used on a type outside its domain (schema:domainIncludes, with subclasses)"),
    ("LD023", "error", "a value outside the property's range (data type, enumeration member or node type)"),
    ("LD024", "warning", "text (or a number) where a node is expected: schema.org accepts it, consumers may not"),
    ("LD025", "warning", "a term superseded in the vocabulary (schema:supersededBy)"),
    # profile google-article
    (
        "GA001",
        "warning",
        "Article: a property Google recommends is missing (author, datePublished, dateModified, headline, image)",
    ),
    ("GA002", "warning", "Article: an author without a name or url"),
    ("GA003", "error", "Article: a typed datePublished / dateModified is not ISO 8601 (as text: LD023)"),
    ("GA004", "warning", "Article: datePublished / dateModified has no time (with time zone)"),
    # profile google-claimreview
    (
        "GC001",
        "error",
        "ClaimReview: a property Google requires is missing (claimReviewed, reviewRating with alternateName, url)",
    ),
    (
        "GC002",
        "warning",
        "ClaimReview: a property Google recommends is missing "
        "(author, itemReviewed Claim with author, datePublished, appearance)",
    ),
    # profile ldpub
    ("LP001", "error", "ldpub: a node without an absolute @id (relative, blank or missing)"),
    ("LP002", "error", "ldpub: an article without a publisher, or a publisher without a logo"),
    ("LP003", "error", "ldpub: one entity described by more than one node"),
    # user profiles
    ("PR001", "error", "user profile (JSON Schema): the document fails the schema"),
    ("PR002", "error", "user profile (SHACL): a validation result (severity from sh:resultSeverity)"),
]

CODES: dict[str, Code] = {code: Code(code, severity, summary) for code, severity, summary in _TABLE}


def severity_of(code: str) -> Severity:
    return CODES[code].severity
