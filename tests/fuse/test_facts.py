"""Facts: one group per sentence (the statement, then its best supporter in each other independent source)."""

from datetime import date

import numpy as np
import pytest

from newsfuse.fuse import fuse, independent_sources
from newsfuse.fuse.facts import support_map, units_of
from newsfuse.fuse.support import FEATURES, Candidate, StoryVectors, Unit, candidates, features, search, strongest
from newsfuse.model import (
    AnnotatedArticle,
    Entity,
    FactGroup,
    Fusion,
    FusionSettings,
    QuoteKind,
    SourceFamily,
    Story,
    asks,
)

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
BAY = (
    "The old harbour warehouse in Tallin Bay burned down on Monday night. "
    "Divers will search the harbour floor for fuel drums next week."
)


def _fuse(*articles: AnnotatedArticle, story: Story | None = None) -> Fusion:
    return fuse(story or story_of(*articles), list(articles), [], HashedWordsEncoder())


def _stated_by(fusion: Fusion, article: AnnotatedArticle, sentence: int) -> FactGroup:
    [group] = [g for g in fusion.fact_groups
               if (g.statement.article_id, g.statement.sentence) == (article.article.id, sentence)]
    return group


def _members(group: FactGroup) -> list[tuple[str, int]]:
    return [(m.article_id, m.sentence) for m in group.members]


def test_every_sentence_states_exactly_one_group() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = _fuse(first, second)
    statements = [(g.statement.article_id, g.statement.sentence) for g in fusion.fact_groups]
    expected = [(a.article.id, i) for a in (first, second) for i in range(len(a.sentences))]
    assert sorted(statements) == sorted(expected)
    assert len({g.id for g in fusion.fact_groups}) == len(fusion.fact_groups)


def test_a_sentence_two_outlets_report_is_supported_by_the_other_outlets_sentence() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = _fuse(first, second)
    fire = _stated_by(fusion, first, 0)
    assert _members(fire) == [(first.article.id, 0), (second.article.id, 0)]
    assert fire.family_ids == [first.article.id, second.article.id]
    control = _stated_by(fusion, first, 1)  # six hours to bring the blaze under control
    assert _members(control) == [(first.article.id, 1), (second.article.id, 2)]
    assert _members(_stated_by(fusion, second, 2)) == [(second.article.id, 2), (first.article.id, 1)]


def test_a_sentence_only_one_outlet_reports_has_no_supporter() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = _fuse(first, second)
    weather = _stated_by(fusion, second, 1)
    assert _members(weather) == [(second.article.id, 1)]
    assert weather.family_ids == [second.article.id]


def test_groups_overlap_one_sentence_supports_the_statements_of_several_sources() -> None:
    harbour, coast, bay = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily"), build(BAY, "Bay Radio")
    fusion = _fuse(harbour, coast, bay)
    holding = [g for g in fusion.fact_groups if (harbour.article.id, 0) in _members(g)]
    assert {(g.statement.article_id, g.statement.sentence) for g in holding} == {
        (harbour.article.id, 0), (coast.article.id, 0), (bay.article.id, 0)
    }
    fire = _stated_by(fusion, harbour, 0)
    assert fire.family_ids[0] == harbour.article.id  # the statement's source first, then the best supported
    assert set(fire.family_ids) == {harbour.article.id, coast.article.id, bay.article.id}


def test_a_group_holds_at_most_one_sentence_per_source() -> None:
    first = build(HARBOUR + " A fire destroyed the old harbour warehouse in Tallin Bay, officials repeated.",
                  "Harbour Post")
    second = build(COAST, "Coast Daily")
    fusion = _fuse(first, second)
    for group in fusion.fact_groups:
        assert len(group.members) == len(group.family_ids) == len({m.article_id for m in group.members})
    # the coast fire sentence is supported by the better of the two harbour sentences, not by both
    assert len(_stated_by(fusion, second, 0).members) == 2


