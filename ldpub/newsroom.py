"""What a newsroom knows that its pages may not say: its time zone, URL scheme, language, name.

They come from a settings file (``--settings newsroom.yaml``) and from command-line options,
which override it::

    timezone: Asia/Beirut            # for dates a page gives without a zone
    url_template: https://news.example/{path}   # for pages naming no URL of their own
    language: en                       # for pages saying no language
    publisher:                         # the record's publisher: name, url, logo, policies…
      name: Desert Courier
      url: https://desertcourier.example/
      policies: {ethics: https://desertcourier.example/ethics}
    site: {url: https://desertcourier.example/, name: Desert Courier}   # the WebSite of the page graph
    breadcrumb:                        # each article's trail: home, its section's page, itself
      home: Home
      sections: {World: https://desertcourier.example/world/}
    sites:                             # per host (of the page's URL): overrides the above
      www.other.example: {timezone: America/New_York, language: en-US}
    authority: entities.ttl            # the entity authority file (relative to this file's folder)

A setting only ever fills what the input does not say, and each value it fills is reported
(see :attr:`Defaults.origins` and the record's ``inferred``). ``extract`` takes the time zone,
URL template, language and publisher; ``build`` the site-level parts — publisher, site and
breadcrumb — with :func:`complete_record`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from string import Formatter
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ldpub.errors import InputError, Location, UsageError
from ldpub.record import HTTP_URL, field_pattern, part_problems
from ldpub.utf8 import decode_utf8

TEMPLATE_FIELDS = ("path", "stem", "name")
_SITE_KEYS = ("timezone", "language", "publisher", "site", "breadcrumb")
_TOP_KEYS = (*_SITE_KEYS, "url_template", "sites", "authority")


@dataclass(frozen=True, slots=True)
class Defaults:
    """Newsroom values for one page; ``origins`` names where each came from, for messages."""

    timezone: ZoneInfo | None = None
    url_template: str | None = None
    language: str | None = None
    publisher: Mapping[str, Any] | None = None
    site: Mapping[str, Any] | None = None
    breadcrumb: Mapping[str, Any] | None = None
    origins: Mapping[str, str] = field(default_factory=dict)

    def over(self, base: Defaults) -> Defaults:
        """These values where set, else ``base``'s."""
        changes = {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name != "origins" and getattr(self, f.name) is not None
        }
        origins = {**base.origins, **{k: v for k, v in self.origins.items() if k in changes}}
        return dataclasses.replace(base, **changes, origins=origins)

    def label(self, name: str) -> str:
        """How a value is named in messages: ``--timezone Asia/Beirut``, ``timezone in s.yaml``."""
        return self.origins.get(name, name)


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings file's defaults, its per-host sections, and the command line's overrides."""

    defaults: Defaults = field(default_factory=Defaults)
    sites: Mapping[str, Defaults] = field(default_factory=dict)
    overrides: Defaults = field(default_factory=Defaults)
    authority: Path | None = None  # the entity authority file, as the settings file names it

    def for_host(self, host: str | None) -> Defaults:
        """The values for a page published on ``host`` (command line > site section > file)."""
        merged = self.defaults
        site = self.sites.get((host or "").lower()) or self.sites.get((host or "").lower().removeprefix("www."))
        if site is not None:
            merged = site.over(merged)
        return self.overrides.over(merged)


def with_options(
    settings: Settings | None = None,
    *,
    timezone: str | None = None,
    url_template: str | None = None,
    language: str | None = None,
) -> Settings:
    """The settings file's values with the options given over them (``--timezone`` …, or the
    service's parameters of the same names): each checked, and named as the option in messages
    and in the record's ``inferred``."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if timezone is not None:
        values["timezone"] = zone(timezone)
        origins["timezone"] = f"--timezone {timezone}"
    if url_template is not None:
        values["url_template"] = check_template(url_template)
        origins["url_template"] = f"--url-template {url_template!r}"
    if language is not None:
        values["language"] = language  # for pages; a text's own language is checked by extract_text
        origins["language"] = f"--language {language}"
    return dataclasses.replace(settings or Settings(), overrides=Defaults(**values, origins=origins))


