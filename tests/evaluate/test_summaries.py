"""evaluate_summaries end to end on one small AllSides cluster, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

from newsfuse.evaluate import evaluate_summaries, format_samples, format_table
from newsfuse.evaluate.corpora import load_corpus


def test_one_cluster_is_scored_beside_the_baselines_with_verbatim_cited_sentences(corpora: Path) -> None:
    evaluation = evaluate_summaries("allsides", limit=1, root=corpora)
    expected = {"newsfuse", "LexRank (same run)", "First-3 (same run)", "First-3, whole sentences"}
    assert expected <= set(evaluation.systems)
    for scores in evaluation.systems.values():
        assert all(0.0 <= value <= 100.0 for value in scores.values())
    assert evaluation.failures == []
    assert evaluation.summary_sentences >= 1
    assert evaluation.verbatim_share == 1.0
    reference_words = len(load_corpus("allsides", corpora, limit=1)[0].references[0].split())
    assert 0 < evaluation.mean_summary_words <= reference_words
    table = format_table(evaluation)
    assert "*newsfuse" in table and "citation precision" in table
    assert evaluation.samples and evaluation.samples[0].sentence in format_samples(evaluation)
