"""A brief as one self-contained HTML page: the brief beside its sources, every cited span marked.

All article text, titles, outlets and URLs are hostile input: the template autoescapes, source text is sliced
at citation offsets and each piece escaped on its own, and a URL becomes a link only when it is http(s).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, Template, select_autoescape
from markupsafe import Markup, escape

from newsfuse.assets import asset as shared_asset
from newsfuse.model import Brief, BriefSource, Citation, CitedSentence, Conflict
from newsfuse.render.evidence import (
    CitationIndex,
    NumberedCitation,
    citation_outlet,
    conflict_line,
    entity_kind,
    facts_per_source,
    outlet_name,
    reader_name,
    related_line,
    tier_heading,
)

_UNSAFE_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")


@dataclass
class EvidenceItem:
    """Something the reader can click: its text and the keys of the marks that support it."""

    text: str
    keys: str
    markers: str
    outlet: str = ""


@dataclass
class ConflictView:
    kind: str
    keys: str
    sides: list[EvidenceItem]


@dataclass
class QuotationView:
    speaker: str
    quote: EvidenceItem
    outlets: str
    variants: list[EvidenceItem]


@dataclass
class TimelineView:
    date: str
    event: EvidenceItem


@dataclass
class SourceView:
    number: int
    outlet: str
    title: str
    href: str | None
    url: str | None
    published: str
    facts: int
    body: Markup


@dataclass
class BriefView:
    anchor: str
    headline: str
    summary: list[EvidenceItem]
    coverage: list[tuple[str, list[EvidenceItem]]]  # (tier heading, its facts)
    conflicts: list[ConflictView]
    quotations: list[QuotationView]
    timeline: list[TimelineView]
    entities: list[tuple[str, str, str]]
    related: list[tuple[str, str]] = field(default_factory=list)  # (date, headline) of the thread's other stories
    citations: list[EvidenceItem] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)


def safe_href(url: str | None) -> str | None:
    """The URL if it is a plain absolute http(s) URL, else None (``javascript:``, ``data:``, relative, garbage)."""
    if url is None or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def highlight_source(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` as escaped HTML with every ``(start, end, key)`` span inside a ``<mark>``. Overlapping spans
    split the text at every boundary: each piece is marked with the keys of all spans covering it."""
    length = len(text)
    valid = [(start, end, key) for start, end, key in spans if 0 <= start < end <= length]
    boundaries = sorted({0, length, *(start for start, _, _ in valid), *(end for _, end, _ in valid)})
    pieces: list[str] = []
    for left, right in itertools.pairwise(boundaries):
        piece = escape(text[left:right])
        keys = sorted({key for start, end, key in valid if start <= left and right <= end}, key=_key_order)
        if keys:
            pieces.append(f'<mark data-ev="{" ".join(keys)}" data-start="{left}" data-end="{right}">{piece}</mark>')
        else:
            pieces.append(str(piece))
    return Markup("".join(pieces))