def zone(name: str, where: Location | None = None) -> ZoneInfo:
    """The IANA time zone ``name`` (``Asia/Beirut``); :class:`UsageError` (exit 2) if unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"unknown time zone {name!r}: expected an IANA zone name such as Asia/Beirut or UTC", where
        ) from None


def check_template(template: str, where: Location | None = None) -> str:
    """A URL template: an absolute http(s) URL with only {path}, {stem} or {name} fields."""
    try:
        names = [f for _, f, _, _ in Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise UsageError(f"URL template {template!r} is malformed ({exc})", where) from None
    unknown = [n for n in names if n not in TEMPLATE_FIELDS]
    if unknown:
        raise UsageError(
            f"URL template {template!r} has an unknown field {{{unknown[0]}}}: expected {{path}}, {{stem}} or {{name}}",
            where,
        )
    if not HTTP_URL.match(template.format(path="p", stem="s", name="n")):
        raise UsageError(f"URL template {template!r} does not give an absolute http(s) URL", where)
    return template


def expand_template(template: str, path: Path, root: Path) -> str:
    """The URL for input ``path``: {path} relative to ``root`` (with / separators), {stem}, {name}."""
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path} is not under {root}: {{path}} in the URL template needs --root", None) from None
    return template.format(path=relative, stem=path.stem, name=path.name)


def given_datetime(value: str, defaults: Defaults) -> tuple[str | None, str | None, str | None]:
    """An explicit date-time (``--published``): (value, how it was inferred, problem).

    With a time zone it is used as given; without one it is completed with the newsroom's
    zone (reported as inferred); anything else is a problem and is not used.
    """
    text = value.strip()
    if field_pattern("datetime").match(text):
        return text, None, None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is not None or "T" not in text:
        return None, None, f"--published {value!r} is not an ISO 8601 date-time with a time zone"
    if defaults.timezone is None:
        return None, None, f"--published {value!r} has no time zone (pass the newsroom's --timezone)"
    label = defaults.label("timezone")
    return parsed.replace(tzinfo=defaults.timezone).isoformat(), f"from --published {value!r} + {label}", None


def template_url(defaults: Defaults, path: Path, root: Path | None = None) -> str | None:
    """The URL ``defaults``' template gives input ``path`` (None without a template)."""
    if defaults.url_template is None:
        return None
    return expand_template(defaults.url_template, path, root or Path.cwd())


def authority_file(given: Path | None, settings: Settings | None = None) -> Path | None:
    """The entity authority file: the one given (``--authority``), else the settings file's
    ``authority``, else None — never a file found in the working directory by chance."""
    if given is not None:
        return given
    return settings.authority if settings is not None else None


