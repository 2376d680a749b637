"""ROUGE helpers: truncation at a word budget, recall against several references, F1."""

from __future__ import annotations

import pytest

from newsfuse.evaluate.scoring import rouge, truncate_words


def test_truncate_words_keeps_exactly_the_budget() -> None:
    text = "one two  three\nfour five six"
    assert truncate_words(text, 4) == "one two three four"
    assert truncate_words(text, 100) == "one two three four five six"


def test_identical_summary_scores_full_marks() -> None:
    reference = "The council approved the harbour bridge on Tuesday."
    scores = rouge(reference, [reference], "f1")
    assert scores == pytest.approx({"rouge1": 100.0, "rouge2": 100.0, "rougeL": 100.0})


def test_recall_is_averaged_over_references_and_ignores_case() -> None:
    summary = "The Council Approved The Bridge."
    scores = rouge(summary, ["the council approved the bridge", "rain fell all week long"], "recall")
    assert scores["rouge1"] == pytest.approx(50.0)


def test_truncation_lowers_recall_of_a_summary_cut_short() -> None:
    summary = "rain fell all week long and the council approved the bridge"
    reference = ["the council approved the bridge"]
    assert rouge(summary, reference, "recall", words=5)["rouge1"] < rouge(summary, reference, "recall")["rouge1"]


def test_no_reference_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="reference"):
        rouge("anything", [], "f1")