def test_syndicated_copies_count_as_one_source() -> None:
    first, copy, second = build(HARBOUR, "Harbour Post"), build(HARBOUR, "Wire Mirror"), build(COAST, "Coast Daily")
    story = Story(
        id="story-1",
        article_ids=[first.article.id, copy.article.id, second.article.id],
        families=[SourceFamily(id="family-wire", article_ids=[first.article.id, copy.article.id],
                               representative=first.article.id)],
    )
    fusion = _fuse(first, copy, second, story=story)
    assert fusion.source_of[first.article.id] == fusion.source_of[copy.article.id] == "family-wire"
    # the copy repeats every sentence, yet a sentence the copy alone "confirms" is still one source's word
    assert _stated_by(fusion, first, 2).family_ids == ["family-wire"]
    assert _stated_by(fusion, second, 0).family_ids == [second.article.id, "family-wire"]


def test_two_reports_of_one_outlet_are_one_independent_source() -> None:
    first = build(HARBOUR, "Harbour Post", published=date(2025, 3, 4))
    update = build(HARBOUR.replace("Local fishermen", "Angry fishermen"), " harbour  post ",
                   published=date(2025, 3, 5))
    other = build(COAST, "Coast Daily")
    story = story_of(first, update, other)
    sources = independent_sources(story, [first, update, other])
    assert sources == {first.article.id: first.article.id, update.article.id: first.article.id,
                       other.article.id: other.article.id}
    fusion = _fuse(first, update, other, story=story)
    assert _stated_by(fusion, first, 2).family_ids == [first.article.id]  # its own later version is no support


def _carrying(article: AnnotatedArticle, agency: str) -> AnnotatedArticle:
    return article.model_copy(update={"article": article.article.model_copy(update={"agency": agency})})


def test_outlets_carrying_one_agency_report_are_one_independent_source() -> None:
    gazette = _carrying(build(HARBOUR, "Harbour Gazette"), "Associated Press")
    agency = build(BAY, "Associated Press")
    courier = _carrying(build("Fire crews stayed at the burnt harbour warehouse overnight.", "Bay Courier"),
                        "Associated Press")
    own = build(COAST, "Coast Daily")
    story = story_of(gazette, agency, courier, own)
    sources = independent_sources(story, [gazette, agency, courier, own])
    assert sources[agency.article.id] == sources[courier.article.id] == gazette.article.id
    assert sources[own.article.id] == own.article.id


def test_articles_without_an_outlet_are_sources_of_their_own() -> None:
    first, second = build(HARBOUR, "x"), build(COAST, "y")
    first = first.model_copy(update={"article": first.article.model_copy(update={"outlet": None})})
    second = second.model_copy(update={"article": second.article.model_copy(update={"outlet": None})})
    sources = independent_sources(story_of(first, second), [first, second])
    assert sources == {first.article.id: first.article.id, second.article.id: second.article.id}


def test_versions_sharing_sentences_word_for_word_are_one_source_even_without_an_outlet() -> None:
    later = HARBOUR + " Investigators from the regional fire service arrived on Tuesday morning to look for a cause."
    versions = [build(HARBOUR, "x"), build(later, "y"), build(COAST, "z")]
    earlier, update, other = (
        a.model_copy(update={"article": a.article.model_copy(update={"outlet": None})}) for a in versions
    )
    sources = independent_sources(story_of(earlier, update, other), [earlier, update, other])
    assert sources[update.article.id] == sources[earlier.article.id] == earlier.article.id
    assert sources[other.article.id] == other.article.id  # it shares facts and words, not its own sentences


def test_a_source_of_several_versions_is_named_by_its_earliest_article_whatever_the_hash_seed() -> None:
    # two later versions each repeat two sentences of the first and none of each other's: the unions come in the
    # order of a set of sentences (string hashing), and the source must still be the first article's family
    lines = [
        "The council of Tallin Bay voted on Monday night to close the old harbour warehouse for good. ",
        "Engineers had found cracks in the warehouse roof beams during an inspection last spring. ",
        "The market traders who rent stalls inside will move to the former bus depot next month. ",
        "A spokeswoman for the traders said the move would cost each of them several weeks of trade. ",
    ]
    texts = ["".join(lines), lines[0] + lines[1] + "Demolition will start in the autumn.",
             lines[2] + lines[3] + "The depot has no heating yet."]
    first, second, third = (
        a.model_copy(update={"article": a.article.model_copy(update={"outlet": None})})
        for a in (build(text, name) for text, name in zip(texts, "xyz", strict=True))
    )
    sources = independent_sources(story_of(first, second, third), [first, second, third])
    assert set(sources.values()) == {first.article.id}


