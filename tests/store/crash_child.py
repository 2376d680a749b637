"""Run by test_crash.py in a child process: ingest a folder slowly, printing each acknowledged article."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsfuse.model import AnnotatedArticle
from newsfuse.store import Added, ingest_into_store
from tests.store.fakes import FakeProcessor


class SlowProcessor(FakeProcessor):
    def embed(self, articles: Sequence[AnnotatedArticle]) -> NDArray[np.float32]:
        time.sleep(0.05)  # so the parent can kill the batch halfway
        return super().embed(articles)


def _acknowledge(added: Added) -> None:
    print(f"stored {added.article_id}", flush=True)


if __name__ == "__main__":
    db, folder = sys.argv[1], Path(sys.argv[2])
    outcome = ingest_into_store([folder], db, processor=SlowProcessor(), on_stored=_acknowledge)
    print(f"done {len(outcome.added)} {len(outcome.duplicates)} {len(outcome.rejected)}", flush=True)
