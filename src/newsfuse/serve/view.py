"""What the story page shows, computed from a ``Brief``: every clickable thing carries its evidence as
``[article id, start, end]`` triples in UTF-16 code units, which is what the browser's strings count.

Internal ids (content hashes, story, family and entity ids) stay in attributes the script reads; nothing a
reader reads shows one: a source is named by its outlet, else by its file name shown as a file, else by its
position."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from newsfuse.model import Brief, BriefSource, Citation, CitedSentence, Conflict, CoverageTier

_Offsets = Callable[[int], int]


@dataclass
class SourceView:
    id: str
    number: int
    outlet: str
    title: str | None
    href: str | None
    published: date | None
    text: str
    facts: int = 0  # how many of the brief's facts this source supports


@dataclass
class Clickable:
    text: str
    cites: str
    outlets: list[str]


@dataclass
class QuoteView:
    text: str
    cites: str
    outlets: list[str]
    variants: list[Clickable]


@dataclass
class SpeakerView:
    speaker: str
    quotes: list[QuoteView] = field(default_factory=list)


@dataclass
class ConflictView:
    kind: str
    description: str
    cites: str
    sides: list[Clickable]


@dataclass
class TimelineView:
    date: str
    what: str
    cites: str
    outlets: list[str]


@dataclass
class StoryView:
    brief: Brief
    sources: list[SourceView]
    summary: list[Clickable]
    coverage: list[tuple[str, str, list[Clickable]]]  # (tier heading, css key, its facts)
    conflicts: list[ConflictView]
    speakers: list[SpeakerView]
    timeline: list[TimelineView]
    entities: list[tuple[str, str]] = field(default_factory=list)  # (name, "also known as …" or "")


def safe_href(url: str | None) -> str | None:
    """Only http(s) links become links: ``javascript:`` and friends are shown as text, never followed."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def utf16_offsets(text: str) -> _Offsets:
    """Map a Python (code point) offset to a UTF-16 offset; the identity unless the text has astral characters."""
    if all(ord(char) < 0x10000 for char in text):
        return lambda offset: offset
    prefix = [0]
    for char in text:
        prefix.append(prefix[-1] + (2 if ord(char) >= 0x10000 else 1))
    return lambda offset: prefix[min(max(offset, 0), len(text))]


def source_name(source: BriefSource, number: int) -> str:
    """A source as a reader knows it: the outlet; else the file it came from, said to be a file; else its
    title or its position. Never the content hash the brief falls back to."""
    if source.outlet:
        return source.outlet
    if source.label and source.label not in (source.id, source.title):
        return f"file {source.label}"
    return f"Source {number} (outlet unknown)"


def story_view(brief: Brief) -> StoryView:
    offsets = {source.id: utf16_offsets(source.text) for source in brief.sources}
    outlet_of = {source.id: source_name(source, number) for number, source in enumerate(brief.sources, start=1)}

    def triples(spans: Sequence[tuple[str, int, int]]) -> str:
        return json.dumps(
            [
                [article, offsets[article](start), offsets[article](end)]
                for article, start, end in spans
                if article in offsets
            ]
        )

    def cites(citations: Sequence[Citation]) -> str:
        return triples([(c.article_id, c.start, c.end) for c in citations])

    def outlets(article_ids: Sequence[str]) -> list[str]:
        return list(dict.fromkeys(outlet_of.get(article_id, "unknown outlet") for article_id in article_ids))

    def clickable(sentence: CitedSentence) -> Clickable:
        text = f"({sentence.about}) {sentence.text}" if sentence.about else sentence.text
        return Clickable(
            text=text, cites=cites(sentence.citations), outlets=outlets([c.article_id for c in sentence.citations])
        )

    speakers: dict[str, SpeakerView] = {}
    for row in brief.quotations:
        name = (row.speaker or "Unattributed") + (f", via {row.via}" if row.via else "")
        every = [*row.citations, *row.variants]
        speakers.setdefault(name, SpeakerView(speaker=name)).quotes.append(
            QuoteView(
                text=row.text,
                cites=cites(every),
                outlets=outlets([c.article_id for c in every]),
                variants=[
                    Clickable(text=v.text, cites=cites([v]), outlets=outlets([v.article_id])) for v in row.variants
                ],
            )
        )

    def conflict_view(conflict: Conflict) -> ConflictView:
        spans = [(side.article_id, side.start, side.end) for side in conflict.sides]
        return ConflictView(
            kind=("Update" if conflict.relation == "update" else "Disagreement") + f" on {conflict.slot}",
            description=conflict.description,
            cites=triples(spans),
            sides=[
                Clickable(
                    text=value.shown,
                    cites=triples([(side.article_id, side.start, side.end) for side in value.sides]),
                    outlets=outlets([side.article_id for side in value.sides]),
                )
                for value in conflict.values
            ],
        )

    # the names the brief lists outlets by (labels, or a content hash when it had nothing else) → reader's names
    # a tier names a source by its label less the agency it carries ("a.txt", not "a.txt, via AFP")
    labels = {label: s.id for s in brief.sources if s.label and not s.outlet for label in _labels(s.label)}
    named = {**{label: outlet_of[article] for label, article in labels.items()}, **outlet_of}
    facts_of = _facts_per_source(brief)
    return StoryView(
        brief=brief,
        sources=[
            SourceView(
                id=s.id,
                number=number,
                outlet=outlet_of[s.id],
                title=s.title,
                href=safe_href(s.url),
                published=s.published,
                text=s.text,
                facts=facts_of.get(s.id, 0),
            )
            for number, s in enumerate(brief.sources, start=1)
        ],
        summary=[clickable(s) for s in brief.summary],
        coverage=[
            (
                _tier_heading(tier, named),
                "unique" if tier.sources == 1 else "consensus",
                [clickable(s) for s in tier.facts],
            )
            for tier in brief.coverage
        ],
        conflicts=[conflict_view(c) for c in brief.conflicts],
        speakers=list(speakers.values()),
        timeline=[
            TimelineView(
                date=t.date, what=t.what, cites=cites(t.citations), outlets=outlets([c.article_id for c in t.citations])
            )
            for t in brief.timeline
        ],
        entities=[
            (entity.name, ", ".join(alias for alias in entity.aliases if alias != entity.name))
            for entity in brief.entities
        ],
    )


def _labels(label: str) -> tuple[str, str]:
    return label, label.rsplit(", via ", 1)[0]


def _tier_heading(tier: CoverageTier, named: dict[str, str]) -> str:
    if tier.sources == 1:
        names = " / ".join(named.get(name, name) for name in tier.outlets) or "one source"
        return f"Only in {names} (1 of {tier.of} source{'' if tier.of == 1 else 's'})"
    return tier.heading


def _facts_per_source(brief: Brief) -> dict[str, int]:
    """How many distinct facts (summary sentences and tier facts) each source supports."""
    supported: dict[str, set[str]] = {}
    for sentence in [*brief.summary, *(fact for tier in brief.coverage for fact in tier.facts)]:
        key = sentence.fact_group_id or sentence.text
        for citation in sentence.citations:
            supported.setdefault(citation.article_id, set()).add(key)
    return {article_id: len(keys) for article_id, keys in supported.items()}
