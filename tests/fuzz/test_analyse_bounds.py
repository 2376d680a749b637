"""Analysis on hostile text: date candidates capped and checked against each other in log time, date
arithmetic that never raises, sentence repair without exponential patterns. Outcomes are asserted, not
times (those are in benchmarks/fuzz.py); the timeout only guards against a hang."""

from __future__ import annotations

import itertools
import random
from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from newsfuse.analyse import dates, load_nlp, resolve_times
from newsfuse.analyse.dates import LIMITS, _Spans, find_time_expressions
from newsfuse.analyse.sentences import _FINAL, split_sentences
from newsfuse.model import AnnotatedArticle, Article, TimeExpression, TimeGranularity, article_id_for
from tests.fuzz import hostile

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_disjoint_spans_answer_overlaps_like_a_scan() -> None:
    rng = random.Random(16)
    held = _Spans()
    ranges: list[tuple[int, int]] = []
    for _ in range(2_000):
        start = rng.randrange(10_000)
        end = start + rng.randrange(1, 30)
        scan = any(s < end and start < e for s, e in ranges)
        assert held.overlaps(start, end) == scan
        if not scan:
            held.add(start, end)
            ranges.append((start, end))


def test_a_page_of_dates_keeps_at_most_the_candidate_cap(nlp: Language) -> None:
    text = hostile.dates_text(400)
    times = find_time_expressions(nlp(text), lambda offset: 0, date(2024, 6, 19))
    assert 0 < len(times) <= LIMITS.max_candidates
    assert all(a.end <= b.start for a, b in itertools.pairwise(times)), "no two expressions overlap"


@pytest.mark.parametrize("reference", [date.min, date.max, date(1800, 1, 1)])
def test_date_arithmetic_never_raises_out_of_the_stage(nlp: Language, reference: date) -> None:
    text = (
        "The council met on Wednesday and will meet next week. It was founded 99999999 days ago and will "
        "close in 99999999 years, in 9999 years, next month, last year, tomorrow and in the coming decade."
    )
    times = find_time_expressions(nlp(text), lambda offset: 0, reference)
    for expression in times:
        assert expression.value is None or expression.value[:4].isdigit()
    article = Article(id=article_id_for(text), text=text)
    annotated = AnnotatedArticle(article=article, times=times)
    resolved = resolve_times(annotated, reference)
    assert resolved.reference_date == reference


class _CountingParser:
    def __init__(self, parser: Any, asked: list[str]) -> None:
        self.parser, self.asked = parser, asked

    def get_date_data(self, text: str) -> Any:
        self.asked.append(text)
        return self.parser.get_date_data(text)


def test_dateparser_reads_each_distinct_text_once_and_at_most_the_budget(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = dates._date_parser
    asked: list[str] = []
    monkeypatch.setattr(
        dates, "_date_parser", lambda future, reference: _CountingParser(real(future, reference), asked)
    )
    text = hostile.numeric_dates(300)
    times = find_time_expressions(nlp(text), lambda offset: 0, date(2024, 6, 19))
    assert len(asked) == len(set(asked)), "a text repeated 300 times is parsed once"
    assert len(asked) <= LIMITS.max_dateparser_texts
    first = next(expression for expression in times if expression.text == "1/1/1900")
    assert first.value == "1900-01-01", "dates within the budget are still read"


def test_an_expression_resolving_past_year_9999_is_dropped_not_stored(nlp: Language) -> None:
    expression = TimeExpression(
        start=0, end=18, text="in 99999999 years", sentence=0, granularity=TimeGranularity.year, relative=True
    )
    article = Article(id="x", text="in 99999999 years.")
    resolved = resolve_times(AnnotatedArticle(article=article, times=[expression]), date(2024, 6, 19))
    assert resolved.times[0].value is None  # kept unresolved: no five-digit year reaches a later stage


def test_a_sentence_end_followed_by_a_run_of_straight_quotes_fails_fast() -> None:
    # ``(?:''|')*`` under a star was exponential on this (60 quotes: hours); one class is linear
    assert _FINAL.search("it was over." + "'" * 60 + "x") is None
    assert _FINAL.search("it was over." + "'" * 60) is not None


def test_sentences_after_a_long_run_of_straight_quotes(nlp: Language) -> None:
    text = "He said it was over." + "'" * 60 + ' "Then it began," she said. And it was.'
    doc = nlp(text)
    sentences = split_sentences(doc, text)
    assert sentences and sentences[-1].end == len(text)
    assert all(0 <= s.start < s.end <= len(text) for s in sentences)


def test_a_number_too_large_for_a_float_is_not_a_number_mention(nlp: Language) -> None:
    from newsfuse.analyse.numbers import find_numbers

    text = f"The fund holds {'9' * 400} dollars and 12 cars."
    numbers = find_numbers(nlp(text), text, lambda offset: 0)
    assert [n.value for n in numbers] == [12.0]
    article = Article(id=article_id_for(text), text=text)
    stored = AnnotatedArticle(article=article, numbers=numbers).model_dump_json()
    assert AnnotatedArticle.model_validate_json(stored).numbers == numbers, "what is stored reads back"


def test_a_dateline_like_run_of_commas_fails_fast() -> None:
    from newsfuse.model import DATELINE as _DATELINE

    # a space both ``[ \t]*`` and the part after a comma could take: 2^60 ways here, before
    assert _DATELINE.match("UN" + ", a" * 60 + " agreed.") is None
    assert _DATELINE.match("MUNICH, Germany (AP) _ The talks").group(0) == "MUNICH, Germany (AP) _ "  # type: ignore[union-attr]


def test_a_headline_of_a_dateline_like_run_of_commas_fails_fast() -> None:
    from newsfuse.stories.features import without_dateline

    # the story list's headline once had its own dateline pattern, with the same 2^commas backtracking
    opening = "UN" + ", a" * 60 + " agreed."
    assert without_dateline(opening) == opening
    assert without_dateline("MUNICH, Germany (AP) _ The talks") == "The talks"
    assert without_dateline("Talks in MUNICH - Germany") == "Talks in MUNICH - Germany", "only at the start"


def test_an_opening_sentence_past_the_gist_cap_gets_no_gist(nlp: Language) -> None:
    from newsfuse.analyse import analyse
    from newsfuse.analyse.gist import GIST
    from newsfuse.ingest import ingest_bytes

    long_openings = 0
    for text in (hostile.nested_quotes(400), hostile.dateline_commas(2_000)):
        (annotated,) = analyse(ingest_bytes(text.encode(), source="hostile.txt").articles)
        doc = nlp(annotated.article.text)
        for sentence in annotated.sentences[: GIST.opening_sentences]:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None and len(span) > GIST.max_sentence_tokens:
                long_openings += 1
                assert sentence.gist is None
    assert long_openings >= 2, "each input opens with a sentence past the cap"