def test_shared_quotations_do_not_make_two_outlets_one_source() -> None:
    quoted = (' "We will rebuild the market hall within two years, whatever it costs the town," the mayor said.'
              ' "Nobody was hurt, and that is what matters most to all of us tonight," the mayor added.')
    first, second = build(HARBOUR + quoted, "Harbour Post"), build(COAST + quoted, "Coast Daily")
    sources = independent_sources(story_of(first, second), [first, second])
    assert sources[first.article.id] != sources[second.article.id]


def test_articles_outside_the_story_are_ignored() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = fuse(story_of(first), [first, second], [], HashedWordsEncoder())
    assert {a for g in fusion.fact_groups for a in g.article_ids} == {first.article.id}


def test_a_story_of_one_source_needs_no_search() -> None:
    first = build(HARBOUR, "Harbour Post")
    support = support_map([first], {first.article.id: first.article.id}, HashedWordsEncoder(), FusionSettings())
    assert support.story is None and support.judged == {}
    assert all(not found for found in support.supporters.values())


def test_centrality_ranks_the_shared_fact_above_a_side_remark() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    fusion = _fuse(first, second)
    assert _stated_by(fusion, first, 0).centrality > _stated_by(fusion, second, 1).centrality


def test_a_sentence_giving_another_value_of_the_same_count_does_not_support_it() -> None:
    killed_12 = build("The storm killed 12 people in the port city of Brava on Monday. Schools stayed closed.",
                      "Daily One", numbers=[("12", 12.0, "people")])
    killed_15 = build("The storm killed 15 people in the port city of Brava on Monday. Roads were flooded.",
                      "Evening Two", numbers=[("15", 15.0, "people")])
    killed_12_again = build("A storm killed 12 people in the port city of Brava on Monday. Shops shut.",
                            "Morning Three", numbers=[("12", 12.0, "people")])
    fusion = _fuse(killed_12, killed_15, killed_12_again)
    assert _members(_stated_by(fusion, killed_12, 0)) == [(killed_12.article.id, 0), (killed_12_again.article.id, 0)]
    assert _members(_stated_by(fusion, killed_15, 0)) == [(killed_15.article.id, 0)]


def test_a_count_two_outlets_agree_on_is_one_fact_though_the_next_count_differs() -> None:
    early = build("A gas blast tore through the old cannery in the port city of Brava on Monday, killing four workers "
                  "and injuring 21 others. Schools stayed closed.", "Daily One",
                  numbers=[("four", 4.0, "workers"), ("21", 21.0, "others")])
    later = build("A gas blast tore through the old cannery in the port city of Brava on Monday, killing four workers "
                  "and injuring 35 others. Roads were shut.", "Evening Two",
                  numbers=[("four", 4.0, "workers"), ("35", 35.0, "others")])
    fusion = _fuse(early, later)
    text = early.article.text
    by_part = {text[g.statement.start : g.statement.end]: g for g in fusion.fact_groups
               if g.statement.article_id == early.article.id and g.statement.sentence == 0}
    killed = next(g for part, g in by_part.items() if part.endswith("killing four workers"))
    injured = next(g for part, g in by_part.items() if part.startswith("injuring 21"))
    assert killed.family_ids == [early.article.id, later.article.id]
    assert injured.family_ids == [early.article.id]  # 21 and 35 injured are two values, never one fact


def test_a_quotation_running_over_several_sentences_is_one_unit() -> None:
    quoted = "We will not sign this deal. Farmers deserve better,"
    text = f'Talks on the grain deal stalled on Monday. "{quoted}" Mira Holt said. Nothing moved.'
    article = build(text, "Daily One", quotes=[(quoted, "person-holt", QuoteKind.speech)])
    units = units_of([article], {article.article.id: "a"}, None, FusionSettings())
    spans = [(u.sentence, article.article.text[u.start : u.end]) for u in units]
    assert (1, f'"{quoted}" Mira Holt said.') in spans
    assert len(units) == len(article.sentences) - 1


def test_sentences_past_the_per_article_limit_are_left_out_of_fusion() -> None:
    article = build(HARBOUR, "Harbour Post")
    units = units_of([article], {article.article.id: "a"}, None, FusionSettings(max_sentences_per_article=2))
    assert [u.sentence for u in units] == [0, 1]


