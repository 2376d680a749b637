"""The story list and the thread timeline as JSON: what the index page and the thread page show, for other
tools (the same filters, the same grouping by day and thread, the same timeline entries)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from newsfuse.serve.api import Limit, Offset
from newsfuse.serve.listing_view import group_by_day_and_thread, story_filter
from newsfuse.serve.thread_view import thread_view
from newsfuse.store import Store
from newsfuse.store.listing import filtered_stories, headlines, thread_stories
from newsfuse.store.search import MAX_QUERY_CHARS
from newsfuse.store.views import StorySummary

router = APIRouter(tags=["stories"])

DateParam = Annotated[str, Query(max_length=10, description="YYYY-MM-DD; empty: no bound")]
TextParam = Annotated[str, Query(max_length=MAX_QUERY_CHARS)]


class ThreadOfDay(BaseModel):
    thread: str | None = Field(description="The thread's id (its earliest story's); null: a story of its own.")
    headline: str | None = Field(default=None, description="What the thread is named by: its earliest story's.")
    stories: list[StorySummary]


class DayOfStories(BaseModel):
    day: date | None
    threads: list[ThreadOfDay]


class StoryListing(BaseModel):
    """One page of the filtered story list, newest first, grouped by day and, within a day, by thread."""

    days: list[DayOfStories]
    total: int = Field(description="Stories the filters let through, on every page.")
    offset: int
    limit: int


class FigureChangeOut(BaseModel):
    noun: str
    before: str
    after: str


class TimelineEntry(BaseModel):
    story: StorySummary
    lead: str | None = Field(description="The story's first summary sentence, else its earliest lead sentence.")
    lead_is_summary: bool
    changes: list[FigureChangeOut] = Field(description="Figures that changed since the story before.")


class ThreadTimeline(BaseModel):
    thread: str
    title: str | None
    first: date | None
    last: date | None
    outlets: list[str]
    entries: list[TimelineEntry] = Field(description="The thread's stories, earliest first.")


def _filters(
    since: DateParam = "", until: DateParam = "", outlet: TextParam = "", entity: TextParam = "", q: TextParam = ""
) -> dict[str, str]:
    return {"since": since, "until": until, "outlet": outlet, "entity": entity, "q": q}


@router.get("/listing", response_model=StoryListing)
def get_listing(
    request: Request,
    filters: Annotated[dict[str, str], Depends(_filters)],
    offset: Offset = 0,
    limit: Limit = 50,
) -> StoryListing:
    """The stories by day and thread, narrowed by date range (``since``, ``until``), ``outlet``, ``entity``
    (a person or organisation named in an article) and ``q`` (words and "phrases" in the articles' text).
    Example: ``GET /listing?since=2024-06-01&outlet=Reuters&q="summit"``."""
    store: Store = request.app.state.store
    try:
        page = filtered_stories(store, story_filter(**filters), offset=offset, limit=limit)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    names = headlines(store, {s.thread for s in page.items if s.thread and s.related})
    days = [
        DayOfStories(
            day=day.day,
            threads=[
                ThreadOfDay(thread=group.thread, headline=names.get(group.thread or ""), stories=group.stories)
                for group in day.threads
            ],
        )
        for day in group_by_day_and_thread(page.items)
    ]
    return StoryListing(days=days, total=page.total, offset=page.offset, limit=page.limit)


@router.get("/threads/{thread_id}", response_model=ThreadTimeline)
def get_thread(request: Request, thread_id: str) -> ThreadTimeline:
    """A thread's stories as a timeline: each with its day, headline, outlets, first summary sentence and the
    figures that changed since the story before (what ``/thread/ID`` shows)."""
    store: Store = request.app.state.store
    stories = thread_stories(store, thread_id)
    if not stories:
        raise HTTPException(404, f"no thread {thread_id!r}")
    view = thread_view(store, stories)
    return ThreadTimeline(
        thread=thread_id,
        title=view.title,
        first=view.first,
        last=view.last,
        outlets=view.outlets,
        entries=[
            TimelineEntry(
                story=entry.story,
                lead=entry.lead,
                lead_is_summary=entry.lead_is_summary,
                changes=[FigureChangeOut(noun=c.noun, before=c.before, after=c.after) for c in entry.changes],
            )
            for entry in view.entries
        ],
    )
