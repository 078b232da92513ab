"""Pages whose record needs the newsroom: every date and URL source, and how each is reported."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import ldpub
from ldpub.newsroom import Defaults, Settings
from ldpub.read import extract_html, extract_html_file

EVIDENCE = Path(__file__).resolve().parent.parent / "data" / "pages" / "evidence"
PAGES = EVIDENCE.parent


def zone(name: str) -> Settings:
    """What ``--timezone NAME`` gives the library."""
    return Settings(overrides=Defaults(timezone=ZoneInfo(name), origins={"timezone": f"--timezone {name}"}))


def page_text(name: str) -> str:
    return (EVIDENCE / name).read_text(encoding="utf-8")


def warnings_at(result: object, pointer: str) -> list[str]:
    return [w.message for w in result.warnings if getattr(w, "location", None) and w.location.pointer == pointer]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("page", "without_zone", "published", "how"),
    [
        (
            "zoneless-jsonld.html",
            "the page gives the published date as '2019-11-19 19:31:39' (JSON-LD datePublished), without a time zone",
            "2019-11-19T19:31:39+02:00",
            "from JSON-LD datePublished '2019-11-19 19:31:39' + --timezone Asia/Beirut",
        ),
        (
            "time-element.html",
            "the page gives the published date as '2019-11-19T19:31' (<time datetime>), without a time zone",
            "2019-11-19T19:31:00+02:00",
            "from <time datetime> '2019-11-19T19:31' + --timezone Asia/Beirut",
        ),
        (
            "marked-date.html",
            "the page gives the published date as 'November 19, 2019, 9:02 AM' "
            '(the text of <span class="article-publish-date">), without a time zone',
            "2019-11-19T09:02:00+02:00",
            "from the text of <span class=\"article-publish-date\"> 'November 19, 2019, 9:02 AM'"
            " + --timezone Asia/Beirut",
        ),
        (
            "url-path-date.html",
            "the page gives the published date as '2019/11/19' (the URL path), as a date without a time",
            "2019-11-19T00:00:00+02:00",
            "from the URL path '2019/11/19' + --timezone Asia/Beirut (no time of day given: midnight)",
        ),
    ],
)
def test_each_date_source_needs_the_zone_and_is_reported(
    page: str, without_zone: str, published: str, how: str
) -> None:
    alone = extract_html_file(EVIDENCE / page)
    assert "published" not in alone.record and "inferred" not in alone.record
    hint = " (pass the newsroom's --timezone, or timezone in --settings)"
    assert warnings_at(alone, "/published") == [f"{without_zone}; left out{hint}"]

    result = extract_html_file(EVIDENCE / page, settings=zone("Asia/Beirut"))
    assert result.record["published"] == published
    assert result.record["inferred"] == {"published": how}
    assert warnings_at(result, "/published") == [f"published inferred {how}: {published}"]
    ldpub.build(result.record)  # complete now


def test_a_time_element_with_its_zone_needs_no_setting_but_is_still_an_inference() -> None:
    html = page_text("time-element.html").replace('datetime="2019-11-19T19:31"', 'datetime="2019-11-19T19:31+02:00"')
    result = extract_html(html)
    assert result.record["published"] == "2019-11-19T19:31:00+02:00"
    assert result.record["inferred"] == {"published": "from <time datetime> '2019-11-19T19:31+02:00'"}


def test_a_javascript_date_keeps_its_offset_sign() -> None:
    html = page_text("time-element.html").replace(
        'datetime="2019-11-19T19:31"', 'datetime="Tue Nov 19 2019 19:31:00 GMT+0300"'
    )
    assert extract_html(html).record["published"] == "2019-11-19T19:31:00+03:00"  # not -03:00


def test_a_stated_date_beats_a_zone_applied_to_another() -> None:
    html = page_text("zoneless-jsonld.html").replace(
        "<title>", '<meta property="article:published_time" content="2019-11-19T17:31:39+00:00"><title>'
    )
    result = extract_html(html, settings=zone("Asia/Beirut"))
    assert result.record["published"] == "2019-11-19T17:31:39+00:00"
    assert "inferred" not in result.record


def test_a_zone_abbreviation_is_used_only_when_it_is_the_newsrooms() -> None:
    page = EVIDENCE / "zone-abbreviation.html"
    same = extract_html_file(page, settings=zone("America/New_York"))
    assert same.record["published"] == "2019-11-19T19:47:00-05:00"
    assert same.record["inferred"] == {
        "published": "from meta article:published_time 'November 19, 2019, 07:47 PM EST'"
        " (EST = --timezone America/New_York)"
    }
    other = extract_html_file(page, settings=zone("Asia/Beirut"))
    assert "published" not in other.record
    assert warnings_at(other, "/published") == [
        "the page gives the published date as 'November 19, 2019, 07:47 PM EST' (meta article:published_time), "
        "in a zone 'EST' that --timezone Asia/Beirut does not call itself then; left out"
    ]
    alone = extract_html_file(page)
    assert warnings_at(alone, "/published")[0].endswith(
        "(meta article:published_time), in the zone 'EST', which names no zone alone; left out"
        " (pass the newsroom's --timezone, or timezone in --settings)"
    )


def test_a_day_month_order_is_never_guessed() -> None:
    html = page_text("marked-date.html").replace("November 19, 2019, 9:02 AM", "05/10/2019 9:02")
    result = extract_html(html, settings=zone("UTC"))
    assert "published" not in result.record
    assert warnings_at(result, "/published") == ["the page gives no publication date"]


def test_several_different_marked_dates_are_none_trusted() -> None:
    html = page_text("marked-date.html").replace(
        "</article>", '<aside><span class="date">November 2, 2019, 8:00 AM</span></aside></article>'
    )
    assert "published" not in extract_html(html, settings=zone("UTC")).record


def test_published_option_overrides_the_page_and_says_so() -> None:
    page = EVIDENCE / "zone-abbreviation.html"
    result = extract_html_file(page, published="2019-11-20T10:00:00+02:00", settings=zone("America/New_York"))
    assert result.record["published"] == "2019-11-20T10:00:00+02:00"
    assert "inferred" not in result.record
    assert warnings_at(result, "/published") == [
        "the page gives the published date as 2019-11-19T19:47:00-05:00; "
        "--published 2019-11-20T10:00:00+02:00 overrides it"
    ]
    agreeing = extract_html_file(page, published="2019-11-20T02:47:00+02:00", settings=zone("America/New_York"))
    assert warnings_at(agreeing, "/published") == []  # the same instant: nothing to say


def test_published_option_without_zone_takes_the_newsrooms_or_is_not_used() -> None:
    page = EVIDENCE / "no-url.html"  # the page says 2019-11-19T19:31:00+02:00
    completed = extract_html_file(page, published="2019-11-19T19:31:00", settings=zone("Asia/Beirut"))
    assert completed.record["published"] == "2019-11-19T19:31:00+02:00"
    assert completed.record["inferred"] == {
        "published": "from --published '2019-11-19T19:31:00' + --timezone Asia/Beirut"
    }
    unused = extract_html_file(page, published="2019-11-19T19:31:00")
    assert unused.record["published"] == "2019-11-19T19:31:00+02:00"  # the page's own
    assert warnings_at(unused, "/published") == [
        "--published '2019-11-19T19:31:00' has no time zone (pass the newsroom's --timezone); "
        "the page's own date is used"
    ]
    bad = extract_html_file(page, published="yesterday")
    assert warnings_at(bad, "/published") == [
        "--published 'yesterday' is not an ISO 8601 date-time with a time zone; the page's own date is used"
    ]


def test_url_from_base_href_alternate_and_jsonld_id() -> None:
    base = extract_html_file(EVIDENCE / "base-href.html")
    assert base.record["url"] == "https://coastgazette.example/local/bridge-reopens"
    assert base.record["inferred"] == {"url": "from <base href>"}
    assert warnings_at(base, "/url") == [
        "url inferred from <base href>: https://coastgazette.example/local/bridge-reopens"
    ]
    # the alternate in the page's own language is the page; the French one is not
    html = page_text("base-href.html").replace(
        '<base href="https://coastgazette.example/local/bridge-reopens">',
        '<link rel="alternate" hreflang="en" href="https://coastgazette.example/en/bridge-reopens">',
    )
    alternate = extract_html(html)
    assert alternate.record["url"] == "https://coastgazette.example/en/bridge-reopens"
    assert alternate.record["inferred"] == {"url": "from <link rel=alternate hreflang=en>"}
    jsonld = page_text("no-url.html").replace(
        "<title>",
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"@id": "https://coastgazette.example/local/bridge-reopens#article", "headline": "Bridge reopens"}</script>'
        "<title>",
    )
    from_id = extract_html(jsonld)
    assert from_id.record["url"] == "https://coastgazette.example/local/bridge-reopens"
    assert from_id.record["inferred"] == {"url": "from the JSON-LD @id"}


def test_a_site_root_base_href_is_not_the_pages_url() -> None:
    html = page_text("base-href.html").replace("local/bridge-reopens", "")
    assert "url" not in extract_html(html).record


def test_given_url_beats_inferred_evidence_and_a_contradicted_one_is_reported() -> None:
    given = extract_html_file(EVIDENCE / "base-href.html", url="https://coastgazette.example/bridge")
    assert given.record["url"] == "https://coastgazette.example/bridge"
    assert "inferred" not in given.record
    stated = extract_html_file(EVIDENCE / "zoneless-jsonld.html", url="https://coastgazette.example/bridge")
    assert stated.record["url"] == "https://coastgazette.example/bridge"  # like --published: the user's word wins
    assert warnings_at(stated, "/url") == [
        "the page names its URL https://coastgazette.example/local/bridge-reopens; "
        "--url https://coastgazette.example/bridge overrides it"
    ]


def test_url_template_over_the_file_path() -> None:
    template = Defaults(
        url_template="https://coastgazette.example/{path}", origins={"url_template": "--url-template T"}
    )
    result = extract_html_file(EVIDENCE / "no-url.html", settings=Settings(overrides=template), root=PAGES)
    assert result.record["url"] == "https://coastgazette.example/evidence/no-url.html"
    assert result.record["inferred"] == {"url": "from --url-template T"}
    stem = Defaults(url_template="https://coastgazette.example/s/{stem}", origins={"url_template": "--url-template T"})
    named = extract_html_file(EVIDENCE / "zoneless-jsonld.html", settings=Settings(overrides=stem))
    assert named.record["url"] == "https://coastgazette.example/local/bridge-reopens"  # the page's own wins
    assert "inferred" not in named.record


def test_inferred_stays_in_the_record_not_in_the_graph() -> None:
    result = extract_html_file(EVIDENCE / "time-element.html", settings=zone("Asia/Beirut"))
    assert "inferred" in result.record
    article = ldpub.build(result.record)
    text = article.to_json()
    assert "inferred" not in text and "--timezone" not in text
    assert '"datePublished": "2019-11-19T19:31:00+02:00"' in text


def test_without_settings_the_fixture_pages_give_what_they_gave() -> None:
    for name in ("html-jsonld.html", "html-microdata.html", "html-opengraph.html"):
        result = extract_html_file(PAGES / name)
        assert "inferred" not in result.record
        assert not any("inferred" in str(w) for w in result.warnings)
