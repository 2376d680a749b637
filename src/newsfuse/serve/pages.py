"""Server-rendered pages. Jinja autoescapes everything (article text and titles are hostile input), and a
strict Content-Security-Policy allows only this server's own script and style."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from newsfuse.assets import asset
from newsfuse.serve.api import MAX_OFFSET
from newsfuse.serve.exports import atom_feed, stories_as_csv
from newsfuse.serve.listing_view import group_by_day_and_thread, story_filter
from newsfuse.serve.thread_view import thread_view
from newsfuse.serve.view import safe_href, story_view
from newsfuse.store import BriefFailed, Processor, Store
from newsfuse.store.listing import filtered_stories, headlines, known_outlets, recent_stories, thread_stories
from newsfuse.store.repository import MAX_PAGE
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
_EXPORT_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'"}


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_templates.get_template(name).render(**context), status_code=status, headers=_HEADERS)


_ERROR_TITLES = {
    400: "Bad request",
    401: "Sign-in needed",
    403: "Refused",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
    422: "Cannot read this request",
    429: "Too many requests",
}


def browser_error(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response | None:
    """The error as a page when a browser asked (its Accept header puts HTML first); None for an API client,
    which gets the JSON error."""
    wanted = request.headers.get("accept", "").split(",")[0].strip().lower()
    if not wanted.startswith(("text/html", "application/xhtml+xml")):
        return None
    title = _ERROR_TITLES.get(status, "Something went wrong")
    response = _page("error.html", status=status, title=title, message=message)
    response.headers.update(headers or {})
    return response


DateField = Annotated[str, Query(max_length=10, description="YYYY-MM-DD, or empty")]
TextField = Annotated[str, Query(max_length=MAX_QUERY_CHARS)]


def _filter_form(
    since: DateField = "", until: DateField = "", outlet: TextField = "", entity: TextField = "", q: TextField = ""
) -> dict[str, str]:
    """The story list's filter fields, as the form sent them (blank: no filter)."""
    return {"since": since, "until": until, "outlet": outlet, "entity": entity, "q": q}


FilterForm = Annotated[dict[str, str], Depends(_filter_form)]


@router.get("/", response_class=HTMLResponse)
def index(request: Request, form: FilterForm, offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> HTMLResponse:
    """The stories, newest first, grouped by day and, within a day, by thread; narrowed by the filters."""
    store: Store = request.app.state.store
    context: dict[str, Any] = {"form": form, "outlets": known_outlets(store), "page_size": _PAGE_SIZE}
    try:
        wanted = story_filter(**form)
        page = filtered_stories(store, wanted, offset=offset, limit=_PAGE_SIZE)
    except ValueError as error:
        return _page("index.html", status=422, error=str(error), filtered=True, query="", **context)
    threads = headlines(store, {s.thread for s in page.items if s.thread and s.related})
    return _page(
        "index.html",
        page=page,
        days=group_by_day_and_thread(page.items),
        threads=threads,
        filtered=not wanted.is_empty(),
        query=urlencode({k: v for k, v in form.items() if v}),
        error=None,
        **context,
    )


@router.get("/thread/{thread_id}", response_class=HTMLResponse)
def thread_page(request: Request, thread_id: str) -> HTMLResponse:
    store: Store = request.app.state.store
    stories = thread_stories(store, thread_id)
    if not stories:
        return _page("not_found.html", status=404, what="thread")
    return _page("thread.html", thread=thread_view(store, stories))


@router.get("/stories.csv")
def stories_csv(request: Request, form: FilterForm) -> Response:
    """The story list as CSV, with the page's filters (at most the 200 newest stories)."""
    store: Store = request.app.state.store
    try:
        page = filtered_stories(store, story_filter(**form), limit=MAX_PAGE)
    except ValueError as error:
        return PlainTextResponse(str(error), status_code=422, headers=_EXPORT_HEADERS)
    threads = headlines(store, {s.thread for s in page.items if s.thread and s.related})
    body = stories_as_csv(page.items, threads, str(request.base_url))
    return _download(body, "stories.csv", "text/csv; charset=utf-8")


@router.get("/story/{story_id}/brief.csv")
def story_csv(request: Request, story_id: str) -> Response:
    """The story's facts, quotations and conflicts as CSV, one row each."""
    store: Store = request.app.state.store
    processor: Processor = request.app.state.processor
    try:
        brief = store.brief(story_id, processor)
    except BriefFailed as failure:
        return PlainTextResponse(f"no brief: {failure}", status_code=422, headers=_EXPORT_HEADERS)
    if brief is None:
        return PlainTextResponse("no such story", status_code=404, headers=_EXPORT_HEADERS)
    words = re.findall(r"[a-z0-9]+", (brief.headline or "").lower())[:8]  # a file name a reader recognises
    return _download(processor.render(brief, "csv"), "-".join(["brief", *words]) + ".csv", "text/csv; charset=utf-8")


@router.get("/feed.atom")
def feed(request: Request) -> Response:
    """An Atom feed of the stories that are new or have new articles, latest first."""
    store: Store = request.app.state.store
    stories = recent_stories(store, _PAGE_SIZE)
    body = atom_feed(stories, str(request.base_url))
    return Response(body, media_type="application/atom+xml; charset=utf-8", headers=_EXPORT_HEADERS)


@router.get("/assets/{name}")
def shared_asset(name: str) -> Response:
    """The assets the served pages share with the static HTML brief (newsfuse.assets)."""
    try:
        body = asset(name)
    except KeyError:
        return PlainTextResponse("no such asset", status_code=404, headers=_EXPORT_HEADERS)
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=3600"}
    return Response(body, media_type="text/css; charset=utf-8", headers=headers)


def _download(body: str, name: str, media_type: str) -> Response:
    headers = {**_EXPORT_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media_type, headers=headers)


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
