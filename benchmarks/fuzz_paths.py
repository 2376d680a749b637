"""The fuzz benchmark's end-to-end passes: generated inputs through the real command line and a real server.

Used by benchmarks/fuzz.py (``fuzz`` and ``bombs`` modes). The command line runs as a child process on
batches of files (``newsfuse brief DIR --format json``); the server is ``newsfuse serve`` started by
benchmarks/load.py's own launcher, and the bombs are posted while load.py's clients run. Time is reported
as wall and CPU seconds (the CPU of the process tree: the CLI or the server and its analysis worker), so the
contention of other work on the machine shows as the gap between them.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from newsfuse.ingest import ingest_bytes
from newsfuse.model import AnnotatedArticle

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]
from tests.fuzz.properties import annotation_problems  # noqa: E402

import load  # noqa: E402  (benchmarks/load.py: its server launcher and clients)

NEWSFUSE = Path(sys.executable).parent / "newsfuse"
# a POST is answered 202 before its analysis; waiting for it (201 with the story, 422 with the reason of a
# failed analysis) puts the input's whole cost in its request, as before the queue
_WAIT = {"wait": "120"}


# ---------------------------------------------------------------- what must hold for a brief


def brief_problems(brief: dict[str, Any]) -> list[str]:
    """A brief's problems: a cited span that is not its source's text at its offsets, or a stated sentence
    that is in none of the sources it cites (U+2028 shown as a space is one)."""
    sources = {source["id"]: source["text"] for source in brief.get("sources", [])}
    problems: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
            return
        if not isinstance(value, dict):
            return
        if {"article_id", "start", "end", "text"} <= value.keys():
            text = sources.get(value["article_id"])
            if text is None:
                problems.append(f"a citation of an article not among the sources: {value['article_id']}")
            elif text[value["start"] : value["end"]] != value["text"]:
                problems.append(f"citation not verbatim at {value['start']}-{value['end']}")
        citations = value.get("citations")
        if isinstance(citations, list) and citations and isinstance(value.get("text"), str):
            cited = [sources.get(c.get("article_id"), "") for c in citations if isinstance(c, dict)]
            if not any(value["text"] in text for text in cited):
                problems.append(f"stated text in none of its cited sources: {value['text'][:60]!r}")
        for item in value.values():
            walk(item)

    walk(brief)
    return problems


def _briefs_of(document: Any) -> list[dict[str, Any]]:
    if isinstance(document, dict) and "briefs" in document:
        return list(document["briefs"])
    return [document] if isinstance(document, dict) else []


# ---------------------------------------------------------------- CPU and memory of a process tree


def _children(pid: int) -> list[int]:
    """The children of every thread of ``pid`` (the server starts its worker from a queue thread)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree_cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of ``pid`` and its living descendants (from /proc)."""
    total = 0.0
    for member in [pid, *_descendants(pid)]:
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def tree_peak_rss_mb(pid: int) -> float:
    """The largest peak resident memory (VmHWM) among ``pid`` and its living descendants, in MB."""
    peak = 0.0
    for member in [pid, *_descendants(pid)]:
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie has)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    queue = _children(pid)
    while queue:
        child = queue.pop()
        found.append(child)
        queue.extend(_children(child))
    return found


# ---------------------------------------------------------------- the command line on batches of files


# one ``newsfuse brief`` batch of a few dozen files takes under a minute: one still running after ten is stuck
_CLI_BATCH_SECONDS = 600.0

# files ingest must never read, each with the words its reason must say: (name, reason words)
_SPECIAL_FILES = (
    (".hidden-article.txt", "hidden"),
    ("linked-article.txt", "symbolic link"),
    ("pipe-article.txt", "FIFO"),
)
_SPECIAL_TEXT = (
    "title: Ferry service\n\nThe ferry service resumed on Monday after a week of storms, port officials said.\n\n"
    "They said {} more crossings would run on Friday."
)


def _special_files(folder: Path, outside: Path) -> dict[str, tuple[str, set[str]]]:
    """A hidden file, a symbolic link to an article outside the folder, and a FIFO, in ``folder``: each
    name -> (the words its reason must say, the ids of the articles it would give if it were read)."""
    made: dict[str, tuple[str, set[str]]] = {}
    for number, (name, words) in enumerate(_SPECIAL_FILES):
        data = _SPECIAL_TEXT.format(number + 2).encode()
        ids = {article.id for article in ingest_bytes(data, source=name).articles}
        if words == "hidden":
            (folder / name).write_bytes(data)
        elif words == "symbolic link":
            target = outside / name
            target.write_bytes(data)
            (folder / name).symlink_to(target)
        else:
            os.mkfifo(folder / name)  # a reader would block here for ever
        made[name] = (words, ids)
    return made


def cli_pass(inputs: list[tuple[str, bytes]], batch: int) -> dict[str, Any]:
    """Each batch of inputs as files in a folder, briefed by ``newsfuse brief FOLDER --format json``: exit
    status, tracebacks, whether every file is briefed or named on stderr with a reason, verbatim spans; in
    the first batch also a hidden file, a symbolic link and a FIFO, which must be named, never read."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for first in range(0, len(inputs), batch):
        chunk = inputs[first : first + batch]
        with (
            tempfile.TemporaryDirectory(prefix="newsfuse-fuzz-cli-") as folder,
            tempfile.TemporaryDirectory(prefix="newsfuse-fuzz-outside-") as outside,
        ):
            special = _special_files(Path(folder), Path(outside)) if first == 0 else {}
            expected: dict[str, set[str]] = {}  # file name -> the article ids ingest reads from it
            for index, (name, data) in enumerate(chunk, start=first):
                file_name = f"{index:05d}-{name.replace('@', '-')}.txt"
                (Path(folder) / file_name).write_bytes(data)
                expected[file_name] = {article.id for article in ingest_bytes(data, source=file_name).articles}
            before = os.times()
            began = time.perf_counter()
            try:
                done = subprocess.run(
                    ["nice", "-n", "10", str(NEWSFUSE), "brief", folder, "--format", "json"],
                    capture_output=True,
                    check=False,
                    timeout=_CLI_BATCH_SECONDS,
                )
            except subprocess.TimeoutExpired as stuck:
                # a batch that never ends is what this pass looks for: killed, reported, the run goes on
                done = subprocess.CompletedProcess(stuck.cmd, -9, stuck.stdout or b"", stuck.stderr or b"")
                problems.append(f"batch {first}: newsfuse brief did not end within {_CLI_BATCH_SECONDS:g} s (killed)")
            wall = time.perf_counter() - began
            after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        stderr = done.stderr.decode("utf-8", "replace")
        row: dict[str, Any] = {"files": len(chunk), "exit": done.returncode, "wall_seconds": round(wall, 2)}
        row["cpu_seconds"] = round(cpu, 2)
        failed = [line.split(": ", 1)[-1] for line in stderr.splitlines() if line.startswith("failed")]
        row["failed_lines"] = len(failed)
        row["failed_reasons"] = sorted(set(failed))[:3]
        if "Traceback" in stderr or "internal error" in stderr:
            problems.append(f"batch {first}: traceback or internal error: {stderr[-300:]!r}")
        briefed: set[str] = set()
        if done.returncode == 0:
            try:
                briefs = _briefs_of(json.loads(done.stdout))
            except ValueError:
                problems.append(f"batch {first}: output is not JSON")
                briefs = []
            for brief in briefs:
                problems += [f"batch {first}: {problem}" for problem in brief_problems(brief)]
                briefed.update(source["id"] for source in brief.get("sources", []))
        elif done.returncode != 1 or "no article could be read" not in stderr:
            problems.append(f"batch {first}: exit {done.returncode}: {stderr[-300:]!r}")
        for file_name, article_ids in expected.items():
            # a file whose every article is briefed needs no line; one with a missing article must say why
            if not article_ids <= briefed and file_name not in stderr:
                problems.append(f"batch {first}: {file_name} neither briefed nor named on stderr (silent drop)")
        flat = " ".join(stderr.split())
        for file_name, (words, article_ids) in special.items():
            if article_ids & briefed:
                problems.append(f"batch {first}: {file_name} was read ({words})")
            if not any(file_name in line and words in line for line in flat.split(" skipped ")):
                problems.append(f"batch {first}: {file_name} not named on stderr with its reason ({words})")
        row["special_files_named"] = len(special)
        rows.append(row)
        print(f"  CLI batch {first:>5}: {row}", flush=True)
    # one resource figure for every CLI run: the largest peak RSS of any process they waited for
    import resource

    return {
        "batches": rows,
        "problems": problems,
        "slowest_batch_wall_seconds": max((row["wall_seconds"] for row in rows), default=0.0),
        "peak_rss_mb_any_child": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


# ---------------------------------------------------------------- a live server


@contextmanager
def live_server(
    env: dict[str, str] | None = None, stopped: dict[str, Any] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``newsfuse serve`` on a fresh SQLite store, started by load.py's launcher (its token, rates off).
    At the end it is sent SIGTERM, as a service manager stops it (to its own process, not its group);
    ``stopped`` gets the seconds it took to exit and the processes of its tree still running after it."""
    folder = tempfile.mkdtemp(prefix="newsfuse-fuzz-serve-")
    port = load._free_port()
    base = f"http://127.0.0.1:{port}"
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        server = load._start_server(f"{folder}/news.db", port, None)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    tail: deque[bytes] = deque(maxlen=50)

    def drain() -> None:  # the server's log goes to a pipe: read it, or a full pipe stalls the server
        assert server.stderr is not None
        for line in server.stderr:
            tail.append(line)

    threading.Thread(target=drain, daemon=True).start()
    try:
        load._wait_ready(base, server)
        yield base, server
    finally:
        tree = _descendants(server.pid)
        began = time.perf_counter()
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        seconds = time.perf_counter() - began
        time.sleep(2.0)  # what the server stopped has a moment to go
        left = [pid for pid in tree if _running(pid)]
        if left:
            os.killpg(server.pid, signal.SIGKILL)
        if stopped is not None:
            stopped.update({"sigterm_to_exit_seconds": round(seconds, 2), "processes_left_after_exit": len(left)})


def content_type_for(data: bytes) -> str:
    """What a client would declare: JSON for what starts like JSON or is one JSON value, plain text for the
    rest."""
    return "application/json" if data.lstrip()[:1] in (b"{", b"[") or _json_value(data) is not None else "text/plain"


def _json_value(data: bytes) -> tuple[Any] | None:
    """``(value,)`` when ``data`` is one JSON document (``(None,)`` for null), else None."""
    try:
        return (json.loads(data),)
    except (ValueError, RecursionError):
        return None


def _stored_problems(client: httpx.Client, article_id: str, data: bytes) -> list[str]:
    """An article the API says it added, read back: analysed, its spans verbatim, and not the posted JSON
    document itself stored as its text."""
    answer = client.get(f"/articles/{article_id}")
    problems = _answer_problems(answer)
    if answer.status_code != 200:
        return [*problems, f"added article {article_id} answers {answer.status_code}"]
    stored = answer.json().get("annotated")
    if stored is None:
        return [*problems, f"added article {article_id} is not analysed"]
    annotated = AnnotatedArticle.model_validate(stored)
    problems += annotation_problems(annotated)
    document = _json_value(data)
    whole = " ".join(data.decode("utf-8", "replace").split())
    stored_text = " ".join(annotated.article.text.split())
    if document is not None and isinstance(document[0], dict | list) and stored_text == whole:
        problems.append("a JSON document stored as article text")
    return problems


# reads an attacker would try: offsets past any integer, NUL in search terms, traversal, injection
_HOSTILE_READS: tuple[tuple[str, dict[str, str]], ...] = (
    ("/stories", {"offset": str(2**63)}),
    ("/stories", {"offset": str(2**64 + 1), "limit": str(10**30)}),
    ("/stories", {"offset": "-1"}),
    ("/search", {"entity": "a", "offset": str(2**63)}),
    ("/search", {"quote": "\x00"}),
    ("/search", {"entity": "%00"}),
    ("/search/articles", {"q": "\x00"}),
    ("/search/articles", {"q": "council", "outlet": "\x00"}),
    ("/search/articles", {"q": '"' * 5_000}),
    ("/search/articles", {"q": "council", "since": "0001-01-01", "until": "9999-12-31"}),
    ("/stories/../../../../etc/passwd", {}),
    ("/articles/1' OR '1'='1", {}),
    ("/stories/x/brief", {"format": "html\x00"}),
)


def _hostile_read_problems(client: httpx.Client) -> list[str]:
    problems: list[str] = []
    for path, params in _HOSTILE_READS:
        try:
            answer = client.get(path, params=params)
        except httpx.HTTPError as error:
            problems.append(f"GET {path} {params}: no answer ({type(error).__name__})")
            continue
        problems += [f"GET {path} {params}: {p}" for p in _answer_problems(answer)]
        nul = any("\x00" in value or value == "%00" for value in params.values())
        if nul and answer.status_code == 200 and answer.json().get("total"):
            problems.append(f"GET {path} {params}: a NUL search matched {answer.json()['total']} rows")
    return problems


def api_pass(inputs: list[tuple[str, bytes]]) -> dict[str, Any]:
    """Each input POSTed to a live server, then each story it joined briefed: status codes (never 5xx),
    errors in JSON, nothing acknowledged without an article or a reason, verbatim briefs, the server up."""
    problems: list[str] = []
    slowest: list[dict[str, Any]] = []
    statuses: dict[str, int] = {}
    briefed: set[str] = set()
    grown: set[str] = set()
    grown_briefs: list[dict[str, Any]] = []
    with live_server() as (base, server), httpx.Client(base_url=base, timeout=600) as client:
        peak = 0.0
        problems += _warm_up(client)
        for name, data in inputs:
            cpu_before, began = tree_cpu_seconds(server.pid), time.perf_counter()
            try:
                answer = client.post(
                    "/articles", content=data, params=_WAIT,
                    headers={**load._AUTH, "content-type": content_type_for(data)},
                )
            except httpx.HTTPError as error:
                problems.append(f"{name}: POST got no answer ({type(error).__name__})")
                continue
            post_wall = time.perf_counter() - began
            statuses[str(answer.status_code)] = statuses.get(str(answer.status_code), 0) + 1
            problems += [f"{name}: {p}" for p in _answer_problems(answer)]
            brief_wall = 0.0
            if answer.status_code in (200, 201):
                for added in answer.json().get("added", []):
                    problems += [f"{name} stored: {p}" for p in _stored_problems(client, added["article_id"], data)]
                for story_id in {added["story_id"] for added in answer.json().get("added", [])}:
                    if story_id in briefed:
                        # a story this input joined is briefed once at the end, at its final size: the
                        # input's own cost is its upload and the brief of the story it starts
                        grown.add(story_id)
                        continue
                    briefed.add(story_id)
                    started = time.perf_counter()
                    problems += [f"{name} brief: {p}" for p in _brief_problems(client, story_id)]
                    brief_wall += time.perf_counter() - started
            cpu = tree_cpu_seconds(server.pid) - cpu_before
            peak = max(peak, tree_peak_rss_mb(server.pid))
            slowest.append({
                "input": name, "bytes": len(data), "status": answer.status_code,
                "post_wall_seconds": round(post_wall, 2), "brief_wall_seconds": round(brief_wall, 2),
                "cpu_seconds": round(cpu, 2),
            })
            if server.poll() is not None:
                problems.append(f"{name}: the server died")
                break
            if len(slowest) % 25 == 0:
                print(f"  API {len(slowest):>4} inputs posted, {len(problems)} problems", flush=True)
        for story_id in sorted(grown):
            size = len(client.get(f"/stories/{story_id}").json().get("articles", []))
            started, cpu_before = time.perf_counter(), tree_cpu_seconds(server.pid)
            problems += [f"story {story_id} brief: {p}" for p in _brief_problems(client, story_id)]
            grown_briefs.append({
                "story_id": story_id, "articles": size, "wall_seconds": round(time.perf_counter() - started, 2),
                "cpu_seconds": round(tree_cpu_seconds(server.pid) - cpu_before, 2),
            })
            print(f"  API brief of a grown story: {grown_briefs[-1]}", flush=True)
        read_problems = _hostile_read_problems(client)
        problems += read_problems
        alive = server.poll() is None
    slowest.sort(key=lambda row: -(row["post_wall_seconds"] + row["brief_wall_seconds"]))
    return {
        "inputs": len(inputs),
        "statuses": statuses,
        "problems": problems,
        "hostile_reads": len(_HOSTILE_READS),
        "hostile_read_problems": len(read_problems),
        "server_alive_at_end": alive,
        "slowest": slowest[:10],
        "briefs_of_stories_inputs_joined": grown_briefs,
        "peak_rss_mb_server_or_worker": round(peak, 1),
    }


_WARM_UP_ARTICLE = {
    "title": "Harbour ferry service resumes after repairs",
    "text": "The harbour ferry resumed its service on Monday after three weeks of repairs to its engines, the "
    "port authority said.\n\nThe authority said the ferry would run every 20 minutes until the end of the month.",
}


def _warm_up(client: httpx.Client) -> list[str]:
    """One ordinary article posted and its story briefed before any input is timed: the server's workers load
    their models on first use, which is no input's cost (it made the first input look 15 s of CPU dear)."""
    answer = client.post("/articles", json=_WARM_UP_ARTICLE, params=_WAIT, headers=load._AUTH)
    if answer.status_code not in (200, 201):
        return [f"warm-up article: status {answer.status_code}"]
    problems: list[str] = []
    for story_id in {added["story_id"] for added in answer.json().get("added", [])}:
        problems += [f"warm-up brief: {p}" for p in _brief_problems(client, story_id)]
    return problems


def _brief_problems(client: httpx.Client, story_id: str) -> list[str]:
    """The story's brief: 200 with verbatim spans, or a 4xx saying why (a brief that failed in its worker)."""
    brief = client.get(f"/stories/{story_id}/brief")
    problems = _answer_problems(brief)
    if brief.status_code == 200:
        problems += brief_problems(brief.json())
    return problems


def _answer_problems(answer: httpx.Response) -> list[str]:
    problems: list[str] = []
    if answer.status_code >= 500:
        problems.append(f"answered {answer.status_code}")
    try:
        body = answer.json()
    except ValueError:
        return [*problems, f"answer {answer.status_code} is not JSON"]
    if answer.status_code >= 400 and not (isinstance(body, dict) and body.get("error")):
        problems.append(f"{answer.status_code} without an error message")
    acknowledged = answer.status_code in (200, 201, 202) and isinstance(body, dict) and "added" in body
    accounted = ("added", "duplicates", "queued", "held", "corrected")
    if acknowledged and not any(body.get(key) for key in accounted):
        problems.append(f"{answer.status_code} with nothing added, queued, held or corrected and no duplicate")
    return problems


# ---------------------------------------------------------------- bombs while load.py's clients run


def bombs_under_load(
    bombs: list[tuple[str, bytes]], clients: int, posters: int, seconds: float, post_interval: float
) -> dict[str, Any]:
    """load.py's clients (``posters`` of them POST an article every ``post_interval`` seconds, the rest GET
    a brief) run for ``seconds`` while every bomb is posted, as an attacker would, one after another without
    waiting; then each bomb's article is followed to its end (analysed and briefed, or failed with the
    reason) while the load goes on: each bomb's end, the server's life, the other clients' GET p99."""
    seeds = sorted(load.SEEDS.glob("*.txt"))
    rows: dict[str, dict[str, Any]] = {}
    stopped: dict[str, Any] = {}
    with live_server(stopped=stopped) as (base, server):
        story_ids: list[str] = []
        for seed in seeds:
            answer = httpx.post(
                f"{base}/articles", content=seed.read_bytes(), timeout=300,
                headers={"content-type": "text/plain", **load._AUTH},
                params={**_WAIT, **({"published": "2024-06-19"} if seed.name.startswith("004") else {})},
            )
            story_ids += [added["story_id"] for added in answer.json()["added"]]
        httpx.get(f"{base}/stories/{story_ids[0]}/brief", timeout=300)
        log: dict[str, Any] = {}

        def run_load() -> None:
            # load.py's own clients, as its command line runs them (posters and readers in processes of their own)
            run = argparse.Namespace(
                clients=clients, posters=posters, seconds=seconds, post_interval=post_interval,
                one_client_process=False,
            )
            log.update(load._run_all_clients(run, base, story_ids[0]))

        runner = threading.Thread(target=run_load)
        load_started = time.monotonic()
        runner.start()
        time.sleep(5)  # the clients are reading before the first bomb lands
        # article id -> (bomb, when posted) of each bomb that queued it (two bombs may give one text)
        pending: dict[str, list[tuple[str, float]]] = {}
        cpu_before = tree_cpu_seconds(server.pid)
        with httpx.Client(base_url=base, timeout=120) as client:
            for name, body in bombs:
                began = time.perf_counter()
                row: dict[str, Any] = {}
                try:
                    answer = client.post(
                        "/articles", content=body, headers={**load._AUTH, "content-type": content_type_for(body)}
                    )
                    payload = answer.json()
                    row["status"] = answer.status_code
                    row["post_seconds"] = round(time.perf_counter() - began, 2)
                    row["reason"] = payload.get("error") or "; ".join(r["reason"] for r in payload.get("rejected", []))
                    row["trimmed"] = [t["reason"] for t in payload.get("trimmed", [])][:2]
                    for queued in payload.get("queued", []):
                        pending.setdefault(queued["article_id"], []).append((name, began))
                    row["end"] = "queued" if payload.get("queued") else _immediate_end(answer.status_code, payload)
                except httpx.HTTPError as error:
                    row = {"status": f"no answer ({type(error).__name__})", "end": "no answer"}
                rows[name] = row
            print(f"  {len(bombs)} bombs posted in {time.monotonic() - load_started - 5:.1f} s", flush=True)
            deadline = load_started + seconds + 600
            briefed: set[str] = set()
            while pending and time.monotonic() < deadline and server.poll() is None:
                for article_id, posted in list(pending.items()):
                    state = client.get(f"/articles/{article_id}")
                    detail = state.json() if state.status_code == 200 else {"state": f"answered {state.status_code}"}
                    if detail.get("state") == "queued":
                        continue
                    del pending[article_id]
                    for name, began in posted:
                        _bomb_article_ended(client, rows[name], detail, began, briefed)
                        if not any(name == other for waiting in pending.values() for other, _ in waiting):
                            print(f"  {name:<28}{rows[name]}", flush=True)  # its last article ended
                time.sleep(1.0)
            for posted in pending.values():
                for name, _ in posted:
                    rows[name]["end"] = "still queued at the deadline"
        bombs_done = time.monotonic() - load_started
        cpu = tree_cpu_seconds(server.pid) - cpu_before
        runner.join()
        alive = server.poll() is None
    for name, row in rows.items():
        if "end_seconds" not in row:
            print(f"  {name:<28}{row}", flush=True)
    gets = log.get("get", [])
    return {
        "load": {"clients": clients, "posting_clients": posters, "seconds": seconds, "post_interval": post_interval},
        "bombs_finished_after_seconds": round(bombs_done, 1),
        "server_tree_cpu_seconds_while_bombs_ran": round(cpu, 1),
        "bomb_ends": dict(Counter(row["end"] for row in rows.values())),
        "bombs_within_the_load": bombs_done <= seconds,
        "gets": len(gets),
        "get_p50_seconds": round(load._percentile(gets, 0.50), 3),
        "get_p99_seconds": round(load._percentile(gets, 0.99), 3),
        "posts": len(log.get("post", [])),
        "client_errors": len(log.get("errors", [])),
        "client_error_samples": log.get("errors", [])[:5],
        "server_alive_at_end": alive,
        "stop": stopped,
        "bombs": rows,
    }


def _bomb_article_ended(
    client: httpx.Client, row: dict[str, Any], detail: dict[str, Any], began: float, briefed: set[str]
) -> None:
    """One article of a bomb has ended (analysed or failed): its end on the bomb's row (the states of all its
    articles counted), and the first brief of its story."""
    row["end"] = str(detail.get("state"))
    row.setdefault("article_ends", Counter())[row["end"]] += 1
    row["end_seconds"] = round(time.perf_counter() - began, 1)
    if detail.get("reason"):
        row["reason"] = detail["reason"]
    story_id = detail.get("story_id")
    if story_id and story_id not in briefed:
        briefed.add(story_id)
        started = time.perf_counter()
        brief = client.get(f"/stories/{story_id}/brief")
        row["brief_status"] = brief.status_code
        row["brief_seconds"] = round(time.perf_counter() - started, 2)
        if brief.status_code != 200:
            row["brief_reason"] = brief.json().get("error")


def _immediate_end(status: int, payload: dict[str, Any]) -> str:
    """How a POST that queued nothing ended: refused (4xx with the reason), a duplicate, held or corrected."""
    if status >= 400:
        return f"refused {status}"
    for key in ("duplicates", "held", "corrected", "added"):
        if payload.get(key):
            return key
    return f"answered {status} with nothing"
