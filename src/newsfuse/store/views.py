"""What the store returns besides model objects: listings, search hits and ingest outcomes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from newsfuse.model import Rejected, Trimmed


class StorySummary(BaseModel):
    id: str
    headline: str | None
    article_count: int
    outlet_count: int
    outlets: list[str] = Field(default_factory=list)
    first_published: date | None
    last_published: date | None
    updated_at: datetime
    thread: str | None = Field(default=None, description="The story's thread (the stories of its topic).")
    related: list[str] = Field(default_factory=list, description="The other stories of its thread.")


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


SearchKind = Literal["entity", "speaker", "quotation"]


class SearchHit(BaseModel):
    kind: SearchKind
    article_id: str
    story_id: str | None
    outlet: str | None
    title: str | None
    text: str = Field(description="The entity mention or the quoted words.")
    speaker: str | None = None
    start: int
    end: int


class Added(BaseModel):
    article_id: str
    story_id: str
    source: str | None


class IngestOutcome(BaseModel):
    """What one ingest call did: articles added (and the story each joined), duplicates, rejections."""

    added: list[Added] = Field(default_factory=list)
    duplicates: list[str] = Field(default_factory=list, description="Sources whose text was already stored.")
    rejected: list[Rejected] = Field(default_factory=list)
    trimmed: list[Trimmed] = Field(default_factory=list, description="Articles kept in part, and what was cut.")
    failed: dict[str, str] = Field(
        default_factory=dict, exclude=True, description="Why each rejected article failed, by article id."
    )


ArticleState = Literal["queued", "analysed", "failed"]


class Queued(BaseModel):
    """An article accepted for analysis: where to look for its state."""

    article_id: str
    source: str | None
    state: ArticleState = "queued"
    status_url: str


class EnqueueOutcome(BaseModel):
    """What one enqueue call did: articles queued (or already waiting), texts already stored."""

    queued: list[Queued] = Field(default_factory=list)
    duplicates: list[str] = Field(default_factory=list, description="Sources whose text was already stored.")
