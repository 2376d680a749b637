"""Facts: for every sentence of a story, which other independent sources report what it states.

Support is searched, not assumed: every sentence is compared with the sentences of every other source
(``fuse/support.py``), and a sentence is reported by a source when one of that source's sentences supports
it. Each sentence thus becomes one ``FactGroup``: the sentence as statement, then the best supporting
sentence of each other source. A sentence whose only candidate in a source states another value of a
quantity it gives is not supported by that source: that is a conflict, found by ``fuse/conflicts.py``.

Units are claims: a long sentence is cut into its clauses (each keeps its own character span), so that a
fact another source reports and one it does not, stated in one sentence, are told apart. A quotation that
runs over several sentences is one unit, and a sentence holding a quotation is not cut, so quoted words
stay whole. Only the first
``max_sentences_per_article`` sentences of an article take part (a bound on any article's cost); the rest
are left out of fusion, not of the brief's sources.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsfuse.fuse.quantities import quantities
from newsfuse.fuse.support import StoryVectors, Unit, candidates, conflicting, judge_pairs
from newsfuse.fuse.text import clause_spans, clauses, content_stems
from newsfuse.model import (
    AnnotatedArticle,
    FactGroup,
    FusionSettings,
    Mention,
    SentenceRef,
    Story,
    TextEncoder,
    TimeExpression,
)

MIN_CLAUSE_STEMS = 3


@dataclass
class SupportMap:
    """Every unit, the pairs judged, and each unit's best supporter per other source."""

    units: list[Unit]
    story: StoryVectors | None
    judged: dict[tuple[int, int], tuple[float, bool]]  # (i, j) with i < j → (probability, conflicting)
    supporters: dict[int, dict[str, tuple[int, float]]]  # unit → source → (unit, probability)


def units_of(
    articles: Sequence[AnnotatedArticle], source_of: dict[str, str], story_start: date | None, settings: FusionSettings
) -> list[Unit]:
    units: list[Unit] = []
    for article_index, annotated in enumerate(articles):
        text = annotated.article.text
        numbers = quantities(article_index, annotated, story_start, settings)
        mentions: dict[int, list[Mention]] = {}
        for mention in annotated.mentions:
            mentions.setdefault(mention.sentence, []).append(mention)
        times: dict[int, list[TimeExpression]] = {}
        reference = annotated.reference_date.isoformat() if annotated.reference_date else None
        for time in annotated.times:
            if time.value and time.value != reference:  # the publication day is in half of a report's sentences
                times.setdefault(time.sentence, []).append(time)
        limit = min(len(annotated.sentences), settings.max_sentences_per_article)
        quoted = [(q.start, q.end) for q in annotated.quotations]
        for first, last in _segments(annotated, limit):
            segment_start, segment_end = annotated.sentences[first].start, annotated.sentences[last].end
            for start, end in _claims(text, segment_start, segment_end, quoted, settings):
                claim_text = " ".join(text[start:end].split())
                units.append(
                    Unit(
                        article_index=article_index,
                        source=source_of[annotated.article.id],
                        sentence=first,
                        start=start,
                        end=end,
                        text=claim_text,
                        stems=content_stems(claim_text),
                        clauses=tuple(
                            stems for part in clauses(claim_text)
                            if len(stems := content_stems(part)) >= MIN_CLAUSE_STEMS
                        ),
                        entities=frozenset(
                            mention.entity_id or " ".join(mention.text.lower().split())
                            for i in range(first, last + 1) for mention in mentions.get(i, ())
                            if start <= mention.start < end
                        ),
                        quantities=tuple(q for q in numbers if first <= q.sentence <= last and start <= q.start < end),
                        people=frozenset(
                            mention.entity_id or " ".join(mention.text.lower().split())
                            for i in range(first, last + 1) for mention in mentions.get(i, ())
                            if start <= mention.start < end and mention.label == "PERSON"
                        ),
                        dates=frozenset(
                            time.value for i in range(first, last + 1) for time in times.get(i, ())
                            if time.value and start <= time.start < end
                        ),
                    )
                )
    return units


