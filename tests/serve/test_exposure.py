"""Exposure on a real uvicorn server on loopback, run as ``newsfuse serve`` runs it: tokens, cross-site
writes, the Host allow-list, rate limits, slow connections, security headers, and bad requests answered
4xx in the API's JSON error format."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from newsfuse.serve import create_app
from newsfuse.serve.security import Rate, ServeOptions
from newsfuse.store import Store
from tests.fuzz import hostile
from tests.live import live_server
from tests.serve.auth import AUTH, OPTIONS, TOKEN
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B

TEXT = {"content-type": "text/plain"}


@contextmanager
def server(tmp_path: Path, options: ServeOptions = OPTIONS) -> Iterator[str]:
    with (
        Store(str(tmp_path / "news.db")) as store,
        live_server(create_app(store, FakeProcessor(), options=options), options) as base,
    ):
        yield base


def _post(base: str, body: str = BRIDGE_A, **headers: str) -> httpx.Response:
    # answered once analysed (wait): these tests read what the write produced
    return httpx.post(
        f"{base}/articles", content=body.encode(), headers={**TEXT, **headers}, params={"wait": "20"}, timeout=30
    )


def test_writes_need_the_token_and_reads_stay_open(tmp_path: Path) -> None:
    with server(tmp_path) as base:
        missing = _post(base)
        assert missing.status_code == 401 and "token" in missing.json()["error"]
        assert missing.headers["www-authenticate"].startswith("Bearer")
        assert _post(base, authorization="Bearer wrong-token-0123456789").status_code == 401
        assert _post(base, authorization=f"Basic {TOKEN}").status_code == 401
        assert _post(base, **AUTH).status_code == 201
        assert httpx.get(f"{base}/stories").json()["total"] == 1


def test_without_a_configured_token_the_server_takes_no_writes(tmp_path: Path) -> None:
    with server(tmp_path, replace(OPTIONS, write_token=None)) as base:
        refused = _post(base, **AUTH)
        assert refused.status_code == 403 and "NEWSFUSE_TOKEN" in refused.json()["error"]


def test_a_read_token_closes_reads(tmp_path: Path) -> None:
    with server(tmp_path, replace(OPTIONS, read_token="reader-token-0123456789")) as base:
        assert httpx.get(f"{base}/stories").status_code == 401
        assert httpx.get(f"{base}/stories", headers={"authorization": "Bearer reader-token-0123456789"}).is_success
        assert httpx.get(f"{base}/stories", headers=AUTH).is_success, "the writer may read"


def test_cross_site_writes_are_refused(tmp_path: Path) -> None:
    with server(tmp_path) as base:
        evil = _post(base, origin="https://evil.example", **AUTH)
        assert evil.status_code == 403 and "origin" in evil.json()["error"]
        assert _post(base, **{"sec-fetch-site": "cross-site"}, **AUTH).status_code == 403
        assert _post(base, origin=base, **AUTH).status_code == 201, "the server's own pages may write"


def test_json_sent_as_text_is_refused(tmp_path: Path) -> None:
    with server(tmp_path) as base:
        documents = (json.dumps({"text": BRIDGE_A}), json.dumps([{"text": BRIDGE_A}], indent=2), "[1, 2]\n{}")
        for body in (*documents, "null", " 42\n", json.dumps(BRIDGE_A)):
            refused = _post(base, body, **AUTH)
            assert refused.status_code == 415 and "application/json" in refused.json()["error"], body
        assert _post(base, f"2024 in review. {BRIDGE_A}", **AUTH).status_code == 201, "text that opens with a number"


def test_only_allowed_hosts_are_served(tmp_path: Path) -> None:
    with server(tmp_path) as base:
        rebound = httpx.get(f"{base}/stories", headers={"host": "evil.example"})
        assert rebound.status_code == 400 and "evil.example" in rebound.json()["error"]
        port = urlsplit(base).port
        assert httpx.get(f"{base}/stories", headers={"host": f"localhost:{port}"}).is_success


def test_past_the_rate_limit_a_client_gets_429(tmp_path: Path) -> None:
    options = replace(OPTIONS, write_rate=Rate(per_minute=6, burst=2), read_rate=Rate(per_minute=60, burst=5))
    with server(tmp_path, options) as base:
        codes = [_post(base, body, **AUTH).status_code for body in (BRIDGE_A, BRIDGE_B, BRIDGE_A + " More.")]
        assert codes[:2] == [201, 201] and codes[2] == 429
        reads = [httpx.get(f"{base}/stories") for _ in range(7)]
        limited = [r for r in reads if r.status_code == 429]
        assert limited and int(limited[0].headers["retry-after"]) >= 1
        assert "too many" in limited[0].json()["error"]


def _connect(base: str) -> socket.socket:
    parts = urlsplit(base)
    connection = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=10)
    return connection


def _closed_within(connection: socket.socket, seconds: float) -> bytes | None:
    """What the server sent before closing, or None if it kept the connection open past ``seconds``."""
    connection.settimeout(seconds)
    received = b""
    try:
        while chunk := connection.recv(4096):
            received += chunk
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass  # refused outright (a connection past the cap is aborted)
    return received


def test_slow_headers_and_slow_bodies_are_cut_off(tmp_path: Path) -> None:
    options = replace(OPTIONS, header_timeout_seconds=1.0, body_timeout_seconds=1.0)
    with server(tmp_path, options) as base:
        slow_headers = _connect(base)
        slow_headers.sendall(b"GET /stories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        assert _closed_within(slow_headers, 10) == b"", "closed without an answer"
        slow_body = _connect(base)
        slow_body.sendall(
            b"POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
            + f"Authorization: Bearer {TOKEN}\r\nContent-Length: 1000\r\n\r\nThe bridge".encode()
        )
        answer = _closed_within(slow_body, 10)
        assert answer is not None and answer.startswith(b"HTTP/1.1 408")
        assert b"not received within" in answer
        assert httpx.get(f"{base}/stories").is_success, "other clients are served meanwhile"


def test_connections_past_the_cap_are_refused(tmp_path: Path) -> None:
    with server(tmp_path, replace(OPTIONS, max_connections=4, header_timeout_seconds=30.0)) as base:
        idle = [_connect(base) for _ in range(4)]
        time.sleep(0.2)
        extra = _connect(base)
        extra.sendall(b"GET /stories HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = _closed_within(extra, 10)
        assert answer is not None and not answer.startswith(b"HTTP/1.1 200")
        for connection in idle:
            connection.close()


def test_security_headers_on_every_response_and_no_cdn_docs(tmp_path: Path) -> None:
    with server(tmp_path) as base:
        story_id = _post(base, **AUTH).json()["added"][0]["story_id"]
        for path in ("/", f"/story/{story_id}", "/stories", "/openapi.json", "/nope"):
            assert httpx.get(base + path).headers["x-content-type-options"] == "nosniff", path
        page = httpx.get(f"{base}/story/{story_id}")
        assert "unsafe-inline" not in page.headers["content-security-policy"]
        standalone = httpx.get(f"{base}/stories/{story_id}/brief", params={"format": "html"})
        policy = standalone.headers["content-security-policy"]
        assert "unsafe-inline" not in policy and "default-src 'none'" in policy
        assert httpx.get(f"{base}/docs").status_code == 404
        assert httpx.get(f"{base}/redoc").status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ("null", 400, "JSON is null"),
        ("42", 400, "JSON is int"),
        ('"a string"', 400, "JSON is str"),
        ("[]", 400, "empty list"),
        (hostile.deep_json(5_000), 400, "nested 5000 deep"),
        (hostile.huge_number_json(5_000), 400, "not valid JSON"),
        (json.dumps([{"text": f"Story number {n}."} for n in range(101)]), 413, "at most 100"),
    ],
)
def test_json_that_is_not_articles_is_a_4xx_in_json(tmp_path: Path, body: str, status: int, words: str) -> None:
    with server(tmp_path, replace(OPTIONS)) as base:
        answer = _post(base, body, **{"content-type": "application/json"}, **AUTH)
        assert answer.status_code == status and words in answer.json()["error"]
        assert httpx.get(f"{base}/stories").json()["total"] == 0, "nothing stored"


def test_a_json_list_is_stored_as_articles_with_their_metadata(tmp_path: Path) -> None:
    records = [{"text": BRIDGE_A, "title": "Bridge", "outlet": "Gazette"}, {"text": BRIDGE_B, "title": "Again"}]
    with server(tmp_path) as base:
        answer = _post(base, json.dumps(records, indent=2), **{"content-type": "application/json"}, **AUTH)
        assert answer.status_code == 201 and len(answer.json()["added"]) == 2
        stored = [httpx.get(f"{base}/articles/{a['article_id']}").json() for a in answer.json()["added"]]
        assert [s["annotated"]["article"]["title"] for s in stored] == ["Bridge", "Again"]
        assert not any(s["annotated"]["article"]["text"].lstrip().startswith(("{", "[")) for s in stored)


def test_out_of_range_offsets_and_nul_in_search_are_422_in_json(tmp_path: Path) -> None:
    with server(tmp_path) as base:
        for path in ("/stories", "/search?entity=a&", "/"):
            answer = httpx.get(f"{base}{path}", params={"offset": 2**63})
            assert answer.status_code == 422 and "offset" in answer.json()["error"], path
        _post(base, **AUTH)
        nul = httpx.get(f"{base}/search", params={"quote": "\x00"})
        assert nul.status_code == 422 and "control characters" in nul.json()["error"]


def test_an_upload_past_a_cap_is_stored_trimmed_and_the_answer_says_so(tmp_path: Path) -> None:
    with server(tmp_path) as base:
        answer = _post(base, hostile.tiny_paragraphs(3_000), **AUTH)
        assert answer.status_code == 201
        assert [t["reason"] for t in answer.json()["trimmed"]] == [
            "kept the first 1,000 of 3,000 paragraphs (caps: 1,000 paragraphs, 3,000 sentences, 8,000 words and marks, "
            "50,000 characters)"
        ]


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"HELLO\r\n\r\n",
        b"GET /stories HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n",
        b"GET /stories HTTP/1.1\r\n\r\n",
        b"POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ten\r\n\r\n",
        b"GET /st\xffories HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    ],
    ids=["garbled request line", "bad header", "HTTP/1.1 without Host", "bad Content-Length", "non-ASCII path"],
)
def test_a_request_the_http_parser_refuses_is_a_400_in_json(tmp_path: Path, request_bytes: bytes) -> None:
    with server(tmp_path) as base:
        connection = _connect(base)
        connection.sendall(request_bytes)
        answer = _closed_within(connection, 10)
        assert answer is not None and answer.startswith(b"HTTP/1.1 400"), answer
        head, _, body = answer.partition(b"\r\n\r\n")
        assert b"content-type: application/json" in head.lower()
        assert "bad HTTP request" in json.loads(body)["error"]
        assert httpx.get(f"{base}/stories").is_success, "the server goes on"
