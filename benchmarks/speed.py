"""Speed of the whole path on the 500 DUC 2004 articles, and where the time goes.

    .venv/bin/python benchmarks/speed.py [--limit N]

Runs ingest → analyse → stories → entities → fuse → brief → render (Markdown) over every article of
../shared/corpora/duc2004/docs pooled, and reports articles per second for the whole path and per stage,
plus the share of the time spent inside spaCy (``Language.pipe``) and the sentence encoder (``encode``)
against newsfuse's own code. Writes benchmarks/results/speed.json.
Source: DUC 2004 Task 2 documents (NIST), read from ../shared/corpora, never copied.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsfuse import pipeline
from newsfuse.embed import get_encoder
from newsfuse.ingest import ingest_paths
from newsfuse.model import Settings
from newsfuse.render import render

ROOT = Path(__file__).resolve().parents[1]
DUC_DOCS = ROOT.parent / "shared" / "corpora" / "duc2004" / "docs"
RESULTS = ROOT / "benchmarks" / "results" / "speed.json"


class Stopwatch:
    """Accumulates seconds spent inside wrapped library calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


def _instrument(watch: Stopwatch) -> None:
    original_pipe = Language.pipe

    def timed_pipe(self: Language, *args: Any, **kwargs: Any) -> Iterator[Any]:
        iterator = iter(original_pipe(self, *args, **kwargs))
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                watch.add("spacy", time.perf_counter() - started)
                return
            watch.add("spacy", time.perf_counter() - started)
            yield item

    Language.pipe = timed_pipe  # type: ignore[method-assign]

    encoder = get_encoder()
    original_encode: Callable[[list[str]], Any] = encoder.encode

    def timed_encode(texts: list[str]) -> Any:
        started = time.perf_counter()
        try:
            return original_encode(texts)
        finally:
            watch.add("encoder", time.perf_counter() - started)

    encoder.encode = timed_encode  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="read only the first N cluster folders (0 = all 50)")
    args = parser.parse_args()
    folders = sorted(p for p in DUC_DOCS.iterdir() if p.is_dir())
    if args.limit:
        folders = folders[: args.limit]

    watch = Stopwatch()
    _instrument(watch)
    settings = Settings()
    stages: dict[str, float] = {}

    started = time.perf_counter()
    report = ingest_paths(folders)
    stages["ingest"] = time.perf_counter() - started

    started = time.perf_counter()
    annotated = pipeline.annotate(report.articles, settings)
    stages["analyse"] = time.perf_counter() - started

    started = time.perf_counter()
    stories, briefs = pipeline.brief_stories(annotated, settings)
    stages["stories+fuse+brief"] = time.perf_counter() - started

    started = time.perf_counter()
    render(briefs, "md")
    stages["render"] = time.perf_counter() - started

    total = sum(stages.values())
    articles = len(report.articles)
    library = watch.seconds.get("spacy", 0.0) + watch.seconds.get("encoder", 0.0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "corpus": "DUC 2004 Task 2 docs (NIST), pooled",
        "articles": articles,
        "duplicates_skipped": len(report.duplicates),
        "rejected": len(report.rejected),
        "stories": len(stories),
        "total_seconds": round(total, 2),
        "articles_per_second": round(articles / total, 2) if total else None,
        "stage_seconds": {name: round(value, 2) for name, value in stages.items()},
        "stage_articles_per_second": {
            name: round(articles / value, 1) if value else None for name, value in stages.items()
        },
        "spacy_seconds": round(watch.seconds.get("spacy", 0.0), 2),
        "encoder_seconds": round(watch.seconds.get("encoder", 0.0), 2),
        "share_spacy": round(watch.seconds.get("spacy", 0.0) / total, 3) if total else None,
        "share_encoder": round(watch.seconds.get("encoder", 0.0) / total, 3) if total else None,
        "share_own_code": round((total - library) / total, 3) if total else None,
        "peak_rss_mb": round(peak_mb, 1),
    }
    print(f"{'articles':<28}{articles}")
    print(f"{'stories':<28}{len(stories)}")
    for name, value in stages.items():
        print(f"{name + ' (s)':<28}{value:8.2f}")
    print(f"{'whole path (articles/s)':<28}{result['articles_per_second']}")
    print(f"{'share in spaCy':<28}{result['share_spacy']}")
    print(f"{'share in encoder':<28}{result['share_encoder']}")
    print(f"{'share in newsfuse code':<28}{result['share_own_code']}")
    print(f"{'peak RSS (MB)':<28}{result['peak_rss_mb']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
