"""The benchmark's metric, as its README defines it (the figures in the README depend on it)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.support import ROOT

_PATH = ROOT / "benchmarks" / "bench_extraction.py"
_SPEC = importlib.util.spec_from_file_location("bench_extraction", _PATH)
assert _SPEC and _SPEC.loader
bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)

TRUTH = "one two three four five six"  # shingles: 1-4, 2-5, 3-6


def test_shingles_are_runs_of_four_word_tokens() -> None:
    assert bench.shingles("One, two; three—four five") == {
        ("One", "two", "three", "four"): 1,
        ("two", "three", "four", "five"): 1,
    }
    assert bench.shingles("just two") == {("just", "two"): 1}  # shorter: one shingle
    assert bench.shingles(" ... ") == {}


@pytest.mark.parametrize(
    ("prediction", "precision", "recall"),
    [
        (TRUTH, 1.0, 1.0),
        ("", 0.0, 0.0),
        ("one two three four", 1.0, 1 / 3),  # 1 of 3 shingles found, nothing extra
        (TRUTH + " seven", 3 / 4, 1.0),  # one extra shingle
        (TRUTH + " " + TRUTH, 1 / 3, 1.0),  # a repeat counts: tp 3, fp 3 repeats + 3 at the seam
        ("completely different words here", 0.0, 0.0),
    ],
)
def test_page_scores(prediction: str, precision: float, recall: float) -> None:
    assert bench.page_scores(TRUTH, prediction) == pytest.approx((precision, recall))


def test_empty_truth_and_prediction_is_perfect() -> None:
    assert bench.page_scores("", "") == (1.0, 1.0)


def test_f1_is_of_the_means() -> None:
    pages = {"a": b"x", "b": b"y"}
    truth = {"a": TRUTH, "b": TRUTH}
    answers = {b"x": TRUTH, b"y": "one two three four"}
    precision, recall, f1, _ = bench.evaluate(answers.__getitem__, pages, truth)
    assert (precision, recall) == pytest.approx((1.0, (1 + 1 / 3) / 2))
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_an_inferred_value_must_quote_its_page() -> None:
    page = b"<html><body><span class='date'>November 19, 2019, 9:02 AM</span></body></html>"
    found = {"published": "from the text of <span class=\"date\"> 'November 19, 2019, 9:02 AM' + --timezone UTC"}
    missing = {"published": "from the text of <span class=\"date\"> 'November 20, 2019' + --timezone UTC"}
    from_url = {"published": "from the URL path '2019/11/19' + --timezone UTC (no time of day given: midnight)"}
    records = {
        "a": {"inferred": found},
        "b": {"inferred": missing},
        "c": {"url": "https://x.example/2019/11/19/s", "inferred": from_url},
        "d": {"url": "https://x.example/2019/11/18/s", "inferred": from_url},
    }
    pages = dict.fromkeys(records, page)
    assert bench.unsupported(records, pages) == [
        f"b /published: {missing['published']}",
        f"d /published: {from_url['published']}",
    ]


def test_builds_counts_records_that_build() -> None:
    good = {
        "url": "https://x.example/s",
        "headline": "H",
        "published": "2019-11-19T09:02:00+00:00",
        "publisher": {"name": "X", "url": "https://x.example/"},
        "inferred": {"published": "from <time datetime> '2019-11-19T09:02:00+00:00'"},
    }
    assert bench.builds({"a": good, "b": {k: v for k, v in good.items() if k != "published"}}) == 1
