"""A seeded mutator over the examples and the test pages, and a runner of ldpub's commands on what it makes.

Each input is one of the repository's records, JSON-LD documents, pages or texts, damaged by a
few mutations picked by a seeded random generator: bytes flipped, cut, repeated or spliced from
another seed; tokens that broke ldpub before (deep nesting, YAML aliases, numbers of thousands of
digits, lone surrogates, NUL bytes, ``</script>``); or one value of the parsed document replaced.
The same seed gives the same inputs, so a failure names what reproduces it.

A run checks what the issue on faults asks of every command: no traceback (an exception out of
``main`` is one), a documented exit code, no Python internals in a message, bounded time for
each input and bounded memory for the run.

    python -m tests.fuzz --inputs 5000 --seed 7      # a longer run than the suite's (minutes)
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import random
import re
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.support import DATA, EXAMPLES

EXIT_CODES = {0, 1, 2}  # ok, invalid input or findings, usage or I/O: what these commands may end with
INTERNALS = re.compile(r"Traceback|\[Errno \d+\]|NoneType|object has no attribute|RecursionError|unhashable type")


@dataclass(frozen=True)
class Seed:
    name: str
    kind: str  # record, jsonld, page, text
    data: bytes


def seeds() -> list[Seed]:
    """The inputs mutations start from: every example, and the test pages (the real one unzipped)."""
    found = [Seed(p.name, "record", p.read_bytes()) for p in sorted(EXAMPLES.glob("*.yaml"))]
    found += [Seed(p.name, "jsonld", p.read_bytes()) for p in sorted(EXAMPLES.glob("*.jsonld"))]
    found += [Seed(p.name, "text", p.read_bytes()) for p in sorted(EXAMPLES.glob("*.txt"))]
    pages = sorted((EXAMPLES / "pages").glob("*.html")) + sorted((DATA / "pages").glob("*.html"))
    found += [Seed(p.name, "page", p.read_bytes()) for p in pages]
    real = DATA / "pages" / "real" / "aljazeera-helicopter-crash.html.gz"
    found.append(Seed("aljazeera-helicopter-crash.html", "page", gzip.decompress(real.read_bytes())))
    record = json.dumps(yaml.safe_load((EXAMPLES / "fact-check-rukban-aid.yaml").read_text(encoding="utf-8")))
    found.append(Seed("fact-check-rukban-aid.json", "record", record.encode()))
    return found


# --- mutations -------------------------------------------------------------------------------------

TOKENS = [
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"\\",
    b",",
    b": ",
    b"\n- ",
    b"\t",
    b"\r",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b'"\\ud800"',
    b"\\udfff",
    b"1e999",
    b"-0",
    b"NaN",
    b"null",
    b"true",
    b"9" * 4400,
    b"1" + b"0" * 25,
    b"&a ",
    b"*a",
    b"&a [*a]",
    b"!!binary aGk=",
    b"!!python/object {}",
    b"? ",
    b"--- ",
    b"...",
    b'"@context": "https://example.org/ctx.jsonld"',
    b'"@id": "_:b0"',
    b'"@type": []',
    b'"@graph": {}',
    b'"@value": {}',
    b'"@list": [[[]]]',
    b'"@reverse": 1',
    b"</script>",
    b"<!--",
    b"-->",
    b'<script type="application/ld+json">',
    b"<![CDATA[",
    b"<head>",
    b"</html>",
    b"&quot;",
    b"&#0;",
    b"\xe2\x80\xa8",
    b"\xf0\x9f\x98\x80",
    b"\xc3",
    b"a" * 5000,
    b"headline:",
    b"published: 2024-13-45",
]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, max(1, len(data) // 4)) :]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _repeat(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 200)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece * rng.choice((2, 10, 1000)) + data[at:]


def _token(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice(TOKENS) + data[at:]
    return data


def _nest(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((60, 101, 150, 1100, 100_000))
    opening, closing = rng.choice(((b"[", b"]"), (b'{"a": ', b"}")))
    deep = opening * depth + b"1" + closing * depth
    at = _value_position(data, rng)
    return data[:at] + deep + data[at:]


def _value_position(data: bytes, rng: random.Random) -> int:
    """Just after a ``: `` (where a value goes), or anywhere."""
    spots = [m.end() for m in re.finditer(rb": ", data[:200_000])]
    return rng.choice(spots) if spots else rng.randrange(len(data) + 1)


def _aliases(data: bytes, rng: random.Random) -> bytes:
    levels = rng.choice((3, 6, 9))
    lines = [b'x0: &x0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [b"x%d: &x%d [%s]" % (i, i, b", ".join([b"*x%d" % (i - 1)] * 10)) for i in range(1, levels + 1)]
    lines.append(b"notes: *x%d" % levels)
    return data.rstrip(b"\n") + b"\n" + b"\n".join(lines) + b"\n"


def _splice(data: bytes, rng: random.Random, pool: list[Seed]) -> bytes:
    other = rng.choice(pool).data
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


def _value(data: bytes, rng: random.Random) -> bytes:
    """One value of the parsed document replaced by an odd one (the structure otherwise kept)."""
    text = data.decode("utf-8", "replace")
    try:
        doc = json.loads(text)
        dump: Callable[[Any], str] = json.dumps
    except (ValueError, RecursionError):
        try:
            doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, RecursionError, ValueError):
            return _token(data, rng)

        def dump(value: Any) -> str:
            return yaml.safe_dump(value, allow_unicode=True)

    odd: list[Any] = [
        None,
        True,
        0,
        -1,
        2**70,
        1.5e308,
        "",
        " ",
        "\ud800",
        "x" * 10_000,
        [],
        {},
        [[]],
        {"@id": "_:b"},
        {"@value": "v", "@language": "xx-invalid"},
        "https://",
        "javascript:alert(1)",
        "2024-02-30T25:00:00Z",
        "</script><script>alert(1)</script>",
        [1, "a", None, {}],
        {"": ""},
        {"@type": 7},
        "publisher",
    ]
    paths = list(_paths(doc))
    if not paths:
        return _token(data, rng)
    parent, key = rng.choice(paths)
    parent[key] = rng.choice(odd)
    try:
        return dump(doc).encode("utf-8", "surrogatepass")
    except (ValueError, TypeError, RecursionError, yaml.YAMLError):
        return _token(data, rng)


def _paths(value: Any, limit: int = 2000) -> Iterator[tuple[Any, Any]]:
    stack = [value]
    seen = 0
    while stack and seen < limit:
        current = stack.pop()
        items = (
            current.items() if isinstance(current, dict) else enumerate(current) if isinstance(current, list) else ()
        )
        for key, child in items:
            seen += 1
            yield current, key
            if isinstance(child, dict | list):
                stack.append(child)


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip": _flip,
    "cut": _cut,
    "truncate": _truncate,
    "repeat": _repeat,
    "token": _token,
    "nest": _nest,
    "aliases": _aliases,
    "value": _value,
}


@dataclass(frozen=True)
class Case:
    seed: Seed
    mutations: tuple[str, ...]
    data: bytes

    @property
    def suffix(self) -> str:
        return {"record": Path(self.seed.name).suffix, "jsonld": ".jsonld", "page": ".html", "text": ".txt"}[
            self.seed.kind
        ]


def cases(count: int, seed: int) -> Iterator[Case]:
    """``count`` mutated inputs, the same for the same ``seed``."""
    rng = random.Random(seed)
    pool = seeds()
    for _ in range(count):
        base = rng.choice(pool)
        data = base.data
        names = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            name = rng.choice([*MUTATIONS, "splice"])
            if name == "aliases" and base.kind != "record":
                name = "nest"
            data = _splice(data, rng, pool) if name == "splice" else MUTATIONS[name](data, rng)
            names.append(name)
        yield Case(base, tuple(names), data)


# --- running the commands ------------------------------------------------------------------------


def commands(case: Case, path: Path, work: Path, *, extract: bool = True) -> list[list[str]]:
    """The commands that take this kind of input (one process, ``-j 1``: no forked workers).
    ``extract``: extract too (its language analysis takes ~0.15 s a KB of text)."""
    page = str(EXAMPLES / "pages" / "syrian-observer-al-tanf.html")
    graph = str(EXAMPLES / "syrian-observer-al-tanf.jsonld")
    out = str(work / "out")
    kind = case.seed.kind
    runs: list[list[str]] = []
    if kind == "record":
        runs += [
            ["build", str(path), "-j", "1", "-o", out, "-f", "jsonld,ttl,nq"],
            ["graph", str(path), "-o", out + ".svg"],
        ]
        runs.append(["diff", str(EXAMPLES / case.seed.name) if case.seed.name.endswith(".yaml") else graph, str(path)])
    if kind in ("jsonld", "page"):
        runs += [["validate", str(path), "-j", "1", "-p", "google-article"], ["graph", str(path), "-o", out + ".svg"]]
        runs.append(["diff", graph, str(path)])
    if kind == "jsonld":
        runs.append(["embed", page, "--graph", str(path), "-o", out + ".html"])
    if kind == "page":
        runs.append(["embed", str(path), "--graph", graph, "-o", out + ".html"])
    if kind in ("page", "text") and extract:
        runs.append(["extract", str(path), "-j", "1", "-o", out + ".yaml", "--url", "https://news.example.org/a.html"])
    return runs


STATUSES = {200, 400, 404, 408, 413, 422, 503}  # the service's documented answers


def requests(case: Case, *, extract: bool) -> list[tuple[str, bytes, dict[str, str]]]:
    """The service's requests for this kind of input: (path, body, headers)."""
    page = (EXAMPLES / "pages" / "syrian-observer-al-tanf.html").read_text(encoding="utf-8")
    graph = (EXAMPLES / "syrian-observer-al-tanf.jsonld").read_text(encoding="utf-8")
    text = case.data.decode("utf-8", "replace")
    name = f"input{case.suffix}"
    as_json = {"Content-Type": "application/json"}
    kind = case.seed.kind
    runs: list[tuple[str, bytes, dict[str, str]]] = []
    if kind == "record":
        runs += [(f"/build?name={name}", case.data, {}), (f"/graph?name={name}", case.data, {})]
        old = case.seed.data.decode("utf-8")
        runs.append(("/diff", json.dumps({"old": old, "new": text, "new_name": name}).encode(), as_json))
    if kind in ("jsonld", "page"):
        runs += [
            (f"/validate?name={name}&profile=google-article", case.data, {}),
            (f"/graph?name={name}", case.data, {}),
        ]
    if kind == "jsonld":
        runs.append(("/embed", json.dumps({"page": page, "graph": text}).encode(), as_json))
        runs.append(
            (
                "/diff",
                json.dumps({"old": graph, "new": text, "old_name": "a.jsonld", "new_name": name}).encode(),
                as_json,
            )
        )
    if kind == "page":
        runs.append(("/embed", json.dumps({"page": text, "graph": json.loads(graph)}).encode(), as_json))
    if kind in ("page", "text") and extract:
        runs.append((f"/extract?name={name}&url=https://news.example.org/a.html", case.data, {}))
    return runs


