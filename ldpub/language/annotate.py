"""The linking step every extractor shares: a headline and a body → entities, about/mentions, claims.

Plain text (:mod:`ldpub.read.text`) and HTML pages (:mod:`ldpub.read.html`) both end here,
so that an archive rebuilt from old pages has the same people, organisations, places and claims
as one built from the newsroom's texts.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Sequence
from typing import Any

Warn = Callable[[str, str | None], None]


def link_record(
    record: dict[str, Any],
    headline: str,
    body: str,
    *,
    authority: Any,
    entities: dict[str, Any],
    warn: Warn,
    related: Sequence[str] = (),
    statistical: bool = True,
    claims: str = "speech",
) -> str | None:
    """Add ``about``, ``mentions`` and ``claims`` to ``record`` and the entities they name to ``entities``.

    ``claims`` is which attributions become claims: ``"speech"`` (said, wrote, denied …) or
    ``"all"`` (beliefs and plans too: believes, plans to …); see :mod:`ldpub.language.claims`.
    Names the authority does not know are candidates, each reported through ``warn`` with the
    command that accepts it; ``statistical=False`` finds them by ldpub's rules alone (no language
    model). Returns the entity base the IRIs use (the authority's, else the publisher's site).
    """
    from ldpub.language.claims import find_claims
    from ldpub.language.linking import link_text

    base = getattr(authority, "base", None)
    if base:
        record["base"] = base  # the archive's entity IRIs, whatever site the article is on
    elif "publisher" in record:
        base = record["publisher"].get("url")
    linking = link_text(headline, body, authority, extra=list(related), base=base, statistical=statistical)
    for key, entity in linking.entities.items():
        entities.setdefault(key, entity)
    if linking.about:
        record["about"] = linking.about
    if linking.mentions:
        record["mentions"] = linking.mentions
    known = getattr(authority, "entities", {})
    for candidate in linking.candidates:
        similar = known.get(re.sub(r"-\d+$", "", candidate.key))
        hint = (
            f"; the authority has {similar.key!r} ({similar.name}): if it is the same, run "
            f"ldpub entities add-name {similar.key} {shlex.quote(candidate.name)}"
            if similar is not None
            else ""
        )
        seen = f"seen as {candidate.surface!r}, {candidate.cue}"
        warn(candidate_message(candidate.key, candidate.type, candidate.name, seen) + hint, f"entities/{candidate.key}")
    # Claims are read from the English model's parse: none without it (a text in another language).
    found = find_claims(body, linking, include=claims, headline=headline) if statistical else []
    if found:
        record["claims"] = found
    return base if isinstance(base, str) else None


def candidate_message(key: str, kind: str, name: str, how: str) -> str:
    """The warning for a name the authority does not know, with the command that accepts it."""
    return (
        f"candidate {kind} {name!r} ({how}) is not in the authority file; accept it with: "
        f"ldpub entities add {key} --type {kind} --name {shlex.quote(name)}"
    )
