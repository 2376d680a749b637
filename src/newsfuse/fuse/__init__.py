"""Fuse: one story's annotated articles → ``Fusion``: for every sentence, the independent sources that
report it; quotation variants; conflicts."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.fuse.conflicts import find_conflicts
from newsfuse.fuse.facts import fact_groups, support_map
from newsfuse.fuse.quotes import quote_groups
from newsfuse.fuse.sources import independent_sources
from newsfuse.model import AnnotatedArticle, Entity, Fusion, FusionSettings, Story, TextEncoder

__all__ = ["fuse", "independent_sources"]


def fuse(
    story: Story,
    articles: Sequence[AnnotatedArticle],
    entities: Sequence[Entity],
    encoder: TextEncoder,
    settings: FusionSettings | None = None,
) -> Fusion:
    """Search every sentence's support in the story's other sources (one fact group per sentence: the
    sentence and its best supporter in each source that reports it), group its quotations into utterances,
    and find the slots sources fill with different values.

    Only the articles the story lists take part; their order is the story's."""
    settings = settings or FusionSettings()
    by_id = {a.article.id: a for a in articles}
    members = [by_id[article_id] for article_id in dict.fromkeys(story.article_ids) if article_id in by_id]
    source_of = independent_sources(story, members, settings)
    support = support_map(members, source_of, encoder, settings, story.first_published, entities)
    facts = fact_groups(story, members, support, settings)
    quotes = quote_groups(story.id, members, encoder)
    conflicts = find_conflicts(story.id, members, support, source_of, entities, settings)
    return Fusion(
        story=story, source_of=source_of, entities=list(entities), fact_groups=facts, quote_groups=quotes,
        conflicts=conflicts,
    )
