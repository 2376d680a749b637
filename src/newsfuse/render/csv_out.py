"""A brief as CSV for a reader's tools: one row per summary sentence, fact, conflict value, quotation (and
each outlet's variant of it) and dated event, with the outlets that carry it and where (the outlet's
text, from character ``start`` to ``end``, of the first one). Names as a reader knows them, no internal ids."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsfuse.csv_cells import write_csv
from newsfuse.model import Brief, Citation, CitedSentence
from newsfuse.render.evidence import citation_outlet, conflict_line, outlet_name, reader_name, tier_heading

HEADER = ("story", "section", "heading", "text", "speaker", "outlets", "outlet count", "first source", "start", "end")
Row = tuple[str, str, str, str, str, str, int, str, int | str, int | str]


def render_csv(briefs: list[Brief]) -> str:
    return write_csv(HEADER, (row for brief in briefs for row in _rows(brief)))


def _rows(brief: Brief) -> Iterator[Row]:
    story = brief.headline or "Untitled story"

    def row(
        section: str,
        heading: str,
        text: str,
        outlets: Sequence[str],
        where: tuple[str, int, int] | None,
        speaker: str = "",
    ) -> Row:
        named = list(dict.fromkeys(outlets))
        first, start, end = where if where else ("", "", "")
        return (story, section, heading, text, speaker, "; ".join(named), len(named), first, start, end)

    def cited(citations: Sequence[Citation]) -> tuple[list[str], tuple[str, int, int] | None]:
        outlets = [citation_outlet(brief, c) for c in citations]
        return outlets, ((outlets[0], citations[0].start, citations[0].end) if citations else None)

    def sentence_row(section: str, heading: str, sentence: CitedSentence) -> Row:
        text = f"({sentence.about}) {sentence.text}" if sentence.about else sentence.text
        return row(section, heading, text, *cited(sentence.citations))

    for sentence in brief.summary:
        yield sentence_row("summary", "Summary", sentence)
    for tier in brief.coverage:
        for fact in tier.facts:
            yield sentence_row("fact", tier_heading(brief, tier), fact)
    for conflict in brief.conflicts:
        heading, values = conflict_line(brief, conflict)
        for value, outlets, sides in values:
            where = (outlet_name(brief, sides[0].article_id), sides[0].start, sides[0].end) if sides else None
            yield row("conflict", heading, value, outlets, where)
    for quotation in brief.quotations:
        speaker = (quotation.speaker or "unattributed") + (f", via {quotation.via}" if quotation.via else "")
        outlets, where = cited(quotation.citations)
        yield row(
            "quotation",
            speaker,
            quotation.text,
            outlets or [reader_name(brief, o) for o in quotation.outlets],
            where,
            speaker,
        )
        for variant in quotation.variants:
            yield row("quotation variant", speaker, variant.text, *cited([variant]), speaker)
    for event in brief.timeline:
        yield row("timeline", event.date, event.what, *cited(event.citations))
