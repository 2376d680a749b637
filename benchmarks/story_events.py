"""Event identity: stories that tell look-alike events apart, and keep one event's coverage across days.

    .venv/bin/python benchmarks/story_events.py            # ECB+, fusion-dev, AllSides, DUC, seed pair, ablations
    .venv/bin/python benchmarks/story_events.py --quick    # no ablation table, no cross-validation
    .venv/bin/python benchmarks/story_events.py --scale    # also the assignment cost at 1k / 10k / 100k articles
    .venv/bin/python benchmarks/story_events.py --store    # also: the store's ingest path gives the same stories

Sets, each scored by story B-cubed F1 against its gold events:
- ECB+ topics 1-35 (each topic pairs two look-alike events: two earthquakes, two rehab entries of one actress);
  the articles carry no date metadata, so they are scored undated (as ingested: ingest reads 92 of the 772
  publication dates from a header line of the text, "First Published: June 13, 2013"), with those dates removed
  too, and with one common date for all (a one-day stream),
  next to a TF-IDF + agglomerative baseline tuned on the same data. Also counted: the topics whose two events
  share a story.
- fusion-dev's all.jsonl (8 events, 38 articles, coverage spanning up to three days): each event should be
  one story, so that its brief fuses all of its reports.
- AllSides (stories, with dates and with dates hidden), DUC 2004 (threads), the seed pair: what must hold.

Writes benchmarks/results/story_events.json. Lead embeddings are cached outside the repository (see
``stories._vectors``), keyed by the encoder model's checksum and the leads. Annotations are cached under
benchmarks/results/cache/, keyed by the articles and the ingest/analyse code (``--stale-cache`` reuses annotations
of an older ingest/analyse code, for iterating on the stories stage only; a full run should not use it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsfuse.analyse import analyse, resolve_times
from newsfuse.evaluate import annotation_version
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article, Settings
from newsfuse.store import QueueSettings, Store, enqueue, process_queue
from newsfuse.stories import StoryIndex, StoryParams
from newsfuse.story_window import WindowedStoryIndex
from stories import (
    _allsides_articles,
    _baseline,
    _duc_articles,
    _newsfuse,
    _scale,
    _scores,
    _seed_pair,
    _vectors,
    bcubed,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
CORPORA = SHARED / "corpora"
RESULTS = REPO / "benchmarks" / "results"
CACHE = RESULTS / "cache"
# The common date of the single-date runs: any day works, the point is that every article has the same one.
ONE_DAY = date(2024, 6, 19)
SIZES = [1_000, 10_000, 100_000]

Set = tuple[list[AnnotatedArticle], list[str], NDArray[np.float32]]


# ---------------------------------------------------------------- data


def _ecbplus_articles() -> tuple[list[Article], list[str]]:
    """ECB+ topics as plain text files, undated; gold = the file's event (``<topic>ecb`` / ``<topic>ecbplus``)."""
    folder = CORPORA / "ecbplus"
    labels = dict(
        line.split("\t", 1) for line in (folder / "labels.tsv").read_text(encoding="utf-8").splitlines() if line.strip()
    )
    report = ingest_paths(sorted(folder / "docs" / name for name in labels))
    articles: list[Article] = []
    gold: list[str] = []
    for article in report.articles:
        articles.append(article)
        gold.append(labels[Path(article.source or "").name].strip())
    return articles, gold


def _fusion_dev_articles() -> tuple[list[Article], list[str]]:
    """fusion-dev's all.jsonl as newsfuse reads it; gold = the article's event (through manifest.json)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        subprocess.run(
            [sys.executable, str(SHARED / "eval" / "build_fusion_dev.py"), str(out)], check=True, capture_output=True
        )
        keys = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["lines"]["all.jsonl"]
        report = ingest_paths([out / "all.jsonl"])
    gold = [keys[int((a.source or "").rsplit(":", 1)[1]) - 1].rsplit(":", 1)[0] for a in report.articles]
    return report.articles, gold


def _annotated(name: str, articles: list[Article], stale: bool) -> list[AnnotatedArticle]:
    """Annotations cached by the articles' ids and the ingest and analyse code. ``stale``: else the newest cache of
    the set, whatever code wrote it (the caller re-derives the gold from the articles' sources)."""
    ids = hashlib.sha256(",".join(a.id for a in articles).encode()).hexdigest()[:12]
    path = CACHE / f"events-{name}-{ids}-{annotation_version()}.jsonl"
    older = sorted(CACHE.glob(f"events-{name}-*.jsonl"), key=lambda p: -p.stat().st_mtime) if stale else []
    for candidate in [path, *older]:
        if candidate.exists():
            lines = candidate.read_text(encoding="utf-8").splitlines()
            return [AnnotatedArticle.model_validate_json(line) for line in lines]
    annotated = analyse(articles, Settings(batch_size=64))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(a.model_dump_json() + "\n" for a in annotated), encoding="utf-8")
    return annotated


