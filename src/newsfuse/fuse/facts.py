"""Fact groups: sentences of different articles that report the same thing, by meaning and wording.

Each sentence pair across articles gets a score: the best encoder similarity between the two sentences
or any of their clauses (a long sentence often carries two facts), plus lexical evidence (shared content
stems weighted by their rarity in the story, shared numbers and dates). Groups are then built by constrained
average-linkage agglomeration: the best-scoring pairs merge first, a merge must keep the group's average
score above the threshold, and a group takes at most one sentence of an article. Every sentence ends up
in exactly one group, singletons included, so "only one source reports it" is well defined.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from newsfuse.fuse.cluster import constrained_groups
from newsfuse.fuse.text import clauses, content_stems
from newsfuse.model import AnnotatedArticle, FactGroup, SentenceRef, Story, TextEncoder

FloatMatrix = NDArray[np.float64]

# Weights and threshold chosen on the seed pair's gold facts (benchmarks/seed_pair.py), kept round; any
# threshold from 0.60 to 0.69 gives the same figures there, 0.64 sits in the middle.
LEXICAL_WEIGHT = 1.0
NUMBER_WEIGHT = 0.05
DATE_WEIGHT = 0.1
GROUP_THRESHOLD = 0.64
MAX_PER_ARTICLE = 1
MAX_CLAUSE_UNITS = 3000  # above this many sentences+clauses, compare whole sentences only (memory is quadratic)
CLAUSE_MIN_SENTENCE_WORDS = 20  # a shorter sentence states one fact: its clauses add encoder time, not evidence


@dataclass(frozen=True)
class SentenceUnit:
    """One sentence of the story, with the evidence the pair score reads."""

    article_index: int
    sentence: int
    ref: SentenceRef
    text: str
    stems: frozenset[str]
    numbers: frozenset[tuple[float, str | None]]
    dates: frozenset[str]


def sentence_units(articles: Sequence[AnnotatedArticle]) -> list[SentenceUnit]:
    units: list[SentenceUnit] = []
    for article_index, annotated in enumerate(articles):
        numbers: dict[int, set[tuple[float, str | None]]] = {}
        for number in annotated.numbers:
            numbers.setdefault(number.sentence, set()).add((number.value, number.unit))
        dates: dict[int, set[str]] = {}
        for time in annotated.times:
            # the publication day is in half the sentences of a report: sharing it says nothing
            if time.value and time.value != (annotated.reference_date and annotated.reference_date.isoformat()):
                dates.setdefault(time.sentence, set()).add(time.value)
        for index, sentence in enumerate(annotated.sentences):
            text = " ".join(annotated.article.text[sentence.start : sentence.end].split())
            units.append(
                SentenceUnit(
                    article_index=article_index,
                    sentence=index,
                    ref=SentenceRef(
                        article_id=annotated.article.id, sentence=index, start=sentence.start, end=sentence.end
                    ),
                    text=text,
                    stems=content_stems(text),
                    numbers=frozenset(numbers.get(index, ())),
                    dates=frozenset(dates.get(index, ())),
                )
            )
    return units


def semantic_similarity(units: Sequence[SentenceUnit], encoder: TextEncoder) -> tuple[FloatMatrix, FloatMatrix]:
    """(sentence vectors, best cosine between the two sentences or any of their clauses).

    The cosines are taken after subtracting the story's mean sentence vector: every sentence of a story
    shares its topic, and only what is left says whether two sentences report the same fact."""
    sentence_vectors = np.asarray(encoder.encode([u.text for u in units]), dtype=np.float64)
    clause_texts: list[str] = []
    clause_owners: list[int] = []
    for index, unit in enumerate(units):
        if len(unit.text.split()) < CLAUSE_MIN_SENTENCE_WORDS:
            continue  # a short sentence states one fact: its clauses add encoder time, not evidence
        for clause in clauses(unit.text):
            clause_texts.append(clause)
            clause_owners.append(index)
    mean = sentence_vectors.mean(axis=0) if len(units) > 2 else np.zeros(sentence_vectors.shape[1])
    if not clause_texts or len(units) + len(clause_texts) > MAX_CLAUSE_UNITS:
        centred = _centre(sentence_vectors, mean)
        return sentence_vectors, centred @ centred.T
    clause_vectors = np.asarray(encoder.encode(clause_texts), dtype=np.float64)
    vectors = _centre(np.vstack([sentence_vectors, clause_vectors]), mean)
    owner = np.asarray(list(range(len(units))) + clause_owners)
    order = np.argsort(owner, kind="stable")
    vectors, owner = vectors[order], owner[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    unit_similarity = vectors @ vectors.T
    best: FloatMatrix = np.maximum.reduceat(np.maximum.reduceat(unit_similarity, starts, axis=0), starts, axis=1)
    return sentence_vectors, best


def _centre(vectors: FloatMatrix, mean: NDArray[np.float64]) -> FloatMatrix:
    centred = vectors - mean
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    result: FloatMatrix = centred / np.where(norms == 0, 1.0, norms)
    return result


def lexical_similarity(units: Sequence[SentenceUnit]) -> FloatMatrix:
    """Cosine of story-IDF-weighted content stems (a word every sentence uses says little), plus small
    bonuses for shared numbers and dates, as one score."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0))
    vocabulary: dict[str, int] = {}
    for unit in units:
        for word in unit.stems:
            vocabulary.setdefault(word, len(vocabulary))
    counts = np.zeros((n, max(1, len(vocabulary))))
    for row, unit in enumerate(units):
        for word in unit.stems:
            counts[row, vocabulary[word]] = 1.0
    idf = np.log((n + 1) / (counts.sum(axis=0) + 1)) + 0.1
    weighted = counts * idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    weighted /= np.where(norms == 0, 1.0, norms)
    result: FloatMatrix = LEXICAL_WEIGHT * (weighted @ weighted.T)
    # numbers and dates are sparse: only sentences that carry some can earn their bonus
    marked = [i for i, unit in enumerate(units) if unit.numbers or unit.dates]
    for position, i in enumerate(marked):
        for j in marked[position + 1 :]:
            first, second = units[i], units[j]
            if first.article_index == second.article_index:
                continue
            shared_numbers = len({v for v in first.numbers if v[0] not in (1.0, 2.0)} & second.numbers)
            bonus = NUMBER_WEIGHT * min(2, shared_numbers) + DATE_WEIGHT * _shares_date(first.dates, second.dates)
            result[i, j] += bonus
            result[j, i] += bonus
    return result


