"""Fixtures for the analyse tests: the spaCy pipeline loads once per session, and small articles are annotated
through the stage's public function."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pytest
from spacy.language import Language

from newsfuse.analyse import analyse, load_nlp
from newsfuse.model import AnnotatedArticle, Article, Quotation, Settings, Span, article_id_for

Annotate = Callable[..., AnnotatedArticle]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def annotate(nlp: Language) -> Annotate:
    """Annotate one text; ``headings`` are substrings of it to mark as Article.headings."""

    def run(text: str, headings: Sequence[str] = (), published: date | None = None) -> AnnotatedArticle:
        spans = [Span(start=text.index(heading), end=text.index(heading) + len(heading)) for heading in headings]
        article = Article(id=article_id_for(text), text=text, headings=spans, published=published)
        [annotated] = analyse([article], Settings())
        return annotated

    return run


def quotation_starting(annotated: AnnotatedArticle, start_of_text: str) -> Quotation:
    """The first quotation whose text starts with ``start_of_text`` (the test fails, listing them, if none)."""
    found = [q for q in annotated.quotations if q.text.startswith(start_of_text)]
    assert found, [q.text for q in annotated.quotations]
    return found[0]
