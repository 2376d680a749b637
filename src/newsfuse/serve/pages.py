"""Server-rendered pages. Jinja autoescapes everything (article text and titles are hostile input), and a
strict Content-Security-Policy allows only this server's own script and style."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from newsfuse.serve.api import MAX_OFFSET
from newsfuse.serve.view import safe_href, story_view
from newsfuse.store import BriefFailed, Processor, Store

router = APIRouter(include_in_schema=False)
_PAGE_SIZE = 50
_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_templates = Environment(
    loader=PackageLoader("newsfuse.serve", "templates"), autoescape=True, undefined=StrictUndefined
)
_templates.filters["safe_href"] = safe_href


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_templates.get_template(name).render(**context), status_code=status, headers=_HEADERS)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> HTMLResponse:
    store: Store = request.app.state.store
    page = store.stories(offset=offset, limit=_PAGE_SIZE)
    return _page("index.html", page=page, page_size=_PAGE_SIZE)


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    store: Store = request.app.state.store
    processor: Processor = request.app.state.processor
    try:
        brief = store.brief(story_id, processor)
    except BriefFailed as failure:
        return _page(
            "story_failed.html",
            status=422,
            reason=str(failure),
            summary=store.story_summary(story_id),
            articles=store.members(story_id),
        )
    if brief is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return _page("story.html", view=story_view(brief), summary=store.story_summary(story_id))


@router.get("/find", response_class=HTMLResponse)
def find(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    by: Literal["entity", "speaker", "quote"] = "entity",
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    store: Store = request.app.state.store
    query: dict[str, str] = {by: q}
    hits = store.search(**query, offset=offset, limit=_PAGE_SIZE)
    return _page("find.html", hits=hits, q=q, by=by, page_size=_PAGE_SIZE)
