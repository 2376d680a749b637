"""The REST API. Endpoints parse, call the store, and format; errors are ``{"error": "..."}`` with a 4xx."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsfuse.model import AnnotatedArticle, Brief, IngestReport, Rejected, Story, Trimmed
from newsfuse.serve.csp import inline_policy
from newsfuse.serve.upload_rules import CorrectedArticle, sort_upload
from newsfuse.store import (
    MAX_PAGE,
    Added,
    ArticleState,
    EnqueueOutcome,
    Page,
    Processor,
    Queued,
    QueueWorker,
    SearchHit,
    Store,
    StorySummary,
    article_state,
    enqueue,
)
from newsfuse.store.search import MAX_QUERY_CHARS, ArticleHit, ArticleQuery, search_articles

router = APIRouter()

_ACCEPTED_TYPES = ("text/plain", "text/html", "application/xhtml+xml", "application/json", "text/markdown")
_SAFE_SOURCE = re.compile(r"[^\w.\-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# past any real offset, and within every database's integer (2^63 overflowed SQLite into a 500)
MAX_OFFSET = 1_000_000_000
# JSON nested deeper than any article record could be is refused before parsing
_MAX_JSON_DEPTH = 64
# how long a POST may wait for its analysis (``wait``), and how often it looks
MAX_WAIT_SECONDS = 120.0
_WAIT_POLL_SECONDS = 0.05
# an upload this small is read and queued on the event loop
_ON_LOOP_BYTES = 16_000
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]


class ErrorBody(BaseModel):
    error: str


class IngestResponse(BaseModel):
    added: list[Added] = Field(description="Articles analysed and placed in a story (only with ``wait``).")
    queued: list[Queued] = Field(default_factory=list, description="Articles accepted, waiting for analysis.")
    duplicates: list[str]
    rejected: list[Rejected]
    trimmed: list[Trimmed] = Field(default_factory=list, description="Articles kept in part, and what was cut.")
    corrected: list[CorrectedArticle] = Field(
        default_factory=list, description="Stored texts posted again with other metadata: corrected (see PATCH)."
    )
    held: list[str] = Field(
        default_factory=list, description="Articles in a language the analysis does not read: stored, not analysed."
    )


class ArticleBrief(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None


class StoryDetail(BaseModel):
    story: Story
    summary: StorySummary | None
    articles: list[ArticleBrief]
    brief_url: str


class ArticleDetail(BaseModel):
    state: ArticleState = Field(default="analysed", description="queued, analysed, or failed (see ``reason``).")
    reason: str | None = Field(default=None, description="Why the analysis failed.")
    story_id: str | None
    annotated: AnnotatedArticle | None = Field(description="The article and its annotations, once analysed.")


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Malformed request (JSON that is not an article or a list of them)"},
    401: {"model": ErrorBody, "description": "A token is needed"},
    403: {"model": ErrorBody, "description": "Refused (no writes configured, or a cross-site write)"},
    404: {"model": ErrorBody, "description": "Not found"},
    413: {"model": ErrorBody, "description": "Request body too large, or too many articles in it"},
    415: {"model": ErrorBody, "description": "Unsupported content type (JSON must be sent as application/json)"},
    422: {"model": ErrorBody, "description": "Invalid request or unreadable article"},
    429: {"model": ErrorBody, "description": "Too many requests from this client"},
}


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _processor(request: Request) -> Processor:
    processor: Processor = request.app.state.processor
    return processor


@router.post(
    "/articles",
    status_code=202,
    response_model=IngestResponse,
    responses={
        200: {"model": IngestResponse, "description": "Already stored (same text)"},
        201: {"model": IngestResponse, "description": "Analysed and placed in a story within ``wait`` seconds"},
        **_ERRORS,
    },
    tags=["articles"],
)
async def post_article(
    request: Request,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet, if the body does not name one.")] = None,
    published: Annotated[date | None, Query(description="Publication date, if the body does not say.")] = None,
    source: Annotated[str | None, Query(max_length=200, description="A name for the upload.")] = None,
    wait: Annotated[
        float, Query(ge=0, le=MAX_WAIT_SECONDS, description="Seconds to wait for the analysis (0: answer at once).")
    ] = 0,
) -> Response:
    """Add an article: plain text (an optional ``title:``/``outlet:``/``date:`` header), HTML, or JSON
    (``{"text", "title", "outlet", "url", "published"}`` or a list of them, sent as ``application/json``).
    The article is validated and stored at once, then analysed and placed in a story in the background:
    202 with ``queued`` (each with its ``status_url``, ``GET /articles/{id}``, which shows ``queued``,
    ``analysed`` or ``failed`` and why). With ``wait``, the answer waits up to that many seconds for the
    analysis: 201 with ``added`` (and each article's story) when it is done, 422 when none could be
    analysed. Idempotent by content hash: 200 when every article was already stored; 422 when none
    could be read; 400 for JSON that is not an article or a list of them. Needs the server's token
    (``Authorization: Bearer``)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _ACCEPTED_TYPES:
        raise HTTPException(415, f"content type must be one of {', '.join(_ACCEPTED_TYPES)}; got {content_type!r}")
    body = await request.body()
    if not body.strip():
        raise HTTPException(422, "empty request body")
    max_records: int = request.app.state.options.max_records
    as_json = content_type == "application/json"
    if as_json:
        _check_json_articles(body, max_records)
    elif _looks_like_json(body):
        # a form or a cross-site page can send text/plain without asking; JSON comes declared as JSON
        raise HTTPException(415, "a JSON body must be sent with content type application/json")
    name = "upload:" + (_SAFE_SOURCE.sub("_", source) if source else "post")
    store, processor = _store(request), _processor(request)

    def accept(on_loop: bool = False) -> tuple[IngestReport, EnqueueOutcome, list[CorrectedArticle], list[str]] | None:
        report = processor.read(body, source=name, outlet=outlet, published=published, as_json=as_json)
        if len(report.articles) > max_records:
            raise HTTPException(413, f"{len(report.articles)} articles in one request; at most {max_records}")
        if on_loop and any(store.has_article(article.id) for article in report.articles):
            return None  # correcting a stored article re-analyses it: not on the event loop
        # a stored text with other metadata corrects it; another language is held, not analysed
        to_queue, corrected, held = sort_upload(store, processor, report.articles)
        return report, enqueue(store, to_queue), corrected, held

    # a small upload of new texts is accepted on the event loop (a few milliseconds): a hand-off to a thread
    # waits behind every request the loop has ready, which under load was most of a POST's time. Reading a
    # large one is CPU-bound (HTML extraction), and a busy write lock would hold the loop: those go to a
    # thread. Analysis is the queue worker's.
    outcome = None
    if len(body) <= _ON_LOOP_BYTES and store.write_lock.acquire(blocking=False):
        try:
            outcome = accept(on_loop=True)
        finally:
            store.write_lock.release()
    if outcome is None:
        outcome = await run_in_threadpool(accept)
    assert outcome is not None  # accept() off the loop always answers
    report, accepted, corrected, held = outcome
    worker: QueueWorker = request.app.state.queue_worker
    if accepted.queued:
        worker.wake()
    result = IngestResponse(
        added=[],
        queued=accepted.queued,
        duplicates=report.duplicates + accepted.duplicates,
        rejected=list(report.rejected),
        trimmed=[t for t in report.trimmed if t.source in {q.source for q in accepted.queued}],
        corrected=corrected,
        held=held,
    )
    if wait and accepted.queued:
        await _wait_for_analysis(store, result, wait, request.app.state.stopping)
    headers = {"Location": result.queued[0].status_url} if len(result.queued) == 1 else {}
    if result.queued:
        status = 202
    elif result.added or result.held:
        status = 201
    elif result.duplicates or result.corrected:
        status = 200
    else:
        reasons = "; ".join(r.reason for r in result.rejected) or "no article in the body"
        return JSONResponse({"error": reasons, "rejected": [r.model_dump() for r in result.rejected]}, 422)
    return JSONResponse(result.model_dump(mode="json"), status_code=status, headers=headers)


async def _wait_for_analysis(store: Store, result: IngestResponse, wait: float, stopping: threading.Event) -> None:
    """Move each queued article of ``result`` to ``added`` or ``rejected`` as the worker finishes it, for at
    most ``wait`` seconds (polling the store: the worker may be another process), or until the server
    begins to stop (what is still queued is answered as queued)."""
    deadline = time.monotonic() + wait
    while result.queued:
        states = await run_in_threadpool(lambda: [(q, article_state(store, q.article_id)) for q in result.queued])
        result.queued = []
        for queued, state in states:
            if state is not None and state[0] == "analysed":
                story_id = store.story_of(queued.article_id) or ""
                result.added.append(Added(article_id=queued.article_id, story_id=story_id, source=queued.source))
            elif state is not None and state[0] == "failed":
                result.rejected.append(Rejected(source=queued.source or queued.article_id, reason=state[1] or ""))
            else:
                result.queued.append(queued)
        if not result.queued or time.monotonic() >= deadline or stopping.is_set():
            return
        await asyncio.sleep(_WAIT_POLL_SECONDS)


def _check_json_articles(body: bytes, max_records: int) -> None:
    """Declared JSON must be an article object or a list of them (400 otherwise); a list holds at most
    ``max_records`` (413). Nesting is measured before parsing, so no parse recurses without bound."""
    depth = _json_depth(body)
    if depth > _MAX_JSON_DEPTH:
        raise HTTPException(400, f"JSON nested {depth} deep; at most {_MAX_JSON_DEPTH}")
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, RecursionError, ValueError) as error:  # JSONDecodeError, 4,300+ digit numbers
        raise HTTPException(400, f"body is not valid JSON ({str(error).splitlines()[0]})") from None
    if isinstance(document, list):
        if not document:
            raise HTTPException(400, "JSON is an empty list: send an article object or a list of them")
        if len(document) > max_records:
            raise HTTPException(413, f"{len(document)} articles in one request; at most {max_records}")
    elif not isinstance(document, dict):
        kind = "null" if document is None else type(document).__name__
        raise HTTPException(400, f"JSON is {kind}: send an article object or a list of them")


