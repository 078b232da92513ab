"""Map an article record to one compact schema.org JSON-LD document.

A pure function of the record: the same record gives the same document, byte for byte
once serialised. Every node has an absolute ``@id``:

- the page ``{url}``, the article ``{url}#article``, and the article's own parts under
  ``{url}#...`` (claims, reviews, ratings, images, notes, corrections, original work);
- shared entities ``{base}entity/{key}`` — one IRI per real-world entity across the
  whole archive — the publisher ``{base}#organization`` and its logo ``{base}#logo``.

Properties that schema.org's context types as ``@id`` (``url``, ``sameAs``, ``image``,
``logo``, ``mainEntityOfPage``, ``relatedLink``...) take a plain IRI string; the others
take ``{"@id": ...}`` references.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from ldpub.extras import POLICIES, child_id, flatten, node_of
from ldpub.record import PUBLISHER

CONTEXT = "https://schema.org"

Node = dict[str, Any]

# Optional properties copied from a record part when present: (schema.org name, record key), in output order.
_ARTICLE_FIELDS = (
    ("alternativeHeadline", "alternative_headline"),
    ("description", "description"),
    ("articleSection", "section"),
    ("keywords", "keywords"),
    ("inLanguage", "language"),
)
_PUBLISHER_FIELDS = (("alternateName", "alternate_names"), ("sameAs", "same_as"))
_ENTITY_FIELDS = (
    ("alternateName", "alternate_names"),
    ("description", "description"),
    ("url", "url"),
    ("sameAs", "same_as"),
    ("jobTitle", "job_title"),
)
_WORK_FIELDS = (("headline", "headline"), ("url", "url"), ("datePublished", "published"))
_IMAGE_FIELDS = (("caption", "caption"), ("width", "width"), ("height", "height"), ("creditText", "credit"))
# Record fields of the page graph: a record with none of them maps as before, by the short path.
_GRAPH_PART_KEYS = frozenset(
    ("site", "page", "paywalled", "speakable", "videos", "audio", "live", "other_nodes", "extra")
)
_ARTICLE_PART_KEYS = frozenset(("comment_count", "backstory", "free", "paywalled", "speakable", "live", "extra"))
_ENTITY_MEDIA = frozenset(("image", "logo", "extra"))
_ARTICLE_MEDIA_KEYS = frozenset(("thumbnail_url", "videos", "audio"))
_USUAL_IMAGE_KEYS = frozenset(("url", *(key for _, key in _IMAGE_FIELDS)))
_IMAGE_RIGHTS = (
    ("license", "license"),
    ("acquireLicensePage", "acquire_license_page"),
    ("copyrightNotice", "copyright_notice"),
)
_MEDIA_FIELDS = (
    ("name", "name"),
    ("description", "description"),
    ("thumbnailUrl", "thumbnail_url"),
    ("uploadDate", "upload_date"),
    ("duration", "duration"),
    ("contentUrl", "content_url"),
    ("embedUrl", "embed_url"),
    ("url", "url"),
    ("width", "width"),
    ("height", "height"),
    ("transcript", "transcript"),
)
_UPDATE_FIELDS = (
    ("headline", "headline"),
    ("datePublished", "published"),
    ("dateModified", "modified"),
    ("articleBody", "body"),
    ("url", "url"),
)
_POLICY_FIELDS = tuple((name, key) for key, name in POLICIES.items())

_PLACE_TYPES = frozenset(
    {"Place", "Country", "State", "City", "AdministrativeArea", "Landform", "CivicStructure", "Accommodation"}
)
_NOTE_NAMES = {"editor": "Editor's note", "disclaimer": "Disclaimer", "translation": "Translation note"}


def _geo_iri(entity: str) -> str:
    """The IRI of a place's coordinates: its own IRI with ``#geo`` (``-geo`` after a fragment it has)."""
    return entity + ("-geo" if "#" in entity else "#geo")


def entity_base(record: Mapping[str, Any]) -> str:
    """The base IRI for shared entities: the record's ``base``, else its publisher's url, else the
    home of its URL (``https://host/``)."""
    base: str | None = record.get("base") or record.get("publisher", {}).get("url")
    if base is None:
        parts = urlsplit(record["url"])
        base = f"{parts.scheme}://{parts.netloc}/"
    return base if base.endswith(("/", "#")) else base + "/"


