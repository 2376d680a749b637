"""A brief as Markdown: every summary sentence followed by citation markers that resolve to character offsets."""

from __future__ import annotations

import re

from newsfuse.model import Brief, Citation
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
    tier_outlets,
)

# Characters that would start emphasis, links, code, raw HTML or headings inside source text.
_SIGNIFICANT = re.compile(r"([\\`*_\[\]<>#|])")
_WHITESPACE = re.compile(r"\s+")
_WEB_URL = re.compile(r"https?://[^\s<>\\`]+", re.IGNORECASE)


def md_escape(text: str) -> str:
    """Source text as one safe Markdown line: whitespace runs (newlines too) become one space, and the characters
    that would turn into markup, break a table cell (pipes) or start raw HTML are backslash-escaped."""
    return _SIGNIFICANT.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())


def _is_plain_web_url(url: str | None) -> bool:
    """Only an http(s) URL without spaces or angle brackets becomes an autolink; anything else is left out."""
    return url is not None and _WEB_URL.fullmatch(url) is not None


def render_markdown(briefs: list[Brief]) -> str:
    return "\n\n---\n\n".join(_brief(brief) for brief in briefs) + "\n"


def _brief(brief: Brief) -> str:
    index = CitationIndex(brief)
    parts = [f"# {md_escape(brief.headline or 'Untitled story')}", _sources(brief), _summary(brief, index)]
    parts.extend(_coverage(brief, index))
    parts += [_conflicts(brief, index), _quotations(brief, index), _timeline(brief, index), _entities(brief)]
    parts.append(_related(brief))
    parts.append(_citation_list(index))
    return "\n\n".join(part for part in parts if part)


def _related(brief: Brief) -> str:
    if not brief.related:
        return ""
    lines = [f"- {md_escape(day)}: {md_escape(headline)}" for day, headline in map(related_line, brief.related)]
    return "## Same thread\n\n" + "\n".join(lines)


def _markers(numbers: list[int]) -> str:
    return "".join(f"[{number}]" for number in numbers)


def _sources(brief: Brief) -> str:
    lines = ["## Sources", ""]
    for position, source in enumerate(brief.sources, start=1):
        title = md_escape(source.title) if source.title else "_untitled_"
        details = [source.published.isoformat() if source.published else "undated"]
        if _is_plain_web_url(source.url):
            details.append(f"<{source.url}>")
        detail_text = ", ".join(detail for detail in details if detail)
        lines.append(f"{position}. **{md_escape(outlet_name(brief, source.id))}**: {title} ({detail_text})")
    return "\n".join(lines)


def _summary(brief: Brief, index: CitationIndex) -> str:
    if not brief.summary:
        return "## Summary\n\n_No summary: no fact was reported well enough._"
    sentences = [
        f"{md_escape(sentence.text)} {_markers(index.numbers(sentence.citations))}" for sentence in brief.summary
    ]
    return "## Summary\n\n" + "\n".join(sentences)


def _coverage(brief: Brief, index: CitationIndex) -> list[str]:
    sections = []
    for tier in brief.coverage:
        items = []
        for sentence in tier.facts:
            about = f"({md_escape(sentence.about)}) " if sentence.about else ""
            names = tier_outlets(brief, sentence)
            outlets = "" if tier.sources == 1 else f" — {', '.join(md_escape(name) for name in names)}"
            items.append(f"- {about}{md_escape(sentence.text)} {_markers(index.numbers(sentence.citations))}{outlets}")
        sections.append(f"## {md_escape(tier_heading(brief, tier))}\n\n" + "\n".join(items))
    return sections


def _conflicts(brief: Brief, index: CitationIndex) -> str:
    if not brief.conflicts:
        return "## Conflicts\n\n_No conflicting facts found._"
    items = []
    for conflict in brief.conflicts:
        heading, values = conflict_line(brief, conflict)
        arrow = " → " if conflict.relation == "update" else " · "
        shown = arrow.join(
            f"**{md_escape(value)}** ({', '.join(md_escape(o) for o in outlets)}) "
            f"{_markers([index.side_number(side) for side in sides])}"
            for value, outlets, sides in values
        )
        items.append(f"- {md_escape(heading)}: {shown}")
    return "## Conflicts\n\n" + "\n".join(items)


def _variant(brief: Brief, citation: Citation, index: CitationIndex) -> str:
    outlet = md_escape(citation_outlet(brief, citation))
    return f"{outlet}: “{md_escape(citation.text)}” {_markers([index.number(citation)])}"


def _quotations(brief: Brief, index: CitationIndex) -> str:
    if not brief.quotations:
        return "## Quotations\n\n_None._"
    rows = ["| Speaker | Quotation | Outlets | Variants |", "| --- | --- | --- | --- |"]
    for row in brief.quotations:
        speaker = md_escape(row.speaker) if row.speaker else "_unattributed_"
        if row.via:
            speaker += f", via {md_escape(row.via)}"
        quote = f"“{md_escape(row.text)}” {_markers(index.numbers(row.citations))}"
        outlets = ", ".join(md_escape(reader_name(brief, outlet)) for outlet in row.outlets)
        variants = "<br>".join(_variant(brief, variant, index) for variant in row.variants)
        rows.append(f"| {speaker} | {quote} | {outlets} | {variants} |")
    return "## Quotations\n\n" + "\n".join(rows)


def _timeline(brief: Brief, index: CitationIndex) -> str:
    if not brief.timeline:
        return "## Timeline\n\n_None._"
    rows = ["| Date | What | Sources |", "| --- | --- | --- |"]
    for event in brief.timeline:
        outlets = sorted({citation_outlet(brief, citation) for citation in event.citations})
        sources = ", ".join(md_escape(outlet) for outlet in outlets) + " " + _markers(index.numbers(event.citations))
        rows.append(f"| {md_escape(event.date)} | {md_escape(event.what)} | {sources.strip()} |")
    return "## Timeline\n\n" + "\n".join(rows)


def _entities(brief: Brief) -> str:
    if not brief.entities:
        return "## Main entities\n\n_None._"
    items = []
    for entity in brief.entities:
        line = f"- **{md_escape(entity.name)}** ({entity_kind(entity.label)}), {plural(entity.mentions, 'mention')}"
        if entity.outlets:
            line += " in " + ", ".join(md_escape(reader_name(brief, outlet)) for outlet in entity.outlets)
        aliases = [alias for alias in entity.aliases if alias != entity.name]
        if aliases:
            line += "; also " + ", ".join(md_escape(alias) for alias in aliases)
        items.append(line)
    return "## Main entities\n\n" + "\n".join(items)


def _citation_list(index: CitationIndex) -> str:
    if not index.entries:
        return ""
    lines = [
        f"- [{entry.number}] {md_escape(entry.outlet)}, chars {entry.start}–{entry.end}: “{md_escape(entry.text)}”"
        for entry in index.entries
    ]
    return "## Citations\n\n" + "\n".join(lines)
