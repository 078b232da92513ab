"""Who said what, on PolNeAR's development split: ldpub's claims beside textacy's quotations and the old finder.

Gold attributions, matching and the author reference are defined in :mod:`benchmarks.polnear`
(a claim matches a gold attribution when it holds at least half of the gold content's words).
Paths, all in the same run over the same 84 articles:

- **ldpub**: the whole ``extract_text`` (layout, names, linking, claims) with its default
  claims (speech and writing), and with ``claims="all"`` (beliefs and plans too);
- **textacy quotations**: ``textacy.extract.triples.direct_quotations`` on spaCy's full small
  English pipeline (the same model ldpub loads, with its lemmatizer, which textacy needs), the
  speaker's words as the author (``pip install -e '.[bench]'``);
- **before issue 24**: ``extract_text`` of the claim finder before this work (commit
  ``--before``, default :data:`BEFORE`), run from a temporary ``git worktree`` of that commit in a
  subprocess of the same interpreter (skipped with a note outside a git clone); ``--also COMMIT``
  (as often as wanted) adds the same line for another commit, an earlier round of the work;
- **spaCy alone**: the model's ``nlp.pipe`` over the same texts, for the speed line only.

Speed is CPU milliseconds per 500 words of article text, one core (BLAS and OpenMP threads set to
one before anything is imported), the model loaded beforehand.

    python benchmarks/bench_attribution.py [--articles N] [--before COMMIT] [--also COMMIT ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.polnear import ROOT, Article, Found, Tally, articles, score

REPO = Path(__file__).resolve().parents[1]
BEFORE = "79e9b0c"  # main before issue 24: the claim finder of regular expressions and a parse fallback
OPTIONS = {"url": "https://news.example/story", "published": "2016-10-01T09:00:00Z", "language": "en"}

# Runs in the old tree: texts in on stdin (JSON), claims as [text, author name] out on stdout.
_OLD = """
import json, sys, time
from ldpub.read.text import extract_text
texts = json.load(sys.stdin)
extract_text(texts[0], url="https://news.example/story")  # the model loaded before timing
out, cpu = [], 0.0
for text in texts:
    start = time.process_time()
    record = extract_text(text, url="https://news.example/story").record
    cpu += time.process_time() - start
    entities = record.get("entities", {})
    claims = []
    for c in record.get("claims", []):
        a = c.get("author")
        name = entities.get(a, {}).get("name", a) if isinstance(a, str) else ("anonymous" if a else "")
        claims.append([c["text"], name])
    out.append(claims)
json.dump({"claims": out, "cpu": cpu}, sys.stdout)
"""


SPENT: dict[str, float] = {}  # CPU seconds inside the language model's parse and inside the claim finder


def _timed(module: Any, name: str, label: str) -> None:
    """Wrap ``module.name`` so that the CPU time spent in it adds up under ``label`` in :data:`SPENT`."""
    inner = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            SPENT[label] = SPENT.get(label, 0.0) + time.process_time() - start

    setattr(module, name, wrapper)


def ldpub_claims(claims: str) -> Callable[[Article], list[Found]]:
    import ldpub.language.annotate
    import ldpub.language.claims
    import ldpub.language.linking
    from ldpub.read.text import extract_text

    if not SPENT:  # where the time goes: the parse (linking reads it once), the claims, the rest
        _timed(ldpub.language.linking, "analyse", "parse")
        _timed(ldpub.language.claims, "find_claims", "claims")
        SPENT["parse"] = SPENT["claims"] = 0.0

    def run(article: Article) -> list[Found]:
        record = extract_text(article.text, claims=claims, **OPTIONS).record
        return [Found(c["text"], _author_name(c.get("author"), record)) for c in record.get("claims", [])]

    return run


def _author_name(author: Any, record: dict[str, Any]) -> str:
    if isinstance(author, str):
        return str(record.get("entities", {}).get(author, {}).get("name", author))
    return "anonymous" if isinstance(author, dict) else ""


def textacy_quotations() -> Callable[[Article], list[Found]]:
    from importlib import resources

    import spacy
    from textacy.extract.triples import direct_quotations

    from ldpub.language.analysis import MODEL_PACKAGE, MODEL_VERSION

    with resources.as_file(resources.files(MODEL_PACKAGE) / f"{MODEL_PACKAGE}-{MODEL_VERSION}") as path:
        nlp = spacy.load(path)

    def run(article: Article) -> list[Found]:
        doc = nlp(article.text)
        try:
            quotes = list(direct_quotations(doc))
        except ValueError:  # textacy gives up on a text with an unclosed quotation mark
            return []
        return [Found(str(q.content), " ".join(t.text for t in q.speaker)) for q in quotes]

    return run


def timed(system: Callable[[Article], list[Found]], texts: list[Article]) -> tuple[list[list[Found]], float]:
    system(texts[0])  # models loaded before timing
    for label in SPENT:
        SPENT[label] = 0.0
    start = time.process_time()
    answers = [system(a) for a in texts]
    return answers, time.process_time() - start


def tally(texts: list[Article], answers: list[list[Found]]) -> Tally:
    total = Tally()
    for article, found in zip(texts, answers, strict=True):
        total.add(score(article, found))
    return total


def before_issue(texts: list[Article], commit: str) -> tuple[list[list[Found]], float] | str:
    """The old finder's claims and CPU seconds, from a temporary worktree of ``commit``; else why not."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "before"
        made = subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), commit], capture_output=True, text=True
        )
        if made.returncode:
            return f"no git worktree of {commit}: {made.stderr.strip().splitlines()[-1:]}"
        try:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            done = subprocess.run(
                [sys.executable, "-c", _OLD],
                input=json.dumps([a.text for a in texts]),
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp,
            )
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], capture_output=True)
        if done.returncode:
            return f"the old finder failed: {done.stderr.strip().splitlines()[-1:]}"
        data = json.loads(done.stdout)
        return [[Found(t, a) for t, a in claims] for claims in data["claims"]], float(data["cpu"])


