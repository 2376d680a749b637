"""Stories: annotated articles → ``Story`` objects (same event together, syndicated copies as one
source family). Incremental: a new article joins a story or starts one (``StoryIndex``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray

from newsfuse.model import AnnotatedArticle, Story, TextEncoder

from .features import lead_text, salient_names
from .index import StoryIndex
from .settings import StoryParams
from .state import StoryIndexState

__all__ = ["StoryIndex", "StoryIndexState", "StoryParams", "group_stories", "lead_text", "salient_names"]


def group_stories(
    articles: Sequence[AnnotatedArticle],
    encoder: TextEncoder,
    params: StoryParams | None = None,
    vectors: NDArray[np.float32] | None = None,
) -> list[Story]:
    """Group a batch of articles into stories (largest first).

    The batch is fed to a ``StoryIndex`` in publication order (undated articles last, so they join
    the dated stories they belong to), exactly as a stream arriving in that order would be.
    ``vectors`` (one lead embedding per article, see ``lead_text``) skips encoding when already known."""
    if not articles:
        return []
    if vectors is None:
        vectors = encoder.encode([lead_text(a) for a in articles])
    if len(vectors) != len(articles):
        raise ValueError(f"{len(vectors)} vectors for {len(articles)} articles")
    order = sorted(
        range(len(articles)),
        key=lambda i: (articles[i].article.published is None, articles[i].article.published or date.min, i),
    )
    index = StoryIndex(encoder, params)
    for position in order:
        index.assign(articles[position], vectors[position])
    index.settle_stories()
    index.settle_threads()
    return index.stories()