def test_a_story_past_its_sentence_budget_shares_it_evenly_among_its_articles() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    sources = {first.article.id: "a", second.article.id: "b"}
    settings = FusionSettings(max_sentences_per_story=4, min_sentences_per_article=1)
    units = units_of([first, second], sources, None, settings)
    assert sorted({(u.article_index, u.sentence) for u in units}) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    roomy = units_of([first, second], sources, None, FusionSettings(max_sentences_per_story=8))
    assert len({(u.article_index, u.sentence) for u in roomy}) == 8


def test_a_story_past_its_unit_budget_drops_sub_claims_first_then_sentences_evenly() -> None:
    first, second = build(BRIDGE, "Varn Herald"), build(HARBOUR, "Harbour Post")
    sources = {first.article.id: "a", second.article.id: "b"}
    roomy = units_of([first, second], sources, None, FusionSettings())
    claims = [u for u in roomy if u.parent is None]
    assert len(claims) < len(roomy)  # the bridge's long opening claim is also searched as its parts
    without_parts = units_of([first, second], sources, None, FusionSettings(max_units_per_story=len(claims)))
    assert [(u.start, u.end) for u in without_parts] == [(u.start, u.end) for u in claims]
    tight = units_of([first, second], sources, None, FusionSettings(max_units_per_story=4))
    assert len(tight) <= 4
    assert {u.article_index for u in tight} == {0, 1}  # both articles keep their opening sentences
    assert all(u.parent is None for u in tight)


def test_the_judge_sees_at_most_the_story_cap_of_pairs_the_highest_scored() -> None:
    pairs = {(0, i): Candidate(0.0, score) for i, score in enumerate([0.2, 0.9, 0.5, 0.7], start=1)}
    assert list(strongest(pairs, 2)) == [(0, 2), (0, 4)]
    assert strongest(pairs, 10) == pairs


def test_the_search_reaches_each_report_of_a_source_not_only_its_best_one() -> None:
    # one candidate per unit and searched side: the other outlet's fire sentence is closest to the agency's
    # morning report, and the evening report is closest to the outlet's sentence about the nets, yet the
    # evening report also tells of the flames; searched report by report, that pair is judged too
    morning = build("The old harbour warehouse burned down on Monday night.", "Wire")
    evening = build("Flames lit the sky over the harbour as fishermen lost their nets and boats.", "Wire")
    other = build("The old harbour warehouse burned down on Monday as flames lit the sky. "
                  "Fishermen lost their nets and boats in the harbour.", "Coast Daily")
    source_of = {morning.article.id: "wire", evening.article.id: "wire", other.article.id: "coast"}
    settings = FusionSettings(candidates_per_source=1, candidates_per_article=1)
    units = units_of([morning, evening, other], source_of, None, settings)
    story = StoryVectors(units, np.asarray(HashedWordsEncoder().encode([u.text for u in units]), dtype=np.float32))
    assert [(u.source, u.article_index) for u in units] == [("wire", 0), ("wire", 1), ("coast", 2), ("coast", 2)]
    fire, nets = 2, 3
    per_source = candidates(story, [0, 1], [fire, nets], settings, k=1)
    assert set(per_source) == {(0, fire), (1, nets)}, "searched as one source, the morning report takes the fire"
    assert set(search(story, units, settings)) == {(0, fire), (1, nets), (1, fire)}


def test_the_judges_word_overlap_is_the_cosine_of_the_weighted_stem_sets() -> None:
    first, second = build(HARBOUR, "Harbour Post"), build(COAST, "Coast Daily")
    units = units_of([first, second], {first.article.id: "a", second.article.id: "b"}, None, FusionSettings())
    encoder = HashedWordsEncoder()
    story = StoryVectors(units, np.asarray(encoder.encode([u.text for u in units]), dtype=np.float32))
    for i, j in [(0, len(units) - 1), (1, 5), (2, 6)]:
        expected = float((story.lexical[i] @ story.lexical[j].T).toarray()[0, 0])
        lexical = features(story, units, i, j)[FEATURES.index("lexical")]
        assert abs(lexical - expected) < 1e-5


