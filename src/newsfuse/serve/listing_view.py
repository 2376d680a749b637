"""The story list as the index page shows it: filters read from the form, stories grouped by day and, within
a day, by thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from newsfuse.store.listing import StoryFilter
from newsfuse.store.views import StorySummary


@dataclass
class ThreadGroup:
    thread: str | None  # None: a story that is a thread of its own
    stories: list[StorySummary] = field(default_factory=list)


@dataclass
class DayGroup:
    day: date | None
    threads: list[ThreadGroup] = field(default_factory=list)


def story_filter(since: str, until: str, outlet: str, entity: str, q: str) -> StoryFilter:
    """The form's fields as a filter: a blank field narrows nothing; a date must be YYYY-MM-DD."""
    try:
        first, last = (date.fromisoformat(value) if value.strip() else None for value in (since, until))
    except ValueError:
        raise ValueError("dates are YYYY-MM-DD") from None
    if any(ord(char) < 32 for char in outlet + entity + q):
        raise ValueError("control characters are not searched")
    return StoryFilter(first, last, outlet.strip() or None, entity.strip() or None, q.strip() or None)


def group_by_day_and_thread(stories: list[StorySummary]) -> list[DayGroup]:
    """Days in the order the stories come (newest first); in a day, a thread's stories together, placed where
    its first story comes."""
    days: list[DayGroup] = []
    for story in stories:
        if not days or days[-1].day != story.last_published:
            days.append(DayGroup(story.last_published))
        threads = days[-1].threads
        key = story.thread if story.related else None
        group = next((g for g in threads if key is not None and g.thread == key), None)
        if group is None:
            group = ThreadGroup(key)
            threads.append(group)
        group.stories.append(story)
    return days