class TooSlow(Exception):
    pass


@dataclass
class Failure:
    case: Case
    command: list[str]
    what: str

    def __str__(self) -> str:
        return f"{' '.join(self.command)} ({self.case.seed.name}, {'+'.join(self.case.mutations)}): {self.what}"


def run_case(case: Case, work: Path, *, seconds: float = 20.0, extract: bool = True) -> list[Failure]:
    """Run every command of ``case``'s kind in this process; what went wrong (nothing, mostly)."""
    from ldpub.cli import main

    path = work / f"input{case.suffix}"
    path.write_bytes(case.data)
    failures = []
    for command in commands(case, path, work, extract=extract):
        out, err = io.StringIO(), io.StringIO()
        previous = signal.signal(signal.SIGALRM, _too_slow)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(command)
        except TooSlow:
            failures.append(Failure(case, command, f"still running after {seconds:g} s"))
            continue
        except BaseException as exc:  # what the user would see as a traceback
            failures.append(Failure(case, command, f"{type(exc).__name__}: {str(exc)[:300]}"))
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if code not in EXIT_CODES:
            failures.append(Failure(case, command, f"exit {code}: {err.getvalue()[-300:]}"))
        found = INTERNALS.search(err.getvalue())
        if found:
            line = next(x for x in err.getvalue().splitlines() if found.group(0) in x)
            failures.append(Failure(case, command, f"a Python internal in a message: {line[:300]}"))
    return failures


def _too_slow(signum: int, frame: Any) -> None:
    raise TooSlow


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=2000, help="how many mutated inputs (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (the same seed, the same inputs)")
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"), help="where failing inputs are saved")
    parser.add_argument(
        "--quick", action="store_true", help="extract only a third of the pages and texts under 30 KB, as the suite"
    )
    args = parser.parse_args(argv)
    import tempfile

    failures: list[Failure] = []
    start = rss_mb()
    with tempfile.TemporaryDirectory() as work:
        for number, case in enumerate(cases(args.inputs, args.seed), 1):
            extract = not args.quick or ((number - 1) % 3 == 0 and len(case.data) < 30_000)
            for failure in run_case(case, Path(work), extract=extract):
                failures.append(failure)
                args.keep.mkdir(exist_ok=True)
                saved = args.keep / f"{args.seed}-{number}{case.suffix}"
                saved.write_bytes(case.data)
                print(f"FAIL {saved}: {failure}", flush=True)
            if number % 100 == 0:
                print(f"{number} inputs, {len(failures)} failures, {rss_mb() - start:+.0f} MB", flush=True)
    print(f"{args.inputs} inputs, seed {args.seed}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
