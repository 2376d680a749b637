"""Ingest that does not block readers: accept now, analyse in the background.

``enqueue`` stores an accepted article's raw ``Article`` in the ingest queue and commits before anyone is
told it was accepted; ``process_queue`` analyses queued articles in batches and stores each in the
transaction that removes it from the queue, so an acknowledged article is always in one of the two, and a
killed process leaves it queued for the next worker. A ``QueueWorker`` thread runs ``process_queue``
beside the server; the command line drains the queue itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update

from newsfuse.errors import StoreError
from newsfuse.model import Article
from newsfuse.store.protocols import Processor
from newsfuse.store.repository import Store
from newsfuse.store.settling import settle_store
from newsfuse.store.tables import QueuedRow
from newsfuse.store.views import Added, ArticleState, EnqueueOutcome, IngestOutcome, Queued

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueueSettings:
    # articles analysed in one call (spaCy and the encoder work in batches)
    batch_size: int = 16
    # how often an idle worker looks for articles another process queued
    poll_seconds: float = 2.0
    # a worker that hit an unexpected error (the database away) waits this long before trying again
    retry_seconds: float = 5.0
    # a worker process (``queue_process``) runs this much nicer than the server: on a busy machine the
    # requests get the CPU first, and the analysis the rest (it catches up whenever the server idles)
    worker_niceness: int = 10
    # stored articles between two settles of the stories while the queue stays busy (it settles when drained too):
    # settling one grown story costs its neighbourhood pair by pair (tens of ms), so not after every article
    settle_every: int = 200


def status_url(article_id: str) -> str:
    return f"/articles/{article_id}"


def enqueue(store: Store, articles: Sequence[Article]) -> EnqueueOutcome:
    """Queue new articles (committed before this returns). A text already stored is a duplicate; one
    already queued is listed again as queued; one whose analysis failed is queued again."""
    outcome = EnqueueOutcome()
    now = datetime.now(UTC).replace(tzinfo=None)
    seen: set[str] = set()
    # the store's write lock is fair: this waits for the article the worker is storing, not for its batch
    # (and, being taken in this process, keeps SQLite's busy handler from sleeping through its turns)
    with store.write_lock:
        for article in articles:
            if article.id in seen:
                continue
            seen.add(article.id)
            if store.has_article(article.id):
                outcome.duplicates.append(article.source or article.id)
                continue
            try:
                with store.session() as session:
                    row = session.scalar(select(QueuedRow).where(QueuedRow.article_id == article.id))
                    if row is None:
                        session.add(
                            QueuedRow(
                                article_id=article.id,
                                source=article.source,
                                article_json=article.model_dump_json(),
                                state="queued",
                                queued_at=now,
                            )
                        )
                    elif row.state == "failed":
                        row.state, row.reason = "queued", None
                    session.commit()
            except StoreError:
                if article_state(store, article.id) is None:
                    raise
                # another process queued (or stored) the same text meanwhile: it is accepted all the same
            outcome.queued.append(
                Queued(article_id=article.id, source=article.source, status_url=status_url(article.id))
            )
    return outcome


def article_state(store: Store, article_id: str) -> tuple[ArticleState, str | None] | None:
    """(state, reason if failed) of an accepted article; ``None`` if it was never accepted."""
    with store.session() as session:
        row = session.execute(
            select(QueuedRow.state, QueuedRow.reason).where(QueuedRow.article_id == article_id)
        ).first()
    if row is not None and not store.has_article(article_id):
        return ("failed" if row.state == "failed" else "queued", row.reason)
    return ("analysed", None) if store.has_article(article_id) else None


def count_queued(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(QueuedRow).where(QueuedRow.state == "queued")) or 0


def process_queue(
    store: Store,
    processor: Processor,
    settings: QueueSettings | None = None,
    on_stored: Callable[[Added], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> IngestOutcome:
    """Analyse and store queued articles, oldest first, in batches, until the queue is empty (or
    ``should_stop``). A failed article stays in the queue as failed, with the reason."""
    settings = settings or QueueSettings()
    outcome = IngestOutcome()
    done_before: set[int] = set()
    settled_at = 0  # stored articles when the stories last settled (see store.settling)
    while not should_stop():
        with store.session() as session:
            rows = session.scalars(
                select(QueuedRow).where(QueuedRow.state == "queued").order_by(QueuedRow.seq).limit(settings.batch_size)
            ).all()
        rows = [row for row in rows if row.seq not in done_before]
        if not rows:
            break
        done_before.update(row.seq for row in rows)
        batch: list[Article] = []
        for row in rows:
            if store.has_article(row.article_id):
                outcome.duplicates.append(row.source or row.article_id)
                _forget(store, row.article_id)  # stored by another process: nothing left to do
            else:
                batch.append(Article.model_validate_json(row.article_json))
        store.store_batch(batch, processor, outcome, on_stored)
        if len(outcome.added) - settled_at >= settings.settle_every:
            settle_store(store)
            settled_at = len(outcome.added)
        for article in batch:
            reason = outcome.failed.get(article.id)
            if reason is not None:
                _mark_failed(store, article.id, reason)
            elif store.has_article(article.id):
                _forget(store, article.id)  # a duplicate stored by another process meanwhile
    if len(outcome.added) > settled_at:
        settle_store(store)  # drained (or stopping): what came in settles
    return outcome


def _forget(store: Store, article_id: str) -> None:
    with store.write_lock, store.session() as session:
        session.execute(delete(QueuedRow).where(QueuedRow.article_id == article_id))
        session.commit()


def _mark_failed(store: Store, article_id: str, reason: str) -> None:
    with store.write_lock, store.session() as session:
        session.execute(
            update(QueuedRow).where(QueuedRow.article_id == article_id).values(state="failed", reason=reason)
        )
        session.commit()


class QueueWorker:
    """A thread beside the server that analyses queued articles: woken by each enqueue, and every
    ``poll_seconds`` for articles queued by another process or left queued by a killed one."""

    def __init__(self, store: Store, processor: Processor, settings: QueueSettings | None = None) -> None:
        self.store = store
        self.processor = processor
        self.settings = settings or QueueSettings()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def start(self) -> None:
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._stopping.clear()
                self._thread = threading.Thread(target=self._run, name="newsfuse-queue", daemon=True)
                self._thread.start()

    def wake(self) -> None:
        self.start()
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the article in hand (what is still queued stays queued for the next start)."""
        self._stopping.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                process_queue(self.store, self.processor, self.settings, should_stop=self._stopping.is_set)
            except Exception as error:  # the database went away, say: log, wait, try again
                _log.error("ingest queue: %s", error, exc_info=error)
                self._stopping.wait(self.settings.retry_seconds)
                continue
            self._wake.wait(self.settings.poll_seconds)
