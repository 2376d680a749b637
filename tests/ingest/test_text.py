"""Plain and PDF-extracted text: headers, unwrapping, de-hyphenation, subheads, boilerplate."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsfuse.errors import InputError
from newsfuse.ingest import ingest_paths, ingest_text, strip_boilerplate
from newsfuse.model import Article, article_id_for
from tests.conftest import SEED_AFP, SEED_REUTERS, collapse


@pytest.fixture(scope="module")
def reuters() -> Article:
    report = ingest_paths([SEED_REUTERS])
    assert not report.rejected
    return report.articles[0]


@pytest.fixture(scope="module")
def afp() -> Article:
    report = ingest_paths([SEED_AFP])
    assert not report.rejected
    return report.articles[0]


def _headings(article: Article) -> list[str]:
    return [article.text[span.start : span.end] for span in article.headings]


def _assert_clean_format(text: str) -> None:
    assert "\n\n\n" not in text
    assert "  " not in text
    assert text == text.strip()
    for paragraph in text.split("\n\n"):
        assert paragraph and "\n" not in paragraph


def test_seed_000_header_becomes_published_date_and_leaves_the_body(reuters: Article) -> None:
    assert reuters.published == date(2024, 6, 19)
    assert reuters.text.startswith("The leaders")
    assert "2024-06-19" not in reuters.text


def test_seed_000_text_is_unchanged_apart_from_header_and_spacing(reuters: Article) -> None:
    raw = SEED_REUTERS.read_text(encoding="utf-8")
    header = re.match(r"\s*date\s+\S+", raw)
    assert header is not None
    assert collapse(reuters.text) == collapse(raw[header.end() :])
    assert reuters.id == article_id_for(reuters.text)
    _assert_clean_format(reuters.text)


def test_seed_000_inline_caps_subheads_become_separate_headings(reuters: Article) -> None:
    headings = _headings(reuters)
    assert len(headings) == 2
    paragraphs = reuters.text.split("\n\n")
    for heading in headings:
        assert heading.startswith("'") and heading.endswith("'") and heading.upper() == heading
        assert heading in paragraphs, "a subhead must be a paragraph of its own"
        assert sum(heading in paragraph for paragraph in paragraphs) == 1


def test_seed_004_hard_wraps_are_joined_into_paragraphs(afp: Article) -> None:
    _assert_clean_format(afp.text)
    raw_paragraphs = [p for p in re.split(r"\n\s*\n", SEED_AFP.read_text(encoding="utf-8")) if p.strip()]
    assert afp.text.count("\n\n") + 1 == len(raw_paragraphs)
    assert collapse(afp.text) == collapse(SEED_AFP.read_text(encoding="utf-8"))


def test_seed_004_gold_quotations_appear_verbatim(afp: Article, gold: dict[str, Any]) -> None:
    quotes = [q["text"] for q in gold["quotes"] if q["doc"] == SEED_AFP.name]
    assert quotes
    for quote in quotes:
        assert collapse(quote) in afp.text


def test_seed_004_bare_subhead_lines_are_headings(afp: Article) -> None:
    headings = _headings(afp)
    assert "Red carpet" in headings
    assert any(heading.startswith("'Arsenal") for heading in headings)
    assert len(headings) == 2


def test_seed_004_has_no_published_date(afp: Article) -> None:
    assert afp.published is None


def test_default_published_fills_only_a_missing_date() -> None:
    report = ingest_paths([SEED_REUTERS, SEED_AFP], published=date(2000, 1, 1), outlet="Wire")
    by_name = {Path(a.source or "").name: a for a in report.articles}
    assert by_name[SEED_REUTERS.name].published == date(2024, 6, 19)
    assert by_name[SEED_AFP.name].published == date(2000, 1, 1)
    assert all(a.outlet == "Wire" for a in report.articles)


def test_line_end_hyphen_is_removed_only_when_the_join_is_a_word() -> None:
    wrapped = (
        "The ministry said the new agreement would strengthen the govern-\n"
        "ment and allow a broad military-\n"
        "technical partnership between the two neighbouring countries for\n"
        "the next twenty years, officials told reporters on Tuesday.\n"
    )
    article = ingest_text(wrapped)
    assert "government" in article.text
    assert "military-technical" in article.text
    assert "\n" not in article.text


def test_short_sentence_final_line_ends_a_paragraph_in_single_newline_text() -> None:
    wrapped = (
        "Officials in the capital confirmed on Monday that the bridge would be\n"
        "closed for repairs until the end of the month.\n"
        "Traffic will be diverted through the old town during that period, the\n"
        "city council said in a statement released in the afternoon.\n"
    )
    article = ingest_text(wrapped)
    assert article.text.count("\n\n") == 1
    assert article.text.split("\n\n")[1].startswith("Traffic")


def test_colon_header_block_is_read_and_removed() -> None:
    text = "Title: Bridge closed\nDate: 2023-03-05\nSource: Harbour Gazette\n\nThe bridge closed on Sunday.\n"
    article = ingest_text(text, outlet="Fallback")
    assert article.title == "Bridge closed"
    assert article.published == date(2023, 3, 5)
    assert article.outlet == "Harbour Gazette"
    assert article.text == "The bridge closed on Sunday."


def test_leading_key_header_with_title_on_its_own_line() -> None:
    article = ingest_text(" title Bridge closed\nThe bridge closed on Sunday after an inspection.")
    assert article.title == "Bridge closed"
    assert article.text == "The bridge closed on Sunday after an inspection."


def test_text_that_merely_starts_with_a_word_like_date_keeps_it() -> None:
    article = ingest_text("Date night ideas are popular this spring, a survey found.")
    assert article.text.startswith("Date night")
    assert article.published is None


def test_a_short_quoted_line_in_double_quotes_is_not_a_heading() -> None:
    article = ingest_text('The mayor spoke briefly.\n\n"Thank you all"\n\nThen she left the stage.')
    assert article.headings == []


def test_nothing_left_raises_input_error() -> None:
    with pytest.raises(InputError):
        ingest_text("   \n\n  ")


def test_strip_boilerplate_removes_web_furniture_and_keeps_prose() -> None:
    prose = [
        "The council approved the budget on Tuesday after a long debate.",
        "Members said the vote would allow work on the harbour to begin in May.",
    ]
    furniture = [
        "Story highlights",
        "Image copyright Getty Images",
        "Share this with Email",
        "Advertisement",
        "Follow us on Twitter @harbourgazette",
        "Sign up for our daily newsletter",
        "We use cookies to improve your experience. By continuing to browse you accept our privacy policy.",
        "Photo: Jane Doe / Harbour Gazette",
        "___",
    ]
    text = "\n\n".join([prose[0], *furniture, prose[1]])
    cleaned = strip_boilerplate(text)
    for line in prose:
        assert line in cleaned
    for line in furniture:
        assert line not in cleaned


def test_boilerplate_words_inside_sentences_are_kept() -> None:
    sentence = "The company said it would share the photo with investors before the advertisement ran."
    assert strip_boilerplate(sentence) == sentence
