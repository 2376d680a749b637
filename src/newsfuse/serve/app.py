"""The FastAPI application: one ``Store`` and one ``Processor`` per process, shared by every request.
Every error is ``{"error": "..."}``; the interactive docs are off (they load script from a CDN); the
OpenAPI document is at /openapi.json."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsfuse.errors import NewsfuseError
from newsfuse.serve import api, corrections_api, feeds_api, held_api, listing_api, pages
from newsfuse.serve.limits import BodyLimit
from newsfuse.serve.security import Guard, ServeOptions
from newsfuse.serve.server import StoppingServer, server_config
from newsfuse.store import BriefFailed, Processor, QueueWorker, Store
from newsfuse.store.queue_process import QueueProcess, SpawnableProcessor, shared_database

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_BODY_BYTES = 2_000_000
_STATIC = Path(__file__).resolve().parent / "static"
_log = logging.getLogger(__name__)


def create_app(
    store: Store,
    processor: Processor,
    max_body_bytes: int = MAX_BODY_BYTES,
    options: ServeOptions | None = None,
    queue_worker: QueueWorker | QueueProcess | None = None,
) -> FastAPI:
    """The app over ``store``. ``options`` sets tokens, hosts and limits (default: reads open to loopback
    clients, no writes, since no token is set). ``queue_worker`` analyses what POST /articles queues
    (default: a thread beside the server, with ``processor``)."""
    options = options or ServeOptions()
    app = FastAPI(
        lifespan=_run_queue_worker,
        title="newsfuse",
        summary="Stories of the day, fused across outlets, with briefs whose every sentence cites its sources.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.processor = processor
    app.state.options = options
    # set when the server's shutdown begins (``StoppingServer``): requests waiting on the queue stop waiting
    app.state.stopping = threading.Event()
    # analyses what POST /articles queues (and what a killed server left queued) beside the server
    app.state.queue_worker = queue_worker or QueueWorker(store, processor)
    app.include_router(api.router)
    app.include_router(corrections_api.router)
    app.include_router(feeds_api.router)
    app.include_router(held_api.router)
    app.include_router(listing_api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(BriefFailed, _brief_failed)
    app.add_exception_handler(NewsfuseError, _newsfuse_error)
    app.add_exception_handler(Exception, _internal_error)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes, timeout_seconds=options.body_timeout_seconds)
    app.add_middleware(Guard, options=options)  # outermost: refused requests reach nothing else
    return app


@asynccontextmanager
async def _run_queue_worker(app: FastAPI) -> AsyncIterator[None]:
    """The queue worker runs while the server does: it starts with it (picking up what is still queued) and
    stops with it (a worker process at once, the article in hand left queued with the rest)."""
    worker: QueueWorker | QueueProcess = app.state.queue_worker
    app.state.stopping.clear()
    worker.start()
    try:
        yield
    finally:
        if isinstance(worker, QueueProcess):
            worker.stop(app.state.options.queue_stop_seconds)
        else:  # a thread of this process: it ends after the article in hand
            worker.stop()


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    page = pages.browser_error(request, error.status_code, str(error.detail), error.headers)
    if page is not None:  # a browser gets a page, an API client the JSON below
        return page
    return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=error.headers)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = [
        f"{'.'.join(str(part) for part in problem.get('loc', ()))}: {problem.get('msg', 'invalid')}"
        for problem in error.errors()
    ]
    page = pages.browser_error(request, 422, "; ".join(problems) or "invalid request")
    if page is not None:
        return page
    return JSONResponse({"error": "; ".join(problems) or "invalid request"}, status_code=422)


async def _newsfuse_error(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"error": str(error).splitlines()[0] if str(error) else type(error).__name__}, status_code=500)


async def _brief_failed(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"error": str(error)}, status_code=422)


async def _internal_error(_request: Request, error: Exception) -> JSONResponse:
    _log.error("internal error: %s", error, exc_info=error)
    return JSONResponse({"error": f"internal error ({type(error).__name__})"}, status_code=500)


def serve(
    store: Store,
    processor: Processor,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    options: ServeOptions | None = None,
) -> None:
    """Run the API and the pages until interrupted. Queued articles are analysed in a worker process of
    their own when the processor can be rebuilt there (the real pipeline can), so analysis never holds
    the server's interpreter; otherwise in a thread beside the server."""
    options = options or ServeOptions.from_environment(host)
    queue_worker = (
        QueueProcess(store.db, processor.worker_factory())
        if isinstance(processor, SpawnableProcessor) and shared_database(store.db)
        else None
    )
    app = create_app(store, processor, options=options, queue_worker=queue_worker)
    StoppingServer(server_config(app, host, port, options), on_shutdown=lambda: _stop_work(app)).run()


def _stop_work(app: FastAPI) -> None:
    """As the server begins to stop: requests waiting on the queue answer now, and a brief being computed
    in the processor's isolated worker is stopped (its request answers 503; nothing records a failure)."""
    app.state.stopping.set()
    close = getattr(app.state.processor, "close", None)
    if callable(close):
        close()
