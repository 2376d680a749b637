"""Hand-built stories for the summary tests: small texts written here, annotated by hand."""

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
    FactGroup,
    Fusion,
    Mention,
    NumberMention,
    Sentence,
    SentenceRef,
    SourceFamily,
    Story,
    article_id_for,
)


class BagOfWordsEncoder:
    """A deterministic stand-in for the sentence encoder: hashed word counts, L2-normalised."""

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        vectors = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[row, zlib.crc32(word.encode()) % 512] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


def annotated(
    text: str,
    outlet: str,
    published: date | None = None,
    entities: Sequence[str] = (),
    numbers: Sequence[tuple[str, float, str | None]] = (),
) -> AnnotatedArticle:
    """An article whose sentences end at '. ', with the named entities and numbers marked where they occur."""
    article = Article(id=article_id_for(text + outlet), text=text, outlet=outlet, published=published)
    sentences: list[Sentence] = []
    start = 0
    for match in re.finditer(r"[.!?](?=\s|$)", text):
        sentences.append(Sentence(start=start, end=match.end(), paragraph=0))
        start = match.end() + 1
    result = AnnotatedArticle(article=article, sentences=sentences, reference_date=published)

    def sentence_of(offset: int) -> int:
        return next(i for i, s in enumerate(sentences) if s.start <= offset < s.end)

    for name in entities:
        for found in re.finditer(re.escape(name), text):
            sentence = sentence_of(found.start())
            result.mentions.append(
                Mention(start=found.start(), end=found.end(), text=name, label="PERSON", sentence=sentence)
            )
    for surface, value, unit in numbers:
        for found in re.finditer(re.escape(surface), text):
            result.numbers.append(
                NumberMention(
                    start=found.start(), end=found.end(), text=surface, value=value, unit=unit,
                    sentence=sentence_of(found.start()),
                )
            )
    return result


def ref(article: AnnotatedArticle, index: int) -> SentenceRef:
    sentence = article.sentences[index]
    return SentenceRef(article_id=article.article.id, sentence=index, start=sentence.start, end=sentence.end)


def fusion_of(articles: Sequence[AnnotatedArticle], facts: Sequence[Sequence[SentenceRef]]) -> Fusion:
    """A one-story fusion, each article its own source family. Each fact is the sentences that report it,
    each supporting the others: as the fuse stage does, every one of them states a fact group of its own
    (itself first, then the others), with the id ``g<fact>.<member>``."""
    story = Story(
        id="story",
        article_ids=[a.article.id for a in articles],
        families=[SourceFamily(id=f"f-{a.article.id}", article_ids=[a.article.id], representative=a.article.id)
                  for a in articles],
    )
    fact_groups = []
    for number, reporting in enumerate(facts):
        for position, statement in enumerate(reporting):
            members = [statement, *(m for m in reporting if m != statement)]
            fact_groups.append(
                FactGroup(
                    id=f"g{number}.{position}",
                    members=members,
                    article_ids=list(dict.fromkeys(m.article_id for m in members)),
                    family_ids=list(dict.fromkeys(f"f-{m.article_id}" for m in members)),
                )
            )
    return Fusion(story=story, fact_groups=fact_groups)


def fact_of(group_id: str | None) -> str | None:
    """The fact (``g<fact>``) a group id of ``fusion_of`` states."""
    return group_id.split(".")[0] if group_id else None
