"""group_stories on real text: the seed pair, a syndicated copy, and two events of one topic."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article, Story, TextEncoder
from newsfuse.stories import StoryIndex, group_stories

from .conftest import Analyser, make_article
from .texts import FISHING_A, FISHING_B, FISHING_DAY, PATENT_A, PATENT_B, PATENT_DAY


def _seed_articles(seed_paths: tuple[Path, Path], analyser: Analyser) -> list[AnnotatedArticle]:
    report = ingest_paths(list(seed_paths))
    assert len(report.articles) == 2, report.rejected
    return analyser(list(report.articles))


def _syndicated_copy(original: Article) -> Article:
    """The wire text republished by another site: its own opening paragraph, a paywall line at the end."""
    paragraphs = original.text.split("\n\n")
    text = "\n\n".join(
        [
            "Our correspondents bring you this report from our wire partner this morning.",
            *paragraphs[1:],
            "Subscribe now to keep reading all of our coverage.",
        ]
    )
    return make_article(text, title=original.title, outlet="Regional Daily")


def _partition(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(story.article_ids) for story in stories}


def test_seed_pair_lands_in_one_story(seed_paths: tuple[Path, Path], analyser: Analyser, encoder: TextEncoder) -> None:
    annotated = _seed_articles(seed_paths, analyser)
    stories = group_stories(annotated, encoder)
    assert len(stories) == 1
    assert set(stories[0].article_ids) == {a.article.id for a in annotated}
    assert stories[0].first_published == date(2024, 6, 19)
    assert stories[0].headline
    assert len(stories[0].families) == 2  # two independent wire reports


def test_syndicated_copy_of_the_afp_seed_is_in_its_family(
    seed_paths: tuple[Path, Path], analyser: Analyser, encoder: TextEncoder
) -> None:
    reuters, afp = _seed_articles(seed_paths, analyser)
    copy = analyser([_syndicated_copy(afp.article)])[0]
    stories = group_stories([reuters, afp, copy], encoder)
    assert len(stories) == 1
    family_of = {article_id: family.id for family in stories[0].families for article_id in family.article_ids}
    assert family_of[copy.article.id] == family_of[afp.article.id]
    assert family_of[reuters.article.id] != family_of[afp.article.id]
    afp_family = next(f for f in stories[0].families if afp.article.id in f.article_ids)
    assert afp_family.representative == afp.article.id  # the fuller text, neither copy being dated


def _court_articles(analyser: Analyser) -> list[AnnotatedArticle]:
    one, two = "Wire One", "Paper Two"
    return analyser(
        [
            make_article(FISHING_A, title="Court sides with Marlow Bay fishermen", outlet=one, published=FISHING_DAY),
            make_article(PATENT_A, title="Justices void Lumen patent verdict", outlet=one, published=PATENT_DAY),
            make_article(FISHING_B, title="Fishing crews win at Supreme Court", outlet=two, published=FISHING_DAY),
            make_article(PATENT_B, title="Brightwave wins patent fight", outlet=two, published=PATENT_DAY),
        ]
    )


def test_two_rulings_of_one_court_a_week_apart_stay_apart(analyser: Analyser, encoder: TextEncoder) -> None:
    annotated = _court_articles(analyser)
    ids = [a.article.id for a in annotated]
    stories = group_stories(annotated, encoder)
    assert _partition(stories) == {frozenset({ids[0], ids[2]}), frozenset({ids[1], ids[3]})}
    by_first = {s.article_ids[0]: s for s in stories}
    assert by_first[ids[0]].first_published == FISHING_DAY
    assert by_first[ids[1]].last_published == PATENT_DAY


def test_incremental_assignment_in_reverse_order_matches_the_batch(analyser: Analyser, encoder: TextEncoder) -> None:
    annotated = _court_articles(analyser)
    batch = group_stories(annotated, encoder)
    index = StoryIndex(encoder)
    for article in reversed(annotated):
        index.assign(article)  # no vector given: the index embeds the lead itself
    assert _partition(index.stories()) == _partition(batch)
