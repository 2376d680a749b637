"""What the story index persists: each article as the index holds it, and the stories still to settle."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from .settings import StoryParams


class IndexedArticle(BaseModel):
    """One article as the index state stores it (the vector and MinHash as base64)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    story_id: str
    vector: str
    names: list[str]
    published: date | None
    headline: str | None
    length: int
    signature: str
    terms: dict[str, float] = Field(default_factory=dict)
    days: list[date] = Field(default_factory=list)
    stated_days: list[date] = Field(default_factory=list)


class StoryIndexState(BaseModel):
    """Everything needed to rebuild a ``StoryIndex`` and continue it: JSON-serialisable."""

    model_config = ConfigDict(extra="forbid")

    params: StoryParams
    articles: list[IndexedArticle] = Field(default_factory=list, description="In arrival order.")
    unsettled: list[str] = Field(
        default_factory=list, description="Stories grown since they last settled (settled at the next call)."
    )
