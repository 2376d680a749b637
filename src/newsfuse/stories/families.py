"""Source families: syndicated copies and light rewrites of one report, found with MinHash LSH.

Copies of one wire story are one independent source, however many sites republish it."""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHashLSH
from numpy.typing import NDArray

from .features import MINHASH_SCHEME


class FamilyFinder:
    """Incremental near-duplicate detection over word-shingle MinHash signatures, with a union-find
    whose root is the first-arrived member (so a family's id never changes as copies arrive)."""

    def __init__(self, threshold: float, permutations: int) -> None:
        self._threshold = threshold
        self._permutations = permutations
        self._lsh = MinHashLSH(threshold=threshold, num_perm=permutations)
        self._signatures: dict[str, NDArray[np.uint64]] = {}
        self._parent: dict[str, str] = {}
        self._rank: dict[str, int] = {}

    def _lean(self, signature: NDArray[np.uint64]) -> LeanMinHash:
        return LeanMinHash(seed=1, hashvalues=signature, scheme=MINHASH_SCHEME)

    def near_duplicates(self, signature: NDArray[np.uint64]) -> list[tuple[str, float]]:
        """Known articles whose estimated shingle Jaccard with ``signature`` reaches the threshold, best first."""
        if not len(signature) or not self._signatures:
            return []
        found: list[tuple[str, float]] = []
        for other in self._lsh.query(self._lean(signature)):
            similarity = float(np.mean(self._signatures[other] == signature))
            if similarity >= self._threshold:
                found.append((other, similarity))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))

    def add(self, article_id: str, signature: NDArray[np.uint64], duplicates: list[tuple[str, float]]) -> None:
        if article_id in self._parent:
            return
        self._signatures[article_id] = signature
        self._parent[article_id] = article_id
        self._rank[article_id] = len(self._rank)
        self._lsh.insert(article_id, self._lean(signature))
        for other, _ in duplicates:
            self._union(other, article_id)

    def family_of(self, article_id: str) -> str:
        root = article_id
        while self._parent[root] != root:
            self._parent[root] = self._parent[self._parent[root]]
            root = self._parent[root]
        return root

    def _union(self, earlier: str, later: str) -> None:
        first, second = self.family_of(earlier), self.family_of(later)
        if first != second:
            # the older root (an earlier arrival) stays the family's id
            keep, drop = (first, second) if self._order(first) <= self._order(second) else (second, first)
            self._parent[drop] = keep

    def _order(self, article_id: str) -> int:
        return self._rank[article_id]
