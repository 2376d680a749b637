"""Event identity: what tells two events of one kind apart (who, where, when), on hand-made vectors."""

from __future__ import annotations

from datetime import date, timedelta

from newsfuse.model import AnnotatedArticle, TimeExpression, TimeGranularity
from newsfuse.stories import StoryIndex, StoryParams
from newsfuse.stories.features import day_gap, event_days

from .conftest import hand_annotated, unit

DAY = date(2024, 3, 8)  # a Friday
# content alone is borderline here (cosine 0.6 against a threshold of 0.7): the signal under test decides
BORDERLINE = (unit(1, 0), unit(0.6, 0.8))
CONTENT_ONLY = StoryParams(
    threshold=0.7,
    lexical_weight=0.0,
    entity_weight=0.0,
    member_name_weight=0.0,
    date_agreement_bonus=0.0,
    date_mismatch_penalty=0.0,
)


def _dated_lead(article: AnnotatedArticle, *days: tuple[str, date, bool]) -> AnnotatedArticle:
    """The article with time expressions in its first sentence: (text, value, relative)."""
    times = [
        TimeExpression(
            start=0,
            end=len(text),
            text=text,
            sentence=0,
            value=value.isoformat(),
            granularity=TimeGranularity.day,
            relative=relative,
        )
        for text, value, relative in days
    ]
    return article.model_copy(update={"times": times})


def _same_story(
    params: StoryParams, first: AnnotatedArticle, second: AnnotatedArticle, *earlier: AnnotatedArticle
) -> bool:
    """Whether ``second`` joins ``first``'s story, in an index already holding ``earlier`` (stories of their own)."""
    index = StoryIndex(params=params)
    for number, other in enumerate(earlier):
        index.restore(other, unit(0, 0, 1), f"story-earlier-{number}")
    story = index.assign(first, BORDERLINE[0])
    return index.assign(second, BORDERLINE[1]).id == story.id


def test_the_same_rare_names_lift_a_borderline_report_into_the_story_and_other_names_do_not() -> None:
    params = CONTENT_ONLY.model_copy(update={"member_name_weight": 0.5})
    quake = hand_annotated("A quake shook the coast.", ["Tanjung Selor", "BMKG"])
    same_quake = hand_annotated("The coast quake damaged homes.", ["Tanjung Selor", "BMKG"])
    other_quake = hand_annotated("A quake shook the hills.", ["Kahramanmaras", "AFAD"])
    assert _same_story(params, quake, same_quake)
    assert not _same_story(params, quake, other_quake)
    assert not _same_story(CONTENT_ONLY, quake, same_quake), "without the names the content alone is too weak"


def test_undated_reports_stating_the_same_date_agree_and_dates_years_apart_do_not() -> None:
    params = CONTENT_ONLY.model_copy(
        update={"date_agreement_bonus": 0.15, "date_mismatch_penalty": 0.15, "agreement_rarity": False}
    )
    may = date(2013, 5, 3)
    first = _dated_lead(hand_annotated("The actress entered rehab."), ("May 3, 2013", may, False))
    same_week = _dated_lead(
        hand_annotated("She checked into a clinic."), ("May 4, 2013", may + timedelta(days=1), False)
    )
    years_before = _dated_lead(hand_annotated("She checked into a clinic."), ("June 2, 2008", date(2008, 6, 2), False))
    assert _same_story(params, first, same_week)
    assert not _same_story(params, first, years_before)
    stronger = params.model_copy(update={"threshold": 0.5})  # content alone clears this one, the dates do not
    assert _same_story(stronger.model_copy(update={"date_mismatch_penalty": 0.0}), first, years_before)
    assert not _same_story(stronger, first, years_before)


def test_agreeing_on_a_day_counts_by_how_rare_the_day_is_among_the_reports_around_it() -> None:
    params = CONTENT_ONLY.model_copy(update={"date_agreement_bonus": 0.15})
    may = date(2013, 5, 3)
    first = _dated_lead(hand_annotated("The actress entered rehab."), ("May 3, 2013", may, False))
    second = _dated_lead(hand_annotated("She checked into a clinic."), ("May 3, 2013", may, False))

    def reports(*days: date) -> list[AnnotatedArticle]:
        return [
            _dated_lead(hand_annotated(f"Another event {n}."), (day.isoformat(), day, False))
            for n, day in enumerate(days)
        ]

    # weeks of coverage, one report a day: May 3 is rare among the reports around it, agreeing on it is evidence
    weeks = reports(*(may + timedelta(days=offset) for offset in range(-10, 11) if abs(offset) > 1))
    assert _same_story(params, first, second, *weeks)
    # a one-day stream: every report gives May 3, and agreeing on it says nothing (content alone decides)
    one_day = reports(*[may] * 18)
    assert not _same_story(params, first, second, *one_day)
    assert _same_story(params.model_copy(update={"agreement_rarity": False}), first, second, *one_day)


