"""Settling: a story's members re-examined together once more is known, so that an early wrong join is undone.

The index decides for each article as it arrives, against what it knows then. A new topic's words are rare
when its first reports arrive, so its first two reports of two look-alike events (two earthquakes, two rehab
stays of one actress) read as one event, and every later report of either event follows them into one story.
Later, when both events' reports are in, the members of such a story fall into groups that would not join one
another: scored pair by pair under the term and name frequencies of now, with the event's own details (who,
where, when), the groups' average linkage is below the story threshold. Settling splits the story there.
Average linkage is stricter than assignment, which goes by an article's best-matching members: it also splits
off a report with its own angle on the event, close to a few members and far from the rest. So each member of a
settled neighbourhood then moves to the story assignment would give it now (``StoryIndex._reassign``)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform


def linkage_groups(scores: NDArray[np.float64], threshold: float) -> list[list[int]]:
    """The items (rows of a symmetric score matrix) grouped by average linkage: two groups join while the mean
    score between their members is at least ``threshold``. Groups in order of their first item."""
    count = len(scores)
    if count < 2:
        return [list(range(count))]
    offset = float(np.max(scores)) + 1.0  # distances must be positive: a higher score is a shorter distance
    distances = offset - scores
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    labels = fcluster(tree, t=offset - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for item, label in enumerate(labels):
        groups.setdefault(int(label), []).append(item)
    return sorted(groups.values(), key=lambda group: group[0])
