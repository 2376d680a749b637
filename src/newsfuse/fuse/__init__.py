"""Fuse: one story's annotated articles → ``Fusion``: fact groups with their support, quotation
variants, conflicts."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import AnnotatedArticle, Entity, Fusion, Story, TextEncoder


def fuse(story: Story, articles: Sequence[AnnotatedArticle], entities: Sequence[Entity], encoder: TextEncoder) -> Fusion:
    raise NotImplementedError
