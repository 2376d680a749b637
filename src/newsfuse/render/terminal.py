"""A brief for the terminal: rich panels and tables, recorded to a plain string (the CLI prints it)."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsfuse.model import Brief, CitedSentence
from newsfuse.render.evidence import (
    CitationIndex,
    citation_outlet,
    conflict_line,
    outlet_name,
    reader_name,
    related_line,
    tier_heading,
)

WIDTH = 100


def render_terminal(briefs: list[Brief]) -> str:
    # Text objects throughout (never markup strings): "[bold]" in an article stays literal.
    console = Console(record=True, width=WIDTH, file=io.StringIO(), color_system=None, emoji=False, highlight=False)
    for brief in briefs:
        for renderable in _brief(brief):
            console.print(renderable)
    return console.export_text()


def _markers(numbers: list[int]) -> str:
    return "".join(f"[{number}]" for number in numbers)


def _brief(brief: Brief) -> list[RenderableType]:
    index = CitationIndex(brief)
    blocks: list[RenderableType] = [
        Panel(Text(brief.headline or "Untitled story", style="bold"), title="newsfuse brief"),
        _sources(brief),
        _sentences("Summary", brief.summary, index),
    ]
    blocks += [_sentences(tier_heading(brief, tier), tier.facts, index) for tier in brief.coverage]
    blocks += [_conflicts(brief, index), _quotations(brief, index), _timeline(brief, index), _entities(brief)]
    if brief.related:
        lines = [f"{day}: {headline}" for day, headline in map(related_line, brief.related)]
        blocks.append(Panel(Text("\n".join(lines)), title="Same thread"))
    blocks.append(_citations(index))
    return blocks


def _sources(brief: Brief) -> Table:
    table = Table(title="Sources", expand=True)
    for column in ("#", "Outlet", "Title", "Date"):
        table.add_column(column)
    for position, source in enumerate(brief.sources, start=1):
        table.add_row(
            Text(str(position)),
            Text(outlet_name(brief, source.id)),
            Text(source.title or "untitled"),
            Text(source.published.isoformat() if source.published else "undated"),
        )
    return table


def _sentences(title: str, sentences: list[CitedSentence], index: CitationIndex) -> Panel:
    lines = [
        Text(
            f"• {f'({sentence.about}) ' if sentence.about else ''}{sentence.text} "
            f"{_markers(index.numbers(sentence.citations))}"
        )
        for sentence in sentences
    ]
    return Panel(Group(*lines) if lines else Text("None.", style="dim"), title=Text(title), title_align="left")


def _conflicts(brief: Brief, index: CitationIndex) -> Panel:
    lines = []
    for conflict in brief.conflicts:
        heading, values = conflict_line(brief, conflict)
        arrow = " → " if conflict.relation == "update" else " · "
        shown = arrow.join(
            f"{value} ({', '.join(outlets)}) {_markers([index.side_number(side) for side in sides])}"
            for value, outlets, sides in values
        )
        lines.append(Text(f"• {heading}: {shown}"))
    body = Group(*lines) if lines else Text("No conflicting facts found.", style="dim")
    return Panel(body, title="Conflicts", title_align="left")


def _quotations(brief: Brief, index: CitationIndex) -> Table:
    table = Table(title="Quotations", expand=True, show_lines=True)
    for column in ("Speaker", "Quotation", "Outlets", "Variants"):
        table.add_column(column)
    for row in brief.quotations:
        quote = Text(f"“{row.text}” {_markers(index.numbers(row.citations))}")
        variants = "\n".join(
            f"{citation_outlet(brief, variant)}: “{variant.text}” {_markers([index.number(variant)])}"
            for variant in row.variants
        )
        table.add_row(
            Text((row.speaker or "unattributed") + (f", via {row.via}" if row.via else "")),
            quote,
            Text(", ".join(reader_name(brief, outlet) for outlet in row.outlets)),
            Text(variants),
        )
    return table


def _timeline(brief: Brief, index: CitationIndex) -> Table:
    table = Table(title="Timeline", expand=True)
    for column in ("Date", "What", "Sources"):
        table.add_column(column)
    for event in brief.timeline:
        outlets = ", ".join(sorted({citation_outlet(brief, citation) for citation in event.citations}))
        table.add_row(Text(event.date), Text(event.what), Text(f"{outlets} {_markers(index.numbers(event.citations))}"))
    return table


def _entities(brief: Brief) -> Table:
    table = Table(title="Main entities", expand=True)
    for column in ("Name", "Type", "Mentions", "Outlets", "Also called"):
        table.add_column(column)
    for entity in brief.entities:
        aliases = ", ".join(alias for alias in entity.aliases if alias != entity.name)
        table.add_row(
            Text(entity.name),
            Text(entity.label),
            Text(str(entity.mentions)),
            Text(", ".join(reader_name(brief, outlet) for outlet in entity.outlets)),
            Text(aliases),
        )
    return table


def _citations(index: CitationIndex) -> Panel:
    lines = [
        Text(f"[{entry.number}] {entry.outlet}, chars {entry.start}–{entry.end}: “{entry.text}”")
        for entry in index.entries
    ]
    return Panel(Group(*lines) if lines else Text("None.", style="dim"), title="Citations", title_align="left")
