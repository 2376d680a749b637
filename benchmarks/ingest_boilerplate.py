"""Web boilerplate removal on Multi-News sources (Fabbri et al., ACL 2019; ../shared/corpora/multinews).

Run: .venv/bin/python benchmarks/ingest_boilerplate.py [--show N]
Prints how many lines ``strip_boilerplate`` removes, the most frequent removed lines, and the removed lines
that look like prose (long, ending a sentence) for a human to judge; writes benchmarks/results/ingest_boilerplate.json.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.ingest import ingest_text, strip_boilerplate

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "multinews" / "sample_test.csv"
RESULTS = Path(__file__).resolve().parent / "results" / "ingest_boilerplate.json"
_PROSE = re.compile(r"[.!?][\"'”’]?$")
_PROSE_MIN_WORDS = 12


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=25, help="how many removed lines to print")
    args = parser.parse_args()
    csv.field_size_limit(1 << 30)
    with CORPUS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    documents = [doc for row in rows for doc in ast.literal_eval(row["documents"])]
    lines_total = 0
    removed: Counter[str] = Counter()
    prose_like: list[str] = []
    rejected = 0
    started = time.perf_counter()
    for document in documents:
        lines = [" ".join(line.split()) for line in document.split("\n")]
        lines = [line for line in lines if line]
        lines_total += len(lines)
        kept = {" ".join(line.split()) for line in strip_boilerplate(document).split("\n")}
        for line in lines:
            if line not in kept:
                removed[line] += 1
                if len(line.split()) >= _PROSE_MIN_WORDS and _PROSE.search(line):
                    prose_like.append(line)
        try:
            ingest_text(document, source="multinews")
        except InputError:
            rejected += 1
    seconds = time.perf_counter() - started
    removed_total = sum(removed.values())
    print(f"Multi-News sample: {len(documents)} source documents, {lines_total} non-empty lines")
    share = 100 * removed_total / max(lines_total, 1)
    print(f"removed lines: {removed_total} ({share:.1f} %), distinct {len(removed)}")
    print(f"removed lines that look like prose (>= {_PROSE_MIN_WORDS} words, sentence end): {len(prose_like)}")
    print(f"documents with no text left after cleaning: {rejected}; full ingest_text time {seconds:.2f} s")
    print("\nmost frequent removed lines:")
    for line, count in removed.most_common(args.show):
        print(f"  {count:4d}  {line[:100]}")
    print("\nprose-like removed lines (check these by eye):")
    for line in prose_like[: args.show]:
        print(f"  - {line[:160]}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "corpus": "Multi-News sample_test.csv (Fabbri et al., ACL 2019), 250 clusters",
                "documents": len(documents),
                "lines": lines_total,
                "removed_lines": removed_total,
                "removed_share": removed_total / max(lines_total, 1),
                "prose_like_removed": len(prose_like),
                "prose_like_examples": prose_like[:50],
                "top_removed": removed.most_common(50),
                "documents_rejected": rejected,
                "seconds": seconds,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"\nwrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
