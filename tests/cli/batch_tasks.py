"""Analysis tasks for the isolated batch tests: module-level, so the spawned worker can import them."""

from __future__ import annotations

import os
import signal
import time

from newsfuse.batch import analyse_one
from newsfuse.model import AnnotatedArticle, Article, Settings

# words no real article holds: the task misbehaves only on the article written to carry them
CRASH = "crash-the-worker-here"
SPIN = "spin-the-worker-here"


def analyse_or_misbehave(article: Article, settings: Settings) -> AnnotatedArticle:
    """The real analysis, except that the article carrying CRASH kills its worker (as a segmentation fault
    in a native library would) and the one carrying SPIN never finishes (as a catastrophic cost would)."""
    if CRASH in article.text:
        os.kill(os.getpid(), signal.SIGSEGV)
    if SPIN in article.text:
        while True:
            time.monotonic()
    return analyse_one(article, settings)
