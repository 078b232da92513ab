"""ldpub sitemap: a Google News sitemap, checked against the sitemaps.org and news sitemap XSDs
(tests/data/sitemap, read from these files: nothing fetched)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import lxml.etree
import pytest

from ldpub.cli import main
from ldpub.sitemap import NEWS_NS, SITEMAP_NS, NewsItem, iri_to_uri, news_language, news_sitemap
from tests.support import DATA, EXAMPLE_RECORDS, SEED

SCHEMA = lxml.etree.XMLSchema(lxml.etree.parse(str(DATA / "sitemap" / "all.xsd")))
NOW = "2022-09-21T12:00:00+03:00"  # a day after the seed article


def parsed(data: bytes) -> lxml.etree._Element:
    root = lxml.etree.fromstring(data, lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    SCHEMA.assertValid(root)
    return root


def test_the_seeds_sitemap_is_valid_and_lists_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "news.xml"
    assert main(["sitemap", *map(str, EXAMPLE_RECORDS), "--now", NOW, "-o", str(out)]) == 0
    root = parsed(out.read_bytes())
    ns = {"s": SITEMAP_NS, "n": NEWS_NS}
    assert root.xpath("//s:loc/text()", namespaces=ns) == [
        "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html"
    ]
    assert root.xpath("//n:publication_date/text()", namespaces=ns) == ["2022-09-20T10:00:00+03:00"]
    assert root.xpath("//n:name/text()", namespaces=ns) == ["The Syrian Observer"]
    assert "ldpub sitemap: 1 article listed" in capsys.readouterr().err


def test_only_the_last_48_hours_newest_first_at_most_1000() -> None:
    now = datetime.fromisoformat("2024-05-03T12:00:00+00:00")
    items = [
        NewsItem(
            f"https://n.example/{i}", f"T{i}", datetime.fromisoformat(f"2024-05-0{d}T{h:02d}:00:00+00:00"), "N", "en-GB"
        )
        for i, (d, h) in enumerate([(1, 11), (1, 13), (3, 11), (3, 13)])
    ]
    sitemap = news_sitemap(items, now=now)
    locs = parsed(sitemap.xml).xpath("//s:loc/text()", namespaces={"s": SITEMAP_NS})
    assert locs == ["https://n.example/2", "https://n.example/1"]  # 11:00 two days ago is out; the future too
    many = [NewsItem(f"https://n.example/{i}", "T", now, "N", "en") for i in range(1005)]
    capped = news_sitemap(many, now=now)
    assert capped.count == 1000 and "5 older articles left out" in capped.notes[0]
    with pytest.raises(ValueError):
        news_sitemap(items[:1], now=now)  # only 11:00 two days ago: none recent


def test_iris_become_uris_and_languages_what_google_asks() -> None:
    assert iri_to_uri("https://bücher.example/straße?q=ä b") == "https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A4%20b"
    assert [news_language(t) for t in ("en-GB", "ar", "zh-Hant-TW", "zh-CN", "zh")] == [
        "en",
        "ar",
        "zh-tw",
        "zh-cn",
        "zh-cn",
    ]
    item = NewsItem(
        "https://bücher.example/straße", "Ü", datetime.fromisoformat("2024-05-03T11:00:00+00:00"), "N", "de"
    )
    parsed(news_sitemap([item], now=datetime.fromisoformat("2024-05-03T12:00:00+00:00")).xml)


def test_nothing_recent_writes_nothing_and_keeps_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "news.xml"
    out.write_bytes(b"old")
    assert main(["sitemap", str(SEED), "--now", "2030-01-01T00:00:00Z", "-o", str(out)]) == 1
    assert out.read_bytes() == b"old"
    assert "no sitemap written" in capsys.readouterr().err


def test_from_the_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert main(["load", "--store", str(store), "-q", *map(str, EXAMPLE_RECORDS)]) == 0
    out = tmp_path / "news.xml"
    assert main(["sitemap", "--archive", "--store", str(store), "--now", NOW, "-o", str(out)]) == 0
    locs = parsed(out.read_bytes()).xpath("//s:loc/text()", namespaces={"s": SITEMAP_NS})
    assert locs == ["https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html"]
    shutil.rmtree(store)
