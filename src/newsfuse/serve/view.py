"""What the story page shows, computed from a ``Brief``: every clickable thing carries its evidence as
``[article id, start, end]`` triples in UTF-16 code units, which is what the browser's strings count."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from newsfuse.model import Brief, BriefSource, Citation, CitedSentence

_Offsets = Callable[[int], int]


@dataclass
class SourceView:
    id: str
    outlet: str
    title: str | None
    href: str | None
    published: date | None
    text: str


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


def story_view(brief: Brief) -> StoryView:
    offsets = {source.id: utf16_offsets(source.text) for source in brief.sources}
    outlet_of = {source.id: _outlet(source) for source in brief.sources}

    def cites(citations: Sequence[Citation]) -> str:
        return json.dumps(
            [
                [c.article_id, offsets[c.article_id](c.start), offsets[c.article_id](c.end)]
                for c in citations
                if c.article_id in offsets
            ]
        )

    def outlets(citations: Sequence[Citation]) -> list[str]:
        return list(dict.fromkeys(c.outlet or outlet_of.get(c.article_id, "unknown outlet") for c in citations))

    def clickable(sentence: CitedSentence) -> Clickable:
        text = f"({sentence.about}) {sentence.text}" if sentence.about else sentence.text
        return Clickable(text=text, cites=cites(sentence.citations), outlets=outlets(sentence.citations))

    speakers: dict[str, SpeakerView] = {}
    for row in brief.quotations:
        name = (row.speaker or "Unattributed") + (f", via {row.via}" if row.via else "")
        speakers.setdefault(name, SpeakerView(speaker=name)).quotes.append(
            QuoteView(
                text=row.text,
                cites=cites([*row.citations, *row.variants]),
                outlets=row.outlets or outlets(row.citations),
                variants=[Clickable(text=v.text, cites=cites([v]), outlets=outlets([v])) for v in row.variants],
            )
        )
    return StoryView(
        brief=brief,
        sources=[
            SourceView(
                id=s.id,
                outlet=s.outlet or s.label or f"Source {number} (outlet unknown)",
                title=s.title,
                href=safe_href(s.url),
                published=s.published,
                text=s.text,
            )
            for number, s in enumerate(brief.sources, start=1)
        ],
        summary=[clickable(s) for s in brief.summary],
        coverage=[
            (tier.heading, "unique" if tier.sources == 1 else "consensus", [clickable(s) for s in tier.facts])
            for tier in brief.coverage
        ],
        conflicts=[
            ConflictView(
                kind=("update" if c.relation == "update" else "disagreement") + f" on {c.slot}",
                description=c.description,
                sides=[
                    Clickable(
                        text=side.value,
                        cites=json.dumps(
                            [
                                [
                                    side.article_id,
                                    offsets[side.article_id](side.start),
                                    offsets[side.article_id](side.end),
                                ]
                            ]
                            if side.article_id in offsets
                            else []
                        ),
                        outlets=[outlet_of.get(side.article_id, "unknown outlet")],
                    )
                    for side in c.sides
                ],
            )
            for c in brief.conflicts
        ],
        speakers=list(speakers.values()),
        timeline=[
            TimelineView(date=t.date, what=t.what, cites=cites(t.citations), outlets=outlets(t.citations))
            for t in brief.timeline
        ],
    )


def _outlet(source: BriefSource) -> str:
    return source.outlet or source.label or "unknown outlet"
