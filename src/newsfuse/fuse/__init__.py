"""Fuse: one story's annotated articles → ``Fusion``: fact groups with their support, quotation
variants, conflicts."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.fuse.conflicts import find_conflicts
from newsfuse.fuse.facts import fact_groups
from newsfuse.fuse.quotes import quote_groups
from newsfuse.model import AnnotatedArticle, Entity, Fusion, Story, TextEncoder

__all__ = ["fuse"]


def fuse(
    story: Story, articles: Sequence[AnnotatedArticle], entities: Sequence[Entity], encoder: TextEncoder
) -> Fusion:
    """Group the story's sentences into facts (every sentence in exactly one group), its quotations into
    utterances (every quotation in exactly one group), and find where aligned facts disagree.

    Only the articles the story lists take part; their order is the story's."""
    by_id = {a.article.id: a for a in articles}
    members = [by_id[article_id] for article_id in dict.fromkeys(story.article_ids) if article_id in by_id]
    family_of = story.family_of()
    facts, units, scores = fact_groups(story, members, family_of, encoder)
    quotes = quote_groups(story.id, members, encoder)
    conflicts = find_conflicts(story.id, members, facts, units, scores, family_of, entities)
    return Fusion(story=story, entities=list(entities), fact_groups=facts, quote_groups=quotes, conflicts=conflicts)

