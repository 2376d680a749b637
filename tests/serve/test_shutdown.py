"""SIGTERM stops a real server within seconds, however busy it is: an article being analysed in the queue
process's worker that would never finish, another queued behind it, a brief being computed in the server's
worker and a POST waiting for its analysis. Every acknowledged article is kept (analysed, or still queued,
never marked failed by the stop), no process of the server's tree outlives it, and a restarted server
analyses what was left queued and briefs the story whose brief was cut short."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from newsfuse.store import Store, article_state
from tests.live import free_port
from tests.serve.auth import AUTH
from tests.serve.slow_pipeline import STALL_BRIEF_WORD, STALL_WORD
from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

REPO = Path(__file__).resolve().parents[2]
TEXT = {"content-type": "text/plain", **AUTH}
# SIGTERM to exit, on a loaded 2-core machine; the server's own grace for open requests is 3 s of it
STOP_SECONDS = 12.0


def _start(db: str, port: int, stalls: str) -> subprocess.Popen[bytes]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.serve.shutdown_child", db, str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO), "NEWSFUSE_TEST_STALLS": stalls},
        start_new_session=True,  # its own process group: the test can clean up every process it leaves
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/stories", timeout=2).status_code == 200:
                return child
        except httpx.HTTPError:
            pass
        assert child.poll() is None and time.monotonic() < deadline, child.stderr.read() if child.stderr else ""
        time.sleep(0.1)


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    queue = [pid]
    while queue:
        for task in Path(f"/proc/{queue.pop()}/task").glob("*"):
            try:
                children = {int(child) for child in (task / "children").read_text().split()}
            except OSError:
                continue
            queue += sorted(children - found)
            found |= children
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _post(base: str, text: str, **params: str) -> httpx.Response:
    return httpx.post(f"{base}/articles", content=text.encode(), headers=TEXT, params=params, timeout=90)


def _answer(response: httpx.Response) -> tuple[int, object]:
    is_json = response.headers.get("content-type", "").startswith("application/json")
    return response.status_code, response.json() if is_json else response.text


def _stop(child: subprocess.Popen[bytes], sig: signal.Signals) -> float:
    started = time.monotonic()
    child.send_signal(sig)
    try:
        child.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        raise AssertionError(f"the server ignored {sig.name} for 60 s") from None
    return time.monotonic() - started


def test_sigterm_stops_a_busy_server_and_its_queue_within_seconds_losing_nothing(tmp_path: Path) -> None:
    db, port = str(tmp_path / "news.db"), free_port()
    base = f"http://127.0.0.1:{port}"
    child = _start(db, port, stalls="on")
    try:
        analysed = _post(base, BRIDGE_A, wait="60")
        assert analysed.status_code == 201, analysed.text
        slow_story = _post(base, f"{FESTIVAL} The {STALL_BRIEF_WORD} stage opened.", wait="60")
        assert slow_story.status_code == 201, slow_story.text
        story_id = slow_story.json()["added"][0]["story_id"]
        bomb = _post(base, f"{BRIDGE_B} The {STALL_WORD} report.")
        assert bomb.status_code == 202, bomb.text
        behind = _post(base, "The river flood warning came after days of rainfall on the levees.")
        assert behind.status_code == 202, behind.text
        in_flight: dict[str, object] = {}

        def brief() -> None:
            in_flight["brief"] = _answer(httpx.get(f"{base}/stories/{story_id}/brief", timeout=90))

        def waiting_post() -> None:
            in_flight["post"] = _answer(_post(base, "The school library opened with new books for pupils.", wait="90"))

        threads = [threading.Thread(target=brief), threading.Thread(target=waiting_post)]
        for thread in threads:
            thread.start()
        time.sleep(2.0)  # the bomb is in the queue worker's hands, the brief in the server's worker
        tree = _descendants(child.pid)
        assert len(tree) >= 3, f"the queue process, its worker and the server's worker: {tree}"
        assert child.poll() is None
        seconds = _stop(child, signal.SIGTERM)
        for thread in threads:
            thread.join(timeout=30)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
    assert seconds < STOP_SECONDS, f"SIGTERM took {seconds:.1f} s"
    deadline = time.monotonic() + 5
    while any(_running(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in tree if _running(pid)], "a process of the server's tree outlived it"

    # each open request was answered as the server stopped, in the API's format: the waiting POST with its
    # article queued, the brief with why it was not computed
    status, posted = in_flight["post"]
    assert status == 202 and isinstance(posted, dict) and len(posted["queued"]) == 1, posted
    status, briefed = in_flight["brief"]
    assert status == 503 and isinstance(briefed, dict) and "shutting down" in briefed["error"], briefed
    acknowledged = [answer.json()["queued"][0]["article_id"] for answer in (bomb, behind)]
    acknowledged.append(posted["queued"][0]["article_id"])
    with Store(db) as store:
        assert article_state(store, analysed.json()["added"][0]["article_id"]) == ("analysed", None)
        states = [article_state(store, article_id) for article_id in acknowledged]
        assert all(state is not None and state[0] != "failed" for state in states), states
        assert store.check_consistency() == []

    restarted = _start(db, port, stalls="off")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            states = [httpx.get(f"{base}/articles/{i}", timeout=10).json()["state"] for i in acknowledged]
            if "queued" not in states:
                break
            time.sleep(0.2)
        assert states == ["analysed"] * 3
        assert httpx.get(f"{base}/stories/{story_id}/brief", timeout=60).status_code == 200, "no failure kept"
        assert _stop(restarted, signal.SIGTERM) < STOP_SECONDS
    finally:
        if restarted.poll() is None:
            os.killpg(restarted.pid, signal.SIGKILL)
            restarted.wait(timeout=10)


def test_a_killed_server_leaves_no_process_behind_and_its_article_in_hand_queued(tmp_path: Path) -> None:
    db, port = str(tmp_path / "news.db"), free_port()
    base = f"http://127.0.0.1:{port}"
    child = _start(db, port, stalls="on")
    try:
        bomb = _post(base, f"{BRIDGE_B} The {STALL_WORD} report.")
        assert bomb.status_code == 202, bomb.text
        time.sleep(2.0)  # in the queue worker's hands
        tree = _descendants(child.pid)
        assert len(tree) >= 2, f"the queue process and its worker: {tree}"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
    # nobody is left to stop them: the queue process sees its server gone, its worker its parent gone
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in tree if _running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "a process of the killed server's tree went on"
    with Store(db) as store:
        assert article_state(store, bomb.json()["queued"][0]["article_id"]) == ("queued", None)
