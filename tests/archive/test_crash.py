"""A load killed mid-way (SIGKILL) leaves a store that opens, each article wholly old or wholly new."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from ldpub.archive import ENTITIES_GRAPH, EmbeddedStore, load, read_articles
from tests.support import EXAMPLE_RECORDS, EXAMPLES, ROOT

COPIES = 800
OLD = 200  # articles present before the killed load
HEADLINE = "<http://schema.org/headline>"


def _versions() -> tuple[list[str], list[str], dict[str, tuple[int, str]], dict[str, tuple[int, str]]]:
    """Old and new N-Quads of COPIES articles; per URL, (triples, headline) of each version."""
    templates = [a for p in EXAMPLE_RECORDS for a in read_articles(p)]
    old_lines, new_lines = [], []
    old_shape, new_shape = {}, {}
    for i in range(COPIES):
        t = templates[i % len(templates)]
        url = f"https://copies.example/{i}.html"
        text = t.nquads().replace(t.url, url)
        headline_old, headline_new = f"old {i}", f"new {i}"
        lines = text.splitlines(keepends=True)
        old = [_retitle(line, headline_old) for line in lines]
        extra = f'<{url}#article> <http://schema.org/alternativeHeadline> "reloaded" <{url}> .\n'
        new = [_retitle(line, headline_new) for line in lines] + [extra]
        own = sum(1 for line in lines if line.rstrip().endswith(f"<{url}> ."))
        old_shape[url] = (own, headline_old)
        new_shape[url] = (own + 1, headline_new)
        if i < OLD:
            old_lines += old
        new_lines += new
    return old_lines, new_lines, old_shape, new_shape


def _retitle(line: str, headline: str) -> str:
    if f" {HEADLINE} " not in line:
        return line
    subject, _, rest = line.partition(f" {HEADLINE} ")
    graph = rest.rsplit(" ", 2)[-2]
    return f'{subject} {HEADLINE} "{headline}" {graph} .\n'


def test_killed_load_leaves_whole_articles(tmp_path: Path) -> None:
    old_lines, new_lines, old_shape, new_shape = _versions()
    (tmp_path / "old.nq").write_text("".join(old_lines), encoding="utf-8")
    (tmp_path / "new.nq").write_text("".join(new_lines), encoding="utf-8")
    _kill_part_way(tmp_path, tmp_path / "old.nq", tmp_path / "new.nq", old_shape, new_shape)


def _jsonld_versions(folder: Path) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]]:
    """COPIES built articles (copies of the examples' JSON-LD) in ``folder``/old (the first OLD)
    and ``folder``/new, each a file; per URL, (own triples, headline) of each version."""
    templates = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.jsonld"))]
    shapes: dict[str, dict[str, tuple[int, str]]] = {"old": {}, "new": {}}
    for i in range(COPIES):
        template = templates[i % len(templates)]
        page = next(n["mainEntityOfPage"] for n in template["@graph"] if "mainEntityOfPage" in n)
        url = f"https://copies.example/{i}.html"
        for version in ("old", "new") if i < OLD else ("new",):
            doc = json.loads(json.dumps(template).replace(page, url))
            article = next(n for n in doc["@graph"] if "mainEntityOfPage" in n)
            article["headline"] = f"{version} {i}"
            if version == "new":
                article["backstory"] = "reloaded"  # one triple more
            path = folder / version / f"{i:04d}.jsonld"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(doc), encoding="utf-8")
            (read,) = read_articles(path)
            shapes[version][url] = (len(read.own), f"{version} {i}")
    for i in range(OLD, COPIES):  # never loaded before: its old shape is one it cannot have
        shapes["old"][f"https://copies.example/{i}.html"] = (-1, "")
    return shapes["old"], shapes["new"]


def test_killed_load_of_built_jsonld_leaves_whole_articles(tmp_path: Path) -> None:
    """The same for a folder of built JSON-LD files, which go to the bulk loader as N-Quads text."""
    old_shape, new_shape = _jsonld_versions(tmp_path)
    (article,) = read_articles(tmp_path / "new" / "0000.jsonld")
    assert article.has_text  # the text path, not pyoxigraph terms
    _kill_part_way(tmp_path, tmp_path / "old", tmp_path / "new", old_shape, new_shape)


def _kill_part_way(
    tmp_path: Path,
    old_source: Path,
    new_source: Path,
    old_shape: dict[str, tuple[int, str]],
    new_shape: dict[str, tuple[int, str]],
) -> None:
    """Load ``old_source``, then SIGKILL ``ldpub load new_source`` part-way; check every article."""
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir) as store:
        assert load(store, [old_source]).articles == OLD

    child = subprocess.Popen(
        [sys.executable, "-m", "ldpub", "load", str(new_source), "--store", str(store_dir), "--batch", "20"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until the load is part-way through the new articles
            time.sleep(0.05)
            try:  # a read-only view races with the writer's file compactions: retry
                reader = ox.Store.read_only(str(store_dir))
                graphs = sum(1 for _ in reader.named_graphs())
                del reader
            except (OSError, RuntimeError):
                continue
            if graphs > OLD + 150:
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the load finished before it was killed"

    with EmbeddedStore(store_dir) as store:  # it opens
        counts = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        headlines = store.query(  # the version's own headline (a graph may hold other nodes' headlines)
            "SELECT ?g ?h WHERE { GRAPH ?g { ?s <http://schema.org/headline> ?h } "
            'FILTER(STRSTARTS(?h, "old ") || STRSTARTS(?h, "new ")) }'
        )
    titles = {r["g"].value: r["h"].value for r in headlines.rows}
    seen = {
        r["g"].value: (int(r["n"].value), titles[r["g"].value]) for r in counts.rows if r["g"].value != ENTITIES_GRAPH
    }
    fully_new = sum(1 for url, shape in seen.items() if shape == new_shape[url])
    fully_old = sum(1 for url, shape in seen.items() if shape == old_shape[url])
    assert fully_new + fully_old == len(seen), [u for u, s in seen.items() if s not in (old_shape[u], new_shape[u])][:5]
    assert OLD <= len(seen) < COPIES  # every old article is still there; the load did not finish
    assert fully_new > 0
    # articles never loaded before are either absent or new, never old
    assert all(int(url.rsplit("/", 1)[1].split(".")[0]) < OLD for url, s in seen.items() if s == old_shape[url])
