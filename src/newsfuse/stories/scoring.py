"""How the story index scores: an article against a story (assignment, and settling's reassignment) and the
members of a neighbourhood pair by pair (settling's average linkage). Pure functions of the index's params,
term table and stories: the index (``index.py``) keeps the state and the decisions taken on these scores."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from .features import ArticleFeatures, day_gap
from .identity import NameWeights, name_overlaps
from .settings import StoryParams
from .tables import Query, TermTable


@dataclass
class StoryState:
    """One story as the index holds it while it grows."""

    id: str
    members: list[str] = field(default_factory=list)
    vector_sum: NDArray[np.float32] | None = None
    names: Counter[str] = field(default_factory=Counter)
    event_days: set[date] = field(default_factory=set)  # when its members say the event happened: see event_days_of
    text_days: set[date] = field(default_factory=set)  # the days its members' leads resolve (no publication day)
    stated_days: set[date] = field(default_factory=set)  # the full dates its members' leads state
    day_counts: Counter[int] = field(default_factory=Counter)  # its members' event days by ordinal (DayCounts)
    first: date | None = None
    last: date | None = None

    def centroid(self) -> NDArray[np.float32]:
        assert self.vector_sum is not None
        norm = float(np.linalg.norm(self.vector_sum))
        return (self.vector_sum / norm if norm > 0 else self.vector_sum).astype(np.float32)


def story_score(
    params: StoryParams,
    articles: Mapping[str, ArticleFeatures],
    features: ArticleFeatures,
    state: StoryState,
    similarity: dict[str, float],
    weights: NameWeights,
    name_idf: dict[str, float],
    leave_out: str | None = None,
    days: DayCounts | None = None,
) -> float | None:
    """The article's score against one story (None: further away in time than the window), over the story's
    latest members less ``leave_out`` (a member scored against its own story): member linkage + entity bonus
    + event identity - time penalty."""
    gap = gap_days(features.published, state)
    if gap > params.window_days:
        return None
    if params.text_day_gap:
        gap = nearer(gap, day_gap(features.stated_days, state.event_days))
    members = [m for m in state.members[-params.member_cap :] if m != leave_out]
    if not members:
        return None
    linked = np.array([similarity[m] for m in members])
    if params.member_name_weight:
        held = [articles[m] for m in members]
        linked = linked + params.member_name_weight * name_overlaps(features, held, weights)
    count = max(params.link_members, round(params.link_share * len(members)))
    linkage = float(np.sort(linked)[::-1][:count].mean())
    overlap = name_overlap(params, features.names, state.names, name_idf)
    score = linkage + params.entity_weight * overlap + event_identity(params, features, state, days)
    return score - penalty(params, gap)


def event_identity(
    params: StoryParams, features: ArticleFeatures, state: StoryState, days: DayCounts | None = None
) -> float:
    """What tells two events of one kind apart: the dates the leads state (far apart, or agreeing; an agreeing
    day counts by how few of the articles around it report it, see ``DayCounts``)."""
    score = 0.0
    if params.date_mismatch_penalty or params.date_agreement_bonus:
        own = event_days_of(features)
        gap = day_gap(own, state.event_days)
        if gap is not None and gap > params.window_days:
            if may_mismatch(params, features, state.text_days):
                score -= params.date_mismatch_penalty
        elif gap is not None and gap <= params.agreement_days:
            score += params.date_agreement_bonus * agreement_weight(
                params, own, state.event_days, days, state.day_counts
            )
    return score


class DayCounts:
    """How many indexed articles report each event day (``event_days_of``), kept by ordinal (no date arithmetic
    to overflow on a "December 31, 9999" a text states): the rarer a day among the other stories' reports of the
    days around it, the more two reports agreeing on it say. In a stream of one day every report gives that day,
    and agreeing on it says nothing; over months of coverage one day is rare and agreeing on it is evidence."""

    def __init__(self) -> None:
        self._count: Counter[int] = Counter()
        self._sums: dict[tuple[int, int], int] = {}  # (day, radius) → article-days within radius, until the next add

    def add(self, days: Collection[date]) -> None:
        self._count.update(day.toordinal() for day in days)
        self._sums.clear()

    def around(self, day: int, radius: int) -> int:
        """Article-days within ``radius`` days of the ordinal ``day``."""
        key = (day, radius)
        found = self._sums.get(key)
        if found is None:
            found = self._sums[key] = sum_around(self._count, day, radius)
        return found


def sum_around(counts: Mapping[int, int], day: int, radius: int) -> int:
    """The counts of the ordinals within ``radius`` days of ``day``."""
    return sum(counts.get(day + offset, 0) for offset in range(-radius, radius + 1))


def story_day_counts(days: Collection[frozenset[date]]) -> Counter[int]:
    """Article-days of a story's members by ordinal (what ``DayCounts`` holds for the whole index)."""
    return Counter(day.toordinal() for member_days in days for day in member_days)


