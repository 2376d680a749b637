"""Hostile input, measured: the freezes of issue 16 before and after, and a fuzz run of 10,000+ inputs.

    .venv/bin/python benchmarks/fuzz.py freezes [--baseline REV] [--timeout S] [--only NAME ...]
    .venv/bin/python benchmarks/fuzz.py fuzz [--cases N] [--seed S]

``freezes`` builds each generated input of tests/fuzz/hostile.py at the size that froze the old code and
runs it through ingest and analysis in a child process, once with the source tree of ``--baseline`` (a git
revision, extracted to a temporary folder) and once with the working tree, in the same run: seconds per
stage, peak RSS, and what came out (articles, rejections, trimmings). A child past ``--timeout`` is killed
and reported as such. ``fuzz`` sends ``--cases`` generated inputs (every hostile kind at random sizes, plus
random mutations of small real-looking texts) through ingest and analysis in isolated workers and reports
crashes, inputs that produced neither an article nor a reason, the slowest input and the peak RSS.
Writes benchmarks/results/fuzz.json (each mode its own key).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "fuzz.json"


# ---------------------------------------------------------------- one case in a child process


def _child(case: str, size: int) -> None:
    """Run one generated input through ingest and analysis; print one JSON line with what happened."""
    sys.path.insert(0, str(ROOT))
    from tests.fuzz.hostile import FREEZES

    import newsfuse
    from newsfuse.analyse import analyse, load_nlp
    from newsfuse.ingest import ingest_bytes

    load_nlp()  # the model's load is not the input's cost
    if case == "duc":
        # the real corpus, for the cost of the caps on ordinary news: every DUC 2004 document, ``size`` analysed
        from newsfuse.ingest import ingest_paths

        folders = sorted(p for p in (ROOT.parent / "shared" / "corpora" / "duc2004" / "docs").iterdir() if p.is_dir())
        data = b""
        started = time.perf_counter()
        report = ingest_paths(folders)
        ingest_seconds = time.perf_counter() - started
        report.articles = report.articles[:size]
    else:
        generate, _ = FREEZES[case]
        data = generate(size).encode("utf-8")
        started = time.perf_counter()
        report = ingest_bytes(data, source=case)
        ingest_seconds = time.perf_counter() - started
    started = time.perf_counter()
    annotated = analyse(report.articles)
    analyse_seconds = time.perf_counter() - started
    trimmed = getattr(report, "trimmed", [])
    print(
        json.dumps(
            {
                "tree": str(Path(newsfuse.__file__).parents[1]),
                "input_bytes": len(data),
                "ingest_seconds": round(ingest_seconds, 3),
                "analyse_seconds": round(analyse_seconds, 3),
                "articles": len(report.articles),
                "article_chars": [len(a.text) for a in report.articles][:5],
                "title_chars": [len(a.title or "") for a in report.articles][:5],
                "sentences": [len(a.sentences) for a in annotated][:5],
                "rejected": [r.reason for r in report.rejected][:3],
                "trimmed": [t.reason for t in trimmed][:3],
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


def _run_child(tree: Path, case: str, size: int, timeout: float) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{ROOT}"}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "_child", case, str(size)],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": f"killed after {timeout:.0f} s", "wall_seconds": round(time.perf_counter() - started, 1)}
    wall = round(time.perf_counter() - started, 2)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"outcome": f"exit {done.returncode}: {tail[:200]}", "wall_seconds": wall}
    result: dict[str, Any] = json.loads(lines[-1])
    result["outcome"] = "ok"
    result["wall_seconds"] = wall
    return result


def _extract(revision: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def freezes(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.fuzz.hostile import FREEZES

    names = args.only or list(FREEZES)
    sizes = {**{name: size for name, (_, size) in FREEZES.items()}, "duc": 100}
    rows: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="newsfuse-baseline-") as folder:
        trees = {"before": _extract(args.baseline, Path(folder)), "after": Path(args.after_tree)}
        if args.after_only:
            trees.pop("before")
        if args.before_only:
            trees.pop("after")
        print(f"{'input':<24}{'size':>10}  {'tree':<7}{'ingest s':>10}{'analyse s':>11}{'RSS MB':>9}  outcome")
        for name in names:
            size = args.size or sizes[name]
            rows[name] = {"size": size}
            for label, tree in [(label, tree) for _ in range(args.repeat) for label, tree in trees.items()]:
                # with --repeat the trees alternate, so both see the same load; the fastest run is kept
                result = _run_child(tree, name, size, args.timeout)
                kept = rows[name].get(label)
                if kept is None or _seconds(result) < _seconds(kept):
                    rows[name][label] = result
                print(
                    f"{name:<24}{size:>10}  {label:<7}{result.get('ingest_seconds', '-')!s:>10}"
                    f"{result.get('analyse_seconds', '-')!s:>11}{result.get('peak_rss_mb', '-')!s:>9}  "
                    f"{_describe(result)}",
                    flush=True,
                )
    return {"baseline": args.baseline, "timeout_seconds": args.timeout, "cases": rows}


def _seconds(result: dict[str, Any]) -> float:
    if result["outcome"] != "ok":
        return math.inf
    return float(result["ingest_seconds"]) + float(result["analyse_seconds"])


def _describe(result: dict[str, Any]) -> str:
    if result["outcome"] != "ok":
        return str(result["outcome"])
    parts = [f"{result['articles']} article(s) {result['article_chars']} chars"]
    if result["rejected"]:
        parts.append(f"rejected: {result['rejected'][0][:70]}")
    if result["trimmed"]:
        parts.append(f"trimmed: {result['trimmed'][0][:70]}")
    return "; ".join(parts)


# ---------------------------------------------------------------- the fuzz run

_AWKWARD = "\"'“”‘’`«».,;:!?…-–—()[]{}<>&#/\\ \t\n\r\x0b\x0c\x85\u2028\u2029\u00a0\u200b\ufeff\u0301\U0001f600"
_SEED_TEXT = (
    "title: Harbour vote\noutlet: Gazette\ndate: 2024-06-19\n\nThe council approved the budget on Tuesday. "
    '"We will build it," Mayor Ana Reyes said. The work starts in March 2025 and costs $4.5 million.\n\n'
    "Critics said the plan, first proposed in 2019, was rushed. A vote is due next week."
)


def _mutate(rng: random.Random, text: str) -> str:
    """A random edit of ``text``: awkward characters, a repeated slice, a cut, a format wrapper."""
    for _ in range(rng.randint(1, 6)):
        where = rng.randrange(len(text) + 1)
        action = rng.randrange(5)
        if action == 0:
            text = text[:where] + "".join(rng.choice(_AWKWARD) for _ in range(rng.randint(1, 50))) + text[where:]
        elif action == 1:
            piece = text[where : where + rng.randint(1, 40)]
            text = text[:where] + piece * rng.randint(2, 2_000) + text[where:]
        elif action == 2:
            text = text[:where] + text[where + rng.randint(1, 200) :]
        elif action == 3:
            text = f"<DOC>\n<DOCNO>APW19981016.{rng.randint(0, 9999):04d}</DOCNO>\n<TEXT>\n{text}\n</TEXT>\n</DOC>"
        else:
            text = json.dumps({"text": text, "title": text[: rng.randint(0, 300)]})
    return text


def _inputs(count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """``count`` generated inputs: each hostile kind at a random size up to its freeze size (and once at
    that size), and random mutations of a small article."""
    from tests.fuzz.hostile import FREEZES

    rng = random.Random(seed)
    kinds = list(FREEZES.items())
    for name, (generate, size) in kinds:
        yield f"{name}@{size}", generate(size).encode("utf-8")
    for number in range(count - len(kinds)):
        if number % 2:
            name, (generate, size) = kinds[rng.randrange(len(kinds))]
            chosen = int(math.exp(rng.uniform(0, math.log(size + 1))))
            yield f"{name}@{chosen}", generate(chosen).encode("utf-8")
        else:
            mutated = _mutate(rng, _SEED_TEXT)
            encoding = rng.choice(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1"])
            yield f"mutation{number}", mutated.encode(encoding, "replace")


def fuzz(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.fuzz.properties import annotation_problems, report_problems

    from newsfuse.ingest import ingest_bytes
    from newsfuse.pipeline import StoreProcessor
    from newsfuse.store.workers import WorkerFailed, peak_rss_mb

    processor = StoreProcessor()
    slowest_ingest: tuple[float, str] = (0.0, "")
    slowest_analysis: tuple[float, str] = (0.0, "")
    crashes: list[str] = []
    problems: list[str] = []
    failed: list[str] = []
    counts = {"inputs": 0, "articles": 0, "rejected": 0, "trimmed": 0, "analysed": 0, "input_bytes": 0}
    every = max(1, args.cases // max(1, args.analyse))
    started = time.perf_counter()
    try:
        for index, (name, data) in enumerate(_inputs(args.cases, args.seed)):
            counts["inputs"] += 1
            counts["input_bytes"] += len(data)
            if index % 1_000 == 0:
                print(f"{index:>6} inputs, {len(crashes)} crashes, {len(problems)} problems", flush=True)
            began = time.perf_counter()
            try:
                report = ingest_bytes(data, source=name)
            except Exception as error:  # a crash is what this run looks for
                crashes.append(f"{name}: ingest raised {type(error).__name__}: {error}")
                continue
            seconds = time.perf_counter() - began
            slowest_ingest = max(slowest_ingest, (seconds, name))
            problems += [f"{name}: {problem}" for problem in report_problems(report, data)]
            counts["articles"] += len(report.articles)
            counts["rejected"] += len(report.rejected)
            counts["trimmed"] += len(report.trimmed)
            analyse_this = index < 20 or index % every == 0
            if not analyse_this or not report.articles:
                continue
            began = time.perf_counter()
            try:
                analysed = processor.analyse(report.articles)
            except WorkerFailed as error:
                failed.append(f"{name}: {error}")
                continue
            seconds = time.perf_counter() - began
            slowest_analysis = max(slowest_analysis, (seconds, name))
            counts["analysed"] += len(analysed)
            problems += [f"{name}: {problem}" for annotated in analysed for problem in annotation_problems(annotated)]
        worker_peak: float = processor._worker.call(peak_rss_mb) if processor._worker else 0.0
    finally:
        processor.close()
    result = {
        **counts,
        "seed": args.seed,
        "seconds": round(time.perf_counter() - started, 1),
        "crashes": crashes,
        "problems": problems[:50],
        "problem_count": len(problems),
        "analysis_failed_with_reason": failed,
        "slowest_ingest": {"input": slowest_ingest[1], "seconds": round(slowest_ingest[0], 3)},
        "slowest_analysis": {"input": slowest_analysis[1], "seconds": round(slowest_analysis[0], 3)},
        "peak_rss_mb": {
            "ingest_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "analysis_worker": round(worker_peak, 1),
        },
        "limits": _limits(),
    }
    for key in ("inputs", "input_bytes", "articles", "rejected", "trimmed", "analysed"):
        print(f"{key:<28}{counts[key]:,}")
    print(f"{'crashes':<28}{len(crashes)}")
    print(f"{'problems':<28}{len(problems)}")
    print(f"{'analysis failed (reason)':<28}{len(failed)}")
    print(f"{'slowest ingest':<28}{slowest_ingest[0]:.3f} s ({slowest_ingest[1]})")
    print(f"{'slowest analysis':<28}{slowest_analysis[0]:.3f} s ({slowest_analysis[1]})")
    print(f"{'peak RSS ingest / worker':<28}{result['peak_rss_mb']['ingest_process']} / {worker_peak:.1f} MB")
    for line in (crashes + problems)[:10]:
        print("  ", line[:160])
    return result


def _limits() -> dict[str, Any]:
    from dataclasses import asdict

    from newsfuse.ingest import LIMITS
    from newsfuse.store.workers import WorkerLimits

    return {"ingest": asdict(LIMITS), "worker": asdict(WorkerLimits())}


# ---------------------------------------------------------------- bombs against a live server under load


def bombs(args: argparse.Namespace) -> dict[str, Any]:
    """Each freeze input posted to a real ``newsfuse serve`` while other clients read: does the server stay
    up, how long do their reads take meanwhile, and how does each bomb end."""
    import socket
    import threading

    import httpx

    sys.path.insert(0, str(ROOT))
    from tests.fuzz.hostile import FREEZES
    from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

    token = "bomb-token-0123456789abcdef"
    auth = {"authorization": f"Bearer {token}", "content-type": "text/plain"}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    folder = tempfile.mkdtemp(prefix="newsfuse-bombs-")
    env = {**os.environ, "NEWSFUSE_TOKEN": token, "NEWSFUSE_READ_RATE": "0", "NEWSFUSE_WRITE_RATE": "0"}
    env["PYTHONPATH"] = f"{Path(args.tree) / 'src'}{os.pathsep}{ROOT}"
    command = [sys.executable, "-c", "from newsfuse.cli import main; main()", "serve", "--db", f"{folder}/news.db"]
    log = Path(folder) / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "--port", str(port)], env=env, stdout=output, stderr=output, start_new_session=True
        )
    latencies: list[float] = []
    read_errors: list[str] = []
    stop = threading.Event()
    rows: dict[str, Any] = {}
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/stories", timeout=2).is_success:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        story_ids = [
            httpx.post(f"{base}/articles", content=text.encode(), headers=auth, timeout=300).json()["added"][0][
                "story_id"
            ]
            for text in (BRIDGE_A, BRIDGE_B, FESTIVAL)
        ]
        for story_id in story_ids:
            httpx.get(f"{base}/stories/{story_id}/brief", timeout=300)

        def read() -> None:
            with httpx.Client(base_url=base, timeout=30) as client:
                turn = 0
                while not stop.is_set():
                    path = "/stories" if turn % 2 else f"/stories/{story_ids[turn % len(story_ids)]}/brief"
                    began = time.perf_counter()
                    try:
                        status = client.get(path).status_code
                        if status != 200:
                            read_errors.append(f"{path}: {status}")
                    except httpx.HTTPError as error:
                        read_errors.append(f"{path}: {type(error).__name__}")
                    latencies.append(time.perf_counter() - began)
                    turn += 1

        readers = [threading.Thread(target=read, daemon=True) for _ in range(args.clients)]
        for reader in readers:
            reader.start()
        for name, (generate, size) in FREEZES.items():
            if args.only and name not in args.only:
                continue
            body = generate(size).encode("utf-8")
            began = time.perf_counter()
            try:
                answer = httpx.post(f"{base}/articles", content=body, headers=auth, timeout=600)
                payload = answer.json()
                row: dict[str, Any] = {"status": answer.status_code, "seconds": round(time.perf_counter() - began, 2)}
                row["reasons"] = [r["reason"] for r in payload.get("rejected", [])][:2] or payload.get("error")
                row["trimmed"] = [t["reason"] for t in payload.get("trimmed", [])][:2]
                for added in payload.get("added", [])[:1]:
                    brief = httpx.get(f"{base}/stories/{added['story_id']}/brief", timeout=600)
                    row["brief_status"] = brief.status_code
                    row["brief_seconds"] = round(time.perf_counter() - began - row["seconds"], 2)
            except httpx.HTTPError as error:
                row = {"status": f"no answer ({type(error).__name__})"}
            row["server_alive"] = server.poll() is None
            rows[name] = row
            print(f"{name:<24}{row}", flush=True)
        stop.set()
        for reader in readers:
            reader.join(timeout=60)
    finally:
        alive = server.poll() is None
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    ordered = sorted(latencies)
    result = {
        "clients": args.clients,
        "reads": len(ordered),
        "read_errors": read_errors[:20],
        "read_error_count": len(read_errors),
        "read_p50_seconds": round(ordered[len(ordered) // 2], 3) if ordered else None,
        "read_p99_seconds": round(ordered[int(len(ordered) * 0.99)], 3) if ordered else None,
        "server_alive_at_end": alive,
        "bombs": rows,
    }
    print(
        f"reads {len(ordered)}, errors {len(read_errors)}, p50 {result['read_p50_seconds']} s, "
        f"p99 {result['read_p99_seconds']} s, server alive: {alive}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    freeze = modes.add_parser("freezes", help="each freeze of issue 16, before and after")
    freeze.add_argument("--baseline", default="7c086af", help="git revision measured as 'before'")
    freeze.add_argument("--timeout", type=float, default=60.0, help="seconds before a child is killed")
    freeze.add_argument("--only", nargs="*", help="case names (default: all)")
    freeze.add_argument("--size", type=int, default=0, help="override every case's size")
    freeze.add_argument("--repeat", type=int, default=1, help="runs per tree, alternating; the fastest is kept")
    freeze.add_argument("--after-only", action="store_true", help="measure the working tree only")
    freeze.add_argument("--after-tree", default=str(ROOT), help="source tree measured as 'after' (has src/)")
    freeze.add_argument("--before-only", action="store_true", help="measure the baseline only")
    run = modes.add_parser("fuzz", help="10,000+ generated inputs: crashes, problems, slowest, peak RSS")
    run.add_argument("--cases", type=int, default=10_000)
    run.add_argument("--analyse", type=int, default=300, help="how many of them to analyse as well")
    run.add_argument("--seed", type=int, default=16)
    bomb = modes.add_parser("bombs", help="each freeze input posted to a live server while clients read")
    bomb.add_argument("--clients", type=int, default=8)
    bomb.add_argument("--tree", default=str(ROOT), help="source tree to serve (has src/)")
    bomb.add_argument("--only", nargs="*", help="case names (default: all)")
    child = modes.add_parser("_child")
    child.add_argument("case")
    child.add_argument("size", type=int)
    args = parser.parse_args()
    if args.mode == "_child":
        _child(args.case, args.size)
        return
    result = {"freezes": freezes, "fuzz": fuzz, "bombs": bombs}[args.mode](args)
    stored: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    stored[args.mode] = result
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
