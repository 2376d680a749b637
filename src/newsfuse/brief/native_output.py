"""Keep a native library's prints off standard output.

HiGHS, the MILP solver behind ``scipy.optimize.milp``, can print a diagnostic line
("HighsMipSolverData::transformNewIntegerFeasibleSolution ...") from C++ straight to file descriptor 1;
scipy's ``disp=False`` does not reach it. newsfuse writes JSON and Markdown to standard output, where one
such line would corrupt the document, so the descriptor points at standard error while the solver runs."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()


def _flush_c_stdio() -> None:
    """Flush the C library's buffered stdout, so a native print lands where the descriptor points now."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).fflush(None)


@contextlib.contextmanager
def native_stdout_to_stderr() -> Iterator[None]:
    with _LOCK:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # no descriptor 1 (a daemon): nothing to protect
            yield
            return
        try:
            os.dup2(2, 1)
            yield
        finally:
            _flush_c_stdio()
            os.dup2(saved, 1)
            os.close(saved)
