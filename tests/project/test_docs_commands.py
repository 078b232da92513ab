"""Every ``ldpub`` command the reference pages in docs/ show is run, as written, on files like the ones it names.

The pages name a newsroom's own files (``page.html``, ``record.yaml``, ``public/``): the test makes
each from the examples first. Each command must end with its exact exit code and print a line
that starts as :data:`EXPECTED` says (or print nothing, where it says ``None``); a command a page
shows that is not in :data:`EXPECTED` fails the test until its result is written down there.
Commands with their own tests are skipped here: ``serve`` (tests/service), the diff and graph
page (tests/project/test_docs_diff_graph.py), and a line that needs a SPARQL server (tests/archive).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from tests.support import ROOT

PAGES = ["archive", "build", "embed", "extract", "validate"]

SEED_URL = "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html"
BUILT = '"@context": "https://schema.org",'  # a line of a built article's JSON-LD
EVIDENCE = "tests/data/pages/evidence"

# Each command as the page writes it (continued lines joined): its exit code, and the start of a
# line it prints on stdout or stderr (None: it prints nothing).
EXPECTED: dict[str, tuple[int, str | None]] = {
    # archive.md
    "ldpub load examples/": (0, "loaded 3 articles (481 quads)"),
    "ldpub sparql --file examples/queries/claims-by-source.rq": (0, "source             Maghawir al-Thawra"),
    'ldpub sparql --file examples/queries/articles-mentioning-person.rq -p spelling="Farid Qassem"': (
        0,
        f"article    <{SEED_URL}#article>",
    ),
    "ldpub sparql 'SELECT ?g WHERE { GRAPH ?g {} }' --format json": (0, '"vars": ['),
    "ldpub sparql --file examples/queries/claims-by-source.rq --timeout 30 --max-rows 10000 -f csv": (
        0,
        "source,claim,text,speaker,",
    ),
    "ldpub sparql 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }'": (
        0,
        "a <http://schema.org/NewsArticle> ;",
    ),
    "ldpub unload https://syrianobserver.com/fact-check/rukban-aid-convoys.html": (0, None),
    "ldpub load archive.nq --store /data/archive --quiet": (0, None),
    # build.md
    "ldpub build examples/syrian-observer-al-tanf.yaml": (0, BUILT),
    "ldpub build examples/*.yaml --out out/ --format jsonld,ttl,nq": (0, "out/syrian-observer-al-tanf.nq"),
    "ldpub build examples/ --out out/": (0, "out/fact-check-rukban-aid.jsonld"),
    "ldpub build examples/*.yaml > articles.jsonl": (0, None),
    "cat record.json | ldpub build - --format ttl": (0, "@prefix schema: <http://schema.org/> ."),
    "ldpub build record.yaml --settings newsroom.yaml --out out/": (0, "out/record.jsonld"),
    "ldpub build record.yaml --strict": (0, "{"),
    "ldpub sitemap examples/*.yaml --now 2022-09-21T12:00:00+03:00 -o news-sitemap.xml": (
        0,
        "ldpub sitemap: 1 article listed",
    ),
    "ldpub feed --claims examples/ -o claims.jsonld": (0, "ldpub feed: 4 claim reviews"),
    "ldpub validate claims.jsonld -p google-claimreview": (0, "1 file checked: 0 errors, 0 warnings"),
    # embed.md
    "ldpub build examples/syrian-observer-al-tanf.yaml > article.jsonld": (0, None),
    "ldpub embed page.html --graph article.jsonld -o page.embedded.html": (0, None),
    "ldpub build record.yaml | ldpub embed page.html --graph - --in-place": (0, None),
    # extract.md
    "ldpub extract page.html": (0, "headline: Meetings Between U.S. Officials"),
    "ldpub extract examples/wire-convoy-deir-ez-zor.txt --url https://levantwire.example/2024/05/aid-convoy "
    "--published 2024-05-07T10:00:00+03:00 --language en -o convoy.yaml": (
        0,
        "ldpub: warning: examples/wire-convoy-deir-ez-zor.txt: /entities/faisal-mekdad: candidate Person",
    ),
    "ldpub extract page.html -o record.json": (0, "ldpub: warning: page.html: /entities/"),
    "ldpub extract a.html b.html -o records/": (0, "ldpub: warning: b.html: "),
    "ldpub extract a.html b.html --format json": (0, f'{{"url":"{SEED_URL}","headline":"Meetings Between U.S.'),
    "ldpub extract saved.html --url https://news.example/story": (0, "url: https://news.example/story"),
    "ldpub extract page.html --timezone Asia/Beirut": (0, f"url: {SEED_URL}"),
    "ldpub extract page.html --settings newsroom.yaml": (0, "type: NewsArticle"),
    "ldpub build record.yaml": (0, BUILT),
    f"ldpub extract {EVIDENCE}/time-element.html --timezone Asia/Beirut": (
        0,
        f"ldpub: warning: {EVIDENCE}/time-element.html: /published: published inferred from <time datetime> "
        "'2019-11-19T19:31' + --timezone Asia/Beirut",
    ),
    f"ldpub extract {EVIDENCE}/no-url.html --url-template 'https://coastgazette.example/archive/{{path}}' "
    "--root tests/data/pages": (0, "url: https://coastgazette.example/archive/evidence/no-url.html"),
    f"ldpub extract {EVIDENCE}/zoneless-jsonld.html --settings {EVIDENCE}/newsroom.yaml": (
        0,
        f"ldpub: warning: {EVIDENCE}/zoneless-jsonld.html: /published: published inferred from JSON-LD "
        "datePublished '2019-11-19 19:31:39' + time",
    ),
    f"ldpub extract tests/data/pages/text/plain-council-vote.txt --settings {EVIDENCE}/newsroom.yaml "
    "--published 2023-05-02T18:00": (
        0,
        "url: https://coastgazette.example/archive/tests/data/pages/text/plain-council-vote.txt",
    ),
    "ldpub extract examples/syrian-observer-al-tanf.txt --authority vocab/entities.ttl    "
    f"--url {SEED_URL}    --published 2022-09-20T10:00:00+03:00 --language en --original-language ar -o seed.yaml": (
        0,
        None,
    ),
    "ldpub build seed.yaml": (0, BUILT),
    "ldpub extract examples/harbour-strike.txt --url https://news.example/harbour-strike "
    "--published 2024-05-14T18:00:00+02:00 --language en": (0, "url: https://news.example/harbour-strike"),
    "ldpub entities add lebanon --type Country --name Lebanon --authority vocab/entities.ttl    --alternate-name "
    '"Lebanese Republic" --same-as https://www.wikidata.org/wiki/Q822': (
        0,
        "added lebanon <https://syrianobserver.com/entity/lebanon>",
    ),
    'ldpub entities add-name us-central-command "Central Command" --authority vocab/entities.ttl': (
        0,
        "us-central-command: United States Central Command; US Central Command; CENTCOM; Central Command",
    ),
    'ldpub entities add rana-haddad --type Person --name "Rana Haddad" --base https://news.example.org/ '
    "--authority new.ttl": (0, "added rana-haddad <https://news.example.org/entity/rana-haddad> to new.ttl"),
    # validate.md
    "ldpub validate article.jsonld": (0, "1 file checked: 0 errors, 0 warnings"),
    "ldpub validate out/article.jsonld --page page.html": (0, "1 file checked: 0 errors, 0 warnings"),
    "ldpub validate public/ -p google-article -p google-claimreview": (0, "public/article.jsonld"),
    "curl -s https://news.example/story | ldpub validate - --stdin-name story.html": (
        0,
        "1 file checked: 0 errors, 0 warnings",
    ),
    "ldpub validate site/ --format sarif -o ldpub.sarif": (0, None),
    "ldpub validate site/ --format json --strict": (0, '"version": "1.0",'),
}


def commands(page: str) -> list[str]:
    text = (ROOT / "docs" / f"{page}.md").read_text()
    found = []
    for block in re.findall(r"```(?:sh|console|bash)\n(.*?)```", text, re.S):
        block = block.replace("\\\n", " ")  # continued lines
        for line in block.splitlines():
            line = line.strip().removeprefix("$ ")
            line = re.sub(r"\s+#\s.*$", "", line)  # the comment after a command
            if "ldpub " not in line or line.startswith("#") or "[" in line.split("#")[0]:
                continue  # not a command; or a synopsis with [optional] parts
            if "ldpub serve" in line or "--endpoint" in line:
                continue
            found.append(line)
    return found


def _newsroom(tmp: Path) -> None:
    """The files the pages name, made from the examples."""
    shutil.copytree(ROOT / "examples", tmp / "examples")
    shutil.copytree(ROOT / "vocab", tmp / "vocab")
    shutil.copytree(ROOT / "tests" / "data" / "pages", tmp / "tests" / "data" / "pages")
    page = ROOT / "examples" / "pages" / "syrian-observer-al-tanf.html"
    for name in ("page.html", "a.html", "b.html", "saved.html"):
        shutil.copy(page, tmp / name)
    shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.yaml", tmp / "record.yaml")
    shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.yaml", tmp / "seed.yaml")
    shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.txt", tmp / "story.txt")
    shutil.copy(ROOT / "tests" / "data" / "pages" / "evidence" / "newsroom.yaml", tmp / "newsroom.yaml")
    (tmp / "record.json").write_text(
        '{"url": "https://news.example.org/a.html", "headline": "A", "published": "2024-05-01T09:00:00+02:00",'
        ' "publisher": {"name": "Example News", "url": "https://news.example.org/"}}'
    )
    for folder in ("public", "site", "out"):
        (tmp / folder).mkdir()
        shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.jsonld", tmp / folder / "article.jsonld")
    shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.jsonld", tmp / "article.jsonld")


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("docs")
    _newsroom(tmp)
    env = {k: v for k, v in os.environ.items() if k != "LDPUB_STORE"}
    env["PATH"] = sysconfig.get_path("scripts") + os.pathsep + env.get("PATH", "")
    archive = subprocess.run(
        ["bash", "-c", "ldpub build examples/*.yaml --out archive.nq"], cwd=tmp, env=env, capture_output=True
    )
    assert archive.returncode == 0, archive.stderr
    return tmp, env


@pytest.mark.parametrize(
    ("page", "command"), [(page, command) for page in PAGES for command in commands(page)], ids=lambda v: v[:60]
)
def test_the_command_runs_as_written(newsroom: tuple[Path, dict[str, str]], page: str, command: str) -> None:
    cwd, env = newsroom
    line = command.replace("/data/archive", str(cwd / "data-archive"))
    # the page fetched from the web in the docs: a saved copy here (no network in tests)
    line = line.replace("curl -s https://news.example/story", "cat page.html")
    assert command in EXPECTED, f"{page}: {command!r}: write its exit code and a line it prints in EXPECTED"
    code, shown = EXPECTED[command]
    done = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == code, f"{page}: {command}\nexit {done.returncode}\n{done.stderr[-1500:]}"
    assert "Traceback" not in done.stderr and "usage:" not in done.stderr, done.stderr[-1500:]
    assert "no such file" not in done.stderr.lower(), done.stderr[-1500:]
    printed = [printed.strip() for printed in (done.stdout + done.stderr).splitlines()]
    if shown is None:
        assert printed == [], f"{page}: {command}: printed {printed[:3]}"
    else:
        assert any(p.startswith(shown) for p in printed), f"{page}: {command}: no line starts {shown!r}: {printed[:5]}"


def test_every_expected_command_is_on_its_page() -> None:
    shown = {command for page in PAGES for command in commands(page)}
    assert sorted(set(EXPECTED) - shown) == []


def test_each_page_shows_commands() -> None:
    assert {page: len(commands(page)) > 2 for page in PAGES} == dict.fromkeys(PAGES, True)
