"""Ingest throughput into the store, SQLite and PostgreSQL, on the 500 DUC 2004 articles.

    .venv/bin/python benchmarks/ingest_throughput.py [--limit N] [--pg URL]

Each backend runs in its own process (so neither profits from the other's warm caches): a fresh store,
then ``ingest_into_store`` over ../shared/corpora/duc2004/docs with the
real pipeline (read → analyse → embed → assign a story → commit per article), timed end to end; then the
same batch again (every article a duplicate: the idempotence check, timed too); then the store's own
share, measured by replaying the already analysed articles into a third, empty store (analysis and
embedding served from memory), so the database cost shows apart from spaCy's. Without ``--pg`` a throwaway
PostgreSQL server is started (initdb + pg_ctl on loopback, as the tests do).
Writes benchmarks/results/ingest_throughput.json. Source: DUC 2004 Task 2 documents (NIST), read, never copied.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.pg, the throwaway PostgreSQL server the tests use

from tests.pg import create_database, postgres_server  # noqa: E402

from newsfuse.model import AnnotatedArticle, Article, IngestReport, Settings  # noqa: E402
from newsfuse.store import Processor, Store, StoryAssigner, default_processor, ingest_into_store  # noqa: E402

DUC_DOCS = ROOT.parent / "shared" / "corpora" / "duc2004" / "docs"
RESULTS = ROOT / "benchmarks" / "results" / "ingest_throughput.json"


class Recording:
    """Wraps the real processor, remembering what it computed so a replay can skip it."""

    def __init__(self, inner: Processor, limit: int | None) -> None:
        self.inner = inner
        self.limit = limit
        self.annotated: dict[str, AnnotatedArticle] = {}
        self.vectors: dict[str, NDArray[np.float32]] = {}
        self.replay = False

    def read(self, data: bytes, **kwargs: Any) -> IngestReport:
        return self.inner.read(data, **kwargs)

    def read_paths(self, paths: Sequence[Path]) -> IngestReport:
        report = self.inner.read_paths(paths)
        if self.limit is not None:
            report.articles = report.articles[: self.limit]
        return report

    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        if self.replay:
            return [self.annotated[a.id] for a in articles]
        results = self.inner.analyse(articles)
        self.annotated.update((a.article.id, a) for a in results)
        return results

    def embed(self, articles: Sequence[AnnotatedArticle]) -> NDArray[np.float32]:
        if self.replay:
            return np.stack([self.vectors[a.article.id] for a in articles])
        vectors = self.inner.embed(articles)
        self.vectors.update((a.article.id, v) for a, v in zip(articles, vectors, strict=True))
        return vectors

    def new_assigner(self) -> StoryAssigner:
        return self.inner.new_assigner()

    def brief(self, *args: Any) -> Any:
        return self.inner.brief(*args)

    def render(self, *args: Any) -> str:
        return self.inner.render(*args)


@contextmanager
def _postgres(url: str | None) -> Iterator[str]:
    if url:
        yield url
    else:
        with postgres_server() as server:
            yield server


def _run(db: str, processor: Recording) -> dict[str, Any]:
    started = time.perf_counter()
    outcome = ingest_into_store([DUC_DOCS], db, processor=processor)
    seconds = time.perf_counter() - started
    again_started = time.perf_counter()
    again = ingest_into_store([DUC_DOCS], db, processor=processor)
    again_seconds = time.perf_counter() - again_started
    with Store(db) as store:
        problems = store.check_consistency()
        articles, stories = store.count_articles(), store.count_stories()
    return {
        "articles": len(outcome.added),
        "rejected": len(outcome.rejected),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(outcome.added) / seconds, 2),
        "rerun_added": len(again.added),
        "rerun_duplicates": len(again.duplicates),
        "rerun_seconds": round(again_seconds, 2),
        "stored_articles": articles,
        "stories": stories,
        "consistency_problems": len(problems),
    }


def _replay(db: str, processor: Recording) -> dict[str, Any]:
    processor.replay = True
    try:
        started = time.perf_counter()
        outcome = ingest_into_store([DUC_DOCS], db, processor=processor)
        seconds = time.perf_counter() - started
    finally:
        processor.replay = False
    return {
        "articles": len(outcome.added),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(outcome.added) / seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--pg", help="a PostgreSQL server URL to use instead of a throwaway one")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)  # the child's part
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        _child(args)
        return
    workdir = Path(tempfile.mkdtemp(prefix="newsfuse-ingest-"))
    result: dict[str, Any] = {
        "benchmark": "ingest_throughput",
        "corpus": "DUC 2004 Task 2 docs",
        "cpu_count": os.cpu_count(),
        "backends": {},
    }
    with _postgres(args.pg) as pg_server:
        for backend in ("sqlite", "postgresql"):
            command = [sys.executable, __file__, "--only", backend, "--pg", pg_server, "--workdir", str(workdir)]
            if args.limit:
                command += ["--limit", str(args.limit)]
            subprocess.run(command, check=True)
            result["backends"][backend] = json.loads((workdir / f"{backend}.json").read_text(encoding="utf-8"))

    print(
        f"{'backend':<12}{'articles':>9}{'seconds':>9}{'art/s':>8}{'store-only art/s':>18}{'re-run s':>10}"
        f"{'dupes':>7}{'stories':>9}"
    )
    for backend, row in result["backends"].items():
        print(
            f"{backend:<12}{row['articles']:>9}{row['seconds']:>9}{row['articles_per_second']:>8}"
            f"{row['store_only']['articles_per_second']:>18}{row['rerun_seconds']:>10}"
            f"{row['rerun_duplicates']:>7}{row['stories']:>9}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def _child(args: argparse.Namespace) -> None:
    workdir = Path(args.workdir)
    processor = Recording(default_processor(Settings()), args.limit)
    if args.only == "sqlite":
        fresh, replay_db = str(workdir / "sqlite.db"), str(workdir / "sqlite-replay.db")
    else:
        fresh, replay_db = create_database(args.pg), create_database(args.pg)
    row = _run(fresh, processor)
    row["store_only"] = _replay(replay_db, processor)
    (workdir / f"{args.only}.json").write_text(json.dumps(row), encoding="utf-8")


if __name__ == "__main__":
    main()
