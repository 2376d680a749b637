"""LexRank and First-k baselines over hand-built articles."""

from __future__ import annotations

from newsfuse.evaluate.baselines import first_sentences, lexrank
from tests.brief.summary_helpers import annotated

ONE = annotated(
    "Floods closed the main road into Amberley on Sunday. Rescue teams used boats to reach the village. "
    "The school will stay shut until Friday. A bakery gave away bread to families.",
    "Valley Post",
)
TWO = annotated(
    "Rescue teams used boats to reach the flooded village of Amberley. Floods closed the main road on Sunday. "
    "Volunteers brought blankets to the church hall. The river peaked at dawn.",
    "Hill Courier",
)


def test_first_sentences_takes_the_lead_of_each_document_in_order() -> None:
    summary = first_sentences([ONE, TWO], words=1000, per_document=2)
    expected = [ONE.sentence_text(0), ONE.sentence_text(1), TWO.sentence_text(0), TWO.sentence_text(1)]
    assert summary == " ".join(expected)


def test_first_sentences_stops_once_the_budget_is_reached() -> None:
    summary = first_sentences([ONE, TWO], words=10, per_document=3)
    assert summary == " ".join([ONE.sentence_text(0), ONE.sentence_text(1)])


def test_lexrank_prefers_sentences_the_documents_share() -> None:
    summary = lexrank([ONE, TWO], words=12)
    assert "Floods closed" in summary or "Rescue teams" in summary
    assert "bakery" not in summary


def test_lexrank_output_is_made_of_source_sentences() -> None:
    sources = {a.sentence_text(i) for a in (ONE, TWO) for i in range(len(a.sentences))}
    summary = lexrank([ONE, TWO], words=40)
    assert summary
    remaining = summary
    for sentence in sorted(sources, key=len, reverse=True):
        remaining = remaining.replace(sentence, "")
    assert not remaining.strip()


def test_lexrank_of_nothing_is_empty() -> None:
    assert lexrank([], words=100) == ""


def test_whole_sentence_variants_never_exceed_the_budget_nor_cut_a_sentence() -> None:
    for budget in (5, 9, 17, 30):
        for summary in (lexrank([ONE, TWO], budget, whole=True), first_sentences([ONE, TWO], budget, whole=True)):
            assert len(summary.split()) <= budget
    assert first_sentences([ONE, TWO], 9, whole=True) == ONE.sentence_text(0)
