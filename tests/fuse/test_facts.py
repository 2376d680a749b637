from collections import Counter

from newsfuse.fuse import fuse
from newsfuse.model import SourceFamily, Story

from .fuse_helpers import HashedWordsEncoder, build, story_of

HARBOUR = (
    "A fire destroyed the old harbour warehouse in Tallin Bay on Monday night. "
    "Firefighters battled the blaze for six hours before bringing it under control. "
    "The mayor promised to rebuild the market hall within two years. "
    "Local fishermen lost nets and boats stored in the building."
)
COAST = (
    "Flames gutted the old harbour warehouse in Tallin Bay late on Monday. "
    "The regional weather office warned of strong winds along the coast this week. "
    "Firefighters fought the blaze for six hours until it was under control. "
    "Police said the cause of the fire was not yet known."
)


def test_every_sentence_is_in_exactly_one_group() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    placed = Counter((m.article_id, m.sentence) for g in fusion.fact_groups for m in g.members)
    expected = {(a.article.id, i) for a in (first, second) for i in range(len(a.sentences))}
    assert set(placed) == expected
    assert set(placed.values()) == {1}


def test_sentences_reporting_the_same_fact_share_a_group() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    group_of = {(m.article_id, m.sentence): g.id for g in fusion.fact_groups for m in g.members}
    assert group_of[(first.article.id, 0)] == group_of[(second.article.id, 0)]  # the warehouse fire
    assert group_of[(first.article.id, 1)] == group_of[(second.article.id, 2)]  # six hours to control it


def test_a_fact_only_one_article_reports_stays_alone() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    weather = next(g for g in fusion.fact_groups if any(m.article_id == second.article.id and m.sentence == 1
                                                            for m in g.members))
    assert weather.article_ids == [second.article.id]


def test_a_group_takes_at_most_one_sentence_per_article() -> None:
    first = build(HARBOUR + " A fire destroyed the old harbour warehouse, officials repeated.", "Harbour Post")
    second = build(COAST, "Coast Daily")
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    for group in fusion.fact_groups:
        assert len(group.members) == len({m.article_id for m in group.members})


def test_syndicated_copies_count_as_one_source_family() -> None:
    first, copy, second = build(HARBOUR, "Harbour Post"), build(HARBOUR, "Wire Mirror"), build(COAST, "Coast Daily")
    story = Story(
        id="story-1",
        article_ids=[first.article.id, copy.article.id, second.article.id],
        families=[SourceFamily(id="family-wire", article_ids=[first.article.id, copy.article.id],
                               representative=first.article.id)],
    )
    fusion = fuse(story, [first, copy, second], [], HashedWordsEncoder())
    fire = next(g for g in fusion.fact_groups if (first.article.id, 0) in {(m.article_id, m.sentence)
                                                                            for m in g.members})
    assert set(fire.article_ids) == {first.article.id, copy.article.id, second.article.id}
    assert sorted(fire.family_ids) == sorted(["family-wire", second.article.id])


def test_articles_outside_the_story_are_ignored() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = fuse(story_of(first), [first, second], [], HashedWordsEncoder())
    assert {a for g in fusion.fact_groups for a in g.article_ids} == {first.article.id}


def test_centrality_ranks_the_shared_fact_above_a_side_remark() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    by_member = {(m.article_id, m.sentence): g for g in fusion.fact_groups for m in g.members}
    assert by_member[(first.article.id, 0)].centrality > by_member[(second.article.id, 1)].centrality
