from collections.abc import Sequence
from datetime import date
from typing import Any

from newsfuse.brief import make_brief
from newsfuse.fuse import fuse
from newsfuse.model import Conflict, Entity, QuoteKind, SourceFamily, Story, TimeGranularity

from .fuse_helpers import HashedWordsEncoder, build, story_of


def _conflicts(
    first_text: str, second_text: str, first: dict[str, Any], second: dict[str, Any],
    entities: Sequence[Entity] = (),
) -> list[Conflict]:
    """The conflicts fusing two hand-annotated articles (``first``/``second``: annotations for ``build``)."""
    one = build(first_text, "Daily One", **first)
    other = build(second_text, "Evening Two", **second)
    return fuse(story_of(one, other), [one, other], list(entities), HashedWordsEncoder()).conflicts


def test_different_counts_of_the_same_thing_are_a_number_conflict() -> None:
    conflicts = _conflicts(
        "The storm killed 12 people in the port city of Brava. Schools stayed closed.",
        "The storm killed 15 people in the port city of Brava. Roads were flooded.",
        first={"numbers": [("12", 12.0, "people")]},
        second={"numbers": [("15", 15.0, "people")]},
    )
    assert [c.kind for c in conflicts] == ["number"]
    assert sorted(s.value for s in conflicts[0].sides) == ["12", "15"]
    assert conflicts[0].relation == "disagreement"


WOUNDED_21 = "A car bomb wounded 21 people at the Vell market on Friday, police said. The market was closed."
WOUNDED_24 = "A car bomb wounded 24 people at the Vell market on Friday, the army said. Two bombers died."
WOUNDED_21_AGAIN = "A car bomb wounded 21 people at the Vell market on Friday, doctors said. Shops stayed shut."


def test_one_slot_is_one_conflict_listing_each_value_once_with_the_outlets_giving_it() -> None:
    post = build(WOUNDED_21, "Harbour Post", numbers=[("21", 21.0, "people")])
    daily = build(WOUNDED_24, "Coast Daily", numbers=[("24", 24.0, "people")])
    radio = build(WOUNDED_21_AGAIN, "Bay Radio", numbers=[("21", 21.0, "people")])
    fusion = fuse(story_of(post, daily, radio), [post, daily, radio], [], HashedWordsEncoder())
    [conflict] = fusion.conflicts
    assert (conflict.kind, conflict.relation) == ("number", "disagreement")
    assert "people" in conflict.slot
    values = {v.value: v for v in conflict.values}
    assert sorted(values) == ["21 people", "24 people"]
    assert values["21 people"].family_ids == [post.article.id, radio.article.id]
    assert [s.article_id for s in values["21 people"].sides] == [post.article.id, radio.article.id]
    assert values["24 people"].family_ids == [daily.article.id]
    assert [(s.article_id, s.value) for s in values["24 people"].sides] == [(daily.article.id, "24")]
    for side in conflict.sides:
        text = {a.article.id: a.article.text for a in (post, daily, radio)}[side.article_id]
        assert text[side.start : side.end] == side.value


def test_a_shared_fact_never_cites_both_sides_of_a_conflict() -> None:
    post = build(WOUNDED_21, "Harbour Post", numbers=[("21", 21.0, "people")])
    daily = build(WOUNDED_24, "Coast Daily", numbers=[("24", 24.0, "people")])
    radio = build(WOUNDED_21_AGAIN, "Bay Radio", numbers=[("21", 21.0, "people")])
    articles = [post, daily, radio]
    encoder = HashedWordsEncoder()
    fusion = fuse(story_of(*articles), articles, [], encoder)
    brief = make_brief(fusion, articles, encoder)
    assert fusion.conflicts
    for conflict in fusion.conflicts:
        for tier in brief.coverage:
            for fact in tier.facts:
                given = {
                    value.value for value in conflict.values for side in value.sides for c in fact.citations
                    if c.article_id == side.article_id and c.start <= side.start < c.end
                }
                assert len(given) <= 1, f"{fact.text!r} cites {sorted(given)}"
    shared = [fact for tier in brief.coverage if tier.sources > 1 for fact in tier.facts]
    wounded = next(fact for fact in shared if "wounded 21" in fact.text)
    assert {c.outlet for c in wounded.citations} == {"Harbour Post", "Bay Radio"}


def test_equal_counts_are_no_conflict() -> None:
    conflicts = _conflicts(
        "The storm killed 12 people in the port city of Brava. Schools stayed closed.",
        "The storm killed 12 people in the port city of Brava. Roads were flooded.",
        first={"numbers": [("12", 12.0, "people")]},
        second={"numbers": [("12", 12.0, "people")]},
    )
    assert conflicts == []


