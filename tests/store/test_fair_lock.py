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


def test_a_try_takes_it_only_when_it_is_free_and_nobody_waits() -> None:
    lock = FairRLock()
    assert lock.acquire(blocking=False), "free: taken"
    assert lock.acquire(blocking=False), "reentrant for its holder"
    lock.release()
    taken: list[bool] = []
    waiter_queued = threading.Event()

    def other() -> None:
        taken.append(lock.acquire(blocking=False))
        waiter_queued.set()
        with lock:  # now waits its turn
            taken.append(True)

    thread = threading.Thread(target=other)
    thread.start()
    waiter_queued.wait(5)
    assert taken == [False], "held by another thread: not taken"
    time.sleep(0.05)  # the other thread is queued for it now
    lock.release()
    thread.join(5)
    assert taken == [False, True]
    # the lock was handed to the thread that waited, which released it: free again
    assert lock.acquire(blocking=False)
    lock.release()
