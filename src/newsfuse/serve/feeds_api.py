"""The API's side of ``newsfuse watch``: register feeds (RSS/Atom or news sitemaps) in the store, and list them
with their last poll. Polling itself is ``newsfuse watch --db`` on the same store (from cron, or as a loop):
the server never fetches from the web on a client's request."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsfuse.store import Store
from newsfuse.store.watching import WatchState

router = APIRouter(tags=["feeds"])

MAX_FEEDS_PER_REQUEST = 100
MAX_FEED_URL_CHARS = 2_000


class FeedRegistration(BaseModel):
    urls: list[str] = Field(
        min_length=1, max_length=MAX_FEEDS_PER_REQUEST, description="Feed or sitemap URLs (http or https)."
    )


class FeedInfo(BaseModel):
    url: str
    last_polled_at: datetime | None = Field(description="When `newsfuse watch` last polled it (UTC); null: never.")
    last_status: str | None = Field(description="'200: 12 links, 3 new', '304 not modified', or the error line.")


class FeedsRegistered(BaseModel):
    added: list[str] = Field(description="Feeds newly registered.")
    known: list[str] = Field(description="Feeds that were registered already (left as they were).")


class FeedList(BaseModel):
    items: list[FeedInfo]
    total: int


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _checked(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if len(url) > MAX_FEED_URL_CHARS:
        raise HTTPException(422, f"a feed URL has at most {MAX_FEED_URL_CHARS:,} characters")
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ord(c) < 33 for c in url):
        raise HTTPException(422, f"not an http(s) URL: {url[:120]!r}")
    return url


@router.post("/feeds", status_code=201, response_model=FeedsRegistered)
async def register_feeds(request: Request, registration: FeedRegistration) -> JSONResponse:
    """Register feeds for `newsfuse watch` to poll: 201 when one is new, 200 when all were known. Needs the
    server's token."""
    urls = [_checked(url) for url in registration.urls]
    added = await run_in_threadpool(WatchState(_store(request)).add_feeds, urls)
    result = FeedsRegistered(added=added, known=[url for url in dict.fromkeys(urls) if url not in added])
    return JSONResponse(result.model_dump(mode="json"), status_code=201 if added else 200)


@router.get("/feeds", response_model=FeedList)
def list_feeds(request: Request) -> FeedList:
    """The registered feeds, oldest first, each with its last poll."""
    feeds = WatchState(_store(request)).feeds()
    items = [FeedInfo(url=f.url, last_polled_at=f.last_polled_at, last_status=f.last_status) for f in feeds]
    return FeedList(items=items, total=len(items))
