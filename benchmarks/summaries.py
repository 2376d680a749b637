"""Cited-summary quality on DUC 2004, Multi-News and AllSides, beside baselines and published systems.

    .venv/bin/python benchmarks/summaries.py [--corpus duc2004 --corpus multinews ...] [--limit N]

DUC 2004 Task 2: ROUGE-1/2 recall at 100 words against the 4 references, the 13 published systems'
summaries (peers-txt/) scored by the same scorer in the same run. Multi-News (250-cluster sample) and
AllSides roundups (307 clusters): ROUGE-1/2/L F1 at the reference's length. LexRank and First-3 run in
the same process. Also: citation precision (share of summary sentences whose every citation passes the
support check) and 20 sampled sentences with their citations, for a read by hand.
Prints the tables and writes benchmarks/results/summaries.json. Annotated articles and sentence vectors are
cached under benchmarks/results/cache (delete it to start afresh; annotations refresh themselves when
ingest/analyse change, vectors when the encoder model does), so a re-run after a fusion or summary change
only pays for texts it has not seen.
Data: DUC 2004 (NIST) with SumRepo peers (Hong et al., LREC 2014); Multi-News (Fabbri et al., ACL 2019);
AllSides roundups (Lee et al., NeuS 2022).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsfuse.evaluate import CORPORA, evaluate_summaries, format_samples, format_table

BENCHMARKS = Path(__file__).resolve().parent
RESULTS = BENCHMARKS / "results" / "summaries.json"
CACHE = BENCHMARKS / "results" / "cache"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="repeatable; default: all three")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters of each corpus (default: all)")
    args = parser.parse_args()
    results: dict[str, object] = {}
    for corpus in args.corpus or CORPORA:
        print(f"running {corpus} ...", file=sys.stderr, flush=True)
        evaluation = evaluate_summaries(corpus, limit=args.limit, cache_dir=CACHE)
        print(format_table(evaluation))
        print(f"\n{corpus}: {len(evaluation.samples)} sampled sentences with their citations")
        print(format_samples(evaluation) + "\n", flush=True)
        # Figures only: the sampled sentences are corpus text, printed above for the read, never committed.
        results[corpus] = {k: v for k, v in evaluation.to_json().items() if k != "samples"}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    previous.update(results)  # a run over one corpus keeps the others' last figures
    RESULTS.write_text(json.dumps(previous, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