def test_two_sentences_naming_different_people_do_not_support_each_other() -> None:
    ruiz = build(
        "Senator Ana Ruiz resigned from the finance committee of the regional parliament on Monday. "
        "The committee meets again in May.",
        "Capital News", mentions=[("Ana Ruiz", "PERSON", "person-ruiz")],
    )
    lund = build(
        "Senator Boris Lund resigned from the finance committee of the regional parliament on Monday. "
        "Lunch was served in the hall.",
        "Valley Herald", mentions=[("Boris Lund", "PERSON", "person-lund")],
    )
    fusion = _fuse(ruiz, lund)
    assert _members(_stated_by(fusion, ruiz, 0)) == [(ruiz.article.id, 0)]


RUIZ = Entity(id="person-ruiz", name="Ana Ruiz", label="PERSON", aliases=["Ruiz"])
LUND = Entity(id="person-lund", name="Boris Lund", label="PERSON")


def test_a_surname_the_tagger_reads_as_an_organisation_is_the_person_it_is_linked_to() -> None:
    full = build(
        "Senator Ana Ruiz resigned from the finance committee of the regional parliament on Monday. "
        "The committee meets again in May.",
        "Capital News", mentions=[("Ana Ruiz", "PERSON", "person-ruiz")],
    )
    # the tagger labels a bare surname an organisation often; the linker tied it to Ana Ruiz
    surname = build(
        "Ruiz resigned from the finance committee of the regional parliament on Monday after Boris Lund's report. "
        "Lunch was served in the hall.",
        "Valley Herald", mentions=[("Ruiz", "ORG", "person-ruiz"), ("Boris Lund", "PERSON", "person-lund")],
    )
    [unit, *_] = units_of([surname], {surname.article.id: "b"}, None, FusionSettings(), [RUIZ, LUND])
    assert unit.people == {"person-ruiz", "person-lund"}
    fusion = fuse(story_of(full, surname), [full, surname], [RUIZ, LUND], HashedWordsEncoder())
    assert _members(_stated_by(fusion, full, 0)) == [(full.article.id, 0), (surname.article.id, 0)]


def test_whom_a_claim_quotes_is_one_of_its_people_named_in_its_words_or_not() -> None:
    quoted = build(
        '"We will help every family rebuild its home before the winter," he said on Monday. '
        "The committee meets again in May.",
        "Capital News", quotes=[("We will help every family rebuild its home before the winter,", "person-ruiz",
                                 QuoteKind.speech)],
    )
    [unit, *_] = units_of([quoted], {quoted.article.id: "a"}, None, FusionSettings(), [RUIZ, LUND])
    assert unit.people == {"person-ruiz"}
    assert "person-ruiz" in unit.entities
    # the same words quoted from another person are not the same claim
    other = build(
        '"We will help every family rebuild its home before the winter," he said on Monday. '
        "Lunch was served in the hall.",
        "Valley Herald", quotes=[("We will help every family rebuild its home before the winter,", "person-lund",
                                  QuoteKind.speech)],
    )
    fusion = fuse(story_of(quoted, other), [quoted, other], [RUIZ, LUND], HashedWordsEncoder())
    assert _members(_stated_by(fusion, quoted, 0)) == [(quoted.article.id, 0)]


@pytest.mark.parametrize(
    ("stated", "empty"),
    [
        # a question in the writer's voice
        ("Senator Ana Ruiz survived the confidence vote of the regional parliament on Monday.",
         "Can Senator Ana Ruiz survive the confidence vote of the regional parliament on Monday?"),
        # a credit line of names alone
        ("Sergeant Ana Ruiz of the Tarn Police Department found the boy behind a closet on Monday.",
         "Sergeant Ana Ruiz, Tarn County (Vel.) Police Department."),
    ],
    ids=["question", "credit-line"],
)
def test_a_sentence_that_states_no_claim_is_no_unit_and_supports_none(stated: str, empty: str) -> None:
    statement = build(stated + " The committee meets again in May.", "Capital News")
    other = build(empty + " Lunch was served in the hall.", "Valley Herald")
    units = units_of([other], {other.article.id: "b"}, None, FusionSettings())
    assert [u.text for u in units] == ["Lunch was served in the hall."]
    fusion = _fuse(statement, other)
    assert _members(_stated_by(fusion, statement, 0)) == [(statement.article.id, 0)]
    assert (other.article.id, 0) not in [(g.statement.article_id, g.statement.sentence) for g in fusion.fact_groups]


