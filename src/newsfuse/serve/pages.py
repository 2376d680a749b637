"""Server-rendered pages. Jinja autoescapes everything (article text and titles are hostile input), and a
strict Content-Security-Policy allows only this server's own script and style."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from newsfuse.serve.api import MAX_OFFSET
from newsfuse.serve.view import safe_href, story_view
from newsfuse.store import BriefFailed, Processor, Store
from newsfuse.store.search import MAX_QUERY_CHARS, ArticleQuery, search_articles

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
    # a story is one day's event: the list reads as days, newest first (the store's order)
    days = [(day, list(stories)) for day, stories in groupby(page.items, key=lambda story: story.last_published)]
    return _page("index.html", page=page, days=days, page_size=_PAGE_SIZE)


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
        return _page("not_found.html", status=404, what="story")
    return _page("story.html", view=story_view(brief), summary=store.story_summary(story_id))


@router.get("/find", response_class=HTMLResponse)
def find(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    by: Literal["text", "entity", "speaker", "quote"] = "text",
    since: Annotated[str, Query(max_length=10, description="YYYY-MM-DD, or empty")] = "",
    until: Annotated[str, Query(max_length=10, description="YYYY-MM-DD, or empty")] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    """Search the stored articles' text (with date and outlet filters), or entities, speakers, quotations."""
    store: Store = request.app.state.store
    # a form sends an empty field for a date left blank: blank is no bound, anything else must be a date
    try:
        first, last = (date.fromisoformat(value) if value else None for value in (since, until))
    except ValueError:
        blank: dict[str, object] = {"q": q, "by": by, "since": None, "until": None, "outlet": outlet}
        return _page("find.html", status=422, form=blank, hits=None, error="dates are YYYY-MM-DD")
    form: dict[str, object] = {"q": q, "by": by, "since": first, "until": last, "outlet": outlet}
    if not q.strip():  # the search page itself, before a search
        return _page("find.html", form=form, hits=None, error=None)
    if any(ord(char) < 32 for char in q + outlet):
        return _page("find.html", status=422, form=form, hits=None, error="control characters are not searched")
    if by != "text":
        hits = store.search(**{by: q}, offset=offset, limit=_PAGE_SIZE)
        return _page("find.html", form=form, hits=hits, error=None, page_size=_PAGE_SIZE)
    try:
        found = search_articles(
            store.engine, ArticleQuery(q, first, last, outlet or None), offset=offset, limit=_PAGE_SIZE
        )
    except ValueError as error:
        return _page("find.html", status=422, form=form, hits=None, error=str(error))
    return _page("find.html", form=form, hits=found, error=None, page_size=_PAGE_SIZE, pieces=_pieces)


def _pieces(snippet: str, highlights: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) pieces, for the template to escape and mark."""
    pieces, position = [], 0
    for start, end in highlights:
        pieces += [(snippet[position:start], False), (snippet[start:end], True)]
        position = end
    return [*pieces, (snippet[position:], False)]