def _shares_date(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether a date of one sentence equals or contains a date of the other (2022 and 2022-02 agree)."""
    return any(a.startswith(b) or b.startswith(a) for a in first for b in second)


def pair_scores(units: Sequence[SentenceUnit], encoder: TextEncoder) -> tuple[FloatMatrix, FloatMatrix]:
    """(sentence vectors, cross-article pair scores); pairs within one article score -inf."""
    vectors, semantic = semantic_similarity(units, encoder)
    scores = semantic + lexical_similarity(units)
    article = np.asarray([u.article_index for u in units])
    scores[article[:, None] == article[None, :]] = -np.inf
    return vectors, scores


def group_sentences(
    units: Sequence[SentenceUnit], scores: FloatMatrix, threshold: float, per_article: int = 1
) -> list[list[int]]:
    """Indices of ``units`` grouped by constrained average linkage over the pair scores."""
    return constrained_groups([u.article_index for u in units], scores, threshold, per_article)


def fact_groups(
    story: Story, articles: Sequence[AnnotatedArticle], family_of: dict[str, str], encoder: TextEncoder
) -> tuple[list[FactGroup], list[SentenceUnit], FloatMatrix]:
    """Every sentence of the story in exactly one fact group; also the units and pair scores, for conflicts."""
    units = sentence_units(articles)
    if not units:
        return [], units, np.zeros((0, 0))
    vectors, scores = pair_scores(units, encoder)
    centroid = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    centrality = vectors @ (centroid / norm) if norm > 0 else np.zeros(len(units))
    groups: list[FactGroup] = []
    for indices in group_sentences(units, scores, GROUP_THRESHOLD, MAX_PER_ARTICLE):
        refs = [units[i].ref for i in indices]
        article_ids = list(dict.fromkeys(r.article_id for r in refs))
        families = list(dict.fromkeys(family_of.get(a, a) for a in article_ids))
        groups.append(
            FactGroup(
                id=_group_id(story.id, refs),
                members=refs,
                article_ids=article_ids,
                family_ids=families,
                centrality=round(float(np.mean(centrality[indices])), 6),
            )
        )
    groups.sort(key=lambda g: (-len(g.family_ids), -g.centrality, g.id))
    return groups, units, scores


def _group_id(story_id: str, refs: Sequence[SentenceRef]) -> str:
    key = "|".join(f"{r.article_id}:{r.sentence}" for r in refs)
    return "fact-" + hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:12]
