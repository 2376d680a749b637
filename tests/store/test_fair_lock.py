"""The store's write lock is granted in arrival order: a writer that releases and re-takes it at once (the
ingest worker storing a batch) lets the one already waiting go first."""

from __future__ import annotations

import threading
import time

from newsfuse.store.fair_lock import FairRLock


def test_a_waiting_writer_goes_before_the_holder_takes_it_again() -> None:
    lock = FairRLock()
    turns: list[str] = []
    stop = threading.Event()
    started = threading.Event()

    def busy_writer() -> None:
        while not stop.is_set():
            with lock:
                turns.append("busy")
                started.set()
                time.sleep(0.01)

    thread = threading.Thread(target=busy_writer)
    thread.start()
    started.wait(5)
    with lock:  # waits for one turn of the busy writer, not for it to stop
        turns.append("waiting")
    stop.set()
    thread.join(5)
    assert turns.index("waiting") <= 2


def test_it_is_reentrant() -> None:
    lock = FairRLock()
    with lock, lock:
        pass
    assert lock.acquire() and lock.release() is None
