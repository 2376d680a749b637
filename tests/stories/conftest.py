"""Fixtures of the stories tests: the real encoder and analyser (loaded once), small hand-made articles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pytest
from numpy.typing import NDArray

from newsfuse.analyse import analyse
from newsfuse.embed import get_encoder
from newsfuse.model import AnnotatedArticle, Article, Mention, TextEncoder, article_id_for

Analyser = Callable[[list[Article]], list[AnnotatedArticle]]


@pytest.fixture(scope="session")
def encoder() -> TextEncoder:
    return get_encoder()


@pytest.fixture(scope="session")
def analyser() -> Analyser:
    def run(articles: list[Article]) -> list[AnnotatedArticle]:
        return analyse(articles)

    return run


def make_article(
    text: str, *, title: str | None = None, outlet: str | None = None, published: date | None = None
) -> Article:
    return Article(id=article_id_for(text), text=text, title=title, outlet=outlet, published=published)


def hand_annotated(
    text: str,
    names: list[str] = [],  # noqa: B006
    published: date | None = None,
    title: str | None = None,
) -> AnnotatedArticle:
    """An annotated article built by hand: each name becomes one ORG mention in the first sentence."""
    article = make_article(text, title=title, published=published)
    mentions = [Mention(start=0, end=len(name), text=name, label="ORG", sentence=0) for name in names]
    return AnnotatedArticle(article=article, mentions=mentions)


def unit(*values: float, dimension: int = 8) -> NDArray[np.float32]:
    """A unit vector from its first coordinates (the rest zero): hand-made embeddings with known cosines."""
    vector = np.zeros(dimension, dtype=np.float32)
    vector[: len(values)] = values
    result: NDArray[np.float32] = (vector / np.linalg.norm(vector)).astype(np.float32)
    return result
