"""The evaluation's disk-backed vector cache: same vectors as the encoder, new texts only, survives restarts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsfuse.evaluate.embeddings import CachedEncoder


class CountingEncoder:
    """Deterministic unit vectors from each text's hash; records every text it was asked to encode."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        self.seen += texts
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha1(text.encode()).digest()[:4], "big")
            vector = np.random.default_rng(seed).normal(size=8)
            rows.append(vector / np.linalg.norm(vector))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), 8)


def test_vectors_equal_the_wrapped_encoders_and_repeats_are_encoded_once(tmp_path: Path) -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner, tmp_path / "vectors.sqlite")
    texts = ["Floods closed the road.", "Boats reached the village.", "Floods closed the road."]
    vectors = cached.encode(texts)
    assert np.array_equal(vectors, CountingEncoder().encode(texts))
    assert sorted(inner.seen) == ["Boats reached the village.", "Floods closed the road."]
    cached.encode(["Boats reached the village."])
    assert len(inner.seen) == 2
    assert cached.hits == 2 and cached.misses == 2


def test_a_new_process_reads_the_vectors_back_and_encodes_only_new_texts(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "vectors.sqlite"
    first = CachedEncoder(CountingEncoder(), path)
    before = first.encode(["The river peaked at dawn.", "The school stays shut."])
    first.close()
    inner = CountingEncoder()
    second = CachedEncoder(inner, path)
    after = second.encode(["The school stays shut.", "A bakery gave away bread.", "The river peaked at dawn."])
    assert inner.seen == ["A bakery gave away bread."]
    assert np.array_equal(after[0], before[1]) and np.array_equal(after[2], before[0])


def test_no_texts_give_an_empty_matrix(tmp_path: Path) -> None:
    assert CachedEncoder(CountingEncoder(), tmp_path / "v.sqlite").encode([]).shape[0] == 0
