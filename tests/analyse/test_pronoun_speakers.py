"""Pronoun speakers by agreement: gender (as the article shows it, else a first name at a distance), chains of
sentences about one person, and plural "they" to the nearest antecedent a plural agrees with. One mechanism per
test, on small texts written for these tests."""

from __future__ import annotations

from .conftest import Annotate
from .conftest import quotation_starting as _by_text


def test_a_first_name_tells_apart_people_the_article_shows_nothing_else_of(annotate: Annotate) -> None:
    heard = "On Monday the council heard {} and {} on the plans for the new bridge.\n\n"
    she = annotate(heard.format("Hillary Morgan", "Donald Kessler") + "“Nobody here wants the bridge,” she said.")
    he = annotate(heard.format("Donald Kessler", "Hillary Morgan") + "“Everybody here wants the bridge,” he said.")
    assert _by_text(she, "Nobody here").speaker == "Hillary Morgan"
    assert _by_text(he, "Everybody here").speaker == "Donald Kessler"


def test_a_chain_of_sentences_about_her_leads_back_to_her_name(annotate: Annotate) -> None:
    text = (
        "Maria Lopez met the inspectors at the harbour on Monday.\n\n"
        "She walked along the quay. She looked at the broken crane for a long time.\n\n"
        "“We will need a new one before the winter,” she said."
    )
    assert _by_text(annotate(text), "We will need").speaker == "Maria Lopez"


def test_they_said_goes_to_the_people_joined_by_and(annotate: Annotate) -> None:
    text = (
        "Senators Anna Berg and Peter Olsen wrote to the harbour authority on Thursday. The letter has not been "
        "answered.\n\n"
        "“The crane is unsafe and must be replaced before the winter,” they wrote."
    )
    speaker = _by_text(annotate(text), "The crane is unsafe").speaker or ""
    assert "Anna Berg" in speaker
    assert "Peter Olsen" in speaker


def test_they_said_goes_to_a_plural_noun_naming_people_not_to_a_thing(annotate: Annotate) -> None:
    text = (
        "Local officials inspected the old bridge on Monday. The repairs will take at least a year.\n\n"
        "“It is not safe for trucks,” they said."
    )
    assert _by_text(annotate(text), "It is not safe").speaker == "Local officials"


def test_they_said_goes_to_the_organisation_the_sentence_before_is_about(annotate: Annotate) -> None:
    text = (
        "The Northern Shipping League closed its office in the port on Friday.\n\n"
        "“We cannot work in these conditions,” they said."
    )
    assert _by_text(annotate(text), "We cannot work").speaker == "Northern Shipping League"


def test_they_never_stands_for_one_person(annotate: Annotate) -> None:
    text = "Maria Lopez left the meeting early on Monday.\n\n“Nobody listened to the workers,” they said."
    assert _by_text(annotate(text), "Nobody listened").speaker == "they"  # the text's own word, no one else


ARLOW = "Prime Minister John Arlow met lawmakers on Monday. “We will not delay the budget,” Arlow said.\n\n"


def test_he_after_a_role_noun_subject_is_that_person_not_the_last_one_named(annotate: Annotate) -> None:
    text = ARLOW + (
        "The speaker of parliament, who chairs the budget committee, criticised the plan. “This is a mistake,” he said."
    )
    assert _by_text(annotate(text), "This is a mistake").speaker == "speaker of parliament"
    text = ARLOW + "The opposition leader walked out of the chamber. “This is theatre,” he said."
    assert _by_text(annotate(text), "This is theatre").speaker == "opposition leader"


def test_a_role_noun_that_spoke_last_takes_a_later_he_said(annotate: Annotate) -> None:
    text = ARLOW + (
        "The speaker of parliament said the vote would wait. The chamber was in uproar. "
        "“We will not be rushed,” he said."
    )
    assert _by_text(annotate(text), "We will not be rushed").speaker == "speaker of parliament"


def test_a_role_noun_with_its_name_in_apposition_gives_the_name(annotate: Annotate) -> None:
    text = (
        "The rebels said the hostage was safe. The chief executive of Westhaven Telecom, Ray Verth, said on Tuesday "
        "that the rescue had failed. He said the company had “opened a dialogue with the kidnappers.”"
    )
    assert _by_text(annotate(text), "opened a dialogue").speaker == "Ray Verth"


def test_a_role_noun_of_the_other_gender_is_not_he(annotate: Annotate) -> None:
    text = ARLOW + "The spokeswoman for the opposition rejected the plan. “This is a mistake,” he said."
    assert _by_text(annotate(text), "This is a mistake").speaker == "John Arlow"