def test_asks_tells_the_writers_questions_from_reported_ones() -> None:
    assert asks("Can she survive the confidence vote?")
    assert asks("Are you seeking refuge in Europe? ")
    assert asks("(Who is trying to oust her?)")
    assert not asks('"Why now?"')
    assert not asks('"Why now?" she asked.')
    assert not asks("She survived the vote.")
    assert not asks("He was born in 1950 (?)")
    assert not asks("The ferry stops in May (who will run the night shift?)")


def test_a_question_inside_a_quotation_left_open_keeps_the_claims_quoted_with_it() -> None:
    # news style leaves a quotation open at its paragraph's end; its closing question is the speaker's
    text = 'Ana Ruiz said on Monday: "The city will build five hundred new homes this year. Who could object?'
    article = build(text, "Capital News", quotes=[(text[text.index('"') + 1 :], "person-ruiz", QuoteKind.speech)])
    units = units_of([article], {article.article.id: "a"}, None, FusionSettings(), [RUIZ])
    assert any("five hundred new homes" in unit.text for unit in units)
    assert any(unit.text.endswith("Who could object?") for unit in units)


BRIDGE = (
    "The council opened the new bridge over the Varn river on Tuesday morning, after which the mayor "
    "announced a lantern festival for the whole district next spring. "
    "Traffic on the old ferry route fell sharply."
)
RIVER = (
    "The new bridge over the Varn river was opened by the council on Tuesday morning. "
    "Engineers had worked on it for three years."
)


def test_a_claim_whose_parts_other_sources_report_differently_is_stated_as_its_parts() -> None:
    first, second = build(BRIDGE, "Varn Herald"), build(RIVER, "River Times")
    fusion = _fuse(first, second)
    stated = sorted(
        (g for g in fusion.fact_groups if (g.statement.article_id, g.statement.sentence) == (first.article.id, 0)),
        key=lambda g: g.statement.start,
    )
    text = first.article.text
    assert [text[g.statement.start : g.statement.end] for g in stated] == [
        "The council opened the new bridge over the Varn river on Tuesday morning",
        "after which the mayor announced a lantern festival for the whole district next spring.",
    ]
    opening, festival = stated
    assert opening.family_ids == [first.article.id, second.article.id]
    assert festival.family_ids == [first.article.id]  # only the Herald reports the festival


def test_a_supporter_stated_as_its_parts_is_cited_by_the_part_that_reports_the_fact() -> None:
    first, second = build(BRIDGE, "Varn Herald"), build(RIVER, "River Times")
    fusion = _fuse(first, second)
    opening = _stated_by(fusion, second, 0)
    [supporter] = opening.members[1:]
    assert first.article.text[supporter.start : supporter.end] == (
        "The council opened the new bridge over the Varn river on Tuesday morning"
    )


def _claim(index: int, source: str, text: str, parent: int | None = None) -> Unit:
    from newsfuse.fuse.text import content_stems

    return Unit(article_index=index, source=source, sentence=0, start=0, end=len(text), text=text,
                stems=content_stems(text), clauses=(), entities=frozenset(), quantities=(), dates=frozenset(),
                parent=parent)


def test_a_lead_judged_alike_to_many_claims_supports_only_the_facts_it_is_closest_to() -> None:
    from newsfuse.fuse.facts import _cap_claims_per_supporter

    units = [
        _claim(0, "a", "Mayor Lund opened the harbour bridge on Monday."),
        _claim(1, "b", "Mayor Lund cut the ribbon on the harbour bridge on Monday."),
        _claim(1, "b", "Mayor Lund said the harbour bridge cost less than planned."),
        _claim(1, "b", "Mayor Lund will stand for election again next spring."),
        _claim(1, "b", "Mayor Lund thanked the engineers who drew the harbour bridge."),
        _claim(2, "c", "The ribbon on the harbour bridge was cut by Mayor Lund on Monday."),
    ]
    # the lead is judged to support every claim of b and c; b's first claim and c's support each other
    alternatives: dict[int, dict[str, list[tuple[int, float]]]] = {
        1: {"a": [(0, 0.9)], "c": [(5, 0.8)]}, 2: {"a": [(0, 0.7)]}, 3: {"a": [(0, 0.5)]}, 4: {"a": [(0, 0.45)]},
        5: {"a": [(0, 0.85)], "b": [(1, 0.8)]},
    }
    _cap_claims_per_supporter(units, alternatives, 2)
    backed_by_lead = [claim for claim, per_source in alternatives.items() if per_source.get("a")]
    # the ribbon, told by b and c, is one fact; the cost is the second; the election and the engineers go
    assert backed_by_lead == [1, 2, 5]
    assert alternatives[1]["c"] == [(5, 0.8)] and alternatives[5]["b"] == [(1, 0.8)], "other support untouched"