def test_days_at_the_ends_of_the_calendar_a_text_states_are_counted_without_overflow() -> None:
    params = CONTENT_ONLY.model_copy(update={"date_agreement_bonus": 0.15})
    first = _dated_lead(hand_annotated("The archive opened."), ("December 31, 9999", date.max, False))
    second = _dated_lead(hand_annotated("The archive closed."), ("December 31, 9999", date.max, False))
    earliest = _dated_lead(hand_annotated("The vault opened."), ("January 1, 0001", date.min, False))
    assert _same_story(params, first, second, earliest)


def test_event_days_are_the_lead_s_past_days_and_full_dates_apart() -> None:
    article = _dated_lead(
        hand_annotated("Report.", published=DAY), ("Friday", DAY, True), ("March 1, 2024", date(2024, 3, 1), False)
    )
    assert event_days(article) == {DAY, date(2024, 3, 1)}
    assert event_days(article, absolute_only=True) == {date(2024, 3, 1)}
    assert day_gap({DAY}, {DAY + timedelta(days=3), DAY - timedelta(days=9)}) == 3
    assert day_gap(set(), {DAY}) is None


def test_a_large_story_must_match_more_than_its_two_nearest_members() -> None:
    """Eight reports of one event (replayed into one story); a look-alike matches two of them closely and the
    other six weakly: the best two alone would take it in, the best half of the members do not."""
    members = [unit(1, 0, 0), unit(1, 0, 0), *[unit(0.3, 0, 1)] * 6]
    look_alike = unit(1, 0, 0.1)  # cosine 0.99 with the two, about 0.38 with the six

    def joins(link_share: float) -> bool:
        index = StoryIndex(params=CONTENT_ONLY.model_copy(update={"link_share": link_share, "threshold": 0.8}))
        for number, vector in enumerate(members):
            index.restore(hand_annotated(f"Report {number}."), vector, "story-event")
        return index.assign(hand_annotated("The look-alike."), look_alike).id == "story-event"

    assert joins(0.0)
    assert not joins(0.5)


def test_a_report_days_later_that_states_the_story_s_date_pays_no_day_penalty() -> None:
    """A page published two days after the event, whose lead states the event's full date, is a report of that event:
    the day penalty counts from the date it states. Stating no date, or another one, it pays for the two days."""
    event_day = date(2024, 5, 3)
    params = CONTENT_ONLY.model_copy(update={"text_day_gap": True})
    off = CONTENT_ONLY.model_copy(update={"text_day_gap": False})
    first = _dated_lead(hand_annotated("The quake struck.", published=event_day), ("May 3, 2024", event_day, False))
    later_day = event_day + timedelta(days=2)

    def joins(params: StoryParams, *stated: tuple[str, date, bool]) -> bool:
        index = StoryIndex(params=params)
        story = index.assign(first, unit(1, 0))
        later = _dated_lead(hand_annotated("Rescuers searched the rubble.", published=later_day), *stated)
        return index.assign(later, unit(1, 0)).id == story.id

    assert joins(params, ("May 3, 2024", event_day, False))
    assert not joins(params), "no date stated: two days apart"
    assert not joins(params, ("May 5, 2024", later_day, False)), "its own day stated: two days apart"
    assert not joins(params, ("Friday", event_day, True)), "a weekday is not a full date (follow-ups name one too)"
    assert not joins(off, ("May 3, 2024", event_day, False)), "off: the publication gap counts"


def test_event_days_far_apart_cost_only_when_both_leads_give_days() -> None:
    """In a one-day stream a page stating its event's date years back and a report whose lead gives no day: the
    report's only day is its publication day, which says when it was published, not when its event happened."""
    today = date(2024, 6, 19)
    params = CONTENT_ONLY.model_copy(update={"date_mismatch_penalty": 0.15})
    old_page = _dated_lead(
        hand_annotated("The strike began.", published=today), ("June 3, 2012", date(2012, 6, 3), False)
    )
    close = (unit(1, 0), unit(0.8, 0.6))  # 0.8: joins at 0.7, unless it pays the 0.15

    def joins(params: StoryParams, report: AnnotatedArticle) -> bool:
        index = StoryIndex(params=params)
        story = index.assign(old_page, close[0])
        return index.assign(report, close[1]).id == story.id

    no_day = hand_annotated("Workers walked out.", published=today)
    friday = _dated_lead(hand_annotated("Workers walked out on Friday.", published=today), ("Friday", today, True))
    assert joins(params, no_day)
    assert not joins(params, friday), "its lead says Friday of 2024: years from 2012"
    assert not joins(params.model_copy(update={"date_mismatch_text_only": False}), no_day)
