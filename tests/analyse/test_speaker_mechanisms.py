"""Speaker attribution by general mechanisms (nesting, signatures, clauses, documents, the sentence before), one
mechanism per test, on small texts written for these tests."""

from __future__ import annotations

import pytest

from .conftest import Annotate
from .conftest import quotation_starting as _by_text


def test_a_quotation_inside_a_quotation_stays_part_of_it(annotate: Annotate) -> None:
    text = (
        "“I would rather live in what he calls “a disaster zone” than anywhere else,” Maria Lopez said of the "
        "harbour district."
    )
    annotated = annotate(text)
    outer = _by_text(annotated, "I would rather live")
    assert outer.text.endswith("than anywhere else,")
    assert outer.speaker == "Maria Lopez"
    assert not any(q.text == "a disaster zone" for q in annotated.quotations)


def test_an_opening_mark_after_a_line_break_starts_a_new_quotation(annotate: Annotate) -> None:
    text = (
        "“The water rose in minutes and nobody was ready for it, Anna Weber said on Monday.\n"
        "“We are rebuilding the school first,” added Tomas Berg, the mayor of the town."
    )
    assert _by_text(annotate(text), "We are rebuilding").speaker == "Tomas Berg"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Readers wrote to us after the debate.\n\n"
            "“The candidate never answered a single question about the budget.” ― Oskarine Vellquist Daro\n\n"
            "“Nobody on that stage spoke about the harbour.” ― Jorunn Tvedt Halse",
            {"The candidate never": "Oskarine Vellquist Daro", "Nobody on that stage": "Jorunn Tvedt Halse"},
            id="a dash signature, names the tagger missed",
        ),
        pytest.param(
            "The boy was found behind a closet on Sunday, the police chief Mark Lowe said.\n\n"
            "“We were not going to leave until we found him.” Sgt. Ana Ruiz, Tarn County Police Department\n\n"
            "“This bridge joins two towns that were never apart.” Tomas Berg, mayor of Westhaven",
            {"We were not going": "Ana Ruiz", "This bridge joins": "Tomas Berg"},
            id="a pull quote's credit line",
        ),
    ],
)
def test_the_name_set_after_a_quotation_signs_it(annotate: Annotate, text: str, speakers: dict[str, str]) -> None:
    annotated = annotate(text)
    assert {start: _by_text(annotated, start).speaker for start in speakers} == speakers


def test_a_name_that_goes_on_to_say_something_is_no_credit_line(annotate: Annotate) -> None:
    text = "The bridge opened on Monday.\n\n“The ferry is late again.” Tomas Berg said the timetable would change."
    assert _by_text(annotate(text), "The ferry is late").speaker is None


def test_an_adverbial_clause_quotes_its_own_subject(annotate: Annotate) -> None:
    text = (
        "Maria Lopez watched the screen, and as Peter Olsen went on about “a harbour that works for everyone,” "
        "Maria Lopez said yes, over and over again."
    )
    assert _by_text(annotate(text), "a harbour that works").speaker == "Peter Olsen"


def test_a_content_clause_is_still_reported_speech(annotate: Annotate) -> None:
    text = "Peter Olsen wrote on Monday that the new bridge was “a waste of public money and time.”"
    assert _by_text(annotate(text), "a waste of public money").speaker == "Peter Olsen"


def test_an_organisation_in_a_persons_apposition_gives_the_person(annotate: Annotate) -> None:
    text = (
        "In a panel discussion in Oslo, Michael Carter, the chief executive of the Northern Shipping League, "
        'firmly told the audience that "the harbour will not close this winter."'
    )
    assert _by_text(annotate(text), "the harbour will not close").speaker == "Michael Carter"


def test_a_report_speaks_for_the_name_on_it(annotate: Annotate) -> None:
    text = (
        "The International Monetary Fund cut its forecast on Tuesday. "
        '"The outlook for trade remains very uncertain this year," the IMF report stated.'
    )
    assert _by_text(annotate(text), "The outlook for trade").speaker == "IMF"


