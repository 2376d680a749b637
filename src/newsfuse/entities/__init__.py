"""Entities: mentions across a story → canonical entities ("Kim", "Kim Jong Un", "North Korea's Kim
Jong Un" → one; "Kim Sung-bae" → another). Fills ``Mention.entity_id`` and ``Quotation.speaker_entity``."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import AnnotatedArticle, Entity


def link_entities(articles: Sequence[AnnotatedArticle]) -> tuple[list[Entity], list[AnnotatedArticle]]:
    """Return the story's canonical entities (most mentioned first) and the articles with ids filled."""
    raise NotImplementedError