def entity_iri(base: str, key: str, entity: Mapping[str, Any] | None = None) -> str:
    """The one IRI of a shared entity across the archive: its own ``id``, else ``{base}entity/{key}``."""
    if entity is not None and "id" in entity:
        return str(entity["id"])
    return f"{base}entity/{key}"


def map_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The compact JSON-LD document (``@context`` + ``@graph``) for a checked record."""
    return map_graph(record)[0]


def map_graph(record: Mapping[str, Any]) -> tuple[dict[str, Any], int]:
    """:func:`map_record`, and how many of the graph's nodes, first, are ldpub's own: the rest are
    the record's ``other_nodes`` and the nodes nested in its extras, as the page gave them."""
    mapper = _Mapper(record)
    graph = mapper.graph()
    return {"@context": CONTEXT, "@graph": graph}, mapper.own


class _Mapper:
    def __init__(self, record: Mapping[str, Any]) -> None:
        self.r = record
        self.url: str = record["url"]
        self.article = self.url + "#article"
        self.base = entity_base(record)
        self.publisher = self.base + "#organization"
        self.entities: Mapping[str, Any] = record.get("entities", {})
        # Each key's IRI worked out once: an entity is referred to several times per record.
        self.iris = {key: entity_iri(self.base, key, e) for key, e in self.entities.items()}
        self.iris[PUBLISHER] = self.publisher
        self.has_publisher = "publisher" in record
        site = record.get("site")
        self.website = site["url"] + "#website" if site else None
        self.more: list[Node] = []  # nodes nested in extras, flattened into the graph

    def ref(self, key: str) -> dict[str, str]:
        """A reference to the publisher or to an entity, by the record's key for it."""
        return {"@id": self.iris.get(key) or entity_iri(self.base, key)}

    def refs(self, keys: list[str]) -> list[dict[str, str]]:
        return [self.ref(k) for k in keys]

    def graph(self) -> list[Node]:
        r = self.r
        nodes: list[Node] = [self.page(), self.news_article()]
        nodes += self.publisher_nodes()
        for key in sorted(self.entities, key=self.iris.__getitem__):
            entity = self.entities[key]
            nodes.append(self.entity(key, entity))
            if "geo" in entity:
                nodes.append(self.geo(key, entity["geo"]))
        for claim in r.get("claims", []):
            nodes += self.claim(claim)
        for review in r.get("reviews", []):
            nodes += self.review(review)
        nodes += [self.image(i, img) for i, img in enumerate(r.get("images", []), 1)]
        nodes += [self.note(i, note) for i, note in enumerate(r.get("notes", []), 1)]
        nodes += [self.correction(i, c) for i, c in enumerate(r.get("corrections", []), 1)]
        if "translation" in r:
            nodes.append(self.original_work(r["translation"]))
        nodes += [self.related(i, link) for i, link in enumerate(r.get("related", []), 1)]
        if _GRAPH_PART_KEYS.isdisjoint(r):  # a record of the usual fields only (most): nothing below
            self.own = len(nodes)
            return nodes + self.more
        if self.website is not None:
            nodes += self.site_nodes(r["site"])
        page = r.get("page", {})
        if "breadcrumb" in page:
            nodes += self.breadcrumb(page["breadcrumb"])
        nodes += [self.paywalled(i, css) for i, css in enumerate(r.get("paywalled", []), 1)]
        if "speakable" in r:
            nodes.append(_speakable(self.url + "#speakable", r["speakable"]))
        if "speakable" in page:
            nodes.append(_speakable(self.url + "#page-speakable", page["speakable"]))
        nodes += [self.media(f"{self.url}#video-{i}", "VideoObject", v) for i, v in enumerate(r.get("videos", []), 1)]
        nodes += [self.media(f"{self.url}#audio-{i}", "AudioObject", a) for i, a in enumerate(r.get("audio", []), 1)]
        for i, update in enumerate(r.get("live", {}).get("updates", []), 1):
            nodes.append(self.update(self._update_id(i, update), update))
        self.own = len(nodes)
        for i, other in enumerate(r.get("other_nodes", []), 1):
            nodes.append(node_of(other, f"{self.url}#node-{i}", self.url, self.more))
        return nodes + self.more

    def extra(self, node: Node, source: Mapping[str, Any]) -> None:
        """The part's schema.org extras onto ``node``, their nested nodes into the graph."""
        if "extra" in source:
            for name, value in flatten(node["@id"], source["extra"], self.url, self.more).items():
                node[name] = _merged(node[name], value) if name in node else value

    # --- the page and the article ----------------------------------------------------------

    def page(self) -> Node:
        r = self.r
        page = r.get("page")
        if page is None:
            node: Node = {"@id": self.url, "@type": "WebPage", "url": self.url, "name": r["headline"]}
        else:
            node = {"@id": self.url, "@type": page.get("type", "WebPage"), "url": self.url}
            node["name"] = page.get("name") or r["headline"]
            _put(node, "description", page.get("description"))
        _put(node, "inLanguage", r.get("language"))
        _put(node, "datePublished", r.get("published"))
        _put(node, "dateModified", r.get("modified"))
        node["mainEntity"] = {"@id": self.article}
        _put(node, "relatedLink", [self._related_id(i, link) for i, link in enumerate(r.get("related", []), 1)])
        if self.has_publisher:
            node["publisher"] = {"@id": self.publisher}
        if self.website is not None:
            node["isPartOf"] = {"@id": self.website}
        if page is not None:
            if "breadcrumb" in page:
                node["breadcrumb"] = {"@id": self.url + "#breadcrumb"}
            if "primary_image" in page:
                number = [img["url"] for img in r["images"]].index(page["primary_image"]) + 1
                node["primaryImageOfPage"] = {"@id": f"{self.url}#image-{number}"}
            if "speakable" in page:
                node["speakable"] = self.url + "#page-speakable"
            _put(node, "author", self.refs(page.get("authors", [])))
            self.extra(node, page)
        return node

    def news_article(self) -> Node:
        r = self.r
        node: Node = {"@id": self.article, "@type": r.get("type", "NewsArticle"), "mainEntityOfPage": self.url}
        node["url"] = self.url
        node["headline"] = r["headline"]
        _put_present(node, r, _ARTICLE_FIELDS)
        _put(node, "datePublished", r.get("published"))
        _put(node, "dateModified", r.get("modified"))
        if "created" in r:
            node["dateCreated"] = r["created"]
        _put(node, "author", self.refs(r.get("authors", [])))
        _put(node, "contributor", self.refs(r.get("contributors", [])))
        _put(node, "editor", self.refs(r.get("editors", [])))
        if self.has_publisher:
            node["publisher"] = {"@id": self.publisher}
        if self.website is not None:
            node["isPartOf"] = {"@id": self.url}
        _put(node, "image", [f"{self.url}#image-{i}" for i in range(1, len(r.get("images", [])) + 1)])
        if not _ARTICLE_MEDIA_KEYS.isdisjoint(r):
            _put(node, "thumbnailUrl", r.get("thumbnail_url"))
            _put(node, "video", [{"@id": f"{self.url}#video-{i}"} for i in range(1, len(r.get("videos", [])) + 1)])
            _put(node, "audio", [{"@id": f"{self.url}#audio-{i}"} for i in range(1, len(r.get("audio", [])) + 1)])
        if "dateline" in r:
            place = r["dateline"]["place"]
            text = r["dateline"].get("text") or self.entities[place]["name"]
            node["dateline"] = text
            node["locationCreated"] = self.ref(place)
        _put(node, "about", self.refs(r.get("about", [])))
        _put(node, "mentions", self.refs(r.get("mentions", [])))
        if "translation" in r:
            t = r["translation"]
            node["translationOfWork"] = {"@id": f"{self.url}#original"}
            if "translator" in t:
                node["translator"] = self.ref(t["translator"])
        _put(node, "comment", [{"@id": f"{self.url}#note-{i}"} for i in range(1, len(r.get("notes", [])) + 1)])
        _put(
            node,
            "correction",
            [{"@id": f"{self.url}#correction-{i}"} for i in range(1, len(r.get("corrections", [])) + 1)],
        )
        if r.get("body"):
            node["articleBody"] = r["body"]
            node["wordCount"] = len(r["body"].split())
        if not _ARTICLE_PART_KEYS.isdisjoint(r):
            self.article_parts(node)
        return node

    def article_parts(self, node: Node) -> None:
        """The article's newer, optional parts: comments, Trust Project, paywall, speakable, live blog."""
        r = self.r
        _put(node, "commentCount", r.get("comment_count"))
        _put(node, "backstory", r.get("backstory"))
        paywalled = r.get("paywalled", [])
        free = r.get("free", False if paywalled else None)
        _put(node, "isAccessibleForFree", free)
        _put(node, "hasPart", [{"@id": f"{self.url}#paywalled-{i}"} for i in range(1, len(paywalled) + 1)])
        if "speakable" in r:
            node["speakable"] = self.url + "#speakable"
        if "live" in r:
            live = r["live"]
            _put(node, "coverageStartTime", live.get("coverage_start"))
            _put(node, "coverageEndTime", live.get("coverage_end"))
            updates = live.get("updates", [])
            _put(node, "liveBlogUpdate", [{"@id": self._update_id(i, u)} for i, u in enumerate(updates, 1)])
        self.extra(node, r)

    def publisher_nodes(self) -> list[Node]:
        if not self.has_publisher:
            return []
        p = self.r["publisher"]
        node: Node = {"@id": self.publisher, "@type": "NewsMediaOrganization", "name": p["name"], "url": p["url"]}
        _put_present(node, p, _PUBLISHER_FIELDS)
        if "policies" in p:
            _put_present(node, p["policies"], _POLICY_FIELDS)
        self.extra(node, p)
        if "logo" not in p:
            return [node]
        node["logo"] = self.base + "#logo"
        return [node, self.image_object(self.base + "#logo", p["logo"])]

    # --- shared entities --------------------------------------------------------------------

    def entity(self, key: str, e: Mapping[str, Any]) -> Node:
        node: Node = {"@id": self.iris[key], "@type": e["type"], "name": e["name"]}
        _put_present(node, e, _ENTITY_FIELDS)
        if "affiliation" in e:
            node["affiliation"] = self.ref(e["affiliation"])
        if "parent" in e:
            node["parentOrganization"] = self.ref(e["parent"])
        if "contained_in" in e:
            node["containedInPlace"] = self.ref(e["contained_in"])
        if "geo" in e:
            node["geo"] = {"@id": _geo_iri(self.iris[key])}
        if not _ENTITY_MEDIA.isdisjoint(e):
            image = e.get("image")
            if isinstance(image, Mapping):  # an image with its caption, size or credit: a node of its own
                node["image"] = {"@id": child_id(node["@id"], "image")}
                self.more.append(self.image_object(node["image"]["@id"], image))
            else:
                _put(node, "image", image)
            _put(node, "logo", e.get("logo"))
            self.extra(node, e)
        return node

    def geo(self, key: str, g: Mapping[str, Any]) -> Node:
        return {
            "@id": self.iris[key] + "#geo",
            "@type": "GeoCoordinates",
            "latitude": g["latitude"],
            "longitude": g["longitude"],
        }

    # --- claims and their reviews -----------------------------------------------------------

    def claim(self, c: Mapping[str, Any]) -> list[Node]:
        claim_iri = f"{self.url}#claim-{c['id']}"
        node: Node = {"@id": claim_iri, "@type": "Claim", "text": c["text"]}
        extra: list[Node] = []
        author = c.get("author")
        if isinstance(author, str):
            node["author"] = self.ref(author)
        elif isinstance(author, Mapping):
            source_iri = claim_iri + "-author"
            node["author"] = {"@id": source_iri}
            extra.append(self.anonymous_source(source_iri, author))
        _put(node, "datePublished", c.get("date"))
        node["appearance"] = {"@id": self.article}
        if "first_appeared_in" in c:
            work_iri = claim_iri + "-source"
            node["firstAppearance"] = {"@id": work_iri}
            extra.append(self.first_appearance(work_iri, c["first_appeared_in"]))
        return [node, *extra]

    def anonymous_source(self, iri: str, a: Mapping[str, Any]) -> Node:
        kind = a.get("type", "Person")
        node: Node = {"@id": iri, "@type": kind, "name": a["anonymous"], "description": "Anonymous source"}
        if "affiliation" in a:
            # "a source from al-Rukban camp", "residents of Hajin": a place is where they are, not what they belong to.
            at_place = self.entities.get(a["affiliation"], {}).get("type") in _PLACE_TYPES
            prop = ("homeLocation" if kind == "Person" else "location") if at_place else None
            node[prop or ("affiliation" if kind == "Person" else "parentOrganization")] = self.ref(a["affiliation"])
        return node

    def first_appearance(self, iri: str, w: Mapping[str, Any]) -> Node:
        node: Node = {"@id": iri, "@type": "CreativeWork"}
        _put_present(node, w, _WORK_FIELDS)
        if "publisher" in w:
            node["publisher"] = self.ref(w["publisher"])
        return node

    def review(self, v: Mapping[str, Any]) -> list[Node]:
        review_iri = f"{self.url}#review-{v['id']}"
        claim = next(c for c in self.r["claims"] if c["id"] == v["claim"])
        rating = v["rating"]
        node: Node = {
            "@id": review_iri,
            "@type": "ClaimReview",
            "url": v.get("url", self.url),
            "claimReviewed": v.get("claim_reviewed", claim["text"]),
            "itemReviewed": {"@id": f"{self.url}#claim-{claim['id']}"},
            "reviewRating": {"@id": review_iri + "-rating"},
            "author": self.ref(v.get("reviewer", PUBLISHER)),
            "datePublished": v.get("date", self.r["published"]),
        }
        rating_node: Node = {
            "@id": review_iri + "-rating",
            "@type": "Rating",
            "ratingValue": rating["value"],
            "bestRating": rating["best"],
            "worstRating": rating["worst"],
            "alternateName": rating["verdict"],
        }
        self.extra(node, v)
        return [node, rating_node]

    # --- the article's other parts ----------------------------------------------------------

    def image(self, i: int, img: Mapping[str, Any]) -> Node:
        return self.image_object(f"{self.url}#image-{i}", img)

    def image_object(self, iri: str, img: Mapping[str, Any]) -> Node:
        node = _image_object(iri, img)
        if not _USUAL_IMAGE_KEYS.issuperset(img):  # licence, creator, extras
            _put_present(node, img, _IMAGE_RIGHTS)
            if "creator" in img:
                node["creator"] = self.ref(img["creator"])
            self.extra(node, img)
        return node

    def note(self, i: int, note: Mapping[str, Any]) -> Node:
        kind = note.get("kind", "editor")
        return {
            "@id": f"{self.url}#note-{i}",
            "@type": "Comment",
            "name": _NOTE_NAMES[kind],
            "text": note["text"],
            "author": {"@id": self.publisher},
        }

    def correction(self, i: int, c: Mapping[str, Any]) -> Node:
        node: Node = {"@id": f"{self.url}#correction-{i}", "@type": "CorrectionComment", "text": c["text"]}
        _put(node, "datePublished", c.get("date"))
        return node

    def original_work(self, t: Mapping[str, Any]) -> Node:
        original = t.get("original", {})
        node: Node = {"@id": f"{self.url}#original", "@type": "CreativeWork", "inLanguage": t["original_language"]}
        _put_present(node, original, _WORK_FIELDS)
        for name in ("author", "publisher"):
            if name in original:
                node[name] = self.ref(original[name])
        node["workTranslation"] = {"@id": self.article}
        return node

    def _related_id(self, i: int, link: Mapping[str, Any]) -> str:
        return str(link["url"]) if "url" in link else f"{self.url}#related-{i}"

    def related(self, i: int, link: Mapping[str, Any]) -> Node:
        node: Node = {"@id": self._related_id(i, link), "@type": "WebPage", "name": link["headline"]}
        _put(node, "url", link.get("url"))
        return node

    # --- the page graph ----------------------------------------------------------------------

    def site_nodes(self, site: Mapping[str, Any]) -> list[Node]:
        website = str(self.website)
        node: Node = {"@id": website, "@type": "WebSite", "url": site["url"]}
        _put(node, "name", site.get("name"))
        _put(node, "alternateName", site.get("alternate_names"))
        _put(node, "inLanguage", site.get("language"))
        if self.has_publisher:
            node["publisher"] = {"@id": self.publisher}
        nodes = [node]
        if "search" in site:
            action, target = child_id(website, "search"), child_id(website, "search-target")
            node["potentialAction"] = {"@id": action}
            term = site["search"].split("{", 1)[1].split("}", 1)[0]  # the placeholder for the terms
            query = f"required name={term}"
            nodes.append({"@id": action, "@type": "SearchAction", "target": {"@id": target}, "query-input": query})
            nodes.append({"@id": target, "@type": "EntryPoint", "urlTemplate": site["search"]})
        self.extra(node, site)
        return nodes

    def breadcrumb(self, crumbs: list[Mapping[str, Any]]) -> list[Node]:
        trail = self.url + "#breadcrumb"
        items = [{"@id": f"{trail}-{i}"} for i in range(1, len(crumbs) + 1)]
        nodes: list[Node] = [{"@id": trail, "@type": "BreadcrumbList", "itemListElement": items}]
        for i, crumb in enumerate(crumbs, 1):
            item: Node = {"@id": f"{trail}-{i}", "@type": "ListItem", "position": i, "name": crumb["name"]}
            if "url" in crumb:
                item["item"] = crumb["url"]  # a URL, as Google's breadcrumb markup gives it
            nodes.append(item)
        return nodes

    def paywalled(self, i: int, css: str) -> Node:
        return {
            "@id": f"{self.url}#paywalled-{i}",
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": css,
        }

    def media(self, iri: str, kind: str, m: Mapping[str, Any]) -> Node:
        node: Node = {"@id": iri, "@type": kind}
        _put_present(node, m, _MEDIA_FIELDS)
        self.extra(node, m)
        return node

    def _update_id(self, i: int, update: Mapping[str, Any]) -> str:
        return f"{self.url}#update-{update.get('id', i)}"

    def update(self, iri: str, u: Mapping[str, Any]) -> Node:
        node: Node = {"@id": iri, "@type": "BlogPosting"}
        _put_present(node, u, _UPDATE_FIELDS)
        _put(node, "author", self.refs(u.get("authors", [])))
        if self.has_publisher:
            node["publisher"] = {"@id": self.publisher}
        _put(node, "image", u.get("image"))
        self.extra(node, u)
        return node


