"""Pages and feeds over HTTP(S) with httpx: timeouts, a body size cap, redirects followed by hand (capped,
loops named), retries with backoff on 429/5xx honouring Retry-After, a delay between two requests to one
host, robots.txt (protego), conditional GET (ETag / Last-Modified → 304) and an identifying User-Agent.
Every failure is a ``FetchError`` whose message is one line; callers turn it into a ``Rejected``."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from newsfuse.errors import InputError
from newsfuse.ingest.decode import decode_declared

USER_AGENT = "newsfuse/0.1 (news reader; fetches pages its user asked for; honours robots.txt)"
_ROBOTS_AGENT = "newsfuse"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRIED = frozenset({429, 500, 502, 503, 504})


class FetchError(InputError):
    """A URL that could not be fetched; the message says why, in one line."""


@dataclass(frozen=True)
class FetchSettings:
    """The fetcher's thresholds, in one place."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # the longest silence between two chunks of a response
    total_timeout: float = 60.0  # the whole response, so a server trickling bytes cannot hold a fetch forever
    max_bytes: int = 10_000_000  # after content decoding: a gzip bomb is cut like a plain huge body
    max_redirects: int = 5
    retries: int = 3  # further attempts after a 429/5xx answer or a refused connection
    backoff_seconds: float = 1.0  # doubled after each attempt
    max_retry_after_seconds: float = 120.0  # a server asking for a longer wait is reported, not waited for
    per_host_delay_seconds: float = 1.0
    max_crawl_delay_seconds: float = 30.0
    respect_robots: bool = True
    robots_max_bytes: int = 500_000


@dataclass(frozen=True)
class Fetched:
    """One answer: 200 with a body, or 304 (``not_modified``) for a conditional request."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the declared charset checked against the bytes, not trusted (see decode_declared)."""
        return decode_declared(self.body, self.charset)


class Fetcher:
    """One client for a batch or a watch loop: connections, robots.txt and per-host timing are shared.
    ``transport`` lets tests mount an in-process app; ``sleep`` and ``clock`` let them skip real waiting."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self._client = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,
        )
        self._sleep = sleep
        self._clock = clock
        self._robots: dict[str, Protego | None] = {}
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests = 0  # every request sent, robots.txt included: what a poll cost

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url``, following redirects; with ``etag``/``last_modified`` a conditional GET (304 → no body)."""
        current = _checked_url(url)
        visited = [current]
        while True:
            self._check_robots(current)
            response = self._get_with_retries(current, etag=etag, last_modified=last_modified)
            if response.status not in _REDIRECTS:
                return Fetched(
                    url=url,
                    final_url=current,
                    status=response.status,
                    body=response.body,
                    content_type=response.content_type,
                    charset=response.charset,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    redirects=visited[1:],
                )
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status} redirect without a Location header")
            target = _checked_url(urljoin(current, location))
            if target in visited:
                chain = " → ".join([*visited, target])
                raise FetchError(f"redirect loop: {_short(chain, 300)}")
            if len(visited) > self.settings.max_redirects:
                raise FetchError(f"more than {self.settings.max_redirects} redirects (last to {_short(target)})")
            visited.append(target)
            current = target

    # ---------------------------------------------------------------- one request

    def _get_with_retries(self, url: str, *, etag: str | None, last_modified: str | None) -> _Response:
        s = self.settings
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(s.retries + 1):
            wait = s.backoff_seconds * (2**attempt)
            try:
                response = self._get(url, headers, s.max_bytes)
            except httpx.ConnectError as error:
                if attempt == s.retries:
                    raise FetchError(f"cannot connect to {_host(url)}: {_reason(error)}") from None
                self._sleep(wait)
                continue
            if response.status in (200, 304) or response.status in _REDIRECTS:
                return response
            if response.status in _RETRIED and attempt < s.retries:
                retry_after = _retry_after(response.headers.get("retry-after"))
                if retry_after is not None and retry_after > s.max_retry_after_seconds:
                    raise FetchError(
                        f"HTTP {response.status} {response.reason}: the server asks to retry after "
                        f"{retry_after:.0f} s, longer than the {s.max_retry_after_seconds:.0f} s waited"
                    )
                self._sleep(max(wait, retry_after or 0.0))
                continue
            tries = f" after {attempt + 1} attempts" if attempt else ""
            raise FetchError(f"HTTP {response.status} {response.reason}{tries}")
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def _get(self, url: str, headers: dict[str, str], max_bytes: int) -> _Response:
        self._wait_for_host(url)
        started = self._clock()
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"body of {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(f"body over the {max_bytes:,}-byte limit (stopped reading)")
                    if self._clock() - started > self.settings.total_timeout:
                        raise FetchError(f"response took over {self.settings.total_timeout:.0f} s (stopped reading)")
                    chunks.append(chunk)
                content_type = response.headers.get("content-type")
                return _Response(
                    status=response.status_code,
                    reason=response.reason_phrase,
                    headers=dict(response.headers),
                    body=b"".join(chunks),
                    content_type=content_type.split(";")[0].strip().lower() if content_type else None,
                    charset=response.charset_encoding,
                )
        except httpx.TimeoutException as error:
            kind = "connecting" if isinstance(error, httpx.ConnectTimeout) else "waiting for the response"
            raise FetchError(f"timed out {kind} ({_host(url)})") from None
        except httpx.DecodingError:
            raise FetchError("body could not be decompressed (broken gzip/deflate)") from None
        except httpx.ConnectError:
            raise
        except httpx.HTTPError as error:
            raise FetchError(f"HTTP error from {_host(url)}: {_reason(error)}") from None
        finally:
            with self._lock:
                self._last_request[_host(url)] = self._clock()

    def _wait_for_host(self, url: str) -> None:
        host = _host(url)
        delay = self.settings.per_host_delay_seconds
        robots = self._robots.get(_origin(url))
        crawl_delay = robots.crawl_delay(_ROBOTS_AGENT) if robots is not None else None
        if crawl_delay:
            delay = max(delay, min(float(crawl_delay), self.settings.max_crawl_delay_seconds))
        with self._lock:
            last = self._last_request.get(host)
        if last is not None:
            remaining = delay - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)

    # ---------------------------------------------------------------- robots.txt

    def _check_robots(self, url: str) -> None:
        if not self.settings.respect_robots:
            return
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        if robots is not None and not robots.can_fetch(url, _ROBOTS_AGENT):
            raise FetchError(f"robots.txt of {_host(url)} disallows {_short(urlsplit(url).path or '/')}")

    def _load_robots(self, origin: str) -> Protego | None:
        """The site's rules; None (everything allowed) when it has no robots.txt. A robots.txt that fails
        with a server error disallows the whole site for now, as the major crawlers do."""
        try:
            response = self._get(origin + "/robots.txt", {}, self.settings.robots_max_bytes)
        except FetchError:
            return None
        except httpx.ConnectError as error:
            raise FetchError(f"cannot connect to {_host(origin)}: {_reason(error)}") from None
        if response.status >= 500:
            return Protego.parse("User-agent: *\nDisallow: /")
        if response.status != 200:
            return None
        return Protego.parse(response.body.decode("utf-8", errors="replace"))


@dataclass(frozen=True)
class _Response:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes
    content_type: str | None
    charset: str | None


def _checked_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {_short(url)}")
    return parts.geturl()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _host(url: str) -> str:
    return urlsplit(url).netloc


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reason(error: Exception) -> str:
    message = str(error).splitlines()[0] if str(error) else ""
    return message or type(error).__name__


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