def test_a_sentence_of_several_clauses_may_support_one_fact_more_per_clause() -> None:
    from newsfuse.fuse.facts import _cap_claims_per_supporter

    units = [
        _claim(0, "a", "Mayor Lund opened the harbour bridge on Monday, and the ferry stopped running."),
        _claim(0, "a", "and the ferry stopped running.", parent=0),
        _claim(1, "b", "Mayor Lund cut the ribbon on the harbour bridge."),
        _claim(1, "b", "The ferry made its last crossing on Monday."),
        _claim(1, "b", "Mayor Lund will stand for election again next spring."),
    ]
    alternatives: dict[int, dict[str, list[tuple[int, float]]]] = {
        2: {"a": [(0, 0.9)]}, 3: {"a": [(0, 0.8)]}, 4: {"a": [(0, 0.5)]},
    }
    _cap_claims_per_supporter(units, alternatives, 1)
    assert [claim for claim, per_source in alternatives.items() if per_source["a"]] == [2, 3]


def test_a_short_supporter_judged_closer_to_the_whole_claim_than_to_any_part_reports_the_whole() -> None:
    from newsfuse.fuse.facts import SupportMap, _statements

    units = [
        _claim(0, "a", "Migrants at the crossing chanted for the gate to open, and threw bottles at the riot police."),
        _claim(0, "a", "Migrants at the crossing chanted for the gate to open", parent=0),
        _claim(0, "a", "and threw bottles at the riot police.", parent=0),
        _claim(1, "b", "Refugees yelled for the door to open as they hurled bottles at riot police."),
    ]
    story = StoryVectors(units, np.eye(len(units), dtype=np.float32))
    support = SupportMap(
        units, story, judged={(0, 3): (0.8, False), (1, 3): (0.3, False), (2, 3): (0.6, False)},
        supporters={0: {"b": (3, 0.8)}, 1: {}, 2: {"b": (3, 0.6)}, 3: {"a": (0, 0.8)}},
    )
    stated = dict(_statements(support, cover=0.3, part_cover=0.15, alike=0.15))
    # b's sentence tells both the chant and the bottles in its own words: one fact of two sources, not a
    # chant only a reports beside bottles both report
    assert stated[0] == {"b": (3, 0.8)}
    assert 1 not in stated and 2 not in stated


def test_a_long_sentence_supports_beyond_its_allowance_a_claim_that_shares_other_words_of_it() -> None:
    from newsfuse.fuse.facts import _cap_claims_per_supporter

    units = [
        _claim(0, "a", "Riot police met the stone-throwing migrants at the Kell crossing with tear gas, water cannon "
               "and rubber batons."),
        _claim(1, "b", "Riot police at the Kell crossing fired tear gas."),
        _claim(1, "b", "Water cannon sprayed the migrants on the far side of the fence."),
        _claim(1, "b", "Riot police at the Kell crossing arrested a reporter."),
        _claim(2, "c", "Riot police at the Kell crossing waited through the night."),
        _claim(2, "c", "The Kell crossing stays closed, riot police said."),
    ]
    story = StoryVectors(units, np.eye(len(units), dtype=np.float32))
    # the long sentence is judged to support each claim of b; it may support one fact beside its own words
    alternatives: dict[int, dict[str, list[tuple[int, float]]]] = {
        1: {"a": [(0, 0.9)]}, 2: {"a": [(0, 0.5)]}, 3: {"a": [(0, 0.6)]},
    }
    _cap_claims_per_supporter(units, alternatives, 1, story, 3)
    # the water cannon shares words of it that the tear gas does not; the arrest shares only the police and the
    # crossing, which the tear gas claim already leans on
    assert [claim for claim, per_source in alternatives.items() if per_source["a"]] == [1, 2]


