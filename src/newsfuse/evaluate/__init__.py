"""Evaluate: score newsfuse's cited summaries on public benchmarks (DUC 2004, Multi-News, AllSides).

A tool over the whole system, so unlike a stage it may call the pipeline."""

from __future__ import annotations

from newsfuse.evaluate.corpora import CORPORA, CorpusName, load_corpus
from newsfuse.evaluate.report import format_samples, format_table
from newsfuse.evaluate.scoring import rouge, truncate_words
from newsfuse.evaluate.summaries import SummaryEvaluation, annotation_version, evaluate_summaries

__all__ = [
    "CORPORA",
    "CorpusName",
    "SummaryEvaluation",
    "annotation_version",
    "evaluate_summaries",
    "format_samples",
    "format_table",
    "load_corpus",
    "rouge",
    "truncate_words",
]
