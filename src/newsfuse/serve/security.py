"""Who may do what: the server's exposure settings and the ASGI guard that enforces them on every request.

Writes need a token (``NEWSFUSE_TOKEN`` or the file ``NEWSFUSE_TOKEN_FILE`` names); without one the server
takes no writes. Reads are open unless a read token is configured. A write from another site is refused
(its ``Origin`` or ``Sec-Fetch-Site`` says so), and every request must name an allowed ``Host`` (a page
on another site that rebinds its DNS name to 127.0.0.1 names its own host). Each client has a token
bucket for reads and one for writes (``NEWSFUSE_READ_RATE`` / ``NEWSFUSE_WRITE_RATE`` per minute, 0 for
none): past it, 429. Every response says ``nosniff``; an HTML response without a policy of its own gets
the strict one (no inline script or style).
"""

from __future__ import annotations

import hmac
import json
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsfuse.errors import NewsfuseError
from newsfuse.store.workers import WorkerStopped

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
STRICT_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Rate:
    """A token bucket: ``burst`` requests at once, refilled at ``per_minute``."""

    per_minute: float
    burst: int


@dataclass(frozen=True)
class ServeOptions:
    """Exposure settings of one server (tunable in one place; see the README's reverse-proxy section)."""

    write_token: str | None = None
    read_token: str | None = None
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    # origins allowed to write besides the server's own (a front end on another port, say)
    allowed_origins: tuple[str, ...] = ()
    read_rate: Rate | None = Rate(per_minute=3_000, burst=300)
    write_rate: Rate | None = Rate(per_minute=60, burst=20)
    # per request: articles in one upload, seconds to send the body, seconds to send the headers
    max_records: int = 100
    body_timeout_seconds: float = 30.0
    header_timeout_seconds: float = 10.0
    max_connections: int = 256
    keep_alive_seconds: int = 5
    # on SIGTERM: seconds open requests get to finish (then they are cancelled, a brief being computed
    # stopped), and seconds the queue process gets to end on its own, then again after SIGTERM, before a
    # kill; the queue is durable, so neither loses an acknowledged article
    shutdown_grace_seconds: float = 3.0
    queue_stop_seconds: float = 3.0
    # clients tracked by the rate limiter before the least recent are forgotten
    max_clients: int = 10_000

    @classmethod
    def from_environment(cls, host: str | None = None, **overrides: object) -> ServeOptions:
        """Tokens from ``NEWSFUSE_TOKEN`` / ``NEWSFUSE_TOKEN_FILE`` (and ``NEWSFUSE_READ_TOKEN`` /
        ``NEWSFUSE_READ_TOKEN_FILE``); extra hosts and origins from ``NEWSFUSE_ALLOWED_HOSTS`` and
        ``NEWSFUSE_ALLOWED_ORIGINS`` (comma-separated). ``host`` (the address listened on) is allowed too."""
        hosts = [*LOOPBACK_HOSTS, *_listed("NEWSFUSE_ALLOWED_HOSTS")]
        if host and host not in ("0.0.0.0", "::"):
            hosts.append(host)
        defaults = cls()
        options = cls(
            write_token=_token("NEWSFUSE_TOKEN"),
            read_token=_token("NEWSFUSE_READ_TOKEN"),
            allowed_hosts=tuple(dict.fromkeys(hosts)),
            allowed_origins=tuple(_listed("NEWSFUSE_ALLOWED_ORIGINS")),
            read_rate=_rate("NEWSFUSE_READ_RATE", defaults.read_rate),
            write_rate=_rate("NEWSFUSE_WRITE_RATE", defaults.write_rate),
        )
        return replace(options, **overrides)  # type: ignore[arg-type]