def test_different_days_for_the_same_event_are_a_date_conflict() -> None:
    conflicts = _conflicts(
        "The bridge over the Lenta river reopened on 4 March after repairs. Traffic resumed.",
        "The bridge over the Lenta river reopened on 6 March after repairs. Drivers cheered.",
        first={"times": [("4 March", "2025-03-04", TimeGranularity.day)]},
        second={"times": [("6 March", "2025-03-06", TimeGranularity.day)]},
    )
    assert [c.kind for c in conflicts] == ["date"]


def test_a_year_and_a_month_within_it_agree() -> None:
    conflicts = _conflicts(
        "The bridge over the Lenta river reopened in March 2025 after repairs. Traffic resumed.",
        "The bridge over the Lenta river reopened in 2025 after repairs. Drivers cheered.",
        first={"times": [("March 2025", "2025-03", TimeGranularity.month)]},
        second={"times": [("2025", "2025", TimeGranularity.year)]},
    )
    assert conflicts == []


WORDS = "we will never accept a deal that hurts farmers"
HOLT_SAYS = f'Talks on the grain deal stalled. "{WORDS}," Mira Holt said. Nothing moved.'
HOLT_AND_BRANDT = [Entity(id="person-holt", name="Mira Holt", label="PERSON"),
                   Entity(id="person-brandt", name="Jon Brandt", label="PERSON")]


def _holt_against_brandt(brandt_text: str, brandt_words: str) -> list[Conflict]:
    """The attribution conflicts of Holt's words in one outlet and the same words given to Brandt in another."""
    return _conflicts(
        HOLT_SAYS, brandt_text,
        first={"quotes": [(WORDS + ",", "person-holt", QuoteKind.speech)]},
        second={"quotes": [(brandt_words, "person-brandt", QuoteKind.speech)]},
        entities=HOLT_AND_BRANDT,
    )


def test_the_same_words_given_to_different_speakers_are_an_attribution_conflict() -> None:
    conflicts = _holt_against_brandt(f'Talks on the grain deal stalled. "{WORDS}," Jon Brandt said. Nothing moved.',
                                     WORDS + ",")
    assert [(c.kind, c.slot) for c in conflicts] == [("attribution", "who said it")]
    assert sorted(v.value for v in conflicts[0].values) == ["Brandt", "Holt"]


def test_the_same_words_with_their_speaker_named_in_the_cue_sentence_after_them_are_an_attribution_conflict() -> None:
    # the question mark ends the sentence: the cue naming the speaker is a sentence of its own
    conflicts = _holt_against_brandt(f'Talks on the grain deal stalled. "{WORDS}?" Jon Brandt asked. Nothing moved.',
                                     WORDS + "?")
    assert [(c.kind, c.slot) for c in conflicts] == [("attribution", "who said it")]


def test_the_same_words_whose_speaker_was_found_through_a_pronoun_are_no_attribution_conflict() -> None:
    conflicts = _holt_against_brandt(
        f'Jon Brandt left the talks early. The grain deal stalled. He said, "{WORDS}." Nothing moved.', WORDS + "."
    )
    # "He" is the analysis's reading of whom the second outlet quotes, not what it states: no dispute to report
    assert [c for c in conflicts if c.kind == "attribution"] == []


def test_the_same_words_given_to_a_person_and_to_an_office_are_no_attribution_conflict() -> None:
    conflicts = _conflicts(
        HOLT_SAYS, f'Talks on the grain deal stalled. "{WORDS}," the farm ministry said. Nothing moved.',
        first={"quotes": [(WORDS + ",", "person-holt", QuoteKind.speech)]},
        second={"quotes": [(WORDS + ",", "org-ministry", QuoteKind.speech)]},
        entities=[HOLT_AND_BRANDT[0], Entity(id="org-ministry", name="farm ministry", label="ORG")],
    )
    assert conflicts == []  # the minister's words given to the ministry are the same words, not a dispute


def test_different_bodies_qualifying_the_same_measure_on_one_country_are_a_name_conflict() -> None:
    conflicts = _conflicts(
        "Ostland was hit with EU trade sanctions after the border dispute with its neighbour. Talks failed.",
        "The border dispute with its neighbour brought NATO trade sanctions on Ostland. Talks failed.",
        first={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("EU", "ORG", "org-eu")]},
        second={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("NATO", "ORG", "org-nato")]},
    )
    assert [c.kind for c in conflicts] == ["name"]
    assert sorted(s.value for s in conflicts[0].sides) == ["EU trade sanctions", "NATO trade sanctions"]


