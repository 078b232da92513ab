"""The article body of a page: trafilatura's extraction, chosen and cleaned with page evidence.

Measured on the article-extraction benchmark (``benchmarks/bench_extraction.py``), each step
below earns its place:

1. trafilatura in precision mode, without comments (comments are not the article);
2. trafilatura's default mode when precision mode dropped much of the text it finds;
3. lines that are page chrome, not article, removed: the headline repeated at the top (the
   record has it in its own field), "Read more: …" and "Related: …" teasers, share and
   subscribe prompts, a short contact line ("Follow him on Twitter", "Write to … at …@…").
   (Dropping a repeated standfirst or copyright lines lost more article text than chrome:
   publishers often reuse the first paragraph as the description.)
4. when trafilatura finds nothing, the page's own JSON-LD ``articleBody``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

import lxml.html
import trafilatura

# Precision mode is trusted unless it kept less than this share of the default mode's text.
PRECISION_KEEP_RATIO = 0.6

# Whole lines that are page furniture in any news site's template.
_CHROME_LINE = re.compile(
    r"""^\W*(?:
        (?:read|see|watch)\s+(?:more|also|next)\b.*
      | related(?:\s+(?:articles?|stories|coverage|content|reading|posts?))?\s*:.*
      | also\s+on\s+\w+\.\w+.*
      | advertisement | sponsored(?:\s+content)?
      | (?:share|tweet|email|print)(?:\s+(?:this|article|story|on\s+\w+))*
      | (?:order\s+reprints|print\s+article)
      | (?:like\s+this\s+(?:story|article)\?.*)
      | (?:sign\s+up\s+(?:for|to)\s+.*(?:newsletter|inbox).*)
      | (?:tell\s+us\s+what\s+you\s+think.*)
      | \d*\s*comments?
      | tags?\s*:?
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# The author's contact line; only short lines, so prose that mentions Twitter stays.
_CONTACT_LINE = re.compile(
    r"""\bfollow\s+(?:us|him|her|me|them)\s+(?:on\s+(?:twitter|x|facebook|instagram|linkedin)\b|@\w)
      | ^\W*(?:e-?mail|write\s+to)\s+\S.*\bat\s+\S+@\S+""",
    re.IGNORECASE | re.VERBOSE,
)
CONTACT_LINE_MAX = 120
_WORDS = re.compile(r"\w+")


def extract_body(
    tree: lxml.html.HtmlElement,
    *,
    titles: Sequence[str] = (),
    fallback: str | None = None,
) -> str:
    """The article text of a parsed page, paragraphs separated by newlines ('' if none found).

    A line at the top equal to one of ``titles`` (the headline as the page's metadata, ``<h1>``
    and ``<title>`` give it) is removed;
    ``fallback`` (e.g. the JSON-LD ``articleBody``) is used when nothing is found. The tree is
    not modified.
    """
    precise = _trafilatura(tree, favor_precision=True)
    default = _trafilatura(tree, favor_precision=False)
    text = precise if len(precise) >= PRECISION_KEEP_RATIO * len(default) else default
    if not text.strip() and fallback:
        text = fallback
    return clean_body(text, titles=titles)


def _trafilatura(tree: lxml.html.HtmlElement, *, favor_precision: bool) -> str:
    # trafilatura prunes the tree it is given: hand it a copy.
    text = trafilatura.extract(
        copy.deepcopy(tree),
        include_comments=False,
        with_metadata=False,
        deduplicate=False,
        favor_precision=favor_precision,
    )
    return text or ""


def _key(line: str) -> str:
    return " ".join(_WORDS.findall(line.lower()))


def clean_body(text: str, *, titles: Sequence[str] = ()) -> str:
    """Remove chrome lines, and the headline repeated at the top."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    top = {_key(title) for title in titles} - {""}
    while lines and _key(lines[0]) in top:
        lines.pop(0)
    return "\n".join(line for line in lines if not _is_chrome(line))


def _is_chrome(line: str) -> bool:
    if _CHROME_LINE.match(line):
        return True
    return len(line) <= CONTACT_LINE_MAX and _CONTACT_LINE.search(line) is not None
