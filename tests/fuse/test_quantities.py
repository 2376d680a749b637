"""Quantities: what a stated number measures, so that only numbers filling one slot are compared.

The numbers come from the real analysis stage (spaCy), on small texts written here; ages are marked by hand,
as the analysis tags "Zughayar, 21," as a date rather than a number."""

from collections.abc import Callable
from datetime import date

import pytest

from newsfuse.analyse import analyse
from newsfuse.fuse import fuse
from newsfuse.fuse.quantities import Quantity, agree, comparable, may_clash, quantities
from newsfuse.model import AnnotatedArticle, Article, FusionSettings, Settings, article_id_for

from .fuse_helpers import HashedWordsEncoder, build, story_of

TOLERANCE = FusionSettings().number_tolerance
Analysed = Callable[..., AnnotatedArticle]


@pytest.fixture(scope="module")
def analysed() -> Analysed:
    def run(text: str, outlet: str = "Harbour Post") -> AnnotatedArticle:
        article = Article(id=article_id_for(text + outlet), text=text, outlet=outlet, published=date(2025, 3, 5))
        [annotated] = analyse([article], Settings())
        return annotated

    return run


def _quantity(article: AnnotatedArticle, surface: str) -> Quantity:
    [found] = [q for q in quantities(0, article, date(2025, 3, 5)) if q.text == surface]
    return found


def test_tons_and_pounds_are_both_masses_and_different_masses_disagree(analysed: Analysed) -> None:
    tons = _quantity(analysed("The 24-ton Marla tugboat sank off Cape Orrin on Monday."), "24")
    pounds = _quantity(analysed("Marla, a 42,000-pound tugboat, sank off Cape Orrin on Monday."), "42,000")
    assert tons.dimension == pounds.dimension and "mass" in tons.dimension
    assert tons.converted and pounds.converted
    assert pounds.value == pytest.approx(42_000 * 0.45359237)  # in kilograms
    assert comparable(tons, pounds)
    assert not agree(tons, pounds, TOLERANCE)


def test_one_mass_in_tons_and_in_pounds_agrees(analysed: Analysed) -> None:
    tons = _quantity(analysed("The 2-ton Marla tugboat sank off Cape Orrin on Monday."), "2")
    pounds = _quantity(analysed("Marla, a 4,000-pound tugboat, sank off Cape Orrin on Monday."), "4,000")
    assert comparable(tons, pounds)
    assert agree(tons, pounds, TOLERANCE)


def test_more_than_150_and_about_150_agree(analysed: Analysed) -> None:
    more = _quantity(analysed("More than 150 people marched through Vell on Sunday."), "150")
    about = _quantity(analysed("About 150 people marched through Vell on Sunday.", "Coast Daily"), "150")
    assert comparable(more, about)
    assert agree(more, about, TOLERANCE)
    assert not more.partial  # a bound on the total, not a part of it


def test_rounded_figures_agree_with_the_precise_one() -> None:
    def count(value: float, text: str) -> Quantity:
        return Quantity(0, 0, 0, len(text), text, value, "count", "people", frozenset({"march"}), False, False)

    assert agree(count(1500.0, "1,500"), count(1512.0, "1,512"), TOLERANCE)
    assert not agree(count(1500.0, "1,500"), count(1600.0, "1,600"), TOLERANCE)
    assert not agree(count(21.0, "21"), count(24.0, "24"), TOLERANCE)


def test_43_more_flights_is_a_part_not_the_total(analysed: Analysed) -> None:
    article = analysed("The airline added 43 more flights to its winter schedule. It now runs 310 flights a week.")
    more, total = _quantity(article, "43"), _quantity(article, "310")
    assert more.partial and not total.partial
    assert not comparable(more, total)


def test_a_needed_threshold_is_not_the_count_itself(analysed: Analysed) -> None:
    article = analysed("The motion won 140 votes in the chamber, short of the 159 votes needed to pass.")
    won, needed = _quantity(article, "140"), _quantity(article, "159")
    assert needed.partial and not won.partial


def _aged(text: str, name: str, age: str, outlet: str = "Harbour Post") -> Quantity:
    article = build(text, outlet, mentions=[(name, "PERSON", "person-" + name.split()[-1].lower())],
                    numbers=[(age, float(age), None)])
    [quantity] = quantities(0, article, None)
    return quantity


