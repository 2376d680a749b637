"""How much of fusion's sentence encoding cheap lexical blocking would save, and what it would lose.

    nice -n 10 .venv/bin/python benchmarks/encode_blocking.py [--clusters 10]

Fact grouping (``fuse.facts.support_map``) encodes every unit (sentence, and the clauses of long ones) of a
story with two or more independent sources, then searches candidates by IDF-weighted word overlap plus
centred encoder cosine. If only the units with a lexical candidate in another source (overlap at or above
``candidate_floor``, computed without any vector) were encoded, the encoder would run on fewer texts; the
pairs lost are those the search found by meaning alone. On the first ``--clusters`` DUC 2004 clusters (each
grouped and briefed as the pipeline does, from the annotations benchmarks/stories.py cached), this counts:
units, units with a lexical candidate, and the accepted support pairs (probability at or above
``support_threshold``, no clash) with and without a unit lacking one. It changes nothing: a measurement for
the proposal in the issue 14 notes (fusion is not this benchmark's to change).
Writes benchmarks/results/encode_blocking.json.
Source: DUC 2004 Task 2 documents (NIST), read from ../shared/corpora, never copied.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.embed import get_encoder
from newsfuse.entities import link_entities
from newsfuse.fuse.facts import units_of
from newsfuse.fuse.sources import independent_sources
from newsfuse.fuse.support import StoryVectors, judge_pairs, search
from newsfuse.model import AnnotatedArticle, FusionSettings
from newsfuse.pipeline import event_coverage, group

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / "results" / "cache"
RESULTS = ROOT / "benchmarks" / "results" / "encode_blocking.json"


def _cached_duc() -> list[AnnotatedArticle]:
    """The largest cached DUC annotation (a run still writing its cache is not read): stories.py caches one
    article per line (its first 50 articles), summaries.py one cluster per line ({"key": ..., "articles": [...]})."""
    for path in sorted(CACHE.glob("duc2004-????????????.jsonl"), key=lambda p: -p.stat().st_size):
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines:
            continue
        if '"articles"' in lines[0][:200] or lines[0].startswith('{"key"'):
            return [
                AnnotatedArticle.model_validate(article)
                for line in lines
                for article in json.loads(line)["articles"]
            ]
        if len(lines) >= 50:
            return [AnnotatedArticle.model_validate_json(line) for line in lines]
    raise SystemExit("no cached DUC annotation: run benchmarks/stories.py first")


def _cluster(article: AnnotatedArticle) -> str:
    return Path(article.article.source or "").parent.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=10)
    parser.add_argument(
        "--floors", default="0.12,0.09,0.06,0.03", help="word-overlap floors of the blocking, comma-separated"
    )
    args = parser.parse_args()
    settings = FusionSettings()
    by_cluster: dict[str, list[AnnotatedArticle]] = defaultdict(list)
    for article in _cached_duc():
        by_cluster[_cluster(article)].append(article)
    totals: dict[str, int] = defaultdict(int)
    floors = [float(floor) for floor in args.floors.split(",")]
    by_floor: dict[float, dict[str, int]] = {floor: defaultdict(int) for floor in floors}
    encoder = get_encoder()
    for name in sorted(by_cluster)[: args.clusters]:
        stories, memberships = group(by_cluster[name])
        for story, members in event_coverage(stories, memberships):
            entities, linked = link_entities(members)
            source_of = independent_sources(story, linked, settings)
            units = units_of(linked, source_of, story.first_published, settings, entities)
            by_source: dict[str, list[int]] = defaultdict(list)
            for index, unit in enumerate(units):
                by_source[unit.source].append(index)
            totals["stories"] += 1
            totals["units_all_stories"] += len(units)
            if len(by_source) < 2:
                continue
            totals["multi_source_stories"] += 1
            totals["units"] += len(units)
            vectors = np.asarray(encoder.encode([u.text for u in units]), dtype=np.float32)
            story_vectors = StoryVectors(units, vectors)
            lexical = (story_vectors.lexical @ story_vectors.lexical.T).toarray()
            source_index = {source: i for i, source in enumerate(by_source)}
            sources = np.asarray([source_index[u.source] for u in units])
            other_source = sources[:, None] != sources[None, :]
            blocked = {floor: ((lexical >= floor) & other_source).any(axis=1) for floor in floors}
            for floor, has_lexical in blocked.items():
                by_floor[floor]["units_encoded"] += int(has_lexical.sum())
            pairs = search(story_vectors, units, settings)
            totals["candidate_pairs"] += len(pairs)
            for judged in judge_pairs(story_vectors, units, pairs, settings):
                if judged.conflicting or judged.probability < settings.support_threshold:
                    continue
                totals["accepted_pairs"] += 1
                for floor, has_lexical in blocked.items():
                    kept = bool(has_lexical[judged.first] and has_lexical[judged.second])
                    by_floor[floor]["accepted_pairs_kept" if kept else "accepted_pairs_lost"] += 1
    report: dict[str, Any] = {
        "benchmark": "encode_blocking",
        "clusters": args.clusters,
        "candidate_floor": settings.candidate_floor,
        "support_threshold": settings.support_threshold,
        **totals,
        "blocking": [
            {
                "floor": floor,
                **counts,
                "share_of_units_encoded": round(counts["units_encoded"] / max(1, totals["units"]), 3),
                "share_of_accepted_pairs_kept": round(
                    counts["accepted_pairs_kept"] / max(1, totals["accepted_pairs"]), 3
                ),
            }
            for floor, counts in by_floor.items()
        ],
    }
    print(json.dumps(report, indent=1))
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
