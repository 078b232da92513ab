"""The page graph a page's own structured data gives: its site, page, breadcrumb, paywall,
speakable parts, videos, audio, live-blog updates, and whatever else it says.

:class:`GraphReader` reads them from the page's evidence (:mod:`ldpub.read.html_evidence`) into
the record's fields (``site``, ``page``, ``paywalled``, ``videos``…). What the record has no field
for is kept as schema.org ``extra`` properties of the part it belongs to, and the page's other
top-level nodes (a Recipe, an Event) as ``other_nodes`` — cleaned first: terms schema.org does
not define are dropped (or repaired where only their case is wrong: ``person`` → ``Person``), and
so is any property ldpub's validator finds an error in, each with a warning. Nothing is invented:
a part the page does not describe is left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ldpub.extras import OWNED
from ldpub.read.html_evidence import Node, is_article_type, squash
from ldpub.record import field_pattern

PAGE_TYPES = frozenset(
    ("WebPage", "ItemPage", "AboutPage", "CollectionPage", "ProfilePage", "QAPage", "FAQPage", "MedicalWebPage")
)
# Top-level nodes that are parts of the page graph (read into fields, not kept as other nodes).
_GRAPH_TYPES = frozenset(
    (
        "WebSite",
        "BreadcrumbList",
        "ListItem",
        "SearchAction",
        "EntryPoint",
        "SpeakableSpecification",
        "WebPageElement",
        "VideoObject",
        "AudioObject",
        *PAGE_TYPES,
    )
)
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_DURATION = re.compile(r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
_FALSE = ("false", "False", "FALSE", False)
_TRUE = ("true", "True", "TRUE", True)
# The record field a part's warnings point at.
_FIELDS = {"article": "extra", "entity": "entities", "image": "images", "video": "videos", "update": "live"}
_MAX_DEPTH = 6  # nested nodes kept in extras; deeper is not what a page says about its article

Warn = Callable[[str, str | None], None]
Absolute = Callable[[str | None], str | None]


class GraphReader:
    """Reads one page's graph parts; ``warn(message, field)`` reports what was dropped or repaired."""

    def __init__(
        self,
        nodes: list[Node],
        article: Node,
        by_id: Mapping[str, Node],
        *,
        jsonld_count: int,
        absolute: Absolute,
        warn: Warn,
        date: Callable[[str, list[tuple[str, str]]], str | None],
    ) -> None:
        from ldpub.validate.vocab import vocabulary  # the vocabulary index: loaded when a page is read

        self.nodes = nodes  # the page's top-level JSON-LD nodes (and microdata after them)
        self.jsonld_count = jsonld_count
        self.page_types = PAGE_TYPES
        self.article = article
        self.by_id = by_id
        self.absolute = absolute
        self.warn = warn
        self.date = date
        self.vocab = vocabulary()
        self.used: set[int] = {id(article)} if article else set()  # nodes read into a field

    # -- reading nodes -------------------------------------------------------------------------

    def linked(self, values: Iterable[Any]) -> list[Any]:
        """Values with references (an ``@id`` text naming a node of the page) replaced by that node."""
        out = []
        for value in values:
            if isinstance(value, str) and value in self.by_id:
                value = self.by_id[value]
            if isinstance(value, dict):
                self.used.add(id(value))
            out.append(value)
        return out

    def nodes_of(self, node: Node, prop: str, types: Iterable[str] | None = None) -> list[Node]:
        wanted = frozenset(types) if types is not None else None
        found = [v for v in self.linked(node.get(prop, [])) if isinstance(v, dict)]
        if wanted is None:
            return found
        return [v for v in found if not wanted.isdisjoint(self.types(v))]

    def types(self, node: Node) -> list[str]:
        return [self.type_name(t) for t in node.get("@type", []) if isinstance(t, str)]

    def type_name(self, name: str) -> str:
        """A type as schema.org spells it (``person`` → ``Person``), or as given when unknown."""
        if name in self.vocab.types:
            return name
        fixed = _case_match(name, self.vocab.types)
        return fixed or name

    def top(self, types: Iterable[str]) -> list[Node]:
        wanted = frozenset(types)
        return [n for n in self.nodes if not wanted.isdisjoint(self.types(n))]

    def text(self, node: Node, prop: str) -> str | None:
        for value in self.linked(node.get(prop, [])):
            if isinstance(value, dict):
                value = _first(value.get("name", [])) or _first(value.get("@id", []))
            if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
                return squash(html.unescape(str(value)))
        return None

    def url(self, node: Node, *props: str) -> str | None:
        for prop in props:
            for value in self.linked(node.get(prop, [])):
                if isinstance(value, dict):
                    value = _first([*value.get("url", []), *value.get("contentUrl", []), *value.get("@id", [])])
                found = self.absolute(value) if isinstance(value, str) else None
                if found:
                    return found
        return None

    def urls(self, node: Node, prop: str) -> list[str]:
        out = []
        for value in self.linked(node.get(prop, [])):
            if isinstance(value, dict):
                value = _first(value.get("url", [])) or _first(value.get("@id", []))
            found = self.absolute(value) if isinstance(value, str) else None
            if found:
                out.append(found)
        return list(dict.fromkeys(out))

    # -- the parts ------------------------------------------------------------------------------

    def site(self, home: str | None) -> dict[str, Any] | None:
        """The WebSite the page says it is part of (a top-level WebSite, or one in isPartOf)."""
        candidates = self.top(["WebSite"])
        for node in (self.article, *self.top(PAGE_TYPES)):
            candidates += self.nodes_of(node, "isPartOf", ["WebSite"])
        if not candidates:
            return None
        node = candidates[0]
        self.used.update(id(n) for n in candidates)
        url = self.url(node, "url") or home
        if url is None:
            return None
        site: dict[str, Any] = {"url": url}
        name = self.text(node, "name")
        if name:
            site["name"] = name
        alternates = [a for a in (self.text({"x": [v]}, "x") for v in node.get("alternateName", [])) if a]
        if alternates:
            site["alternate_names"] = list(dict.fromkeys(alternates))
        for action in self.nodes_of(node, "potentialAction", ["SearchAction"]):
            template = self._search_template(action)
            if template:
                site["search"] = template
                break
        language = self.text(node, "inLanguage")
        if language and field_pattern("language").match(language):
            site["language"] = language
        self.put_extra(site, node, "site", "WebSite", skip=("potentialAction", "inLanguage"))
        return site

    def _search_template(self, action: Node) -> str | None:
        """The search's URL template, with its one ``{placeholder}`` for the terms."""
        for target in self.linked(action.get("target", [])):
            if isinstance(target, dict):
                target = _first(target.get("urlTemplate", []))
            found = _PLACEHOLDER.findall(target) if isinstance(target, str) else []
            if len(found) == 1:
                absolute = self.absolute(target.replace(found[0], "LDPUBTERM"))
                return absolute.replace("LDPUBTERM", found[0]) if absolute else None
        return None

    def page(self, url: str | None, record: Mapping[str, Any]) -> dict[str, Any]:
        """The WebPage: the article's mainEntityOfPage node, else a top-level page node."""
        candidates = self.nodes_of(self.article, "mainEntityOfPage", PAGE_TYPES) + self.top(PAGE_TYPES)
        same = [n for n in candidates if url and self.url(n, "url", "@id") == url]
        node: Node | None = (same or candidates or [None])[0]  # type: ignore[list-item]
        page: dict[str, Any] = {}
        if node is not None:
            self.used.add(id(node))
            kinds = [t for t in self.types(node) if t in PAGE_TYPES]
            if kinds and kinds[0] != "WebPage":
                page["type"] = kinds[0]
            name = self.text(node, "name")
            if name and name != record.get("headline"):
                page["name"] = name
            description = self.text(node, "description")
            if description:
                page["description"] = description
            image = self.url(node, "primaryImageOfPage")
            if image:
                page["primary_image"] = image
            # the page may describe itself twice (its main entity's page, and a node of its own)
            speakable = next(filter(None, (self.speakable(n) for n in [node, *candidates])), None)
            if speakable:
                page["speakable"] = speakable
        crumbs = self.breadcrumb(node)
        if crumbs:
            page["breadcrumb"] = crumbs
        if node is not None:
            authors = self._keys(self.nodes_of(node, "author"), record)
            if authors:
                page["authors"] = authors
        if node is not None:
            skip = ("breadcrumb", "speakable", "primaryImageOfPage", "mainEntity", "author")
            self.put_extra(page, node, "page", page.get("type", "WebPage"), skip=skip)
        return page

    def _keys(self, people: list[Node], record: Mapping[str, Any]) -> list[str]:
        """The record's keys of the people and organisations named (by their name), in order."""
        by_name = {str(e["name"]).casefold(): key for key, e in record.get("entities", {}).items()}
        if "publisher" in record:
            by_name.setdefault(str(record["publisher"]["name"]).casefold(), "publisher")
        keys = [by_name.get((self.text(p, "name") or "").casefold()) for p in people]
        return list(dict.fromkeys(k for k in keys if k))

    def breadcrumb(self, page: Node | None) -> list[dict[str, str]]:
        lists = self.nodes_of(page, "breadcrumb", ["BreadcrumbList"]) if page is not None else []
        lists += self.top(["BreadcrumbList"])
        for trail in lists:
            self.used.add(id(trail))
            items = [i for i in self.linked(trail.get("itemListElement", [])) if isinstance(i, dict)]
            crumbs = []
            for _, item in sorted(enumerate(items), key=lambda pi: (_int(pi[1].get("position")), pi[0])):
                self.used.add(id(item))
                target = _first(self.linked(item.get("item", [])))
                name = self.text(item, "name") or (self.text(target, "name") if isinstance(target, dict) else None)
                href = self.url(item, "item") or self.url(item, "url")
                if not name:
                    continue
                crumb = {"name": name}
                if href:
                    crumb["url"] = href
                crumbs.append(crumb)
            if crumbs:
                return crumbs
        return []

    def speakable(self, node: Node) -> dict[str, list[str]] | None:
        css: list[str] = []
        xpath: list[str] = []
        for spec in self.nodes_of(node, "speakable"):
            css += [str(v) for v in spec.get("cssSelector", []) if isinstance(v, str) and v.strip()]
            xpath += [str(v) for v in spec.get("xpath", []) if isinstance(v, str) and v.strip()]
        out = {}
        if css:
            out["css"] = list(dict.fromkeys(css))
        if xpath:
            out["xpath"] = list(dict.fromkeys(xpath))
        return out or None

    def paywall(self) -> tuple[bool | None, list[str]]:
        """(isAccessibleForFree of the article, the CSS selectors of its paywalled parts)."""
        free = _boolean(_first(self.article.get("isAccessibleForFree", [])))
        selectors = []
        for part in self.nodes_of(self.article, "hasPart", ["WebPageElement"]):
            if _boolean(_first(part.get("isAccessibleForFree", []))) is False:
                selectors += [str(v).strip() for v in part.get("cssSelector", []) if isinstance(v, str) and v.strip()]
        return free, list(dict.fromkeys(selectors))

    def media(self, kind: str, props: tuple[str, ...]) -> list[dict[str, Any]]:
        """The article's videos (``VideoObject``) or audio (``AudioObject``): linked from the article, or
        top-level nodes of the page."""
        found = [n for prop in props for n in self.nodes_of(self.article, prop, [kind])] + self.top([kind])
        out: list[dict[str, Any]] = []
        seen: set[int] = set()
        for node in found:
            if id(node) in seen:
                continue
            seen.add(id(node))
            self.used.add(id(node))
            item: dict[str, Any] = {}
            for field, prop in (("name", "name"), ("description", "description"), ("transcript", "transcript")):
                value = self.text(node, prop)
                if value:
                    item[field] = value
            for field, prop in (
                ("content_url", "contentUrl"),
                ("embed_url", "embedUrl"),
                ("url", "url"),
                ("thumbnail_url", "thumbnailUrl"),
            ):
                value = self.url(node, prop)
                if value:
                    item[field] = value
            if "thumbnail_url" not in item and kind == "VideoObject":
                image = self.url(node, "thumbnail", "image")
                if image:
                    item["thumbnail_url"] = image
            upload = self.text(node, "uploadDate")
            if upload:
                value = self.date("upload_date", [(upload, "JSON-LD uploadDate")])
                if value:
                    item["upload_date"] = value
            duration = self.text(node, "duration")
            if duration and _DURATION.match(duration) and len(duration) >= 3:
                item["duration"] = duration
            if kind == "VideoObject":
                for name in ("width", "height"):
                    size = _int(_first(node.get(name, [])))
                    if size:
                        item[name] = size
            skip = ("thumbnail",) if "thumbnail_url" in item else ()
            self.put_extra(item, node, "video", kind, skip=skip)
            if item:
                out.append(item)
        return out

    def live(self) -> dict[str, Any] | None:
        if "LiveBlogPosting" not in self.types(self.article):
            return None
        live: dict[str, Any] = {}
        for field, prop in (("coverage_start", "coverageStartTime"), ("coverage_end", "coverageEndTime")):
            text = self.text(self.article, prop)
            value = self.date(field, [(text, f"JSON-LD {prop}")]) if text else None
            if value:
                live[field] = value
        updates = []
        for node in self.nodes_of(self.article, "liveBlogUpdate"):
            text = self.text(node, "datePublished")
            published = self.date("live", [(text, "JSON-LD datePublished")]) if text else None
            if not published:
                self.warn("a live-blog update with no date of its own is left out", "live")
                continue
            update: dict[str, Any] = {"published": published}
            for field, prop in (("headline", "headline"), ("body", "articleBody")):
                value = self.text(node, prop)
                if value:
                    update[field] = value
            link = self.url(node, "url")
            if link:
                update["url"] = link
            image = self.url(node, "image")
            if image:
                update["image"] = image
            self.put_extra(update, node, "update", "BlogPosting", skip=("author", "dateModified", "publisher"))
            updates.append(update)
        if updates:
            live["updates"] = updates
        return live

    def other_nodes(self) -> list[dict[str, Any]]:
        """The page's top-level JSON-LD nodes no field took, cleaned (they need an @type)."""
        out = []
        linked = self._article_graph()
        for node in self.nodes[: self.jsonld_count]:  # microdata's other items are often the page's chrome
            if id(node) in self.used or id(node) in linked or not node.get("@type"):
                continue
            types = self.types(node)
            if not _GRAPH_TYPES.isdisjoint(types) or any(is_article_type(t) for t in types):
                continue  # a second page part or article: another story's, or the same said twice
            clean = self.clean_node(node, 0)
            if clean is not None and "@type" in clean and len(clean) > 1:
                kept = self.validated(clean, "other_nodes")
                if len([k for k in kept if not k.startswith("@")]):
                    out.append(kept)
        return out

    def _article_graph(self) -> set[int]:
        """The top-level nodes the article links to, or that link to it (its claims, the entities it
        mentions): the article's own graph, which its record's fields say or leave out, not other nodes."""
        refs = {
            id(node): {v for values in node.values() for v in values if isinstance(v, str) and v in self.by_id}
            for node in self.nodes
        }
        # Nodes pointing at the article, then at those (its claims, then their reviews)…
        targets = {str(i) for i in self.article.get("@id", [])}
        chain = [self.article] if self.article else []
        while targets:
            found = [n for n in self.nodes if n not in chain and not targets.isdisjoint(refs[id(n)])]
            chain += found
            targets = {str(i) for n in found for i in n.get("@id", [])}
        # … and every node those point at (the people and places they name).
        linked = {id(n) for n in chain}
        stack = list(chain)
        while stack:
            node = stack.pop()
            for ref in refs.get(id(node), ()):
                target = self.by_id[ref]
                if id(target) not in linked:
                    linked.add(id(target))
                    stack.append(target)
        return linked

    # -- extras ----------------------------------------------------------------------------------

    def put_extra(
        self, part: dict[str, Any], node: Node, kind: str, schema_type: str, skip: Iterable[str] = ()
    ) -> None:
        """``part["extra"]``: the properties of ``node`` the part has no field for, cleaned."""
        owned = OWNED.get(kind, {})
        left_out = set(skip)
        values = {k: v for k, v in node.items() if not k.startswith("@") and k not in owned and k not in left_out and v}
        if not values:
            return
        clean = self.clean_node({"@type": [schema_type], **values}, 0, field=_FIELDS.get(kind, kind))
        if clean is None:
            return
        clean.pop("@type", None)
        clean.pop("@id", None)
        clean = {k: v for k, v in clean.items() if k not in owned}
        if clean:
            kept = self.validated({"@type": schema_type, **clean}, _FIELDS.get(kind, kind))
            kept.pop("@type", None)
            if kept:
                part["extra"] = kept

    def validated(self, node: dict[str, Any], field: str) -> dict[str, Any]:
        """``node`` without the properties ldpub's validator finds an error in (each with a warning)."""
        from ldpub.extras import validation_errors

        for _ in range(4):
            errors = validation_errors(node)
            if not errors:
                return node
            for where, message in errors:
                name = _drop(node, where)
                if name is None:
                    return {}
                self.warn(f"the page's {name} is left out: {message}", field)
        return node if not validation_errors(node) else {}

    def clean_node(
        self, node: Node, depth: int, field: str = "other_nodes", seen: frozenset[int] = frozenset()
    ) -> dict[str, Any] | None:
        """An evidence node as compact JSON-LD with schema.org's terms only (see the module's doc)."""
        if depth > _MAX_DEPTH or id(node) in seen:
            return None
        seen = seen | {id(node)}
        types = []
        for raw in node.get("@type", []):
            if not isinstance(raw, str):
                continue
            known = self.type_name(raw)
            if known not in self.vocab.types:
                self.warn(f"the page's type {raw!r} is not schema.org's; left out", field)
                continue
            if known != raw:
                self.warn(f"the page's type {raw!r} is read as schema.org's {known!r}", field)
            types.append(known)
        if node.get("@type") and not types:
            return None
        out: dict[str, Any] = {}
        if types:
            out["@type"] = types[0] if len(types) == 1 else types
        ref = _first(node.get("@id", []))
        absolute = self.absolute(ref) if isinstance(ref, str) else None
        if absolute and depth:
            out["@id"] = absolute
        for prop, values in node.items():
            if prop.startswith("@"):
                continue
            name: str | None = prop if prop in self.vocab.properties or prop == "query-input" else None
            if name is None:
                name = _case_match(prop, self.vocab.properties)
                if name is None:
                    self.warn(f"the page's property {prop!r} is not schema.org's; left out", field)
                    continue
                self.warn(f"the page's property {prop!r} is read as schema.org's {name!r}", field)
            if types and not any(self.vocab.in_domain(t, name) for t in types):
                continue  # off its type's domain: LD022 would refuse it
            kept = []
            for value in values:
                if isinstance(value, str) and value in self.by_id:
                    target = self.by_id[value]
                    value = self.clean_node(target, depth + 1, field, seen)
                    if value is None:  # a node met on the way here: a reference to it
                        ref = self.absolute(str(_first(target.get("@id", [])) or ""))
                        value = {"@id": ref} if ref else None
                elif isinstance(value, dict):
                    value = self.clean_node(value, depth + 1, field, seen)
                elif isinstance(value, str):
                    value = html.unescape(value).strip()
                if value is not None and value != "" and value != {}:
                    kept.append(value)
            if kept:
                out[name] = kept[0] if len(kept) == 1 else kept
        return out


