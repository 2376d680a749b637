"""Hostile input, measured: the freezes of issue 16 before and after, and a fuzz run of 10,000+ inputs.

    .venv/bin/python benchmarks/fuzz.py freezes [--baseline REV] [--timeout S] [--only NAME ...]
    .venv/bin/python benchmarks/fuzz.py fuzz [--cases N] [--analyse M] [--seed S] [--batch B]
    .venv/bin/python benchmarks/fuzz.py bombs [--clients C] [--posters P] [--seconds S] [--only NAME ...]
    .venv/bin/python benchmarks/fuzz.py story [--articles N]

``freezes`` builds each generated input of tests/fuzz/hostile.py at the size that froze the old code and
runs it through ingest and analysis in a child process, once with the source tree of ``--baseline`` (a git
revision, extracted to a temporary folder) and once with the working tree, in the same run: seconds per
stage, peak RSS, and what came out (articles, rejections, trimmings). A child past ``--timeout`` is killed
and reported as such. ``fuzz`` sends ``--cases`` generated inputs (every case of the issue, tests/fuzz/hostile.py
``CASES``, at random sizes, plus random mutations of small real-looking texts) through ingest, and
``--analyse`` of them (every case at full size among them) through the isolated analysis worker, the
``newsfuse brief`` command line in batches of ``--batch`` files (a hidden file, a symbolic link and a FIFO
in the first batch), and a live server (POST, each stored article read back, then each story's brief, and
hostile reads: huge offsets, NUL in search); it reports crashes, inputs that produced neither an article nor
a reason, non-verbatim spans, JSON stored as text, 5xx or non-JSON answers, dead processes, the slowest
inputs in wall and CPU seconds, and peak RSS (benchmarks/fuzz_paths.py). ``bombs`` posts each case to a
live server while benchmarks/load.py's clients run, and reports their GET p50/p99. ``story`` forces
``--articles`` hostile articles into one story and times its brief, with fusion's per-story sentence budget
and without it.
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
sys.path.insert(0, str(ROOT))
from tests.fuzz.hostile import CASES  # noqa: E402

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
    started, cpu_started = time.perf_counter(), time.process_time()
    annotated = analyse(report.articles)
    analyse_seconds = time.perf_counter() - started
    analyse_cpu_seconds = time.process_time() - cpu_started
    trimmed = getattr(report, "trimmed", [])
    print(
        json.dumps(
            {
                "tree": str(Path(newsfuse.__file__).parents[1]),
                "input_bytes": len(data),
                "ingest_seconds": round(ingest_seconds, 3),
                "analyse_seconds": round(analyse_seconds, 3),
                "analyse_cpu_seconds": round(analyse_cpu_seconds, 3),
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
    """``count`` generated inputs: each case of issue 16 (tests/fuzz/hostile.py ``CASES``: the freezes and
    the uploads) at a random size up to the size the issue reported (and once at that size), and random
    mutations of a small article."""
    rng = random.Random(seed)
    kinds = list(CASES.items())
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
    """Every input through ingest; the analysed share through the isolated worker (annotations checked, wall
    and CPU seconds each), then through the command line in batches and through a live server."""
    sys.path.insert(0, str(ROOT))
    from tests.fuzz.properties import annotation_problems, report_problems

    from fuzz_paths import api_pass, cli_pass
    from newsfuse.ingest import ingest_bytes
    from newsfuse.pipeline import StoreProcessor
    from newsfuse.store.workers import WorkerFailed, peak_rss_mb

    processor = StoreProcessor()
    slowest_ingest: tuple[float, str] = (0.0, "")
    analyses: list[dict[str, Any]] = []
    crashes: list[str] = []
    problems: list[str] = []
    failed: list[str] = []
    chosen: list[tuple[str, bytes]] = []
    counts = {"inputs": 0, "articles": 0, "rejected": 0, "trimmed": 0, "analysed": 0, "input_bytes": 0}
    every = max(1, args.cases // max(1, args.analyse))
    if processor._worker is not None:
        processor._worker.call(peak_rss_mb)  # the worker loads its models before the clock starts
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
            if index >= len(CASES) + 3 and index % every:
                continue
            chosen.append((name, data))
            if not report.articles:
                continue
            began = time.perf_counter()
            try:
                analysed = processor.analyse(report.articles)
            except WorkerFailed as error:
                failed.append(f"{name}: {error}")
                continue
            wall = time.perf_counter() - began
            cpu = processor._worker.last_cpu_seconds if processor._worker else 0.0
            analyses.append({"input": name, "wall_seconds": round(wall, 3), "cpu_seconds": round(cpu, 3)})
            counts["analysed"] += len(analysed)
            problems += [f"{name}: {problem}" for annotated in analysed for problem in annotation_problems(annotated)]
        worker_peak: float = processor._worker.call(peak_rss_mb) if processor._worker else 0.0
    finally:
        processor.close()
    ingest_seconds = time.perf_counter() - started
    print(f"ingest and analysis done in {ingest_seconds:.0f} s; {len(chosen)} inputs through the CLI", flush=True)
    cli = cli_pass(chosen, args.batch) if not args.no_cli else {}
    print(f"{len(chosen)} inputs through the API", flush=True)
    api = api_pass(chosen) if not args.no_api else {}
    analyses.sort(key=lambda row: -row["wall_seconds"])
    result = {
        **counts,
        "seed": args.seed,
        "seconds": round(time.perf_counter() - started, 1),
        "crashes": crashes,
        "problems": problems[:50],
        "problem_count": len(problems),
        "analysis_failed_with_reason": failed,
        "slowest_ingest": {"input": slowest_ingest[1], "seconds": round(slowest_ingest[0], 3)},
        "slowest_analyses": analyses[:10],
        "slowest_analysis_by_cpu": max(analyses, key=lambda row: row["cpu_seconds"], default=None),
        "peak_rss_mb": {
            "ingest_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "analysis_worker": round(worker_peak, 1),
        },
        "through_cli": cli,
        "through_api": api,
        "limits": _limits(),
    }
    for key in ("inputs", "input_bytes", "articles", "rejected", "trimmed", "analysed"):
        print(f"{key:<28}{counts[key]:,}")
    print(f"{'crashes':<28}{len(crashes)}")
    print(f"{'problems':<28}{len(problems)}")
    print(f"{'analysis failed (reason)':<28}{len(failed)}")
    print(f"{'slowest ingest':<28}{slowest_ingest[0]:.3f} s ({slowest_ingest[1]})")
    for row in analyses[:3]:
        print(f"{'slow analysis':<28}{row['wall_seconds']:.3f} s wall, {row['cpu_seconds']:.3f} s CPU ({row['input']})")
    print(f"{'peak RSS ingest / worker':<28}{result['peak_rss_mb']['ingest_process']} / {worker_peak:.1f} MB")
    if cli:
        print(f"{'CLI problems':<28}{len(cli['problems'])}; slowest batch {cli['slowest_batch_wall_seconds']} s")
        print(f"{'CLI peak RSS (any child)':<28}{cli['peak_rss_mb_any_child']} MB")
    if api:
        print(f"{'API problems':<28}{len(api['problems'])}; statuses {api['statuses']}")
        alive, peak = api["server_alive_at_end"], api["peak_rss_mb_server_or_worker"]
        print(f"{'API server alive':<28}{alive}; peak RSS {peak} MB")
        for row in api["slowest"][:3]:
            print(f"{'API slow input':<28}{row}")
    for line in (crashes + problems + cli.get("problems", []) + api.get("problems", []))[:10]:
        print("  ", line[:160])
    return result


def _limits() -> dict[str, Any]:
    from dataclasses import asdict

    from newsfuse.ingest import LIMITS
    from newsfuse.store.workers import WorkerLimits

    return {"ingest": asdict(LIMITS), "worker": asdict(WorkerLimits())}


# ---------------------------------------------------------------- one story of many hostile articles

# the kinds a hostile story is made of: each article reaches ingest's caps, in sentences (cheap to parse)
# or in characters (the long article): what the story's sentence budget in fusion must bound
_STORY_KINDS = ("repeated_line", "tiny_paragraphs", "numeric_dates", "long_article", "dates_text")


def story(args: argparse.Namespace) -> dict[str, Any]:
    """``--articles`` hostile articles, each from its own outlet, forced into one story: each analysed in
    the isolated worker (one call each, as the server does), then the story briefed in a fresh worker at
    growing sizes with the story's sentence budget, and at full size without it: wall and CPU seconds, the
    worker's peak RSS, sentences in the story, and whether every cited span is verbatim."""
    from fuzz_paths import brief_problems
    from newsfuse.ingest import ingest_bytes
    from newsfuse.model import Story
    from newsfuse.pipeline import StoreProcessor
    from newsfuse.store.workers import WorkerFailed, peak_rss_mb

    articles = []
    kinds: dict[str, dict[str, int]] = {}
    for index in range(args.articles):
        kind = _STORY_KINDS[index % len(_STORY_KINDS)]
        data, size = _story_article(index, kind)
        report = ingest_bytes(data, source=f"story-{index}.txt")
        if not report.articles:
            # every article of the story is under the limits by construction: a refusal is a defect here
            reasons = [rejected.reason for rejected in report.rejected]
            raise SystemExit(f"story article {index} ({kind}, {len(data):,} bytes) refused: {reasons}")
        kinds.setdefault(kind, {"size": size, "bytes": len(data), "chars_kept": len(report.articles[0].text)})
        articles += report.articles
    print(f"{len(articles)} articles generated, each under the limits: {kinds}", flush=True)
    analyser = StoreProcessor()
    annotated, analysis_cpu = [], 0.0
    started = time.perf_counter()
    try:
        for article in articles:
            annotated += analyser.analyse([article])
            analysis_cpu += analyser._worker.last_cpu_seconds if analyser._worker else 0.0
    finally:
        analyser.close()
    analysis = {"articles": len(annotated), "wall_seconds": round(time.perf_counter() - started, 1)}
    analysis["cpu_seconds"] = round(analysis_cpu, 1)
    print(f"analysed {analysis}", flush=True)
    sizes = sorted({max(1, args.articles // 5), args.articles // 2, args.articles} - {0})
    runs = [(count, "with the story budget") for count in sizes] + [(args.articles, "without it")]
    rows: list[dict[str, Any]] = []
    for count, budget in runs:
        # a fresh worker for each brief, its models loaded before the clock starts: no brief reuses the
        # vectors another one computed, and the peak RSS is that brief's (models included)
        briefer = StoreProcessor(_settings_for(budget))
        try:
            if briefer._worker is not None:
                briefer._worker.call(peak_rss_mb)
            members = annotated[:count]
            story = Story(id=f"hostile-{count}", article_ids=[a.article.id for a in members])
            row: dict[str, Any] = {"articles": count, "budget": budget}
            row["sentences"] = sum(len(a.sentences) for a in members)
            began = time.perf_counter()
            try:
                brief = briefer.brief(story, members)
                row["outcome"] = "briefed"
                row["brief"] = {
                    "summary": len(brief.summary),
                    "facts": sum(len(tier.facts) for tier in brief.coverage),
                    "conflicts": len(brief.conflicts),
                    "quotations": len(brief.quotations),
                    "timeline": len(brief.timeline),
                }
                row["problems"] = brief_problems(brief.model_dump(mode="json"))
            except WorkerFailed as error:
                row["outcome"] = f"failed: {error}"
            row["wall_seconds"] = round(time.perf_counter() - began, 1)
            if briefer._worker is not None:
                row["cpu_seconds"] = round(briefer._worker.last_cpu_seconds, 1)
                row["worker_peak_rss_mb"] = round(briefer._worker.call(peak_rss_mb), 1)
        finally:
            briefer.close()
        rows.append(row)
        print(f"  {row}", flush=True)
    return {"kinds": kinds, "analysis": analysis, "briefs": rows}


def _story_article(index: int, kind: str) -> tuple[bytes, int]:
    """Article ``index`` of the hostile story, of ``kind`` at the largest size up to the case's own whose
    text stays under ingest's article limit, and that size. Each paragraph gets its own words in each article:
    no two articles share a sentence (the encoder's cache would make copies free, and a story of copies is no
    test of its cost); those words lengthen the article, so the size is scaled down until it fits."""
    from newsfuse.ingest import LIMITS

    generate, size = CASES[kind]
    header = f"title: Harbour vote\noutlet: Outlet {index}\ndate: 2024-06-19\n\n"
    while True:
        paragraphs = generate(size).split("\n\n")
        body = "\n\n".join(f"In ward {index}-{number}, {text}" for number, text in enumerate(paragraphs))
        chars = len(" ".join(body.split()))  # what ingest measures against the limit
        if chars <= LIMITS.max_article_chars * 0.95:  # a margin: the limit itself is no test of the caps
            return (header + body).encode("utf-8"), size
        size = max(1, int(size * LIMITS.max_article_chars * 0.9 / chars))


def _settings_for(budget: str) -> Any:
    """The default settings, or with the story's sentence budget lifted out of reach."""
    from newsfuse.model import FusionSettings, Settings

    if budget == "without it":
        return Settings(fusion=FusionSettings(max_sentences_per_story=10**9))
    return Settings()


# ---------------------------------------------------------------- bombs against a live server under load


def bombs(args: argparse.Namespace) -> dict[str, Any]:
    """Each case of issue 16 posted to a real ``newsfuse serve`` while benchmarks/load.py's clients run: does
    the server stay up, how long do the other clients' reads take meanwhile, and how does each bomb end."""
    from fuzz_paths import bombs_under_load

    chosen = [
        (name, generate(size).encode("utf-8"))
        for name, (generate, size) in CASES.items()
        if not args.only or name in args.only
    ]
    result = bombs_under_load(chosen, args.clients, args.posters, args.seconds, args.post_interval)
    print(
        f"GETs {result['gets']}, p50 {result['get_p50_seconds']} s, p99 {result['get_p99_seconds']} s, "
        f"client errors {result['client_errors']}, server alive: {result['server_alive_at_end']}, "
        f"bombs done after {result['bombs_finished_after_seconds']} s of {args.seconds:g} s of load; "
        f"ends {result['bomb_ends']}; SIGTERM to exit {result['stop'].get('sigterm_to_exit_seconds')} s, "
        f"{result['stop'].get('processes_left_after_exit')} processes left"
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
    run.add_argument("--batch", type=int, default=25, help="files per command-line run")
    run.add_argument("--no-cli", action="store_true", help="skip the command-line pass")
    run.add_argument("--no-api", action="store_true", help="skip the live-server pass")
    bomb = modes.add_parser("bombs", help="each freeze input posted to a live server under benchmarks/load.py")
    bomb.add_argument("--clients", type=int, default=10, help="load.py clients")
    bomb.add_argument("--posters", type=int, default=2, help="of which POST articles")
    bomb.add_argument("--seconds", type=float, default=300.0, help="how long load.py's clients run")
    bomb.add_argument("--post-interval", type=float, default=5.0, help="mean pause between a poster's posts")
    bomb.add_argument("--only", nargs="*", help="case names (default: all)")
    hostile_story = modes.add_parser("story", help="one story of many hostile articles: its brief's cost")
    hostile_story.add_argument("--articles", type=int, default=50)
    child = modes.add_parser("_child")
    child.add_argument("case")
    child.add_argument("size", type=int)
    args = parser.parse_args()
    if args.mode == "_child":
        _child(args.case, args.size)
        return
    result = {"freezes": freezes, "fuzz": fuzz, "bombs": bombs, "story": story}[args.mode](args)
    stored: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    stored[args.mode] = result
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