def model_names(text: str) -> list[tuple[int, int, str]]:
    """The language model's named-entity spans, to type PolNeAR's named sources (see benchmarks.polnear)."""
    from ldpub.language.analysis import pipeline

    return [(e.start_char, e.end_char, e.label_) for e in pipeline()(text).ents]


def spacy_alone(texts: list[Article]) -> float:
    from ldpub.language.analysis import pipeline

    nlp = pipeline()
    list(nlp.pipe([texts[0].text]))
    start = time.process_time()
    for doc in nlp.pipe([a.text for a in texts]):
        del doc
    return time.process_time() - start


def per(cpu: float, words: int) -> str:
    return f"{1000 * cpu / words * 500:.0f}"


def line(name: str, t: Tally, cpu: float, words: int) -> str:
    return (
        f"{name:<24} speech-cued R {t.speech_recall:.2f} ({t.speech_hit}/{t.speech_gold}) "
        f"P {t.precision:.2f} ({t.matched}/{t.found}) | all P {t.precision:.2f} "
        f"R {t.recall:.2f} F1 {t.f1:.2f} | author (name) {Tally.share(t.name_authors)} "
        f"(pronoun/description) {Tally.share(t.other_authors)} | {1000 * cpu / words * 500:.0f} ms/500 words"
    )


def main() -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = "1"  # one core: set before the language model (and numpy) is first imported
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="only the first N articles (0: all)")
    parser.add_argument("--before", default=BEFORE, help="commit of the finder before issue 24")
    parser.add_argument("--also", action="append", default=[], help="another commit to run the same way")
    parser.add_argument("--no-before", action="store_true", help="skip the old finder")
    parser.add_argument("--ldpub-only", action="store_true", help="skip every baseline")
    args = parser.parse_args()
    if not ROOT.is_dir():
        sys.exit(f"bench_attribution: {ROOT} is not there (the PolNeAR dev split in ../shared/benchmarks)")
    texts = list(articles(label=model_names))
    if args.articles:
        texts = texts[: args.articles]
    words = sum(a.word_count for a in texts)
    gold = sum(len(a.gold) for a in texts)
    speech = sum(g.speech for a in texts for g in a.gold)
    print(f"PolNeAR dev: {len(texts)} articles, {words} words, {gold} attributions, {speech} speech-cued")
    for name, system in (("ldpub", ldpub_claims("speech")), ("ldpub --claims all", ldpub_claims("all"))):
        answers, cpu = timed(system, texts)
        print(line(name, tally(texts, answers), cpu, words), flush=True)
        parse, found = SPENT["parse"], SPENT["claims"]
        print(
            f"{'':<24} of which the parse {per(parse, words)}, the claim finder {per(found, words)}, "
            f"the rest (layout, names, linking) {per(cpu - parse - found, words)} ms/500 words"
        )
    if args.ldpub_only:
        return
    try:
        answers, cpu = timed(textacy_quotations(), texts)
        print(line("textacy quotations", tally(texts, answers), cpu, words), flush=True)
    except ImportError:
        print("textacy quotations: textacy is not installed (pip install -e '.[bench]')")
    earlier = [] if args.no_before else [("before issue 24", args.before)]
    for name, commit in earlier + [("earlier", c) for c in args.also]:
        old = before_issue(texts, commit)
        if isinstance(old, str):
            print(f"{name}: {old}")
        else:
            print(line(f"{name} ({commit})", tally(texts, old[0]), old[1], words), flush=True)
    print(f"{'spaCy nlp() alone':<24} {1000 * spacy_alone(texts) / words * 500:.0f} ms/500 words")


if __name__ == "__main__":
    main()
