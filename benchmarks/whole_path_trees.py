"""The whole path on DUC 2004 documents for one source tree, wall and CPU seconds per stage: run it once per
tree (PYTHONPATH=TREE/src), alternating, to compare a git revision with the working tree in one session.

    git archive REV src | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base/src nice -n 10 .venv/bin/python benchmarks/whole_path_trees.py --limit=8
    nice -n 10 .venv/bin/python benchmarks/whole_path_trees.py --limit=8 [--isolated]

The stages are those of benchmarks/speed.py (ingest, analyse, stories + fuse + brief, render Markdown), with
the models loaded first; ``--isolated`` runs the command line's batch instead (``newsfuse.batch``: each
article's analysis and each story's brief in an isolated worker), whose CPU is the worker's plus this
process's. ``--limit=N`` reads the first N cluster folders (0: all 50). Prints one JSON line.
Source: DUC 2004 Task 2 documents (NIST), read from ../shared/corpora, never copied.
"""

from __future__ import annotations

import json
import resource
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


def main() -> None:
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
