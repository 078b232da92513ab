"""The claims step inside extraction: the option that adds beliefs, and input the English model cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ldpub.cli import main
from ldpub.errors import InputError
from ldpub.read.text import extract_text

OPTIONS = {"url": "https://news.example/port", "published": "2024-05-01T09:00:00Z"}
STORY = (
    "Port to reopen on Monday\n\n"
    "The port will reopen on Monday, the harbour master Leila Haddad said on Friday. "
    "Haddad believes that the cranes are safe."
)


def test_beliefs_are_claims_only_when_asked_for() -> None:
    said = extract_text(STORY, language="en", **OPTIONS).record["claims"]
    everything = extract_text(STORY, language="en", claims="all", **OPTIONS).record["claims"]
    assert [c["text"] for c in said] == ["The port will reopen on Monday."]
    assert [c["text"] for c in everything] == [
        "The port will reopen on Monday.",
        "Leila Haddad believes that the cranes are safe.",
    ]


def test_ldpub_extract_claims_all(tmp_path: Path) -> None:
    text = tmp_path / "port.txt"
    text.write_text(STORY, encoding="utf-8")
    out = tmp_path / "port.yaml"
    args = ["extract", str(text), "--url", OPTIONS["url"], "--published", OPTIONS["published"], "--language", "en"]
    assert main([*args, "--claims", "all", "-o", str(out)]) == 0
    assert len(yaml.safe_load(out.read_text(encoding="utf-8"))["claims"]) == 2


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le port rouvrira lundi\n\nLe ministre a déclaré que les négociations avaient échoué et que le port "
            "resterait fermé jusqu'à lundi, selon des responsables de la ville. Les dockers ont dit qu'ils "
            "attendaient une réponse du gouvernement depuis trois semaines.",
            None,
        ),
        ("Port\n\nThe minister said that the talks had failed and that the port would stay closed.", "fr"),
    ],
)
def test_text_in_another_language_gives_a_warning_and_no_claims(text: str, language: str | None) -> None:
    result = extract_text(text, language=language, **OPTIONS)
    assert "claims" not in result.record
    warnings = [str(w) for w in result.warnings if "English" in str(w)]
    assert len(warnings) == 1 and "\n" not in warnings[0]


def test_empty_and_oversized_texts_are_one_line_errors() -> None:
    with pytest.raises(InputError, match="the text is empty"):
        extract_text("  \n\n ", **OPTIONS)
    with pytest.raises(InputError, match="longer than the 2,000,000-character limit"):
        extract_text("The minister said that the port was closed. " * 120_000, **OPTIONS)


def test_the_docs_show_the_claims_of_their_example_article() -> None:
    from tests.support import ROOT

    page = (ROOT / "docs" / "extract.md").read_text(encoding="utf-8")
    shown = page.split("gives these claims", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    text = (ROOT / "examples" / "harbour-strike.txt").read_text(encoding="utf-8")
    record = extract_text(
        text, url="https://news.example/harbour-strike", published="2024-05-14T18:00:00+02:00", language="en"
    ).record
    assert yaml.safe_load(shown)["claims"] == record["claims"]
