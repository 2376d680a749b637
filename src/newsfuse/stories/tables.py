"""The index's compact stores: story centroids by time bucket, and every article's term weights as arrays."""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray
from scipy import sparse


class Bucket:
    """Unit centroids of the stories whose latest date falls in one time slice, as one matrix."""

    def __init__(self, dimension: int) -> None:
        self.ids: list[str] = []
        self.row: dict[str, int] = {}
        self.matrix = np.zeros((8, dimension), dtype=np.float32)

    def put(self, story_id: str, centroid: NDArray[np.float32]) -> None:
        row = self.row.get(story_id)
        if row is None:
            row = len(self.ids)
            if row == len(self.matrix):
                self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
            self.ids.append(story_id)
            self.row[story_id] = row
        self.matrix[row] = centroid

    def remove(self, story_id: str) -> None:
        row = self.row.pop(story_id)
        last = len(self.ids) - 1
        if row != last:  # keep rows dense: the last story moves into the hole
            moved = self.ids[last]
            self.ids[row] = moved
            self.row[moved] = row
            self.matrix[row] = self.matrix[last]
        self.ids.pop()

    def similarities(self, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        result: NDArray[np.float32] = self.matrix[: len(self.ids)] @ vector
        return result


class Query(NamedTuple):
    """An article's TF-IDF view, ready to be compared with stored members."""

    ids: NDArray[np.int64]  # ids of its terms the table knows (the others match no member)
    weights: NDArray[np.float64]  # term weight x IDF², so a dot with a member's raw weights is the TF-IDF dot
    norm: float  # TF-IDF length, unknown terms included


class TermTable:
    """Term ids, document frequencies and every article's term weights as two small arrays: compact enough
    for 100k articles, and compared with many members at once in numpy rather than term by term."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._frequency = np.zeros(4096, dtype=np.int64)
        self._scratch = np.zeros(4096, dtype=np.float64)
        self._documents = 0
        self._rows: dict[str, tuple[NDArray[np.int32], NDArray[np.float32]]] = {}

    def add(self, article_id: str, terms: dict[str, float]) -> None:
        ids = np.fromiter((self._id(term) for term in terms), dtype=np.int32, count=len(terms))
        self._rows[article_id] = (ids, np.fromiter(terms.values(), dtype=np.float32, count=len(terms)))
        self._frequency[ids] += 1
        self._documents += 1

    def weights_of(self, article_id: str) -> dict[str, float]:
        ids, weights = self._rows[article_id]
        return {self._terms[int(i)]: float(w) for i, w in zip(ids, weights, strict=True)}

    def query(self, terms: dict[str, float]) -> Query:
        known = [(self._ids[term], weight) for term, weight in terms.items() if term in self._ids]
        ids = np.array([i for i, _ in known], dtype=np.int64)
        weights = np.array([w for _, w in known], dtype=np.float64)
        idf = self._idf(ids)
        unseen_idf = math.log(self._documents + 1) + 1.0
        unseen = sum((weight * unseen_idf) ** 2 for term, weight in terms.items() if term not in self._ids)
        norm = math.sqrt(float(np.sum((weights * idf) ** 2)) + unseen)
        return Query(ids, weights * idf * idf, norm or 1.0)

    def cosines(self, query: Query, article_ids: list[str]) -> NDArray[np.float64]:
        """TF-IDF cosine of the query with each article, under the document frequencies of now."""
        if not len(query.ids) or not article_ids:
            return np.zeros(len(article_ids), dtype=np.float64)
        rows = [self._rows[article_id] for article_id in article_ids]
        ids = np.concatenate([row[0] for row in rows])
        weights = np.concatenate([row[1] for row in rows]).astype(np.float64)
        segment = np.repeat(np.arange(len(rows)), [len(row[0]) for row in rows])
        self._scratch[query.ids] = query.weights
        dots = np.bincount(segment, weights=weights * self._scratch[ids], minlength=len(rows))
        self._scratch[query.ids] = 0.0
        norms = np.sqrt(np.bincount(segment, weights=(weights * self._idf(ids)) ** 2, minlength=len(rows)))
        norms[norms == 0] = 1.0
        result: NDArray[np.float64] = dots / (query.norm * norms)
        return result

    def pairwise(self, article_ids: list[str]) -> NDArray[np.float64]:
        """TF-IDF cosine of every pair of the articles, under the document frequencies of now."""
        rows = [self._rows[article_id] for article_id in article_ids]
        ids = np.concatenate([row[0] for row in rows]) if rows else np.zeros(0, dtype=np.int32)
        weights = np.concatenate([row[1] for row in rows]).astype(np.float64) if rows else np.zeros(0)
        segment = np.repeat(np.arange(len(rows)), [len(row[0]) for row in rows])
        values = weights * self._idf(ids)
        norms = np.sqrt(np.bincount(segment, weights=values**2, minlength=len(rows)))
        norms[norms == 0] = 1.0
        matrix = sparse.csr_matrix((values / norms[segment], (segment, ids)), shape=(len(rows), len(self._terms)))
        result: NDArray[np.float64] = (matrix @ matrix.T).toarray()
        return result

    def _idf(self, ids: NDArray[np.integer[Any]]) -> NDArray[np.float64]:
        result: NDArray[np.float64] = np.log((self._documents + 1) / (self._frequency[ids] + 1)) + 1.0
        return result

    def _id(self, term: str) -> int:
        known = self._ids.get(term)
        if known is not None:
            return known
        new = self._ids[term] = len(self._terms)
        self._terms.append(term)
        if new == len(self._frequency):
            self._frequency = np.concatenate([self._frequency, np.zeros_like(self._frequency)])
            self._scratch = np.concatenate([self._scratch, np.zeros_like(self._scratch)])
        return new
