"""Extract a record from one page or text file: the operation behind ``ldpub extract`` and
the service's ``POST /extract``.

A page (HTML) or a plain text is told by its name's suffix, else by how its content starts;
:func:`extract_file` reads either into an :class:`~ldpub.read.result.ExtractResult`, and
:func:`dump` writes a record as YAML or JSON text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ldpub.errors import LdpubError, Location
from ldpub.inputs import is_page
from ldpub.newsroom import Settings, given_datetime, template_url
from ldpub.read.result import ExtractResult, ExtractWarning
from ldpub.read.safe_html import MAX_PAGE_BYTES, decode_page, read_page


def load_authority(path: Path) -> object:
    """The newsroom's entity authority file (``--entities``), for plain-text linking."""
    from ldpub.entities import Authority  # type: ignore[import-not-found, unused-ignore]

    authority: object = Authority.load(path)
    return authority


def extract_file(
    path: Path,
    *,
    authority: object | None = None,
    url: str | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    text_options: dict[str, str] | None = None,
    settings: Settings | None = None,
    root: Path | None = None,
) -> ExtractResult:
    """Extract a record from an HTML page or a plain-text file, chosen by suffix or content.

    ``authority`` (a loaded entity authority) links the names of both; ``original_language``
    applies to plain text only (a page given it says so in a warning); ``published``, ``language`` and the
    newsroom's ``settings`` (time zone, URL template over ``path`` relative to ``root``,
    language, publisher) apply to both.
    """
    options = dict(text_options or {})
    settings = settings or Settings()
    if _is_html(path, max_bytes):
        from ldpub.read.html import extract_html_file  # trafilatura: imported when used

        page = extract_html_file(
            path,
            url=url,
            max_bytes=max_bytes,
            published=options.get("published"),
            settings=settings,
            root=root,
            authority=authority,
        )
        for name, given in (("--original-language", options.get("original_language")),):
            if given is not None:
                message = f"{name} applies to plain text only; not used for a page"
                page.warnings.append(ExtractWarning(message, Location(str(path))))
        return page
    # The plain-text extractor lives in its own module; imported here so HTML works without it.
    try:
        from ldpub.read.text import extract_text  # type: ignore[import-not-found, unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name != "ldpub.read.text":
            raise
        raise LdpubError(
            "plain-text extraction is not available in this version of ldpub", Location(str(path))
        ) from exc

    text = decode_page(read_page(path, max_bytes=max_bytes), source=str(path))
    url, inferred = _text_defaults(path, url, options, settings, root)
    result: ExtractResult = extract_text(text, source=str(path), authority=authority, url=url, **options)
    shown = {"url": url, **options}
    for name, how in inferred.items():
        result.warnings.append(ExtractWarning(f"{name} inferred {how}: {shown[name]}", Location(str(path), f"/{name}")))
    if inferred:
        result.record["inferred"] = inferred
    return result


def _text_defaults(
    path: Path, url: str | None, options: dict[str, str], settings: Settings, root: Path | None
) -> tuple[str | None, dict[str, str]]:
    """What the newsroom's settings add to a text's options (``options`` is updated): the URL
    from the template, the zone of a zone-less ``--published``, the language; and how."""
    inferred: dict[str, str] = {}
    defaults = settings.for_host(None)
    if url is None:
        url = template_url(defaults, path, root)
        if url is not None:
            inferred["url"] = f"from {defaults.label('url_template')}"
    defaults = settings.for_host(urlsplit(url).hostname if url else None)
    if "published" in options:
        value, how, _ = given_datetime(options["published"], defaults)
        if value and how:  # a zone-less --published completed with the newsroom's zone
            options["published"], inferred["published"] = value, how
    if "language" not in options and defaults.language:
        options["language"], inferred["language"] = defaults.language, f"from {defaults.label('language')}"
    return url, inferred


def _is_html(path: Path, max_bytes: int) -> bool:
    return is_page(path.name, lambda: read_page(path, max_bytes=max_bytes))


class _Dumper(yaml.SafeDumper):
    """YAML with multi-line strings (the body) as literal blocks, readable by an editor."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(record: dict[str, Any], fmt: str) -> str:
    """A record as YAML or JSON text."""
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def dump_many(texts: list[str], fmt: str) -> str:
    """Records dumped by :func:`dump`, as one output: one record as it is; several YAML records as
    one YAML stream (``---`` between documents), several JSON records as JSON Lines."""
    if len(texts) <= 1 or fmt != "json":
        return "---\n".join(texts)
    return "".join(json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n" for text in texts)