def render_html(briefs: list[Brief]) -> str:
    views = [_brief_view(brief, position) for position, brief in enumerate(briefs)]
    title = views[0].headline if len(views) == 1 else f"{len(views)} stories"
    style, script = shared_asset("pane.css") + _asset("brief.css"), _asset("brief.js")
    # the page's own style and script are allowed by hash: no 'unsafe-inline', so injected markup cannot run
    policy = (
        f"default-src 'none'; style-src {_sha256(style)}; script-src {_sha256(script)}; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    return _template().render(title=title, briefs=views, style=Markup(style), script=Markup(script), policy=policy)


@cache
def _asset(name: str) -> str:
    return files("newsfuse.render").joinpath("templates", name).read_text(encoding="utf-8")


def _sha256(block: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii") + "'"


@cache
def _template_environment() -> Environment:
    return Environment(
        loader=PackageLoader("newsfuse.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _template() -> Template:
    return _template_environment().get_template("brief.html.j2")


def _key_order(key: str) -> int:
    return int(key.rsplit("c", 1)[1])


class _Builder:
    """Turns a brief's sections into clickable items, numbering citations as it goes."""

    def __init__(self, brief: Brief, anchor: str) -> None:
        self.brief = brief
        self.anchor = anchor
        self.index = CitationIndex(brief)

    def keys(self, numbers: list[int]) -> tuple[str, str]:
        return " ".join(f"{self.anchor}c{n}" for n in numbers), "".join(f"[{n}]" for n in numbers)

    def sentence(self, sentence: CitedSentence) -> EvidenceItem:
        keys, markers = self.keys(self.index.numbers(sentence.citations))
        text = f"({sentence.about}) {sentence.text}" if sentence.about else sentence.text
        return EvidenceItem(text, keys, markers)

    def quoted(self, citation: Citation) -> EvidenceItem:
        """Another outlet's rendering of a quotation, in quotation marks as the page shows every quotation."""
        item = self.citation(citation)
        item.text = f"“{item.text}”"
        return item

    def citation(self, citation: Citation) -> EvidenceItem:
        keys, markers = self.keys([self.index.number(citation)])
        return EvidenceItem(citation.text, keys, markers, citation_outlet(self.brief, citation))

    def conflict(self, conflict: Conflict) -> ConflictView:
        """A conflict's heading cites every value's evidence; each value, with its outlets, its own."""
        heading, values = conflict_line(self.brief, conflict)
        items = []
        for value, outlets, sides in values:
            keys, markers = self.keys(sorted({self.index.side_number(side) for side in sides}))
            items.append(EvidenceItem(value, keys, markers, ", ".join(outlets)))
        every = " ".join(item.keys for item in items)
        return ConflictView(heading, every, items)

    def numbered(self, entry: NumberedCitation) -> EvidenceItem:
        keys, markers = self.keys([entry.number])
        return EvidenceItem(entry.text, keys, markers, f"{entry.outlet}, chars {entry.start}–{entry.end}")


def _brief_view(brief: Brief, position: int) -> BriefView:
    anchor = f"b{position}"
    build = _Builder(brief, anchor)
    view = BriefView(
        anchor=anchor,
        headline=brief.headline or "Untitled story",
        summary=[build.sentence(s) for s in brief.summary],
        coverage=[(tier_heading(brief, tier), [build.sentence(s) for s in tier.facts]) for tier in brief.coverage],
        conflicts=[build.conflict(conflict) for conflict in brief.conflicts],
        quotations=[
            QuotationView(
                (row.speaker or "unattributed") + (f", via {row.via}" if row.via else ""),
                EvidenceItem(f"“{row.text}”", *build.keys(build.index.numbers(row.citations))),
                ", ".join(reader_name(brief, outlet) for outlet in row.outlets),
                [build.quoted(variant) for variant in row.variants],
            )
            for row in brief.quotations
        ],
        timeline=[
            TimelineView(
                event.date,
                EvidenceItem(
                    event.what,
                    *build.keys(build.index.numbers(event.citations)),
                    ", ".join(sorted({citation_outlet(brief, c) for c in event.citations})),
                ),
            )
            for event in brief.timeline
        ],
        entities=[
            (entity.name, entity_kind(entity.label), ", ".join(a for a in entity.aliases if a != entity.name))
            for entity in brief.entities
        ],
        related=[related_line(other) for other in brief.related],
    )
    view.citations = [build.numbered(entry) for entry in build.index.entries]
    facts = facts_per_source(brief)
    view.sources = [
        _source_view(brief, source, number, build, facts.get(source.id, 0))
        for number, source in enumerate(brief.sources, start=1)
    ]
    return view


def _source_view(brief: Brief, source: BriefSource, number: int, build: _Builder, facts: int) -> SourceView:
    spans = [
        (entry.start, entry.end, f"{build.anchor}c{entry.number}")
        for entry in build.index.entries
        if entry.article_id == source.id
    ]
    return SourceView(
        number=number,
        outlet=outlet_name(brief, source.id),
        title=source.title or "untitled",
        href=safe_href(source.url),
        url=source.url,
        published=source.published.isoformat() if source.published else "undated",
        facts=facts,
        body=highlight_source(source.text, spans),
    )
