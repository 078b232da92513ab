"""``ldpub extract`` of a folder of plain-text articles beside ``nlp.pipe`` alone over the same texts.

The texts are made at run time from the benchmark corpora in ``../shared/benchmarks`` (never copied
into the project): the PolNeAR development texts and the GUM news articles (headline, blank line,
body), taken in turn until there are ``--articles`` of them, each made distinct by a last line.

Same texts, same model, same cores, same run (wall time):

- **nlp.pipe alone**: the language model ldpub loads (:func:`ldpub.language.analysis.pipeline`,
  already loaded) over the texts, ``nlp.pipe(texts)`` on one core, and
  ``nlp.pipe(texts, n_process=N)`` on every usable core;
- **the CLI**: ``ldpub extract DIR -o OUT -j N --published … --language en --url-template …``,
  from process start (the model loaded in it) to exit, every record written.

Goal (issue 27): the CLI on every core at ≥ 0.6× the rate of ``nlp.pipe`` alone on them.

    python -m benchmarks.bench_cli_extract [--articles 1000] [--data ../shared/benchmarks]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ldpub.cli._parallel import usable_cores
from ldpub.language.analysis import pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def corpus_texts(data: Path) -> list[str]:
    """Every article text of the corpora: PolNeAR's as published, GUM's rebuilt from its CoNLL-U."""
    from benchmarks import gum

    texts = [path.read_text(encoding="utf-8") for path in sorted((data / "polnear-dev" / "text").glob("*.txt"))]
    if (data / "gum-news").is_dir():
        gum.GUM = data / "gum-news" / "conllu"
        texts += [f"{article.headline}\n\n{article.body}\n" for article in gum.articles()]
    if not texts:
        raise SystemExit(f"no corpus texts under {data} (pass --data)")
    return texts


def articles(data: Path, count: int) -> list[str]:
    base = corpus_texts(data)
    return [f"{base[i % len(base)].rstrip()}\n\nArchive item {i}.\n" for i in range(count)]


def _cli(folder: Path, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ldpub",
            "extract",
            str(folder),
            "-o",
            str(out),
            "-j",
            str(jobs),
            "--published",
            "2024-05-01T09:00:00Z",
            "--language",
            "en",
            "--url-template",
            "https://news.example.org/{stem}",
            "--root",
            str(folder),
        ],
        capture_output=True,
        text=True,
        env=_ENV,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: a record lacks what a text cannot say, reported per file
        raise SystemExit(f"ldpub extract failed: {done.stderr[-800:]}")
    written = len(list(out.iterdir()))
    if written != len(list(folder.iterdir())):
        raise SystemExit(f"ldpub extract wrote {written} records for {len(list(folder.iterdir()))} texts")
    shutil.rmtree(out)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=SHARED, help="the benchmark corpora (../shared/benchmarks)")
    parser.add_argument("--one-core", action="store_true", help="also nlp.pipe and the CLI on one core")
    args = parser.parse_args()
    cores = usable_cores()
    texts = articles(args.data, args.articles)
    words = sum(len(text.split()) for text in texts)
    nlp = pipeline()
    subprocess.run([sys.executable, "-m", "ldpub", "--version"], capture_output=True, env=_ENV)  # bytecode cached
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")
        for j in sorted({1, cores} if args.one_core else {cores}):
            start = time.perf_counter()
            for _ in nlp.pipe(texts, n_process=j) if j > 1 else nlp.pipe(texts):
                pass
            rows.append((f"nlp.pipe alone, n_process={j}", len(texts) / (time.perf_counter() - start)))
            rows.append((f"ldpub extract DIR -o OUT -j {j}", len(texts) / _cli(folder, Path(tmp) / "out", j)))
    print(f"{len(texts):,} plain-text articles ({words / len(texts):,.0f} words each on average), {cores} usable cores")
    print(f"{'path':<40} {'articles/s':>10}")
    for name, rate in rows:
        print(f"{name:<40} {rate:>10,.2f}")
    pipe, cli = rows[-2][1], rows[-1][1]
    print(f"\nldpub extract -j {cores} ÷ nlp.pipe alone on {cores} cores: {cli / pipe:.2f}  goal ≥ 0.6")


if __name__ == "__main__":
    main()
