"""Agency credits recorded on real text: how many articles carry an agency, which, and the evidence, for
reading by hand. Corpora: the Multi-News sample's raw source documents (web text of many outlets; Fabbri et
al., ACL 2019) and DUC 2004's documents (AP, NYT and Xinhua wires, whose docno names the outlet).

Run: .venv/bin/python benchmarks/ingest_agency.py [--sample 30] [--seed 13]
Printed: counts per agency and per corpus, and a seeded sample of articles with an agency, each with the
lines that credit it (the first lines, and any line naming it), and a sample of articles without one whose
first lines look like a dateline, so misses can be read too. Writes benchmarks/results/ingest_agency.json.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.ingest import ingest_paths, ingest_text
from newsfuse.model import Article

CORPORA = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
RESULTS = Path(__file__).resolve().parent / "results" / "ingest_agency.json"
# a line that opens like a dateline: capitals, then a parenthesis or slash credit (the misses to read)
_LOOKS_LIKE_DATELINE = re.compile(r"^[A-Z][A-Z ,.'’-]{2,40}(\(|/)")


def _multinews() -> list[tuple[str, str]]:
    csv.field_size_limit(1 << 30)
    with (CORPORA / "multinews" / "sample_test.csv").open(encoding="utf-8") as handle:
        documents = [doc for row in csv.DictReader(handle) for doc in ast.literal_eval(row["documents"])]
    return [(f"multinews-{i}", doc) for i, doc in enumerate(documents)]


def _evidence(raw: str, agency: str) -> list[str]:
    lines = [" ".join(line.split()) for line in raw.split("\n") if line.strip()]
    words = [w for w in re.findall(r"\w+", agency) if len(w) > 1]
    named = [line for line in lines[3:] if any(w in line for w in words)]
    return [line[:160] for line in lines[:2] + named[:2]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rows: dict[str, list[tuple[Article, str]]] = {"multinews": [], "duc2004": []}
    for source, document in _multinews():
        try:
            rows["multinews"].append((ingest_text(document, source=source), document))
        except InputError:  # nothing left after cleaning: not an article
            continue
    for article in ingest_paths([CORPORA / "duc2004" / "docs"]).articles:
        path = Path((article.source or "").split("#", 1)[0])  # a DUC file's documents are "file#docno"
        raw = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        rows["duc2004"].append((article, raw.split("<TEXT>", 1)[-1]))
    random.seed(args.seed)
    results: dict[str, object] = {}
    for corpus, pairs in rows.items():
        carried = [(a, raw) for a, raw in pairs if a.agency]
        by_agency = Counter(a.agency for a, _ in carried)
        by_pair = Counter(f"{a.outlet or '?'} via {a.agency}" for a, _ in carried)
        misses = [(a, raw) for a, raw in pairs if not a.agency and _LOOKS_LIKE_DATELINE.match(a.text)]
        print(f"\n== {corpus}: {len(carried)}/{len(pairs)} articles carry an agency")
        print("   " + ", ".join(f"{name} {count}" for name, count in by_agency.most_common()))
        print("   outlet via agency: " + ", ".join(f"{k} {v}" for k, v in by_pair.most_common(12)))
        for article, raw in random.sample(carried, min(args.sample, len(carried))):
            print(f"-- {article.source} ({article.outlet}) -> {article.agency}")
            for line in _evidence(raw, article.agency or ""):
                print(f"     | {line}")
        print(f"   first lines that look like a dateline, no agency recorded: {len(misses)}")
        for article, _ in misses[:10]:
            print(f"     ? {article.source}: {article.text[:120]!r}")
        results[corpus] = {
            "articles": len(pairs),
            "with_agency": len(carried),
            "by_agency": dict(by_agency.most_common()),
            "dateline_like_without_agency": len(misses),
        }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
