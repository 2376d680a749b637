"""The real pipeline's analysis runs in an isolated worker: an article whose analysis overruns the
worker's limits is rejected with the reason, and the rest of the batch is stored."""

from __future__ import annotations

from pathlib import Path

from newsfuse.pipeline import StoreProcessor
from newsfuse.store import ingest_into_store
from newsfuse.store.workers import WorkerLimits
from tests.store.texts import BRIDGE_A


def test_an_article_over_the_wall_clock_limit_is_rejected_with_the_reason(tmp_path: Path) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text(BRIDGE_A, encoding="utf-8")
    processor = StoreProcessor(limits=WorkerLimits(wall_seconds=0.001))
    try:
        outcome = ingest_into_store([article], str(tmp_path / "news.db"), processor=processor)
    finally:
        processor.close()
    assert not outcome.added
    assert [r.reason for r in outcome.rejected] == ["WorkerFailed: stopped after 0.001 s (the wall-clock limit)"]


def test_analysis_in_the_worker_gives_what_analysis_in_process_gives(tmp_path: Path) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text(BRIDGE_A, encoding="utf-8")
    isolated, direct = StoreProcessor(), StoreProcessor(isolate=False)
    try:
        (read,) = direct.read_paths([article]).articles
        assert isolated.analyse([read]) == direct.analyse([read])
    finally:
        isolated.close()
