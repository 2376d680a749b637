"""Fact groups: sentences of different articles that report the same thing, by meaning and wording.

Each sentence pair across articles gets a score: the best encoder similarity between the two sentences
or any of their clauses (a long sentence often carries two facts), plus lexical evidence (shared content
stems weighted by their rarity in the story, shared numbers and dates). Groups are then built by constrained
average-linkage agglomeration: the best-scoring pairs merge first, a merge must keep the group's average
score above the threshold, and a group takes at most one sentence of an article. Every sentence ends up
in exactly one group, singletons included, so "only one source reports it" is well defined.

A group is also a set of citations: whichever member the brief states, the others are cited for it. So a
merge needs agreement between the sentences it joins, on the evidence the brief's support check reads:
* two sentences make a group only if they say something close (plain encoder cosine) and, when both name
  entities, they share one (else they are about other people or places) or state a number of the same
  unit (the same quantity, credited to different sources: "14 injured, the fire service said" and "12
  injured, city officials said" are one fact, and a conflict);
* a group of three or more takes a sentence only if it agrees with every member as a citation must with
  its fact: cosine and key items (entities, numbers) at the support check's floors, both ways. Average
  linkage alone lets a sentence ride in on its neighbours' scores, and the brief cites every member.
The pair rule is the looser one because a pair's own score is already its evidence, and because the seed
pair's gold shows the same fact rendered with other names (Putin "thanked" Kim, in one outlet through a
quotation naming "Russian policy") that the support check's floors would split. A number of the same unit
with another value does not count against agreement: that is a conflict, found by conflict detection
inside a group.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
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
# The floors of the brief's support check (brief/support.py) for a group of three or more. For a pair, a
# looser cosine, below the seed pair's gold same-fact pairs (the lowest at 0.46): under it two sentences
# share a topic rather than a fact.
AGREEMENT_COSINE = 0.5
AGREEMENT_KEY_COVERAGE = 0.5
PAIR_COSINE = 0.4

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


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
    entities: tuple[tuple[str, str], ...] = ()  # (canonical id or text, lowercased text) of each entity named
    values: frozenset[float] = frozenset()  # numeric values stated: the analysed numbers, else the digits


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
        entities: dict[int, dict[str, str]] = {}
        for mention in annotated.mentions:
            name = " ".join(mention.text.lower().split())
            entities.setdefault(mention.sentence, {})[mention.entity_id or name] = name
        for index, sentence in enumerate(annotated.sentences):
            text = " ".join(annotated.article.text[sentence.start : sentence.end].split())
            values = {value for value, _ in numbers.get(index, ())} or _digit_values(text)
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
                    entities=tuple(entities.get(index, {}).items()),
                    values=frozenset(values),
                )
            )
    return units


def _digit_values(text: str) -> set[float]:
    values: set[float] = set()
    for match in _DIGITS.finditer(text):
        try:
            values.add(float(match.group().replace(",", "")))
        except ValueError:
            continue
    return values


def key_coverage(fact: SentenceUnit, other: SentenceUnit) -> float:
    """Share of ``fact``'s key items that ``other`` carries: an entity by canonical id or by its name in the
    text; a number by its value, or by another value of the same unit (a conflict, not a different fact).
    1.0 when ``fact`` names none."""
    keys = len(fact.entities) + len(fact.values)
    if keys == 0:
        return 1.0
    other_ids = {key for key, _ in other.entities}
    other_text = other.text.lower()
    carried = sum(1 for key, name in fact.entities if key in other_ids or name in other_text)
    other_units = {unit for _, unit in other.numbers if unit}
    counted = {value for value, unit in fact.numbers if unit in other_units}
    carried += len(fact.values & (other.values | counted))
    return carried / keys


def shares_entity(first: SentenceUnit, second: SentenceUnit) -> bool:
    """False only when both name entities and none of one's is in the other."""
    if not first.entities or not second.entities:
        return True
    first_ids = {key for key, _ in first.entities}
    if any(key in first_ids or name in first.text.lower() for key, name in second.entities):
        return True
    return any(name in second.text.lower() for _, name in first.entities)


def shares_quantity(first: SentenceUnit, second: SentenceUnit) -> bool:
    """Both state a number of the same unit ("14 people", "12 people"): the same quantity, whoever each
    sentence credits for it, so the same fact or a conflict about it."""
    units = {unit for _, unit in first.numbers if unit}
    return any(unit in units for _, unit in second.numbers if unit)


def merge_rule(
    units: Sequence[SentenceUnit], vectors: FloatMatrix, families: Sequence[str] | None = None
) -> Callable[[list[int], list[int]], bool]:
    """Whether two groups (lists of unit indices) may merge: the pair rule while the group holds two
    independent sources, agreement of every cross pair beyond (see the module's docstring). ``families``
    gives each unit's source family: a syndicated copy is the same source as its original, so it neither
    makes a pair a larger group nor needs to agree with its own original. Pairs are judged on demand and
    remembered: only the merges the agglomeration considers cost anything."""
    family = list(families) if families is not None else [str(u.article_index) for u in units]
    pairs: dict[tuple[int, int], bool] = {}
    agreed: dict[tuple[int, int], bool] = {}

    def cosine(first: int, second: int) -> float:
        return float(vectors[first] @ vectors[second])

    def pair_ok(first: int, second: int) -> bool:
        key = (min(first, second), max(first, second))
        if key not in pairs:
            a, b = units[first], units[second]
            pairs[key] = cosine(*key) >= PAIR_COSINE and (shares_entity(a, b) or shares_quantity(a, b))
        return pairs[key]

    def agree(first: int, second: int) -> bool:
        key = (min(first, second), max(first, second))
        if key not in agreed:
            a, b = units[first], units[second]
            agreed[key] = (
                cosine(*key) >= AGREEMENT_COSINE
                and key_coverage(a, b) >= AGREEMENT_KEY_COVERAGE
                and key_coverage(b, a) >= AGREEMENT_KEY_COVERAGE
            )
        return agreed[key]

    def may_merge(left: list[int], right: list[int]) -> bool:
        cross = [(i, j) for i in left for j in right if family[i] != family[j]]
        if len({family[i] for i in (*left, *right)}) <= 2:
            return all(pair_ok(i, j) for i, j in cross)
        return all(agree(i, j) for i, j in cross)

    return may_merge


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
    units: Sequence[SentenceUnit],
    scores: FloatMatrix,
    threshold: float,
    per_article: int = 1,
    may_merge: Callable[[list[int], list[int]], bool] | None = None,
) -> list[list[int]]:
    """Indices of ``units`` grouped by constrained average linkage over the pair scores; with
    ``may_merge``, only merges it consents to."""
    return constrained_groups([u.article_index for u in units], scores, threshold, per_article, may_merge)


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
    article_ids_of_units = [articles[u.article_index].article.id for u in units]
    may_merge = merge_rule(units, vectors, [family_of.get(a, a) for a in article_ids_of_units])
    for indices in group_sentences(units, scores, GROUP_THRESHOLD, MAX_PER_ARTICLE, may_merge):
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
