"""The fast JSON-LD → RDF path agrees with pyld on generated schema.org-shaped documents.

benchmarks/diff_fastpath.py generates the documents (nesting, arrays, every @id/@type form, value
objects, odd scalars, relative and odd IRIs, with and without a base) and compares; here a fixed
seed runs a few thousand in CI, and the script runs as many as asked.
"""

from __future__ import annotations

import itertools

from benchmarks.diff_fastpath import compare, cut_context, documents

CI_DOCUMENTS = 2000


def test_fast_path_agrees_with_pyld_on_generated_documents() -> None:
    problems = []
    for doc, base in documents(20269, CI_DOCUMENTS):
        problem = compare(doc, base)
        if problem is not None:
            problems.append(f"base={base!r} doc={doc!r}\n{problem}")
    assert not problems, f"{len(problems)} of {CI_DOCUMENTS} disagree; the first:\n{problems[0]}"


def test_the_cut_context_means_what_the_whole_one_means() -> None:
    # pyld with the whole schema.org context is slow (~25 ms a document): a sample shows the cut changes nothing
    for doc, base in itertools.islice(documents(7, 200), 0, 200, 5):
        assert compare(doc, base, full=True) is None
    cut = cut_context({"@context": "https://schema.org", "@type": "Person", "name": "x"})["@context"]
    assert {"Person", "name", "schema", "@vocab"} <= cut.keys() and len(cut) < 100  # of 3,081 terms


def test_the_generator_makes_the_shapes_it_promises() -> None:
    text = "".join(repr(doc) for doc, _ in documents(20269, 300))
    shapes = ("'@graph'", "'@language'", "'@value'", "'@freshideen'", "'_:b1'", "'/rel/path'", "schema:Foo", "'id'")
    for shape in shapes:
        assert shape in text