def agreement_weight(
    params: StoryParams, own: Collection[date], others: Collection[date], days: DayCounts | None,
    story_days: Counter[int] | None = None,
) -> float:
    """The agreement bonus's weight (``agreement_rarity``): 1 less the share, among the article-days of the
    other stories within ``window_days`` of the agreeing day, of those within ``agreement_days`` of it. The
    story's own reports do not count against it: two reports of a sparse stream agreeing on a day are evidence,
    one day every other story reports is not. Else 1."""
    if days is None or not params.agreement_rarity:
        return 1.0
    near, window = params.agreement_days, params.window_days
    other_ordinals = {day.toordinal() for day in others}
    own_ordinals = [day.toordinal() for day in own]
    agreeing = [
        day for day in own_ordinals if any(day + offset in other_ordinals for offset in range(-near, near + 1))
    ]
    if not agreeing:
        return 1.0
    own_counts: Mapping[int, int] = story_days or {}

    def share(day: int) -> float:
        close = days.around(day, near) - sum_around(own_counts, day, near)
        around = days.around(day, window) - sum_around(own_counts, day, window)
        return close / around if around > 0 else 0.0

    return 1.0 - min(share(day) for day in agreeing)


def may_mismatch(params: StoryParams, features: ArticleFeatures, text_days: Collection[date]) -> bool:
    """Whether event days far apart may cost: always, or (``date_mismatch_text_only``) only when both sides' days
    come from their leads, not from the publication day an article without one falls back on."""
    return not params.date_mismatch_text_only or bool(features.days and text_days)


def pair_scores(
    params: StoryParams,
    terms: TermTable,
    members: list[ArticleFeatures],
    story: list[StoryState],
    weights: NameWeights,
    days: DayCounts | None = None,
) -> NDArray[np.float64]:
    """Every two members' score as ``story_score`` would give one against a story of the other, under the term
    and name frequencies of now (``weights``): similarity, names, the event days agreeing or far apart, the
    publication gap. ``story[i]`` is the story ``members[i]`` is in."""
    vectors = np.stack([m.vector for m in members])
    scores: NDArray[np.float64] = (vectors @ vectors.T).astype(np.float64)
    if params.lexical_weight:
        lexical = terms.pairwise([m.id for m in members])
        scores = (1 - params.lexical_weight) * scores + params.lexical_weight * lexical
    when = [event_days_of(m) for m in members]
    for row, member in enumerate(members):
        if params.member_name_weight:
            scores[row] += params.member_name_weight * name_overlaps(member, members, weights)
        for column, other in enumerate(members):
            gap = day_gap(when[row], when[column])
            if gap is not None and gap > params.window_days:
                if may_mismatch(params, member, other.days):
                    scores[row, column] -= params.date_mismatch_penalty
            elif gap is not None and gap <= params.agreement_days:
                scores[row, column] += params.date_agreement_bonus * agreement_weight(
                    params, when[row], when[column], days, story[column].day_counts
                )
            if story[row] != story[column]:
                scores[row, column] -= penalty(params, stories_gap(params, story[row], story[column]))
            elif params.settle_member_day_penalty and member.published is not None and other.published is not None:
                scores[row, column] -= penalty(params, abs((member.published - other.published).days))
    return scores


def similarities(
    params: StoryParams, terms: TermTable, features: ArticleFeatures, query: Query, members: list[ArticleFeatures]
) -> NDArray[np.float64]:
    """Similarity of the article to each member: lead-embedding cosine blended with TF-IDF cosine."""
    embedded = (np.stack([m.vector for m in members]) @ features.vector).astype(np.float64)
    weight = params.lexical_weight
    if not weight:
        return embedded
    lexical = terms.cosines(query, [m.id for m in members])
    result: NDArray[np.float64] = (1 - weight) * embedded + weight * lexical
    return result


def name_overlap(params: StoryParams, names: frozenset[str], story_names: Counter[str], idf: dict[str, float]) -> float:
    """IDF-weighted share of the article's names the story has: a rare shared name counts for more."""
    if not names:
        return 0.0
    # exact sums: a set's order changes with the process's string hashing, and a naive sum's last bit with it
    total = math.fsum(idf[name] ** params.name_idf_power for name in names)
    shared = math.fsum(idf[name] ** params.name_idf_power for name in names if name in story_names)
    return shared / total if total else 0.0


def penalty(params: StoryParams, gap: int) -> float:
    return min(params.max_penalty, params.day_penalty * max(0, gap - params.grace_days))


def gap_days(published: date | None, state: StoryState) -> int:
    if published is None or state.first is None or state.last is None:
        return 0
    return max(0, (state.first - published).days, (published - state.last).days)


def range_gap(state: StoryState, other: StoryState) -> int:
    """Days between two stories' date ranges (0 when they overlap or either is undated)."""
    if state.first is None or state.last is None or other.first is None or other.last is None:
        return 0
    return max(0, (other.first - state.last).days, (state.first - other.last).days)


def stories_gap(params: StoryParams, state: StoryState, other: StoryState) -> int:
    """Days between two stories for the day penalty: between their date ranges, or (``text_day_gap``) between
    the full dates one's leads state and the other's event days when those are nearer."""
    gap = range_gap(state, other)
    if params.text_day_gap:
        gap = nearer(gap, day_gap(state.stated_days, other.event_days))
        gap = nearer(gap, day_gap(other.stated_days, state.event_days))
    return gap


def nearer(gap: int, text_gap: int | None) -> int:
    return gap if text_gap is None else min(gap, text_gap)


def event_days_of(features: ArticleFeatures) -> frozenset[date]:
    """The days an article says its event happened on: the full dates its lead states ("May 3, 2013") when it
    states any, else the days its lead resolves against the publication day and that day itself."""
    if features.stated_days:
        return features.stated_days
    return features.days | ({features.published} if features.published else frozenset())