def test_an_age_after_a_name_is_that_persons_age() -> None:
    omar = _aged("Police named the dead man as Omar Zughayar, 21, a student from Vell.", "Omar Zughayar", "21")
    same_man = _aged("The dead man was Omar Zughayar, 22, from Vell, police said.", "Omar Zughayar", "22")
    driver = _aged("The driver, Lena Brakk, 22, was unhurt.", "Lena Brakk", "22")
    assert omar.dimension == same_man.dimension == driver.dimension != "count"
    assert comparable(omar, same_man) and not agree(omar, same_man, TOLERANCE)  # one man, two ages
    assert not comparable(same_man, driver)  # two people, two ages: nothing to compare


def test_an_age_is_no_count_of_people() -> None:
    omar = _aged("Police named the dead man as Omar Zughayar, 21, a student from Vell.", "Omar Zughayar", "21")
    counted = build("The blast at the Vell market wounded 21 people.", "Coast Daily", numbers=[("21", 21.0, "people")])
    [people] = quantities(0, counted, None)
    assert people.dimension == "count"
    assert not comparable(omar, people)


def test_about_150_against_more_than_150_is_no_conflict(analysed: Analysed) -> None:
    more = analysed("More than 150 people marched through Vell on Sunday. The march was peaceful.", "Harbour Post")
    about = analysed("About 150 people marched through Vell on Sunday. Police watched the march.", "Coast Daily")
    assert fuse(story_of(more, about), [more, about], [], HashedWordsEncoder()).conflicts == []


def test_24_tons_against_42000_pounds_is_a_conflict_on_the_mass(analysed: Analysed) -> None:
    tons = analysed("The 24-ton Marla tugboat sank off Cape Orrin on Monday. Its crew was rescued.", "Harbour Post")
    pounds = analysed("Marla, a 42,000-pound tugboat, sank off Cape Orrin on Monday. The crew was saved.",
                      "Coast Daily")
    [conflict] = fuse(story_of(tons, pounds), [tons, pounds], [], HashedWordsEncoder()).conflicts
    assert conflict.kind == "number"
    assert sorted(side.value for side in conflict.sides) == ["24", "42,000"]
    assert [v.family_ids for v in conflict.values] == [[tons.article.id], [pounds.article.id]]


def test_a_count_of_one_condition_is_a_part_of_the_wounded_not_another_value(analysed: Analysed) -> None:
    wounded = _quantity(analysed("In all, 17 people were wounded in the blast at the Orrin depot."), "17")
    critical = _quantity(analysed("Four people were critically injured in the blast at the Orrin depot."), "Four")
    also_critical = _quantity(analysed("Officials said six were in critical condition after the blast."), "six")
    minor = _quantity(analysed("Another 11 people with minor injuries went home after the blast."), "11")
    assert critical.status == also_critical.status == frozenset({"critical"})
    assert not comparable(wounded, critical)
    assert not comparable(critical, minor)
    assert comparable(critical, also_critical)


def test_an_order_of_magnitude_agrees_with_any_figure_in_its_range(analysed: Analysed) -> None:
    dozens = _quantity(analysed("A group of several dozen fishermen marched to the Orrin harbour."), "dozen")
    forty = _quantity(analysed("A group of about 40 fishermen marched to the Orrin harbour."), "40")
    five_hundred = _quantity(analysed("A group of 500 fishermen marched to the Orrin harbour."), "500")
    assert dozens.vague is not None
    assert agree(dozens, forty, TOLERANCE)
    assert not agree(dozens, five_hundred, TOLERANCE)


def test_in_after_a_number_is_a_preposition_not_inches(analysed: Analysed) -> None:
    count = _quantity(analysed("The port handled 280,000 containers last year, against 250,000 in 2019."), "250,000")
    assert count.dimension == "count"



def test_a_plural_acronym_after_a_number_is_what_is_counted_not_a_unit(analysed: Analysed) -> None:
    members = _quantity(analysed("The motion was backed by 48 Conservative MPs on Tuesday."), "48")
    assert members.dimension == "count"  # not metres per second, as pint reads "mps"


def test_measures_of_very_different_size_are_no_other_value_of_one_figure(analysed: Analysed) -> None:
    article = analysed("Currie steered the 50-foot robot arm by camera. The station orbits 240 miles above the Earth.")
    arm, altitude = _quantity(article, "50"), _quantity(article, "240")
    assert arm.dimension == altitude.dimension
    assert not may_clash(arm, altitude)  # the arm's length is not a value of the altitude


def test_two_close_masses_may_be_one_figure_reported_two_ways(analysed: Analysed) -> None:
    tons = _quantity(analysed("The 24-ton Marla tugboat sank off Cape Orrin on Monday."), "24")
    pounds = _quantity(analysed("Marla, a 42,000-pound tugboat, sank off Cape Orrin on Monday."), "42,000")
    assert may_clash(tons, pounds)
