"""The project's knowledge of news language, as data: one place that every stage reads.

Each list is a text file in this folder (``NAME.txt``), one entry a line; ``#`` starts a comment,
blank lines are skipped. An entry may carry alternatives after ``|`` (``preferred | other | …``).
Reading, language analysis and entity candidates all read the same files through
:func:`words` and :func:`entries`, so a word added here is known everywhere at once.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def entries(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of list ``name``: each a tuple of its ``|``-separated spellings, in file order."""
    text = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            found.append(tuple(part.strip() for part in line.split("|") if part.strip()))
    return tuple(found)


@cache
def words(name: str) -> frozenset[str]:
    """Every spelling of list ``name``, as written (callers fold case where they match without it)."""
    return frozenset(spelling for entry in entries(name) for spelling in entry)
