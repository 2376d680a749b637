"""The whole path on DUC 2004 documents for one source tree, wall and CPU seconds per stage: run it once per
tree (PYTHONPATH=TREE/src), alternating, to compare a git revision with the working tree in one session.

    git archive REV src | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base/src nice -n 10 .venv/bin/python benchmarks/whole_path_trees.py --limit=8
    nice -n 10 .venv/bin/python benchmarks/whole_path_trees.py --limit=8 [--isolated]
    nice -n 10 .venv/bin/python benchmarks/whole_path_trees.py --compare=/tmp/base [--repeat=N] [--limit=N]

``--compare=TREE`` does both in one run: this script in a child process per tree (TREE/src, then this
checkout's src; ``--repeat`` alternates them N times and keeps each tree's fastest run by CPU), then the
two side by side (CPU and wall seconds, articles per second of wall and of CPU, briefs written), saved to
benchmarks/results/whole_path_trees.json.

The stages are those of benchmarks/speed.py (ingest, analyse, stories + fuse + brief, render Markdown), with
the models loaded first; ``--isolated`` runs the command line's batch instead (``newsfuse.batch``: each
article's analysis and each story's brief in an isolated worker), whose CPU is the worker's plus this
process's. ``--limit=N`` reads the first N cluster folders (0: all 50). Prints one JSON line.
Source: DUC 2004 Task 2 documents (NIST), read from ../shared/corpora, never copied.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import newsfuse
from newsfuse import pipeline
from newsfuse.analyse import load_nlp
from newsfuse.embed import get_encoder
from newsfuse.ingest import ingest_paths
from newsfuse.model import Settings
from newsfuse.render import render

DUC_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "duc2004" / "docs"
ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "whole_path_trees.json"


def compare(old_tree: Path, passed: list[str], repeat: int) -> None:
    """This script on ``old_tree`` and on this checkout, alternated, each in a fresh process; both printed."""
    trees = {"old": old_tree.resolve() / "src", "new": ROOT / "src"}
    runs: dict[str, list[dict[str, Any]]] = {label: [] for label in trees}
    for _ in range(repeat):
        for label, source in trees.items():
            environment = {**os.environ, "PYTHONPATH": str(source)}
            done = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), *passed],
                env=environment, capture_output=True, text=True, check=False,
            )
            lines = done.stdout.strip().splitlines()
            if done.returncode != 0 or not lines:
                tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
                raise SystemExit(f"{label} tree ({source}) failed with exit {done.returncode}: {tail}")
            run: dict[str, Any] = json.loads(lines[-1])
            runs[label].append(run)
            print(f"{label}: {json.dumps(run)}", flush=True)
    summary: dict[str, Any] = {}
    for label, results in runs.items():
        best = min(results, key=lambda r: r["wall_cpu_seconds"]["total"][1])
        wall, cpu = best["wall_cpu_seconds"]["total"]
        cpu += best["wall_cpu_seconds"].get("worker_cpu", 0.0)
        summary[label] = {
            "tree": best["tree"], "articles": best["articles"], "briefs": best["briefs"], "failed": best["failed"],
            "wall_seconds": wall, "cpu_seconds": round(cpu, 2),
            "articles_per_wall_second": round(best["articles"] / wall, 3) if wall else None,
            "articles_per_cpu_second": round(best["articles"] / cpu, 3) if cpu else None,
            "stages": best["wall_cpu_seconds"], "runs": len(results),
            "cpu_seconds_each_run": [r["wall_cpu_seconds"]["total"][1] for r in results],
        }
    summary["cpu_ratio_new_to_old"] = round(summary["new"]["cpu_seconds"] / summary["old"]["cpu_seconds"], 3)
    summary["arguments"] = passed
    for label in trees:
        row = summary[label]
        print(
            f"{label:<4} {row['articles']} articles, {row['briefs']} briefs, {row['failed']} failed: "
            f"{row['cpu_seconds']} s CPU, {row['wall_seconds']} s wall, {row['articles_per_wall_second']} "
            f"articles/s wall, {row['articles_per_cpu_second']} articles/s CPU"
        )
    print(f"CPU new / old: {summary['cpu_ratio_new_to_old']}")
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    old_tree = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--compare=")), None)
    if old_tree is not None:
        repeat = next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--repeat=")), 1)
        passed = [a for a in sys.argv[1:] if not a.startswith(("--compare=", "--repeat="))]
        compare(Path(old_tree), passed, repeat)
        return
    isolated = "--isolated" in sys.argv
    limit = next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--limit=")), 0)
    folders = sorted(p for p in DUC_DOCS.iterdir() if p.is_dir())[: limit or None]
    load_nlp()
    get_encoder()
    settings = Settings()
    stages: dict[str, Any] = {}
    clock = (time.perf_counter(), time.process_time())

    def mark(name: str, since: tuple[float, float]) -> tuple[float, float]:
        now = (time.perf_counter(), time.process_time())
        stages[name] = [round(now[0] - since[0], 2), round(now[1] - since[1], 2)]
        return now

    start = clock
    report = ingest_paths(folders)
    clock = mark("ingest", clock)
    failed = 0
    if isolated:
        from newsfuse.batch import brief_report_isolated

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = brief_report_isolated(report, settings)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        briefs, failed = run.briefs, len(run.failed)
        clock = mark("analyse+stories+fuse+brief", clock)
        stages["worker_cpu"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2)
    else:
        annotated = pipeline.annotate(report.articles, settings)
        clock = mark("analyse", clock)
        _, briefs = pipeline.brief_stories(annotated, settings)
        clock = mark("stories+fuse+brief", clock)
    markdown = render(briefs, "md")
    mark("render", clock)
    mark("total", start)
    print(json.dumps({
        "tree": str(Path(newsfuse.__file__).parents[1]), "isolated": isolated, "folders": len(folders),
        "articles": len(report.articles), "briefs": len(briefs), "failed": failed, "md_chars": len(markdown),
        "wall_cpu_seconds": stages,
    }))


if __name__ == "__main__":
    main()
