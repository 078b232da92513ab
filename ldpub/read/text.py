"""Plain text (a translator's or wire service's copy, like the seed) → an article record.

Stages, in order: check the input is text; headline from the first line; page chrome
dropped (share/recommend buttons, e-mail form labels, copyright lines); "Read Also: …" lines
become ``related`` links; the translation note and the editor's disclaimer become ``notes``
(and ``translation``); the rest is the body. Then, with an entity authority, mentions are
linked (:mod:`ldpub.entities`) and attributed statements become claims (:mod:`ldpub.language.claims`).

A text cannot say its URL, date or language: they come from the caller, and a warning says
what is missing (the record is then incomplete, never completed with a guess).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ldpub.errors import InputError, Location, json_kind
from ldpub.hints import for_extract
from ldpub.language.analysis import looks_english
from ldpub.language.annotate import candidate_message, link_record
from ldpub.language.linking import sentence_case
from ldpub.lexicon.patterns import blank_datelines
from ldpub.read.consistent import keep_consistent
from ldpub.read.result import ExtractResult, ExtractWarning
from ldpub.read.safe_html import decode_page
from ldpub.read.text_layout import Layout, read_layout
from ldpub.record import HTTP_URL, field_pattern

MAX_TEXT_CHARS = 2_000_000
"""Longest text accepted (characters); a news article is well under 100,000."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def extract_text(
    text: str,
    *,
    source: str | None = None,
    authority: Any = None,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
    original_language: str | None = None,
    claims: str = "speech",
) -> ExtractResult:
    """Build an article record from plain text.

    ``authority`` is a loaded :class:`ldpub.entities.Authority` (mentions of its entities are
    linked; other names become candidates, reported as warnings); ``url``, ``published``,
    ``language`` and ``original_language`` are what the text cannot say itself;
    ``claims`` is ``"speech"`` (attributions with a verb of saying or writing, the default) or
    ``"all"`` (beliefs and plans too).
    Raises :class:`InputError` for input that is not an article text: empty, binary, too long.
    """
    where = Location(source)
    _check_text(text, where)
    layout = read_layout(text)
    warnings: list[ExtractWarning | str] = []

    def warn(message: str, field: str | None = None) -> None:
        warnings.append(ExtractWarning.at(message, source, field))

    record: dict[str, Any] = {}
    if url and HTTP_URL.match(url.strip()):
        record["url"] = url.strip()
    elif url:
        warn(f"{url!r} is not an absolute http(s) URL; left out", "url")
    else:
        warn("a text gives no URL (pass one with --url)", "url")
    record["headline"] = layout.headline
    if language and field_pattern("language").match(language):
        record["language"] = language
    elif language:
        warn(f"{language!r} is not a BCP 47 language tag; left out", "language")
    else:
        warn("the text's language is not given (pass --language)", "language")
    if published and field_pattern("datetime").match(published):
        record["published"] = published
    elif published:
        warn(f"{published!r} is not an ISO 8601 date-time with a time zone; left out", "published")
    else:
        warn("a text gives no publication date (pass --published)", "published")
    publisher = _publisher(layout, record.get("url"))
    if publisher:
        record["publisher"] = publisher
        if not layout.publisher_name:
            warn(f"the text does not name its publisher; {publisher['name']!r} is the URL's host", "publisher/name")
    else:
        warn("the text does not say who publishes it (and there is no URL to take it from)", "publisher")

    entities: dict[str, Any] = {}
    translation = _translation(layout, publisher, original_language, entities, warn)
    if translation:
        record["translation"] = translation
    if layout.related:
        record["related"] = layout.related
    if layout.notes:
        record["notes"] = [{"kind": kind, "text": note} for kind, note in layout.notes]
    if layout.body:
        record["body"] = "\n\n".join(layout.body)
    else:
        warn("the text has no body after its headline", "body")
    _link(record, layout, authority, entities, warn, claims)
    keep_consistent(record, warn)
    return ExtractResult(record, warnings)


def analysed_texts(text: str) -> list[str]:
    """What extraction gives the language model of ``text`` (its body, datelines blanked, and its
    headline when it is written in sentence case; nothing when it is not English), worked out
    ahead so that many texts can be analysed together (:func:`ldpub.language.analysis.analysed_together`).
    Nothing for a text that extraction refuses (too long, say): it is refused there, never analysed."""
    try:
        _check_text(text, Location(None))
    except InputError:
        return []
    layout = read_layout(text)
    body = "\n\n".join(layout.body)
    if not looks_english(body):
        return []
    wanted = [blank_datelines(body)] if body.strip() else []
    return wanted + ([layout.headline] if sentence_case(layout.headline) else [])


def text_from_bytes(data: bytes, *, source: str | None = None) -> str:
    """Decode a text file's bytes (BOM, UTF-8, else cp1252); :class:`InputError` if empty or binary."""
    try:
        return decode_page(data, source=source)
    except InputError as exc:
        message = exc.message.replace("an HTML page", "article text").replace("the page is empty", "the text is empty")
        raise InputError(message, exc.location) from None


