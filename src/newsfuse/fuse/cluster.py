"""Constrained average-linkage agglomeration, shared by fact groups and quotation groups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray


def constrained_groups(
    owners: Sequence[int],
    scores: NDArray[np.float64],
    threshold: float,
    per_owner: int = 1,
    may_merge: Callable[[list[int], list[int]], bool] | None = None,
) -> list[list[int]]:
    """Partition items into groups: the best-scoring pairs merge first; a merge must keep the average score
    over the groups' cross-owner pairs at or above ``threshold``, and a group takes at most ``per_owner``
    items of one owner (an article). Every item ends up in exactly one group, singletons included.

    ``scores`` is symmetric; pairs that must never be linked score ``-inf``, pairs that are surely one ``+inf``.
    With ``may_merge``, a merge also needs its consent, given the two groups' items."""
    cluster_of = list(range(len(owners)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(owners))}
    if len(owners) > 1:
        rows, columns = np.nonzero(np.triu(scores, k=1) >= threshold)
        order = np.argsort(-scores[rows, columns], kind="stable")
    else:
        rows = columns = order = np.zeros(0, dtype=np.int64)
    for position in order:
        first, second = cluster_of[int(rows[position])], cluster_of[int(columns[position])]
        if first == second:
            continue
        left, right = members[first], members[second]
        per = Counter(owners[i] for i in left + right)
        if max(per.values()) > per_owner:
            continue
        block = scores[np.ix_(left, right)]
        # -inf marks pairs never compared (same owner, other speaker); +inf a sure match (a verbatim copy)
        linked = block[block > -np.inf]
        if linked.size == 0 or float(linked.mean()) < threshold:
            continue
        if may_merge is not None and not may_merge(left, right):
            continue
        members[first] = left + right
        for index in right:
            cluster_of[index] = first
        del members[second]
    return [sorted(group) for group in sorted(members.values(), key=min)]