def _drop(node: dict[str, Any], where: str) -> str | None:
    """Remove the property a finding's JSON Pointer names (the innermost one: a nested node keeps the
    rest of what it says); its name, or None when the pointer names the node itself."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in where.split("/")[1:]]
    while parts and (parts[-1].isdigit() or parts[-1].startswith("@")):
        parts.pop()  # an item of a list, or a keyword: the property that holds it goes
    if not parts:
        return None
    container: Any = node
    for part in parts[:-1]:
        container = container[int(part)] if isinstance(container, list) else container.get(part)
        if container is None:
            return None
    if isinstance(container, dict) and parts[-1] in container:
        del container[parts[-1]]
        return parts[-1]
    return None


def _case_match(name: str, known: Iterable[str]) -> str | None:
    """The one known name equal to ``name`` but for case, else None."""
    lowered = name.lower()
    matches = [k for k in known if k.lower() == lowered]
    return matches[0] if len(matches) == 1 else None


def _boolean(value: Any) -> bool | None:
    if value in _FALSE:
        return False
    if value in _TRUE:
        return True
    return None


def _first(values: Iterable[Any]) -> Any:
    return next(iter(values), None)


def _int(value: Any) -> int:
    if isinstance(value, list):
        value = _first(value)
    try:
        return int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return 0
