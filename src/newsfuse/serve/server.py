"""uvicorn, configured for exposure: a connection cap, and a deadline for a request's headers.

uvicorn closes idle keep-alive connections but waits forever for a request's headers, so 300 clients that
each send a byte a minute hold 300 file descriptors. ``GuardedH11Protocol`` closes a connection whose
headers are not in after ``header_timeout_seconds``, and refuses connections past ``max_connections``.
The body has its own deadline (``BodyLimit``). A request h11 cannot parse (a garbled request line, a bad
header, a broken chunk) is answered 400 in the API's JSON error format, as every other bad request is.
On SIGTERM, ``StoppingServer`` tells the app first, and open requests get ``shutdown_grace_seconds``.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Callable
from typing import Any

import h11
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

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request it cannot parse, in JSON. Garbage pipelined after a request the app
        is still answering closes the connection once that answer is sent (it cannot get a second one)."""
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.keep_alive = False
            return
        if self.conn.our_state not in (h11.IDLE, h11.SEND_RESPONSE):
            self.transport.close()
            return
        payload = json.dumps({"error": f"bad HTTP request: {msg.rstrip('.').lower()}"}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"connection", b"close"),
        ]
        try:
            self.transport.write(self.conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request")))
            self.transport.write(self.conn.send(h11.Data(data=payload)))
            self.transport.write(self.conn.send(h11.EndOfMessage()))
        except h11.LocalProtocolError:
            pass  # h11 will not send a response in this state: closing is the answer
        self.transport.close()

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


class StoppingServer(uvicorn.Server):
    """uvicorn's server, which calls ``on_shutdown`` as its shutdown begins, before the grace for open
    requests: the app stops waiting and stops its work then (a POST waiting for its analysis answers 202, a
    brief being computed 503), rather than being cancelled without an answer when the grace runs out."""

    def __init__(self, config: uvicorn.Config, on_shutdown: Callable[[], None]) -> None:
        super().__init__(config)
        self.on_shutdown = on_shutdown

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await asyncio.to_thread(self.on_shutdown)  # it may wait a moment for a worker to die
        await super().shutdown(sockets)


def server_config(app: Any, host: str, port: int, options: ServeOptions, **extra: Any) -> uvicorn.Config:
    """The uvicorn configuration every newsfuse server runs with (tests start theirs from it too)."""
    protocol = type(
        "NewsfuseH11Protocol",
        (GuardedH11Protocol,),
        {"header_timeout_seconds": options.header_timeout_seconds, "max_connections": options.max_connections},
    )
    settings: dict[str, Any] = {
        "http": protocol,
        # one above the cap: connections past it are aborted first, so uvicorn's plain-text 503 is never sent
        "limit_concurrency": options.max_connections + 1,
        "timeout_keep_alive": options.keep_alive_seconds,
        # uvicorn waits for open requests without end by default: a POST waiting for its analysis, or a
        # brief being computed, held a SIGTERM off for minutes
        "timeout_graceful_shutdown": options.shutdown_grace_seconds,
        "server_header": False,
    }
    return uvicorn.Config(app, host=host, port=port, **{**settings, **extra})
