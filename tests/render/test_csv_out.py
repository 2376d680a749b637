"""The brief as CSV: one row per summary sentence, fact, conflict value, quotation and variant, and dated
event, each with the outlets that carry it and where the first one says it; readable by the csv module."""

from __future__ import annotations

import csv
import io

from newsfuse.render import render
from tests.render.briefs import DAILY_TEXT, WIRE_TEXT, make_brief


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_section_a_reader_exports_is_a_row_with_its_outlets_and_offsets() -> None:
    rows = _rows(render([make_brief()], "csv"))
    sections = [row["section"] for row in rows]
    assert sections == [
        "summary",
        "fact",
        "fact",
        "fact",
        "conflict",
        "conflict",
        "quotation",
        "quotation variant",
        "timeline",
    ]
    summary = rows[0]
    assert summary["story"] == "Tarn Bridge closed after crack found"
    assert summary["outlets"] == "Harbour Wire; Coast Daily" and summary["outlet count"] == "2"
    start, end = int(summary["start"]), int(summary["end"])
    assert summary["first source"] == "Harbour Wire" and WIRE_TEXT[start:end] == summary["text"]
    only_daily = next(row for row in rows if row["heading"].startswith("Only in Coast Daily"))
    assert only_daily["text"] == "A ferry | shuttle will run until the spring." and only_daily["outlet count"] == "1"
    conflict = [row for row in rows if row["section"] == "conflict"]
    assert [(row["heading"], row["text"], row["outlets"]) for row in conflict] == [
        ("Disagreement on people injured", "12", "Harbour Wire"),
        ("Disagreement on people injured", "14", "Coast Daily"),
    ]
    assert DAILY_TEXT[int(conflict[1]["start"]) : int(conflict[1]["end"])] == "Fourteen"
    quote, variant = (row for row in rows if row["section"].startswith("quotation"))
    assert quote["speaker"] == variant["speaker"] == "Ana Ruiz"
    assert (variant["text"], variant["outlets"]) == ("There was no choice,", "Coast Daily")
    assert rows[-1]["heading"] == "2025-03-03"


def test_no_internal_id_in_the_csv() -> None:
    text = render([make_brief()], "csv")
    for internal in ("story-1", "f-wire", "f-daily", "g1", "c1", "e1", ",wire,", ",daily,"):
        assert internal not in text


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text() -> None:
    brief = make_brief()
    brief.headline = '=HYPERLINK("http://evil.invalid","x")'
    rows = _rows(render([brief], "csv"))
    assert {row["story"] for row in rows} == {"'" + brief.headline}
