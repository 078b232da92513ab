"""``ldpub extract --settings / --timezone / --url-template``: the newsroom's defaults, for pages and text."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import yaml

import ldpub
from ldpub.cli import main
from tests.support import DATA

EVIDENCE = DATA / "pages" / "evidence"
PAGES = EVIDENCE.parent
SETTINGS = EVIDENCE / "newsroom.yaml"
TEXT = PAGES / "text" / "plain-council-vote.txt"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, list[str]]:
    code = main(["extract", *args, "--format", "json"])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if out.out else {}), out.err.splitlines()


def test_timezone_completes_a_page_that_then_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = EVIDENCE / "zoneless-jsonld.html"
    code, record, err = run([str(page)], capsys)
    assert code == 0 and "published" not in record  # nothing invented: no date, and a warning says so
    assert any("warning" in line and "/published" in line and "without a time zone" in line for line in err)
    code, record, err = run([str(page), "--strict"], capsys)
    assert code == 1 and "published" not in record
    assert any("incomplete record" in line and "published" in line for line in err)
    assert ldpub.build(record).warnings[0].location.pointer == "/published"  # it builds, with a warning
    out = tmp_path / "r.json"
    assert main(["extract", str(page), "--timezone", "Asia/Beirut", "-o", str(out)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"ldpub: warning: {page}: /published: published inferred from JSON-LD datePublished "
        "'2019-11-19 19:31:39' + --timezone Asia/Beirut: 2019-11-19T19:31:39+02:00"
    ]
    assert ldpub.build(out).jsonld["@graph"][0]["datePublished"] == "2019-11-19T19:31:39+02:00"


@pytest.mark.parametrize("name", ["Europe/Beirut", "EST5", "../etc/passwd", ""])
def test_bad_timezone_is_a_usage_error(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(EVIDENCE / "zoneless-jsonld.html"), "--timezone", name]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        f"ldpub: error: unknown time zone {name!r}: expected an IANA zone name such as Asia/Beirut or UTC\n"
    )


def test_settings_site_section_file_defaults_and_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    page = str(EVIDENCE / "zoneless-jsonld.html")  # on coastgazette.example: its site section says New York
    _, record, _ = run([page, "--settings", str(SETTINGS)], capsys)
    assert record["published"] == "2019-11-19T19:31:39-05:00"
    assert record["inferred"] == {
        "published": "from JSON-LD datePublished '2019-11-19 19:31:39' "
        f"+ timezone America/New_York for coastgazette.example in {SETTINGS}"
    }
    _, record, _ = run([page, "--settings", str(SETTINGS), "--timezone", "UTC"], capsys)  # the option wins
    assert record["published"] == "2019-11-19T19:31:39+00:00"
    assert record["inferred"]["published"].endswith("+ --timezone UTC")
    other_site = str(EVIDENCE / "no-url.html")  # no URL of its own: the file's template and defaults
    _, record, err = run([other_site, "--settings", str(SETTINGS), "--root", str(PAGES)], capsys)
    assert record["url"] == "https://coastgazette.example/archive/evidence/no-url.html"
    assert record["publisher"] == {"name": "Coast Gazette", "url": "https://coastgazette.example/"}
    assert record["inferred"] == {
        "url": f"from url_template https://coastgazette.example/archive/{{path}} in {SETTINGS}",
        "publisher": f"from publisher in {SETTINGS}",
    }
    assert (
        f"ldpub: warning: {other_site}: /publisher: publisher inferred from publisher in {SETTINGS}: Coast Gazette"
        in err
    )


def test_top_level_timezone_for_hosts_without_a_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "s.yaml"
    settings.write_text("timezone: Asia/Beirut\nsites:\n  elsewhere.example:\n    timezone: UTC\n")
    _, record, _ = run([str(EVIDENCE / "time-element.html"), "--settings", str(settings)], capsys)
    assert record["published"] == "2019-11-19T19:31:00+02:00"


def test_language_setting_fills_only_a_page_that_says_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.html"
    page.write_text((EVIDENCE / "no-url.html").read_text().replace('<html lang="en">', "<html>"))
    _, record, err = run([str(page), "--language", "ar"], capsys)
    assert record["language"] == "ar"
    assert record["inferred"]["language"] == "from --language ar"
    assert f"ldpub: warning: {page}: /language: language inferred from --language ar: ar" in err
    _, record, _ = run([str(EVIDENCE / "no-url.html"), "--language", "ar"], capsys)
    assert record["language"] == "en"  # the page's own


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("timezone: Asia/Beirut\nlanguage: en\ntimezone: UTC\n", "3:1: duplicate setting 'timezone' (first at line 1)"),
        ("language: en\ntimezone: Mars/Olympus_Mons\n", "2:11: unknown time zone 'Mars/Olympus_Mons'"),
        ("language: en\nzone: UTC\n", "2:1: unknown setting 'zone': expected one of"),
        (
            "url_template: https://x.example/{slug}\n",
            "1:15: URL template 'https://x.example/{slug}' has an unknown field {slug}",
        ),
        (
            "url_template: /archive/{path}\n",
            "1:15: URL template '/archive/{path}' does not give an absolute http(s) URL",
        ),
        ("language: english\n", "1:11: language 'english' is not a BCP 47 language tag such as en or ar"),
        ("publisher:\n  name: Coast Gazette\n", "2:3: publisher needs both name and url"),
        ("timezone: [UTC\n", "2:1: malformed YAML"),
        (
            "sites:\n  a.example:\n    url_template: https://a.example/{path}\n",
            "3:5: unknown setting 'url_template' for site 'a.example'",
        ),
        ("- timezone: UTC\n", "1:1: the settings must be a mapping (key: value)"),
    ],
)
def test_bad_settings_file_is_one_line_with_its_line(
    text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = tmp_path / "s.yaml"
    settings.write_text(text)
    code = main(["extract", str(EVIDENCE / "zoneless-jsonld.html"), "--settings", str(settings)])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith(f"ldpub: error: {settings}:{message}")


def test_bad_settings_file_for_the_bad_zone_fixture(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(EVIDENCE / "zoneless-jsonld.html"), "--settings", str(EVIDENCE / "bad-zone.yaml")]) == 2
    assert capsys.readouterr().err == (
        f"ldpub: error: {EVIDENCE / 'bad-zone.yaml'}:2:11: unknown time zone 'Mars/Olympus_Mons': "
        "expected an IANA zone name such as Asia/Beirut or UTC\n"
    )


def test_bad_url_template_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(EVIDENCE / "no-url.html"), "--url-template", "https://x.example/{id}"]) == 2
    assert capsys.readouterr().err == (
        "ldpub: error: URL template 'https://x.example/{id}' has an unknown field {id}: "
        "expected {path}, {stem} or {name}\n"
    )


def test_text_input_takes_the_same_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "s.yaml"
    settings.write_text("timezone: Asia/Beirut\nlanguage: en\nurl_template: https://coastgazette.example/t/{stem}\n")
    code, record, err = run([str(TEXT), "--settings", str(settings), "--published", "2023-05-02T18:00"], capsys)
    assert record["url"] == "https://coastgazette.example/t/plain-council-vote"
    assert record["published"] == "2023-05-02T18:00:00+03:00"
    assert record["language"] == "en"
    assert record["inferred"] == {
        "url": f"from url_template https://coastgazette.example/t/{{stem}} in {settings}",
        "published": f"from --published '2023-05-02T18:00' + timezone Asia/Beirut in {settings}",
        "language": f"from language en in {settings}",
    }
    assert f"ldpub: warning: {TEXT}: /published: published inferred from --published '2023-05-02T18:00' " in "\n".join(
        err
    )
    assert code == 0
    ldpub.build(record)
    # command-line values are the user's own: used as given, not reported as inferred
    code, record, _ = run(
        [str(TEXT), "--settings", str(settings), "--url", "https://c.example/v", "--published", "2023-05-02T18:00Z"],
        capsys,
    )
    assert record["url"] == "https://c.example/v" and record["published"] == "2023-05-02T18:00Z"
    assert record["inferred"] == {"language": f"from language en in {settings}"}


def test_text_without_settings_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    from ldpub.read.text import extract_text

    _, record, _ = run([str(TEXT), "--url", "https://c.example/v", "--language", "en"], capsys)
    expected = extract_text(TEXT.read_text(), source=str(TEXT), url="https://c.example/v", language="en").record
    assert record == expected and "inferred" not in record


def test_text_only_options_on_a_page_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    page = EVIDENCE / "no-url.html"
    _, _, err = run([str(page), "--original-language", "ar"], capsys)
    assert f"ldpub: warning: {page}: --original-language applies to plain text only; not used for a page" in err


def test_yaml_output_keeps_inferred_for_the_editor(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(EVIDENCE / "url-path-date.html"), "--timezone", "UTC"]) == 0
    record = yaml.safe_load(capsys.readouterr().out)
    assert record["inferred"] == {
        "published": "from the URL path '2019/11/19' + --timezone UTC (no time of day given: midnight)"
    }


def test_the_commands_in_docs_extract_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = PAGES.parents[2]
    section = (root / "docs" / "extract.md").read_text().split("## What a page does not say", 1)[1]
    commands = section.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert len(commands) == 4
    monkeypatch.chdir(root)
    for command in commands:
        argv = shlex.split(command)
        assert argv[0] == "ldpub"
        assert main([*argv[1:], "--format", "json"]) == 0, command
        record = json.loads(capsys.readouterr().out)
        assert record["inferred"]
        ldpub.build(record)


def test_url_template_path_outside_root_is_an_error_and_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = EVIDENCE / "no-url.html"
    template = ["--url-template", "https://c.example/{path}", "--root", str(tmp_path)]
    assert main(["extract", str(page), str(EVIDENCE / "base-href.html"), *template, "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"ldpub: error: {page} is not under {tmp_path}: {{path}} in the URL template needs --root" in err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["base-href.yaml"]
