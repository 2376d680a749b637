"""Work isolated from serving: a call runs in a worker process with CPU-time, memory and wall-clock limits.

One bad article (or story) must not take the server or a batch down. The worker is a spawned process
(no fork of a threaded server) that keeps its models loaded between calls. Its address space is capped
(``RLIMIT_AS``: an allocation past it raises ``MemoryError`` in the worker, which reports it and exits),
each call gets a CPU-time budget (``RLIMIT_CPU``, raised by the call's budget before it starts: past it the
kernel stops the process), and the parent waits at most the wall-clock budget before killing it. Whatever
happens, the caller gets the result or a ``WorkerFailed`` saying which limit was hit, and the next call
starts a fresh worker.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

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


_Task = tuple[Callable[..., Any], tuple[Any, ...]]


def _serve(connection: Connection, limits: WorkerLimits, warm_up: Callable[[], None] | None) -> None:
    """The worker's loop: take a task, run it within the limits, send back ("ok", value, CPU seconds),
    ("error", why, CPU seconds), or ("fatal", why, CPU seconds) when the worker cannot go on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a worker stops
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
        # the CPU time the last call that finished took in the worker: wall time alone hides contention
        self.last_cpu_seconds = 0.0

    def call(self, function: Callable[..., Any], *arguments: Any) -> Any:
        """``function(*arguments)`` in the worker (both picklable); its value, or ``WorkerFailed``."""
        with self._lock:
            connection = self._ensure_started()
            try:
                connection.send((function, arguments))
            except (BrokenPipeError, OSError):
                raise WorkerFailed(self._death()) from None
            if not connection.poll(self.limits.wall_seconds):
                self._stop()
                raise WorkerFailed(f"stopped after {self.limits.wall_seconds:g} s (the wall-clock limit)")
            try:
                status, value, self.last_cpu_seconds = connection.recv()
            except (EOFError, OSError):
                raise WorkerFailed(self._death()) from None
            if status == "fatal":
                self._stop()
            if status in ("error", "fatal"):
                raise WorkerFailed(str(value))
            return value

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _ensure_started(self) -> Connection:
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
            raise WorkerDidNotStart(f"the worker did not start: {self._death()}") from None
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