def test_a_body_and_its_acronym_are_the_same_qualifier() -> None:
    conflicts = _conflicts(
        "Ostland was hit with United Nations trade sanctions after the border dispute. Talks failed.",
        "The border dispute with its neighbour brought UN trade sanctions on Ostland. Talks failed.",
        first={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("United Nations", "ORG", "org-un")]},
        second={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("UN", "ORG", "org-un")]},
    )
    assert conflicts == []  # the initials are read in text order: "United Nations" is "UN", not "NU"


def test_the_same_measure_on_different_countries_is_no_conflict() -> None:
    conflicts = _conflicts(
        "Ostland was hit with EU trade sanctions after the border dispute with its neighbour. Talks failed.",
        "The border dispute with its neighbour brought NATO trade sanctions on Westria. Talks failed.",
        first={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("EU", "ORG", "org-eu")]},
        second={"mentions": [("Westria", "GPE", "gpe-westria"), ("NATO", "ORG", "org-nato")]},
    )
    assert conflicts == []


def test_copies_of_one_report_never_conflict_with_each_other() -> None:
    first = build("The storm killed 12 people in the port city of Brava. Schools stayed closed.", "Daily One",
                  numbers=[("12", 12.0, "people")])
    second = build("The storm killed 15 people in the port city of Brava. Schools stayed closed.", "Daily Copy",
                   numbers=[("15", 15.0, "people")])
    story = Story(id="s", article_ids=[first.article.id, second.article.id], families=[
        SourceFamily(id="f", article_ids=[first.article.id, second.article.id], representative=first.article.id)])
    assert fuse(story, [first, second], [], HashedWordsEncoder()).conflicts == []


KILLED_12 = "The storm killed 12 people in the port city of Brava on Monday. Schools stayed closed."
ROSE_TO_15 = "The storm toll rose to 15 people killed in the port city of Brava on Tuesday. Roads were flooded."


def _storm(first_text: str, first_day: date, second_text: str, second_day: date) -> list[Conflict]:
    first = build(first_text, "Daily One", published=first_day, numbers=[(n, float(n), "people")
                                                                          for n in ("12", "15") if n in first_text])
    second = build(second_text, "Evening Two", published=second_day,
                   numbers=[(n, float(n), "people") for n in ("12", "15") if n in second_text])
    return fuse(story_of(first, second), [first, second], [], HashedWordsEncoder()).conflicts


def test_a_later_report_whose_figure_rose_is_an_update_oldest_value_first() -> None:
    [conflict] = _storm(KILLED_12, date(2025, 3, 5), ROSE_TO_15, date(2025, 3, 6))
    assert conflict.relation == "update"
    assert [v.value for v in conflict.values] == ["12 people", "15 people"]
    assert [v.published for v in conflict.values] == [date(2025, 3, 5), date(2025, 3, 6)]
    # the order is the reports' order in time, not the story's order
    [reversed_story] = _storm(ROSE_TO_15, date(2025, 3, 6), KILLED_12, date(2025, 3, 5))
    assert (reversed_story.relation, [v.value for v in reversed_story.values]) == ("update", ["12 people", "15 people"])


def test_reports_of_different_days_giving_other_figures_without_saying_it_changed_disagree() -> None:
    later = "The storm killed 15 people in the port city of Brava on Monday. Roads were flooded."
    [conflict] = _storm(KILLED_12, date(2025, 3, 5), later, date(2025, 3, 6))
    assert conflict.relation == "disagreement"


def test_a_figure_said_to_rise_in_a_report_of_the_same_day_is_no_update() -> None:
    [conflict] = _storm(KILLED_12, date(2025, 3, 5), ROSE_TO_15, date(2025, 3, 5))
    assert conflict.relation == "disagreement"


def test_counts_in_different_roles_are_no_conflict() -> None:
    conflicts = _conflicts(
        "The storm killed 12 people in the port city of Brava on Monday. Schools stayed closed.",
        "The storm injured 15 people in the port city of Brava on Monday. Roads were flooded.",
        first={"numbers": [("12", 12.0, "people")]},
        second={"numbers": [("15", 15.0, "people")]},
    )
    assert conflicts == []


