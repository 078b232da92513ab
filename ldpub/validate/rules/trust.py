"""The Trust Project's indicators, as schema.org carries them: the ``trust`` profile.

The Trust Project's eight Trust Indicators are disclosures a news site makes about itself, its
journalists and each piece of work; schema.org took their machine-readable form from the Trust
Project (the terms it credits to it, https://schema.org/docs/collab/TP, plus ``ethicsPolicy``,
``publishingPrinciples`` and ``dateline`` that the indicators use). Each finding is a warning: an
indicator missing is a disclosure not made, not markup a reader refuses (``--strict`` fails on them).
What is not checked, and why, is in docs/validate.md (``backstory`` and ``citation`` are asked only
of in-depth work, which markup cannot tell; a correction only of a corrected article).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ldpub.validate.findings import Problem
from ldpub.validate.index import NodeInfo, PageIndex
from ldpub.validate.rules.google import LiveUpdates, at, pointed_values, values
from ldpub.validate.rules.registry import Rule, register
from ldpub.validate.vocab import Vocabulary

# Best Practices, site level: the policies the Trust Project asks a news organisation to publish,
# each with its machine-readable signal (its own table of indicators marks each one so).
BEST_PRACTICES = (
    "ethicsPolicy",  # ethics policy
    "diversityPolicy",  # diverse voices statement
    "diversityStaffingReport",  # diverse staffing report
    "correctionsPolicy",  # corrections policy
    "ownershipFundingInfo",  # ownership structure, funding and grants
    "foundingDate",  # founding date
    "masthead",  # list of top editors
    "missionCoveragePrioritiesPolicy",  # mission and coverage priorities
    "verificationFactCheckingPolicy",  # verification and fact-checking standards
    "unnamedSourcesPolicy",  # unnamed sources policy
    "actionableFeedbackPolicy",  # actionable feedback: public engagement
)
# Author/reporter expertise: the author's page, a persistent identity elsewhere, expertise, languages.
EXPERTISE = ("url", "sameAs", "knowsAbout", "knowsLanguage")
# Type of work: the labels that tell news from opinion, analysis, advertiser content or satire.
# A live blog is rolling news coverage: its type says so.
TYPES_OF_WORK = ("NewsArticle", "AdvertiserContentArticle", "SatiricalArticle", "LiveBlogPosting")
OWN_WORKS = ("Article", "WebPage", "WebSite")  # what a news site publishes as its own
_TRUST = "trust"


def _publishers(index: PageIndex, works: frozenset[str], skip: frozenset[int]) -> Iterator[tuple[NodeInfo, NodeInfo]]:
    """(the work, its publisher) for each publisher of the page's own works described in the page,
    once each: the article, page and site at the top of a document (a work nested in another, a
    claim's appearance or a quote's source, is someone else's)."""
    seen: set[int] = set()
    for info in index.nodes:
        if not info.top or works.isdisjoint(info.types) or id(info.node) in skip:
            continue
        for publisher in values(info.node, "publisher"):
            target = index.resolve(publisher)
            if target is not None and id(target.node) not in seen:
                seen.add(id(target.node))
                yield info, target


class _TrustRule(Rule):
    """A rule of the trust profile: its findings are warnings, and it knows a page's live-blog
    updates (part of the page's article, not articles of their own)."""

    severity = "warning"
    profile = _TRUST

    def __init__(self, vocab: Vocabulary) -> None:
        super().__init__(vocab)
        self.updates = LiveUpdates(vocab)

    def own(self, info: NodeInfo, index: PageIndex) -> bool:
        """The page's own article: at the top of a document, and not a live blog's update."""
        return info.top and id(info.node) not in self.updates.of(index)


@register
class PublisherBestPractices(_TrustRule):
    """trust: the publisher of a work does not link a Trust Project best-practice policy (ethics,
    diversity, corrections, ownership and funding, founding date, masthead, mission, verification,
    unnamed sources, actionable feedback)

    Checked once for each publisher of the page's own article, page or site (at the top of a
    document) that the page describes (one named by @id out of the page is the house rules' LP002)."""

    code = "TP001"

    def __init__(self, vocab: Vocabulary) -> None:
        super().__init__(vocab)
        self.works = frozenset().union(*(vocab.descendants(t) for t in OWN_WORKS))

    def check_page(self, index: PageIndex, data: list[Any]) -> Iterator[Problem]:
        for _work, publisher in _publishers(index, self.works, self.updates.of(index)):
            missing = [key for key in BEST_PRACTICES if not values(publisher.node, key)]
            if missing:
                name = publisher.node.get("name")
                who = f"the publisher {name!r}" if isinstance(name, str) else "the publisher"
                message = f"{who} has no {', '.join(missing)} (Trust Project best practices)"
                yield self.found(publisher, message, publisher.pointer)


@register
class PublishingPrinciples(_TrustRule):
    """trust: an article links no publishing principles (publishingPrinciples, on it or on its publisher)

    The Trust Project asks each piece of work to link the site's best-practice policies."""

    code = "TP002"
    types = ("Article",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        node = info.node
        if values(node, "publishingPrinciples") or not self.own(info, index):
            return ()
        for publisher in values(node, "publisher"):
            target = index.resolve(publisher)
            if target is not None and values(target.node, "publishingPrinciples"):
                return ()
        message = "the article links no publishingPrinciples, nor does its publisher (Trust Project best practices)"
        return (self.found(info, message, info.pointer),)


@register
class AuthorExpertise(_TrustRule):
    """trust: a person who wrote an article says nothing of their expertise (url of their page,
    sameAs, knowsAbout, knowsLanguage)"""

    code = "TP003"
    types = ("Article",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
        if not self.own(info, index):
            return
        for author, where in pointed_values(info, "author"):
            target = index.resolve(author)
            if target is None or not any(self.vocab.is_a(t, "Person") for t in target.types):
                continue  # text (GA002 says so), a reference out of the page, an organisation
            missing = [key for key in EXPERTISE if not values(target.node, key)]
            if missing:
                name = target.node.get("name")
                who = f"the author {name!r}" if isinstance(name, str) else "the author"
                message = f"{who} has no {', '.join(missing)} (Trust Project author expertise)"
                yield self.found(info, message, where)


@register
class TypeOfWork(_TrustRule):
    """trust: an article's type does not say what kind of work it is (news, opinion, analysis,
    review, background, advertiser content, satire…)

    Article, BlogPosting, DiscussionForumPosting and other kinds of Article that are none of these
    say nothing of it; a LiveBlogPosting is rolling news coverage."""

    code = "TP004"
    types = ("Article",)

    def __init__(self, vocab: Vocabulary) -> None:
        super().__init__(vocab)
        self.labelled = frozenset().union(*(vocab.descendants(t) for t in TYPES_OF_WORK))

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        if not self.labelled.isdisjoint(info.types) or not self.own(info, index):
            return ()
        message = (
            f"{'/'.join(info.types)} says no type of work: use NewsArticle or one of its kinds "
            "(AnalysisNewsArticle, OpinionNewsArticle, ReportageNewsArticle, BackgroundNewsArticle, "
            "ReviewNewsArticle, AskPublicNewsArticle), AdvertiserContentArticle or SatiricalArticle (Trust Project)"
        )
        return (self.found(info, message, at(info.pointer, "@type")),)


@register
class Dateline(_TrustRule):
    """trust: a news article gives no dateline (where the story was reported from)"""

    code = "TP005"
    types = ("NewsArticle",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        if values(info.node, "dateline") or not self.own(info, index):
            return ()
        message = "the news article has no dateline: say where it was reported from (Trust Project: locally sourced)"
        return (self.found(info, message, info.pointer),)


@register
class Correction(_TrustRule):
    """trust: a correction (CorrectionComment) does not say what was corrected or when (text, datePublished)"""

    code = "TP006"
    types = ("CorrectionComment",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        missing = [key for key in ("text", "datePublished") if not values(info.node, key)]
        if not missing:
            return ()
        message = f"the correction has no {' or '.join(missing)}: say what was corrected and when (Trust Project)"
        return (self.found(info, message, info.pointer),)
