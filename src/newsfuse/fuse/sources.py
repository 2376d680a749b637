"""Independent sources: whose word a fact rests on.

Two articles are one source when they are copies of one report (the story's near-duplicate families), when
one outlet wrote both or carries the other's agency report (``Article.agency``), or when they share several
sentences word for word outside quotation marks: an agency's successive versions and sidebars of one event,
or a live story's updates, reuse each other's paragraphs, so a fact two of them state is still one outlet's
word (independent outlets share quoted words, not their own sentences). An article with no outlet is a
source of its own unless one of these holds."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import AnnotatedArticle, FusionSettings, Story

_QUOTE_MARKS = frozenset('"“”«»')


def independent_sources(
    story: Story, articles: Sequence[AnnotatedArticle], settings: FusionSettings | None = None
) -> dict[str, str]:
    """Article id → the id of its independent source (the family id of the source's earliest article)."""
    family_of = story.family_of()
    parent: dict[str, str] = {}
    rank: dict[str, int] = {}  # each family's place in story order: the root of a union is the earliest
    for annotated in articles:
        rank.setdefault(family_of.get(annotated.article.id, annotated.article.id), len(rank))

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(first: str, second: str) -> None:
        a, b = find(first), find(second)
        if a != b:
            # the earlier one (story order) stays the root, whatever order the unions come in (the shared
            # sentences are a set: their order changes with the process's string hashing)
            if rank[b] < rank[a]:
                a, b = b, a
            parent[b] = a

    settings = settings or FusionSettings()
    first_of_outlet: dict[str, str] = {}
    families_of_sentence: dict[str, list[str]] = {}
    for annotated in articles:
        article = annotated.article
        family = family_of.get(article.id, article.id)
        find(family)
        # whose word it is: its outlet's, and the agency's whose report it carries (a site's "(AP) —" copy is
        # the Associated Press's word). ``Article.agency`` does not yet tell that from "AP contributed to this
        # report"; counting such an article with AP errs towards fewer independent sources, never more
        for name in (article.outlet, article.agency):
            key = " ".join((name or "").lower().split())
            if key:
                union(first_of_outlet.setdefault(key, family), family)
        for sentence in _own_sentences(annotated, settings.version_sentence_words):
            families_of_sentence.setdefault(sentence, []).append(family)
    shared: dict[tuple[str, str], int] = {}
    for families in families_of_sentence.values():
        distinct = sorted(set(families))
        for i, first in enumerate(distinct[: settings.version_max_copies]):
            for second in distinct[i + 1 : settings.version_max_copies]:
                shared[(first, second)] = shared.get((first, second), 0) + 1
    for (first, second), count in shared.items():
        if count >= settings.version_shared_sentences:
            union(first, second)
    return {a.article.id: find(family_of.get(a.article.id, a.article.id)) for a in articles}


def _own_sentences(annotated: AnnotatedArticle, min_words: int) -> set[str]:
    """The article's long sentences in its own words (no quotation marks), whitespace and case folded."""
    found: set[str] = set()
    for index in range(len(annotated.sentences)):
        text = annotated.sentence_text(index)
        if len(text.split()) >= min_words and not _QUOTE_MARKS & set(text):
            found.add(" ".join(text.lower().split()))
    return found
