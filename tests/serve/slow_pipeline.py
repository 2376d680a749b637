"""A pipeline for shutdown tests: the hand-written fake pipeline, with its analysis and briefs run in real
isolated workers (``IsolatedWorker``, as the real pipeline runs them), where an article that says
``STALL_WORD`` (or a story holding one that says ``STALL_BRIEF_WORD``) keeps its worker busy until the
worker is stopped. With ``NEWSFUSE_TEST_STALLS=off`` in the environment nothing stalls (a restarted server
analyses what the stopped one left queued)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence

from newsfuse.model import AnnotatedArticle, Article, Brief, Story
from newsfuse.store.workers import IsolatedWorker
from tests.store.fakes import FakeProcessor

STALL_WORD = "stallword"
STALL_BRIEF_WORD = "stallbrief"


def _stalls() -> bool:
    return os.environ.get("NEWSFUSE_TEST_STALLS", "on") != "off"


def _wait_forever() -> None:
    threading.Event().wait()


def analyse_in_worker(articles: Sequence[Article]) -> list[AnnotatedArticle]:
    if _stalls() and any(STALL_WORD in article.text for article in articles):
        _wait_forever()
    return FakeProcessor().analyse(articles)


def brief_in_worker(story: Story, members: Sequence[AnnotatedArticle]) -> Brief:
    if _stalls() and any(STALL_BRIEF_WORD in member.article.text for member in members):
        _wait_forever()
    return FakeProcessor().brief(story, members)


class WorkerProcessor(FakeProcessor):
    """The fake pipeline whose analysis and briefs run in an isolated worker; rebuilt in the queue process."""

    def __init__(self) -> None:
        super().__init__()
        self.worker = IsolatedWorker()

    def worker_factory(self) -> Callable[[], WorkerProcessor]:
        return WorkerProcessor

    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        analysed: list[AnnotatedArticle] = self.worker.call(analyse_in_worker, list(articles))
        return analysed

    def brief(self, story: Story, members: Sequence[AnnotatedArticle]) -> Brief:
        brief: Brief = self.worker.call(brief_in_worker, story, list(members))
        return brief

    def close(self) -> None:
        self.worker.close()
