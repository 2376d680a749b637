"""Corrections of a stored article through the API: ``PATCH /articles/{id}`` sets its outlet, title, date or
URL (the briefs that use it are recomputed), and ``GET /articles/{id}/corrections`` lists what changed."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from newsfuse.errors import InputError
from newsfuse.store import Processor, Store
from newsfuse.store.amendments import correct_article, corrections

router = APIRouter(tags=["articles"])


class ArticleCorrection(BaseModel):
    """The fields to correct; a field left out is kept, a field sent as null is cleared."""

    model_config = ConfigDict(extra="forbid")

    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    published: date | None = None
    url: str | None = Field(default=None, max_length=2_000)


class FieldChange(BaseModel):
    field: str
    old: str | None
    new: str | None


class CorrectionResult(BaseModel):
    article_id: str
    story_id: str | None
    changes: list[FieldChange] = Field(description="The fields that changed (none: it already said so).")


class CorrectionRecord(FieldChange):
    source: str | None
    corrected_at: datetime


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


@router.patch("/articles/{article_id}", response_model=CorrectionResult)
async def correct(request: Request, article_id: str, correction: ArticleCorrection) -> CorrectionResult:
    """Correct a stored article's outlet, title, publication date or URL; each change is recorded, and the
    story's brief is recomputed on its next read. Needs the server's token."""
    store = _store(request)
    processor: Processor = request.app.state.processor
    changes = {name: getattr(correction, name) for name in correction.model_fields_set}
    if not store.has_article(article_id):
        raise HTTPException(404, f"no article {article_id!r}")
    try:
        made = await run_in_threadpool(correct_article, store, article_id, changes, processor, source="api")
    except InputError as error:
        raise HTTPException(422, str(error)) from None
    return CorrectionResult(
        article_id=article_id,
        story_id=store.story_of(article_id),
        changes=[FieldChange(field=c.field, old=c.old, new=c.new) for c in made],
    )


@router.get("/articles/{article_id}/corrections", response_model=list[CorrectionRecord])
def list_corrections(request: Request, article_id: str) -> list[CorrectionRecord]:
    """What was corrected in a stored article, oldest first."""
    store = _store(request)
    if not store.has_article(article_id):
        raise HTTPException(404, f"no article {article_id!r}")
    return [
        CorrectionRecord(field=c.field, old=c.old, new=c.new, source=c.source, corrected_at=c.corrected_at)
        for c in corrections(store, article_id)
    ]
