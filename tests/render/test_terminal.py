from __future__ import annotations

import re

from newsfuse.render import render
from tests.render.briefs import all_citations, make_brief


def _squash(text: str) -> str:
    """Terminal output without box borders and whitespace, so wrapped lines read as one."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "│┃")


def test_sections_are_present_and_lines_fit_the_width() -> None:
    output = render([make_brief()], "term")
    for title in (
        "Sources",
        "Summary",
        "Reported by both sources",
        "Only in Coast Daily (1 of 2 sources)",
        "Only in Harbour Wire (1 of 2 sources)",
    ):
        assert title in output
    for title in ("Conflicts", "Quotations", "Timeline", "Main entities", "Citations"):
        assert title in output
    assert max(len(line) for line in output.splitlines()) <= 100
    assert "\x1b[" not in output


def test_citations_panel_gives_offsets_and_verbatim_spans() -> None:
    brief = make_brief()
    squashed = _squash(render([brief], "term"))
    for citation in all_citations(brief):
        assert _squash(f"chars {citation.start}–{citation.end}: “{citation.text}”") in squashed


def test_rich_markup_in_source_text_stays_literal() -> None:
    output = render([make_brief(wire_title="[bold red]Alarm[/bold red] on the bridge")], "term")
    assert "[boldred]Alarm[/boldred]" in _squash(output)


def test_conflicts_show_the_slot_and_each_value_with_its_outlets() -> None:
    brief = make_brief()
    assert "Disagreement on people injured: 12 (Harbour Wire) [5] · 14 (Coast Daily) [6]" in render([brief], "term")
    brief.conflicts[0] = brief.conflicts[0].model_copy(update={"relation": "update"})
    assert "Update on people injured: 12 (Harbour Wire) [5] → 14 (Coast Daily) [6]" in render([brief], "term")


def test_the_page_shows_summary_coverage_conflicts_and_quotations_and_counts_the_rest() -> None:
    brief = make_brief()
    page = render([brief], "term", full=False)
    for title in ("2 sources", "Summary", "Coverage", "Conflicts", "Quotations"):
        assert f"─ {title} ─" in page
    assert "[1] Harbour Wire: Bridge closed, 2025-03-04" in page, "a bracketed number names a source"
    assert "Disagreement on people injured: 12 [1] · 14 [2]" in page
    assert "Only in Coast Daily (1 of 2 sources): 1 fact" in page
    assert "Ana Ruiz: “We had no choice but to shut it,” [1][2] (1 other rendering)" in page
    listed = len(re.findall(r"\[\d+\] [^\n]*, chars \d+–\d+:", render([brief], "term")))
    assert f"Also in the full brief (--full): 1 dated event, 1 main entity, {listed} citations with offsets." in page
    assert "Citations" not in page and "chars " not in page
    assert max(len(line) for line in page.splitlines()) <= 100


def test_the_page_shows_the_first_facts_of_a_tier_and_says_how_many_more() -> None:
    brief = make_brief()
    tier = brief.coverage[0]
    brief.coverage[0] = tier.model_copy(update={"facts": tier.facts * 5})
    page = render([brief], "term", full=False)
    assert "Reported by both sources: 5 facts" in page
    assert page.count("The city council closed the Tarn Bridge") == 1 + 3, "the summary's and the tier's first 3"
    assert "… and 2 more facts (--full)" in page
