"""The isolated worker: a call that overruns its memory, CPU-time or wall-clock budget, or kills its
process, fails with the reason; the next call gets a fresh worker. Real processes, small budgets."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsfuse.serve import create_app
from newsfuse.store import BriefFailed, Store
from newsfuse.store.workers import IsolatedWorker, WorkerFailed, WorkerLimits, WorkerPool, WorkerStopped
from tests.live import live_server
from tests.serve.auth import AUTH, OPTIONS
from tests.store import worker_tasks
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B

LIMITS = WorkerLimits(memory_bytes=1024**3, cpu_seconds=1, wall_seconds=10.0, start_seconds=60.0)


@pytest.fixture
def worker() -> Iterator[IsolatedWorker]:
    isolated = IsolatedWorker(LIMITS)
    yield isolated
    isolated.close()


def test_a_call_returns_its_value(worker: IsolatedWorker) -> None:
    assert worker.call(worker_tasks.double, 21) == 42


def test_over_the_memory_limit_fails_with_the_reason_and_the_next_call_works(worker: IsolatedWorker) -> None:
    with pytest.raises(WorkerFailed, match=r"over the 1\.0 GB memory limit"):
        worker.call(worker_tasks.allocate, 2.0)
    assert worker.call(worker_tasks.double, 2) == 4


def test_over_the_cpu_time_limit(worker: IsolatedWorker) -> None:
    with pytest.raises(WorkerFailed, match="CPU-time limit"):
        worker.call(worker_tasks.spin, 30.0)
    assert worker.call(worker_tasks.double, 3) == 6


def test_over_the_wall_clock_limit(worker: IsolatedWorker) -> None:
    with pytest.raises(WorkerFailed, match="wall-clock limit"):
        worker.call(worker_tasks.sleep, 60.0)
    assert worker.call(worker_tasks.double, 4) == 8


def test_a_worker_that_dies_is_reported_and_replaced(worker: IsolatedWorker) -> None:
    with pytest.raises(WorkerFailed, match="SIGSEGV"):
        worker.call(worker_tasks.crash)
    assert worker.call(worker_tasks.double, 5) == 10


def test_an_exception_in_the_task_is_its_reason_and_the_worker_stays(worker: IsolatedWorker) -> None:
    with pytest.raises(WorkerFailed, match="ValueError: this article cannot be read"):
        worker.call(worker_tasks.fail)
    assert worker.call(worker_tasks.double, 6) == 12


def test_close_stops_the_call_in_hand_at_once_as_no_failure_and_the_next_call_works(worker: IsolatedWorker) -> None:
    worker.call(worker_tasks.double, 1)  # started and ready
    outcome: list[BaseException | str] = []

    def call() -> None:
        try:
            outcome.append(worker.call(worker_tasks.sleep, 9.0))  # within the 10 s wall limit
        except BaseException as error:  # what the call raised is what is checked
            outcome.append(error)

    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(0.5)
    started = time.monotonic()
    worker.close()
    caller.join(timeout=10)
    assert time.monotonic() - started < 3, "close waited for the call in hand"
    assert len(outcome) == 1 and isinstance(outcome[0], WorkerStopped), outcome
    assert not isinstance(outcome[0], Exception), "no handler of a failure may take it for one"
    assert worker.call(worker_tasks.double, 2) == 4


def test_a_failed_brief_is_kept_and_shown_not_a_500(tmp_path: Path) -> None:
    processor = FakeProcessor()
    processor.fail_brief_on = "bridge"
    with Store(str(tmp_path / "news.db")) as store, live_server(create_app(store, processor, options=OPTIONS)) as base:
        posted = httpx.post(
            f"{base}/articles", content=BRIDGE_A.encode(), headers={"content-type": "text/plain", **AUTH},
            params={"wait": "20"},
        )
        story_id = posted.json()["added"][0]["story_id"]
        for _ in range(2):
            answer = httpx.get(f"{base}/stories/{story_id}/brief")
            assert answer.status_code == 422
            assert (
                answer.json()["error"] == "the brief could not be computed: MemoryError: over the 3.0 GB memory limit"
            )
        assert processor.briefed == [story_id], "the failure is kept, not recomputed on every read"
        page = httpx.get(f"{base}/story/{story_id}")
        assert page.status_code == 422 and "This story has no brief" in page.text and "memory limit" in page.text
        with pytest.raises(BriefFailed):
            store.brief(story_id, processor)
        assert httpx.get(f"{base}/stories").is_success, "the server goes on"
        processor.fail_brief_on = None
        joined = httpx.post(
            f"{base}/articles", content=BRIDGE_B.encode(), headers={"content-type": "text/plain", **AUTH},
            params={"wait": "20"},
        )
        assert joined.json()["added"][0]["story_id"] == story_id
        assert httpx.get(f"{base}/stories/{story_id}/brief").is_success, "tried again once an article joins"


def test_a_pool_runs_calls_side_by_side_in_its_workers_and_returns_values_in_order() -> None:
    pool = WorkerPool(2, LIMITS)
    try:
        finished: list[int] = []
        pids = pool.map(lambda w, seconds: w.call(worker_tasks.pid_after, seconds), [0.5] * 4,
                        lambda: finished.append(1))
        doubled = pool.map(lambda w, value: w.call(worker_tasks.double, value), list(range(10)))
    finally:
        pool.close()
    assert len(set(pids)) == 2  # both workers took calls
    assert doubled == [2 * value for value in range(10)]
    assert len(finished) == 4


def test_a_failing_call_in_a_pool_fails_alone() -> None:
    pool = WorkerPool(2, LIMITS)

    def call(worker: IsolatedWorker, value: int) -> int | str:
        try:
            if value == 3:
                return int(worker.call(worker_tasks.crash))
            return int(worker.call(worker_tasks.double, value))
        except WorkerFailed as failure:
            return str(failure)

    try:
        outcomes = pool.map(call, list(range(6)))
    finally:
        pool.close()
    assert [o for i, o in enumerate(outcomes) if i != 3] == [0, 2, 4, 8, 10]
    assert "SIGSEGV" in str(outcomes[3])
