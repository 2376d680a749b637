"""Fact groups: sentences of different articles that report the same thing, by meaning and wording.

Each sentence pair across articles gets a score: the best encoder similarity between the two sentences
or any of their clauses (a long sentence often carries two facts), plus lexical evidence (shared content
stems, shared named entities and numbers, fuzzy token-set overlap). Groups are then built by constrained
average-linkage agglomeration: the best-scoring pairs merge first, a merge must keep the group's average
score above the threshold, and a group never takes two sentences of one article. Every sentence ends up
in exactly one group, singletons included, so "only one source reports it" is well defined.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from newsfuse.fuse.text import clauses, content_stems, dice
from newsfuse.model import AnnotatedArticle, FactGroup, SentenceRef, Story, TextEncoder

FloatMatrix = NDArray[np.float64]

# Weights and threshold chosen on the seed pair's gold facts (benchmarks/seed_pair.py), kept round.
LEXICAL_WEIGHT = 0.35
ENTITY_WEIGHT = 0.05  # per shared named entity beyond the first, capped
ENTITY_CAP = 0.15
NUMBER_WEIGHT = 0.05
FUZZ_WEIGHT = 0.15
GROUP_THRESHOLD = 0.72
MAX_CLAUSE_UNITS = 6000  # above this many sentences+clauses, compare whole sentences only (memory is quadratic)


@dataclass(frozen=True)
class SentenceUnit:
    """One sentence of the story, with the evidence the pair score reads."""

    article_index: int
    sentence: int
    ref: SentenceRef
    text: str
    stems: frozenset[str]
    entities: frozenset[str]
    numbers: frozenset[tuple[float, str | None]]


def sentence_units(articles: Sequence[AnnotatedArticle]) -> list[SentenceUnit]:
    units: list[SentenceUnit] = []
    for article_index, annotated in enumerate(articles):
        entities: dict[int, set[str]] = {}
        for mention in annotated.mentions:
            entities.setdefault(mention.sentence, set()).add(mention.entity_id or mention.text.lower())
        numbers: dict[int, set[tuple[float, str | None]]] = {}
        for number in annotated.numbers:
            numbers.setdefault(number.sentence, set()).add((number.value, number.unit))
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
                    entities=frozenset(entities.get(index, ())),
                    numbers=frozenset(numbers.get(index, ())),
                )
            )
    return units


def semantic_similarity(units: Sequence[SentenceUnit], encoder: TextEncoder) -> tuple[FloatMatrix, FloatMatrix]:
    """(sentence vectors, best cosine between the two sentences or any of their clauses)."""
    owners: list[int] = []
    texts: list[str] = []
    for index, unit in enumerate(units):
        texts.append(unit.text)
        owners.append(index)
    sentence_vectors = np.asarray(encoder.encode(texts), dtype=np.float64)
    clause_texts: list[str] = []
    clause_owners: list[int] = []
    for index, unit in enumerate(units):
        for clause in clauses(unit.text):
            clause_texts.append(clause)
            clause_owners.append(index)
    if not clause_texts or len(units) + len(clause_texts) > MAX_CLAUSE_UNITS:
        return sentence_vectors, sentence_vectors @ sentence_vectors.T
    clause_vectors = np.asarray(encoder.encode(clause_texts), dtype=np.float64)
    vectors = np.vstack([sentence_vectors, clause_vectors])
    owner = np.asarray(owners + clause_owners)
    order = np.argsort(owner, kind="stable")
    vectors, owner = vectors[order], owner[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    unit_similarity = vectors @ vectors.T
    best = np.maximum.reduceat(np.maximum.reduceat(unit_similarity, starts, axis=0), starts, axis=1)
    return sentence_vectors, best


def lexical_similarity(units: Sequence[SentenceUnit]) -> FloatMatrix:
    """Shared content stems (Dice), named entities, numbers and fuzzy token-set overlap, as one bonus."""
    n = len(units)
    result = np.zeros((n, n))
    if n == 0:
        return result
    fuzzy = process.cdist(
        [u.text.lower() for u in units], [u.text.lower() for u in units], scorer=fuzz.token_set_ratio, workers=1
    )
    for i in range(n):
        for j in range(i + 1, n):
            first, second = units[i], units[j]
            if first.article_index == second.article_index:
                continue
            shared_entities = len(first.entities & second.entities)
            shared_numbers = len({v for v in first.numbers if v[0] not in (1.0, 2.0)} & second.numbers)
            bonus = (
                LEXICAL_WEIGHT * dice(first.stems, second.stems)
                + min(ENTITY_CAP, ENTITY_WEIGHT * max(0, shared_entities - 1))
                + NUMBER_WEIGHT * min(2, shared_numbers)
                + FUZZ_WEIGHT * float(fuzzy[i, j]) / 100.0
            )
            result[i, j] = result[j, i] = bonus
    return result


def pair_scores(units: Sequence[SentenceUnit], encoder: TextEncoder) -> tuple[FloatMatrix, FloatMatrix]:
    """(sentence vectors, cross-article pair scores); pairs within one article score -inf."""
    vectors, semantic = semantic_similarity(units, encoder)
    scores = semantic + lexical_similarity(units)
    article = np.asarray([u.article_index for u in units])
    scores[article[:, None] == article[None, :]] = -np.inf
    return vectors, scores


def group_sentences(units: Sequence[SentenceUnit], scores: FloatMatrix, threshold: float) -> list[list[int]]:
    """Constrained average-linkage agglomeration over the pair scores (see the module docstring)."""
    cluster_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    rows, columns = np.nonzero(np.triu(scores, k=1) >= threshold)
    order = np.argsort(-scores[rows, columns], kind="stable")
    for position in order:
        first, second = cluster_of[int(rows[position])], cluster_of[int(columns[position])]
        if first == second:
            continue
        left, right = members[first], members[second]
        if {units[i].article_index for i in left} & {units[j].article_index for j in right}:
            continue
        if float(np.mean(scores[np.ix_(left, right)])) < threshold:
            continue
        members[first] = left + right
        for index in right:
            cluster_of[index] = first
        del members[second]
    return [sorted(group) for group in members.values()]


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
    for indices in group_sentences(units, scores, GROUP_THRESHOLD):
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
