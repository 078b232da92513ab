"""The routes are skins over the library: /extract gives ``ldpub extract``'s records byte for byte,
and ``?profile=`` takes built-in names only, without touching the file system."""

from __future__ import annotations

import builtins
import json
import os
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # in-process, so that a test can watch the file system; starlette's
    warnings.simplefilter("ignore")  # test client asks for another HTTP package than the one installed
    from starlette.testclient import TestClient

from ldpub.cli import main
from ldpub.extract import dump
from ldpub.service import make_app
from ldpub.validate import BUILTIN_PROFILES
from tests.support import DATA, EXAMPLES

INPUTS = [
    EXAMPLES / "pages" / "syrian-observer-al-tanf.html",
    EXAMPLES / "pages" / "syrian-observer-al-tanf.embedded.html",
    EXAMPLES / "syrian-observer-al-tanf.txt",
    DATA / "pages" / "evidence" / "zoneless-jsonld.html",  # a date with no zone: --timezone completes it
    DATA / "pages" / "evidence" / "time-element.html",
    DATA / "pages" / "html-microdata.html",
]
OPTIONS: list[dict[str, str]] = [
    {},
    {"timezone": "Asia/Beirut"},
    {"timezone": "Asia/Beirut", "published": "2023-03-14T09:10:00", "language": "en"},
    {"url": "https://news.example.org/2024/story.html", "original_language": "ar"},
]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(make_app())


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "none")
def test_extract_gives_the_command_line_s_records_byte_for_byte(
    client: TestClient, options: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for source in INPUTS:
        shutil.copy(source, tmp_path / source.name)
    monkeypatch.chdir(tmp_path)  # the command line names each input as the service does: by its name
    flags = [part for key, value in options.items() for part in (f"--{key.replace('_', '-')}", value)]
    zone_completed = 0
    for source in INPUTS:
        cli_yaml, cli_json = tmp_path / f"{source.stem}.out.yaml", tmp_path / f"{source.stem}.out.json"
        main(["extract", source.name, *flags, "-o", str(cli_yaml), "-j", "1"])
        main(["extract", source.name, *flags, "-o", str(cli_json), "-j", "1"])
        answer = client.post("/extract", params={"name": source.name, **options}, content=source.read_bytes())
        assert answer.status_code == 200, answer.text
        served = answer.json()
        assert served["yaml"].encode() == cli_yaml.read_bytes(), source.name
        assert dump(served["record"], "json").encode() == cli_json.read_bytes(), source.name
        zone_completed += "+02:00" in str(served["record"].get("published", ""))
    if "timezone" in options:
        assert zone_completed >= 1  # Asia/Beirut in March: the zone-less dates are completed, not dropped


def test_a_path_as_a_profile_is_refused_without_touching_the_file_system(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentinel = tmp_path / "sentinel-profile.json"
    sentinel.write_text(json.dumps({"type": "object"}))  # a usable JSON Schema: the CLI would apply it
    touched: list[str] = []
    real_open, real_stat = builtins.open, os.stat

    def watched_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if "sentinel" in str(file) or "etc/passwd" in str(file):
            touched.append(f"open {file}")
        return real_open(file, *args, **kwargs)

    def watched_stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if "sentinel" in str(path) or "etc/passwd" in str(path):
            touched.append(f"stat {path}")
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(os, "stat", watched_stat)
    document = (EXAMPLES / "syrian-observer-al-tanf.jsonld").read_bytes()
    answers = {
        profile: client.post("/validate", params={"name": "a.jsonld", "profile": profile}, content=document)
        for profile in (str(sentinel), str(tmp_path / "sentinel-missing.json"), "../../etc/passwd", "sentinel.ttl")
    }
    assert {p: a.status_code for p, a in answers.items()} == dict.fromkeys(answers, 400)
    # an existing file and a missing one get the same answer: nothing to learn about the server's files
    assert len({a.json()["error"]["message"].replace(p, "P") for p, a in answers.items()}) == 1
    assert "google-article" in answers[str(sentinel)].json()["error"]["message"]
    assert touched == []
    # the self-check: the watch sees what the command line does with the same profile
    assert main(["validate", str(EXAMPLES / "syrian-observer-al-tanf.jsonld"), "-p", str(sentinel)]) == 0
    assert touched


@pytest.mark.parametrize("profile", BUILTIN_PROFILES)
def test_every_built_in_profile_is_taken_by_name(client: TestClient, profile: str) -> None:
    document = (EXAMPLES / "syrian-observer-al-tanf.jsonld").read_bytes()
    answer = client.post("/validate", params={"name": "a.jsonld", "profile": profile}, content=document)
    assert answer.status_code == 200 and answer.json()["summary"]["errors"] == 0
