"""Where the names go wrong: ldpub's (or spaCy's) errors on GUM news and re3d-train, by type and kind.

Each error of the name + type score (benchmarks/gum.py, benchmarks/re3d.py) falls in one class:

- **wrong type**: the system's name is a gold name (or whole words inside one) of another type;
- **boundary**: it shares a word with a gold name of its type but is neither that name nor inside it
  ("Magistrate Lucy Njeri" for "Lucy Njeri", "Near Palmyra" for "Palmyra");
- **spurious**: it names nothing in the gold;
- **missed**: a gold entity no name matched (counted apart when it is one of the cases above).

    python benchmarks/ner_errors.py [--set gum|re3d] [--system ldpub|model] [--show N]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import re3d
from benchmarks.bench_ner import ldpub_path, model_alone, run
from benchmarks.gum import GoldEntity, Node, articles, normalize


def _words(name: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", name.casefold()))


def classify(node: Node, gold: list[GoldEntity]) -> str:
    name = normalize(node.name)
    inside = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    for g in gold:
        if not g.accepts(node.type) and (name in g.names or any(inside.search(n) for n in g.names)):
            return f"wrong type (gold {g.type})"
    words = _words(name)
    if any(g.accepts(node.type) and any(words & _words(n) for n in g.names) for g in gold):
        return "boundary"
    return "spurious"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("gum", "re3d"), default="gum")
    parser.add_argument("--system", choices=("ldpub", "model"), default="ldpub")
    parser.add_argument("--show", type=int, default=15, help="examples shown per class")
    args = parser.parse_args()
    docs = articles() if args.set == "gum" else re3d.documents()
    system = ldpub_path if args.system == "ldpub" else model_alone
    names = args.set == "re3d"
    per_doc = []
    totals = Counter[str]()
    examples: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        score, _ = run(system, [doc], names=names)
        per_doc.append(score)
        gold = list(doc.gold.values())
        for node in score.wrong:
            kind = classify(node, gold)
            key = f"{node.type:<13} {kind}"
            totals[key] += 1
            examples[key].append(f"{node.name!r} ({doc.name})")
        found_names = {normalize(n.name) for n in score.wrong}
        for g in score.missed:
            why = "missed, found as another type" if g.names & found_names else "missed"
            key = f"{g.type:<13} {why}"
            totals[key] += 1
            examples[key].append(f"{sorted(g.names)[0]!r} ({doc.name})")
    true = sum(s.true for s in per_doc)
    predicted = sum(s.predicted for s in per_doc)
    gold_n = sum(s.gold for s in per_doc)
    p, r = true / max(1, predicted), true / max(1, gold_n)
    print(f"{args.set} {args.system}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}")
    for key, n in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{n:>5}  {key}")
        print("       " + "; ".join(examples[key][: args.show]))


if __name__ == "__main__":
    main()
