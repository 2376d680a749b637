"""A real HTTP server on 127.0.0.1 for fetch and watch tests: a thread of the standard library's
ThreadingHTTPServer answering with whatever each route returns (status, headers, body, a delay before the
headers, a body sent in slow chunks). It never reaches the internet; every request is logged."""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "article-extraction"


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds before the status line
    chunks: Iterator[bytes] | None = None  # sent with chunked encoding instead of body


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


Route = Callable[[Request], Reply]


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                request = Request(path=self.path, headers={k.lower(): v for k, v in self.headers.items()})
                with server._lock:
                    server.log.append(request)
                route = server.routes.get(self.path.split("?", 1)[0])
                reply = route(request) if route else Reply(404, {"Content-Type": "text/plain"}, b"not found")
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.chunks is not None:
                        self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        for chunk in reply.chunks:
                            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    else:
                        self.send_header("Content-Length", str(len(reply.body)))
                        self.end_headers()
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size cap, timeout): what the test wanted

            def log_message(self, *_: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def requested(self, prefix: str = "/") -> list[str]:
        with self._lock:
            return [r.path for r in self.log if r.path.startswith(prefix)]

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def conditional(body: bytes, content_type: str, *, last_modified: str | None = None) -> Route:
    """A resource with an ETag (and optionally Last-Modified) that answers 304 to a matching conditional GET."""

    def route(request: Request) -> Reply:
        tag = etag_of(body)
        headers = {"Content-Type": content_type, "ETag": tag}
        if last_modified:
            headers["Last-Modified"] = last_modified
        if request.headers.get("if-none-match") == tag or (
            last_modified and request.headers.get("if-modified-since") == last_modified
        ):
            return Reply(304, {"ETag": tag})
        return Reply(200, headers, body)

    return route


def corpus_truth() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    return data


def corpus_page_gzip(page_id: str) -> bytes:
    """A corpus page as it is stored: gzip bytes, served as ``Content-Encoding: gzip``."""
    return (CORPUS / "html" / f"{page_id}.html.gz").read_bytes()


def corpus_page(page_id: str) -> bytes:
    return gzip.decompress(corpus_page_gzip(page_id))
