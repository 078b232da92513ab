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

_PLACE_TYPES = frozenset(
    {"Place", "Country", "State", "City", "AdministrativeArea", "Landform", "CivicStructure", "Accommodation"}
)
_NOTE_NAMES = {"editor": "Editor's note", "disclaimer": "Disclaimer", "translation": "Translation note"}


def _geo_iri(entity: str) -> str:
    """The IRI of a place's coordinates: its own IRI with ``#geo`` (``-geo`` after a fragment it has)."""
    return entity + ("-geo" if "#" in entity else "#geo")


def entity_base(record: Mapping[str, Any]) -> str:
    """The base IRI for shared entities: the record's ``base``, else its publisher's url."""
    base: str = record.get("base") or record["publisher"]["url"]
    return base if base.endswith(("/", "#")) else base + "/"


def entity_iri(base: str, key: str, entity: Mapping[str, Any] | None = None) -> str:
    """The one IRI of a shared entity across the archive: its own ``id``, else ``{base}entity/{key}``."""
    if entity is not None and "id" in entity:
        return str(entity["id"])
    return f"{base}entity/{key}"


def map_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The compact JSON-LD document (``@context`` + ``@graph``) for a checked record."""
    return {"@context": CONTEXT, "@graph": _Mapper(record).graph()}


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
        return nodes

    # --- the page and the article ----------------------------------------------------------

    def page(self) -> Node:
        r = self.r
        node: Node = {"@id": self.url, "@type": "WebPage", "url": self.url, "name": r["headline"]}
        _put(node, "inLanguage", r.get("language"))
        node["datePublished"] = r["published"]
        _put(node, "dateModified", r.get("modified"))
        node["mainEntity"] = {"@id": self.article}
        _put(node, "relatedLink", [self._related_id(i, link) for i, link in enumerate(r.get("related", []), 1)])
        node["publisher"] = {"@id": self.publisher}
        return node

    def news_article(self) -> Node:
        r = self.r
        node: Node = {"@id": self.article, "@type": r.get("type", "NewsArticle"), "mainEntityOfPage": self.url}
        node["url"] = self.url
        node["headline"] = r["headline"]
        _put_present(node, r, _ARTICLE_FIELDS)
        node["datePublished"] = r["published"]
        _put(node, "dateModified", r.get("modified"))
        _put(node, "author", self.refs(r.get("authors", [])))
        _put(node, "contributor", self.refs(r.get("contributors", [])))
        _put(node, "editor", self.refs(r.get("editors", [])))
        node["publisher"] = {"@id": self.publisher}
        _put(node, "image", [f"{self.url}#image-{i}" for i in range(1, len(r.get("images", [])) + 1)])
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
        return node

    def publisher_nodes(self) -> list[Node]:
        p = self.r["publisher"]
        node: Node = {"@id": self.publisher, "@type": "NewsMediaOrganization", "name": p["name"], "url": p["url"]}
        _put_present(node, p, _PUBLISHER_FIELDS)
        if "logo" not in p:
            return [node]
        node["logo"] = self.base + "#logo"
        return [node, _image_object(self.base + "#logo", p["logo"])]

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
        return [node, rating_node]

    # --- the article's other parts ----------------------------------------------------------

    def image(self, i: int, img: Mapping[str, Any]) -> Node:
        return _image_object(f"{self.url}#image-{i}", img)

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
