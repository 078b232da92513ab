"""Each kind of bad record gives one clear error naming file, location and what was expected."""

from __future__ import annotations

import codecs
import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from ldpub import InputError, RecordInvalid, build, load_record, parse_record
from ldpub.record import MAX_SUGGESTIONS
from tests.support import EXAMPLE_RECORDS, SEED


def errors_of(record: Any) -> list[InputError]:
    with pytest.raises(RecordInvalid) as info:
        build(record)
    return info.value.errors


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_seed_has_no_errors() -> None:
    assert build(SEED).url.startswith("https://")


def test_malformed_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "url: https://a.org/x\nheadline: [unclosed\npublished: x\n")
    with pytest.raises(InputError) as info:
        load_record(path)
    err = info.value
    assert err.location.file == str(path)
    assert err.location.line == 3 and err.location.column is not None
    assert "malformed YAML" in err.message


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '{"url": "https://a.org/x",\n  "headline": "h" "oops"}')
    with pytest.raises(InputError) as info:
        load_record(path)
    assert (info.value.location.line, info.value.location.column) == (2, 19)
    assert str(info.value).startswith(f"{path}:2:19: malformed JSON")


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_duplicate_keys_are_refused(tmp_path: Path, suffix: str) -> None:
    text = (
        "url: https://a.org/x\nheadline: one\nheadline: two\n"
        if suffix == "yaml"
        else '{"url": "https://a.org/x",\n"headline": "one",\n"headline": "two"}'
    )
    with pytest.raises(InputError) as info:
        load_record(write(tmp_path, f"dup.{suffix}", text))
    assert "duplicate key 'headline'" in info.value.message
    assert info.value.location.line == 3


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(InputError, match="must be a mapping"):
        parse_record("- a\n- b\n", file="list.yaml")


def test_missing_required_field_points_at_the_object(minimal: dict[str, Any]) -> None:
    del minimal["headline"]
    [err] = errors_of(minimal)
    assert err.location.pointer == ""
    assert '"headline" is a required property' in err.message


def test_wrong_type_names_pointer(minimal: dict[str, Any]) -> None:
    minimal["keywords"] = "not, a, list"
    [err] = errors_of(minimal)
    assert err.location.pointer == "/keywords"
    assert err.message == "expected a list, not a text"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2024-05-01", "time zone"),  # a date where a date-time is needed
        ("2024-05-01T09:00:00", "time zone"),  # no zone
        ("2024-13-01T09:00:00Z", "time zone"),  # no month 13
        ("1 May 2024", "ISO 8601"),
    ],
)
def test_bad_published_dates(minimal: dict[str, Any], value: str, why: str) -> None:
    minimal["published"] = value
    [err] = errors_of(minimal)
    assert err.location.pointer == "/published"
    assert why in err.message and repr(value) in err.message


def test_impossible_calendar_date_in_a_claim(minimal: dict[str, Any]) -> None:
    minimal["claims"] = [{"id": "c", "text": "t", "date": "2023-02-30"}]
    [err] = errors_of(minimal)
    assert err.location.pointer == "/claims/0/date"
    assert "not a real calendar date" in err.message


@pytest.mark.parametrize("field", ["url", "publisher/url"])
def test_relative_urls_are_refused(minimal: dict[str, Any], field: str) -> None:
    target = minimal if field == "url" else minimal["publisher"]
    target["url"] = "/news/relative.html"
    [err] = errors_of(minimal)
    assert err.location.pointer == "/" + field
    assert "absolute" in err.message and "relative URLs are not accepted" in err.message


def test_duplicate_entity_ids_are_refused(minimal: dict[str, Any]) -> None:
    same = "https://news.example.org/people/1"
    minimal["entities"] = {
        "a": {"type": "Person", "name": "A", "id": same},
        "b": {"type": "Person", "name": "B", "id": same},
    }
    [err] = errors_of(minimal)
    assert err.location.pointer == "/entities/b/id"
    assert "duplicate entity id" in err.message and "/entities/a" in err.message


def test_unknown_entity_reference(minimal: dict[str, Any]) -> None:
    minimal["authors"] = ["nobody"]
    [err] = errors_of(minimal)
    assert err.location.pointer == "/authors/0"
    assert "unknown entity 'nobody'" in err.message


def test_review_of_unknown_claim_and_rating_out_of_range(minimal: dict[str, Any]) -> None:
    minimal["claims"] = [{"id": "c1", "text": "t"}]
    minimal["reviews"] = [
        {"id": "r1", "claim": "c2", "rating": {"value": 7, "best": 5, "worst": 1, "verdict": "False"}}
    ]
    errors = errors_of(minimal)
    assert {e.location.pointer for e in errors} == {"/reviews/0/claim", "/reviews/0/rating/value"}


