"""Extract a record from one page or text file: the operation behind ``ldpub extract`` and
the service's ``POST /extract``.

A page (HTML) or a plain text is told by its name's suffix, else by how its content starts
(:mod:`ldpub.inputs`); :func:`extract` reads either, with the same :class:`ExtractOptions`
from the command line or the service, into an :class:`Extracted` record (checked: complete or
not), and :func:`dump` writes a record as YAML or JSON text.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ldpub.errors import InputError, LdpubError, Location, TooLargeError
from ldpub.hints import for_extract
from ldpub.inputs import is_page
from ldpub.newsroom import Settings, given_datetime, template_url
from ldpub.read.result import ExtractResult, ExtractWarning
from ldpub.read.safe_html import MAX_PAGE_BYTES, read_page
from ldpub.record import Record, RecordInvalid, check_record, recommended_problems


def load_authority(path: Path) -> object:
    """The newsroom's entity authority file (``--entities``), for plain-text linking."""
    from ldpub.entities import Authority  # type: ignore[import-not-found, unused-ignore]

    authority: object = Authority.load(path)
    return authority


@dataclass(frozen=True)
class ExtractOptions:
    """What ``ldpub extract``'s options and ``POST /extract``'s parameters say, for any input.

    ``settings`` are the newsroom's, with the command line's over them (:func:`newsroom.with_options`);
    ``authority`` (a loaded entity authority) links the names of pages and texts alike;
    ``original_language`` applies to plain text only (a page given it says so in a warning);
    ``published``, ``language`` and the settings (time zone, URL template over the input's path
    relative to ``root``, language, publisher) apply to both, and so does ``claims``: ``"speech"``
    (attributions with a verb of saying or writing) or ``"all"`` (beliefs and plans too).
    """

    url: str | None = None
    published: str | None = None
    language: str | None = None
    original_language: str | None = None
    settings: Settings = field(default_factory=Settings)
    root: Path | None = None
    max_bytes: int = MAX_PAGE_BYTES
    authority: object | None = None
    claims: str = "speech"
    strict: bool = False  # what is recommended (a date, a publisher) is required: its absence is a problem

    def text_options(self) -> dict[str, str]:
        given = {"published": self.published, "language": self.language, "original_language": self.original_language}
        return {name: value for name, value in given.items() if value is not None}


@dataclass
class Extracted:
    """One input's record, what it does not say (warnings), and why it is incomplete (problems)."""

    record: dict[str, Any]
    warnings: list[ExtractWarning | str]
    problems: list[InputError]

    @property
    def complete(self) -> bool:
        return not self.problems


def extract(data: bytes, name: str, options: ExtractOptions | None = None) -> Extracted:
    """The record of one page or text (told apart by ``name``'s suffix, else by how ``data``
    starts), checked: the one operation behind ``ldpub extract`` and ``POST /extract``.

    ``name`` is the input's path (its URL template and messages use it). Raises
    :class:`~ldpub.errors.InputError` for input that is no page or text at all (empty, binary,
    too large); an incomplete record is returned with its problems.
    """
    options = options or ExtractOptions()
    result = extract_result(data, name, options)
    try:
        check_record(Record(result.record))
        problems: list[InputError] = []
    except RecordInvalid as invalid:
        problems = list(invalid.errors)
    if options.strict and not problems:  # the warnings above said what is missing; now it counts
        problems = [InputError(message, Location(None, ptr)) for ptr, message in recommended_problems(result.record)]
    return Extracted(result.record, result.warnings, problems)


def extract_file(path: Path, options: ExtractOptions | None = None) -> Extracted:
    """:func:`extract` on a file (read with the size cap). OSError when it cannot be read."""
    options = options or ExtractOptions()
    return extract(read_page(path, max_bytes=options.max_bytes), str(path), options)


@contextlib.contextmanager
def analysed_ahead(paths: Sequence[Path], options: ExtractOptions) -> Iterator[None]:
    """For a batch of inputs: the plain texts among ``paths`` read now and their bodies analysed
    by the language model in one pass (``nlp.pipe``), so that :func:`extract_file` on each, in
    the ``with`` block, finds its analysis done. Results are what extracting each alone gives
    (an analysis depends on its text only); an input that cannot be read, or is a page, is left
    to :func:`extract_file` as it is (pages are analysed one by one: their body is known only
    once the page is read)."""
    from ldpub.language.analysis import analysed_together

    texts = [text for path in paths for text in _analysed_texts(path, options)]
    with analysed_together(texts):
        yield


def _analysed_texts(path: Path, options: ExtractOptions) -> list[str]:
    """What the language model will read of a plain-text input; nothing for a page or an input
    that cannot be read (:func:`extract_file` says what is wrong with it)."""
    from ldpub.read.text import analysed_texts, text_from_bytes

    try:
        data = read_page(path, max_bytes=options.max_bytes)
        if for_extract(str(path)) or is_page(str(path), lambda: data) or len(data) > options.max_bytes:
            return []
        return analysed_texts(text_from_bytes(data, source=str(path)))
    except (OSError, LdpubError):
        return []


def extract_result(data: bytes, name: str, options: ExtractOptions) -> ExtractResult:
    """The record of a page or a text, unchecked, with the warnings (see :func:`extract`)."""
    path = Path(name)
    wrong_tool = for_extract(name)
    if wrong_tool:  # a record is already what extract would make
        raise InputError(wrong_tool)
    if is_page(name, lambda: data):
        from ldpub.read.html import extract_html  # trafilatura: imported when used

        settings = options.settings
        page = extract_html(
            data,
            source=name,
            url=options.url,
            max_bytes=options.max_bytes,
            published=options.published,
            settings=settings,
            default_url=lambda: template_url(settings.for_host(None), path, options.root),
            authority=options.authority,
            claims=options.claims,
        )
        if options.original_language is not None:
            message = "--original-language applies to plain text only; not used for a page"
            page.warnings.append(ExtractWarning(message, Location(name)))
        return page
    # The plain-text extractor lives in its own module; imported here so HTML works without it.
    try:
        from ldpub.read.text import extract_text, text_from_bytes  # type: ignore[import-not-found, unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name != "ldpub.read.text":
            raise
        raise LdpubError("plain-text extraction is not available in this version of ldpub", Location(name)) from exc

    if len(data) > options.max_bytes:
        raise TooLargeError(f"file is larger than the {options.max_bytes:,}-byte limit for a page", Location(name))
    text = text_from_bytes(data, source=name)
    text_options = options.text_options()
    url, inferred = _text_defaults(path, options.url, text_options, options.settings, options.root)
    result: ExtractResult = extract_text(
        text, source=name, authority=options.authority, url=url, claims=options.claims, **text_options
    )
    shown = {"url": url, **text_options}
    for field_name, how in inferred.items():
        where = Location(name, f"/{field_name}")
        result.warnings.append(ExtractWarning(f"{field_name} inferred {how}: {shown[field_name]}", where))
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
