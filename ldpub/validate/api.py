"""The library API: paths, bytes or parsed JSON in, a :class:`Report` out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson

from ldpub.paywall import mentions_paywall, paywall_problems
from ldpub.validate.checks import Checker
from ldpub.validate.codes import severity_of
from ldpub.validate.findings import Finding
from ldpub.validate.profiles import Profile, load_profiles
from ldpub.validate.report import Report
from ldpub.validate.sources import Document, documents_from_bytes, iter_files, read_file


class Validator:
    """Checks and profiles compiled once; reuse one for many inputs (that is where the speed is)."""

    def __init__(self, profiles: Sequence[str | Profile] = (), *, page: bytes | None = None) -> None:
        """``page``: the HTML page JSON-LD inputs go into (``ldpub validate --page``), to check their
        paywall markup against; an HTML input is checked against itself."""
        self.page = _page_tree(page) if page is not None else None
        self.checker = Checker()
        named = [p for p in profiles if isinstance(p, str)]
        loaded = iter(load_profiles(named, self.checker.vocab))
        self.profiles: list[Profile] = [p if isinstance(p, Profile) else next(loaded) for p in profiles]

    def check_documents(self, docs: list[Document]) -> list[Finding]:
        """Findings for one page's (or file's) documents: syntax, JSON-LD, vocabulary, profiles."""
        findings: list[Finding] = [f for doc in docs for f in doc.findings]
        data = [doc.data for doc in docs]
        if all(d is None for d in data):
            return findings
        per_doc, index = self.checker.check_page(data)
        for profile in self.profiles:
            for problem in profile.check(index, data):
                per_doc[problem.doc].append(problem)
        for doc, problems in zip(docs, per_doc, strict=True):
            if not problems:
                continue
            places = doc.locate_all([p.pointer for p in problems])
            for p, (line, column) in zip(problems, places, strict=True):
                message, pointer = p.message, p.pointer
                if doc.kind != "jsonld":
                    message, pointer = f"{doc.kind}: {message}", None
                level = p.severity or severity_of(p.code)
                where = (doc.file, line, column, pointer)
                findings.append(Finding(p.code, level, message, *where, p.node_id, p.node_type))
        findings.sort(key=lambda f: (f.line or 0, f.column or 0))  # stable: same place, check order
        return findings

    def check_bytes(self, data: bytes, name: str, *, suffix: str | None = None) -> Report:
        """One input's bytes: JSON-LD, or an HTML page (by ``suffix``, else by content)."""
        docs = documents_from_bytes(data, name, suffix=suffix)
        if suffix == ".json" and len(docs) == 1 and not _looks_like_jsonld(docs[0].data):
            return Report((), (name,))  # package.json and friends: plain JSON is not ours to judge
        findings = self.check_documents(docs)
        if b"isAccessibleForFree" in data and any(mentions_paywall(doc.data) for doc in docs):
            is_page = any(doc.kind != "jsonld" or doc.block_line is not None for doc in docs)
            findings += self.paywall_findings(docs, _page_tree(data) if is_page else self.page)
            findings.sort(key=lambda f: (f.line or 0, f.column or 0))
        return Report(tuple(findings), (name,))

    def paywall_findings(self, docs: list[Document], page: Any | None) -> list[Finding]:
        """The documents' paywall markup against ``page`` (an lxml tree; None: only what needs no page)."""
        findings = []
        for problem in paywall_problems([doc.data for doc in docs], page):
            doc = docs[problem.document]
            line, column = doc.locate(problem.pointer)
            message, pointer = problem.message, problem.pointer
            pointer_shown: str | None = pointer
            if doc.kind != "jsonld":
                message, pointer_shown = f"{doc.kind}: {message}", None
            findings.append(
                Finding(
                    problem.code,
                    severity_of(problem.code),
                    message,
                    doc.file,
                    line,
                    column,
                    pointer_shown,
                    problem.node_id,
                    problem.node_type,
                )
            )
        return findings

    def check_path(self, path: str | Path) -> Report:
        """One file (JSON-LD or HTML). Raises OSError when it cannot be read."""
        path = Path(path)
        return self.check_bytes(read_file(path), str(path), suffix=path.suffix.lower())


def validate_document(
    document: Any, *, file: str = "<input>", profiles: Sequence[str | Profile] = (), html: bool = False
) -> Report:
    """Validate one document: parsed JSON (dict or list), or JSON-LD / HTML text or bytes."""
    validator = Validator(profiles)
    if isinstance(document, (str, bytes)):
        data = document.encode("utf-8") if isinstance(document, str) else document
        return validator.check_bytes(data, file, suffix=".html" if html else None)
    doc = Document(file, orjson.loads(orjson.dumps(document)))
    return Report(tuple(validator.check_documents([doc])), (file,))


def validate_paths(paths: Iterable[str | Path], *, profiles: Sequence[str | Profile] = ()) -> Report:
    """Validate files and directories (recursively: .jsonld, .json, .html, .htm). OSError when unreadable."""
    validator = Validator(profiles)
    return Report.merge(validator.check_path(path) for path in iter_files(paths))


def _page_tree(data: bytes) -> Any | None:
    """The page parsed for matching selectors (no network, no entities); None when it is no page."""
    from ldpub.errors import InputError
    from ldpub.read.safe_html import decode_page, parse_html

    try:
        return parse_html(decode_page(data))
    except InputError:
        return None


def _looks_like_jsonld(data: Any) -> bool:
    """True for JSON that means to be JSON-LD (a keyword at its top); None (unparsable) counts as JSON-LD."""
    if data is None:
        return True
    items = data if isinstance(data, list) else [data]
    return any(isinstance(item, dict) and ("@context" in item or "@type" in item or "@graph" in item) for item in items)
