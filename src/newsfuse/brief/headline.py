"""The brief's headline: an article title holding the lead fact, else a claim short enough to be one."""

from __future__ import annotations

from collections.abc import Mapping

from newsfuse.model import AnnotatedArticle, Fusion, SentenceRef

HEADLINE_WORDS = 18


def headline(fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle]) -> str | None:
    """The title of an article holding the lead fact (the most widely reported, preferably in an opening
    sentence, then the most central), else the story's own headline when its articles have titles; an
    untitled story is named by its shortest best-supported claim of at most ``HEADLINE_WORDS`` words (a
    claim, not a sentence cut with "…"), else by its lead sentence whole."""
    groups = sorted(
        fusion.fact_groups,
        key=lambda g: (-len(g.family_ids), not any(m.sentence == 0 for m in g.members), -g.centrality),
    )
    for group in groups[:1]:
        for member in group.members:
            article = articles_by_id.get(member.article_id)
            if article is not None and article.article.title:
                return article.article.title
    if fusion.story.headline and any(a.article.title for a in articles_by_id.values()):
        return fusion.story.headline
    if not groups:
        return fusion.story.headline
    best = len(groups[0].family_ids)
    for group in groups:
        if len(group.family_ids) < best or not any(m.sentence == 0 for m in group.members):
            break  # a headline says what the leads say, not what a later paragraph adds
        article = articles_by_id.get(group.statement.article_id)
        text = " ".join(_claim_text(group.statement, article).split()) if article is not None else ""
        if 4 <= len(text.split()) <= HEADLINE_WORDS and text[:1].isupper():
            return text.rstrip(" .,;:")
    lead = articles_by_id.get(groups[0].statement.article_id)
    return _sentence_text(groups[0].statement, lead) if lead is not None else fusion.story.headline


def _claim_text(ref: SentenceRef, article: AnnotatedArticle) -> str:
    return article.article.text[ref.start : ref.end]


def _sentence_text(ref: SentenceRef, article: AnnotatedArticle) -> str:
    return " ".join(article.article.text[ref.start : ref.end].split())