def _merged(ours: Any, extra: Any) -> list[Any]:
    """The mapper's values of a property and an extra's, as one list (``isPartOf`` the page and a product)."""
    values = (ours if isinstance(ours, list) else [ours]) + (extra if isinstance(extra, list) else [extra])
    return [v for i, v in enumerate(values) if v not in values[:i]]


def _speakable(iri: str, spec: Mapping[str, Any]) -> Node:
    node: Node = {"@id": iri, "@type": "SpeakableSpecification"}
    _put(node, "cssSelector", spec.get("css"))
    _put(node, "xpath", spec.get("xpath"))
    return node


def _image_object(iri: str, img: Mapping[str, Any]) -> Node:
    node: Node = {"@id": iri, "@type": "ImageObject", "url": img["url"], "contentUrl": img["url"]}
    _put_present(node, img, _IMAGE_FIELDS)
    return node


def _put_present(node: Node, source: Mapping[str, Any], names: tuple[tuple[str, str], ...]) -> None:
    """``_put(node, name, source.get(key))`` for each ``(name, key)`` in order: one call, not one per property."""
    for name, key in names:
        value = source.get(key)
        if value is not None and value != [] and value != "":
            node[name] = value


def _put(node: Node, name: str, value: Any) -> None:
    """Set ``name`` unless the value is absent or empty (schema.org has no use for empty values)."""
    if value is not None and value != [] and value != "":
        node[name] = value