def test_duplicate_claim_ids(minimal: dict[str, Any]) -> None:
    minimal["claims"] = [{"id": "c", "text": "one"}, {"id": "c", "text": "two"}]
    [err] = errors_of(minimal)
    assert err.location.pointer == "/claims/1/id"


def test_unknown_field_is_refused(minimal: dict[str, Any]) -> None:
    minimal["headlin"] = "typo"
    [err] = errors_of(minimal)
    assert "headlin" in err.message


def test_errors_in_a_file_carry_line_and_column(tmp_path: Path) -> None:
    record = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    record["entities"]["al-tanf"]["same_as"] = ["wikipedia/Al-Tanf"]
    path = write(tmp_path, "seed.json", json.dumps(record, indent=2, ensure_ascii=False))
    [err] = errors_of(path)
    assert err.location.file == str(path)
    assert err.location.pointer == "/entities/al-tanf/same_as/0"
    line = path.read_text(encoding="utf-8").splitlines()[err.location.line - 1]  # type: ignore[operator]
    assert "wikipedia/Al-Tanf" in line
    assert str(err).startswith(f"{path}:{err.location.line}:{err.location.column}: /entities/al-tanf/same_as/0: ")


def test_every_error_is_reported_not_just_the_first(minimal: dict[str, Any]) -> None:
    minimal["url"] = "relative"
    minimal["published"] = "yesterday"
    errors = errors_of(minimal)
    assert {e.location.pointer for e in errors} == {"/url", "/published"}


def test_thousands_of_unknown_fields_are_reported_in_time_that_grows_with_the_record() -> None:
    # 1,000 unknown fields took over 30 s, each located by parsing the whole text again and
    # searched for a did-you-mean; now the first 20 are reported one by one, the rest counted
    text = SEED.read_text(encoding="utf-8") + "".join(f"extra_field_{i}: {i}\n" for i in range(5000))
    started = time.process_time()  # CPU time: a busy machine does not count
    with pytest.raises(RecordInvalid) as info:
        build(parse_record(text, file="many.yaml"))
    elapsed = time.process_time() - started
    errors = info.value.errors
    for i, error in enumerate(errors[:20]):
        assert error.message.startswith(f"unknown field 'extra_field_{i}'; expected one of about, "), error
    assert errors[20].message == "4,980 more unknown fields: 'extra_field_20', 'extra_field_21', 'extra_field_22', …"
    assert errors[20].location.line == text.count("\n", 0, text.index("extra_field_20")) + 1
    assert len(errors) == 21
    assert elapsed < 2, elapsed  # a regression guard, generous: it takes about 0.2 s


def test_did_you_mean_is_searched_for_the_first_problems_only(seed: dict[str, Any]) -> None:
    seed["mentions"] = [f"muhammad-farid-al-qassem-{i}" for i in range(30)]
    errors = errors_of(seed)
    hinted = [e for e in errors if "did you mean 'muhammad-farid-al-qassem'?" in e.message]
    assert len(errors) == 30 and len(hinted) == MAX_SUGGESTIONS == 20


_SPELLINGS = [(", ", ": ", False), (",", ":", True), (" , ", " : ", False), (",\n  ", ":\t", True)]


