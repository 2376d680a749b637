"""Settling in the store: the story index re-examines the stories that grew (``StoryIndex.settle_stories``), which
splits a story two look-alike events' reports joined early and merges a story split off early into its own. The
store follows in one transaction: each changed story's memberships, counts, dates, thread and story JSON; a new
version, so its cached brief is recomputed on the next read; a story left with no article is removed, with the
encoder vectors its briefs kept. If the write fails the index no longer matches the database, so it is rebuilt
from the database before the next article (as after a failed article write).

When: once a run of ingest is in (``Store.ingest`` returns, the queue is drained), and every
``QueueSettings.settle_every`` stored articles while a busy queue never drains. A batch of fewer articles
ingested in one run thus settles once, as ``group_stories`` does; a larger one settles as it goes (its stories
differ a little from the batch's: see benchmarks/story_events.py --store). A crash between an article's commit
and the next settle leaves its story unsettled until it grows again: a replayed index does not settle what it
replays."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from newsfuse.errors import StoreError
from newsfuse.model import Story
from newsfuse.store.tables import ArticleRow, MembershipRow, StoryRow, StoryVectorRow

if TYPE_CHECKING:
    from newsfuse.store.repository import Store

_log = logging.getLogger(__name__)


@runtime_checkable
class SettlingAssigner(Protocol):
    """A story index that settles (``newsfuse.stories.StoryIndex`` and its windowed wrapper)."""

    def settle_stories(self) -> list[Story]: ...

    def take_removed(self) -> list[str]: ...

    def take_thread_changes(self) -> list[Story]: ...


@dataclass
class Settled:
    """What one settle changed in the store."""

    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def settle_store(store: Store) -> Settled:
    """Settle the store's story index (if it has one that settles) and write what moved, in one transaction.
    A failure is logged and leaves the database as it was (the articles are stored already; their stories
    settle when they next grow), and the index is rebuilt from the database before the next article."""
    with store.write_lock:
        assigner = store._assigner
        if not isinstance(assigner, SettlingAssigner):
            return Settled()
        try:
            changed = assigner.settle_stories()
            removed = assigner.take_removed()
            threads = assigner.take_thread_changes()
            if changed or removed or threads:
                with store.session() as session:
                    _write_settled(session, changed, removed)
                    store._write_thread_changes(session, threads)
                    session.commit()
        except Exception as error:  # StoreError from the write, or a fault in the index: the batch is stored
            _log.error("settling stories: %s", error, exc_info=error)
            store._assigner = None  # the index moved articles the database did not
            return Settled()
        return Settled(changed=[story.id for story in changed], removed=removed)


def _write_settled(session: Session, changed: Sequence[Story], removed: Sequence[str]) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    for story in changed:  # a story split off is new to the database: its row first, its members' rows point at it
        if session.get(StoryRow, story.id) is None:
            session.add(
                StoryRow(
                    id=story.id, version=0, dirty=True, article_count=0, outlet_count=0, story_json="{}", updated_at=now
                )
            )
    session.flush()
    for story in changed:
        session.execute(
            update(MembershipRow).where(MembershipRow.article_id.in_(story.article_ids)).values(story_id=story.id)
        )
    for story in changed:
        _rewrite_story(session, story, now)
    for story_id in removed:
        left = session.scalar(select(MembershipRow.article_id).where(MembershipRow.story_id == story_id).limit(1))
        if left is not None:
            raise StoreError(f"story {story_id} was settled away but still holds article {left}")
        session.execute(delete(StoryVectorRow).where(StoryVectorRow.story_id == story_id))
        session.execute(delete(StoryRow).where(StoryRow.id == story_id))


def _rewrite_story(session: Session, story: Story, now: datetime) -> None:
    """The story's row from its members now: listing columns, dates, JSON, and a new version (its brief is stale)."""
    row = session.get(StoryRow, story.id)
    assert row is not None  # added above
    members = session.execute(
        select(ArticleRow.outlet, ArticleRow.published, ArticleRow.title)
        .join(MembershipRow, MembershipRow.article_id == ArticleRow.id)
        .where(MembershipRow.story_id == story.id)
        .order_by(ArticleRow.seq)
    ).all()
    dates = [published for _, published, _ in members if published is not None]
    row.story_json = story.model_dump_json()
    # the headline a brief gave it named the members it had then
    row.headline = story.headline or next((title for _, _, title in members if title), None)
    row.article_count = len(members)
    # an article that names no outlet is a source of its own (as the repository counts it)
    row.outlet_count = len({outlet for outlet, _, _ in members if outlet}) + sum(1 for o, _, _ in members if not o)
    row.first_published = story.first_published or (min(dates) if dates else None)
    row.last_published = story.last_published or (max(dates) if dates else None)
    row.updated_at = now
    row.version = (row.version or 0) + 1
    row.brief_version = None
    row.dirty = True
