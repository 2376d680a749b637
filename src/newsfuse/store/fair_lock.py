"""A reentrant lock granted in the order it was asked for.

``threading.RLock`` lets a thread that releases it take it straight back: the ingest worker, storing a batch
one article after another, kept it for the whole batch while a POST waiting to queue an article waited too
(p50 1.4 s under load). In SQLite the same happens one level down: a writer's busy handler sleeps while the
worker commits and begins again. With this lock a waiting writer goes next, so it waits for one article.
"""

from __future__ import annotations

import threading
from collections import deque


class FairRLock:
    def __init__(self) -> None:
        self._condition = threading.Condition(threading.Lock())
        self._owner: int | None = None
        self._depth = 0
        self._waiting: deque[object] = deque()

    def acquire(self, blocking: bool = True) -> bool:
        """Take the lock, waiting for those who asked before; ``blocking=False``: only if it is free now
        and nobody waits (``False`` otherwise)."""
        me = threading.get_ident()
        with self._condition:
            if self._owner == me:
                self._depth += 1
                return True
            if not blocking:
                if self._owner is not None or self._waiting:
                    return False
                self._owner, self._depth = me, 1
                return True
            ticket = object()
            self._waiting.append(ticket)
            while self._owner is not None or self._waiting[0] is not ticket:
                self._condition.wait()
            self._waiting.popleft()
            self._owner, self._depth = me, 1
            return True

    def release(self) -> None:
        with self._condition:
            if self._owner != threading.get_ident():
                raise RuntimeError("release of a lock this thread does not hold")
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._condition.notify_all()

    def __enter__(self) -> FairRLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()
