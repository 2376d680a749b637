"""The brief's headline: an article title holding the lead fact, else the gist of the lead claim."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from newsfuse.model import HEADLINE_MAX_WORDS, AnnotatedArticle, FactGroup, Fusion, SentenceRef, after_dateline

# the longest untitled headline: a claim or a stories-stage headline longer than this is never shown as one
CLAIM_WORDS = HEADLINE_MAX_WORDS


def headline(fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle]) -> str | None:
    """The title of an article holding the lead fact (the most widely reported, preferably in an opening
    sentence, then the most central), else the story's own headline when its articles have titles.

    An untitled story is named in at most ``CLAIM_WORDS`` words of its own text, never a sentence cut with "…":
    by the gist of its best-supported lead claim (the main clause of a sentence stating it, ``Sentence.gist``,
    read from the parse); else by such a claim short enough whole; else by the gist of the next best-supported
    claim stated in an opening sentence; else by the stories stage's headline when short enough; else by the
    gist of any opening sentence of its articles (a later one when an article's opening ones have none); else by
    the first of its articles' sentences short enough whole. None (the formats say "Untitled story") only when
    no sentence is."""
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
    best = len(groups[0].family_ids) if groups else 0
    # a headline says what the leads say, not what a later paragraph adds
    leads = [g for g in groups if len(g.family_ids) == best and any(m.sentence == 0 for m in g.members)]
    for group in leads:
        gist = _lead_gist(group, articles_by_id)
        if gist:
            return gist
    for group in leads:
        article = articles_by_id.get(group.statement.article_id)
        claim = _sentence_text(group.statement, article) if article is not None else ""
        if _short_enough(claim) and claim[:1].isupper():
            return claim
    for group in groups:
        gist = _lead_gist(group, articles_by_id)
        if gist:
            return gist
    if fusion.story.headline and _short_enough(fusion.story.headline):
        return fusion.story.headline
    return next(_opening_gists(fusion, articles_by_id), None) or _short_sentence(fusion, articles_by_id)


def _lead_gist(group: FactGroup, articles_by_id: Mapping[str, AnnotatedArticle]) -> str | None:
    """The gist of a sentence stating the fact: an opening sentence's first, the statement's before the rest."""
    refs = sorted(group.members, key=lambda ref: ref.sentence != 0)
    for ref in refs:
        article = articles_by_id.get(ref.article_id)
        gist = article.sentence_gist(ref.sentence) if article is not None else None
        if gist:
            return gist
    return None


def _opening_gists(fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle]) -> Iterator[str]:
    """The gists of the story's articles' opening sentences, the first sentences of all before the second."""
    articles = [articles_by_id[i] for i in fusion.story.article_ids if i in articles_by_id]
    for position in range(max((len(a.sentences) for a in articles), default=0)):
        for article in articles:
            gist = article.sentence_gist(position)
            if gist:
                yield gist


def _short_sentence(fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle]) -> str | None:
    """The first sentence of 4 to ``CLAIM_WORDS`` words opening on a capital (past its dateline), the
    articles' first sentences before their second: a statement of the story whole, not cut."""
    articles = [articles_by_id[i] for i in fusion.story.article_ids if i in articles_by_id]
    for position in range(max((len(a.sentences) for a in articles), default=0)):
        for article in articles:
            if position < len(article.sentences):
                sentence = article.sentences[position]
                start = after_dateline(article.article.text, sentence.start, sentence.end)
                claim = " ".join(article.article.text[start : sentence.end].split()).rstrip(" .,;:")
                if _short_enough(claim) and claim[:1].isupper():
                    return claim
    return None


def _short_enough(claim: str) -> bool:
    return 4 <= len(claim.split()) <= CLAIM_WORDS


def _sentence_text(ref: SentenceRef, article: AnnotatedArticle) -> str:
    return " ".join(article.article.text[ref.start : ref.end].split()).rstrip(" .,;:")