def _check_text(text: str, where: Location) -> None:
    if not isinstance(text, str):
        raise InputError(f"expected text, not {json_kind(text)}", where)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text is longer than the {MAX_TEXT_CHARS:,}-character limit for an article", where)
    if not text.strip():
        raise InputError("the text is empty", where)
    wrong_tool = for_extract(where.file or "the text", text)
    if wrong_tool:
        raise InputError(wrong_tool)
    sample = text[:65536]
    junk = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if junk > max(8, len(sample) // 100):
        raise InputError("expected article text, found binary data", where)


def _publisher(layout: Layout, url: str | None) -> dict[str, Any] | None:
    """The outlet that disclaims or translates the text is the one publishing it; its home is the URL's."""
    if not url:
        return None
    parts = urlsplit(url)
    name = layout.publisher_name or (parts.hostname or "").removeprefix("www.")
    return {"name": name, "url": f"{parts.scheme}://{parts.netloc}/"} if name else None


def _translation(
    layout: Layout,
    publisher: dict[str, Any] | None,
    original_language: str | None,
    entities: dict[str, Any],
    warn: Any,
) -> dict[str, Any] | None:
    if not layout.translated:
        return None
    language = original_language or layout.original_language
    if not (language and field_pattern("language").match(language)):
        warn(
            "the text is a translation but its original language is unknown (pass --original-language)",
            "translation",
        )
        return None
    translation: dict[str, Any] = {"original_language": language}
    translator = layout.translator
    if translator and publisher and translator.casefold() == publisher["name"].casefold():
        translation["translator"] = "publisher"
    elif translator:
        from ldpub.entities import slug

        key = slug(translator)
        entities.setdefault(key, {"type": "Organization" if layout.translator_is_org else "Person", "name": translator})
        translation["translator"] = key
    return translation


def _link(
    record: dict[str, Any], layout: Layout, authority: Any, entities: dict[str, Any], warn: Any, claims: str
) -> None:
    """Entities (the authority's, typed candidates, the byline's and the dateline's) and the claims."""
    related = [link["headline"] for link in layout.related if "headline" in link]
    body = "\n\n".join(layout.body)
    english = looks_english(body) and record.get("language", "en").split("-")[0].casefold() == "en"
    if not english:
        warn(
            "the text does not read as English: names are linked to the authority and found by ldpub's rules "
            "only, without the English language model, and no claims are looked for; check the entities",
            "language",
        )
    base = link_record(
        record,
        layout.headline,
        body,
        authority=authority,
        entities=entities,
        warn=warn,
        related=related,
        statistical=english,
        claims=claims,
    )
    _byline_and_dateline(record, layout, authority, base, entities, warn)
    if entities:
        record["entities"] = entities


def _byline_and_dateline(
    record: dict[str, Any], layout: Layout, authority: Any, base: str | None, entities: dict[str, Any], warn: Any
) -> None:
    """The byline's people (with their role and outlet) as ``authors``; the dateline's place as ``dateline``.

    A name is the authority's entity when it knows it, the entity the text already found when it is
    written the same way, else a new entry."""
    from ldpub.entities import normalize_name, slug
    from ldpub.language.names import outlets

    found = {normalize_name(str(e.get("name", ""))): key for key, e in entities.items()}
    owned = getattr(authority, "entities", {})  # the authority's entries are its own: never retyped here

    def entity(name: str, kind: str, where: str, *, lists: Any = None) -> str:
        for source in (authority, lists):
            key = source.lookup(name) if source is not None else None
            if key is not None:
                if key not in entities:
                    entry = source.entities[key].record_entity(base if source is authority else None)
                    if source is not authority:
                        entry.pop("id", None)  # the outlet list gives names, not IRIs
                    entities[key] = entry
                return str(key)
        key = found.get(normalize_name(name))
        if key is not None and key not in owned and entities[key].get("type") != kind and kind in ("Person", "Place"):
            # The byline says it is a person, the dateline a place: stronger than a guess from the text.
            entities[key]["type"] = kind
        if key is None:
            key = stem = slug(name) or "entity"
            n = 2
            while key in entities:
                key, n = f"{stem}-{n}", n + 1
            entities[key] = {"type": kind, "name": name} | (_located(name) if kind == "Place" else {})
            found[normalize_name(name)] = key
            warn(candidate_message(key, kind, name, where), f"entities/{key}")
        return key

    authors = []
    for byline in layout.authors:
        key = entity(byline.name, "Person", "in the byline")
        person = entities[key]
        if person.get("type") == "Person" and key not in owned:
            if byline.job_title:
                person.setdefault("job_title", byline.job_title)
            if byline.affiliation:
                person.setdefault(
                    "affiliation", entity(byline.affiliation, "NewsMediaOrganization", "in the byline", lists=outlets())
                )
        authors.append(key)
    if authors:
        record["authors"] = list(dict.fromkeys(authors))
    for field, names in (("contributors", layout.contributors), ("editors", layout.editors)):
        keys = [entity(name, "Person", "in the footer") for name in names]
        if keys:
            record[field] = list(dict.fromkeys(keys))
    if layout.dateline:
        place = entity(layout.dateline.place, "Place", "the dateline")
        if layout.dateline.region and place not in owned:
            region = entity(layout.dateline.region, "Place", "in the dateline")
            if region != place and entities[place].get("type") == "Place":
                entities[place].setdefault("contained_in", region)
        record["dateline"] = {"place": place, "text": layout.dateline.text}


def _located(name: str) -> dict[str, Any]:
    """A place's GeoNames IRI and coordinates, when the gazetteer knows one place of note by ``name``."""
    from ldpub.entities.gazetteer import identified

    place = identified(name)
    if place is None:
        return {}
    out: dict[str, Any] = {"same_as": [place.same_as]}
    if place.latitude is not None and place.longitude is not None:
        out["geo"] = {"latitude": place.latitude, "longitude": place.longitude}
    return out
