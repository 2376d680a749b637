"""Analyse: ``Article`` → ``AnnotatedArticle``: sentences, entity mentions, quotations with speakers,
time expressions resolved against the publication date, numbers. One spaCy pipeline, loaded once."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.tokens import Doc

from newsfuse.model import AnnotatedArticle, Article, Settings

from .dates import find_time_expressions, resolve_times
from .gist import with_gists
from .mentions import find_mentions
from .nlp import load_nlp, parse_articles
from .numbers import find_numbers
from .quotes import find_quotations
from .sentences import sentence_locator, split_sentences

__all__ = ["analyse", "load_nlp", "resolve_times"]

_log = logging.getLogger(__name__)


def analyse(articles: Sequence[Article], settings: Settings | None = None) -> list[AnnotatedArticle]:
    """Annotate articles in batches (``nlp.pipe``). Relative dates resolve against
    ``article.published`` (or ``settings.default_published``); without either they stay unresolved
    until ``resolve_times`` is called with a reference date."""
    settings = settings or Settings()
    return [
        _annotate(article, doc, settings)
        for article, doc in zip(articles, parse_articles(articles, settings.batch_size), strict=True)
    ]


def _annotate(article: Article, doc: Doc, settings: Settings) -> AnnotatedArticle:
    reference = article.published or settings.default_published
    annotated = AnnotatedArticle(article=article, reference_date=reference)
    annotated.sentences = split_sentences(doc, article.text, article.headings)
    sentence_of = sentence_locator(annotated.sentences)
    annotated.mentions = find_mentions(doc, article.text, sentence_of)
    try:
        annotated.sentences = with_gists(doc, article.text, annotated.sentences)
    except Exception:
        _log.exception("headline gists failed on article %s (%s)", article.id, article.source)
    # one article's odd text must not stop the batch: a failing annotator leaves its field empty, and says so
    try:
        annotated.quotations = find_quotations(doc, article, annotated.sentences, annotated.mentions, sentence_of)
    except Exception:
        _log.exception("quotation detection failed on article %s (%s)", article.id, article.source)
    try:
        annotated.times = find_time_expressions(doc, sentence_of, reference)
    except Exception:
        _log.exception("time expressions failed on article %s (%s)", article.id, article.source)
    try:
        annotated.numbers = find_numbers(doc, article.text, sentence_of)
    except Exception:
        _log.exception("number detection failed on article %s (%s)", article.id, article.source)
    return annotated
