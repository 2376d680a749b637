"""Quotation groups: one utterance by one speaker, as each outlet rendered it.

Fragments one article quotes from the same speaker inside one sentence are parts of one utterance and
start as one unit. Units of different articles are then linked when they share the speaker (canonical
entity, else the speaker's name as written) and render the same words: encoder similarity of the quoted
text and of its sentence, plus how much of the shorter quotation's content words the longer one holds
(a short partial quote inside a longer one counts). Quotations of different speakers are never grouped;
quotations with no speaker join only a verbatim copy. Every quotation ends up in exactly one group.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from newsfuse.fuse.cluster import constrained_groups
from newsfuse.fuse.text import containment, content_stems
from newsfuse.model import AnnotatedArticle, Quotation, QuoteGroup, QuoteRef, TextEncoder

QUOTE_WEIGHT = 0.4
CONTEXT_WEIGHT = 0.6
OVERLAP_WEIGHT = 0.3
OVERLAP_FULL_WORDS = 3  # a shared single word is weak evidence; three shared content words are full evidence
STRONG_QUOTE_SIMILARITY = 0.6
GROUP_THRESHOLD = 0.62
# quotation units per story that are grouped: the scores are an n x n matrix (a story of 19 hostile
# articles of 2,000 quoted spans each needed more than 3 GB); past it, a quotation is a group of its own
MAX_GROUPED_UNITS = 2_000


@dataclass(frozen=True)
class _Unit:
    article_index: int
    speaker_key: str | None
    quotations: tuple[Quotation, ...]
    text: str
    context: str
    stems: frozenset[str]


def speaker_key(quotation: Quotation) -> str | None:
    if quotation.speaker_entity:
        return quotation.speaker_entity
    if quotation.speaker:
        return " ".join(quotation.speaker.lower().split())
    return None


def quote_groups(story_id: str, articles: Sequence[AnnotatedArticle], encoder: TextEncoder) -> list[QuoteGroup]:
    units = _units(articles)
    if not units:
        return []
    grouped = units[:MAX_GROUPED_UNITS]
    scores = _scores(grouped, encoder)
    groups = constrained_groups([u.article_index for u in grouped], scores, GROUP_THRESHOLD)
    groups += [[index] for index in range(len(grouped), len(units))]
    return [_quote_group(story_id, [units[i] for i in group], articles) for group in groups]


def _units(articles: Sequence[AnnotatedArticle]) -> list[_Unit]:
    units: list[_Unit] = []
    for article_index, annotated in enumerate(articles):
        fragments: dict[tuple[int, str | None], list[Quotation]] = {}
        for quotation in sorted(annotated.quotations, key=lambda q: q.start):
            key = speaker_key(quotation)
            # a quotation without speaker stays alone: nothing says two of them are one person
            slot = (quotation.sentence, key) if key is not None else (quotation.sentence, f"\0{quotation.id}")
            fragments.setdefault(slot, []).append(quotation)
        for (sentence, _), quotations in fragments.items():
            text = " ".join(" ".join(q.text.split()) for q in quotations)
            context = (
                " ".join(annotated.sentence_text(sentence).split())
                if 0 <= sentence < len(annotated.sentences)
                else text
            )
            units.append(
                _Unit(
                    article_index=article_index,
                    speaker_key=speaker_key(quotations[0]),
                    quotations=tuple(quotations),
                    text=text,
                    context=context,
                    stems=content_stems(text),
                )
            )
    return units


def _scores(units: Sequence[_Unit], encoder: TextEncoder) -> NDArray[np.float64]:
    n = len(units)
    scores = np.full((n, n), -np.inf)
    by_speaker: dict[str | None, list[int]] = {}  # only quotations of one speaker are compared
    for index, unit in enumerate(units):
        by_speaker.setdefault(unit.speaker_key, []).append(index)
    pairs = [
        (i, j)
        for members in by_speaker.values()
        for position, i in enumerate(members)
        for j in members[position + 1 :]
        if units[i].article_index != units[j].article_index
    ]
    # only quotations with a speaker on both sides are scored by meaning (a speakerless pair is a verbatim copy
    # or nothing), and a sentence's vector is needed only for pairs whose quoted words or meaning match at all
    spoken = [(i, j) for i, j in pairs if units[i].speaker_key is not None]
    for i, j in pairs:
        if units[i].speaker_key is None and units[i].text.lower() == units[j].text.lower():
            scores[i, j] = scores[j, i] = np.inf
    if not spoken:
        return scores
    quote_vectors = _vectors(units, sorted({k for pair in spoken for k in pair}), lambda u: u.text, encoder)
    # (overlap, quote similarity) of the pairs whose words or meaning match; the rest stay -inf: same topic,
    # different utterance
    matching: dict[tuple[int, int], tuple[float, float]] = {}
    for i, j in spoken:
        overlap, similarity = _overlap(units[i], units[j]), float(quote_vectors[i] @ quote_vectors[j])
        if overlap > 0.0 or similarity >= STRONG_QUOTE_SIMILARITY:
            matching[i, j] = (overlap, similarity)
    context_vectors = _vectors(units, sorted({k for pair in matching for k in pair}), lambda u: u.context, encoder)
    for (i, j), (overlap, similarity) in matching.items():
        context_similarity = float(context_vectors[i] @ context_vectors[j])
        scores[i, j] = scores[j, i] = (
            QUOTE_WEIGHT * similarity + CONTEXT_WEIGHT * context_similarity + OVERLAP_WEIGHT * overlap
        )
    return scores


def _vectors(
    units: Sequence[_Unit], indices: list[int], text_of: Callable[[_Unit], str], encoder: TextEncoder
) -> dict[int, NDArray[np.float64]]:
    if not indices:
        return {}
    encoded = np.asarray(encoder.encode([text_of(units[i]) for i in indices]), dtype=np.float64)
    return {index: encoded[row] for row, index in enumerate(indices)}


def _overlap(first: _Unit, second: _Unit) -> float:
    shorter, longer = sorted((first.stems, second.stems), key=len)
    return containment(shorter, longer) * min(1.0, len(shorter & longer) / OVERLAP_FULL_WORDS)


def _quote_group(story_id: str, units: Sequence[_Unit], articles: Sequence[AnnotatedArticle]) -> QuoteGroup:
    renderings: list[QuoteRef] = []
    for unit in units:
        article_id = articles[unit.article_index].article.id
        for quotation in unit.quotations:
            renderings.append(
                QuoteRef(
                    article_id=article_id,
                    quotation_id=quotation.id,
                    start=quotation.start,
                    end=quotation.end,
                    text=quotation.text,
                )
            )
    first = units[0].quotations[0]
    named = next((q for u in units for q in u.quotations if q.speaker), first)
    key = "|".join(r.quotation_id for r in renderings)
    return QuoteGroup(
        id="quote-" + hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:12],
        speaker=named.speaker,
        speaker_entity=first.speaker_entity,
        renderings=renderings,
    )
