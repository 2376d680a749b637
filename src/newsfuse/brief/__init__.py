"""Brief: ``Fusion`` → ``Brief``: cited summary, facts by how many independent sources report them, conflicts, quotation
table, timeline, main entities."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.brief import headline, sections
from newsfuse.brief.citations import citation_for_sentence, citations_for_group
from newsfuse.brief.summary import select_summary
from newsfuse.model import AnnotatedArticle, Brief, Fusion, Settings, TextEncoder

__all__ = ["citation_for_sentence", "citations_for_group", "make_brief"]


def make_brief(
    fusion: Fusion, articles: Sequence[AnnotatedArticle], encoder: TextEncoder, settings: Settings | None = None
) -> Brief:
    """Write the brief of one fused story. Only the story's own articles are shown and cited, in the
    story's order."""
    settings = settings or Settings()
    by_id = {a.article.id: a for a in articles}
    members = [by_id[i] for i in dict.fromkeys(fusion.story.article_ids) if i in by_id]
    members_by_id = {a.article.id: a for a in members}
    return Brief(
        story_id=fusion.story.id,
        headline=headline.headline(fusion, members_by_id),
        sources=sections.sources(fusion, members),
        summary=select_summary(fusion, members, encoder, settings.summary_words),
        coverage=sections.coverage(fusion, members_by_id, settings),
        conflicts=list(fusion.conflicts),
        quotations=sections.quotations(fusion, members_by_id),
        timeline=sections.timeline(fusion, members),
        entities=sections.entities(fusion, members_by_id),
    )