def load_settings(path: Path) -> Settings:
    """Read a settings file (YAML). :class:`UsageError` (exit 2) naming the line of a bad entry."""
    try:
        text = decode_utf8(path.read_bytes(), str(path))
    except InputError as exc:  # a settings file is not the input: exit 2
        raise UsageError(exc.message, exc.location) from None
    file = str(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Location(file, None, mark.line + 1, mark.column + 1) if mark else Location(file)
        raise UsageError(f"malformed YAML: {exc.problem or exc}", where) from None
    if root is None:
        return Settings()
    entries = _mapping(root, file, "the settings")
    unknown = [(k, n) for k, n in entries.items() if k.value not in _TOP_KEYS]
    if unknown:
        key = unknown[0][0]
        raise UsageError(f"unknown setting {key.value!r}: expected one of {', '.join(_TOP_KEYS)}", _at(file, key))
    by_name = {k.value: (k, v) for k, v in entries.items()}
    defaults = _defaults(by_name, file, template_allowed=True)
    sites: dict[str, Defaults] = {}
    authority = None
    if "authority" in by_name:
        name = _scalar(by_name["authority"][1], file, "authority")
        authority = path.parent / Path(name).expanduser()  # relative to the settings file, not the working directory
    if "sites" in by_name:
        for host_node, section in _mapping(by_name["sites"][1], file, "sites").items():
            section_entries = {k.value: (k, v) for k, v in _mapping(section, file, f"site {host_node.value!r}").items()}
            for key, (key_node, _) in section_entries.items():
                if key not in _SITE_KEYS:
                    hint = " (a site is known from its URL, so its URL cannot come from a template)"
                    raise UsageError(
                        f"unknown setting {key!r} for site {host_node.value!r}: expected one of "
                        f"{', '.join(_SITE_KEYS)}" + (hint if key == "url_template" else ""),
                        _at(file, key_node),
                    )
            host = str(host_node.value).lower()
            sites[host] = _defaults(section_entries, file, template_allowed=False, site=host)
    return Settings(defaults, sites, authority=authority)


def _defaults(
    entries: Mapping[str, tuple[yaml.Node, yaml.Node]], file: str, *, template_allowed: bool, site: str | None = None
) -> Defaults:
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, (_, node) in entries.items():
        if key in ("sites", "authority") or (key == "url_template" and not template_allowed):
            continue
        where = _at(file, node)
        if key == "publisher":
            values[key] = _publisher(node, file)
        elif key == "site":
            values[key] = _part(node, file, "site")
        elif key == "breadcrumb":
            values[key] = _breadcrumb(node, file)
        else:
            value = _scalar(node, file, key)
            if key == "timezone":
                values[key] = zone(value, where)
            elif key == "url_template":
                values[key] = check_template(value, where)
            elif key == "language":
                if not field_pattern("language").match(value):
                    raise UsageError(f"language {value!r} is not a BCP 47 language tag such as en or ar", where)
                values[key] = value
        shown = f" {node.value}" if isinstance(node, yaml.ScalarNode) else ""
        origins[key] = f"{key}{shown} for {site} in {file}" if site else f"{key}{shown} in {file}"
    return Defaults(**values, origins=origins)


def _publisher(node: yaml.Node, file: str) -> dict[str, Any]:
    entries = {k.value: (k, v) for k, v in _mapping(node, file, "publisher").items()}
    if not {"name", "url"} <= set(entries):
        raise UsageError("publisher needs both name and url", _at(file, node))
    _scalar(entries["name"][1], file, "publisher name")  # a non-empty text
    url = _scalar(entries["url"][1], file, "publisher url")
    if not HTTP_URL.match(url):
        raise UsageError(f"publisher url {url!r} is not an absolute http(s) URL", _at(file, entries["url"][1]))
    return _part(node, file, "publisher")


def _part(node: yaml.Node, file: str, name: str) -> dict[str, Any]:
    """A record part (``publisher``, ``site``) as the record schema defines it, or an error at the
    line of its first problem."""
    value = yaml.SafeLoader("").construct_document(node)  # type: ignore[no-untyped-call]
    problems = part_problems(name, value)
    if problems:
        ptr, message, at_key = problems[0]
        raise UsageError(f"{name}{ptr}: {message}", _at(file, _node_at(node, ptr, key=at_key)))
    return dict(value)


def _breadcrumb(node: yaml.Node, file: str) -> dict[str, Any]:
    """Breadcrumb rules: ``home`` (the first crumb's name, for the site's home page) and ``sections``
    (a section's name → its page)."""
    entries = {k.value: (k, v) for k, v in _mapping(node, file, "breadcrumb").items()}
    rules: dict[str, Any] = {}
    for key, (key_node, value_node) in entries.items():
        if key == "home":
            rules["home"] = _scalar(value_node, file, "breadcrumb home")
        elif key == "sections":
            sections = {}
            for name_node, url_node in _mapping(value_node, file, "breadcrumb sections").items():
                url = _scalar(url_node, file, f"the page of section {name_node.value!r}")
                if not HTTP_URL.match(url):
                    raise UsageError(f"section page {url!r} is not an absolute http(s) URL", _at(file, url_node))
                sections[str(name_node.value)] = url
            rules["sections"] = sections
        else:
            raise UsageError(f"unknown breadcrumb setting {key!r}: expected home, sections", _at(file, key_node))
    return rules


def _node_at(node: yaml.Node, ptr: str, *, key: bool) -> yaml.Node:
    """The YAML node at JSON Pointer ``ptr`` below ``node`` (as far as it exists)."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in ptr.split("/")[1:]]
    for i, part in enumerate(parts):
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == part), None)
            if found is None:
                break
            node = found[0] if key and i == len(parts) - 1 else found[1]
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
        else:
            break
    return node


def complete_record(data: Mapping[str, Any], defaults: Defaults) -> Mapping[str, Any]:
    """A record with the newsroom's site-level parts filled in where it says nothing of its own:
    the publisher (or, for the record's own publisher at the same url, what it leaves out: logo,
    policies…), the site, and the breadcrumb its rules give. ``data`` itself when nothing is added."""
    added: dict[str, Any] = {}
    publisher = defaults.publisher
    if publisher is not None:
        own = data.get("publisher")
        if own is None:
            added["publisher"] = dict(publisher)
        elif own.get("url") == publisher["url"] and not own.keys() >= publisher.keys():
            added["publisher"] = {**publisher, **own}
    if defaults.site is not None and "site" not in data:
        added["site"] = dict(defaults.site)
    page = data.get("page", {})
    if defaults.breadcrumb is not None and "breadcrumb" not in page:
        trail = breadcrumb_trail(defaults.breadcrumb, data, added.get("site") or data.get("site"))
        if trail:
            added["page"] = {**page, "breadcrumb": trail}
    return {**data, **added} if added else data


def breadcrumb_trail(
    rules: Mapping[str, Any], data: Mapping[str, Any], site: Mapping[str, Any] | None
) -> list[dict[str, str]]:
    """The trail the rules give an article: its site's home, its section's page, the article."""
    trail: list[dict[str, str]] = []
    home = (site or {}).get("url") or data.get("publisher", {}).get("url")
    if "home" in rules and home:
        trail.append({"name": rules["home"], "url": home})
    section = data.get("section")
    if section is not None and section in rules.get("sections", {}):
        trail.append({"name": section, "url": rules["sections"][section]})
    if trail:
        trail.append({"name": data["headline"]})
    return trail


def _mapping(node: yaml.Node, file: str, what: str) -> dict[yaml.ScalarNode, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise UsageError(f"{what} must be a mapping (key: value)", _at(file, node))
    out: dict[yaml.ScalarNode, yaml.Node] = {}
    first: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise UsageError(f"{what}: a key must be a name", _at(file, key))
        if key.value in first:
            line = first[key.value].start_mark.line + 1
            raise UsageError(f"duplicate setting {key.value!r} (first at line {line})", _at(file, key))
        first[key.value] = key
        out[key] = value
    return out


def _scalar(node: yaml.Node, file: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise UsageError(f"{what} must be a non-empty text", _at(file, node))
    return str(node.value).strip()


def _at(file: str, node: yaml.Node) -> Location:
    return Location(file, None, node.start_mark.line + 1, node.start_mark.column + 1)
