"""Tasks for the isolated worker tests: module-level, so a spawned worker can import them."""

from __future__ import annotations

import os
import signal
import time


def double(value: int) -> int:
    return 2 * value


def allocate(gigabytes: float) -> int:
    block = bytearray(int(gigabytes * 1024**3))
    return len(block)


def spin(seconds: float) -> int:
    end = time.monotonic() + seconds
    count = 0
    while time.monotonic() < end:
        count += 1
    return count


def sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def crash() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def fail() -> None:
    raise ValueError("this article cannot be read")


def pid_after(seconds: float) -> int:
    """The worker's process id, after a pause long enough that a second worker takes the next call."""
    time.sleep(seconds)
    return os.getpid()