def _source_key(article: Article) -> str:
    """An article's source without its folder (a file name, an AllSides id and side, a JSONL line)."""
    return Path(article.source or "").name


def _dated(annotated: list[AnnotatedArticle], day: date | None) -> list[AnnotatedArticle]:
    """The same articles with one publication date for all (``None``: dates hidden), times re-resolved."""
    result = []
    for a in annotated:
        moved = a.model_copy(update={"article": a.article.model_copy(update={"published": day})})
        result.append(resolve_times(moved, day) if day is not None else moved)
    return result


# ---------------------------------------------------------------- scoring


def _shared_topics(predicted: Sequence[str], gold: Sequence[str]) -> tuple[int, int]:
    """ECB+ topics whose two events have articles in one predicted story, and the number of topics."""
    events_of_story: dict[str, set[str]] = {}
    for story, event in zip(predicted, gold, strict=True):
        events_of_story.setdefault(story, set()).add(event)
    topic = {event: event.split("ecb")[0] for event in gold}
    shared = {
        topic[event]
        for events in events_of_story.values()
        for event in events
        if len({other for other in events if topic[other] == topic[event]}) > 1
    }
    topics = set(topic.values())
    return len(shared), len(topics)


def _row(name: str, variant: str, labels: Sequence[str], gold: Sequence[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"set": name, "variant": variant, **_scores(labels, gold)}
    if name == "ecbplus":
        row["topics_sharing_a_story"], row["topics"] = _shared_topics(labels, gold)
    return row


def _variants(name: str, annotated: list[AnnotatedArticle]) -> dict[str, list[AnnotatedArticle]]:
    """The ways each set is scored: ECB+ undated and on one common day; AllSides as dated and dates hidden."""
    if name == "ecbplus":
        return {
            "undated": annotated,
            "single date": _dated(annotated, ONE_DAY),
            "dates removed": _dated(annotated, None),
        }
    if name == "allsides":
        return {"dated": annotated, "dates hidden": _dated(annotated, None)}
    return {"dated": annotated}


LEVEL = {"ecbplus": "stories", "fusion": "stories", "allsides": "stories", "duc2004": "threads"}

# Each signal of the story score, and the setting that turns it off (the ablation table).
SIGNALS: dict[str, dict[str, Any]] = {
    "names per member (who, where)": {"member_name_weight": 0.0},
    "entity bonus (story's names)": {"entity_weight": 0.0},
    "event days agree": {"date_agreement_bonus": 0.0},
    "an agreeing day counts by its rarity among the days around it": {"agreement_rarity": False},
    "event days far apart": {"date_mismatch_penalty": 0.0},
    "event days far apart only when both leads give days (not the publication day)": {"date_mismatch_text_only": False},
    "large stories match more members": {"link_share": 0.0},
    "day penalty": {"day_penalty": 0.0},
    "day penalty from the full date the lead states (a report days later of that day's event)": {"text_day_gap": False},
    "settling (a story whose members fall apart is split)": {"settle_threshold": None},
    "settling with the nearest stories (a story split early joins its own)": {"settle_neighbours": 0},
    "settling: no day cost between one story's members": {"settle_member_day_penalty": True},
    "settling: members move to the story assignment would give them now (before: off)": {"settle_reassign": False},
}
# The settling of session 6, for a before/after in one run: a story alone, its members charged for their days.
PREVIOUS: dict[str, Any] = {"settle_neighbours": 0, "settle_member_day_penalty": True}


def _ablation(sets: dict[str, Set], params: StoryParams) -> list[dict[str, Any]]:
    """Story F1 on ECB+, AllSides and fusion-dev with each signal turned off in turn (a signal already off is listed
    as such), and with the settling of session 6."""
    rows: list[dict[str, Any]] = []
    for signal, off in [("all signals", {}), *SIGNALS.items(), ("session 6 settling (before)", PREVIOUS)]:
        unchanged = off and all(getattr(params, key) == value for key, value in off.items())
        row: dict[str, Any] = {"without": signal, "in use": not unchanged}
        if not unchanged:
            for name in ("ecbplus", "allsides", "fusion"):
                if name not in sets:
                    continue
                annotated, gold, vectors = sets[name]
                for variant, articles in _variants(name, annotated).items():
                    labels = _newsfuse(articles, vectors, params.model_copy(update=off))["stories"]
                    row[f"{name} {variant}"] = round(bcubed(labels, gold)[2], 4)
        rows.append(row)
        print(f"  {row}", flush=True)
    return rows


def _topic_halves(sets: dict[str, Set], params: StoryParams) -> dict[str, Any]:
    """ECB+ by topic halves (odd and even topic numbers): the threshold and the weight of the names per member
    (who, where: the event-specific signal weighed against the topic's similarity) are chosen on the articles of one
    half and scored on the other's (their stories still hold every article, so cross-topic confusions count). Both
    halves are reported, with the setting in use scored on each."""
    annotated, gold, vectors = sets["ecbplus"]
    topic = [int(event.split("ecb")[0]) for event in gold]
    halves = {"odd": [i for i, t in enumerate(topic) if t % 2], "even": [i for i, t in enumerate(topic) if not t % 2]}
    grid = [
        {"threshold": round(params.threshold + step, 3), "member_name_weight": weight}
        for step in (-0.05, 0.0, 0.05)
        for weight in sorted({0.25, params.member_name_weight, 0.75})
    ]
    report: dict[str, Any] = {}
    for variant, articles in _variants("ecbplus", annotated).items():
        if variant == "dates removed":
            continue
        labels = [_newsfuse(articles, vectors, params.model_copy(update=setting))["stories"] for setting in grid]
        in_use = _newsfuse(articles, vectors, params)["stories"]
        folds = []
        for fitted, held in (("odd", "even"), ("even", "odd")):
            best = max(range(len(grid)), key=lambda k: bcubed(labels[k], gold, halves[fitted])[2])
            folds.append(
                {
                    "fitted_on": f"{fitted} topics",
                    "chosen": grid[best],
                    "fitted_f1": round(bcubed(labels[best], gold, halves[fitted])[2], 4),
                    "held_out": f"{held} topics",
                    "held_out_f1": round(bcubed(labels[best], gold, halves[held])[2], 4),
                    "setting_in_use_f1": round(bcubed(in_use, gold, halves[held])[2], 4),
                }
            )
        report[variant] = {
            "folds": folds,
            "held_out_f1_mean": round(float(np.mean([f["held_out_f1"] for f in folds])), 4),
        }
    return report


class _CachedProcessor:
    """The store's processor with the benchmark's annotations and lead vectors (what the command line's ingest and the
    server's queue worker compute for these articles) and the story index the pipeline gives the store."""

    def __init__(self, annotated: list[AnnotatedArticle], vectors: NDArray[np.float32], params: StoryParams) -> None:
        self._annotated = {a.article.id: a for a in annotated}
        self._vectors = {a.article.id: vector for a, vector in zip(annotated, vectors, strict=True)}
        self._params = params

    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        return [self._annotated[article.id] for article in articles]

    def embed(self, articles: Sequence[AnnotatedArticle]) -> NDArray[np.float32]:
        return np.stack([self._vectors[a.article.id] for a in articles])

    def new_assigner(self) -> WindowedStoryIndex:
        return WindowedStoryIndex(StoryIndex(params=self._params))

    def __getattr__(self, name: str) -> Any:  # read, brief, render: the check never calls them
        raise AttributeError(name)


def _store_check(sets: dict[str, Set], params: StoryParams) -> list[dict[str, Any]]:
    """Each set through the store's incremental path (queued, then ``process_queue``: what ``newsfuse ingest`` and
    the server's queue worker run, settling included) against ``group_stories`` on the same articles: in the batch's
    order (publication date, undated last) settled once all are in, where the stories must be the same; settled every
    ``QueueSettings.settle_every`` articles as a busy queue does; and in the order of the files (the command line's,
    when a folder is ingested)."""
    rows: list[dict[str, Any]] = []
    for name, (annotated, gold, vectors) in sets.items():
        for variant, articles in _variants(name, annotated).items():
            if variant == "dates removed":
                continue
            batch = _newsfuse(articles, vectors, params)["stories"]
            by_date = sorted(
                range(len(articles)),
                key=lambda i: (articles[i].article.published is None, articles[i].article.published or date.min, i),
            )
            runs = (
                ("batch order, settled once in", by_date, 10**9),
                ("batch order, settled as it goes", by_date, QueueSettings().settle_every),
                ("file order, settled as it goes", list(range(len(articles))), QueueSettings().settle_every),
            )
            for order_name, order, settle_every in runs:
                started = time.process_time()
                with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "check.db")) as store:
                    enqueue(store, [articles[i].article for i in order])
                    processor = _CachedProcessor(articles, vectors, params)
                    process_queue(store, processor, QueueSettings(settle_every=settle_every))  # type: ignore[arg-type]
                    labels = [store.story_of(a.article.id) or "" for a in articles]
                    problems = store.check_consistency()
                row = {
                    "set": name,
                    "variant": variant,
                    "order": order_name,
                    "same_stories_as_batch": bcubed(labels, batch)[2] == 1.0,
                    "f1_against_batch": round(bcubed(labels, batch)[2], 4),
                    "store_f1": round(bcubed(labels, gold)[2], 4),
                    "batch_f1": round(bcubed(batch, gold)[2], 4),
                    "consistency_problems": len(problems),
                    "cpu_seconds": round(time.process_time() - started, 1),
                }
                rows.append(row)
                print(f"  {row}", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="no ablations, no cross-validation")
    parser.add_argument("--stale-cache", action="store_true", help="reuse annotations of older ingest/analyse code")
    parser.add_argument("--scale", action="store_true", help="also time assignment at 1k/10k/100k articles")
    parser.add_argument("--out", default="story_events.json", help="results file name under benchmarks/results/")
    parser.add_argument("--store", action="store_true", help="also check the store's ingest path gives these stories")
    parser.add_argument("--only", default="", help="comma-separated sets to run (ecbplus,fusion,allsides,duc2004)")
    args = parser.parse_args()
    clock = time.perf_counter()
    loaders: dict[str, Callable[[], tuple[list[Article], list[str]]]] = {
        "ecbplus": _ecbplus_articles,
        "fusion": _fusion_dev_articles,
        "allsides": _allsides_articles,
        "duc2004": _duc_articles,
    }
    wanted = set(args.only.split(",")) if args.only else set(loaders)
    sets: dict[str, Set] = {}
    for name, loader in loaders.items():
        if name not in wanted:
            continue
        articles, gold = loader()
        annotated = _annotated(name, articles, args.stale_cache)
        gold_of = {_source_key(article): label for article, label in zip(articles, gold, strict=True)}
        gold = [gold_of[_source_key(a.article)] for a in annotated]
        sets[name] = (annotated, gold, _vectors(f"events-{name}", annotated))
        print(
            f"{name}: {len(annotated)} articles, {len(set(gold))} events ({time.perf_counter() - clock:.0f} s)",
            flush=True,
        )
    params = StoryParams()
    rows: list[dict[str, Any]] = []
    for name, (annotated, gold, vectors) in sets.items():
        for variant, shown in _variants(name, annotated).items():
            labels = _newsfuse(shown, vectors, params)[LEVEL[name]]
            rows.append(_row(name, f"newsfuse {LEVEL[name]}, {variant}", labels, gold))
        if name != "fusion":
            baseline = _baseline(annotated, gold)
            rows.append({"set": name, "variant": f"tfidf+agglo t={baseline['distance_threshold']}", **baseline})
    print("\nStory grouping (B-cubed; the baseline's threshold tuned on the very data it is scored on)")
    for row in rows:
        shared = f"  topics sharing a story {row['topics_sharing_a_story']}/{row['topics']}" if "topics" in row else ""
        print(
            f"{row['set']:<9} {row['variant']:<34} P {row['bcubed_precision']:.3f} R {row['bcubed_recall']:.3f} "
            f"F1 {row['bcubed_f1']:.3f}  {row['clusters']}/{row['gold_clusters']}{shared}"
        )
    results: dict[str, Any] = {"params": params.model_dump(), "rows": rows}
    if not args.only:
        results["seed_pair"] = _seed_pair(params)
        print(f"\nseed pair: {results['seed_pair']}")
    if not args.quick and {"ecbplus", "allsides"} <= sets.keys():
        print("\nablation (story F1 with one signal off):")
        results["ablation"] = _ablation(sets, params)
        results["ecbplus_topic_halves"] = _topic_halves(sets, params)
        print(f"\nECB+ by topic halves: {results['ecbplus_topic_halves']}")
    if args.store:
        print("\nstore (queued, then process_queue, settling included) against group_stories:")
        results["store_check"] = _store_check(sets, params)
    if args.scale and {"allsides", "duc2004"} <= sets.keys():
        print("\nscale (assignment only, embeddings reused; AllSides and DUC replayed, copies 400 days apart):")
        pool = [*sets["allsides"][0], *sets["duc2004"][0]]
        results["scale"] = _scale(pool, np.concatenate([sets["allsides"][2], sets["duc2004"][2]]), params, SIZES)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / args.out).write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / args.out} ({time.perf_counter() - clock:.0f} s)")


if __name__ == "__main__":
    main()
