"""Entity mentions: named entities of the kinds the later stages use, trimmed to the name."""

from __future__ import annotations

from .conftest import Annotate


def test_person_and_place_mentions_with_offsets(annotate: Annotate) -> None:
    text = "Angela Merkel visited Paris on Monday."
    annotated = annotate(text)
    found = {(m.text, m.label) for m in annotated.mentions}
    assert ("Angela Merkel", "PERSON") in found
    assert ("Paris", "GPE") in found
    for mention in annotated.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_leading_the_is_trimmed(annotate: Annotate) -> None:
    annotated = annotate("He spoke at the United Nations in New York.")
    assert "United Nations" in [m.text for m in annotated.mentions]


def test_possessive_is_trimmed(annotate: Annotate) -> None:
    annotated = annotate("Germany's chancellor met France's president in Berlin.")
    names = [m.text for m in annotated.mentions]
    assert "Germany" in names
    assert not any(name.endswith("'s") for name in names)


def test_dates_and_numbers_are_not_mentions(annotate: Annotate) -> None:
    annotated = annotate("About 2,000 people marched in Madrid on 3 May 2021.")
    assert {m.label for m in annotated.mentions} <= {"GPE", "LOC"}


def test_mention_sentence_index(annotate: Annotate) -> None:
    annotated = annotate("It rained all day. Boris Johnson stayed in London.")
    assert {m.sentence for m in annotated.mentions} == {1}


def test_a_name_that_is_its_clauses_subject_is_marked_so(annotate: Annotate) -> None:
    annotated = annotate("Maria Lopez and Tomas Berg opened the bridge on Monday, and the crowd cheered Anna Weber.")
    subject = {m.text: m.subject for m in annotated.mentions if m.label == "PERSON"}
    assert subject == {"Maria Lopez": True, "Tomas Berg": True, "Anna Weber": False}
