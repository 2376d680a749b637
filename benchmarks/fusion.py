"""Cross-source fusion quality on fusion-dev: multi-source fact recall, single-source precision and recall,
conflicts (recall, precision, update vs disagreement), conflicts joined, internal contradictions.

    .venv/bin/python benchmarks/fusion.py                 # one newsfuse run per event (the scorer's default)
    .venv/bin/python benchmarks/fusion.py --all           # also one run over all events at once
    .venv/bin/python benchmarks/fusion.py --details       # the scorer's per-fact lists

The inputs are written by ``../shared/eval/build_fusion_dev.py`` from the shared corpora (no text is kept
here); newsfuse runs in this process (ingest → analyse → stories → fuse → brief, the library's
``brief_files``), writes the same JSON as ``newsfuse brief --format json`` and ``newsfuse stories --json``, and
``../shared/eval/fusion_score.py`` (the hand-labelled gold's own scorer) scores it. Writes
``benchmarks/results/fusion.json`` with the figures and the time per article.

Beside the scorer's figures, the precision of the shared items (``shared_precision``): a multi-source item is
right when two of the families it cites give evidence of one gold multi-source fact, wrong when two or more of
its families give gold evidence and no fact is common to two of them (a topic match: "the Cabinet would ratify"
beside "the Cabinet suspended its ratification meeting"), and unlabelled otherwise. The gold is not exhaustive,
so unlabelled items are left out of the ratio and counted apart.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsfuse.ingest import ingest_paths
from newsfuse.model import BriefCollection, IngestReport, Settings, Story
from newsfuse.pipeline import BriefRun, annotate, brief_report, brief_story, group

BENCHMARKS = Path(__file__).resolve().parent
SHARED = BENCHMARKS.parent / ".." / "shared"
GOLD = SHARED / "corpora" / "fusion-dev"
BUILDER = SHARED / "eval" / "build_fusion_dev.py"
SCORER = SHARED / "eval" / "fusion_score.py"
RESULTS = BENCHMARKS / "results" / "fusion.json"


def stories_json(run: BriefRun, source_of: dict[str, str | None]) -> list[dict[str, Any]]:
    """What ``newsfuse stories --json`` prints: each story with where each article was read from."""
    return [
        {**story.model_dump(mode="json"), "sources": {a: source_of.get(a) for a in story.article_ids}}
        for story in run.stories
    ]


def one_story_run(report: IngestReport, settings: Settings) -> BriefRun:
    """Diagnostic: every article of the input in one story (its families as grouping found them), so that
    fusion is measured apart from story grouping."""
    annotated = annotate(report.articles, settings)
    stories, memberships = group(annotated)
    members = [a for story_members in memberships for a in story_members]
    story = Story(
        id=stories[0].id,
        article_ids=[a.article.id for a in members],
        families=[family for s in stories for family in s.families],
        first_published=min((s.first_published for s in stories if s.first_published), default=None),
        last_published=max((s.last_published for s in stories if s.last_published), default=None),
    )
    return BriefRun(briefs=[brief_story(story, members, settings)], stories=[story])


def run_newsfuse(inputs: list[Path], out: Path, one_story: bool = False) -> tuple[float, int]:
    """Brief each input file; write briefs/ and stories/ JSON under ``out``; return (seconds, articles)."""
    (out / "briefs").mkdir(parents=True, exist_ok=True)
    (out / "stories").mkdir(parents=True, exist_ok=True)
    seconds = 0.0
    articles = 0
    for path in inputs:
        started = time.perf_counter()
        report = ingest_paths([path])
        run = one_story_run(report, Settings()) if one_story else brief_report(report, Settings())
        seconds += time.perf_counter() - started
        articles += sum(len(story.article_ids) for story in run.stories)
        collection = BriefCollection(briefs=run.briefs)
        (out / "briefs" / f"{path.stem}.json").write_text(collection.model_dump_json(indent=1))
        source_of = {a.id: a.source for a in report.articles}
        (out / "stories" / f"{path.stem}.json").write_text(json.dumps(stories_json(run, source_of), indent=1))
    return seconds, articles


def score(inputs_dir: Path, out: Path, details: bool) -> dict[str, Any]:
    figures = out / "score.json"
    command = [sys.executable, str(SCORER), str(GOLD), str(inputs_dir), str(out / "briefs"), str(out / "stories"),
               "--json", str(figures)]
    if details:
        command.append("--details")
    printed = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    print(printed)
    result: dict[str, Any] = json.loads(figures.read_text())
    return result


def shared_precision(inputs_dir: Path, out: Path) -> dict[str, Any]:
    """Right and wrong shared items by the gold's evidence (see the module's doc), with the scorer's own
    evidence matching (its ``Gold`` and ``Run``), per event and overall."""
    spec = importlib.util.spec_from_file_location("fusion_score", SCORER)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = scorer.Gold(GOLD, inputs_dir)
    run = scorer.Run(gold, out / "briefs", out / "stories")
    figures: dict[str, Any] = {}
    for event, labels in gold.events.items():
        facts = [(f["id"], f["evidence"], True) for f in labels["multi_source_facts"]]
        facts += [(f["id"], f["evidence"], False) for f in labels["single_source_facts"]]
        articles = set(labels["articles"])
        right = wrong = unlabelled = 0
        for brief, items in enumerate(run.items):
            for item in items:
                if item["cat"] != "multi" or not any(run.files_of(c) & articles for c in item["cits"]):
                    continue
                told: dict[str, set[tuple[str, bool]]] = {}  # family -> gold facts its citations give evidence of
                for citation in item["cits"]:
                    for fact_id, evidence, multi in facts:
                        if any(run.cites(brief, citation, e["article"], e["text"]) for e in evidence):
                            told.setdefault(run.fam_of_cit(citation), set()).add((fact_id, multi))
                common = [f for f in set().union(*told.values()) if sum(f in each for each in told.values()) >= 2]
                if any(multi for _, multi in common):
                    right += 1
                elif len(told) >= 2:
                    wrong += 1
                else:
                    unlabelled += 1
        figures[event] = {"right": right, "wrong": wrong, "unlabelled": unlabelled,
                          "precision": round(right / (right + wrong), 3) if right + wrong else None}
    right, wrong = (sum(f[key] for f in figures.values()) for key in ("right", "wrong"))
    unlabelled = sum(f["unlabelled"] for f in figures.values())
    figures["overall"] = {"right": right, "wrong": wrong, "unlabelled": unlabelled,
                          "precision": round(right / (right + wrong), 3) if right + wrong else None}
    print(f"shared items by the gold's evidence: {right} right, {wrong} wrong (precision "
          f"{figures['overall']['precision']}), {unlabelled} unlabelled")
    return figures


def headline_figures(result: dict[str, Any]) -> dict[str, Any]:
    """The issue's figures from the scorer's overall block."""
    overall = result.get("overall", result)
    return {key: overall.get(key) for key in overall if not isinstance(overall.get(key), list)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all", action="store_true", help="also score one run over all.jsonl")
    parser.add_argument("--details", action="store_true", help="print the scorer's per-fact lists")
    parser.add_argument("--one-story", action="store_true",
                        help="diagnostic: each event's articles as one story (fusion apart from grouping)")
    parser.add_argument("--keep", type=Path, help="keep the inputs and outputs in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        inputs_dir = work / "in"
        inputs_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(BUILDER), str(inputs_dir)], check=True, capture_output=True)
        events = sorted(p for p in inputs_dir.glob("*.jsonl") if p.stem != "all")
        report: dict[str, Any] = {}
        seconds, articles = run_newsfuse(events, work / "per-event", args.one_story)
        print(f"per event: {articles} articles in {seconds:.1f} s ({articles / seconds:.2f} articles/s)")
        report["one_story"] = args.one_story
        report["per_event"] = {"score": score(inputs_dir, work / "per-event", args.details),
                               "shared_precision": shared_precision(inputs_dir, work / "per-event"),
                               "seconds": round(seconds, 1), "articles": articles}
        if args.all:
            seconds, articles = run_newsfuse([inputs_dir / "all.jsonl"], work / "all")
            print(f"all at once: {articles} articles in {seconds:.1f} s")
            report["all"] = {"score": score(inputs_dir, work / "all", args.details),
                             "seconds": round(seconds, 1), "articles": articles}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
