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
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
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
                "article_chars": [len(a.text) for a in report.articles],
                "title_chars": [len(a.title or "") for a in report.articles],
                "sentences": [len(a.sentences) for a in annotated],
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
    rows: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="newsfuse-baseline-") as folder:
        trees = {"before": _extract(args.baseline, Path(folder)), "after": Path(args.after_tree)}
        if args.after_only:
            trees.pop("before")
        if args.before_only:
            trees.pop("after")
        print(f"{'input':<24}{'size':>10}  {'tree':<7}{'ingest s':>10}{'analyse s':>11}{'RSS MB':>9}  outcome")
        for name in names:
            size = args.size or FREEZES[name][1]
            rows[name] = {"size": size}
            for label, tree in trees.items():
                result = _run_child(tree, name, size, args.timeout)
                rows[name][label] = result
                print(
                    f"{name:<24}{size:>10}  {label:<7}{result.get('ingest_seconds', '-')!s:>10}"
                    f"{result.get('analyse_seconds', '-')!s:>11}{result.get('peak_rss_mb', '-')!s:>9}  "
                    f"{_describe(result)}",
                    flush=True,
                )
    return {"baseline": args.baseline, "timeout_seconds": args.timeout, "cases": rows}


def _describe(result: dict[str, Any]) -> str:
    if result["outcome"] != "ok":
        return str(result["outcome"])
    parts = [f"{result['articles']} article(s) {result['article_chars']} chars"]
    if result["rejected"]:
        parts.append(f"rejected: {result['rejected'][0][:70]}")
    if result["trimmed"]:
        parts.append(f"trimmed: {result['trimmed'][0][:70]}")
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    freeze = modes.add_parser("freezes", help="each freeze of issue 16, before and after")
    freeze.add_argument("--baseline", default="7c086af", help="git revision measured as 'before'")
    freeze.add_argument("--timeout", type=float, default=60.0, help="seconds before a child is killed")
    freeze.add_argument("--only", nargs="*", help="case names (default: all)")
    freeze.add_argument("--size", type=int, default=0, help="override every case's size")
    freeze.add_argument("--after-only", action="store_true", help="measure the working tree only")
    freeze.add_argument("--after-tree", default=str(ROOT), help="source tree measured as 'after' (has src/)")
    freeze.add_argument("--before-only", action="store_true", help="measure the baseline only")
    child = modes.add_parser("_child")
    child.add_argument("case")
    child.add_argument("size", type=int)
    args = parser.parse_args()
    if args.mode == "_child":
        _child(args.case, args.size)
        return
    result = freezes(args)
    stored: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    stored[args.mode] = result
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
