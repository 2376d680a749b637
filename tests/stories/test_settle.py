"""Settling: a story that two look-alike events' reports joined early is split once their reports are in."""

from __future__ import annotations

import base64
import math
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from newsfuse.stories import StoryIndex
from newsfuse.stories.settle import linkage_groups

from .conftest import hand_annotated, unit
from .test_event_identity import CONTENT_ONLY as CONTENT_ONLY_JOINS

CONTENT_ONLY = CONTENT_ONLY_JOINS.model_copy(update={"settle_threshold": 0.7})


def _at(degrees: float) -> NDArray[np.float32]:
    return unit(math.cos(math.radians(degrees)), math.sin(math.radians(degrees)))


# Event A at 0 degrees, event B at 60 (cosine 0.5: two events of one kind). B's first report sits between them
# (cosine 0.75 to A, 0.95 to B): it joins A's story, and B's later reports follow it there.
FIRST_OF_B = _at(41.4)


def _stream(index: StoryIndex) -> tuple[list[str], list[str]]:
    """A's first report, B's first, then two more of each, alternating: the story ids of A's and B's articles."""
    arrivals = [("a", _at(0)), ("b", FIRST_OF_B), ("b", _at(60)), ("a", _at(0)), ("b", _at(60)), ("a", _at(0))]
    ids: dict[str, list[str]] = {"a": [], "b": []}
    for number, (event, vector) in enumerate(arrivals):
        article = hand_annotated(f"Report {number} of event {event}.")
        index.assign(article, vector)
        ids[event].append(article.article.id)
    return ids["a"], ids["b"]


def test_a_story_two_events_joined_early_is_split_when_it_settles() -> None:
    index = StoryIndex(params=CONTENT_ONLY)
    event_a, event_b = _stream(index)
    assert len({index.story_of(a) for a in event_a + event_b}) == 1, "greedy assignment put both events together"
    changed = index.settle_stories()
    assert len({index.story_of(a) for a in event_a}) == 1
    assert len({index.story_of(b) for b in event_b}) == 1
    assert index.story_of(event_a[0]) != index.story_of(event_b[0])
    assert {story.id for story in changed} == {index.story_of(event_a[0]), index.story_of(event_b[0])}
    assert sorted(len(story.article_ids) for story in index.stories()) == [3, 3]
    index.settle_threads()
    assert all(story.thread for story in index.stories()), "a story split off still has a thread"


def test_settling_leaves_a_story_of_one_event_alone_and_off_changes_nothing() -> None:
    index = StoryIndex(params=CONTENT_ONLY)
    for number in range(4):
        index.assign(hand_annotated(f"Report {number}."), _at(5 * number))
    assert index.settle_stories() == []
    assert len(index.stories()) == 1
    unsettled = StoryIndex(params=CONTENT_ONLY.model_copy(update={"settle_threshold": None}))
    _stream(unsettled)
    assert unsettled.settle_stories() == [] and len(unsettled.stories()) == 1


def test_a_split_story_continues_after_a_state_round_trip() -> None:
    index = StoryIndex(params=CONTENT_ONLY)
    event_a, event_b = _stream(index)
    index.settle_stories()
    restored = StoryIndex.from_state(index.to_state())
    assert [restored.story_of(a) for a in event_a + event_b] == [index.story_of(a) for a in event_a + event_b]
    later_b = hand_annotated("A later report of event b.")
    assert restored.assign(later_b, _at(60)).id == index.story_of(event_b[0])


def test_linkage_groups_join_while_the_average_score_clears_the_threshold() -> None:
    scores = np.array([[1.0, 0.9, 0.2], [0.9, 1.0, 0.4], [0.2, 0.4, 1.0]])
    assert linkage_groups(scores, 0.5) == [[0, 1], [2]]
    assert linkage_groups(scores, 0.25) == [[0, 1, 2]]  # the average of 0.2 and 0.4 clears 0.25
    assert linkage_groups(scores[:1, :1], 0.5) == [[0]]


def _split_early(index: StoryIndex) -> list[str]:
    """One event's reports at 0, 50 and 25 degrees: the second reads too far from the first (cosine 0.64) and starts
    a story of its own; the third sits between them (0.91 to each) and joins the first. The three belong together:
    the second's average linkage to the other two is 0.77."""
    ids = []
    for number, degrees in enumerate((0, 50, 25)):
        article = hand_annotated(f"Report {number} of the event.")
        index.assign(article, _at(degrees))
        ids.append(article.article.id)
    return ids


