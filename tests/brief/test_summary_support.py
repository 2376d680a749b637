"""check_support: a citation stays only if its span carries the fact's numbers and entities."""

from __future__ import annotations

from newsfuse.brief.support import MIN_COSINE, check_support
from newsfuse.model import AnnotatedArticle, Citation
from tests.brief.summary_helpers import BagOfWordsEncoder, annotated, ref

ENCODER = BagOfWordsEncoder()

FACT = annotated(
    "The new bridge will cost 40 million dollars, Mayor Ellen Park told the council.",
    "Daily Ledger",
    entities=["Ellen Park"],
    numbers=[("40 million dollars", 40e6, "USD")],
)


def _citation(article: AnnotatedArticle) -> Citation:
    sentence = article.sentences[0]
    return Citation(
        article_id=article.article.id,
        outlet=article.article.outlet,
        start=sentence.start,
        end=sentence.end,
        text=article.article.text[sentence.start : sentence.end],
    )


def _cosine(first: str, second: str) -> float:
    vectors = ENCODER.encode([first, second])
    return float(vectors[0] @ vectors[1])


def _check(*others: AnnotatedArticle) -> list[str]:
    citations = [_citation(FACT), *(_citation(o) for o in others)]
    kept = check_support(ref(FACT, 0), citations, [FACT, *others], ENCODER)
    return [c.outlet or "" for c in kept]


def test_a_paraphrase_carrying_the_numbers_and_entities_is_kept() -> None:
    paraphrase = annotated(
        "Mayor Ellen Park told the council the new bridge will cost 40 million dollars.",
        "Coast Wire",
        entities=["Ellen Park"],
        numbers=[("40 million dollars", 40e6, "USD")],
    )
    assert _check(paraphrase) == ["Daily Ledger", "Coast Wire"]


def test_a_span_with_another_value_for_the_same_quantity_is_dropped() -> None:
    conflicting = annotated(
        "The new bridge will cost 55 million dollars, Mayor Ellen Park told the council.",
        "Rival Gazette",
        entities=["Ellen Park"],
        numbers=[("55 million dollars", 55e6, "USD")],
    )
    assert _cosine(FACT.article.text, conflicting.article.text) >= MIN_COSINE  # alike in wording, not in fact
    assert _check(conflicting) == ["Daily Ledger"]


def test_a_span_lacking_the_facts_numbers_and_entities_is_dropped() -> None:
    vague = annotated(
        "The new bridge will cost a great deal, the council was told by the city.",
        "Harbour Times",
    )
    assert _cosine(FACT.article.text, vague.article.text) >= MIN_COSINE
    assert _check(vague) == ["Daily Ledger"]


def test_a_span_about_something_else_is_dropped() -> None:
    unrelated = annotated(
        "Fishermen on the east pier said the spring catch of herring was the best in years.",
        "Pier Weekly",
    )
    assert _check(unrelated) == ["Daily Ledger"]


def test_the_facts_own_sentence_always_passes() -> None:
    assert _check() == ["Daily Ledger"]


def test_a_span_stating_one_of_the_facts_values_and_leaving_out_another_is_kept() -> None:
    fact = annotated(
        "The jobless rate fell to 3.5 percent from 3.6 percent, Minister Ada Quill said on Friday.",
        "Daily Ledger",
        entities=["Ada Quill"],
        numbers=[("3.5 percent", 3.5, "%"), ("3.6 percent", 3.6, "%")],
    )
    partial = annotated(
        "Minister Ada Quill said on Friday the jobless rate fell to 3.5 percent, a record low.",
        "Coast Wire",
        entities=["Ada Quill"],
        numbers=[("3.5 percent", 3.5, "%")],
    )
    citations = [_citation(fact), _citation(partial)]
    kept = check_support(ref(fact, 0), citations, [fact, partial], ENCODER)
    assert [c.outlet for c in kept] == ["Daily Ledger", "Coast Wire"]


def test_a_span_giving_one_quantity_another_value_is_dropped_even_when_another_count_matches() -> None:
    fact = annotated(
        "Gales killed two crew members and left two yachts missing, the race organisers said.",
        "Daily Ledger",
        numbers=[("two", 2.0, "members"), ("two", 2.0, "yachts")],
    )
    clash = annotated(
        "Gales killed two crew members and left three yachts missing, the race organisers said.",
        "Coast Wire",
        numbers=[("two", 2.0, "members"), ("three", 3.0, "yachts")],
    )
    kept = check_support(ref(fact, 0), [_citation(fact), _citation(clash)], [fact, clash], ENCODER)
    assert [c.outlet for c in kept] == ["Daily Ledger"]
