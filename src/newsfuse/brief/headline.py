"""The brief's headline: an article title holding the lead fact, else the gist of the lead claim."""

from __future__ import annotations

from collections.abc import Mapping

from newsfuse.model import AnnotatedArticle, FactGroup, Fusion, SentenceRef

# an article analysed before gists were read from the parse (a store's older rows) is named by a claim this short
CLAIM_WORDS = 14


def headline(fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle]) -> str | None:
    """The title of an article holding the lead fact (the most widely reported, preferably in an opening
    sentence, then the most central), else the story's own headline when its articles have titles. An untitled
    story is named by the gist of its best-supported lead claim: the main clause of the sentence stating it, in
    a few words of its own (``Sentence.gist``, read from the parse), never a sentence cut with "…"; without
    gists, by its shortest such claim of at most ``CLAIM_WORDS`` words; else by the stories stage's headline,
    else by its lead sentence whole."""
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
    # a headline says what the leads say, not what a later paragraph adds
    leads = [g for g in groups if len(g.family_ids) == best and any(m.sentence == 0 for m in g.members)]
    for group in leads:
        gist = _lead_gist(group, articles_by_id)
        if gist:
            return gist
    for group in leads:
        article = articles_by_id.get(group.statement.article_id)
        claim = _sentence_text(group.statement, article) if article is not None else ""
        if 4 <= len(claim.split()) <= CLAIM_WORDS and claim[:1].isupper():
            return claim
    if fusion.story.headline:
        return fusion.story.headline
    lead = articles_by_id.get(groups[0].statement.article_id)
    return _sentence_text(groups[0].statement, lead) if lead is not None else None


def _lead_gist(group: FactGroup, articles_by_id: Mapping[str, AnnotatedArticle]) -> str | None:
    """The gist of a sentence stating the fact: an opening sentence's first, the statement's before the rest."""
    refs = sorted(group.members, key=lambda ref: ref.sentence != 0)
    for ref in refs:
        article = articles_by_id.get(ref.article_id)
        gist = article.sentence_gist(ref.sentence) if article is not None else None
        if gist:
            return gist
    return None


def _sentence_text(ref: SentenceRef, article: AnnotatedArticle) -> str:
    return " ".join(article.article.text[ref.start : ref.end].split()).rstrip(" .,;:")
