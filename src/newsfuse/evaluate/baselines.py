"""Baselines run in the same process as newsfuse: LexRank and the first sentences of each document.

As published, both fill the budget and let the last sentence run over it, and scoring truncates at the
budget (the DUC convention). newsfuse's summaries never exceed the budget and never cut a sentence, so each
baseline also runs under that constraint (``whole=True``: only sentences that fit), for a like-for-like row.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer

from newsfuse.model import AnnotatedArticle

LEXRANK_THRESHOLD = 0.1  # Erkan & Radev (2004): edges of cosine ≥ 0.1
LEXRANK_DAMPING = 0.85
REDUNDANCY_COSINE = 0.5


def _sentences(articles: Sequence[AnnotatedArticle]) -> list[str]:
    return [
        " ".join(a.sentence_text(i).split())
        for a in articles
        for i in range(len(a.sentences))
        if a.sentence_text(i).strip()
    ]


def first_sentences(
    articles: Sequence[AnnotatedArticle], words: int, per_document: int = 3, whole: bool = False
) -> str:
    """The first ``per_document`` sentences of each document, in document order (Multi-News "First-3")."""
    chosen = [
        " ".join(a.sentence_text(i).split()) for a in articles for i in range(min(per_document, len(a.sentences)))
    ]
    return _fill(chosen, words, whole)


def lexrank(articles: Sequence[AnnotatedArticle], words: int, whole: bool = False) -> str:
    """LexRank over a TF-IDF sentence graph (power iteration), best first, skipping near-repeats."""
    sentences = _sentences(articles)
    if not sentences:
        return ""
    try:
        matrix = TfidfVectorizer(stop_words="english").fit_transform(sentences)
    except ValueError:  # only stop words: no graph to rank
        return _fill(sentences, words, whole)
    similarity = np.asarray((matrix @ matrix.T).todense(), dtype=np.float64)
    scores = _power_iteration((similarity >= LEXRANK_THRESHOLD).astype(np.float64))
    chosen: list[int] = []
    used = 0
    for index in np.argsort(-scores, kind="stable"):
        if used >= words:
            break
        length = len(sentences[index].split())
        if length < 5 or any(similarity[index, j] > REDUNDANCY_COSINE for j in chosen):
            continue
        if whole and used + length > words:
            continue
        chosen.append(int(index))
        used += len(sentences[index].split())
    return " ".join(sentences[i] for i in sorted(chosen))


def _power_iteration(
    adjacency: NDArray[np.float64], iterations: int = 100, tolerance: float = 1e-6
) -> NDArray[np.float64]:
    size = adjacency.shape[0]
    degree = adjacency.sum(axis=1, keepdims=True)
    transition = np.divide(adjacency, degree, out=np.full_like(adjacency, 1.0 / size), where=degree > 0)
    scores = np.full(size, 1.0 / size)
    for _ in range(iterations):
        updated: NDArray[np.float64] = (1 - LEXRANK_DAMPING) / size + LEXRANK_DAMPING * transition.T @ scores
        if np.abs(updated - scores).sum() < tolerance:
            return updated
        scores = updated
    return scores


def _fill(sentences: list[str], words: int, whole: bool = False) -> str:
    """Sentences in order until the budget is reached; with ``whole``, only those that still fit."""
    chosen: list[str] = []
    used = 0
    for sentence in sentences:
        length = len(sentence.split())
        if used >= words:
            break
        if whole and used + length > words:
            continue
        chosen.append(sentence)
        used += length
    return " ".join(chosen)
