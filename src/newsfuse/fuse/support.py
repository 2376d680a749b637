"""Support between sentences of different sources: does sentence ``v`` report a fact that ``u`` states?

Search first, then judge. For each pair of independent sources, every sentence of one is compared with
every sentence of the other by two cheap scores (story-IDF-weighted word overlap, and encoder cosine after
removing the story's mean vector, which every sentence of a story shares); the best few of each sentence
per source are candidates. Each candidate pair is then judged by a logistic model over evidence a reader
would weigh: how close the meanings are, how many rare words and which entities, quantities and dates they
share, and how much of one clause of either sentence the other holds (a long sentence often carries two
facts, and one of them may be the shared one). The weights are ``FusionSettings.support_weights``, fitted
on the fusion-dev gold (``benchmarks/fusion_fit.py``).

Cost: the candidate search is a product of two sources' sentence matrices, in float32, over at most
``max_sentences_per_article`` sentences per article; the judge runs on ``candidates_per_source`` pairs
per sentence and source, so a story's cost grows with its sentences times its sources, up to
``max_judged_pairs`` (the highest scored are judged).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix

from newsfuse.fuse.quantities import Quantity, agree, may_clash
from newsfuse.model import FusionSettings

FloatMatrix = NDArray[np.float32]
RARE_IDF_SHARE = 0.5  # a stem in at most this share of the story's sentences' sources is "rare"
FEATURES = ("cosine", "centred_cosine", "lexical", "clause", "entities", "quantities", "rare_words", "dates", "rank")


@dataclass(frozen=True)
class Unit:
    """A sentence (or the run of sentences one quotation spans) with the evidence the judge reads."""

    article_index: int
    source: str
    sentence: int  # the first sentence's index
    start: int
    end: int
    text: str
    stems: frozenset[str]
    clauses: tuple[frozenset[str], ...]
    entities: frozenset[str]
    quantities: tuple[Quantity, ...]
    dates: frozenset[str]
    people: frozenset[str] = frozenset()  # the persons it names (canonical ids where linked)
    subjects: frozenset[str] = frozenset()  # the persons it is about, its clauses' subjects (ids and family names)
    names: frozenset[str] = frozenset()  # every person it names (ids and family names)
    parent: int | None = None  # a sub-claim: the index of the claim it refines


class Candidate(NamedTuple):
    rank: float  # 1.0 when each is the other's best candidate, 0.5 when one is, else 0.0
    score: float  # word overlap plus centred cosine: what the search ranked by


@dataclass(frozen=True)
class Judged:
    first: int
    second: int
    probability: float
    conflicting: bool  # the two state different values of one quantity


class StoryVectors:
    """Story-level weights and vectors shared by the search and the judge."""

    def __init__(self, units: Sequence[Unit], vectors: FloatMatrix) -> None:
        # stems in sorted order: a set's order changes with string hashing, and the float32 sums' rounding with it
        ordered = [sorted(unit.stems) for unit in units]
        vocabulary: dict[str, int] = {}
        for stems in ordered:
            for stem in stems:
                vocabulary.setdefault(stem, len(vocabulary))
        rows, columns = [], []
        for row, stems in enumerate(ordered):
            for stem in stems:
                rows.append(row)
                columns.append(vocabulary[stem])
        counts = csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(len(units), max(1, len(vocabulary)))
        )
        # sub-claims repeat their claim's words: weights and the story's mean come from the claims alone
        claims = np.asarray([unit.parent is None for unit in units], dtype=bool)
        document_frequency = np.asarray(counts[np.flatnonzero(claims)].sum(axis=0)).ravel()
        n = max(1, int(claims.sum()))
        self.idf = {stem: float(np.log((n + 1) / (document_frequency[i] + 1)) + 0.1) for stem, i in vocabulary.items()}
        self.rare_idf = float(np.log(1 / RARE_IDF_SHARE)) if n > 4 else 0.0
        weighted = counts.multiply(np.asarray([self.idf[s] for s in vocabulary] or [1.0], dtype=np.float32)).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.lexical = csr_matrix(weighted.multiply(1.0 / norms[:, None]))
        self.lexical_norms = norms.astype(np.float64)
        self.vectors = vectors.astype(np.float32, copy=False)
        mean = self.vectors[claims].mean(axis=0) if n > 2 else np.zeros(self.vectors.shape[1], dtype=np.float32)
        centred = self.vectors - mean
        centred_norms = np.linalg.norm(centred, axis=1, keepdims=True)
        centred_norms[centred_norms == 0] = 1.0
        self.centred = (centred / centred_norms).astype(np.float32)

    def weight(self, stems: frozenset[str]) -> float:
        return math.fsum(self.idf.get(s, 0.0) for s in stems)  # exact: the same in any order


def search(story: StoryVectors, units: Sequence[Unit], settings: FusionSettings) -> dict[tuple[int, int], Candidate]:
    """Candidate pairs of the whole story: each source's units against every other source's, the best
    ``candidates_per_source`` of each; and each article's against each article of another source, the best
    ``candidates_per_article``. A source of many reports (an agency's versions through the day) would
    otherwise fill a unit's few candidates with its copies of one sentence and crowd out the report that
    states the fact in other words."""
    by_source: dict[str, list[int]] = {}
    by_article: dict[int, list[int]] = {}
    for index, unit in enumerate(units):
        by_source.setdefault(unit.source, []).append(index)
        by_article.setdefault(unit.article_index, []).append(index)
    found: dict[tuple[int, int], Candidate] = {}
    for left, right in itertools.combinations(list(by_source.values()), 2):
        found.update(candidates(story, left, right, settings, settings.candidates_per_source))
    if settings.candidates_per_article > 0:
        for left, right in itertools.combinations(list(by_article.values()), 2):
            if units[left[0]].source != units[right[0]].source:
                for key, candidate in candidates(story, left, right, settings, settings.candidates_per_article).items():
                    found.setdefault(key, candidate)
    return found


def candidates(
    story: StoryVectors, left: Sequence[int], right: Sequence[int], settings: FusionSettings, k: int
) -> dict[tuple[int, int], Candidate]:
    """Pairs (one unit of each list) worth judging: the best ``k`` of each unit on the other side, by word
    overlap plus centred cosine, above the floor; each with how it ranks and its score."""
    if not left or not right:
        return {}
    lexical = (story.lexical[list(left)] @ story.lexical[list(right)].T).toarray()
    semantic = story.centred[list(left)] @ story.centred[list(right)].T
    score = lexical + np.clip(semantic, 0.0, None)
    eligible = (lexical >= settings.candidate_floor) | (semantic >= 2 * settings.candidate_floor)
    best_of_row = np.argmax(score, axis=1)
    best_of_column = np.argmax(score, axis=0)
    found: dict[tuple[int, int], Candidate] = {}

    def add(row: int, column: int) -> None:
        if eligible[row, column]:
            rank = 0.5 * (best_of_row[row] == column) + 0.5 * (best_of_column[column] == row)
            found[(left[row], right[column])] = Candidate(float(rank), float(score[row, column]))

    for row, columns in enumerate(_best(score, k)):
        for column in columns:
            add(row, int(column))
    for column, rows in enumerate(_best(score.T, k)):
        for row in rows:
            add(int(row), column)
    return found


def _best(score: NDArray[np.float32], k: int) -> NDArray[np.intp]:
    """Each row's ``k`` highest columns, best first, ties to the earlier column: a partial sort, linear in
    the row's length (a full sort per row made the search n² log n on a story of long articles)."""
    if score.shape[1] <= k:
        return np.argsort(-score, axis=1, kind="stable")
    top = np.argpartition(-score, k - 1, axis=1)[:, :k]
    # argpartition breaks ties arbitrarily: order the chosen by score, then position, as a stable sort would
    top.sort(axis=1)
    order = np.argsort(-np.take_along_axis(score, top, axis=1), axis=1, kind="stable")
    return np.take_along_axis(top, order, axis=1)


def strongest(pairs: dict[tuple[int, int], Candidate], limit: int) -> dict[tuple[int, int], Candidate]:
    """At most ``limit`` pairs, the highest scored: the judge's cost stays bounded on a story of many long,
    alike articles, where every unit finds candidates in every source (ordinary stories stay far below)."""
    if len(pairs) <= limit:
        return pairs
    kept = sorted(pairs.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    return dict(kept)


def features(story: StoryVectors, units: Sequence[Unit], first: int, second: int, rank: float = 0.0) -> list[float]:
    a, b = units[first], units[second]
    cosine = float(story.vectors[first] @ story.vectors[second])
    centred = float(story.centred[first] @ story.centred[second])
    shared_stems = a.stems & b.stems
    # the cosine of the two IDF-weighted stem sets, from the shared stems alone (a sparse row product per
    # pair cost most of the judge's time)
    lexical = math.fsum(story.idf[s] ** 2 for s in shared_stems) / (
        story.lexical_norms[first] * story.lexical_norms[second]
    )
    clause = max(
        [story.weight(c & b.stems) / w for c in a.clauses if (w := story.weight(c)) > 0]
        + [story.weight(c & a.stems) / w for c in b.clauses if (w := story.weight(c)) > 0]
        + [0.0]
    )
    entities = min(3, len(a.entities & b.entities)) / 3
    shared_quantities = sum(
        1 for x in a.quantities for y in b.quantities if x.dimension == y.dimension and agree(x, y, 0.02)
        and not (x.dimension == "count" and x.value in (1.0, 2.0))
    )
    rare = min(4, sum(1 for s in shared_stems if story.idf.get(s, 0.0) >= story.rare_idf)) / 4
    dates = 1.0 if any(x.startswith(y) or y.startswith(x) for x in a.dates for y in b.dates) else 0.0
    return [cosine, centred, lexical, clause, entities, min(2, shared_quantities) / 2, rare, dates, rank]


def different_people(a: Unit, b: Unit) -> bool:
    """Both name persons and no person of one is one of the other's; or both are about persons and neither
    names the other's at all: "Sorvino expressed regret" and "Gerwig and Krumholtz expressed regret", which
    both name Allen, differ; "Putin hosted Kim" and "Kim took his train to Russia" may be one event (the judge's
    and its fit's rule)."""
    if a.people and b.people and not a.people & b.people:
        return True
    return bool(a.subjects and b.subjects and not a.subjects & b.names and not b.subjects & a.names)


def conflicting(a: Unit, b: Unit, tolerance: float) -> bool:
    """A quantity the two sentences may both state (``may_clash``) with other values."""
    for x in a.quantities:
        # whether ``b`` also gives x's value does not depend on which y is compared: asked once per x, not
        # once per pair (cubic in a claim's numbers: 10 s for one story of number-heavy hostile articles)
        if any(agree(x, z, tolerance) for z in b.quantities if z.dimension == x.dimension):
            continue
        if any(may_clash(x, y) and not agree(x, y, tolerance) for y in b.quantities):
            return True
    return False


def probability(values: Sequence[float], weights: Sequence[float]) -> float:
    score = weights[0] + sum(w * v for w, v in zip(weights[1:], values, strict=False))
    return float(1.0 / (1.0 + np.exp(-score)))


def judge_pairs(
    story: StoryVectors, units: Sequence[Unit], pairs: dict[tuple[int, int], Candidate], settings: FusionSettings
) -> list[Judged]:
    judged: list[Judged] = []
    for (first, second), (rank, _) in pairs.items():
        a, b = units[first], units[second]
        if different_people(a, b):
            continue  # claims about different people ("Senator Ruiz resigned", "Senator Lund resigned") differ
        p = probability(features(story, units, first, second, rank), settings.support_weights)
        # looser than conflict detection (any shared context word): a pair that might state two values of one
        # figure is never cited as agreeing, even where the values are not reported as a conflict
        clash = conflicting(units[first], units[second], settings.number_tolerance)
        judged.append(Judged(first, second, p, clash))
    return judged