def test_a_story_split_early_joins_its_neighbour_when_it_settles() -> None:
    index = StoryIndex(params=CONTENT_ONLY)
    reports = _split_early(index)
    before = {index.story_of(report) for report in reports}
    assert len(before) == 2, "greedy assignment left the second report on its own"
    changed = index.settle_stories()
    after = {index.story_of(report) for report in reports}
    assert len(after) == 1
    (kept,) = after
    assert [story.id for story in changed] == [kept]
    removed = index.take_removed()
    assert removed == sorted(before - after) and index.take_removed() == []
    assert [story.id for story in index.stories()] == [kept]
    index.settle_threads()
    assert all(story.thread for story in index.stories())
    restored = StoryIndex.from_state(index.to_state())
    assert {restored.story_of(report) for report in reports} == after


def test_without_neighbours_settling_only_splits() -> None:
    index = StoryIndex(params=CONTENT_ONLY.model_copy(update={"settle_neighbours": 0}))
    reports = _split_early(index)
    index.settle_stories()
    assert len({index.story_of(report) for report in reports}) == 2
    assert index.take_removed() == []


def test_one_event_over_days_stays_one_story_when_it_settles() -> None:
    """Assignment chains an event's coverage day by day; settling does not charge its members for the days between
    its first and last report, only two stories for the days between them."""
    params = CONTENT_ONLY.model_copy(update={"day_penalty": 0.25})  # a day apart: 0.75, joins at 0.7
    index = StoryIndex(params=params)
    days = [date(2024, 5, 1) + timedelta(days=offset) for offset in range(4)]
    reports = []
    for number, day in enumerate(days):
        article = hand_annotated(f"Day {number} of the event.", published=day)
        index.assign(article, _at(0))
        reports.append(article.article.id)
    index.settle_stories()
    assert len({index.story_of(report) for report in reports}) == 1
    charged = StoryIndex(params=params.model_copy(update={"settle_member_day_penalty": True}))
    for number, day in enumerate(days):
        charged.assign(hand_annotated(f"Day {number} of the event.", published=day), _at(0))
    charged.settle_stories()
    assert len(charged.stories()) > 1, "charged for the days within it, the event falls apart"


def test_a_replayed_assignment_is_not_settled_again_and_a_state_keeps_what_is_unsettled() -> None:
    """The store replays what it stored (settled, or not, where it was assigned): replaying settles nothing. A state
    saved before settling (the windowed index's rebuild) keeps the stories still to settle."""
    index = StoryIndex(params=CONTENT_ONLY)
    event_a, event_b = _stream(index)
    state = index.to_state()
    assert state.unsettled == [index.story_of(event_a[0])]
    replayed = StoryIndex(params=CONTENT_ONLY)
    for stored in index.to_state().articles:
        vector = np.frombuffer(base64.b64decode(stored.vector), dtype=np.float32)
        replayed.restore(hand_annotated(f"Report {stored.id}."), vector, stored.story_id)
    assert len(replayed.stories()) == 1 and replayed.settle_stories() == []
    restored = StoryIndex.from_state(state)
    restored.settle_stories()
    assert len({restored.story_of(a) for a in event_a}) == 1 and len({restored.story_of(b) for b in event_b}) == 1
    assert restored.story_of(event_a[0]) != restored.story_of(event_b[0])
    assert restored.to_state().unsettled == []


def test_a_member_settling_splits_off_rejoins_the_story_its_best_members_are_in() -> None:
    """A report with its own angle on the event: close to two of the story's six reports (cosine 0.75), far from the
    other four (0.5). Its mean score to the story (0.58) is below the threshold, so average linkage splits it off;
    assignment goes by the best members (0.75), so it rejoins the story. Without the move it stays alone."""
    first, second = unit(1.0, 0.0, 0.0), unit(0.8, 0.6, 0.0)  # the story's two kinds of report (cosine 0.8)
    angle = unit(0.75, -1 / 6, math.sqrt(1 - 0.75**2 - 1 / 36))  # cosine 0.75 to the first kind, 0.5 to the second
    assert abs(float(angle @ first) - 0.75) < 1e-6 and abs(float(angle @ second) - 0.5) < 1e-6
    for reassign, together in ((True, True), (False, False)):
        index = StoryIndex(params=CONTENT_ONLY.model_copy(update={"settle_reassign": reassign}))
        vectors = [first, first, second, second, second, second, angle]
        articles = [hand_annotated(f"Report {number} of the event.") for number in range(len(vectors))]
        for article, vector in zip(articles, vectors, strict=True):
            index.assign(article, vector)
        assert len(index.stories()) == 1, "assignment put the report with its own angle in the story"
        index.settle_stories()
        core = {index.story_of(a.article.id) for a in articles[:-1]}
        assert len(core) == 1
        assert (index.story_of(articles[-1].article.id) in core) is together
