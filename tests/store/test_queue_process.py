"""The queue worker in a process of its own: it analyses what the server queued, in its own process (not
the server's), is woken at once by a new article, stops with the server leaving the rest queued, and
the server answers readers and POSTs while it works."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import httpx
import numpy as np
import pytest
from numpy.typing import NDArray

from newsfuse.ingest import ingest_bytes
from newsfuse.model import AnnotatedArticle, Article, Story
from newsfuse.serve import create_app
from newsfuse.store import Store, article_state, enqueue
from newsfuse.store.queue import QueueSettings
from newsfuse.store.queue_process import QueueProcess, QueueProcessLimits, shared_database
from tests.live import live_server
from tests.serve.auth import AUTH, OPTIONS
from tests.store.fakes import FakeAssigner, FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

# polls so rarely that only a wake-up explains an article analysed within the test's seconds
SLOW_POLL = QueueSettings(poll_seconds=600.0)


class PidRecordingProcessor(FakeProcessor):
    """Keeps the id of the process that analysed each article in its url, so the test can tell where it ran."""

    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        where = f"pid:{os.getpid()}"
        return [
            a.model_copy(update={"article": a.article.model_copy(update={"url": where})})
            for a in super().analyse(articles)
        ]


class StallingAssigner(FakeAssigner):
    """Never finishes placing an article that mentions a "riverboat" (as a pattern backtracking on its text
    would not)."""

    def assign(self, article: AnnotatedArticle, vector: NDArray[np.float32]) -> Story:
        while "riverboat" in article.article.text:
            time.sleep(0.05)
        return super().assign(article, vector)


class StallingProcessor(FakeProcessor):
    def new_assigner(self) -> StallingAssigner:
        return StallingAssigner(self.threshold, self.thread_threshold)


def _articles(*texts: str) -> list[Article]:
    return [a for text in texts for a in ingest_bytes(text.encode(), source="upload:post").articles]


def _wait_analysed(store: Store, article_ids: list[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(article_state(store, i) == ("analysed", None) for i in article_ids):
            return
        time.sleep(0.05)
    raise AssertionError(f"not analysed within {seconds} s: {[article_state(store, i) for i in article_ids]}")


def test_the_worker_process_analyses_what_is_queued_and_is_woken_at_once(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    worker = QueueProcess(db, PidRecordingProcessor, SLOW_POLL)
    with Store(db) as store:
        worker.start()
        try:
            first = [q.article_id for q in enqueue(store, _articles(BRIDGE_A)).queued]
            _wait_analysed(store, first)  # queued before it looked: found on its first pass
            later = [q.article_id for q in enqueue(store, _articles(BRIDGE_B, FESTIVAL)).queued]
            started = time.monotonic()
            worker.wake()
            _wait_analysed(store, later, seconds=30)
            assert time.monotonic() - started < 30, "woken, not polled"
            stored = [store.article(i) for i in first + later]
            assert all(a is not None and a.article.url == f"pid:{worker.pid}" for a in stored)
            assert worker.pid != os.getpid()
            assert store.story_of(first[0]) == store.story_of(later[0]), "grouped across wake-ups"
            assert store.check_consistency() == []
        finally:
            worker.stop()
    assert worker.pid is None


def test_a_stopped_worker_leaves_the_queue_for_the_next(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    with Store(db) as store:
        worker = QueueProcess(db, FakeProcessor, SLOW_POLL)
        worker.start()
        worker.stop()
        queued = [q.article_id for q in enqueue(store, _articles(BRIDGE_A, FESTIVAL)).queued]
        assert [article_state(store, i) for i in queued] == [("queued", None)] * 2
        again = QueueProcess(db, partial(FakeProcessor, fail_on="jazz festival"), SLOW_POLL)
        again.wake()  # starts it
        try:
            deadline = time.monotonic() + 60
            while any(article_state(store, i) == ("queued", None) for i in queued) and time.monotonic() < deadline:
                time.sleep(0.05)
            states = [article_state(store, i) for i in queued]
        finally:
            again.stop()
    assert states[0] == ("analysed", None)
    assert states[1] is not None and states[1][0] == "failed" and "cannot analyse" in (states[1][1] or "")


def test_the_server_with_a_worker_process_answers_and_analyses(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    with Store(db) as store:
        processor = FakeProcessor()
        app = create_app(store, processor, options=OPTIONS, queue_worker=QueueProcess(db, FakeProcessor, SLOW_POLL))
        with live_server(app) as base, httpx.Client(base_url=base, timeout=30, headers=AUTH) as client:
            ids = []
            for text in (BRIDGE_A, BRIDGE_B):
                posted = client.post("/articles", content=text.encode(), headers={"content-type": "text/plain"})
                assert posted.status_code == 202, posted.text
                ids.append(posted.json()["queued"][0]["article_id"])
            _wait_analysed(store, ids, seconds=30)
            assert client.get(f"/articles/{ids[0]}").json()["state"] == "analysed"
            assert client.get("/stories").json()["total"] == 1
        assert processor.analysed == [], "nothing was analysed in the server's process"


def test_an_article_that_never_finishes_placing_is_failed_and_the_queue_goes_on(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    stalling = "The riverboat festival opened on the quay with music and stalls for the summer."
    worker = QueueProcess(db, StallingProcessor, SLOW_POLL, QueueProcessLimits(assign_seconds=2.0, check_seconds=0.1))
    with Store(db) as store:
        queued = [q.article_id for q in enqueue(store, _articles(BRIDGE_A, stalling, FESTIVAL)).queued]
        first_pid = None
        worker.start()
        try:
            first_pid = worker.pid
            deadline = time.monotonic() + 60
            while any(article_state(store, i) == ("queued", None) for i in queued) and time.monotonic() < deadline:
                time.sleep(0.1)
            states = [article_state(store, i) for i in queued]
            assert worker.pid != first_pid, "the stuck queue process was replaced"
        finally:
            worker.stop()
        assert states[0] == ("analysed", None) and states[2] == ("analysed", None), states
        assert states[1] is not None and states[1][0] == "failed", states
        assert "story assignment limit" in (states[1][1] or "")
        assert [article_id for article_id, _ in worker.overruns] == [queued[1]]
        assert store.check_consistency() == []


@pytest.mark.parametrize(("db", "shared"), [("news.db", True), (":memory:", False), ("sqlite://", False)])
def test_only_a_database_another_process_can_open_is_shared(db: str, shared: bool) -> None:
    assert shared_database(db) is shared