def test_a_claim_stated_as_its_parts_is_not_cited_by_a_whole_supporter_for_a_part_it_does_not_tell() -> None:
    from newsfuse.fuse.facts import SupportMap, _statements

    units = [
        _claim(0, "a", "Water cannon sprayed the crowd on the far side, forcing the migrants back to a muddy camp "
               "after the border closed."),
        _claim(0, "a", "Water cannon sprayed the crowd on the far side", parent=0),
        _claim(0, "a", "forcing the migrants back to a muddy camp", parent=0),
        _claim(0, "a", "after the border closed.", parent=0),
        _claim(1, "b", "Riot police met the stone throwers with water cannon and tear gas."),
        _claim(2, "c", "The border closed on Tuesday."),
    ]
    story = StoryVectors(units, np.eye(len(units), dtype=np.float32))
    support = SupportMap(
        units, story, judged={(0, 4): (0.45, False), (1, 4): (0.4, False), (3, 5): (0.8, False)},
        supporters={0: {"b": (4, 0.45)}, 1: {}, 2: {}, 3: {"c": (5, 0.8)}, 4: {"a": (0, 0.45)}, 5: {"a": (3, 0.8)}},
    )
    stated = dict(_statements(support, cover=0.3, part_cover=0.15, alike=0.15))
    # c reports the closure alone, so the claim is stated as its parts; b's sentence tells the water cannon,
    # and nothing of the camp or the closure
    assert stated[1] == {"b": (4, 0.45)}
    assert stated[2] == {}
    assert stated[3] == {"c": (5, 0.8)}


def _as_subjects(article: AnnotatedArticle, *names: str) -> AnnotatedArticle:
    """The article with the named mentions marked as their clauses' subjects (the parser's part, given here)."""
    article.mentions = [m.model_copy(update={"subject": m.text in names}) for m in article.mentions]
    return article


def test_the_same_predicate_of_different_subjects_is_not_one_fact() -> None:
    # Lopez's regret and Berg's and Weber's: both sentences name the firm's owner, so the rule on the persons
    # named does not keep them apart; their subjects do
    lopez = _as_subjects(build(
        "Maria Lopez has also expressed regret about working with the shipping firm of Ivo Stan for many years.",
        "Harbour Post", mentions=[("Maria Lopez", "PERSON", "person-lopez"), ("Ivo Stan", "PERSON", "person-stan")],
    ), "Maria Lopez")
    others = _as_subjects(build(
        "Two other captains, Tomas Berg and Anna Weber, have also expressed regret about working with the shipping "
        "firm of Ivo Stan for many years.", "Coast Daily",
        mentions=[("Tomas Berg", "PERSON", "person-berg"), ("Anna Weber", "PERSON", "person-weber"),
                  ("Ivo Stan", "PERSON", "person-stan")],
    ), "Tomas Berg", "Anna Weber")
    sources = {lopez.article.id: "post", others.article.id: "daily"}
    assert not any(support_map([lopez, others], sources, HashedWordsEncoder(), FusionSettings()).supporters.values())
    # "Berg hosted Lopez" and "Lopez visited Berg" may tell one event: each names the other's subject
    hosted = _as_subjects(build(
        "Tomas Berg hosted Maria Lopez at the shipping firm of Ivo Stan for many years.", "Harbour Post",
        mentions=[("Tomas Berg", "PERSON", "person-berg"), ("Maria Lopez", "PERSON", "person-lopez"),
                  ("Ivo Stan", "PERSON", "person-stan")],
    ), "Tomas Berg")
    visited = _as_subjects(build(
        "Maria Lopez visited Tomas Berg at the shipping firm of Ivo Stan for many years.", "Coast Daily",
        mentions=[("Maria Lopez", "PERSON", "person-lopez"), ("Tomas Berg", "PERSON", "person-berg"),
                  ("Ivo Stan", "PERSON", "person-stan")],
    ), "Maria Lopez")
    sources = {hosted.article.id: "post", visited.article.id: "daily"}
    assert any(support_map([hosted, visited], sources, HashedWordsEncoder(), FusionSettings()).supporters.values())