def test_nationality_words_alone_are_no_name_conflict() -> None:
    conflicts = _conflicts(
        "Ostland was visited by Norse trade officials after the border dispute with its neighbour. Talks failed.",
        "The border dispute with its neighbour brought Gallic trade officials to Ostland. Talks failed.",
        first={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("Norse", "NORP", "norp-norse")]},
        second={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("Gallic", "NORP", "norp-gallic")]},
    )
    assert conflicts == []


def test_two_agencies_that_each_said_something_of_one_country_are_no_name_conflict() -> None:
    conflicts = _conflicts(
        "Protesters seized the council building in Ostland, Tellus news agency said. Talks failed.",
        "Protesters seized the council building in Ostland, Vox television said. Talks failed.",
        first={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("Tellus", "ORG", "org-tellus")]},
        second={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("Vox", "ORG", "org-vox")]},
    )
    assert [c for c in conflicts if c.kind == "name"] == []  # who said it is no noun "said" qualified by a name


def test_a_nations_body_and_its_nationality_word_are_one_side_not_a_name_conflict() -> None:
    conflicts = _conflicts(
        "US Army troops were sent to Ostland after the border dispute with its neighbour. Talks failed.",
        "After the border dispute with its neighbour, American troops were sent to Ostland. Talks failed.",
        first={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("US Army", "ORG", "org-us-army")]},
        second={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("American", "NORP", "norp-american")]},
    )
    assert conflicts == []  # "American troops" says less precisely who they are, not someone else


def test_claims_stating_one_fact_with_one_count_each_are_one_slot_even_in_other_words() -> None:
    early = build("More than 150 refugees have crossed from Orrin into Vellia on foot, officials said.",
                  "Daily One", None, numbers=[("150", 150.0, "refugees")])
    late = build("By late afternoon, more than 600 refugees walked from Orrin into Vellia on foot.",
                 "Evening Two", None, numbers=[("600", 600.0, "refugees")])
    fusion = fuse(story_of(early, late), [early, late], [], HashedWordsEncoder())
    numbers = [c for c in fusion.conflicts if c.kind == "number"]
    assert [[v.value for v in c.values] for c in numbers] == [["150 refugees", "600 refugees"]]
    assert numbers[0].relation == "update"  # undated: the later figure's sentence says the count moved on


def test_the_summary_states_the_latest_figure_of_an_update_never_the_stale_one() -> None:
    from newsfuse.brief.summary import select_summary

    first = build(KILLED_12 + " Ferries from the harbour were cancelled for the whole day.", "Daily One",
                  published=date(2025, 3, 5), numbers=[("12", 12.0, "people")])
    second = build(ROSE_TO_15 + " Ferries from the harbour were cancelled for a second day.", "Evening Two",
                   published=date(2025, 3, 6), numbers=[("15", 15.0, "people")])
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    assert [c.relation for c in fusion.conflicts if c.kind == "number"] == ["update"]
    summary = select_summary(fusion, [first, second], HashedWordsEncoder(), 60)
    texts = " ".join(s.text for s in summary)
    assert "rose to 15" in texts
    assert "killed 12" not in texts


def test_a_conflict_over_a_measure_is_named_by_the_measure_and_what_it_measures() -> None:
    conflicts = _conflicts(
        "The 40,000-pound Zarya module reached orbit on Friday. Engineers cheered.",
        "The 44,000-pound Zarya module reached orbit on Friday. Crowds watched.",
        first={"numbers": [("40,000", 40000.0, "pound")]},
        second={"numbers": [("44,000", 44000.0, "pound")]},
    )
    assert [c.slot for c in conflicts] == ["mass of Zarya"]


def test_two_counts_of_one_toll_noun_are_one_slot_whatever_the_words_around_them() -> None:
    # the fever outbreak's deaths, told with nothing else in common around the figure
    conflicts = _conflicts(
        "The health board of Vell now reports 2 deaths from the marsh fever. Clinics stay open late.",
        "Since March, the marsh fever has been blamed in four deaths across the valley. Wells were tested.",
        first={"numbers": [("2", 2.0, "deaths")]},
        second={"numbers": [("four", 4.0, "deaths")]},
    )
    assert [c.kind for c in conflicts] == ["number"]
    assert sorted(s.value for s in conflicts[0].sides) == ["2", "four"]


def test_two_counts_of_men_with_nothing_else_in_common_are_no_conflict() -> None:
    conflicts = _conflicts(
        "The health board of Vell now reports 2 men in hospital with the marsh fever. Clinics stay open late.",
        "Since March, six men have rebuilt the dam across the valley. Wells were tested.",
        first={"numbers": [("2", 2.0, "men")]},
        second={"numbers": [("six", 6.0, "men")]},
    )
    assert conflicts == []
