"""What every format shares: numbering a brief's citations once, and naming the outlet behind an article."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.model import (
    Brief,
    BriefSource,
    Citation,
    CitedSentence,
    Conflict,
    ConflictSide,
    CoverageTier,
    RelatedStory,
)

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
    """How a reader knows an article: its outlet; else the file it came from, said to be a file; else its
    position. Never the content hash the brief falls back to when it has nothing else."""
    for position, source in enumerate(brief.sources, start=1):
        if source.id == article_id:
            if source.outlet:
                return source.outlet
            if source.label and source.label not in (source.id, source.title):
                return f"file {source.label}"
            return f"Source {position}"
    return "a source not in this brief"


def reader_name(brief: Brief, name: str) -> str:
    """An outlet name as the brief lists it (in a tier, a quotation row, an entity), as a reader knows it: a
    source's bare label or content hash becomes that source's name (outlet_name)."""
    for source in brief.sources:
        if name == source.id or (not source.outlet and name in (source.label, without_agency(source.label))):
            return outlet_name(brief, source.id)
    return name


_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "building or site",
    "EVENT": "event",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
    "LAW": "law",
}


def entity_kind(label: str) -> str:
    """An entity's type in a reader's words ("place", not the tagger's "GPE")."""
    return _KINDS.get(label, "other")


def without_agency(label: str | None) -> str | None:
    """A source's label less the agency it carries ("a.txt, via AFP" → "a.txt"): how a tier names it."""
    return label.rsplit(", via ", 1)[0] if label else label


def tier_heading(brief: Brief, tier: CoverageTier) -> str:
    """How every format heads a tier: "Reported by 3 of 5 sources", "Only in Reuters (1 of 5 sources)"."""
    if tier.sources == 1:
        names = " / ".join(reader_name(brief, name) for name in tier.outlets) or "one source"
        return f"Only in {names} (1 of {tier.of} source{'' if tier.of == 1 else 's'})"
    return tier.heading


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def facts_per_source(brief: Brief) -> dict[str, int]:
    """How many distinct facts (summary sentences and tier facts) each source supports."""
    supported: dict[str, set[str]] = {}
    for sentence in [*brief.summary, *(fact for tier in brief.coverage for fact in tier.facts)]:
        for citation in sentence.citations:
            supported.setdefault(citation.article_id, set()).add(sentence.fact_group_id or sentence.text)
    return {article_id: len(keys) for article_id, keys in supported.items()}


def citation_outlet(brief: Brief, citation: Citation) -> str:
    return citation.outlet or outlet_name(brief, citation.article_id)


def tier_outlets(brief: Brief, sentence: CitedSentence) -> list[str]:
    """The outlets a fact cites, each once, in citation order."""
    return list(dict.fromkeys(citation_outlet(brief, citation) for citation in sentence.citations))


def conflict_line(brief: Brief, conflict: Conflict) -> tuple[str, list[tuple[str, list[str], list[ConflictSide]]]]:
    """(heading, [(value, outlets, sides)]) of a conflict as every format shows it: one slot, each value with
    the independent sources that give it; an update's values oldest first."""
    label = "Update" if conflict.relation == "update" else "Disagreement"
    values = [
        (value.shown, list(dict.fromkeys(outlet_name(brief, side.article_id) for side in value.sides)), value.sides)
        for value in conflict.values
    ]
    return f"{label} on {conflict.slot}", values


def _slice(source: BriefSource, start: int, end: int) -> str:
    return source.text[start:end]


def related_line(story: RelatedStory) -> tuple[str, str]:
    """(date, headline) of another story of the thread, as every format lists it."""
    day = story.first_published.isoformat() if story.first_published else "undated"
    return day, story.headline or "Untitled story"
