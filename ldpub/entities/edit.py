"""Adding entries to the authority file without disturbing what an editor wrote.

The new entry is appended as a Turtle block; the rest of the file (comments, order, layout)
is kept byte for byte. The result is parsed again before it replaces the file (a temporary
file, then a rename), so a failed add never leaves a broken or half-written authority.
"""

from __future__ import annotations

from pathlib import Path

from ldpub.entities.authority import ENTITY_TYPES, Authority, Entity, normalize_name
from ldpub.errors import InputError, Location
from ldpub.files import write_atomic
from ldpub.mapping import entity_iri
from ldpub.record import HTTP_URL, field_pattern

HEADER = (
    "# The newsroom's entity authority (schema.org terms). Edit by hand or with `ldpub entities add`.\n"
    "@prefix schema: <https://schema.org/> .\n"
)


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def entry_turtle(entity: Entity) -> str:
    """One entity as a readable Turtle block (needs ``@prefix schema:`` in the file)."""
    lines = [f"<{entity.iri}> a schema:{entity.type} ;", f"    schema:name {_literal(entity.name)}"]
    if entity.alternate_names:
        lines[-1] += " ;"
        lines.append(f"    schema:alternateName {', '.join(_literal(a) for a in entity.alternate_names)}")
    if entity.same_as:
        lines[-1] += " ;"
        lines.append(f"    schema:sameAs {', '.join(f'<{iri}>' for iri in entity.same_as)}")
    return "\n".join(lines) + " .\n"


def add_entity(
    path: str | Path,
    key: str,
    *,
    type: str,
    name: str,
    alternate_names: list[str] | None = None,
    same_as: list[str] | None = None,
    base: str | None = None,
) -> Entity:
    """Append an entity to the authority file at ``path`` (created if missing) and return it.

    Its IRI is ``{base}entity/{key}``, ``base`` being the publisher's base IRI (as in records);
    a ``base`` that already ends in ``/entity/`` is the entities' own and is used as given:
    ``{base}{key}``. ``base`` defaults to the one every entry of the file shares.
    Raises :class:`InputError` for a bad key, type, name or IRI, a key already present,
    or a spelling that already names another entity (two entities must never share a name).
    """
    path = Path(path)
    where = Location(str(path))
    original = path.read_text(encoding="utf-8") if path.exists() else ""
    authority = Authority.from_turtle(original, source=str(path)) if original.strip() else Authority()
    if not field_pattern("key").match(key):
        raise InputError(f"{key!r} is not a key (lower-case letters, digits and hyphens)", where)
    if type not in ENTITY_TYPES:
        raise InputError(f"unknown type {type!r}; expected one of {', '.join(ENTITY_TYPES)}", where)
    if not name.strip():
        raise InputError("the name is empty", where)
    if key in authority.entities:
        raise InputError(f"{key!r} is already in the authority file ({authority.entities[key].iri})", where)
    base = base or authority.base
    if not base:
        raise InputError(
            "cannot tell the entity base IRI from the file; pass --base (e.g. https://example.com/)", where
        )
    base = base if base.endswith(("/", "#")) else base + "/"
    iri = base + key if base.endswith("/entity/") else entity_iri(base, key)
    for value in [iri, *(same_as or [])]:
        if not HTTP_URL.match(value):
            raise InputError(f"{value!r} is not an absolute http(s) IRI", where)
    spellings = [name.strip(), *(a.strip() for a in alternate_names or [] if a.strip())]
    _check_spellings(authority, spellings, where)
    entity = Entity(
        key, iri, type, spellings[0], tuple(dict.fromkeys(spellings[1:])), tuple(dict.fromkeys(same_as or []))
    )
    text = original
    if not text.strip():
        text = HEADER
    elif "schema:" not in text or authority.prefixes.get("schema") not in ("https://schema.org/", "http://schema.org/"):
        text = text.rstrip("\n") + "\n@prefix schema: <https://schema.org/> .\n"
    text = text.rstrip("\n") + "\n\n" + entry_turtle(entity)
    _write_checked(path, text, key)
    return entity


def add_names(path: str | Path, key: str, names: list[str]) -> Entity:
    """Add alternate names to the entity ``key`` of the authority file at ``path``; return it.

    Raises :class:`InputError` when ``key`` is not in the file or a name already names
    another entity (or this one: nothing to add).
    """
    path = Path(path)
    where = Location(str(path))
    original = path.read_text(encoding="utf-8")
    authority = Authority.from_turtle(original, source=str(path))
    if key not in authority.entities:
        raise InputError(f"{key!r} is not in the authority file", where)
    names = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not names:
        raise InputError("no name to add", where)
    _check_spellings(authority, names, where, allowed=key)
    iri = authority.entities[key].iri
    block = f"<{iri}> schema:alternateName {', '.join(_literal(n) for n in names)} .\n"
    if authority.prefixes.get("schema") not in ("https://schema.org/", "http://schema.org/"):
        block = "@prefix schema: <https://schema.org/> .\n" + block
    _write_checked(path, original.rstrip("\n") + "\n\n" + block, key)
    return Authority.load(path).entities[key]


def _check_spellings(authority: Authority, spellings: list[str], where: Location, allowed: str | None = None) -> None:
    """Two entities must never share a spelling, as written or as a variant."""
    for spelling in spellings:
        norm = normalize_name(spelling)
        if not norm:
            raise InputError(f"{spelling!r} has no letters or digits to match", where)
        owners = {k for k, _ in authority.index.get(norm, [])} | authority.ambiguous.get(norm, set())
        others = owners - {allowed} if allowed else owners
        if others:
            raise InputError(
                f"{spelling!r} already names {', '.join(sorted(others))} (as written or as a variant); "
                "two entities must not share a spelling",
                where,
            )
        if owners:  # derived forms (a family name) are in the index too: only explicit ones are redundant
            entity = authority.entities[next(iter(owners))]
            if norm in {normalize_name(s) for s in entity.spellings}:
                raise InputError(f"{spelling!r} is already a spelling of {entity.key!r}", where)


def _write_checked(path: Path, text: str, key: str) -> None:
    check = Authority.from_turtle(text, source=str(path))  # never write a file we cannot read back
    if key not in check.entities:
        raise InputError(f"internal error: {key!r} did not round-trip", Location(str(path)))
    write_atomic(path, text)
