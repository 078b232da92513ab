"""A load killed mid-way (SIGKILL) leaves a store that opens, each article wholly old or wholly new."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from ldpub.archive import ENTITIES_GRAPH, EmbeddedStore, load, read_articles
from tests.support import EXAMPLE_RECORDS, ROOT

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
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir) as store:
        assert load(store, [tmp_path / "old.nq"]).articles == OLD

    child = subprocess.Popen(
        [sys.executable, "-m", "ldpub", "load", str(tmp_path / "new.nq"), "--store", str(store_dir), "--batch", "20"],
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
        headlines = store.query("SELECT ?g ?h WHERE { GRAPH ?g { ?s <http://schema.org/headline> ?h } }")
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
