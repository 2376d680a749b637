"""Store: articles, annotations, embeddings, stories and cached briefs in SQLite (default) or PostgreSQL.

``Store`` is the library; the functions below are what the command line calls. The store never imports
a stage: the pipeline reaches it through the ``Processor`` protocol (``newsfuse.pipeline.StoreProcessor``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from newsfuse.errors import StoreError
from newsfuse.model import Brief, Settings
from newsfuse.store.engine import database_url
from newsfuse.store.protocols import Processor, StoryAssigner
from newsfuse.store.queue import QueueSettings, QueueWorker, article_state, enqueue, process_queue
from newsfuse.store.repository import MAX_PAGE, BriefFailed, Store
from newsfuse.store.views import (
    Added,
    ArticleState,
    EnqueueOutcome,
    IngestOutcome,
    Page,
    Queued,
    SearchHit,
    StorySummary,
)

__all__ = [
    "DEFAULT_DB",
    "MAX_PAGE",
    "Added",
    "ArticleState",
    "BriefFailed",
    "EnqueueOutcome",
    "IngestOutcome",
    "Page",
    "Processor",
    "QueueSettings",
    "QueueWorker",
    "Queued",
    "SearchHit",
    "Store",
    "StoryAssigner",
    "StorySummary",
    "article_state",
    "brief_for_story",
    "database_url",
    "default_processor",
    "enqueue",
    "ingest_into_store",
    "list_stories",
    "process_queue",
]

DEFAULT_DB = "newsfuse.db"


def default_processor(settings: Settings | None = None) -> Processor:
    """The real pipeline. Imported here, lazily, because the pipeline imports every stage."""
    from newsfuse.pipeline import StoreProcessor

    return StoreProcessor(settings or Settings())


def ingest_into_store(
    paths: Iterable[Path],
    db: str = DEFAULT_DB,
    settings: Settings | None = None,
    processor: Processor | None = None,
    on_stored: Callable[[Added], None] | None = None,
    on_queued: Callable[[int], None] | None = None,
) -> IngestOutcome:
    """Read files or folders and store every new article (idempotent: known texts are duplicates). The
    server's path in bulk: every article read is queued (committed) first, then the queue is drained here,
    so an interrupted run leaves the rest queued, and the next run or a server's worker completes it."""
    settings = settings or Settings()
    processor = processor or default_processor(settings)
    outcome = IngestOutcome()
    with Store(db) as store:
        report = processor.read_paths(list(paths))
        outcome.rejected += report.rejected
        outcome.trimmed += report.trimmed
        outcome.duplicates += report.duplicates
        queued = enqueue(store, report.articles)
        if on_queued is not None:  # how many articles there are to analyse: a progress bar's total
            on_queued(len(queued.queued))
        stored = process_queue(store, processor, on_stored=on_stored)
    outcome.added += stored.added
    outcome.duplicates += queued.duplicates + stored.duplicates
    outcome.rejected += stored.rejected
    return outcome


def list_stories(db: str = DEFAULT_DB, offset: int = 0, limit: int = 50) -> Page[StorySummary]:
    """The stored stories, newest first."""
    with Store(db) as store:
        return store.stories(offset=offset, limit=limit)


def brief_for_story(db: str, story_id: str, fmt: str = "md", processor: Processor | None = None) -> str:
    """One stored story's brief rendered as ``md``, ``json`` or ``html`` (computed if stale, else cached)."""
    processor = processor or default_processor()
    with Store(db) as store:
        brief: Brief | None = store.brief(story_id, processor)
    if brief is None:
        raise StoreError(f"no story {story_id!r} in {db}")
    return processor.render(brief, fmt)
