"""Whatever extraction writes builds and validates with 0 errors: every text and page of the repository's own.

Each input goes through ``extract → build → validate`` as ``ldpub extract x --url … --published …
--language …`` then ``ldpub build`` and ``ldpub validate`` would take it (the URL, date and language are
what an editor passes; a text cannot say them). The development sets are run the same way by
``benchmarks/bench_extract_valid.py``: their texts are not in the repository.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from ldpub.errors import LdpubError
from ldpub.extract import ExtractOptions, analysed_ahead, extract_file
from ldpub.pipeline import build
from ldpub.read.consistent import keep_consistent
from ldpub.read.html import extract_html
from ldpub.validate import validate_document
from tests.support import DATA, EXAMPLES

INPUTS = sorted(
    [
        *EXAMPLES.glob("*.txt"),
        *(EXAMPLES / "pages").glob("*.html"),
        *(DATA / "pages" / "text").glob("*.txt"),
        *(DATA / "pages" / "text").glob("*.md"),
        *(DATA / "pages" / "seed").glob("*.txt"),
        *(DATA / "pages" / "real").glob("*.html.gz"),
    ]
)
OPTIONS = {"published": "2024-05-01T09:00:00Z", "language": "en"}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_what_extract_writes_builds_and_validates_with_no_error(path: Path) -> None:
    url = f"https://news.example/{path.stem}"
    if path.name.endswith(".gz"):
        result = extract_html(
            gzip.decompress(path.read_bytes()), source=path.name, url=url, **{"published": OPTIONS["published"]}
        )
    else:
        result = extract_file(path, ExtractOptions(url=url, **OPTIONS))
    article = build(result.record)
    report = validate_document(article.jsonld, file=path.name)
    assert [str(f) for f in report if f.severity == "error"] == []


def test_a_reference_to_an_entity_of_the_wrong_type_is_left_out_with_a_warning() -> None:
    record = {
        "authors": ["jane-doe", "washington"],
        "entities": {
            "jane-doe": {"type": "Person", "name": "Jane Doe", "affiliation": "beirut"},
            "washington": {"type": "Place", "name": "Washington"},
            "beirut": {"type": "Place", "name": "Beirut"},
            "amman": {"type": "Place", "name": "Amman", "contained_in": "jane-doe"},
        },
        "claims": [
            {"id": "1", "text": "The talks will resume.", "author": "washington"},
            {"id": "2", "text": "Aid is blocked.", "author": {"anonymous": "a source", "affiliation": "jane-doe"}},
            # "a source in Beirut": the graph says where the source is (schema:homeLocation)
            {"id": "3", "text": "Talks failed.", "author": {"anonymous": "a source", "affiliation": "beirut"}},
        ],
    }
    warnings: list[tuple[str, str | None]] = []
    keep_consistent(record, lambda message, field: warnings.append((message, field)))
    assert record["authors"] == ["jane-doe"]
    assert "affiliation" not in record["entities"]["jane-doe"]
    assert "contained_in" not in record["entities"]["amman"]
    assert "author" not in record["claims"][0]
    assert record["claims"][1]["author"] == {"anonymous": "a source"}
    assert record["claims"][2]["author"] == {"anonymous": "a source", "affiliation": "beirut"}
    assert set(record["entities"]) == {"jane-doe", "washington", "beirut", "amman"}  # entities stay
    assert [field for _, field in warnings] == [
        "authors",
        "claims/0/author",
        "claims/1/author/affiliation",
        "entities/jane-doe/affiliation",
        "entities/amman/contained_in",
    ]
    assert all("left out" in message for message, _ in warnings)


def test_a_country_speaking_is_its_government_and_the_record_validates() -> None:
    record = {
        "url": "https://news.example/a",
        "headline": "Neighbours condemn the test",
        "published": "2024-05-01T09:00:00Z",
        "entities": {
            "south-korea": {"type": "Place", "name": "South Korea"},
            "busan": {"type": "Place", "name": "Busan"},
        },
        "claims": [
            {"id": "1", "text": "The test was reckless.", "author": "south-korea"},
            {"id": "2", "text": "The port is closed.", "author": "busan"},  # a city is no speaker
            {"id": "3", "text": "The talks will resume.", "author": "south-korea"},
        ],
    }
    warnings: list[tuple[str, str | None]] = []
    keep_consistent(record, lambda message, field: warnings.append((message, field)))
    government = {"type": "GovernmentOrganization", "name": "Government of South Korea"}
    assert record["entities"]["south-korea-government"] == government  # made once for both claims
    assert [c.get("author") for c in record["claims"]] == ["south-korea-government", None, "south-korea-government"]
    assert [field for _, field in warnings] == ["claims/0/author", "claims/1/author", "claims/2/author"]
    assert "Government of South Korea" in warnings[0][0] and "left out" in warnings[1][0]
    report = validate_document(build(record).jsonld, file="record.yaml")
    assert [str(f) for f in report if f.severity == "error"] == []


def _outcome(path: Path, options: ExtractOptions) -> object:
    try:
        extracted = extract_file(path, options)
    except (LdpubError, OSError) as exc:
        return str(exc)
    return extracted.record, [str(w) for w in extracted.warnings], [str(p) for p in extracted.problems]


def test_a_batch_analysed_together_extracts_what_each_input_alone_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``analysed_ahead`` (what each process of ``ldpub extract --jobs`` does with its batch) runs
    the language model once over the batch's texts, and every record, warning and problem is
    what extracting that input alone gives; pages and inputs that are no text are left as they are."""
    from ldpub.language.analysis import pipeline

    texts = [p for p in INPUTS if p.suffix in (".txt", ".md")]
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    pages = sorted((EXAMPLES / "pages").glob("*.html"))[:1]
    paths = [*texts, *pages, tmp_path / "empty.txt", tmp_path / "missing.txt", tmp_path / "binary.txt"]
    options = ExtractOptions(url="https://news.example.org/a", published="2024-05-01T09:00:00Z", language="en")
    nlp = pipeline()
    read: list[int] = []
    distinct: set[str] = set()
    real_pipe = nlp.pipe

    def counting_pipe(texts: Any, *args: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        read.append(len(texts))
        distinct.update(texts)
        return real_pipe(texts, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    alone = [_outcome(path, options) for path in texts]
    analysed = len(distinct)  # the texts the model reads, one at a time (the seed is in two folders)
    alone += [_outcome(path, options) for path in paths[len(texts) :]]
    read.clear()
    with analysed_ahead(paths, options):
        ahead = list(read)
        together = [_outcome(path, options) for path in paths]
    assert together == alone
    assert ahead == [analysed]  # every distinct text's body, in one pass of the model
    assert read[1:] == [1] * len(read[1:]) and len(read) - 1 <= len(pages)  # then only the pages', one by one
    assert len(texts) >= 8 and all(isinstance(o, tuple) for o in alone[: len(texts)])
