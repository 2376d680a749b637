"""uvicorn, configured for exposure: a connection cap, and a deadline for a request's headers.

uvicorn closes idle keep-alive connections but waits forever for a request's headers, so 300 clients that
each send a byte a minute hold 300 file descriptors. ``GuardedH11Protocol`` closes a connection whose
headers are not in after ``header_timeout_seconds``, and refuses connections past ``max_connections``.
The body has its own deadline (``BodyLimit``).
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsfuse.serve.security import ServeOptions


class GuardedH11Protocol(H11Protocol):
    header_timeout_seconds = 10.0
    max_connections = 256

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.abort()
            return
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_deadline()  # the next request on this connection gets the same deadline

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        self._header_deadline = self.loop.call_later(self.header_timeout_seconds, self._headers_overdue)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_overdue(self) -> None:
        self._header_deadline = None
        waiting_for_headers = self.cycle is None or self.cycle.response_complete
        if waiting_for_headers and not self.transport.is_closing():
            self.transport.close()


def server_config(app: Any, host: str, port: int, options: ServeOptions, **extra: Any) -> uvicorn.Config:
    """The uvicorn configuration every newsfuse server runs with (tests start theirs from it too)."""
    protocol = type(
        "NewsfuseH11Protocol",
        (GuardedH11Protocol,),
        {"header_timeout_seconds": options.header_timeout_seconds, "max_connections": options.max_connections},
    )
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol,
        limit_concurrency=options.max_connections,
        timeout_keep_alive=options.keep_alive_seconds,
        server_header=False,
        **extra,
    )
