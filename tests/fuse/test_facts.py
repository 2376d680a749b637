from collections import Counter

from newsfuse.fuse import fuse
from newsfuse.fuse.facts import (
    GROUP_THRESHOLD,
    SentenceUnit,
    group_sentences,
    pair_scores,
    sentence_units,
    shares_entity,
    shares_quantity,
)
from newsfuse.model import AnnotatedArticle, SentenceRef, SourceFamily, Story

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


RESIGNED_RUIZ = (
    "Senator Ana Ruiz resigned from the finance committee of the regional parliament on Monday. "
    "The committee meets again in May."
)
RESIGNED_LUND = (
    "Senator Boris Lund resigned from the finance committee of the regional parliament on Monday. "
    "Lunch was served in the hall."
)


def _same_fact_by_score_alone(
    articles: list[AnnotatedArticle], first: tuple[int, int], second: tuple[int, int]
) -> bool:
    """Whether plain average linkage over the pair scores, without the merge rule, puts two sentences together."""
    units = sentence_units(articles)
    _, scores = pair_scores(units, HashedWordsEncoder())
    index = {(u.article_index, u.sentence): i for i, u in enumerate(units)}
    return any(
        index[first] in group and index[second] in group
        for group in group_sentences(units, scores, GROUP_THRESHOLD)
    )


def test_two_sentences_naming_different_people_stay_apart() -> None:
    ruiz = build(RESIGNED_RUIZ, "Capital News", mentions=[("Ana Ruiz", "PERSON", "person-ruiz")])
    lund = build(RESIGNED_LUND, "Valley Herald", mentions=[("Boris Lund", "PERSON", "person-lund")])
    assert _same_fact_by_score_alone([ruiz, lund], (0, 0), (1, 0))  # the words alone say "same fact"
    fusion = fuse(story_of(ruiz, lund), [ruiz, lund], [], HashedWordsEncoder())
    group_of = {(m.article_id, m.sentence): g.id for g in fusion.fact_groups for m in g.members}
    assert group_of[(ruiz.article.id, 0)] != group_of[(lund.article.id, 0)]


def test_a_third_sentence_joins_a_group_only_if_it_carries_the_members_key_items() -> None:
    entities = [("Ines Kolar", "PERSON", "person-kolar"), ("Brava", "GPE", "gpe-brava"),
                ("Lenta", "LOC", "loc-lenta"), ("Piet Aalders", "PERSON", "person-aalders")]
    mayor = "Mayor Ines Kolar said the storm flooded the old town of Brava and the banks of the Lenta overnight."
    first = build(mayor + " Schools stayed closed.", "Daily One", mentions=entities)
    second = build(mayor.replace("overnight", "on Monday night") + " Roads were shut.", "Evening Two",
                   mentions=entities)
    governor = build(
        "Governor Piet Aalders said the storm flooded the old town of Brava overnight. Trains were late.",
        "Morning Three", mentions=entities,
    )
    articles = [first, second, governor]
    assert _same_fact_by_score_alone(articles, (0, 0), (2, 0))
    fusion = fuse(story_of(*articles), articles, [], HashedWordsEncoder())
    flood = next(g for g in fusion.fact_groups if (first.article.id, 0) in {(m.article_id, m.sentence)
                                                                             for m in g.members})
    # the governor's sentence names one of the mayor's three key items: citing it for the mayor's would fail
    assert set(flood.article_ids) == {first.article.id, second.article.id}


def _unit(text: str, numbers: set[tuple[float, str | None]], entities: tuple[tuple[str, str], ...]) -> SentenceUnit:
    return SentenceUnit(
        article_index=0,
        sentence=0,
        ref=SentenceRef(article_id="a", sentence=0, start=0, end=len(text)),
        text=text,
        stems=frozenset(),
        numbers=frozenset(numbers),
        dates=frozenset(),
        entities=entities,
    )


def test_the_same_quantity_credited_to_different_sources_is_one_fact_despite_no_shared_name() -> None:
    fire = _unit("The deck gave way, injuring 14 people, the fire service said.", {(14.0, "people")},
                 (("org-fire", "fire service"),))
    city = _unit("The deck gave way, injuring 12 people, city officials said.", {(12.0, "people")},
                 (("org-city", "city officials"),))
    cars = _unit("The deck gave way under 12 cars, the harbour office said.", {(12.0, "cars")},
                 (("org-harbour", "harbour office"),))
    assert not shares_entity(fire, city)
    assert shares_quantity(fire, city)
    assert not shares_quantity(fire, cars)
