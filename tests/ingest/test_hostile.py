"""Hostile input at ingest: every cap trims or refuses with a reason, and the inputs that froze the old
readers (sizes from issue 16) are read correctly. These check what comes out, never how long it took:
the times are in benchmarks/fuzz.py. The timeout is only a guard against a hang, far above the cost."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from newsfuse.ingest import LIMITS, IngestLimits, ingest_bytes, ingest_paths
from newsfuse.ingest.text import clean_text
from newsfuse.model import IngestReport
from tests.fuzz import hostile

pytestmark = pytest.mark.timeout(120)


def _read(text: str, name: str = "input", **options: object) -> IngestReport:
    return ingest_bytes(text.encode("utf-8"), source=name, **options)  # type: ignore[arg-type]


def _one(report: IngestReport) -> tuple[str, list[str]]:
    (article,) = report.articles
    return article.text, [t.reason for t in report.trimmed]


def test_docno_followed_by_thousands_of_spaces_is_read() -> None:
    (article,) = _read(hostile.docno_spaces_closed(6_000)).articles
    assert article.outlet == "Associated Press" and article.published == date(1998, 10, 16)
    unclosed = _read(hostile.docno_spaces(6_000))
    (article,) = unclosed.articles
    assert article.outlet is None and "council approved" in article.text


def test_unclosed_tags_in_text_and_headline_are_read_as_text() -> None:
    text, trimmed = _one(_read(hostile.open_tags_in_text(50_000)))
    assert "council approved" in text
    assert any("token" in reason for reason in trimmed)
    (article,) = _read(hostile.open_tags_in_headline(50_000)).articles
    assert article.title is not None and len(article.title) <= LIMITS.max_title_chars


@pytest.mark.parametrize(
    "make", [hostile.closing_quotes, hostile.straight_quotes, hostile.punctuation_run], ids=lambda f: f.__name__
)
def test_punctuation_runs_are_shortened_with_a_reason(make: object) -> None:
    report = _read(make(10_000))  # type: ignore[operator]
    text, trimmed = _one(report)
    longest = max(len(run) for run in re.findall(r"[^\w\s]+", text))
    assert longest <= LIMITS.max_punctuation_run
    assert trimmed == [f"1 run(s) of punctuation shortened to {LIMITS.max_punctuation_run} characters"]
    # the clean text is what is stored: headings and every later offset point into it
    assert all(0 <= h.start < h.end <= len(text) for h in report.articles[0].headings)


def test_a_short_run_of_punctuation_is_kept() -> None:
    text, trimmed = _one(_read("Stop!!! Wait... what?!\n\nThe rest ---- of it."))
    assert text == "Stop!!! Wait... what?!\n\nThe rest ---- of it." and trimmed == []


def test_an_overlong_token_is_cut() -> None:
    text, trimmed = _one(_read(hostile.long_word(200_000)))
    assert max(len(token) for token in text.split()) == LIMITS.max_token_chars
    assert trimmed == [f"1 token(s) over {LIMITS.max_token_chars} characters cut"]


def test_two_hundred_thousand_tiny_paragraphs_keep_the_first_ones() -> None:
    text, trimmed = _one(_read(hostile.tiny_paragraphs(200_000)))
    assert text.count("\n\n") + 1 == LIMITS.max_paragraphs
    assert trimmed == [
        f"kept the first {LIMITS.max_lines:,} lines of 399,999",
        f"kept the first {LIMITS.max_paragraphs:,} of 5,000 paragraphs (caps: {LIMITS.max_paragraphs:,} "
        f"paragraphs, {LIMITS.max_sentences:,} sentences, {LIMITS.max_tokens:,} words and marks, "
        f"{LIMITS.max_clean_chars:,} characters)",
    ]


_TOKENS = re.compile(r"\w+|[^\w\s]")


@pytest.mark.parametrize(
    "raw",
    [
        "a, " * 15_000,  # one paragraph, under the character cap, of 30,000 words and marks
        "\n\n".join(["Yes, no, maybe; so: what?"] * 3_000),  # many short paragraphs dense with marks
    ],
    ids=["one paragraph", "many paragraphs"],
)
def test_text_dense_with_punctuation_is_cut_at_the_token_cap(raw: str) -> None:
    text, trimmed = _one(_read(raw))
    tokens = len(_TOKENS.findall(text))
    assert LIMITS.max_tokens - 20 <= tokens <= LIMITS.max_tokens, "as much as the cap allows, and no more"
    assert len(trimmed) == 1 and "8,000 words and marks" in trimmed[0]
    assert raw.startswith(text), "the first part, unchanged"


def test_a_long_article_keeps_whole_paragraphs_up_to_the_cap_and_the_last_to_a_sentence_end() -> None:
    paragraph = "The council met again and talked about the harbour budget for a long time. " * 40
    text, trimmed = _one(_read("\n\n".join([paragraph.strip()] * 100)))
    assert len(text) <= LIMITS.max_clean_chars
    *whole, last = text.split("\n\n")
    assert whole and all(piece == paragraph.strip() for piece in whole)
    assert paragraph.startswith(last) and last.endswith("for a long time.")
    assert trimmed and trimmed[0].startswith("kept the first")


def test_thousands_of_tiny_sentences_keep_the_first_paragraphs_up_to_the_sentence_cap() -> None:
    text, trimmed = _one(_read("\n\n".join(["A. B. C. D. E. F. G. H. I. J."] * 1_000)))
    assert len(re.findall(r"\. ", text)) + text.count("\n\n") + 1 <= LIMITS.max_sentences + 10
    assert trimmed and "sentences" in trimmed[0]


# The default paragraph cap equals the article cap; these check the mechanism with a smaller one.
_SMALL_PARAGRAPHS = IngestLimits(max_paragraph_chars=5_000)


def test_a_paragraph_past_the_cap_is_broken_at_a_sentence_end_not_an_abbreviation() -> None:
    sentence = "The U.S. envoy and the council talked about the harbour budget for a long time. "
    raw = sentence * (3 * _SMALL_PARAGRAPHS.max_paragraph_chars // len(sentence))
    clean = clean_text(raw, limits=_SMALL_PARAGRAPHS)
    pieces = clean.text.split("\n\n")
    assert len(pieces) >= 3 and all(len(piece) <= _SMALL_PARAGRAPHS.max_paragraph_chars for piece in pieces)
    assert all(piece.startswith("The U.S. envoy") and piece.endswith("long time.") for piece in pieces)
    assert clean.trimmed == ["1 paragraph(s) over 5,000 characters broken at a space"]
    assert " ".join(clean.text.split()) == " ".join(raw.split()), "nothing lost, only broken"


def test_a_paragraph_with_no_sentence_end_is_broken_at_a_space() -> None:
    raw = hostile.long_sentence(4_000)
    clean = clean_text(raw, limits=_SMALL_PARAGRAPHS)
    assert all(len(piece) <= _SMALL_PARAGRAPHS.max_paragraph_chars for piece in clean.text.split("\n\n"))
    assert " ".join(clean.text.split()) == " ".join(raw.split())


def test_metadata_values_are_capped() -> None:
    (article,) = _read(hostile.long_title(2_000_000)).articles
    assert article.title is not None and len(article.title) <= LIMITS.max_title_chars
    assert article.title.startswith("Harbour Harbour")
    report = _read(hostile.long_title_json(100_000), name="upload.json")
    (article,) = report.articles
    assert len(article.title or "") <= LIMITS.max_title_chars
    assert len(article.outlet or "") <= LIMITS.max_outlet_chars
    assert len(article.url or "") <= LIMITS.max_url_chars
    assert {reason.split(" ")[0] for reason in (t.reason for t in report.trimmed)} == {"title", "outlet", "url"}


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1799-12-31", "2101-01-01"])
def test_a_date_outside_1800_2100_is_rejected_with_a_reason(value: str) -> None:
    report = _read(hostile.dated_text(value))
    assert not report.articles
    assert report.rejected[0].reason == f"publication date {value} is outside 1800-2100"


def test_the_range_holds_for_a_default_date_too() -> None:
    report = _read(hostile.dated_text("2024-06-19").replace("date: 2024-06-19\n", ""), published=date(1, 1, 1))
    assert "outside 1800-2100" in report.rejected[0].reason
    for value in ("1800-01-01", "2100-12-31"):
        (article,) = _read(hostile.dated_text(value)).articles
        assert article.published == date.fromisoformat(value)


def test_an_html_page_of_a_hundred_thousand_tags_is_read_up_to_the_tag_cap() -> None:
    page = "<html><body><article>" + "<p>The council voted on the harbour.</p>" * 50_000 + "</article></body></html>"
    report = _read(page, name="page.html")
    text, trimmed = _one(report)
    assert text.startswith("The council voted on the harbour.")
    assert trimmed[0] == f"HTML read up to its {LIMITS.max_html_tags:,}th tag of 100,006"


def test_a_feed_declaring_entities_is_refused_not_expanded() -> None:
    data = hostile.entity_feed(4)
    assert len(data) < 500
    report = _read(data, name="feed.xml")
    assert not report.articles
    assert "entities" in report.rejected[0].reason


def test_line_and_paragraph_separators_become_breaks() -> None:
    text, _ = _one(_read("First line\u2028goes on.\u2029Second paragraph\x85ends here."))
    assert text == "First line goes on.\n\nSecond paragraph ends here."


def test_a_header_of_thousands_of_lines_stops_after_twenty(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.ingest.text as text_module

    calls: list[str] = []
    real_parse = text_module.parse_date
    monkeypatch.setattr(text_module, "parse_date", lambda value: calls.append(value) or real_parse(value))
    raw = "title: Harbour vote\n" + "date: 2024-06our vote\n" * 3_000 + "\nThe council voted."
    (article,) = _read(raw).articles
    assert article.title == "Harbour vote" and article.published is None
    assert len(calls) == 1, "an unreadable date is tried once, not once per line"
    assert article.text.startswith("date: 2024-06our vote"), "past twenty header lines the rest is body"


def test_a_header_line_with_a_long_tail_of_spaces_is_read() -> None:
    (article,) = _read("title: Harbour vote" + " " * 100_000 + "\n\nThe council voted.").articles
    assert article.title == "Harbour vote"


# ---------------------------------------------------------------- JSON and JSON Lines


def test_jsonl_lines_are_read_one_by_one_and_every_bad_line_is_reported() -> None:
    report = _read(hostile.jsonl_with_bad_lines(30), name="feed.jsonl")
    assert len(report.articles) == 20
    assert len(report.rejected) == 10
    assert all(r.reason.startswith("line ") for r in report.rejected)
    assert not any(a.text.lstrip().startswith(("{", "[")) for a in report.articles)


def test_jsonl_whose_first_line_is_not_an_object_is_still_read_line_by_line() -> None:
    for name in ("upload.jsonl", "upload"):
        report = _read(hostile.jsonl_first_line_not_object(5), name=name)
        assert len(report.articles) == 5, name
        assert [r.reason for r in report.rejected] == ["line 1: expected a JSON object (an article), got list"]


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("null", "JSON is null, not an article object or a list of them"),
        ("42", "JSON is int, not an article object or a list of them"),
        ("[]", "JSON is an empty list, not an article object or a list of them"),
    ],
)
def test_json_that_is_not_an_article_is_rejected(document: str, reason: str) -> None:
    report = _read(document, name="upload.json")
    assert not report.articles and [r.reason for r in report.rejected] == [reason]


def test_pretty_printed_json_and_a_list_are_read_by_structure_not_as_text() -> None:
    records = [{"text": "First story body.", "title": "One"}, {"text": "Second story body.", "title": "Two"}]
    for document in (json.dumps(records, indent=2), json.dumps(records[0], indent=4)):
        report = _read(document, name="upload")
        assert [a.title for a in report.articles] == ["One", "Two"][: len(report.articles)]
        assert report.articles and not any("{" in a.text for a in report.articles)


def test_a_list_with_bad_records_keeps_the_good_ones() -> None:
    report = _read(json.dumps([{"text": "A real story."}, None, 7, {"title": "no text"}]), name="upload.json")
    assert [a.text for a in report.articles] == ["A real story."]
    assert [r.source for r in report.rejected] == ["upload.json#2", "upload.json#3", "upload.json#4"]


def test_deep_json_and_huge_numbers_are_rejected_with_a_reason() -> None:
    deep = _read(hostile.deep_json(100_000), name="deep.json")
    assert deep.rejected[0].reason == "JSON nested too deeply"
    huge = _read(hostile.huge_number_json(5_000), name="huge.json")
    assert huge.rejected[0].reason.startswith("invalid JSON (Exceeds the limit")


def test_plain_text_that_opens_with_a_bracket_is_still_text() -> None:
    text, _ = _one(_read("[Updated] The council voted on Tuesday.\n\nIt was close."))
    assert text.startswith("[Updated]")


# ---------------------------------------------------------------- files


def test_symbolic_links_are_reported_and_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("A secret that is not an article.", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "real.txt").write_text("The council voted.", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "linked-folder").symlink_to(tmp_path)
    report = ingest_paths([folder, folder / "link.txt"])
    assert [a.text for a in report.articles] == ["The council voted."]
    reasons = [(Path(r.source).name, r.reason) for r in report.rejected]
    assert reasons == [
        ("link.txt", "skipped: a symbolic link (links are not followed)"),
        ("linked-folder", "skipped: a symbolic link (links are not followed)"),
        ("link.txt", "skipped: a symbolic link (links are not followed)"),
    ]


def test_a_fifo_is_reported_and_never_opened_for_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "real.txt").write_text("The council voted.", encoding="utf-8")
    for paths in ([tmp_path], [fifo]):
        report = ingest_paths(paths)
        assert [r.reason for r in report.rejected] == ["skipped: a FIFO (named pipe), not a regular file"]