def _claims(
    text: str, start: int, end: int, quoted: Sequence[tuple[int, int]], settings: FusionSettings
) -> list[tuple[int, int]]:
    """The claims of one unit's text: its clauses when it is a long sentence, never cut inside a quotation
    (quoted words stay whole: a claim holding a quotation holds all of it)."""
    if len(text[start:end].split()) < settings.claim_min_sentence_words:
        return [(start, end)]
    inside = [(a, b) for a, b in quoted if a < end and start < b]
    claims: list[tuple[int, int]] = []
    for claim_start, claim_end in clause_spans(text, start, end):
        if claims and any(a < claim_start < b for a, b in inside):
            claims[-1] = (claims[-1][0], claim_end)  # the cut fell inside quotation marks: undo it
        else:
            claims.append((claim_start, claim_end))
    return claims


def _segments(annotated: AnnotatedArticle, limit: int) -> list[tuple[int, int]]:
    """(first, last) sentence of each unit: a sentence, or the sentences one speech quotation spans."""
    spans = [(q.start, q.end) for q in annotated.quotations if q.kind == "speech"]
    segments: list[tuple[int, int]] = []
    index = 0
    while index < limit:
        last = index
        while last + 1 < limit and any(
            start < annotated.sentences[last].end <= end - 1 and start < annotated.sentences[last + 1].start < end
            for start, end in spans
        ):
            last += 1
        segments.append((index, last))
        index = last + 1
    return segments


def support_map(
    articles: Sequence[AnnotatedArticle],
    source_of: dict[str, str],
    encoder: TextEncoder,
    settings: FusionSettings,
    story_start: date | None = None,
) -> SupportMap:
    units = units_of(articles, source_of, story_start, settings)
    by_source: dict[str, list[int]] = {}
    for index, unit in enumerate(units):
        by_source.setdefault(unit.source, []).append(index)
    if len(by_source) < 2:  # one source: nothing to search, and no sentence needs encoding for it
        return SupportMap(units, None, {}, {i: {} for i in range(len(units))})
    vectors = np.asarray(encoder.encode([u.text for u in units]), dtype=np.float32)
    story = StoryVectors(units, vectors)
    pairs: dict[tuple[int, int], float] = {}
    for left, right in itertools.combinations(list(by_source.values()), 2):
        pairs.update(candidates(story, left, right, settings))
    judged = {
        (min(j.first, j.second), max(j.first, j.second)): (j.probability, j.conflicting)
        for j in judge_pairs(story, units, pairs, settings)
    }
    supporters: dict[int, dict[str, tuple[int, float]]] = {i: {} for i in range(len(units))}
    for (first, second), (p, clash) in judged.items():
        if clash or p < settings.support_threshold:
            continue
        for this, other in ((first, second), (second, first)):
            source = units[other].source
            best = supporters[this].get(source)
            if best is None or p > best[1]:
                supporters[this][source] = (other, p)
    return SupportMap(units, story, judged, supporters)


def fact_groups(
    story: Story, articles: Sequence[AnnotatedArticle], support: SupportMap, tolerance: float = 0.02
) -> list[FactGroup]:
    """One group per unit: the unit as statement, then its best supporter in each other source."""
    groups: list[FactGroup] = []
    centrality = _centrality(support)
    for index in range(len(support.units)):
        members = [index]
        for other, _ in sorted(support.supporters[index].values(), key=lambda x: -x[1]):
            # supporters agree with the statement; they must not give each other's figures other values either
            if not any(conflicting(support.units[other], support.units[kept], tolerance) for kept in members[1:]):
                members.append(other)
        refs = [_ref(support.units[i], articles) for i in members]
        groups.append(
            FactGroup(
                id=_group_id(story.id, refs),
                members=refs,
                article_ids=list(dict.fromkeys(r.article_id for r in refs)),
                family_ids=list(dict.fromkeys(support.units[i].source for i in members)),
                centrality=round(float(centrality[index]), 6),
            )
        )
    return groups


def _centrality(support: SupportMap) -> np.ndarray:
    if support.story is None or not support.units:
        return np.zeros(len(support.units))
    vectors = support.story.vectors
    centroid = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    return np.asarray(vectors @ (centroid / norm) if norm > 0 else np.zeros(len(support.units)))


def _ref(unit: Unit, articles: Sequence[AnnotatedArticle]) -> SentenceRef:
    return SentenceRef(
        article_id=articles[unit.article_index].article.id, sentence=unit.sentence, start=unit.start, end=unit.end
    )


def _group_id(story_id: str, refs: Sequence[SentenceRef]) -> str:
    key = "|".join(f"{r.article_id}:{r.sentence}" for r in refs[:1])
    return "fact-" + hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:12]