def _json_depth(body: bytes) -> int:
    """The deepest nesting of brackets outside strings (a linear scan, no parse)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _looks_like_json(body: bytes) -> bool:
    """Whether a body sent as text is really JSON: it opens like JSON, and it parses as one document or its
    first line does (JSON Lines), or it is one JSON value alone (null, true, a number, a quoted string): no
    article. Nesting past the limit counts as JSON: no article text opens that way."""
    stripped = body.strip()
    if stripped[:1] not in (b"{", b"["):
        return bool(stripped) and stripped[:1] in b'"-0123456789tfn' and _parses(stripped)
    return any(_parses(candidate) for candidate in (stripped.split(b"\n", 1)[0], stripped))


def _parses(data: bytes) -> bool:
    if _json_depth(data) > _MAX_JSON_DEPTH:
        return True
    try:
        json.loads(data)
    except (UnicodeDecodeError, RecursionError, ValueError):
        return False
    return True


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=_ERRORS, tags=["articles"])
def get_article(request: Request, article_id: str) -> ArticleDetail:
    """One article's state: ``queued`` (accepted, waiting for analysis), ``failed`` (with the reason), or
    ``analysed``, with its story and annotations (sentences, mentions, quotations, times, numbers)."""
    store = _store(request)
    # the state first: the worker stores an article and takes it off the queue in one commit, so an
    # article seen as analysed here is in the store for the reads below
    state = article_state(store, article_id)
    annotated = store.article(article_id) if state is not None and state[0] == "analysed" else None
    if state is None or (state[0] == "analysed" and annotated is None):
        raise HTTPException(404, f"no article {article_id!r}")
    if annotated is not None:
        return ArticleDetail(story_id=store.story_of(article_id), annotated=annotated)
    return ArticleDetail(state=state[0], reason=state[1], story_id=None, annotated=None)


@router.get("/stories", response_model=Page[StorySummary], responses=_ERRORS, tags=["stories"])
def get_stories(request: Request, offset: Offset = 0, limit: Limit = 50) -> Page[StorySummary]:
    """Stories, newest first, with their outlet counts."""
    return _store(request).stories(offset=offset, limit=limit)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=_ERRORS, tags=["stories"])
def get_story(request: Request, story_id: str) -> StoryDetail:
    """A story: its articles and source families."""
    store = _store(request)
    story = store.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    articles = [
        ArticleBrief(
            id=a.article.id,
            title=a.article.title,
            outlet=a.article.outlet,
            url=a.article.url,
            published=a.article.published,
        )
        for a in store.members(story_id)
    ]
    return StoryDetail(
        story=story, summary=store.story_summary(story_id), articles=articles, brief_url=f"/stories/{story_id}/brief"
    )


@router.get(
    "/stories/{story_id}/brief",
    response_model=Brief,
    responses={
        200: {"content": {"text/markdown": {}, "text/html": {}}, "description": "The brief"},
        **_ERRORS,
    },
    tags=["stories"],
)
async def get_brief(
    request: Request,
    story_id: str,
    format: Annotated[Literal["json", "md", "html"], Query(description="json, md or html.")] = "json",
) -> Response:
    """The story's brief: cited summary, consensus, unique facts, conflicts, quotations, timeline, entities.
    Cached; recomputed when an article has joined the story since. 422 when the brief could not be
    computed (the error says why; tried again once another article joins)."""
    store, processor = _store(request), _processor(request)
    # the hot path, a cached brief, is one indexed read: done on the event loop, it avoids thread
    # hand-offs; computing a brief takes seconds, so that goes to the thread pool
    found, text = store.cached_brief_json(story_id)
    if found and text is None:
        text = await run_in_threadpool(store.brief_json, story_id, processor)
    if text is None:
        raise HTTPException(404, f"no story {story_id!r}")
    if format == "json":
        return Response(text, media_type="application/json")
    brief = Brief.model_validate_json(text)
    if format == "md":
        return Response(processor.render(brief, "md"), media_type="text/markdown; charset=utf-8")
    page = processor.render(brief, "html")
    return Response(
        page,
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": inline_policy(page)},
    )


@router.get("/search", response_model=Page[SearchHit], responses=_ERRORS, tags=["search"])
def search(
    request: Request,
    entity: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    speaker: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    quote: Annotated[str | None, Query(min_length=1, max_length=500, description="Words of a quotation.")] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[SearchHit]:
    """Find mentions of an entity, quotations by a speaker, or quotations containing some words
    (case-insensitive; give exactly one of ``entity``, ``speaker``, ``quote``)."""
    if sum(value is not None for value in (entity, speaker, quote)) != 1:
        raise HTTPException(422, "give exactly one of entity, speaker or quote")
    if any(value is not None and _CONTROL.search(value) for value in (entity, speaker, quote)):
        # a NUL ends the LIKE pattern early in SQLite, which then matched every row
        raise HTTPException(422, "search terms may not contain control characters (%00 and the like)")
    return _store(request).search(entity=entity, speaker=speaker, quote=quote, offset=offset, limit=limit)


@router.get("/search/articles", response_model=Page[ArticleHit], responses=_ERRORS, tags=["search"])
def search_article_text(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description='Words and "quoted phrases".')],
    since: Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Query(min_length=1, max_length=200, description="Outlet name, any case.")] = None,
    offset: Offset = 0,
    limit: Limit = 20,
) -> Page[ArticleHit]:
    """Full-text search over the stored articles' titles and bodies (every word and phrase must match), best
    first, with a snippet around the matches; filtered by publication dates and outlet."""
    if _CONTROL.search(q) or (outlet and _CONTROL.search(outlet)):
        raise HTTPException(422, "search terms may not contain control characters (%00 and the like)")
    try:
        return search_articles(
            _store(request).engine, ArticleQuery(q, since, until, outlet), offset=offset, limit=limit
        )
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
