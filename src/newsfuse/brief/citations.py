"""Citations: a pointer from something the brief says to the verbatim source words that support it."""

from __future__ import annotations

from collections.abc import Mapping

from newsfuse.model import AnnotatedArticle, Citation, FactGroup, Fusion, SentenceRef


def source_of_articles(fusion: Fusion) -> dict[str, str]:
    """Article id → its independent source (``Fusion.source_of``), else its near-duplicate family."""
    return fusion.story.family_of() | fusion.source_of


def citation_for_span(article: AnnotatedArticle, start: int, end: int, family_id: str | None) -> Citation:
    """A citation of ``article.text[start:end]``; offsets are clamped to the text so the quote is always verbatim."""
    text = article.article.text
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Citation(
        article_id=article.article.id,
        outlet=article.article.outlet,
        family_id=family_id,
        start=start,
        end=end,
        text=text[start:end],
    )


def citation_for_sentence(ref: SentenceRef, article: AnnotatedArticle, family_id: str | None) -> Citation:
    """The citation of one referenced sentence, with its exact offsets and verbatim text."""
    if ref.article_id != article.article.id:
        raise ValueError(f"sentence reference to article {ref.article_id} cited against article {article.article.id}")
    return citation_for_span(article, ref.start, ref.end, family_id)


def citations_for_group(
    group: FactGroup, articles_by_id: Mapping[str, AnnotatedArticle], fusion: Fusion
) -> list[Citation]:
    """One citation per supporting article of a fact group (its first member sentence in that article),
    in the group's member order; members whose article is not at hand are left out."""
    family_of = source_of_articles(fusion)
    citations: list[Citation] = []
    cited: set[str] = set()
    for member in group.members:
        article = articles_by_id.get(member.article_id)
        if article is None or member.article_id in cited:
            continue
        cited.add(member.article_id)
        citations.append(citation_for_sentence(member, article, family_of.get(member.article_id, member.article_id)))
    return citations
