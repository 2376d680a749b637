"""POST /articles answers at once (202) and a worker analyses in the background; GET /articles/{id} shows
queued, analysed or failed (with the reason); readers are served while analysis runs; an article accepted
by a server killed before analysing it is analysed by the next server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx
import pytest

from newsfuse.model import AnnotatedArticle, Article
from newsfuse.serve import create_app
from newsfuse.store import Store
from tests.live import free_port, live_server
from tests.serve.auth import AUTH, OPTIONS
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

REPO = Path(__file__).resolve().parents[2]
TEXT = {"content-type": "text/plain"}


class GatedProcessor(FakeProcessor):
    """Analysis waits until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__(fail_on="UNREADABLE")
        self.gate = threading.Event()

    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        assert self.gate.wait(30), "the test never opened the gate"
        return super().analyse(articles)


@pytest.fixture
def gated(tmp_path: Path) -> Iterator[tuple[httpx.Client, GatedProcessor]]:
    processor = GatedProcessor()
    with Store(str(tmp_path / "news.db")) as store:
        app = create_app(store, processor, options=OPTIONS)
        with live_server(app) as base, httpx.Client(base_url=base, timeout=30, headers=AUTH) as client:
            yield client, processor
            processor.gate.set()  # let the worker finish before the store closes


def _state(api: httpx.Client, article_id: str) -> dict[str, object]:
    answer = api.get(f"/articles/{article_id}")
    assert answer.status_code == 200, answer.text
    body: dict[str, object] = answer.json()
    return body


def _wait_until_not_queued(api: httpx.Client, article_id: str, seconds: float = 20) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = _state(api, article_id)
        if state["state"] != "queued":
            return state
        time.sleep(0.05)
    raise AssertionError(f"{article_id} still queued after {seconds} s")


def test_post_answers_202_at_once_and_the_worker_analyses_it(gated: tuple[httpx.Client, GatedProcessor]) -> None:
    api, processor = gated
    posted = api.post("/articles", content=BRIDGE_A.encode(), headers=TEXT)
    assert posted.status_code == 202, posted.text
    queued = posted.json()["queued"]
    assert len(queued) == 1 and posted.json()["added"] == []
    article_id = queued[0]["article_id"]
    assert posted.headers["location"] == queued[0]["status_url"] == f"/articles/{article_id}"
    assert _state(api, article_id) == {"state": "queued", "reason": None, "story_id": None, "annotated": None}
    # readers are served while the article waits for (blocked) analysis
    assert api.get("/stories").json()["total"] == 0
    again = api.post("/articles", content=BRIDGE_A.encode(), headers=TEXT)
    assert again.status_code == 202 and again.json()["queued"][0]["article_id"] == article_id, "queued once"

    processor.gate.set()
    analysed = _wait_until_not_queued(api, article_id)
    assert analysed["state"] == "analysed" and analysed["story_id"]
    assert analysed["annotated"]["article"]["outlet"] == "Coast Daily"  # type: ignore[index]
    assert api.get("/stories").json()["total"] == 1
    stored = api.post("/articles", content=BRIDGE_A.encode(), headers=TEXT)
    assert stored.status_code == 200 and stored.json()["duplicates"], "stored now: a duplicate"


def test_a_failed_analysis_shows_its_reason(gated: tuple[httpx.Client, GatedProcessor]) -> None:
    api, processor = gated
    processor.gate.set()
    bad = api.post("/articles", content=(FESTIVAL + " UNREADABLE").encode(), headers=TEXT)
    assert bad.status_code == 202
    state = _wait_until_not_queued(api, bad.json()["queued"][0]["article_id"])
    assert state["state"] == "failed" and "cannot analyse" in str(state["reason"])
    # with wait, the answer carries the outcome: placed in a story, or rejected with the reason
    waited = api.post("/articles", content=BRIDGE_B.encode(), headers=TEXT, params={"wait": 10})
    assert waited.status_code == 201 and waited.json()["added"][0]["story_id"]
    rejected = api.post("/articles", content=(BRIDGE_A + " UNREADABLE").encode(), headers=TEXT, params={"wait": 10})
    assert rejected.status_code == 422 and "cannot analyse" in rejected.json()["error"]


def test_a_wait_that_runs_out_answers_202(gated: tuple[httpx.Client, GatedProcessor]) -> None:
    api, _ = gated
    started = time.monotonic()
    posted = api.post("/articles", content=BRIDGE_A.encode(), headers=TEXT, params={"wait": 0.5})
    assert posted.status_code == 202 and time.monotonic() - started < 5


def _stuck_server(db: str, port: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.serve.queue_child", db, str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_sigkill_while_queued_then_restart_analyses_it(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    port = free_port()
    child = _stuck_server(db, port)
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/stories", timeout=2)
                break
            except httpx.HTTPError:
                assert child.poll() is None and time.monotonic() < deadline, child.stderr.read() if child.stderr else ""
                time.sleep(0.1)
        for text in (BRIDGE_A, BRIDGE_B, FESTIVAL):
            posted = httpx.post(f"{base}/articles", content=text.encode(), headers={**TEXT, **AUTH}, timeout=30)
            assert posted.status_code == 202, posted.text
            acknowledged.append(posted.json()["queued"][0]["article_id"])
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    processor = FakeProcessor()
    with Store(db) as store:
        assert store.count_articles() == 0, "the killed server analysed nothing"
        with live_server(create_app(store, processor, options=OPTIONS)) as restarted:
            api = httpx.Client(base_url=restarted, timeout=30)
            states = [_wait_until_not_queued(api, article_id) for article_id in acknowledged]
        assert [s["state"] for s in states] == ["analysed"] * 3
        assert states[0]["story_id"] == states[1]["story_id"] != states[2]["story_id"]
        assert store.count_articles() == 3 and store.check_consistency() == []
