"""Independent sources: whose word a fact rests on.

Two articles are one source when they are copies of one report (the story's near-duplicate families) or
when one outlet wrote both: an agency's successive versions and sidebars of one event reuse each other's
paragraphs, so a fact two of them state is still one outlet's word. An article with no outlet is a source
of its own unless it is a copy."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import AnnotatedArticle, Story


def independent_sources(story: Story, articles: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """Article id → the id of its independent source (the family id of the source's earliest article)."""
    family_of = story.family_of()
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(first: str, second: str) -> None:
        a, b = find(first), find(second)
        if a != b:
            parent[b] = a  # the earlier one (story order) stays the root

    first_of_outlet: dict[str, str] = {}
    for annotated in articles:
        article = annotated.article
        family = family_of.get(article.id, article.id)
        find(family)
        outlet = " ".join((article.outlet or "").lower().split())
        if outlet:
            union(first_of_outlet.setdefault(outlet, family), family)
    return {a.article.id: find(family_of.get(a.article.id, a.article.id)) for a in articles}
