"""``ldpub entities``: list and add entries of the authority file; list candidates in texts."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import Any

from ldpub.cli import epilog, inputs
from ldpub.errors import UsageError
from ldpub.inputs import EXTRACT

AUTHORITY_HELP = (
    "the newsroom's entity authority (Turtle, schema.org terms); default: the settings file's "
    "`authority`, else {default}"
)


def authority_options(parser: Any, *, default: str) -> None:
    """``--authority FILE`` (also ``--entities FILE``) and ``--settings FILE``: where the authority file is."""
    parser.add_argument(
        "--authority",
        "--entities",
        dest="authority",
        type=Path,
        metavar="FILE",
        help=AUTHORITY_HELP.format(default=default),
    )
    parser.add_argument(
        "--settings", type=Path, metavar="FILE", help="the newsroom's settings (YAML); its `authority` names the file"
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "entities",
        help="the entity authority file: list, add, candidates from texts",
        description="Work with the newsroom's entity authority (Turtle, schema.org terms). The file is the one "
        "--authority names, else the one the newsroom's --settings name (`authority: FILE`); never one found in "
        "the working directory. `list` and `candidates` read the sample authority ldpub ships without either; "
        "`add` and `add-name` need one.",
        epilog=epilog(),
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    shipped = "the sample authority ldpub ships (the examples' entities)"

    listing = actions.add_parser("list", help="list the entities and their spellings")
    authority_options(listing, default=shipped)
    listing.add_argument(
        "--format", choices=("text", "json"), default="text", help="text: key, type, spellings a line; json: an array"
    )
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help="add an entity (the file is rewritten atomically)")
    add.add_argument("key", help="its key, e.g. matthew-mcfarlane (its IRI is {base}entity/{key})")
    add.add_argument("--type", required=True, help="Person, Organization, Place or a subtype (Country ...)")
    add.add_argument("--name", required=True, help="the entity's preferred name, as the newsroom writes it")
    add.add_argument(
        "--alternate-name",
        action="append",
        default=[],
        metavar="NAME",
        help="another spelling of the name (repeat for several)",
    )
    add.add_argument("--same-as", action="append", default=[], metavar="IRI", help="the entity elsewhere")
    add.add_argument(
        "--base",
        metavar="IRI",
        help="the publisher's base IRI, as in records: the IRI is {base}entity/{key}; a base that ends in /entity/ "
        "is the entities' own and is used as given: {base}{key} (default: the base the file's entries share)",
    )
    authority_options(add, default="none: give one (the file is created if missing)")
    add.set_defaults(handler=run_add)

    names = actions.add_parser("add-name", help="add other spellings to an entity already in the file")
    names.add_argument("key", help="the entity's key in the file, e.g. us-central-command")
    names.add_argument("names", nargs="+", metavar="NAME", help="a spelling to add (the text links it from then on)")
    authority_options(names, default="none: give one")
    names.set_defaults(handler=run_add_names)

    candidates = actions.add_parser(
        "candidates", help="names in texts and pages' articles that the authority does not know, typed from context"
    )
    candidates.add_argument(
        "texts", nargs="+", type=Path, metavar="TEXT.txt|PAGE.html|DIR", help="texts, pages, or folders of them"
    )
    authority_options(candidates, default=shipped)
    candidates.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: each name with the `ldpub entities add` command that accepts it; json: an array",
    )
    candidates.set_defaults(handler=run_candidates)


def _file(args: argparse.Namespace) -> Path | None:
    """The authority file the options name (--authority, else the settings' `authority`), or None."""
    from ldpub.newsroom import authority_file, load_settings

    return authority_file(args.authority, load_settings(args.settings) if args.settings else None)


def _writable_file(args: argparse.Namespace) -> Path:
    path = _file(args)
    if path is None:
        raise UsageError(
            f"which authority file? pass --authority FILE (or --settings FILE naming one) to `entities {args.action}`"
        )
    return path


def _load(args: argparse.Namespace) -> Any:
    """The authority the options name, else the sample ldpub ships."""
    from ldpub.entities import Authority
    from ldpub.resources import resource_path

    return Authority.load(_file(args) or resource_path("vocab", "entities.ttl"))


def run_list(args: argparse.Namespace) -> int:
    authority = _load(args)
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
    where = _file(args) or "the sample authority"
    for norm, keys in sorted(authority.ambiguous.items()):
        names = ", ".join(sorted(keys))
        print(f"ldpub: warning: {where}: {' '.join(norm)!r} names {names}: not linked", file=sys.stderr)
    return 0


def run_add(args: argparse.Namespace) -> int:
    from ldpub.entities.edit import add_entity

    path = _writable_file(args)
    entity = add_entity(
        path,
        args.key,
        type=args.type,
        name=args.name,
        alternate_names=args.alternate_name,
        same_as=args.same_as,
        base=args.base,
    )
    print(f"added {entity.key} <{entity.iri}> to {path}", file=sys.stderr)
    return 0


def run_add_names(args: argparse.Namespace) -> int:
    from ldpub.entities.edit import add_names

    entity = add_names(_writable_file(args), args.key, args.names)
    print(f"{entity.key}: {'; '.join(entity.spellings)}", file=sys.stderr)
    return 0


def run_candidates(args: argparse.Namespace) -> int:
    from ldpub.language.linking import link_text

    found, code = inputs(args.texts, EXTRACT)  # texts and pages: a page is read for its article
    if not found:
        return code
    authority = _load(args)
    target = shlex.quote(str(_file(args) or "FILE"))
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
            f" --authority {target}\n"
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
