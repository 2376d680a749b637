"""Work isolated from serving: a call runs in a worker process with CPU-time, memory and wall-clock limits.

One bad article (or story) must not take the server or a batch down. The worker is a spawned process
(no fork of a threaded server) that keeps its models loaded between calls. Its address space is capped
(``RLIMIT_AS``: an allocation past it raises ``MemoryError`` in the worker, which reports it and exits),
each call gets a CPU-time budget (``RLIMIT_CPU``, raised by the call's budget before it starts: past it the
kernel stops the process), and the parent waits at most the wall-clock budget before killing it. Whatever
happens, the caller gets the result or a ``WorkerFailed`` saying which limit was hit, and the next call
starts a fresh worker.

Stopping is never held up by the call in hand: ``close`` (and, for a process that is ending,
``stop_all_workers``) kills the worker first, and the call in hand raises ``WorkerStopped``, which is no
failure of its input, so nothing records it as one. A worker whose parent dies (killed, say) exits too.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import resource
import signal
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from newsfuse.errors import NewsfuseError


@dataclass(frozen=True)
class WorkerLimits:
    # the worker's whole address space; the models take about 1 GB of it
    memory_bytes: int = 3 * 1024**3
    cpu_seconds: int = 120
    wall_seconds: float = 180.0
    # loading the models in a fresh worker
    start_seconds: float = 180.0


class WorkerFailed(NewsfuseError):
    """A call that did not finish in its worker: the limit it hit, or how the worker died."""


class WorkerDidNotStart(WorkerFailed):
    """No worker could be started (the models do not load, or do not fit): no call's input is to blame."""


class WorkerStopped(BaseException):
    """The call was cut short because its worker was stopped (the server or the queue process is shutting
    down). Like ``asyncio.CancelledError`` it is no ``Exception``: the handlers that record an article's or
    a brief's failure let it pass, so an article in hand stays queued and a brief is computed next time."""

    def __init__(self) -> None:
        super().__init__("the worker was stopped (shutting down)")


# every worker of this process, for ``stop_all_workers``; set once the process is ending
_WORKERS: weakref.WeakSet[IsolatedWorker] = weakref.WeakSet()
_PROCESS_ENDING = threading.Event()


def stop_all_workers() -> None:
    """Kill every worker of this process now and start none again: the process is ending. Each call in
    hand raises ``WorkerStopped``; so does every later call."""
    _PROCESS_ENDING.set()
    for worker in list(_WORKERS):
        worker._kill()


_Task = tuple[Callable[..., Any], tuple[Any, ...]]
_Item = TypeVar("_Item")
_Value = TypeVar("_Value")


def _serve(connection: Connection, limits: WorkerLimits, warm_up: Callable[[], None] | None) -> None:
    """The worker's loop: take a task, run it within the limits, send back ("ok", value, CPU seconds),
    ("error", why, CPU seconds), or ("fatal", why, CPU seconds) when the worker cannot go on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a worker stops
    threading.Thread(target=_exit_with_parent, name="newsfuse-worker-orphaned", daemon=True).start()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, hard))
    try:
        if warm_up is not None:
            warm_up()
    except MemoryError:
        connection.send(("error", f"the models do not fit in the {_gigabytes(limits.memory_bytes)} memory limit", 0.0))
        return
    connection.send(("ready", None, 0.0))
    while True:
        try:
            function, arguments = connection.recv()
        except EOFError:
            return
        before = _cpu_seconds()
        _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (int(before) + 1 + limits.cpu_seconds, cpu_hard))
        try:
            value = function(*arguments)
        except MemoryError:
            # a worker that ran out of memory may hold half-built state: it ends, the next call starts afresh
            reason = f"over the {_gigabytes(limits.memory_bytes)} memory limit"
            connection.send(("fatal", reason, _cpu_seconds() - before))
            return
        except Exception as error:
            message = str(error).splitlines()[0] if str(error) else ""
            reason = f"{type(error).__name__}: {message}" if message else type(error).__name__
            connection.send(("error", reason, _cpu_seconds() - before))
            continue
        connection.send(("ok", value, _cpu_seconds() - before))


def _exit_with_parent() -> None:
    """End the worker as soon as its parent is gone: a parent killed outright (SIGKILL, the OOM killer)
    cannot stop it, and an orphan would go on with a call nobody waits for, for up to its CPU limit."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # waits on the parent's sentinel: returns when the parent ends
        os._exit(1)


