"""Story listings a reader narrows: by date range, outlet, entity and article text; and the stories of one
thread, in order of time.

A thread is named by its earliest story's id (see ``Story.thread``) and kept inside the stored story, so the
stories of a thread are found by that id's exact JSON member and then checked on the parsed story."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.sql.elements import ColumnElement

from newsfuse.model import Story
from newsfuse.store.repository import MAX_PAGE, Store, _escape_like, _page_bounds, _summary
from newsfuse.store.search import article_match, outlet_names
from newsfuse.store.tables import ArticleRow, MembershipRow, MentionRow, StoryRow
from newsfuse.store.views import Page, StorySummary


@dataclass(frozen=True)
class StoryFilter:
    """What a story list is narrowed to; every field left empty narrows nothing."""

    since: date | None = None  # stories still running on or after this day
    until: date | None = None  # stories begun on or before this day
    outlet: str | None = None  # an article of the story is from this outlet (any case)
    entity: str | None = None  # an article of the story mentions a name containing this (any case)
    text: str | None = None  # an article of the story matches these words and "phrases" (full-text index)

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError("the date range ends before it starts")

    def is_empty(self) -> bool:
        return not any((self.since, self.until, self.outlet, self.entity, self.text and self.text.strip()))


def filtered_stories(store: Store, wanted: StoryFilter, offset: int = 0, limit: int = 50) -> Page[StorySummary]:
    """The stories ``wanted`` lets through, newest first (the order of ``Store.stories``)."""
    offset, limit = _page_bounds(offset, limit)
    conditions = _conditions(store, wanted)
    with store._session() as session:
        total = session.scalar(select(func.count()).select_from(StoryRow).where(*conditions)) or 0
        rows = list(
            session.scalars(
                select(StoryRow)
                .where(*conditions)
                .order_by(StoryRow.last_published.desc().nulls_last(), StoryRow.updated_at.desc(), StoryRow.id)
                .offset(offset)
                .limit(limit)
            )
        )
        outlets = store._outlets_of(session, [row.id for row in rows])
        items = [_summary(row, outlets.get(row.id, [])) for row in rows]
    return Page[StorySummary](items=items, total=total, offset=offset, limit=limit)


def _conditions(store: Store, wanted: StoryFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.since:
        conditions.append(StoryRow.last_published >= wanted.since)
    if wanted.until:
        conditions.append(StoryRow.first_published <= wanted.until)

    def with_article(condition: ColumnElement[bool]) -> ColumnElement[bool]:
        members = (
            select(MembershipRow.story_id).join(ArticleRow, ArticleRow.id == MembershipRow.article_id).where(condition)
        )
        return StoryRow.id.in_(members)

    if wanted.outlet and wanted.outlet.strip():
        conditions.append(with_article(func.lower(ArticleRow.outlet).in_(outlet_names(wanted.outlet))))
    if wanted.entity and wanted.entity.strip():
        pattern = "%" + _escape_like(wanted.entity.strip().lower()) + "%"
        mentioned = select(MentionRow.article_id).where(MentionRow.text_lower.like(pattern, escape="\\"))
        conditions.append(with_article(ArticleRow.id.in_(mentioned)))
    if wanted.text and wanted.text.strip():
        condition, params = article_match(store.engine, wanted.text)
        # the index's condition names the articles table ``a``
        matched = text(f"SELECT a.id FROM articles a WHERE {condition}").bindparams(**params)
        conditions.append(with_article(ArticleRow.id.in_(matched)))
    return conditions


def thread_stories(store: Store, thread_id: str) -> list[StorySummary]:
    """The stories of one thread, earliest first (at most ``MAX_PAGE`` of them: the latest ones)."""
    member = '"thread":' + json.dumps(thread_id, ensure_ascii=False)  # as pydantic writes it: no space
    pattern = "%" + _escape_like(member) + "%"
    with store._session() as session:
        rows = [
            row
            for row in session.scalars(
                select(StoryRow)
                .where(StoryRow.story_json.like(pattern, escape="\\"))
                .order_by(StoryRow.first_published.desc().nulls_last(), StoryRow.updated_at.desc())
                .limit(MAX_PAGE)
            )
            if Story.model_validate_json(row.story_json).thread == thread_id
        ]
        outlets = store._outlets_of(session, [row.id for row in rows])
        items = [_summary(row, outlets.get(row.id, [])) for row in rows]
    return list(reversed(items))


def headlines(store: Store, story_ids: set[str]) -> dict[str, str | None]:
    """Each story's headline: what the stories list names a thread by (its earliest story's)."""
    if not story_ids:
        return {}
    with store._session() as session:
        rows = session.execute(select(StoryRow.id, StoryRow.headline).where(StoryRow.id.in_(story_ids)))
        return {story_id: headline for story_id, headline in rows}


def known_outlets(store: Store, limit: int = MAX_PAGE) -> list[str]:
    """The outlets of the stored articles, by name: what the list's outlet filter offers."""
    with store._session() as session:
        names = session.scalars(
            select(ArticleRow.outlet)
            .where(ArticleRow.outlet.is_not(None))
            .distinct()
            .order_by(ArticleRow.outlet)
            .limit(limit)
        )
        return [name for name in names if name]


def recent_stories(store: Store, limit: int = 50) -> list[StorySummary]:
    """The stories that started or gained an article last, latest first: what a feed of new stories lists."""
    _, limit = _page_bounds(0, limit)
    with store._session() as session:
        rows = list(session.scalars(select(StoryRow).order_by(StoryRow.updated_at.desc(), StoryRow.id).limit(limit)))
        outlets = store._outlets_of(session, [row.id for row in rows])
        return [_summary(row, outlets.get(row.id, [])) for row in rows]
