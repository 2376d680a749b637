"""Corpus loaders read the shared benchmark data as documented (counts, references, peers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.errors import InputError
from newsfuse.evaluate.corpora import load_corpus


def test_duc2004_clusters_have_four_references_and_the_published_peers(corpora: Path) -> None:
    clusters = load_corpus("duc2004", corpora)
    assert len(clusters) == 50
    assert all(len(c.references) == 4 for c in clusters)
    assert {"LexRank", "Centroid", "ICSISumm", "DPP"} <= set(clusters[0].peers)
    assert all(c.path is not None and len(list(c.path.iterdir())) == 10 for c in clusters)


def test_multinews_sample_has_250_clusters_with_documents(corpora: Path) -> None:
    clusters = load_corpus("multinews", corpora)
    assert len(clusters) == 250
    assert all(c.texts and len(c.references) == 1 for c in clusters)


def test_allsides_roundups_have_three_titled_sources_and_a_plain_reference(corpora: Path) -> None:
    clusters = load_corpus("allsides", corpora)
    assert len(clusters) == 307
    assert all(len(c.texts) == 3 for c in clusters[:20])
    assert all(title for title, _ in clusters[0].texts)
    assert not any("=>" in c.references[0] for c in clusters)


def test_limit_takes_the_first_clusters(corpora: Path) -> None:
    assert [c.id for c in load_corpus("allsides", corpora, limit=2)] == ["allsides-000", "allsides-001"]


def test_a_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_corpus("allsides", tmp_path)