def _cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def peak_rss_mb() -> float:
    """The calling process's peak resident memory in MB (called in a worker: the worker's)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _gigabytes(size: int) -> str:
    return f"{size / 1024**3:.1f} GB"


class IsolatedWorker:
    """One worker process at a time; calls are serialised (the models are not shared between threads)."""

    def __init__(self, limits: WorkerLimits | None = None, warm_up: Callable[[], None] | None = None) -> None:
        self.limits = limits or WorkerLimits()
        self.warm_up = warm_up
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()
        # set by ``close`` until it has stopped the worker: a call that loses its worker meanwhile was stopped
        self._stopping = False
        # the CPU time the last call that finished took in the worker: wall time alone hides contention
        self.last_cpu_seconds = 0.0
        _WORKERS.add(self)

    def call(self, function: Callable[..., Any], *arguments: Any) -> Any:
        """``function(*arguments)`` in the worker (both picklable); its value, or ``WorkerFailed``."""
        with self._lock:
            connection = self._ensure_started()
            try:
                connection.send((function, arguments))
            except (BrokenPipeError, OSError):
                raise self._failure(self._death()) from None
            if not connection.poll(self.limits.wall_seconds):
                self._stop()
                raise WorkerFailed(f"stopped after {self.limits.wall_seconds:g} s (the wall-clock limit)")
            try:
                status, value, self.last_cpu_seconds = connection.recv()
            except (EOFError, OSError):
                raise self._failure(self._death()) from None
            if status == "fatal":
                self._stop()
            if status in ("error", "fatal"):
                raise WorkerFailed(str(value))
            return value

    def close(self) -> None:
        """Stop the worker now, without waiting for the call in hand (which raises ``WorkerStopped``); the
        next call starts a fresh one."""
        self._stopping = True
        self._kill()
        with self._lock:  # the call in hand sees its worker gone and lets go
            self._stop()
            self._stopping = False

    def _stopped(self) -> bool:
        return self._stopping or _PROCESS_ENDING.is_set()

    def _failure(self, reason: str) -> WorkerFailed | WorkerStopped:
        """What a call whose worker went away raises: ``WorkerStopped`` when it was stopped on purpose."""
        return WorkerStopped() if self._stopped() else WorkerFailed(reason)

    def _kill(self) -> None:
        """Kill the worker process without waiting for the lock a call in hand holds (a signal, no wait)."""
        process = self._process
        if process is not None:
            process.kill()

    def _ensure_started(self) -> Connection:
        if self._stopped():
            raise WorkerStopped()
        if self._connection is not None and self._alive():
            return self._connection
        self._stop()
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child, self.limits, self.warm_up), name="newsfuse-worker", daemon=True
        )
        process.start()
        child.close()
        self._process, self._connection = process, parent
        if not parent.poll(self.limits.start_seconds):
            self._stop()
            raise WorkerDidNotStart(f"the worker did not start within {self.limits.start_seconds:g} s")
        try:
            status, value, _ = parent.recv()
        except (EOFError, OSError):
            reason = self._death()
            if self._stopped():
                raise WorkerStopped() from None
            raise WorkerDidNotStart(f"the worker did not start: {reason}") from None
        if status != "ready":
            self._stop()
            raise WorkerDidNotStart(str(value))
        return parent

    def _alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _death(self) -> str:
        """Why the worker is gone, from its exit status."""
        process = self._process
        if process is not None:
            process.join(timeout=5)
        code = process.exitcode if process is not None else None
        self._stop()
        if code == -signal.SIGXCPU:
            return f"stopped after {self.limits.cpu_seconds} s of CPU time (the CPU-time limit)"
        if code == -signal.SIGKILL:
            return "the worker was killed (out of memory, or stopped from outside)"
        if code is not None and code < 0:
            return f"the worker died ({signal.Signals(-code).name})"
        return f"the worker exited unexpectedly (exit status {code})"

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=10)
            self._process = None


class WorkerPool:
    """Isolated workers that take calls side by side, one call in each at a time; each worker is driven by
    one thread of the caller, and the values come back in the order of the calls. On a machine of two cores,
    two single-threaded workers keep both busy where one worker left the second idle through every line of
    spaCy and of newsfuse's own code (onnxruntime's second thread gains little on short batches)."""

    def __init__(
        self, size: int, limits: WorkerLimits | None = None, warm_up: Callable[[], None] | None = None
    ) -> None:
        self.workers = [IsolatedWorker(limits, warm_up) for _ in range(max(1, size))]

    def map(
        self,
        task: Callable[[IsolatedWorker, _Item], _Value],
        items: Sequence[_Item],
        done: Callable[[], None] | None = None,
    ) -> list[_Value]:
        """``task(worker, item)`` for every item, each in whichever worker is free; their values in order.
        ``done`` is called (in the caller's threads, one at a time) as each item finishes."""
        if len(self.workers) == 1 or len(items) < 2:
            values: list[_Value] = []
            for item in items:
                values.append(task(self.workers[0], item))
                if done is not None:
                    done()
            return values
        free: queue.SimpleQueue[IsolatedWorker] = queue.SimpleQueue()
        for worker in self.workers:
            free.put(worker)
        reporting = threading.Lock()

        def run(item: _Item) -> _Value:
            worker = free.get()
            try:
                value = task(worker, item)
            finally:
                free.put(worker)
            if done is not None:
                with reporting:
                    done()
            return value

        executor = ThreadPoolExecutor(max_workers=len(self.workers), thread_name_prefix="newsfuse-pool")
        try:
            futures = [executor.submit(run, item) for item in items]
            return [future.result() for future in futures]
        finally:
            # on an error or an interrupt, calls not begun are dropped; the caller's close() ends those in hand
            executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
