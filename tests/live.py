"""A real uvicorn server on a free loopback port, in a thread, for API and browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from newsfuse.serve.security import ServeOptions
from newsfuse.serve.server import server_config


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(app: FastAPI, options: ServeOptions | None = None) -> Iterator[str]:
    """Yield the base URL of ``app`` served by uvicorn on 127.0.0.1; shut it down afterwards. With
    ``options``, uvicorn runs as ``newsfuse serve`` runs it (connection cap, header deadline)."""
    port = free_port()
    settings = {"log_level": "warning", "lifespan": "on", "timeout_graceful_shutdown": 2}
    config = (
        server_config(app, "127.0.0.1", port, options, **settings)
        if options is not None
        else uvicorn.Config(app, host="127.0.0.1", port=port, **settings)  # type: ignore[arg-type]
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
