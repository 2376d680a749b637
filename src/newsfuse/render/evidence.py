"""What every format shares: numbering a brief's citations once, and naming the outlet behind an article."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.model import Brief, BriefSource, Citation, ConflictSide, RelatedStory

# (article id, start, end): one cited span, however many sections cite it.
SpanKey = tuple[str, int, int]


@dataclass(frozen=True)
class NumberedCitation:
    number: int
    article_id: str
    outlet: str
    start: int
    end: int
    text: str


@dataclass
class CitationIndex:
    """Gives each distinct cited span of a brief one number, in the order the brief first cites it."""

    brief: Brief
    entries: list[NumberedCitation] = field(default_factory=list)
    _numbers: dict[SpanKey, int] = field(default_factory=dict)

    def number(self, citation: Citation) -> int:
        return self._add(citation.article_id, citation.start, citation.end, citation.text, citation.outlet)

    def numbers(self, citations: list[Citation]) -> list[int]:
        return sorted({self.number(citation) for citation in citations})

    def side_number(self, side: ConflictSide) -> int:
        source = source_by_id(self.brief, side.article_id)
        text = _slice(source, side.start, side.end) if source is not None else side.value
        return self._add(side.article_id, side.start, side.end, text, None)

    def _add(self, article_id: str, start: int, end: int, text: str, outlet: str | None) -> int:
        key = (article_id, start, end)
        if key not in self._numbers:
            number = len(self.entries) + 1
            self._numbers[key] = number
            name = outlet or outlet_name(self.brief, article_id)
            self.entries.append(NumberedCitation(number, article_id, name, start, end, text))
        return self._numbers[key]


def source_by_id(brief: Brief, article_id: str) -> BriefSource | None:
    for source in brief.sources:
        if source.id == article_id:
            return source
    return None


def outlet_name(brief: Brief, article_id: str) -> str:
    """The outlet of an article, or a stable stand-in when the input did not name one."""
    for position, source in enumerate(brief.sources, start=1):
        if source.id == article_id:
            return source.outlet or source.label or f"Source {position}"
    return f"Article {article_id[:8]}"


def citation_outlet(brief: Brief, citation: Citation) -> str:
    return citation.outlet or outlet_name(brief, citation.article_id)


def unique_by_outlet(brief: Brief) -> dict[str, list[int]]:
    """Indexes of ``brief.unique`` under the outlet that alone reports them, outlets in source order. A fact
    carried by syndicated copies names the copies too: "Calder Wire (also carried by Harbour Gazette)"."""
    groups: dict[str, list[int]] = {}
    lead_outlet: dict[str, str] = {}
    for index, sentence in enumerate(brief.unique):
        outlets = list(dict.fromkeys(citation_outlet(brief, citation) for citation in sentence.citations))
        heading = outlets[0] if outlets else "an unnamed source"
        if len(outlets) > 1:
            heading += f" (also carried by {', '.join(outlets[1:])})"
        groups.setdefault(heading, []).append(index)
        lead_outlet[heading] = outlets[0] if outlets else heading
    order = {outlet_name(brief, source.id): position for position, source in enumerate(brief.sources)}
    return dict(sorted(groups.items(), key=lambda item: order.get(lead_outlet[item[0]], len(order))))


def _slice(source: BriefSource, start: int, end: int) -> str:
    return source.text[start:end]


def related_line(story: RelatedStory) -> tuple[str, str]:
    """(date, headline) of another story of the thread, as every format lists it."""
    day = story.first_published.isoformat() if story.first_published else "undated"
    return day, story.headline or "Untitled story"
