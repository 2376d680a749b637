from datetime import date
from typing import Any

from newsfuse.fuse import fuse
from newsfuse.model import Conflict, QuoteKind, SourceFamily, Story, TimeGranularity

from .fuse_helpers import HashedWordsEncoder, build, story_of


def _conflicts(first_text: str, second_text: str, first: dict[str, Any], second: dict[str, Any]) -> list[Conflict]:
    """The conflicts fusing two hand-annotated articles (``first``/``second``: annotations for ``build``)."""
    one = build(first_text, "Daily One", **first)
    other = build(second_text, "Evening Two", **second)
    return fuse(story_of(one, other), [one, other], [], HashedWordsEncoder()).conflicts


def test_different_counts_of_the_same_thing_are_a_number_conflict() -> None:
    conflicts = _conflicts(
        "The storm killed 12 people in the port city of Brava. Schools stayed closed.",
        "The storm killed 15 people in the port city of Brava. Roads were flooded.",
        first={"numbers": [("12", 12.0, "people")]},
        second={"numbers": [("15", 15.0, "people")]},
    )
    assert [c.kind for c in conflicts] == ["number"]
    assert sorted(s.value for s in conflicts[0].sides) == ["12", "15"]


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


def test_the_same_words_given_to_different_speakers_are_an_attribution_conflict() -> None:
    words = "we will never accept a deal that hurts farmers"
    conflicts = _conflicts(
        f'Talks on the grain deal stalled. "{words}," Mira Holt said. Nothing moved.',
        f'Talks on the grain deal stalled. "{words}," Jon Brandt said. Nothing moved.',
        first={"quotes": [(words + ",", "person-holt", QuoteKind.speech)]},
        second={"quotes": [(words + ",", "person-brandt", QuoteKind.speech)]},
    )
    assert [c.kind for c in conflicts] == ["attribution"]


def test_different_bodies_qualifying_the_same_measure_on_one_country_are_a_name_conflict() -> None:
    conflicts = _conflicts(
        "Ostland was hit with EU trade sanctions after the border dispute with its neighbour. Talks failed.",
        "The border dispute with its neighbour brought NATO trade sanctions on Ostland. Talks failed.",
        first={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("EU", "ORG", "org-eu")]},
        second={"mentions": [("Ostland", "GPE", "gpe-ostland"), ("NATO", "ORG", "org-nato")]},
    )
    assert [c.kind for c in conflicts] == ["name"]
    assert sorted(s.value for s in conflicts[0].sides) == ["EU trade sanctions", "NATO trade sanctions"]


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


def test_reports_of_different_days_update_rather_than_contradict() -> None:
    first = build("The storm killed 12 people in the port city of Brava. Schools stayed closed.", "Daily One",
                  published=date(2025, 3, 5), numbers=[("12", 12.0, "people")])
    second = build("The storm killed 15 people in the port city of Brava. Roads were flooded.", "Evening Two",
                   published=date(2025, 3, 6), numbers=[("15", 15.0, "people")])
    assert fuse(story_of(first, second), [first, second], [], HashedWordsEncoder()).conflicts == []


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
