"""Load on the server, loopback only, bounded: N concurrent clients for S seconds.

    .venv/bin/python benchmarks/load.py [--clients 50] [--posters 10] [--seconds 30] [--db URL]
        [--post-interval S] [--baseline-tree DIR]

Starts ``newsfuse serve`` in a child process on 127.0.0.1 over a fresh SQLite store (or ``--db``, e.g. a
PostgreSQL URL), stores the seed pair, then runs the clients, each in a loop: ``--posters`` of them
POST new articles (written here from a small word list), pausing ``--post-interval`` seconds between
posts, the others GET the seed story's brief in a closed loop.
Every client is made before the clock starts, and none reuses a connection idle longer than the server
keeps it. Reports p50/p90/p99 latency (and the five slowest POSTs, with when they were sent) and
throughput per endpoint, errors, and lost articles (every acknowledged POST
is counted in the store afterwards). Stops itself after ``--seconds`` (plus at most 150 s for requests in
flight), then waits up to ``--drain`` seconds for the server to analyse every acknowledged article (a
POST is answered 202 before its analysis) and reports how many were analysed when the clients stopped and
how long the rest took; then kills the server. Throughput is requests completed over the whole run.
``--baseline-tree DIR`` first runs the same load against a server started from another source tree
(``DIR/src``, e.g. an earlier commit unpacked with ``git archive``), so before and after are one run.
Writes benchmarks/results/load.json.
Source of the seed pair: ../shared/corpora/seeds (read, never copied).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from newsfuse.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpora" / "seeds"
RESULTS = ROOT / "benchmarks" / "results" / "load.json"
NEWSFUSE = Path(sys.executable).parent / "newsfuse"

_PLACES = ["harbour", "valley", "riverside", "old town", "airport", "market", "university", "stadium"]
_THINGS = ["tram line", "library", "bridge", "water plant", "bus depot", "school", "clinic", "park"]
_ACTIONS = ["approved funding for", "postponed work on", "opened", "closed", "inspected", "debated"]
_PEOPLE = ["Mayor Lindqvist", "Councillor Abebe", "Engineer Moreau", "Director Tanaka", "Minister Oyelaran"]


def _article(rng: random.Random, number: int) -> str:
    place, thing, action, person = (rng.choice(x) for x in (_PLACES, _THINGS, _ACTIONS, _PEOPLE))
    return (
        f"title: Load report {number}: {thing} in the {place}\noutlet: Load Wire {number % 7}\n"
        f"date: 2025-06-{1 + number % 28:02d}\n\n"
        f"The {place} council {action} the {thing} on Tuesday, report {number} said. "
        f'"This {thing} matters to every family in the {place}," said {person}. '
        f"Residents asked how long the work on the {thing} would take, and officials promised an answer "
        f"within {2 + number % 9} weeks.\n"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _client(
    client: httpx.AsyncClient,
    story_id: str,
    deadline: float,
    posting: bool,
    seed: int,
    log: dict[str, Any],
    post_interval: float,
    auth: dict[str, str],
) -> None:
    rng = random.Random(seed)
    first = True
    while time.monotonic() < deadline:
        if posting and not first:
            await asyncio.sleep(post_interval * rng.uniform(0.5, 1.5))  # jittered: posters do not march
            if time.monotonic() >= deadline:
                break
        first = False
        started = time.perf_counter()
        try:
            if posting:
                number = seed * 1_000_000 + rng.randrange(1_000_000)
                response = await client.post(
                    "/articles",
                    content=_article(rng, number).encode(),
                    headers={"content-type": "text/plain", **auth},
                )
            else:
                response = await client.get(f"/stories/{story_id}/brief")
        except httpx.HTTPError as error:
            log["errors"].append(f"{'POST' if posting else 'GET'}: {type(error).__name__}: {error}")
            continue
        elapsed = time.perf_counter() - started
        kind = "post" if posting else "get"
        log[kind].append(elapsed)
        if posting:  # when the slow ones were sent: a burst at the start, or spread over the run
            log["post_at"].append((started - log["run_started"], elapsed))
        if posting and response.status_code in (201, 202):
            answer = response.json()
            log["acknowledged"].update(a["article_id"] for a in answer["added"] + answer.get("queued", []))
        elif posting and response.status_code == 200:
            log["duplicates"] += 1
        elif response.status_code != 200:
            log["errors"].append(f"{kind.upper()} {response.status_code}: {response.text[:200]}")


async def _run_clients(
    base: str,
    story_id: str,
    seeds: list[int],
    posters: int,
    seconds: float,
    post_interval: float,
    start_at: float,
    auth: dict[str, str],
) -> dict[str, Any]:
    """The clients numbered ``seeds`` (those up to ``posters`` post), from ``start_at`` (wall clock) on."""
    async with contextlib.AsyncExitStack() as stack:
        # every client is made before the clock starts: making one takes tens of milliseconds of this
        # process's event loop (an SSL context each), which the first requests' latencies counted, 3.4 s.
        # Connections idle longer than the server keeps them are not reused: a POST sent as the server
        # closes one is a ReadError for the client, not the server's failure
        limits = httpx.Limits(keepalive_expiry=_KEEPALIVE_SECONDS)
        made = [
            await stack.enter_async_context(httpx.AsyncClient(base_url=base, timeout=60, limits=limits))
            for _ in seeds
        ]
        await asyncio.sleep(max(0.0, start_at - time.time()))
        started = time.perf_counter()
        log: dict[str, Any] = {
            "get": [], "post": [], "post_at": [], "errors": [], "acknowledged": set(), "duplicates": 0,
            "run_started": started,
        }
        deadline = time.monotonic() + seconds
        tasks = [
            _client(client, story_id, deadline, seed <= posters, seed, log, post_interval, auth)
            for seed, client in zip(seeds, made, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + 150)
        log["elapsed"] = time.perf_counter() - started
    return log


def _client_group(work: tuple[str, str, list[int], int, float, float, float, dict[str, str]]) -> dict[str, Any]:
    return asyncio.run(_run_clients(*work))


def _run_all_clients(args: argparse.Namespace, base: str, story_id: str) -> dict[str, Any]:
    """The posters and the readers, in one client process or (the default) one each: a poster's latency
    is then the server's, not also the time its process spends on 40 readers' responses (a real poster
    is another machine). Both groups start at the same moment; their logs are merged."""
    seeds = list(range(1, args.clients + 1))
    start_at = time.time() + 2.0 + 0.1 * args.clients  # after every client is made
    groups = (
        [seeds]
        if args.one_client_process
        else [g for g in (seeds[: args.posters], seeds[args.posters :]) if g]
    )
    # the token goes along: a spawned client process draws its own module-level one
    work = [(base, story_id, g, args.posters, args.seconds, args.post_interval, start_at, _AUTH) for g in groups]
    with multiprocessing.get_context("spawn").Pool(len(work)) as pool:
        logs = pool.map(_client_group, work)
    merged: dict[str, Any] = {
        "get": [], "post": [], "post_at": [], "errors": [], "acknowledged": set(), "duplicates": 0,
        "client_processes": len(work),
    }
    for log in logs:
        for key in ("get", "post", "post_at", "errors"):
            merged[key] += log[key]
        merged["acknowledged"] |= log["acknowledged"]
        merged["duplicates"] += log["duplicates"]
    merged["elapsed"] = max(log["elapsed"] for log in logs)
    return merged


# below the server's keep-alive (ServeOptions.keep_alive_seconds, 5 s)
_KEEPALIVE_SECONDS = 4.0
_TOKEN = secrets.token_urlsafe(24)
_AUTH = {"authorization": f"Bearer {_TOKEN}"}


def _start_server(db: str, port: int, tree: Path | None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSFUSE_TOKEN": _TOKEN, "NEWSFUSE_READ_RATE": "0", "NEWSFUSE_WRITE_RATE": "0"}
    if tree is not None:  # the other tree's package comes first on the path
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(tree / "src"), env.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        [str(NEWSFUSE), "serve", "--db", db, "--port", str(port)],
        cwd=tree or ROOT,
        # all clients share one loopback address: the per-client rate limits are off for this measurement
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode()[-2000:] if server.stderr else ''}")
        try:
            if httpx.get(f"{base}/stories", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("server did not become ready")


def _count_articles(db: str) -> int:
    with Store(db) as store:
        return store.count_articles()


def _store_seed(base: str, seed: Path, timeout: float = 600) -> str:
    """Post one seed article and wait for its story (a server that answers 202 analyses it in the background;
    an older one answers 201 once analysed)."""
    response = httpx.post(
        f"{base}/articles",
        content=seed.read_bytes(),
        headers={"content-type": "text/plain", **_AUTH},
        params={"wait": "120", **({"published": "2024-06-19"} if seed.name.startswith("004") else {})},
        timeout=300,
    )
    if response.status_code == 201:
        story_id: str = response.json()["added"][0]["story_id"]
        return story_id
    if response.status_code != 202:
        raise SystemExit(f"the seed {seed.name} was not stored: {response.status_code} {response.text[:500]}")
    status_url = response.json()["queued"][0]["status_url"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = httpx.get(f"{base}{status_url}", timeout=60).json()
        if state["state"] == "analysed":
            analysed: str = state["story_id"]
            return analysed
        if state["state"] == "failed":
            raise SystemExit(f"the seed {seed.name} failed: {state['reason']}")
        time.sleep(1)
    raise SystemExit(f"the seed {seed.name} was not analysed within {timeout:g} s")


def _analysed(db: str, article_ids: set[str]) -> int:
    with Store(db) as store:
        return sum(store.has_article(article_id) for article_id in article_ids)


def _measure(args: argparse.Namespace, tree: Path | None) -> dict[str, Any]:
    """One load run against a fresh server (from ``tree``, or this one)."""
    workdir = Path(tempfile.mkdtemp(prefix="newsfuse-load-"))
    db = args.db or str(workdir / "load.db")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_server(db, port, tree)
    try:
        _wait_ready(base, server)
        story_ids = {_store_seed(base, seed) for seed in sorted(SEEDS.glob("*.txt"))}
        story_id = sorted(story_ids)[0]
        warm = time.perf_counter()
        httpx.get(f"{base}/stories/{story_id}/brief", timeout=300).raise_for_status()
        first_brief_s = time.perf_counter() - warm
        before = _count_articles(db)
        log = _run_all_clients(args, base, story_id)
        acknowledged: set[str] = log["acknowledged"]
        analysed_at_stop = _analysed(db, acknowledged)
        drain_started = time.perf_counter()
        while _analysed(db, acknowledged) < len(acknowledged) and time.perf_counter() - drain_started < args.drain:
            time.sleep(0.5)
        drain_s = time.perf_counter() - drain_started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    # counted in the database itself, after the server is gone
    after = _count_articles(db)
    with Store(db) as store:
        lost = [article_id for article_id in acknowledged if not store.has_article(article_id)]

    elapsed = log["elapsed"]
    result: dict[str, Any] = {
        "tree": str(tree) if tree else "this tree",
        "first_brief_seconds": round(first_brief_s, 3),
        "endpoints": {},
        "errors": len(log["errors"]),
        "error_samples": log["errors"][:5],
        "acknowledged_posts": len(acknowledged),
        "analysed_when_clients_stopped": analysed_at_stop,
        "drain_seconds": round(drain_s, 1),
        "duplicate_posts": log["duplicates"],
        "rows_before": before,
        "rows_after": after,
        # stored articles beyond what was acknowledged: an article stored twice would show here
        "extra_rows": max(0, after - before - len(acknowledged)),
        "lost_articles": len(lost),
        # the five slowest POSTs: seconds into the run when sent, and how long they took
        "slowest_posts": [
            {"sent_at_s": round(at, 2), "ms": round(1000 * took, 1)}
            for at, took in sorted(log["post_at"], key=lambda x: -x[1])[:5]
        ],
    }
    for kind, label in (("get", "GET /stories/{id}/brief"), ("post", "POST /articles")):
        latencies = log[kind]
        result["endpoints"][label] = {
            "requests": len(latencies),
            "per_second": round(len(latencies) / elapsed, 1),
            "p50_ms": round(1000 * _percentile(latencies, 0.50), 1),
            "p90_ms": round(1000 * _percentile(latencies, 0.90), 1),
            "p99_ms": round(1000 * _percentile(latencies, 0.99), 1),
            "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        }
    print(f"{result['tree']}:")
    print(f"{'endpoint':<26}{'requests':>10}{'req/s':>9}{'p50 ms':>10}{'p99 ms':>10}")
    for label, row in result["endpoints"].items():
        print(f"{label:<26}{row['requests']:>10}{row['per_second']:>9}{row['p50_ms']:>10}{row['p99_ms']:>10}")
    print(
        f"errors {result['errors']}, acknowledged posts {result['acknowledged_posts']} "
        f"({analysed_at_stop} analysed when the clients stopped, the rest {drain_s:.1f} s later), "
        f"rows {before} -> {after}, lost {result['lost_articles']}, extra rows {result['extra_rows']}"
    )
    print("slowest POSTs (sent at s: ms):", ", ".join(f"{p['sent_at_s']}: {p['ms']}" for p in result["slowest_posts"]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--posters", type=int, default=10, help="how many of the clients POST articles")
    parser.add_argument("--post-interval", type=float, default=0.0, help="mean pause between one client's posts")
    parser.add_argument("--drain", type=float, default=300.0, help="seconds to wait for acknowledged analyses")
    parser.add_argument("--db", help="store URL or path (default: a fresh SQLite file)")
    parser.add_argument(
        "--one-client-process", action="store_true", help="posters and readers in one client process (as before)"
    )
    parser.add_argument("--baseline-tree", type=Path, help="also run against a server from DIR/src, first")
    args = parser.parse_args()
    if args.baseline_tree and args.db:
        parser.error("--baseline-tree needs a fresh store per run: leave out --db")

    runs = [_measure(args, args.baseline_tree)] if args.baseline_tree else []
    runs.append(_measure(args, None))
    result: dict[str, Any] = {
        "benchmark": "load",
        "clients": args.clients,
        "client_processes": 1 if args.one_client_process else 2,
        "seconds": args.seconds,
        "posting_clients": args.posters,
        "post_interval_seconds": args.post_interval,
        "backend": "postgresql" if (args.db or "").startswith("postgres") else "sqlite",
        "cpu_count": os.cpu_count(),
        **{key: value for key, value in runs[-1].items() if key != "tree"},
    }
    if args.baseline_tree:
        result["baseline"] = runs[0]
    print(
        f"{args.clients} clients ({args.posters} posting, every {args.post_interval:g} s), {args.seconds:.0f} s, "
        f"{result['backend']}, loopback"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    if any(run["errors"] or run["lost_articles"] for run in runs):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
