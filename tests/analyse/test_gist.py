"""A sentence's gist: its main clause in at most 14 words of its own, in order, read from the parse."""

from __future__ import annotations

import re

from newsfuse.analyse.gist import GIST
from newsfuse.model import AnnotatedArticle

from .conftest import Annotate


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def _is_in_order(gist: str, sentence: str) -> bool:
    remaining = iter(_words(sentence))
    return all(word in remaining for word in _words(gist))


def _gist(annotated: AnnotatedArticle, index: int = 0) -> str | None:
    return annotated.sentence_gist(index)


def test_the_gist_keeps_subject_verb_object_and_the_partner_and_drops_the_date_and_the_aside(
    annotate: Annotate,
) -> None:
    sentence = (
        "Harbour Minister Ada Lindqvist signed a fishing accord on Thursday with Norway's Jonas Berg, "
        "who praised the deal as a model for the region."
    )
    gist = _gist(annotate(sentence))
    assert gist is not None
    assert "signed a fishing accord" in gist and "Jonas Berg" in gist
    assert "Thursday" not in gist and "praised" not in gist
    assert len(gist.split()) <= GIST.max_words and "…" not in gist
    assert _is_in_order(gist, sentence)


def test_a_closing_attribution_stays_with_its_comma(annotate: Annotate) -> None:
    sentence = (
        "The Varn ferry will stop running after a crack was found in its hull, the operator said on Monday, "
        "as passengers queued at the pier."
    )
    gist = _gist(annotate(sentence))
    assert gist is not None and gist.endswith(", the operator said")
    assert gist.startswith("The Varn ferry will stop running")
    assert "Monday" not in gist and "queued" not in gist


def test_a_long_lead_loses_its_tails_last_first_until_it_fits(annotate: Annotate) -> None:
    sentence = (
        "Engineers from the regional transport agency found deep cracks in two of the concrete piers "
        "beneath the old northern approach to the Saltmarsh viaduct during a routine inspection."
    )
    gist = _gist(annotate(sentence))
    assert gist is not None
    assert len(gist.split()) <= GIST.max_words
    assert gist.startswith("Engineers") and "found deep cracks" in gist
    assert _is_in_order(gist, sentence)


def test_quotation_marks_come_in_pairs(annotate: Annotate) -> None:
    sentence = 'The mayor called the new bridge "a gift to the north" on Friday, in a speech to the council.'
    gist = _gist(annotate(sentence))
    assert gist is not None
    assert gist.count('"') % 2 == 0


def test_a_fragment_without_a_verb_has_no_gist(annotate: Annotate) -> None:
    assert _gist(annotate("Another long night of queues at the harbour ferries and the old coast road.")) is None


def test_only_the_opening_sentences_carry_a_gist(annotate: Annotate) -> None:
    text = " ".join(f"The council number {n} approved the new harbour budget." for n in range(1, 7))
    annotated = annotate(text)
    assert len(annotated.sentences) == 6
    carrying = [s.gist is not None for s in annotated.sentences]
    assert carrying == [True] * GIST.opening_sentences + [False] * (6 - GIST.opening_sentences)
