"""Date arithmetic for relative expressions: which Friday, which September, which week a reference date and a
tense point to. Pure functions of the reference date; ``dates`` decides the tense and reads the text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from newsfuse.model import TimeGranularity

Compute = Callable[[date], tuple[str | None, str | None]]


def weekday_from(reference: date, weekday: int, modifier: str | None, future: bool) -> date:
    ahead = (weekday - reference.weekday()) % 7
    behind = (reference.weekday() - weekday) % 7
    if modifier == "last":
        return reference - timedelta(days=behind or 7)
    if modifier == "next":
        return reference + timedelta(days=ahead or 7)
    if modifier == "this":
        return reference - timedelta(days=reference.weekday()) + timedelta(days=weekday)
    if future or modifier == "coming":
        return reference + timedelta(days=ahead)
    return reference - timedelta(days=behind)


def month_from(reference: date, month: int, modifier: str | None, future: bool) -> str:
    year = reference.year
    if modifier == "this":
        pass
    elif modifier == "last":
        year -= 1 if month >= reference.month else 0
    elif modifier in {"next", "coming"}:
        year += 1 if month <= reference.month else 0
    elif future:
        year += 1 if month < reference.month else 0
    else:
        year -= 1 if month > reference.month else 0
    return f"{year:04d}-{month:02d}"


def month_day_from(reference: date, month: int, day: int, modifier: str | None, future: bool) -> str | None:
    looking_ahead = modifier in {"next", "coming"} or (future and modifier != "last")
    for year in (reference.year, reference.year - 1, reference.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if modifier == "this" and year == reference.year:
            return candidate.isoformat()
        if looking_ahead and reference <= candidate <= reference + timedelta(days=366):
            return candidate.isoformat()
        if not looking_ahead and reference - timedelta(days=366) < candidate <= reference:
            return candidate.isoformat()
    return None


def relative_period(modifier: str, unit: str, future: bool = False) -> tuple[TimeGranularity, Compute] | None:
    step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[modifier]
    if unit in {"week", "weekend"}:

        def week(reference: date) -> tuple[str | None, str | None]:
            # "the pipeline closed this weekend" written on a Monday is the weekend just gone: a weekday's "this
            # weekend" is the coming one only in a future clause
            weeks = -1 if unit == "weekend" and step == 0 and not future and reference.weekday() < 5 else step
            monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=weeks)
            first = monday + timedelta(days=5) if unit == "weekend" else monday
            return first.isoformat(), (monday + timedelta(days=6)).isoformat()

        return TimeGranularity.day, week
    if unit == "month":

        def month(reference: date) -> tuple[str | None, str | None]:
            index = reference.year * 12 + reference.month - 1 + step
            return f"{index // 12:04d}-{index % 12 + 1:02d}", None

        return TimeGranularity.month, month
    if unit == "year":
        return TimeGranularity.year, lambda reference: (f"{reference.year + step:04d}", None)
    if unit == "decade":
        return TimeGranularity.decade, lambda reference: (f"{(reference.year // 10 + step) * 10:04d}s", None)
    return None


def counted(count: int, unit: str, direction: int) -> tuple[TimeGranularity, Compute]:
    """Counted periods ("3 days ago", "in 24 years"): a point before the reference, after it in future clauses."""
    if unit in {"day", "week"}:
        days = count * (7 if unit == "week" else 1) * direction
        return TimeGranularity.day, lambda reference: ((reference + timedelta(days=days)).isoformat(), None)
    if unit == "month":

        def month(reference: date) -> tuple[str | None, str | None]:
            index = reference.year * 12 + reference.month - 1 + count * direction
            return f"{index // 12:04d}-{index % 12 + 1:02d}", None

        return TimeGranularity.month, month
    if unit == "year":
        return TimeGranularity.year, lambda reference: (f"{reference.year + count * direction:04d}", None)
    years = 10 * count * direction
    return TimeGranularity.decade, lambda reference: (f"{(reference.year + years) // 10 * 10:04d}s", None)
