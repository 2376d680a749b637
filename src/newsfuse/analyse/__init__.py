"""Analyse: ``Article`` → ``AnnotatedArticle``: sentences, entity mentions, quotations with speakers,
time expressions resolved against the publication date, numbers. One spaCy pipeline, loaded once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from newsfuse.model import AnnotatedArticle, Article, Settings


def analyse(articles: Sequence[Article], settings: Settings | None = None) -> list[AnnotatedArticle]:
    """Annotate articles in batches (``nlp.pipe``). Relative dates resolve against
    ``article.published`` (or ``settings.default_published``); without either they stay unresolved
    until ``resolve_times`` is called with a reference date."""
    raise NotImplementedError


def resolve_times(annotated: AnnotatedArticle, reference: date) -> AnnotatedArticle:
    """Re-resolve the article's time expressions against ``reference`` (a date inherited from its story)."""
    raise NotImplementedError