def test_a_statement_speaks_for_the_one_who_issued_it(annotate: Annotate) -> None:
    text = (
        "After a short meeting, the Security Council issued a statement calling the test "
        '"a clear violation of every earlier resolution."'
    )
    assert _by_text(annotate(text), "a clear violation").speaker == "Security Council"


def test_a_participle_after_a_name_is_that_persons_words(annotate: Annotate) -> None:
    text = 'The new advertisement uses footage of Maria Lopez asking, "Why are we still waiting for the bridge?"'
    assert _by_text(annotate(text), "Why are we still waiting").speaker == "Maria Lopez"


def test_a_quoted_fragment_in_a_relative_clause_belongs_to_the_main_clause(annotate: Annotate) -> None:
    text = (
        "Peter Olsen, a professor of history at the University of Bergen, compared the mayor to a captain who is "
        '"steering the ship onto the rocks" in a storm.'
    )
    assert _by_text(annotate(text), "steering the ship").speaker == "Peter Olsen"


def test_a_quotation_sentence_without_a_cue_takes_the_person_the_sentence_before_is_about(annotate: Annotate) -> None:
    text = (
        "On Sunday, Senator Maria Lopez named the harbour as the first reason to vote. "
        '"The young people of this town are tired of waiting for jobs that never come."'
    )
    assert _by_text(annotate(text), "The young people").speaker == "Maria Lopez"


def test_a_bare_surname_shared_by_two_people_is_the_one_named_most(annotate: Annotate) -> None:
    text = (
        "Keith Lamont Hayes was sitting in his car when the officers arrived. Keith Lamont Hayes did not move. "
        "His wife, Rakeyia Hayes, recorded the encounter on her phone.\n\n"
        '"I had nothing in my hands," Hayes told the officers.'
    )
    assert _by_text(annotate(text), "I had nothing").speaker == "Keith Lamont Hayes"


def test_a_quotation_inside_a_reporting_noun_is_its_possessors_words(annotate: Annotate) -> None:
    text = (
        "The fact-checkers looked closely at Maria Lopez's claim that there were “hundreds of empty flats” in the "
        "harbour district."
    )
    assert _by_text(annotate(text), "hundreds of empty flats").speaker == "Maria Lopez"


def test_a_charge_in_a_passive_clause_is_not_the_subjects_words(annotate: Annotate) -> None:
    text = "After a short trial, Peter Olsen was sentenced to six years for “damaging the harbour cranes.”"
    assert _by_text(annotate(text), "damaging the harbour").speaker != "Peter Olsen"


def test_he_after_an_unnamed_speaker_stays_that_speaker(annotate: Annotate) -> None:
    text = (
        'Peter Olsen, the harbour master, said the cranes were safe. "We checked every one of them," Olsen said.\n\n'
        "One dock worker said that the inspections had been rushed. "
        '"Nobody looked at the cables on the north side," he said.'
    )
    quote = _by_text(annotate(text), "Nobody looked at the cables")
    assert quote.speaker is not None
    assert "dock worker" in quote.speaker


def test_the_report_of_a_news_agency_speaks_for_the_agency(annotate: Annotate) -> None:
    text = (
        "The state news agency Nordpress said on Friday that the minister had resigned. "
        '"He is no longer empowered to sign any agreement," the report said.'
    )
    assert _by_text(annotate(text), "He is no longer empowered").speaker == "Nordpress"


def test_a_description_yields_to_a_nearer_named_speaker(annotate: Annotate) -> None:
    text = "The new spot ends with footage of Maria Lopez saying at the debate, “That makes the harbour stronger.”"
    assert _by_text(annotate(text), "That makes the harbour").speaker == "Maria Lopez"


def test_a_dash_is_never_a_speaker(annotate: Annotate) -> None:
    text = "His plans were made public ― Peter Olsen boasted, “That makes me the best mayor this town has had.”"
    assert _by_text(annotate(text), "That makes me the best").speaker == "Peter Olsen"


def test_a_description_whose_clause_gives_the_name_is_that_person(annotate: Annotate) -> None:
    text = (
        "The street was quiet on Sunday. "
        '"We lost everything in one night," said a woman who asked to be identified by her family name, Chan.'
    )
    assert _by_text(annotate(text), "We lost everything").speaker == "Chan"
