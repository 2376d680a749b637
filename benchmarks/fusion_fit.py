"""Fit the support judge's weights (``FusionSettings.support_weights``) on the fusion-dev gold, and say how
well they hold on events they were not fitted on.

    .venv/bin/python benchmarks/fusion_fit.py

For every event, its articles are analysed as one story with the gold's source families, and the candidate
search of ``fuse/support.py`` proposes sentence pairs across sources. A pair is positive when both
sentences hold evidence of one gold multi-source fact, negative when they hold evidence of gold facts and
none in common (one side is a single-source fact, or two different facts). A logistic regression over the
judge's features is fitted on all events (the weights to use) and, leave-one-event-out, on the others
only, to score each held-out event: pair precision and recall at the threshold, and the share of gold
positive pairs the candidate search reaches. Writes ``benchmarks/results/fusion_fit.json``.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from newsfuse.embed import get_encoder
from newsfuse.entities import link_entities
from newsfuse.fuse.facts import units_of
from newsfuse.fuse.support import FEATURES, StoryVectors, Unit, different_people, features, search
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, FusionSettings, Settings
from newsfuse.pipeline import annotate

BENCHMARKS = Path(__file__).resolve().parent
SHARED = BENCHMARKS.parent / ".." / "shared"
GOLD = SHARED / "corpora" / "fusion-dev"
BUILDER = SHARED / "eval" / "build_fusion_dev.py"
RESULTS = BENCHMARKS / "results" / "fusion_fit.json"
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def locate(text: str, evidence: str) -> int | None:
    pattern = r"\s+".join(re.escape(w) for w in evidence.translate(QUOTES).split())
    match = re.search(pattern, text.translate(QUOTES))
    return match.start() if match else None


def event_pairs(
    event: dict[str, Any], articles: list[AnnotatedArticle], keys: list[str], settings: FusionSettings
) -> tuple[list[list[float]], list[int], int]:
    """(features, labels) of the candidate pairs with a gold label, and the count of gold positive pairs."""
    family_of_key = {key: family for family, members in event["families"].items() for key in members}
    source_of = {a.article.id: family_of_key[key] for a, key in zip(articles, keys, strict=True)}
    entities, linked = link_entities(articles)
    units = units_of(linked, source_of, None, settings, entities)
    index_of_key = {key: i for i, key in enumerate(keys)}
    multi: dict[int, set[str]] = {}
    single: dict[int, set[str]] = {}
    for kind, target in (("multi_source_facts", multi), ("single_source_facts", single)):
        for fact in event[kind]:
            for evidence in fact["evidence"]:
                article = index_of_key.get(evidence["article"])
                if article is None:
                    continue
                offset = locate(articles[article].article.text, evidence["text"])
                unit = _unit_at(units, article, offset)
                if unit is not None:
                    target.setdefault(unit, set()).add(fact["id"])
    vectors = np.asarray(get_encoder().encode([u.text for u in units]), dtype=np.float32)
    story = StoryVectors(units, vectors)
    found = search(story, units, settings)
    positives = {
        (min(i, j), max(i, j))
        for i, j in itertools.combinations(sorted(multi), 2)
        if units[i].source != units[j].source and multi[i] & multi[j]
    }
    rows: list[list[float]] = []
    labels: list[int] = []
    for i, j in sorted(found):
        key = (min(i, j), max(i, j))
        label = _label(key, multi, single)
        if label is None or different_people(units[i], units[j]):
            continue  # unlabelled, or never judged (claims about different people, see judge_pairs)
        rows.append(features(story, units, i, j, found[(i, j)].rank))
        labels.append(label)
    missed = len(positives - {(min(i, j), max(i, j)) for i, j in found})
    return rows, labels, missed


def _unit_at(units: list[Unit], article: int, offset: int | None) -> int | None:
    if offset is None:
        return None
    return next((i for i, u in enumerate(units) if u.article_index == article and u.start <= offset < u.end), None)


def _label(key: tuple[int, int], multi: dict[int, set[str]], single: dict[int, set[str]]) -> int | None:
    i, j = key
    if multi.get(i, set()) & multi.get(j, set()):
        return 1
    labelled_i, labelled_j = i in multi or i in single, j in multi or j in single
    if labelled_i and labelled_j:
        return 0
    if (i in single and i not in multi) or (j in single and j not in multi):
        return 0  # a single-source fact's sentence: no other source reports it
    return None


def fit(rows: list[list[float]], labels: list[int]) -> LogisticRegression:
    model = LogisticRegression(C=1.0, class_weight=None, max_iter=1000)
    model.fit(np.asarray(rows), np.asarray(labels))
    return model


def main() -> int:
    settings = Settings().fusion
    gold = json.loads((GOLD / "gold.json").read_text())["events"]
    data: dict[str, tuple[list[list[float]], list[int], int]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([sys.executable, str(BUILDER), scratch], check=True, capture_output=True)
        manifest = json.loads((Path(scratch) / "manifest.json").read_text())
        for event_id, event in gold.items():
            path = Path(scratch) / f"{event_id}.jsonl"
            report = ingest_paths([path])
            keys_of_line = _keys(manifest, path.name)
            annotated = annotate(report.articles, Settings())
            keys = [keys_of_line[int(a.article.source.rsplit(":", 1)[1])] for a in annotated]  # type: ignore[union-attr]
            data[event_id] = event_pairs(event, annotated, keys, settings)
            rows, labels, missed = data[event_id]
            print(f"{event_id}: {len(labels)} labelled candidate pairs, {sum(labels)} positive, {missed} positives "
                  "not reached by the search", flush=True)
    report_rows: dict[str, Any] = {}
    threshold = settings.support_threshold
    for width in sorted({8, len(FEATURES)}):
        held_scores: list[float] = []
        held_truth: list[int] = []
        for held in data:
            train = [
                (r[:width], y) for e, (rows, labels, _) in data.items() if e != held
                for r, y in zip(rows, labels, strict=True)
            ]
            rows, labels, _ = data[held]
            if not rows or not train:
                continue
            model = fit([r for r, _ in train], [y for _, y in train])
            held_scores += list(model.predict_proba(np.asarray([r[:width] for r in rows]))[:, 1])
            held_truth += labels
        print(f"features {', '.join(FEATURES[:width])}: leave-one-event-out average precision "
              f"{average_precision_score(held_truth, held_scores):.3f}")
    totals = np.zeros(4)
    for held in data:
        train_rows = [r for e, (rows, _, _) in data.items() if e != held for r in rows]
        train_labels = [y for e, (_, labels, _) in data.items() if e != held for y in labels]
        model = fit(train_rows, train_labels)
        rows, labels, missed = data[held]
        if not rows:
            continue
        predicted = model.predict_proba(np.asarray(rows))[:, 1] >= threshold
        truth = np.asarray(labels) == 1
        tp, fp, fn = int((predicted & truth).sum()), int((predicted & ~truth).sum()), int((~predicted & truth).sum())
        totals += [tp, fp, fn, missed]
        report_rows[held] = {"tp": tp, "fp": fp, "fn": fn, "unreached": missed}
        print(f"held out {held}: precision {tp / max(1, tp + fp):.2f} recall {tp / max(1, tp + fn + missed):.2f}")
    tp, fp, fn, missed = totals
    print(f"leave-one-event-out: pair precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn + missed):.3f}"
          f" (of which {missed:.0f} not reached by the search)")
    all_rows = [r for rows, _, _ in data.values() for r in rows]
    model = fit(all_rows, [y for _, labels, _ in data.values() for y in labels])
    weights = [round(float(model.intercept_[0]), 2)] + [round(float(w), 2) for w in model.coef_[0]]
    print("weights (intercept, " + ", ".join(FEATURES) + "):", tuple(weights))
    RESULTS.write_text(json.dumps({"held_out": report_rows, "weights": weights, "features": FEATURES}, indent=1))
    return 0


def _keys(manifest: Any, file_name: str) -> dict[int, str]:
    """Line number (from 1) → article key, as manifest.json gives them."""
    return {i + 1: key for i, key in enumerate(manifest["lines"][file_name])}


if __name__ == "__main__":
    raise SystemExit(main())
