"""Numbers: value and the counted noun."""

from __future__ import annotations

import pytest

from newsfuse.model import NumberMention

from .conftest import Annotate


def _numbers(annotate: Annotate, text: str) -> list[NumberMention]:
    return annotate(text).numbers


def test_cardinal_with_thousands_separator_and_counted_noun(annotate: Annotate) -> None:
    [number] = _numbers(annotate, "There are roughly 28,000 foreign troops based in the region.")
    assert number.value == 28000
    assert number.unit == "troops"
    assert number.text == "28,000"


def test_duration_counts_years(annotate: Annotate) -> None:
    [number] = _numbers(annotate, "It was her first visit to the country in 24 years.")
    assert (number.value, number.unit) == (24, "years")


def test_number_words(annotate: Annotate) -> None:
    [number] = _numbers(annotate, "Two ministers resigned after the vote.")
    assert (number.value, number.unit) == (2, "ministers")


def test_scale_words_multiply(annotate: Annotate) -> None:
    [number] = _numbers(annotate, "The city has 1.5 million residents.")
    assert number.value == 1_500_000
    assert number.unit == "residents"


def test_percentages(annotate: Annotate) -> None:
    [number] = _numbers(annotate, "Unemployment fell to 4.5 percent in March.")
    assert (number.value, number.unit) == (4.5, "percent")


@pytest.mark.parametrize("text", ["Sales were 33 per cent higher than in 2012.", "Prices rose by 4.5 per cent in May."])
def test_a_percentage_written_per_cent_is_a_percentage_not_money(annotate: Annotate, text: str) -> None:
    [number] = _numbers(annotate, text)
    assert number.unit == "percent"
    assert number.text.endswith("per cent")


def test_money_has_currency_unit(annotate: Annotate) -> None:
    [number] = _numbers(annotate, "The company paid $3 billion for the mine.")
    assert number.value == 3_000_000_000
    assert number.unit == "USD"
    assert number.text.startswith("$")


def test_years_are_not_numbers(annotate: Annotate) -> None:
    assert _numbers(annotate, "The war began in 2022 and ended in 2024.") == []


def test_number_word_inside_a_hyphenated_word_is_not_a_count(annotate: Annotate) -> None:
    assert _numbers(annotate, "The leaders held a one-on-one meeting.") == []


def test_counted_noun_must_be_close_to_the_number(annotate: Annotate) -> None:
    numbers = _numbers(annotate, 'The two shared "deep and lasting" hopes for peace.')
    assert all(number.unit != "hopes" for number in numbers)


def test_count_the_tagger_took_for_a_date_is_read_as_a_count(annotate: Annotate) -> None:
    # the small English model tags the "45" of "will take 45 assembly flights" as a DATE
    [number] = _numbers(annotate, "NASA says the station will take 45 assembly flights to finish.")
    assert (number.value, number.unit) == (45, "flights")


def test_a_date_of_digits_that_can_be_a_year_stays_a_date(annotate: Annotate) -> None:
    assert _numbers(annotate, "In 1998 the treaty was signed.") == []
