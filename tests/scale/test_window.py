"""The story index bounded to its time window: stale stories leave memory, and every article is placed in
the same story as by the unbounded index (an in-order stream never needs an evicted story)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from newsfuse.stories import StoryIndex
from newsfuse.story_window import WindowedStoryIndex, WindowSettings
from tests.stories.conftest import hand_annotated, unit

TOPICS = ["Harbour ferry strike", "Orchestra winter season", "Council budget vote", "River flood warning"]


def _stream() -> list[tuple[str, date, int]]:
    """Each topic runs for 20 days, one after the other, then the first returns much later: 4 articles a day."""
    rows = []
    start = date(2025, 1, 1)
    for period, topic in enumerate([*TOPICS, TOPICS[0]]):
        for day in range(20):
            for copy in range(4):
                when = start + timedelta(days=60 * period + day)
                rows.append((f"{topic}: report {copy} of day {day}, period {period}.", when, TOPICS.index(topic)))
    return rows


def test_stale_stories_leave_memory_and_placements_do_not_change() -> None:
    unbounded = StoryIndex()
    windowed = WindowedStoryIndex(StoryIndex(), WindowSettings(keep_days=30, check_every=25))
    placed: list[tuple[str, str]] = []
    for text, when, topic in _stream():
        article = hand_annotated(text, names=[TOPICS[topic]], published=when)
        vector = unit(*np.eye(len(TOPICS))[topic], 0.2)
        placed.append((unbounded.assign(article, vector).id, windowed.assign(article, vector).id))
    assert all(left == right for left, right in placed)
    assert windowed.evicted_articles > 0
    assert len(windowed) < len(unbounded) == len(placed)
    # what is kept is the recent window: the last period's articles, nothing from the first periods
    assert len(windowed) <= 2 * 4 * 20
    assert placed[0][0] != placed[-1][0], "the topic's return after months is a new story in both"
