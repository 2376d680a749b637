"""ROUGE scoring with the ``rouge-score`` package, under the conventions of the summarization benchmarks."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from rouge_score import rouge_scorer

Measure = Literal["recall", "f1"]
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


def truncate_words(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words (DUC convention: the last sentence may be cut)."""
    return " ".join(text.split()[:words])


@lru_cache(maxsize=1)
def _scorer() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def rouge(summary: str, references: Sequence[str], measure: Measure, words: int | None = None) -> dict[str, float]:
    """ROUGE-1/2/L of ``summary`` against each reference (lowercased), averaged over the references.

    With ``words`` the summary is truncated to that many words first. Scores are percentages."""
    if not references:
        raise ValueError("at least one reference summary is needed")
    candidate = truncate_words(summary, words) if words is not None else summary
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for reference in references:
        scores = _scorer().score(reference.lower(), candidate.lower())
        for rouge_type in ROUGE_TYPES:
            score = scores[rouge_type]
            totals[rouge_type] += score.recall if measure == "recall" else score.fmeasure
    return {rouge_type: 100.0 * total / len(references) for rouge_type, total in totals.items()}
