"""``ldpub entities``: list and add entries of the authority file; list candidates in texts."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import Any

from ldpub.cli import epilog, inputs
from ldpub.inputs import EXTRACT

DEFAULT_FILE = Path("vocab/entities.ttl")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "entities",
        help="the entity authority file: list, add, candidates from texts",
        description="Work with the newsroom's entity authority (Turtle, schema.org terms).",
        epilog=epilog(),
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="list the entities and their spellings")
    listing.add_argument("--entities", type=Path, default=DEFAULT_FILE, metavar="FILE")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help="add an entity (the file is rewritten atomically)")
    add.add_argument("key", help="its key, e.g. matthew-mcfarlane (its IRI is {base}entity/{key})")
    add.add_argument("--type", required=True, help="Person, Organization, Place or a subtype (Country ...)")
    add.add_argument("--name", required=True, help="preferred name")
    add.add_argument("--alternate-name", action="append", default=[], metavar="NAME", help="another spelling")
    add.add_argument("--same-as", action="append", default=[], metavar="IRI", help="the entity elsewhere")
    add.add_argument("--base", help="entity base IRI (default: the one the file's entries share)")
    add.add_argument("--entities", type=Path, default=DEFAULT_FILE, metavar="FILE")
    add.set_defaults(handler=run_add)

    names = actions.add_parser("add-name", help="add other spellings to an entity already in the file")
    names.add_argument("key")
    names.add_argument("names", nargs="+", metavar="NAME")
    names.add_argument("--entities", type=Path, default=DEFAULT_FILE, metavar="FILE")
    names.set_defaults(handler=run_add_names)

    candidates = actions.add_parser(
        "candidates", help="names in texts and pages' articles that the authority does not know, typed from context"
    )
    candidates.add_argument(
        "texts", nargs="+", type=Path, metavar="TEXT.txt|PAGE.html|DIR", help="texts, pages, or folders of them"
    )
    candidates.add_argument("--entities", type=Path, default=DEFAULT_FILE, metavar="FILE")
    candidates.add_argument("--format", choices=("text", "json"), default="text")
    candidates.set_defaults(handler=run_candidates)


def _load(path: Path) -> Any:
    """The authority at ``path``; by default the checkout's vocab/entities.ttl, else the one ldpub ships."""
    from ldpub.entities import Authority
    from ldpub.resources import resource_path

    if path == DEFAULT_FILE and not path.exists():
        path = resource_path("vocab", "entities.ttl")
    return Authority.load(path)


def run_list(args: argparse.Namespace) -> int:
    authority = _load(args.entities)
    rows = [
        {
            "key": e.key,
            "type": e.type,
            "name": e.name,
            "alternate_names": list(e.alternate_names),
            "same_as": list(e.same_as),
            "iri": e.iri,
        }
        for e in sorted(authority.entities.values(), key=lambda e: e.key)
    ]
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    for row in rows:
        spellings = "; ".join([row["name"], *row["alternate_names"]])
        sys.stdout.write(f"{row['key']}\t{row['type']}\t{spellings}\n")
    for norm, keys in sorted(authority.ambiguous.items()):
        print(
            f"ldpub: warning: {args.entities}: {' '.join(norm)!r} names {', '.join(sorted(keys))}: not linked",
            file=sys.stderr,
        )
    return 0


def run_add(args: argparse.Namespace) -> int:
    from ldpub.entities.edit import add_entity

    entity = add_entity(
        args.entities,
        args.key,
        type=args.type,
        name=args.name,
        alternate_names=args.alternate_name,
        same_as=args.same_as,
        base=args.base,
    )
    print(f"added {entity.key} <{entity.iri}> to {args.entities}", file=sys.stderr)
    return 0


def run_add_names(args: argparse.Namespace) -> int:
    from ldpub.entities.edit import add_names

    entity = add_names(args.entities, args.key, args.names)
    print(f"{entity.key}: {'; '.join(entity.spellings)}", file=sys.stderr)
    return 0


def run_candidates(args: argparse.Namespace) -> int:
    from ldpub.language.linking import link_text

    found, code = inputs(args.texts, EXTRACT)  # texts and pages: a page is read for its article
    if not found:
        return code
    authority = _load(args.entities)
    rows = []
    for path in (Path(item.path) for item in found):
        headline, body, related = _article_text(path)
        linking = link_text(headline, body, authority, extra=related)
        for c in linking.candidates:
            rows.append(
                {"file": str(path), "key": c.key, "type": c.type, "name": c.name, "seen_as": c.surface, "cue": c.cue}
            )
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return code
    for row in rows:
        sys.stdout.write(f"{row['file']}\t{row['type']}\t{row['name']}\t({row['cue']})\n")
        sys.stdout.write(
            f"  ldpub entities add {row['key']} --type {row['type']} --name {shlex.quote(row['name'])}"
            f" --entities {shlex.quote(str(args.entities))}\n"
        )
    return code


def _article_text(path: Path) -> tuple[str, str, list[str]]:
    """The headline, body and related headlines of a text, or of a page's article (not its markup)."""
    from ldpub.errors import InputError
    from ldpub.hints import for_extract
    from ldpub.inputs import is_page
    from ldpub.read.safe_html import MAX_PAGE_BYTES, read_page
    from ldpub.read.text import text_from_bytes
    from ldpub.read.text_layout import read_layout

    wrong_tool = for_extract(str(path))
    if wrong_tool:
        raise InputError(wrong_tool)
    data = read_page(path, max_bytes=MAX_PAGE_BYTES)
    if is_page(path.name, lambda: data):
        from ldpub.read.html import extract_html

        record = extract_html(data, source=str(path), link=False).record
        return str(record.get("headline", "")), str(record.get("body", "")), []
    layout = read_layout(text_from_bytes(data, source=str(path)))
    related = [link["headline"] for link in layout.related if "headline" in link]
    return layout.headline, "\n\n".join(layout.body), related
