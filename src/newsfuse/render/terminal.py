"""A brief for the terminal: rich panels and tables, recorded to a plain string (the CLI prints it).

Two views. The page (the command's default) is what a reader reads on a screen: the summary, the coverage
tiers with their first facts, the conflicts, the top quotations, and how many of everything else there is;
each bracketed number names a source of the numbered source list. The full view is every section with every
item, each bracketed number a citation of the closing list (offsets and the verbatim span)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsfuse.model import Brief, CitedSentence
from newsfuse.render.evidence import (
    CitationIndex,
    citation_outlet,
    conflict_line,
    entity_kind,
    outlet_name,
    plural,
    reader_name,
    related_line,
    tier_heading,
)

WIDTH = 100


@dataclass(frozen=True)
class PageSettings:
    """How much of each section the terminal page shows (the full view shows everything)."""

    facts_per_tier: int = 3
    conflicts: int = 5
    quotations: int = 5
    related: int = 5


def render_terminal(briefs: list[Brief], full: bool = True, settings: PageSettings | None = None) -> str:
    # Text objects throughout (never markup strings): "[bold]" in an article stays literal.
    console = Console(record=True, width=WIDTH, file=io.StringIO(), color_system=None, emoji=False, highlight=False)
    for brief in briefs:
        for renderable in _brief(brief) if full else _page(brief, settings or PageSettings()):
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
            Text(entity_kind(entity.label)),
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


# ---------------------------------------------------------------- the page


def _page(brief: Brief, settings: PageSettings) -> list[RenderableType]:
    number = {source.id: position for position, source in enumerate(brief.sources, start=1)}

    def sources_of(article_ids: list[str]) -> str:
        return _markers(sorted({number[a] for a in article_ids if a in number}))

    def line(sentence: CitedSentence) -> Text:
        about = f"({sentence.about}) " if sentence.about else ""
        return Text(f"• {about}{sentence.text} {sources_of([c.article_id for c in sentence.citations])}")

    def more(shown: int, total: int, what: str, many: str | None = None) -> list[Text]:
        rest = total - shown
        noun = what if rest == 1 else many or what + "s"
        return [Text(f"… and {rest:,} more {noun} (--full)", style="dim")] if rest > 0 else []

    sources = [
        Text(
            f"[{number[s.id]}] {outlet_name(brief, s.id)}: {s.title or 'untitled'}, "
            f"{s.published.isoformat() if s.published else 'undated'}"
        )
        for s in brief.sources
    ]
    blocks: list[RenderableType] = [
        Panel(Text(brief.headline or "Untitled story", style="bold"), title="newsfuse brief"),
        Panel(Group(*sources), title=Text(_source_count(brief)), title_align="left"),
        Panel(
            Group(*map(line, brief.summary)) if brief.summary else Text("None.", style="dim"),
            title="Summary",
            title_align="left",
        ),
    ]
    if brief.coverage:
        coverage: list[RenderableType] = []
        for tier in brief.coverage:
            coverage.append(Text(f"{tier_heading(brief, tier)}: {plural(len(tier.facts), 'fact')}", style="bold"))
            coverage += [line(fact) for fact in tier.facts[: settings.facts_per_tier]]
            coverage += more(min(len(tier.facts), settings.facts_per_tier), len(tier.facts), "fact")
        blocks.append(Panel(Group(*coverage), title="Coverage", title_align="left"))
    conflicts: list[RenderableType] = []
    for conflict in brief.conflicts[: settings.conflicts]:
        heading, values = conflict_line(brief, conflict)
        arrow = " → " if conflict.relation == "update" else " · "
        shown = arrow.join(
            f"{value} {sources_of([side.article_id for side in sides])}" for value, _outlets, sides in values
        )
        conflicts.append(Text(f"• {heading}: {shown}"))
    conflicts += more(len(conflicts), len(brief.conflicts), "conflict")
    blocks.append(
        Panel(
            Group(*conflicts) if conflicts else Text("No conflicting facts found.", style="dim"),
            title="Conflicts",
            title_align="left",
        )
    )
    if brief.quotations:
        quotes: list[RenderableType] = []
        for row in brief.quotations[: settings.quotations]:
            speaker = (row.speaker or "Unattributed") + (f", via {row.via}" if row.via else "")
            cited = sources_of([c.article_id for c in [*row.citations, *row.variants]])
            variants = f" ({plural(len(row.variants), 'other rendering')})" if row.variants else ""
            quotes.append(Text(f"• {speaker}: “{row.text}” {cited}{variants}"))
        quotes += more(min(len(brief.quotations), settings.quotations), len(brief.quotations), "quotation")
        blocks.append(Panel(Group(*quotes), title="Quotations", title_align="left"))
    if brief.related:
        lines = [f"{day}: {headline}" for day, headline in map(related_line, brief.related[: settings.related])]
        blocks.append(
            Panel(
                Group(*map(Text, lines), *more(len(lines), len(brief.related), "story", "stories")),
                title="Same thread",
                title_align="left",
            )
        )
    rest = [
        plural(len(brief.timeline), "dated event"),
        plural(len(brief.entities), "main entity", "main entities"),
        plural(_citation_count(brief), "citation") + " with offsets",
    ]
    blocks.append(Text(f"Also in the full brief (--full): {', '.join(rest)}.", style="dim"))
    return blocks


def _citation_count(brief: Brief) -> int:
    """How many distinct spans the full view's citation list numbers."""
    index = CitationIndex(brief)
    for sentence in [*brief.summary, *(fact for tier in brief.coverage for fact in tier.facts)]:
        index.numbers(sentence.citations)
    for conflict in brief.conflicts:
        for value in conflict.values:
            for side in value.sides:
                index.side_number(side)
    for row in brief.quotations:
        index.numbers([*row.citations, *row.variants])
    for event in brief.timeline:
        index.numbers(event.citations)
    return len(index.entries)


def _source_count(brief: Brief) -> str:
    """ "5 sources", or "5 articles from 4 sources" when copies of one report count once, as the tiers do."""
    independent = len({source.family_id or source.id for source in brief.sources})
    if independent == len(brief.sources):
        return plural(len(brief.sources), "source")
    return f"{plural(len(brief.sources), 'article')} from {plural(independent, 'source')}"
