"""Event identity between an article and a story's members: what tells two events of one kind apart.

Two reports of one event name the same rare people, places and organisations; two events of one kind (two
earthquakes, two title fights of one boxer) share the topic's usual names, which are frequent and weigh little,
and each has its own: the other fighter, the island, the dead man."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from .features import ArticleFeatures


class NameWeights:
    """IDF-weighted name sums for one decision, each name's weight computed once."""

    def __init__(self, idf: Callable[[str], float], power: float) -> None:
        self._idf = idf
        self._power = power
        self._weight: dict[str, float] = {}

    def total(self, names: frozenset[str]) -> float:
        values = []
        for name in names:
            value = self._weight.get(name)
            if value is None:
                value = self._weight[name] = self._idf(name) ** self._power
            values.append(value)
        return math.fsum(values)  # exact: the same whatever order the set gives its names in


def name_overlaps(
    article: ArticleFeatures, members: Sequence[ArticleFeatures], weights: NameWeights
) -> NDArray[np.float64]:
    """For each member, the IDF-weighted Jaccard overlap of its salient names with the article's: the topic's
    usual names are frequent and weigh little, the event's own rare ones much."""
    overlaps = np.zeros(len(members), dtype=np.float64)
    for position, member in enumerate(members):
        union = weights.total(article.names | member.names)
        if union:
            overlaps[position] = weights.total(article.names & member.names) / union
    return overlaps
