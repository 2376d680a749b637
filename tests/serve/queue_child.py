"""Run by test_ingest_queue.py in a child process: a server whose analysis never finishes, so whatever it
accepts stays queued until the process is killed."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence

import uvicorn

from newsfuse.model import AnnotatedArticle, Article
from newsfuse.serve import create_app
from newsfuse.store import Store
from tests.serve.auth import OPTIONS
from tests.store.fakes import FakeProcessor


class StuckProcessor(FakeProcessor):
    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        threading.Event().wait()  # until killed
        raise AssertionError("unreachable")


if __name__ == "__main__":
    db, port = sys.argv[1], int(sys.argv[2])
    with Store(db) as store:
        app = create_app(store, StuckProcessor(), options=OPTIONS)
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