def _listed(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _rate(name: str, default: Rate | None) -> Rate | None:
    """Requests per minute per client from ``name`` (``0``: no limit); the burst is a tenth of a minute's."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        per_minute = float(value)
    except ValueError:
        raise NewsfuseError(f"{name} must be a number of requests per minute, got {value!r}") from None
    return Rate(per_minute=per_minute, burst=max(1, int(per_minute / 10))) if per_minute > 0 else None


def _token(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    path = os.environ.get(f"{name}_FILE", "").strip()
    if path:
        try:
            value = Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise NewsfuseError(f"cannot read {name}_FILE {path}: {error.strerror or error}") from None
    if value and len(value) < 16:
        raise NewsfuseError(f"{name} is too short to be a secret: use 16 characters or more")
    return value or None


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimiter:
    """Token buckets per client key; the least recently seen are dropped past ``max_clients``."""

    rate: Rate
    max_clients: int
    buckets: dict[str, _Bucket] = field(default_factory=dict)

    def take(self, key: str, now: float | None = None) -> float:
        """0 when the request may go, else the seconds until it could."""
        now = time.monotonic() if now is None else now
        bucket = self.buckets.pop(key, None) or _Bucket(tokens=float(self.rate.burst), stamp=now)
        bucket.tokens = min(self.rate.burst, bucket.tokens + (now - bucket.stamp) * self.rate.per_minute / 60)
        bucket.stamp = now
        self.buckets[key] = bucket  # re-inserted: the dict's order is the order clients were last seen
        if len(self.buckets) > self.max_clients:
            del self.buckets[next(iter(self.buckets))]
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) * 60 / self.rate.per_minute


class Guard:
    """ASGI middleware: Host allow-list, tokens, cross-site writes, rate limits, security headers."""

    def __init__(self, app: ASGIApp, options: ServeOptions) -> None:
        self.app = app
        self.options = options
        self.hosts = {host.lower() for host in options.allowed_hosts}
        self.readers = RateLimiter(options.read_rate, options.max_clients) if options.read_rate else None
        self.writers = RateLimiter(options.write_rate, options.max_clients) if options.write_rate else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, message, extra = refusal
            await _send_error(send, status, message, extra)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                message["headers"] = _with_security_headers(list(message.get("headers", [])))
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except WorkerStopped:
            # the server is shutting down and stopped the work this request waited on (a brief): say so
            # in the API's error format rather than uvicorn's plain-text 500
            if not started:
                await _send_error(send, 503, "the server is shutting down: try again once it is back", [])

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        host = _host_name(headers.get("host", ""))
        if host not in self.hosts:
            return 400, f"host {host!r} is not served here (allowed: {', '.join(sorted(self.hosts))})", []
        writing = scope["method"] not in _READ_METHODS
        client = (scope.get("client") or ("unknown", 0))[0]
        limiter = self.writers if writing else self.readers
        wait = limiter.take(client) if limiter is not None else 0.0
        if wait:
            kind = "writes" if writing else "requests"
            retry = str(max(1, round(wait)))
            return 429, f"too many {kind} from this client: retry in {retry} s", [(b"retry-after", retry.encode())]
        if writing:
            return self._write_refusal(headers)
        if self.options.read_token and not _bearer_matches(headers, self.options.read_token, self.options.write_token):
            return 401, "this server needs a token to read: send 'Authorization: Bearer <token>'", _challenge()
        return None

    def _write_refusal(self, headers: dict[str, str]) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        if headers.get("sec-fetch-site", "") == "cross-site":
            return 403, "cross-site writes are refused", []
        origin = headers.get("origin")
        if origin is not None and not self._origin_allowed(origin, headers.get("host", "")):
            return 403, f"writes from origin {origin!r} are refused", []
        if self.options.write_token is None:
            return 403, "this server takes no writes: start it with NEWSFUSE_TOKEN (or NEWSFUSE_TOKEN_FILE) set", []
        if not _bearer_matches(headers, self.options.write_token):
            return 401, "writing needs the server's token: send 'Authorization: Bearer <token>'", _challenge()
        return None

    def _origin_allowed(self, origin: str, host_header: str) -> bool:
        own = {f"http://{host_header}".lower(), f"https://{host_header}".lower()}
        return origin.lower() in own or origin in self.options.allowed_origins


def _host_name(host_header: str) -> str:
    """The host part of a Host header: ``[::1]:8000`` → ``::1``, ``localhost:8000`` → ``localhost``."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _bearer_matches(headers: dict[str, str], *tokens: str | None) -> bool:
    scheme, _, given = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        return False
    given_bytes = given.strip().encode("utf-8")
    return any(token is not None and hmac.compare_digest(given_bytes, token.encode("utf-8")) for token in tokens)


def _challenge() -> list[tuple[bytes, bytes]]:
    return [(b"www-authenticate", b'Bearer realm="newsfuse"')]


def _with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    names = {key.lower() for key, _ in headers}
    if b"x-content-type-options" not in names:
        headers.append((b"x-content-type-options", b"nosniff"))
    content_type = next((value for key, value in headers if key.lower() == b"content-type"), b"")
    if content_type.startswith(b"text/html") and b"content-security-policy" not in names:
        headers.append((b"content-security-policy", STRICT_CSP.encode()))
    if b"referrer-policy" not in names:
        headers.append((b"referrer-policy", b"no-referrer"))
    return headers


async def _send_error(send: Send, status: int, message: str, extra: list[tuple[bytes, bytes]]) -> None:
    payload = json.dumps({"error": message}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": _with_security_headers(headers)})
    await send({"type": "http.response.body", "body": payload})
