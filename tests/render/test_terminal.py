from __future__ import annotations

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
        "Reported by all 2 sources",
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