def _write(value: Any, spelling: tuple[str, str, bool], repeat: int, counter: list[int]) -> str:
    """JSON text of ``value``, the first key of its ``repeat``-th object (in document order) written twice."""
    comma, colon, ascii_only = spelling
    if isinstance(value, dict):
        index = counter[0]
        counter[0] += 1
        members = [(k, _write(v, spelling, repeat, counter)) for k, v in value.items()]
        if index == repeat and members:
            members.insert(1, (members[0][0], "0"))
        inner = comma.join(json.dumps(k, ensure_ascii=ascii_only) + colon + v for k, v in members)
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + comma.join(_write(v, spelling, repeat, counter) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


@pytest.mark.parametrize("tricky", [False, True], ids=["plain", "quotes-and-colons"])
@pytest.mark.parametrize("example", EXAMPLE_RECORDS, ids=lambda p: p.stem)
def test_json_records_read_by_the_fast_path_are_read_as_member_by_member(
    example: Path, tricky: bool, tmp_path: Path
) -> None:
    """orjson's reading is checked for dropped (repeated) members by counting: on the examples in
    several spellings, with a key repeated in each of their objects in turn (and with keys and
    values holding quotes, colons and backslashes), it refuses exactly what the standard library's
    member-by-member reading refuses, and reads the rest as it does; from text, and from a file
    (whose UTF-8 bytes are read and counted, with a byte-order mark or not)."""
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    if tricky:
        data["headline"] = 'He said: "a\\\\": and \\": {"x": 1}'
        data.setdefault("entities", {})['k\\":"\\'] = {"type": "Thing", "name": "x"}
    objects = json.dumps(data).count("{") - (1 if tricky else 0)  # the brace inside the headline
    texts = [_write(data, spelling, -1, [0]) for spelling in _SPELLINGS]
    texts += [_write(data, _SPELLINGS[i % len(_SPELLINGS)], i, [0]) for i in range(objects)]
    refused = 0
    for text in texts:
        try:
            expected = json.loads(text, object_pairs_hook=_strict_pairs)
        except ValueError:
            refused += 1
            with pytest.raises(InputError, match="duplicate key"):
                parse_record(text, file="r.json", format="json")
            for path in _json_files(text, tmp_path):
                with pytest.raises(InputError, match="duplicate key"):
                    load_record(path)
        else:
            assert parse_record(text, file="r.json", format="json").data == expected
            assert [load_record(path).data for path in _json_files(text, tmp_path)] == [expected, expected]
    assert refused == objects > 5


def _json_files(text: str, folder: Path) -> list[Path]:
    """``text`` in a UTF-8 file, and in one with a byte-order mark first."""
    plain, marked = folder / "r.json", folder / "bom.json"
    plain.write_bytes(text.encode("utf-8"))
    marked.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    return [plain, marked]


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("repeated")
    return dict(pairs)


_YAML_CASES = [
    "a: yes\nb: No\nc: on\nd: OFF\ne: ~\nf: null\ng: ''\nh: 0x1F\ni: 0o17\nj: 1_000\nk: 1:30\nl: -0b101\n",
    "a: 1.5\nb: .inf\nc: -.Inf\nd: 1e3\ne: 6.8523015e+5\nf: 2024-05-01\ng: 2024-05-01T10:00:00Z\nh: '12'\n",
    "n: 18446744073709551616\nm: -9223372036854775808\nbig: 123456789012345678901234567890\n",
    "x: &a {k: 1}\ny: *a\nz: [*a, *a]\n",
    "base: &b {k: 1, j: 2}\nuse:\n  <<: *b\n  k: 3\n",
    "s: !!str 12\nb: !!binary aGVsbG8=\nset: !!set {a, b}\nt: !!timestamp 2024-05-01\n",
    "? [1, 2]\n: complex key\n",
    "? {a: 1}\n: complex key\n",
    "1: one\ntrue: yes\n~: nothing\n1.5: x\n",
    "a: 1\nb: 2\na: 3\n",
    "outer:\n  inner: {x: 1, x: 2}\n",
    "list:\n- a\n- [b, c, {d: e}]\n- {f: [g, {h: i}]}\n",
    "x: &s text\ny: *s\n",
    "= : value key\n",
    "!!map {a: 1}",
    "!custom {a: 1}",
    "a: !custom 1",
    "deep: " + "[" * 101 + "]" * 101 + "\n",
    "deep: " + "[" * 99 + "]" * 99 + "\n",
    "x: &a [1, 2]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
]


def _as_pyyaml_makes_it(text: str) -> Any:
    """What PyYAML's own safe constructor makes of ``text``, after ldpub's limits (the reading
    before the one-pass conversion), or the error it raises."""
    from ldpub.limits import check_yaml
    from ldpub.record import _loader_class

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        check_yaml(node)
        return ("value", loader.construct_document(node))
    except (yaml.YAMLError, InputError, ValueError, TypeError) as exc:
        return ("error", type(exc).__name__)
    finally:
        loader.dispose()


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in EXAMPLE_RECORDS] + _YAML_CASES)
def test_yaml_read_in_one_pass_is_what_pyyamls_constructor_makes(text: str) -> None:
    """The one-pass conversion of composed YAML gives PyYAML's safe constructor's values, types
    and key order (YAML 1.1 booleans, integers in any base, floats, nulls, dates as text), and
    leaves to it what it does not take (aliases to containers, merge keys, tags, complex keys,
    repeated keys, past the limits), so that every input reads as before, or fails as before."""
    expected = _as_pyyaml_makes_it(text)
    try:
        got = ("value", parse_record(text, file="r.yaml", format="yaml").data)
    except InputError:
        assert expected[0] == "error", expected
        return
    assert expected[0] == "value"
    assert got == expected
    assert json.dumps(got, default=repr) == json.dumps(expected, default=repr)  # same types, same order
