"""The ingest queue's worker in a process of its own, so analysis never competes with serving.

A ``QueueWorker`` thread beside the server shares the server's interpreter: storing an article (unpickling
the analysis, the lead embedding, story assignment, JSON for the database) holds the GIL that every request
needs, and POST /articles waited behind it (p50 0.9 s under load). ``QueueProcess`` runs the same
``process_queue`` loop in a spawned process with its own ``Store`` over the same database and its own
processor (whose analysis runs, in turn, in an isolated worker with CPU, memory and wall-clock limits).
The server only queues (a committed row) and wakes it; the queue is durable, so nothing acknowledged
depends on this process staying up: a killed worker or server leaves the article queued for the next.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from typing import Protocol, runtime_checkable

from newsfuse.store.protocols import Processor
from newsfuse.store.queue import QueueSettings, process_queue
from newsfuse.store.repository import Store

_log = logging.getLogger(__name__)


@runtime_checkable
class SpawnableProcessor(Protocol):
    """A processor a worker process can rebuild: ``worker_factory()`` is picklable and builds an equal one."""

    def worker_factory(self) -> Callable[[], Processor]: ...


def shared_database(db: str) -> bool:
    """Whether another process can open the same database (an in-memory SQLite one it cannot)."""
    return ":memory:" not in db and db.strip() not in ("", "sqlite://")


def _orphaned() -> bool:
    """The server that started this worker is gone (killed, say): stop after the article in hand."""
    parent = multiprocessing.parent_process()
    return parent is not None and not parent.is_alive()


def _woken(wake: Connection, seconds: float) -> None:
    """Wait up to ``seconds`` for a wake-up (or the server's end of the pipe closing), then drain it."""
    try:
        if wake.poll(seconds):
            while wake.poll(0):
                wake.recv_bytes()
    except (EOFError, OSError):
        time.sleep(seconds)  # the server is gone: ``_orphaned`` says so next


def _run(
    db: str, make_processor: Callable[[], Processor], settings: QueueSettings, wake: Connection, stopping: Event
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when its worker stops
    os.nice(settings.worker_niceness)  # its isolated analysis worker inherits it

    def should_stop() -> bool:
        return stopping.is_set() or _orphaned()

    processor = make_processor()
    try:
        with Store(db) as store:
            while not should_stop():
                try:
                    process_queue(store, processor, settings, should_stop=should_stop)
                except Exception as error:  # the database went away, say: log, wait, try again
                    _log.error("ingest queue: %s", error, exc_info=error)
                    _woken(wake, settings.retry_seconds)
                    continue
                _woken(wake, settings.poll_seconds)
    finally:
        close = getattr(processor, "close", None)
        if callable(close):
            close()


class QueueProcess:
    """``QueueWorker``'s interface (start, wake, stop) over a spawned process. ``make_processor`` must be
    picklable (a module-level function or a ``functools.partial`` of one): it builds the worker's processor."""

    def __init__(
        self, db: str, make_processor: Callable[[], Processor], settings: QueueSettings | None = None
    ) -> None:
        self.db = db
        self.make_processor = make_processor
        self.settings = settings or QueueSettings()
        self._context = multiprocessing.get_context("spawn")
        # a wake-up is a byte down a pipe, written without blocking: an Event's set() waits for the
        # worker to acknowledge, which would hold the server's event loop while the worker is busy
        self._wake_read, self._wake_write = self._context.Pipe(duplex=False)
        os.set_blocking(self._wake_write.fileno(), False)
        self._stopping = self._context.Event()
        self._process: BaseProcess | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._stopping.clear()
        # not a daemon: it starts its own isolated analysis worker
        self._process = self._context.Process(
            target=_run,
            args=(self.db, self.make_processor, self.settings, self._wake_read, self._stopping),
            name="newsfuse-queue",
        )
        self._process.start()

    def wake(self) -> None:
        """Analyse what was just queued now rather than at the next poll (restarting a worker that died)."""
        self.start()
        self._nudge()

    def _nudge(self) -> None:
        # a full pipe holds wake-ups the worker has not read yet: it will look at the queue anyway
        with contextlib.suppress(BlockingIOError):
            self._wake_write.send_bytes(b"w")

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the article in hand (what is still queued stays queued for the next start)."""
        self._stopping.set()
        self._nudge()
        process = self._process
        if process is None:
            return
        process.join(timeout)
        if process.is_alive():  # stuck past the timeout: the queue keeps its article for the next worker
            process.kill()
            process.join(10)
        self._process = None
