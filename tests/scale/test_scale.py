"""The Dask scale path gives the same stories and briefs as the in-process pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.errors import InputError
from newsfuse.model import Settings
from newsfuse.pipeline import brief_files
from newsfuse.scale import brief_corpus
from tests.conftest import EXAMPLES


def _summary_texts(run_briefs: list[list[str]]) -> list[list[str]]:
    return sorted(run_briefs)


def test_brief_corpus_on_worker_processes_matches_the_pipeline(tmp_path: Path) -> None:
    corpus = EXAMPLES / "harbour-bridge"
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    settings = Settings(summary_words=80)
    local = brief_files([corpus, tmp_path], settings)
    scaled = brief_corpus([corpus, tmp_path], settings, partitions=2, scheduler="processes")

    assert sorted(sorted(s.article_ids) for s in scaled.stories) == sorted(sorted(s.article_ids) for s in local.stories)
    assert _summary_texts([[c.text for c in b.summary] for b in scaled.briefs]) == _summary_texts(
        [[c.text for c in b.summary] for b in local.briefs]
    )
    assert [Path(r.source).name for r in scaled.rejected if Path(r.source).name == "empty.txt"] == ["empty.txt"]


def test_brief_corpus_on_a_local_cluster_of_two_workers_matches_the_pipeline(tmp_path: Path) -> None:
    # dask.distributed comes with the dev extra (and newsfuse[distributed]): a real cluster, two processes
    corpus = EXAMPLES / "harbour-bridge"
    settings = Settings(summary_words=80)
    local = brief_files([corpus], settings)
    scaled = brief_corpus([corpus], settings, partitions=4, scheduler="local:2")

    assert [s.model_dump() for s in scaled.stories] == [s.model_dump() for s in local.stories]
    assert [b.model_dump() for b in scaled.briefs] == [b.model_dump() for b in local.briefs]


@pytest.mark.parametrize("scheduler", ["local:0", "local:two", "celery"])
def test_an_unusable_scheduler_is_a_clear_error(scheduler: str) -> None:
    with pytest.raises(InputError, match="scheduler"):
        brief_corpus([EXAMPLES / "harbour-bridge"], Settings(), scheduler=scheduler)


def test_on_a_cluster_an_article_that_kills_or_stalls_its_worker_fails_alone_with_the_reason(tmp_path: Path) -> None:
    from newsfuse.store.workers import WorkerLimits
    from tests.cli.batch_tasks import CRASH, SPIN, analyse_or_misbehave
    from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

    texts = {
        "a.txt": BRIDGE_A,
        "crash.txt": BRIDGE_B.replace("Traffic resumed", f"Traffic resumed ({CRASH})"),
        "spin.txt": FESTIVAL.replace("The summer", f"The summer ({SPIN})"),
        "b.txt": BRIDGE_B,
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    limits = WorkerLimits(cpu_seconds=5, wall_seconds=120.0)
    run = brief_corpus([tmp_path], Settings(), partitions=1, scheduler="local:1", limits=limits,
                       analyse=analyse_or_misbehave)
    reasons = {Path(failed.source).name: failed.reason for failed in run.failed}
    assert set(reasons) == {"crash.txt", "spin.txt"}
    assert "SIGSEGV" in reasons["crash.txt"] and "CPU-time limit" in reasons["spin.txt"]
    from newsfuse.ingest import ingest_paths

    briefed = {source.id for brief in run.briefs for source in brief.sources}
    assert briefed == {article.id for article in ingest_paths([tmp_path / "a.txt", tmp_path / "b.txt"]).articles}
