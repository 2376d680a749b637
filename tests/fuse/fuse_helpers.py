"""Small hand-annotated articles for the fuse and brief tests: texts written here, offsets found by search."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray

from newsfuse.model import (
    AnnotatedArticle,
    Article,
    EntityLabel,
    Mention,
    NumberMention,
    Quotation,
    QuoteKind,
    Sentence,
    Span,
    Story,
    TimeExpression,
    TimeGranularity,
    article_id_for,
)


class HashedWordsEncoder:
    """A deterministic stand-in for the sentence encoder: hashed word counts, L2-normalised."""

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        vectors = np.zeros((len(texts), 1024), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[row, zlib.crc32(word.encode()) % 1024] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def build(
    text: str,
    outlet: str,
    published: date | None = date(2025, 3, 5),
    *,
    mentions: Sequence[tuple[str, EntityLabel, str]] = (),
    quotes: Sequence[tuple[str, str | None, QuoteKind]] = (),
    times: Sequence[tuple[str, str, TimeGranularity]] = (),
    numbers: Sequence[tuple[str, float, str | None]] = (),
    title: str | None = None,
) -> AnnotatedArticle:
    """An article whose sentences end at '. ' with the given mentions (surface, label, entity id), quotations
    (text, speaker entity id, kind), dates (surface, value, granularity) and numbers marked where they occur."""
    article = Article(
        id=article_id_for(text + outlet), text=text, outlet=outlet, published=published, title=title
    )
    sentences: list[Sentence] = []
    start = 0
    for match in re.finditer(r"[.!?][\"”]?(?=\s|$)", text):
        sentences.append(Sentence(start=start, end=match.end(), paragraph=0))
        start = match.end() + 1

    def sentence_of(offset: int) -> int:
        return next(i for i, s in enumerate(sentences) if s.start <= offset < s.end)

    result = AnnotatedArticle(article=article, sentences=sentences, reference_date=published)
    for surface, label, entity_id in mentions:
        for found in re.finditer(re.escape(surface), text):
            result.mentions.append(
                Mention(start=found.start(), end=found.end(), text=surface, label=label,
                        sentence=sentence_of(found.start()), entity_id=entity_id)
            )
    for quoted, speaker, kind in quotes:
        found_at = text.index(quoted)
        speaker_name = speaker.split("-")[-1].title() if speaker else None  # "person-holt": Holt
        # the mention naming the speaker: after the words ('"...," Holt said'), else earlier (a pronoun's antecedent)
        named_at = -1 if speaker_name is None else text.find(speaker_name, found_at)
        if named_at < 0 and speaker_name is not None:
            named_at = text.find(speaker_name)
        speaker_span = None if speaker is None else (
            Span(start=named_at, end=named_at + len(speaker_name or "")) if named_at >= 0 else Span(start=0, end=1)
        )
        result.quotations.append(
            Quotation(
                id=f"{article.id}:{found_at}", start=found_at, end=found_at + len(quoted), text=quoted, kind=kind,
                speaker=speaker_name, speaker_entity=speaker, sentence=sentence_of(found_at),
                speaker_span=speaker_span,
            )
        )
    for surface, value, granularity in times:
        found_at = text.index(surface)
        result.times.append(
            TimeExpression(start=found_at, end=found_at + len(surface), text=surface,
                           sentence=sentence_of(found_at), value=value, granularity=granularity)
        )
    for surface, number, unit in numbers:
        found_at = text.index(surface)
        result.numbers.append(
            NumberMention(start=found_at, end=found_at + len(surface), text=surface, value=number, unit=unit,
                          sentence=sentence_of(found_at))
        )
    return result


def story_of(*articles: AnnotatedArticle, story_id: str = "story-1") -> Story:
    return Story(id=story_id, article_ids=[a.article.id for a in articles])
