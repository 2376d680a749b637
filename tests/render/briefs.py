"""Small briefs built by hand (texts written here) for the render tests."""

from __future__ import annotations

from datetime import date

from newsfuse.model import (
    Brief,
    BriefEntity,
    BriefSource,
    Citation,
    CitedSentence,
    Conflict,
    ConflictSide,
    ConflictValue,
    CoverageTier,
    QuotationRow,
    TimeGranularity,
    TimelineEvent,
)

WIRE_TEXT = (
    "The city council closed the Tarn Bridge on Monday after a crack appeared in a support.\n\n"
    '"We had no choice but to shut it," said Mayor Ana Ruiz. Twelve people were hurt when a lane gave way.'
)
DAILY_TEXT = (
    "Officials shut the Tarn Bridge on Monday after engineers found a crack.\n\n"
    '"There was no choice," Mayor Ana Ruiz said. Fourteen people were injured. '
    "A ferry | shuttle will run until the spring."
)


def cite(article_id: str, outlet: str | None, text: str, fragment: str) -> Citation:
    start = text.index(fragment)
    return Citation(article_id=article_id, outlet=outlet, start=start, end=start + len(fragment), text=fragment)


def make_brief(
    *,
    wire_outlet: str = "Harbour Wire",
    wire_title: str = "Bridge closed",
    wire_url: str | None = "https://wire.example/bridge",
    wire_text: str = WIRE_TEXT,
    story_id: str = "story-1",
) -> Brief:
    daily = "Coast Daily"

    def w(fragment: str) -> Citation:
        return cite("wire", wire_outlet, wire_text, fragment)

    def d(fragment: str) -> Citation:
        return cite("daily", daily, DAILY_TEXT, fragment)

    closed_wire = w("The city council closed the Tarn Bridge on Monday after a crack appeared in a support.")
    closed_daily = d("Officials shut the Tarn Bridge on Monday after engineers found a crack.")
    ferry = d("A ferry | shuttle will run until the spring.")
    hurt = w("Twelve people were hurt when a lane gave way.")
    wire_quote = w("We had no choice but to shut it,")
    daily_quote = d("There was no choice,")
    twelve, fourteen = wire_text.index("Twelve"), DAILY_TEXT.index("Fourteen")
    return Brief(
        story_id=story_id,
        headline="Tarn Bridge closed after crack found",
        sources=[
            BriefSource(
                id="wire",
                outlet=wire_outlet,
                title=wire_title,
                url=wire_url,
                published=date(2025, 3, 4),
                family_id="f-wire",
                text=wire_text,
            ),
            BriefSource(
                id="daily",
                outlet=daily,
                title="Officials shut Tarn Bridge",
                url=None,
                published=date(2025, 3, 4),
                family_id="f-daily",
                text=DAILY_TEXT,
            ),
        ],
        summary=[CitedSentence(text=closed_wire.text, fact_group_id="g1", citations=[closed_wire, closed_daily])],
        coverage=[
            CoverageTier(
                label="Reported by both sources",
                sources=2,
                of=2,
                facts=[CitedSentence(text=closed_wire.text, fact_group_id="g1", citations=[closed_wire, closed_daily])],
            ),
            _only_in(wire_outlet, CitedSentence(text=hurt.text, fact_group_id="g3", citations=[hurt])),
            _only_in(daily, CitedSentence(text=ferry.text, fact_group_id="g2", citations=[ferry])),
        ],
        conflicts=[
            Conflict(
                id="c1",
                kind="number",
                slot="people injured",
                fact_group_id="g3",
                description="12 (Harbour Wire) · 14 (Coast Daily)",
                values=[
                    ConflictValue(
                        value="12",
                        family_ids=["f-wire"],
                        sides=[ConflictSide(article_id="wire", start=twelve, end=twelve + len("Twelve"), value="12")],
                    ),
                    ConflictValue(
                        value="14",
                        family_ids=["f-daily"],
                        sides=[
                            ConflictSide(article_id="daily", start=fourteen, end=fourteen + len("Fourteen"), value="14")
                        ],
                    ),
                ],
            )
        ],
        quotations=[
            QuotationRow(
                speaker="Ana Ruiz",
                speaker_entity="e1",
                text=wire_quote.text,
                outlets=[wire_outlet, daily],
                citations=[wire_quote],
                variants=[daily_quote],
            )
        ],
        timeline=[
            TimelineEvent(
                date="2025-03-03",
                granularity=TimeGranularity.day,
                what=closed_wire.text,
                citations=[closed_wire, closed_daily],
            )
        ],
        entities=[
            BriefEntity(
                id="e1",
                name="Ana Ruiz",
                label="PERSON",
                aliases=["Ruiz", "Ana Ruiz"],
                mentions=2,
                outlets=[wire_outlet, daily],
            )
        ],
    )


def _only_in(outlet: str, fact: CitedSentence) -> CoverageTier:
    """The one-source tier of a two-source story holding ``fact``."""
    return CoverageTier(label=f"1 of 2 sources: only in {outlet}", sources=1, of=2, outlets=[outlet], facts=[fact])


def cited_sentences(brief: Brief) -> list[CitedSentence]:
    """The summary's sentences, then every coverage tier's facts."""
    return [*brief.summary, *(fact for tier in brief.coverage for fact in tier.facts)]


def all_citations(brief: Brief) -> list[Citation]:
    found: list[Citation] = []
    for sentence in cited_sentences(brief):
        found.extend(sentence.citations)
    for row in brief.quotations:
        found.extend([*row.citations, *row.variants])
    for event in brief.timeline:
        found.extend(event.citations)
    return found
