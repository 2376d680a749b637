"""Stories: annotated articles → ``Story`` objects (same event together, syndicated copies as one
source family). Incremental: a new article joins a story or starts one."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import AnnotatedArticle, Story, TextEncoder


def group_stories(articles: Sequence[AnnotatedArticle], encoder: TextEncoder) -> list[Story]:
    """Group a batch of articles into stories (largest first)."""
    raise NotImplementedError
