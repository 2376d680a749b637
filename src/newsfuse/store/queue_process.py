"""The ingest queue's worker in a process of its own, so analysis never competes with serving.

A ``QueueWorker`` thread beside the server shares the server's interpreter: storing an article (unpickling
the analysis, the lead embedding, story assignment, JSON for the database) holds the GIL that every request
needs, and POST /articles waited behind it (p50 0.9 s under load). ``QueueProcess`` runs the same
``process_queue`` loop in a spawned process with its own ``Store`` over the same database and its own
processor (whose analysis runs, in turn, in an isolated worker with CPU, memory and wall-clock limits).
The server only queues (a committed row) and wakes it; the queue is durable, so nothing acknowledged
depends on this process staying up: a killed worker or server leaves the article queued for the next.

Stopping does not wait for the article in hand, whose analysis may run for minutes (a hostile one, up to
its worker's limits): a thread of the queue process kills its isolated workers as soon as the server asks
it to stop (or dies), the call in hand raises ``WorkerStopped``, and the article stays queued, as after a
kill. The server waits a few seconds for that, then kills the process itself.

Placing an article in a story runs in the queue process itself, outside the isolated worker's limits. So
that no article can hold the queue there for ever (a pattern that backtracks on its text, say), the queue
process says which article it is placing and since when (``_Beat``), and the server's side kills it when
one takes longer than ``QueueProcessLimits.assign_seconds``, then starts a new one, which marks that
article failed with the reason before it goes on with the rest.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.sharedctypes
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from typing import Any, Protocol, cast, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from newsfuse.model import AnnotatedArticle, Story
from newsfuse.store.protocols import Processor, StoryAssigner
from newsfuse.store.queue import QueueSettings, _mark_failed, process_queue
from newsfuse.store.repository import Store
from newsfuse.store.workers import WorkerStopped, stop_all_workers

_log = logging.getLogger(__name__)
# how often the queue process looks whether it was told to stop while its loop waits on an analysis
_STOP_CHECK_SECONDS = 0.2


@dataclass(frozen=True)
class QueueProcessLimits:
    # placing one article in a story takes milliseconds (the story index's first rebuild, which can take
    # longer, is not counted): past this, the queue process is killed and the article failed with the reason
    assign_seconds: float = 60.0
    # how often the server's side looks
    check_seconds: float = 0.5


class _Beat:
    """Which article the queue process is placing in a story, and since when (shared memory, written by
    the queue process, read by the server's watchdog): no article, no time."""

    def __init__(self, context: Any) -> None:
        self._article: Any = context.Array("c", 128, lock=False)
        self._since: Any = context.Value("d", 0.0, lock=False)

    def begin(self, article_id: str) -> None:
        self._since.value = 0.0
        self._article.value = article_id.encode("utf-8")[:127]
        self._since.value = time.monotonic()  # CLOCK_MONOTONIC: the same clock in every process

    def end(self) -> None:
        self._since.value = 0.0

    def overdue(self, seconds: float) -> str | None:
        """The article being placed for over ``seconds``, if one is."""
        since = float(self._since.value)
        if since and time.monotonic() - since > seconds:
            return bytes(self._article.value).decode("utf-8", "replace") or None
        return None


class _WatchedAssigner:
    """The story assigner, saying on ``beat`` which article it is placing."""

    def __init__(self, assigner: StoryAssigner, beat: _Beat) -> None:
        self._assigner = assigner
        self._beat = beat

    def __getattr__(self, name: str) -> Any:
        return getattr(self._assigner, name)

    def __len__(self) -> int:
        return len(cast(Any, self._assigner))

    def restore(self, article: AnnotatedArticle, vector: NDArray[np.float32], story_id: str) -> None:
        self._assigner.restore(article, vector, story_id)

    def assign(self, article: AnnotatedArticle, vector: NDArray[np.float32]) -> Story:
        self._beat.begin(article.article.id)
        try:
            return self._assigner.assign(article, vector)
        finally:
            self._beat.end()

    def take_thread_changes(self) -> list[Story]:
        return self._assigner.take_thread_changes()


class _WatchedProcessor:
    """The queue process's processor, whose story assigners report on ``beat``."""

    def __init__(self, processor: Processor, beat: _Beat) -> None:
        self._processor = processor
        self._beat = beat

    def __getattr__(self, name: str) -> Any:
        return getattr(self._processor, name)

    def new_assigner(self) -> StoryAssigner:
        return _WatchedAssigner(self._processor.new_assigner(), self._beat)


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


def _stop_workers_when_told(should_stop: Callable[[], bool]) -> None:
    """Beside the queue loop, whose thread may be waiting minutes on one analysis: once the server says
    stop (or is gone), kill this process's isolated workers, so that wait ends now."""
    while not should_stop():
        time.sleep(_STOP_CHECK_SECONDS)
    stop_all_workers()


def _run(
    db: str,
    make_processor: Callable[[], Processor],
    settings: QueueSettings,
    wake: Connection,
    stopping: Event,
    beat: _Beat,
    blamed: tuple[str, str] | None,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when its worker stops
    os.nice(settings.worker_niceness)  # its isolated analysis worker inherits it

    def should_stop() -> bool:
        return stopping.is_set() or _orphaned()

    watcher = threading.Thread(target=_stop_workers_when_told, args=(should_stop,), name="newsfuse-stop", daemon=True)
    watcher.start()
    processor = make_processor()
    watched = cast(Processor, _WatchedProcessor(processor, beat))
    try:
        with Store(db) as store:
            if blamed is not None:  # the article the last queue process was killed over
                _mark_failed(store, *blamed)
            while not should_stop():
                try:
                    process_queue(store, watched, settings, should_stop=should_stop)
                except WorkerStopped:  # told to stop mid-article: the article stays queued
                    break
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
        self,
        db: str,
        make_processor: Callable[[], Processor],
        settings: QueueSettings | None = None,
        limits: QueueProcessLimits | None = None,
    ) -> None:
        self.db = db
        self.make_processor = make_processor
        self.settings = settings or QueueSettings()
        self.limits = limits or QueueProcessLimits()
        self._context = multiprocessing.get_context("spawn")
        self._beat = _Beat(self._context)
        self._start_lock = threading.Lock()
        self._watchdog: threading.Thread | None = None
        # the articles the watchdog failed, with the reason (the latest last)
        self.overruns: list[tuple[str, str]] = []
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
        with self._start_lock:
            if self._process is not None and self._process.is_alive():
                return
            self._stopping.clear()
            self._spawn(None)
            if self._watchdog is None or not self._watchdog.is_alive():
                self._watchdog = threading.Thread(target=self._watch, name="newsfuse-queue-watchdog", daemon=True)
                self._watchdog.start()

    def _spawn(self, blamed: tuple[str, str] | None) -> None:
        self._beat.end()
        # not a daemon: it starts its own isolated analysis worker
        self._process = self._context.Process(
            target=_run,
            args=(self.db, self.make_processor, self.settings, self._wake_read, self._stopping, self._beat, blamed),
            name="newsfuse-queue",
        )
        self._process.start()

    def _watch(self) -> None:
        """Kill a queue process that has been placing one article for too long, and start another, which
        fails that article with the reason and goes on with the rest of the queue."""
        limit = self.limits.assign_seconds
        while not self._stopping.wait(self.limits.check_seconds):
            article_id = self._beat.overdue(limit)
            if article_id is None:
                continue
            with self._start_lock:
                process = self._process
                if self._stopping.is_set() or process is None or self._beat.overdue(limit) != article_id:
                    continue
                process.kill()  # the queue is durable: the article in hand stays queued, the index is rebuilt
                process.join(10)
                reason = f"placing it in a story took over {limit:g} s (the story assignment limit)"
                _log.error("ingest queue: article %s: %s; queue process restarted", article_id, reason)
                self.overruns.append((article_id, reason))
                self._spawn((article_id, reason))

    def wake(self) -> None:
        """Analyse what was just queued now rather than at the next poll (restarting a worker that died)."""
        self.start()
        self._nudge()

    def _nudge(self) -> None:
        # a full pipe holds wake-ups the worker has not read yet: it will look at the queue anyway
        with contextlib.suppress(BlockingIOError):
            self._wake_write.send_bytes(b"w")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop now, the article in hand left queued with the rest for the next start. The process is given
        ``timeout`` seconds to end on its own, then as long again after SIGTERM, then it is killed: the
        queue is durable, so even a kill loses nothing acknowledged."""
        self._stopping.set()
        self._nudge()
        with self._start_lock:  # the watchdog restarts no process from now on
            process = self._process
        if process is None:
            return
        process.join(timeout)
        for end in (process.terminate, process.kill):
            if not process.is_alive():
                break
            end()
            process.join(timeout)
        self._process = None
