"""The scale path on dask.distributed: throughput with 1 and 2 workers against the in-process run, same output.

    nice -n 10 .venv/bin/python benchmarks/scale_speed.py [--limit N] [--workers 1,2]

Briefs the DUC 2004 clusters (the first N folders; all 50 by default) in this process with
``pipeline.brief_files``, then with ``scale.brief_corpus`` on a ``LocalCluster`` of 1 and of 2 worker
processes on loopback (cluster start and the workers' model loading included: that is what a run pays), and
checks that every run gives the same stories and the same briefs (the whole brief, not only the summaries).
Writes benchmarks/results/scale_speed.json. Source: DUC 2004 Task 2 (NIST), read from ../shared/corpora.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from newsfuse.model import Settings
from newsfuse.pipeline import BriefRun, brief_files
from newsfuse.scale import brief_corpus

ROOT = Path(__file__).resolve().parents[1]
DUC_DOCS = ROOT.parent / "shared" / "corpora" / "duc2004" / "docs"
RESULTS = ROOT / "benchmarks" / "results" / "scale_speed.json"


def _output(run: BriefRun) -> tuple[list[Any], list[Any]]:
    return [s.model_dump(mode="json") for s in run.stories], [b.model_dump(mode="json") for b in run.briefs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="the first N cluster folders (0 = all 50)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()
    folders = sorted(p for p in DUC_DOCS.iterdir() if p.is_dir())
    if args.limit:
        folders = folders[: args.limit]
    settings = Settings()

    started = time.perf_counter()
    baseline = brief_files(folders, settings)
    seconds = time.perf_counter() - started
    articles = sum(len(s.article_ids) for s in baseline.stories)
    expected = _output(baseline)
    rows: list[dict[str, Any]] = [
        {"run": "in-process", "seconds": round(seconds, 1), "articles_per_second": round(articles / seconds, 3)}
    ]
    print(json.dumps(rows[-1]), flush=True)
    for workers in (int(w) for w in args.workers.split(",")):
        started = time.perf_counter()
        scaled = brief_corpus(folders, settings, partitions=args.partitions, scheduler=f"local:{workers}")
        seconds = time.perf_counter() - started
        stories, briefs = _output(scaled)
        rows.append(
            {
                "run": f"local:{workers}",
                "seconds": round(seconds, 1),
                "articles_per_second": round(articles / seconds, 3),
                "same_stories": stories == expected[0],
                "same_briefs": briefs == expected[1],
                "same_summaries": [[c["text"] for c in b["summary"]] for b in briefs]
                == [[c["text"] for c in b["summary"]] for b in expected[1]],
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    result = {
        "corpus": "DUC 2004 Task 2 docs (NIST)",
        "folders": len(folders),
        "articles": articles,
        "stories": len(baseline.stories),
        "cpu_count": os.cpu_count(),
        "load_average_at_end": os.getloadavg()[0],
        "runs": rows,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
