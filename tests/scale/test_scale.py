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
