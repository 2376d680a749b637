"""Articles the store holds out of the analysis (in a language it does not read), listed with their language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from newsfuse.store import MAX_PAGE, Page, Store
from newsfuse.store.held import HeldArticle, held_articles

router = APIRouter(tags=["articles"])


@router.get("/held-articles", response_model=Page[HeldArticle])
def list_held(
    request: Request,
    language: Annotated[str | None, Query(min_length=2, max_length=16, pattern=r"^[a-z-]+$")] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> Page[HeldArticle]:
    """Articles in a language the analysis does not read (ISO 639-1 code): stored, never parsed nor placed in
    a story. Newest first; ``language`` keeps one."""
    store: Store = request.app.state.store
    return held_articles(store, language=language, offset=offset, limit=limit)
