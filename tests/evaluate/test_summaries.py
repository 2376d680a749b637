"""evaluate_summaries end to end on one small AllSides cluster, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from newsfuse.embed import get_encoder
from newsfuse.evaluate import evaluate_summaries, format_samples, format_table, summaries
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


def test_a_second_run_over_the_same_cache_folder_encodes_no_text_again(
    corpora: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder = get_encoder()
    asked: list[str] = []

    class Recording:
        def encode(self, texts: list[str]) -> NDArray[np.float32]:
            asked.extend(texts)
            return encoder.encode(texts)

    monkeypatch.setattr(summaries, "get_encoder", Recording)
    first = evaluate_summaries("allsides", limit=1, root=corpora, cache_dir=tmp_path)
    assert asked
    asked.clear()
    second = evaluate_summaries("allsides", limit=1, root=corpora, cache_dir=tmp_path)
    assert asked == []
    assert second.systems == first.systems
    assert second.citation_precision == first.citation_precision
