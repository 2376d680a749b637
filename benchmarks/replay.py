"""The story index at up to a million articles: assignment cost and memory as the stream grows.

    nice -n 10 .venv/bin/python benchmarks/replay.py [--sizes 1000,10000,100000,1000000]
                                                     [--max-rss-mb 4096] [--max-minutes 90]
                                                     [--keep-days 60] [--check-every 5000] [--settle-every 200]

Replays the annotated AllSides + DUC 2004 pool into one ``StoryIndex``: the newest annotations and lead
vectors benchmarks/stories.py cached, whatever code version wrote them (assignment cost hardly depends on
annotation details, and annotating 2,000 articles again would cost more than the replay), else computed.
Each pass is shifted by 400 days and made distinct from its original (``stories._perturbed``). At each
size: the assignment cost over the last 1,000 articles (ms per article), the peak RSS and the RSS added
per indexed article. It stops at the last size when the peak RSS passes ``--max-rss-mb`` or the time
budget runs out, and says which stopped it. The index is bounded to its time window
(``newsfuse.story_window``: stories that have not grown for ``--keep-days`` of stream time leave it,
checked every ``--check-every`` articles); ``--keep-days 0`` keeps every article, as the index alone
does. The figures are written after every milestone to benchmarks/results/replay.json
(replay_unbounded.json without eviction), so a stopped run keeps them.
Sources: AllSides headlines 2021-10-19 and DUC 2004 Task 2 (NIST), read from ../shared/corpora.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import deque
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.model import AnnotatedArticle
from newsfuse.stories import StoryIndex, StoryParams
from newsfuse.story_window import WindowedStoryIndex, WindowSettings
from stories import CACHE, _allsides_articles, _annotated, _duc_articles, _peak_rss_mb, _perturbed, _vectors

RESULTS_DIR = Path(__file__).resolve().parent / "results"
WINDOW = 1000


def _rss_now_mb() -> float:
    """The resident set now (Linux /proc), beside the peak."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000,200000,500000,1000000")
    parser.add_argument("--max-rss-mb", type=float, default=4096.0)
    parser.add_argument("--max-minutes", type=float, default=90.0)
    parser.add_argument("--keep-days", type=int, default=WindowSettings.keep_days, help="0: never evict")
    parser.add_argument("--check-every", type=int, default=WindowSettings.check_every)
    parser.add_argument(
        "--settle-every",
        type=int,
        default=200,
        help="arrivals between two settles, as the store's busy queue (0: never)",
    )
    parser.add_argument("--out", default="", help="results file under benchmarks/results/ (default: by --keep-days)")
    args = parser.parse_args()
    # the unbounded index's figures are kept apart from the windowed one's
    results = RESULTS_DIR / (args.out or ("replay.json" if args.keep_days > 0 else "replay_unbounded.json"))
    sizes = sorted(int(s) for s in args.sizes.split(","))
    milestones = set(sizes) | set(range(5_000, max(sizes) + 1, 5_000))

    pool_articles: list[AnnotatedArticle] = []
    vectors = []
    for name, loader in (("allsides", _allsides_articles), ("duc2004", _duc_articles)):
        cached = sorted(CACHE.glob(f"stories-{name}-????????????.jsonl"), key=lambda p: p.stat().st_mtime)
        if cached:
            lines = cached[-1].read_text(encoding="utf-8").splitlines()
            annotated = [AnnotatedArticle.model_validate_json(line) for line in lines]
        else:
            annotated = _annotated(name, loader()[0])
        pool_articles.extend(annotated)
        vectors.append(_vectors(name, annotated))
    pool_vectors = np.concatenate(vectors)
    ordered = sorted(range(len(pool_articles)), key=lambda i: (pool_articles[i].article.published or date.min, i))

    index: StoryIndex | WindowedStoryIndex = StoryIndex(None, StoryParams())
    if args.keep_days > 0:
        index = WindowedStoryIndex(index, WindowSettings(keep_days=args.keep_days, check_every=args.check_every))
    rss_start = _peak_rss_mb()
    report: dict[str, Any] = {
        "pool": len(pool_articles),
        "rss_before_index_mb": round(rss_start, 1),
        "keep_days": args.keep_days,
        "check_every": args.check_every,
        "settle_every": args.settle_every,
        "rows": [],
    }
    deadline = time.monotonic() + 60 * args.max_minutes
    added = 0
    copy = 0
    stamps: deque[float] = deque([time.perf_counter()], maxlen=WINDOW + 1)  # after each of the last assigns
    cpu_stamps: deque[float] = deque([time.process_time()], maxlen=WINDOW + 1)  # the same in CPU time
    run_started = stamps[0]
    stopped = "done"
    while added < max(sizes) and stopped == "done":
        shift = timedelta(days=400 * copy)
        for position in ordered:
            article = pool_articles[position] if copy == 0 else _perturbed(pool_articles[position], copy, shift)
            index.assign(article, pool_vectors[position])
            added += 1
            if args.settle_every and added % args.settle_every == 0:  # the store settles as it goes: its cost counts
                index.settle_stories()
                index.take_removed()
            stamps.append(time.perf_counter())
            cpu_stamps.append(time.process_time())
            out_of_time = time.monotonic() > deadline
            if added in milestones or out_of_time:
                rss = _peak_rss_mb()
                row = {
                    "articles": added,
                    "assign_ms_per_article": round(1000 * (stamps[-1] - stamps[0]) / (len(stamps) - 1), 3),
                    "mean_ms_per_article_so_far": round(1000 * (stamps[-1] - run_started) / added, 3),
                    # CPU time: the wall figure moves with the machine's load
                    "assign_cpu_ms_per_article": round(
                        1000 * (cpu_stamps[-1] - cpu_stamps[0]) / (len(cpu_stamps) - 1), 3
                    ),
                    "peak_rss_mb": round(rss, 1),
                    "kb_per_indexed_article": round(1024 * (rss - rss_start) / added, 2),
                    "articles_in_memory": len(index),
                    "rss_now_mb": round(_rss_now_mb(), 1),  # the peak keeps the highest point; this is now
                }
                report["rows"].append(row)
                print(json.dumps(row), flush=True)
                report["largest_size"] = added
                results.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
                if rss > args.max_rss_mb:
                    stopped = f"peak RSS {rss:.0f} MB passed {args.max_rss_mb:.0f} MB"
                elif out_of_time:
                    stopped = f"time budget of {args.max_minutes:g} minutes ran out"
                if stopped != "done":
                    break
            if added >= max(sizes):
                break
        copy += 1
    report["stopped"] = stopped
    report["largest_size"] = added
    results.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"largest_size": added, "stopped": stopped}))


if __name__ == "__main__":
    main()
