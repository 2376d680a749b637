from __future__ import annotations

import re

from newsfuse.render import render
from newsfuse.render.markdown import md_escape
from tests.render.briefs import make_brief


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}\n")
    following = markdown.find("\n## ", start + 1)
    return markdown[start : following if following >= 0 else None]


def test_headline_and_sources_list_outlet_title_and_date_but_no_internal_family_id() -> None:
    markdown = render([make_brief()], "md")
    assert markdown.startswith("# Tarn Bridge closed after crack found\n")
    sources = _section(markdown, "Sources")
    assert "1. **Harbour Wire**: Bridge closed (2025-03-04, <https://wire.example/bridge>)" in sources
    assert "2. **Coast Daily**: Officials shut Tarn Bridge (2025-03-04)" in sources
    assert "f-wire" not in markdown and "f-daily" not in markdown


def test_summary_markers_resolve_to_citations_with_offsets_and_verbatim_text() -> None:
    brief = make_brief()
    markdown = render([brief], "md")
    summary_line = _section(markdown, "Summary").splitlines()[2]
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", summary_line)]
    assert numbers == [1, 2]
    citations = _section(markdown, "Citations")
    for number, citation in zip(numbers, brief.summary[0].citations, strict=True):
        outlet = "Harbour Wire" if citation.article_id == "wire" else "Coast Daily"
        expected = f"[{number}] {outlet}, chars {citation.start}–{citation.end}: “{md_escape(citation.text)}”"
        assert expected in citations


def test_the_same_span_keeps_one_number_across_sections() -> None:
    markdown = render([make_brief()], "md")
    assert "- The city council closed the Tarn Bridge on Monday after a crack appeared in a support. [1][2]" in (
        _section(markdown, "Reported by both sources")
    )
    assert markdown.count("chars 0–86") == 1


def test_a_shared_fact_names_its_outlets_under_its_tier_heading() -> None:
    shared = _section(render([make_brief()], "md"), "Reported by both sources")
    assert "a support. [1][2] — Harbour Wire, Coast Daily" in shared


def test_one_source_facts_are_grouped_under_their_outlet_with_the_source_count() -> None:
    markdown = render([make_brief()], "md")
    assert "A ferry" in _section(markdown, "Only in Coast Daily (1 of 2 sources)")
    assert "Twelve people were hurt" in _section(markdown, "Only in Harbour Wire (1 of 2 sources)")
    assert "A ferry" not in _section(markdown, "Only in Harbour Wire (1 of 2 sources)")


def test_a_fact_opening_on_a_pronoun_says_whom_it_is_about() -> None:
    brief = make_brief()
    tier = brief.coverage[1]
    brief.coverage[1] = tier.model_copy(update={"facts": [tier.facts[0].model_copy(update={"about": "Ana Ruiz"})]})
    assert "- (Ana Ruiz) Twelve people" in _section(render([brief], "md"), "Only in Harbour Wire (1 of 2 sources)")


def test_conflicts_show_the_slot_and_each_value_with_its_outlets() -> None:
    conflicts = _section(render([make_brief()], "md"), "Conflicts")
    assert re.search(
        r"- Disagreement on people injured: \*\*12\*\* \(Harbour Wire\) \[\d+\] · \*\*14\*\* \(Coast Daily\) \[\d+\]",
        conflicts,
    )


def test_an_update_shows_its_values_oldest_first_with_an_arrow() -> None:
    brief = make_brief()
    brief.conflicts[0] = brief.conflicts[0].model_copy(update={"relation": "update"})
    conflicts = _section(render([brief], "md"), "Conflicts")
    assert re.search(r"- Update on people injured: \*\*12\*\* \(Harbour Wire\) \[\d+\] → \*\*14\*\*", conflicts)


def test_quotation_table_row_has_speaker_quote_outlets_and_variant() -> None:
    table = _section(render([make_brief()], "md"), "Quotations")
    row = next(line for line in table.splitlines() if line.startswith("| Ana Ruiz"))
    cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]
    assert cells[0] == "Ana Ruiz"
    assert cells[1].startswith("“We had no choice but to shut it,”")
    assert cells[2] == "Harbour Wire, Coast Daily"
    assert cells[3].startswith("Coast Daily: “There was no choice,”")


def test_a_relayed_quotation_names_who_relayed_it() -> None:
    brief = make_brief()
    brief.quotations[0] = brief.quotations[0].model_copy(update={"via": "Coast Radio"})
    table = _section(render([brief], "md"), "Quotations")
    assert any(line.startswith("| Ana Ruiz, via Coast Radio |") for line in table.splitlines())


def test_pipes_and_newlines_in_source_text_do_not_break_table_rows() -> None:
    brief = make_brief()
    hostile = brief.quotations[0].model_copy(update={"text": "one | two\nthree", "speaker": "A | B"})
    brief = brief.model_copy(update={"quotations": [hostile]})
    table = _section(render([brief], "md"), "Quotations")
    row = next(line for line in table.splitlines() if line.startswith("| A"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    assert "one \\| two three" in row


def test_timeline_and_entities_sections() -> None:
    markdown = render([make_brief()], "md")
    timeline = _section(markdown, "Timeline")
    assert re.search(
        r"\| 2025-03-03 \| The city council closed .* \| Coast Daily, Harbour Wire \[1\]\[2\] \|", timeline
    )
    entities = _section(markdown, "Main entities")
    assert "- **Ana Ruiz** (person), 2 mentions in Harbour Wire, Coast Daily; also Ruiz" in entities


def test_markup_in_source_text_is_escaped() -> None:
    assert md_escape("<img src=x onerror=alert(1)> *bold* [link](x)") == (
        "\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](x)"
    )


def test_non_web_urls_are_not_linked() -> None:
    markdown = render([make_brief(wire_url="javascript:alert(1)")], "md")
    assert "javascript:" not in markdown


def test_several_briefs_are_separated() -> None:
    markdown = render([make_brief(), make_brief(story_id="story-2")], "md")
    assert markdown.count("# Tarn Bridge closed after crack found\n") == 2
    assert "\n---\n" in markdown
    assert markdown.count("- [1] Harbour Wire, chars 0–86:") == 2  # each brief numbers its own citations
