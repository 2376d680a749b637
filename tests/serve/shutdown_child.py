"""Run by test_shutdown.py in a child process: ``newsfuse serve``'s own server function (uvicorn with its
signal handling, the queue worker in a process of its own) over the worker pipeline of slow_pipeline.py."""

from __future__ import annotations

import sys

from newsfuse.serve import serve
from newsfuse.store import Store
from tests.serve.auth import OPTIONS
from tests.serve.slow_pipeline import WorkerProcessor

if __name__ == "__main__":
    db, port = sys.argv[1], int(sys.argv[2])
    with Store(db) as store:
        serve(store, WorkerProcessor(), port=port, options=OPTIONS)
