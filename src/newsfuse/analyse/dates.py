"""Time expressions: find them in a spaCy ``Doc`` and resolve them against the publication date.

News needs rules the date libraries get wrong (see DESIGN.md): "on Wednesday" in a Wednesday article is
the publication day; another weekday is the most recent such day within six days unless its verb is in
the future tense; "in September" is the most recent September; a bare number is a year only in a date
context. Only spans the NER marks as DATE/TIME are read, plus a few patterns the small model misses
("since 2006"). Which way a day or month points is read from the parse in ``date_tense``; the arithmetic is
``date_arithmetic``. Each expression keeps its text and tense, so ``resolve_times`` can re-resolve it later
against an inherited reference date.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from newsfuse.model import AnnotatedArticle, TimeExpression, TimeGranularity

from .date_arithmetic import Compute, counted, month_day_from, month_from, relative_period, weekday_from
from .date_tense import one_parse, points_forward

__all__ = ["find_time_expressions", "resolve_times"]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                          "sat": 5, "sun": 6}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100,
}  # fmt: skip

_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"  # noqa: E501
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"
_COUNT = r"(\d+|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(day|week|month|year|decade)s?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Leading words that qualify a date without changing which date it is ("early September", "by 2030").
_FILLER = re.compile(
    r"^(?:on|at|the|early|earlier|late|later|mid-?|around|about|by|until|till|from|since|before|after|during|of|"
    r"as of|as early as|as late as|(?:the )?(?:end|beginning|start|middle|first half|second half) of|"
    r"(?:in )?the course of)\s+"
)
_DURATION_WITH_ARTICLE = re.compile(r"^the (?:past|last|next|coming|previous|following) ")
_IN_COUNT = re.compile(rf"^(?:in|within) {_COUNT} {_UNIT}$")
_COUNT_AGO = re.compile(rf"^{_COUNT} {_UNIT} ago$")
_BARE_DURATION = re.compile(rf"^(?:{_COUNT}|several|a few|few|many) {_UNIT}$")

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{2}|\d{4})$")
_YEAR_SPAN = re.compile(r"^(?:between |from )?(\d{4}) (?:and|to|until|till|through|-) (\d{4})$")
_DECADE = re.compile(r"^(?:the )?(\d{3}0)'?s$")
_BARE_YEAR = re.compile(rf"^(?:the )?(?:year )?{_YEAR}$")
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH} {_DAY},? {_YEAR}$")
_DAY_MONTH_YEAR = re.compile(rf"^{_DAY} (?:of )?{_MONTH},? {_YEAR}$")
_MONTH_YEAR = re.compile(rf"^{_MONTH},? (?:of )?{_YEAR}$")
_MONTH_DAY = re.compile(rf"^(?:(last|next|this) )?{_MONTH} {_DAY}$")
_DAY_MONTH = re.compile(rf"^(?:(last|next|this) )?{_DAY} (?:of )?{_MONTH}$")
_MONTH_ALONE = re.compile(rf"^(?:(last|next|this|coming) )?{_MONTH}$")
_WEEKDAY_DATE_PREFIX = re.compile(rf"^{_WEEKDAY},? (?=\S)")
_WEEKDAY_ALONE = re.compile(rf"^(?:(last|next|this|coming) )?{_WEEKDAY}{_PART_OF_DAY}$")
_DEICTIC_DAY = re.compile(
    r"^(?:(today|tonight|this morning|this afternoon|this evening|now)|"
    r"(yesterday(?: morning| afternoon| evening)?|last night|the day before yesterday)|"
    r"(tomorrow(?: morning| afternoon| evening| night)?|the day after tomorrow))$"
)
_RELATIVE_PERIOD = re.compile(r"^(last|next|this|coming|previous) (week|weekend|month|year|decade)$")

# Patterns for dates the NER misses, searched in the raw text. Years need a context that makes them years.
_OWN_PATTERNS = [
    re.compile(
        r"\b(?:[Ss]ince|[Ii]n|[Uu]ntil|[Bb]y|[Ff]rom|[Bb]efore|[Aa]fter|[Dd]uring|[Tt]hrough|[Bb]etween)\s+"
        r"((?:1[6-9]|20)\d\d(?:\s*[-–]\s*\d{2}(?:\d{2})?)?)\b(?![.,]\d)"
    ),
    re.compile(
        r"\b(?:his|her|their|its|our|my|your|the|[Tt]his|[Tt]hat)\s+((?:1[6-9]|20)\d\d(?:\s*[-–]\s*\d{2}(?:\d{2})?)?)"
        r"(?=\s+[a-z])"
    ),
    re.compile(r"\b((?:1[6-9]|20)\d0'?s)\b"),
    re.compile(r"\b((?:[Ll]ast|[Nn]ext|[Tt]his)\s+(?:week|weekend|month|year))\b"),
    re.compile(r"\b([Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|last night)\b"),
    re.compile(r"\b((?:[Ll]ast |[Nn]ext )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b(?!s)"),
    re.compile(
        r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|mid-?|[Oo]f|[Dd]uring)\s+"
        r"((?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?)\b"
    ),
    re.compile(r"\b(" + _COUNT.replace("(", "(?:") + r"\s+(?:day|week|month|year|decade)s?\s+ago)\b", re.IGNORECASE),
]

# The dates inside an NER span that is not one date as a whole ("between May and the 1994-95 season").
_DATE_INSIDE = re.compile(
    rf"\b(?:{_MONTH} {_DAY},? {_YEAR}|{_DAY} {_MONTH} {_YEAR}|{_MONTH} {_YEAR}|"
    r"(?:1[6-9]|20)\d\d\s*[-–]\s*\d\d(?:\d\d)?|(?:1[6-9]|20)\d\d|"
    rf"{_WEEKDAY}|today|yesterday|tomorrow|tonight)\b",
    re.IGNORECASE,
)
_DURATION_PREPOSITIONS = {"for", "over", "during", "within", "lasting", "throughout", "past"}
_MODIFIERS = {"last", "next", "this", "coming"}
_NON_DATE_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}


@dataclass(frozen=True)
class DateLimits:
    # candidates read per article: far above news (a long report has a few dozen), and what keeps a page
    # of nothing but dates from costing minutes
    max_candidates: int = 2_000
    # an expression longer than this is not one date; the dates inside it are read instead
    max_expression_chars: int = 80
    # distinct texts one article may hand to dateparser (milliseconds a call; the rules read most dates):
    # news has a handful, and a page of 2,000 odd numeric dates would otherwise cost 10-30 s
    max_dateparser_texts: int = 100
    # a month or month-day no tense places ("December's Asian Games", "a plan to fund it into December") is the
    # coming one when it is at most this many days ahead: an event weeks off is named by its month, one most
    # of a year old is "last December's"
    forward_window_days: int = 92


LIMITS = DateLimits()


class _Reading:
    """One article's reading of date texts: each distinct text is resolved once (a page repeating one odd
    date 700 times pays for it once), and dateparser is asked about at most ``max_dateparser_texts`` texts."""

    def __init__(self) -> None:
        self.resolved: dict[tuple[str, bool, date | None], _Resolution | None] = {}
        self.parser_texts_left = LIMITS.max_dateparser_texts


_READING: ContextVar[_Reading | None] = ContextVar("newsfuse_date_reading", default=None)


@contextmanager
def _one_reading() -> Iterator[None]:
    token = _READING.set(_Reading())
    try:
        with one_parse():
            yield
    finally:
        _READING.reset(token)
# What a resolved value may look like: a four-digit year, a month, a day or a decade ("1990s").
_SANE_VALUE = re.compile(r"\d{4}(?:s|-\d{2}(?:-\d{2})?)?")


class _Spans:
    """Disjoint character (or token) ranges, kept sorted: adding one and asking whether a range overlaps any
    are logarithmic, so checking every candidate against every other is not quadratic."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, end) - 1
        return index >= 0 and self._ends[index] > start

    def add(self, start: int, end: int) -> None:
        """Add a range that overlaps none already held (call ``overlaps`` first)."""
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


@dataclass(frozen=True)
class _Resolution:
    value: str | None
    granularity: TimeGranularity | None
    end_value: str | None = None
    relative: bool = False


# ---------------------------------------------------------------- public functions


def find_time_expressions(doc: Doc, sentence_of: Callable[[int], int], reference: date | None) -> list[TimeExpression]:
    """Time expressions of ``doc`` (char offsets = the doc's text), resolved against ``reference``.

    Relative expressions found without a reference keep ``value=None`` until ``resolve_times``.
    Durations ("for three days") and anything that cannot be read as a date are left out.
    """
    with _one_reading():
        return _find_time_expressions(doc, sentence_of, reference)


def _find_time_expressions(doc: Doc, sentence_of: Callable[[int], int], reference: date | None) -> list[TimeExpression]:
    expressions: dict[tuple[int, int], TimeExpression] = {}
    held = _Spans()
    doc_text = doc.text
    for span in _candidate_spans(doc):
        text = span.text
        future = points_forward(
            span, _weekday_only(text), _names_a_day_or_month(text), _coming_soon(text, reference)
        )
        for start, end in _date_parts(span, reference):
            if held.overlaps(start, end):
                continue
            text = doc_text[start:end]
            resolution = _resolve(text, future, reference)
            if resolution is None:
                continue
            held.add(start, end)
            expressions[(start, end)] = TimeExpression(
                start=start,
                end=end,
                text=text,
                sentence=sentence_of(start),
                value=resolution.value,
                granularity=resolution.granularity,
                end_value=resolution.end_value,
                relative=resolution.relative,
                future=future,
            )
    return sorted(expressions.values(), key=lambda expression: expression.start)


def resolve_times(annotated: AnnotatedArticle, reference: date) -> AnnotatedArticle:
    """A copy of ``annotated`` with every time expression re-resolved against ``reference``."""
    text = annotated.article.text
    with _one_reading():
        times = [_resolved_again(expression, reference, text) for expression in annotated.times]
    return annotated.model_copy(update={"times": times, "reference_date": reference})


def _resolved_again(expression: TimeExpression, reference: date, text: str) -> TimeExpression:
    # Found without a reference, a month naming an event ("December's Asian Games") could not be placed by
    # ``_coming_soon``; the possessive mark after it in the text says it names one.
    future = expression.future or (
        text[expression.end : expression.end + 3] in {"'s ", "’s "} and _coming_soon(expression.text, reference)
    )
    resolution = _resolve(expression.text, future, reference)
    if resolution is None:
        return expression
    return expression.model_copy(
        update={
            "value": resolution.value,
            "granularity": resolution.granularity,
            "end_value": resolution.end_value,
            "relative": resolution.relative,
            "future": future,
        }
    )


# ---------------------------------------------------------------- finding spans


def _candidate_spans(doc: Doc) -> Iterator[Span]:
    """NER DATE/TIME spans, then own-pattern spans that overlap no other named entity, widened to the
    words that change their meaning ("last", "next", and "in" before a count of years)."""
    candidates: list[Span] = [ent for ent in doc.ents if ent.label_ in {"DATE", "TIME"}][: LIMITS.max_candidates]
    held = _Spans()  # the candidates' token ranges (entities never overlap, and neither do the ones added)
    for ent in candidates:
        held.add(ent.start, ent.end)
    blocked = _Spans()
    for ent in doc.ents:
        if ent.label_ in _NON_DATE_LABELS:
            blocked.add(ent.start_char, ent.end_char)
    text = doc.text  # built from the tokens on every access: read it once
    for pattern in _OWN_PATTERNS:
        for match in pattern.finditer(text):
            if len(candidates) >= LIMITS.max_candidates:
                break
            start, end = match.span(1)
            if blocked.overlaps(start, end):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and not held.overlaps(span.start, span.end):
                held.add(span.start, span.end)
                candidates.append(span)
    taken = _Spans()
    for span in sorted(candidates, key=lambda candidate: candidate.start):
        widened = _widen(doc, span)
        if widened is None or taken.overlaps(widened.start, widened.end):
            continue
        taken.add(widened.start, widened.end)
        yield widened


def _widen(doc: Doc, span: Span) -> Span | None:
    start = span.start
    previous = doc[start - 1].lower_ if start > 0 else ""
    text = _normalise(span.text)
    if previous in _MODIFIERS and text.split(" ")[0] not in _MODIFIERS:
        start -= 1
    elif _BARE_DURATION.match(text):
        if previous == "in":
            start -= 1
        elif previous in _DURATION_PREPOSITIONS:
            return None
    end = span.end
    if (
        re.fullmatch(r"\d{4}", span[-1].text)
        and end + 1 < len(doc)
        and doc[end].text in {"-", "–"}
        and re.fullmatch(r"\d{2}|\d{4}", doc[end + 1].text)
    ):
        end += 2  # "the 1994-95 season": the NER stops at the first year
    return doc[start:end]


def _date_parts(span: Span, reference: date | None) -> list[tuple[int, int]]:
    """The whole span when it reads as one date; otherwise the dates inside it ("between 2019 and 2021")."""
    if _resolve(span.text, False, reference) is not None:
        return [(span.start_char, span.end_char)]
    parts: list[tuple[int, int]] = []
    for match in _DATE_INSIDE.finditer(span.text):
        if _resolve(match.group(0), False, reference) is not None:
            parts.append((span.start_char + match.start(), span.start_char + match.end()))
    return parts


def _coming_soon(text: str, reference: date | None) -> bool:
    """A month or month-day that no tense places: the coming one when it is at most ``forward_window_days``
    away, otherwise the last one. News names an event weeks off by its month ("December's Asian Games" in
    October) and calls one most of a year old "last December's"."""
    if reference is None:
        return False
    normalised = _FILLER.sub("", _normalise(text))
    if match := _MONTH_ALONE.match(normalised):
        if match[1]:
            return False  # "next December", "last December" say it themselves
        month = _MONTHS[match[2]]
        year = reference.year if month >= reference.month else reference.year + 1
        coming = date(year, month, 1)
    elif (match := _MONTH_DAY.match(normalised)) or (match := _DAY_MONTH.match(normalised)):
        if match[1]:
            return False
        month_name, day_text = (match[2], match[3]) if match.re is _MONTH_DAY else (match[3], match[2])
        month, day = _MONTHS[month_name], int(day_text)
        try:
            coming = date(reference.year, month, day)
            if coming < reference:
                coming = date(reference.year + 1, month, day)
        except ValueError:
            return False
    else:
        return False
    return (coming - reference).days <= LIMITS.forward_window_days


def _weekday_only(text: str) -> bool:
    return bool(_WEEKDAY_ALONE.match(_FILLER.sub("", _normalise(text))))


def _names_a_day_or_month(text: str) -> bool:
    normalised = _FILLER.sub("", _normalise(text))
    return bool(_WEEKDAY_ALONE.match(normalised) or _MONTH_ALONE.match(normalised) or _MONTH_DAY.match(normalised))


# ---------------------------------------------------------------- resolving text


def _normalise(text: str) -> str:
    normalised = " ".join(text.lower().replace("’", "'").split())
    normalised = re.sub(r"'s$", "", normalised.strip(" .,;:!?\"'()"))
    return normalised


def _resolve(text: str, future: bool, reference: date | None) -> _Resolution | None:
    """Resolve one expression's text; ``None`` when it is not a date (a duration, "reshape decades"), or
    when it resolves past what a date can be ("in 9999 years" from 9999-12-31): date arithmetic that
    overflows, or a count too long to be a number, is not a date either."""
    if len(text) > LIMITS.max_expression_chars:
        return None
    reading = _READING.get()
    if reading is None:
        return _resolve_once(text, future, reference)
    key = (text, future, reference)
    if key not in reading.resolved:
        reading.resolved[key] = _resolve_once(text, future, reference)
    return reading.resolved[key]


def _resolve_once(text: str, future: bool, reference: date | None) -> _Resolution | None:
    try:
        resolution = _resolve_text(text, future, reference)
    except (OverflowError, ValueError):
        return None
    if resolution is None:
        return None
    for value in (resolution.value, resolution.end_value):
        if value is not None and not _SANE_VALUE.fullmatch(value):
            return None
    return resolution


def _resolve_text(text: str, future: bool, reference: date | None) -> _Resolution | None:
    normalised = _normalise(text)
    if _DURATION_WITH_ARTICLE.match(normalised):
        return None
    previous = None
    while previous != normalised:
        previous = normalised
        normalised = _FILLER.sub("", normalised)
    if normalised.startswith("in ") and not _IN_COUNT.match(normalised):
        normalised = normalised[3:]
    normalised = _WEEKDAY_DATE_PREFIX.sub("", normalised)
    for rule in (_absolute, _relative):
        resolution = rule(normalised, future, reference)
        if resolution is not None:
            return resolution
    return None


def _plausible_year(year: int, reference: date | None) -> bool:
    latest = reference.year + 50 if reference is not None else 2100
    return 1000 <= year <= latest


def _absolute(text: str, future: bool, reference: date | None) -> _Resolution | None:
    if match := _ISO.match(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _YEAR_RANGE.match(text):
        first = int(match[1])
        last = int(match[2]) if len(match[2]) == 4 else first // 100 * 100 + int(match[2])
        if _plausible_year(first, reference) and first < last <= first + 100:
            return _Resolution(f"{first:04d}", TimeGranularity.year, f"{last:04d}")
        return None
    if match := _YEAR_SPAN.match(text):
        first, last = int(match[1]), int(match[2])
        if _plausible_year(first, reference) and first < last <= first + 100:
            return _Resolution(f"{first:04d}", TimeGranularity.year, f"{last:04d}")
        return None
    if match := _DECADE.match(text):
        decade = int(match[1])
        return _Resolution(f"{decade:04d}s", TimeGranularity.decade) if _plausible_year(decade, reference) else None
    if match := _BARE_YEAR.match(text):
        year = int(match[1])
        return _Resolution(f"{year:04d}", TimeGranularity.year) if _plausible_year(year, reference) else None
    if match := _MONTH_DAY_YEAR.match(text):
        return _day(int(match[3]), _MONTHS[match[1]], int(match[2]))
    if match := _DAY_MONTH_YEAR.match(text):
        return _day(int(match[3]), _MONTHS[match[2]], int(match[1]))
    if match := _MONTH_YEAR.match(text):
        year = int(match[2])
        return _Resolution(f"{year:04d}-{_MONTHS[match[1]]:02d}", TimeGranularity.month) if year >= 1000 else None
    if re.search(r"\d{4}", text) and _only_date_words(text):
        return _dateparser_absolute(text, future, reference)
    return None


def _only_date_words(text: str) -> bool:
    """Numeric dates (6/19/2024, 19.06.2024) and month or weekday names only: dateparser reads "1 in 10 in 2000"
    as October 2000."""
    words = re.findall(r"[a-z]+", text)
    return all(word in _MONTHS or word in _WEEKDAYS or word in {"st", "nd", "rd", "th"} for word in words)


def _day(year: int, month: int, day: int) -> _Resolution | None:
    try:
        return _Resolution(date(year, month, day).isoformat(), TimeGranularity.day)
    except ValueError:
        return None


def _dateparser_absolute(text: str, future: bool, reference: date | None) -> _Resolution | None:
    """Absolute strings with a year in formats the rules above do not cover (6/19/2024, 19.06.2024); past the
    article's budget of dateparser texts, unread."""
    reading = _READING.get()
    if reading is not None:
        if reading.parser_texts_left <= 0:
            return None
        reading.parser_texts_left -= 1
    data = _date_parser(future, reference).get_date_data(text)
    if data.date_obj is None:
        return None
    parsed = data.date_obj.date()
    if data.period == "year":
        return _Resolution(f"{parsed.year:04d}", TimeGranularity.year)
    if data.period == "month":
        return _Resolution(f"{parsed.year:04d}-{parsed.month:02d}", TimeGranularity.month)
    if data.period == "day":
        return _Resolution(parsed.isoformat(), TimeGranularity.day)
    return None


@lru_cache(maxsize=64)
def _date_parser(future: bool, reference: date | None) -> Any:
    """dateparser's parser is slow to build (locale loading): one per tense and reference date."""
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past", "STRICT_PARSING": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    return DateDataParser(languages=["en"], settings=settings)


def _relative(text: str, future: bool, reference: date | None) -> _Resolution | None:
    resolver = _relative_resolver(text, future)
    if resolver is None:
        return None
    granularity, compute = resolver
    if reference is None:
        return _Resolution(None, granularity, relative=True)
    value, end_value = compute(reference)
    if value is None:
        return None
    return _Resolution(value, granularity, end_value, relative=True)


def _relative_resolver(text: str, future: bool) -> tuple[TimeGranularity, Compute] | None:
    """The granularity of a relative expression and how to compute it from a reference date."""
    if match := _DEICTIC_DAY.match(text):
        offset = 0 if match[1] else (-2 if "before" in text else -1) if match[2] else (2 if "after" in text else 1)
        return TimeGranularity.day, lambda reference: ((reference + timedelta(days=offset)).isoformat(), None)
    if match := _WEEKDAY_ALONE.match(text):
        modifier, weekday = match[1], _WEEKDAYS[match[2]]
        return TimeGranularity.day, lambda reference: (
            weekday_from(reference, weekday, modifier, future).isoformat(),
            None,
        )
    if match := _MONTH_ALONE.match(text):
        modifier, month = match[1], _MONTHS[match[2]]
        return TimeGranularity.month, lambda reference: (month_from(reference, month, modifier, future), None)
    if (match := _MONTH_DAY.match(text)) or (match := _DAY_MONTH.match(text)):
        modifier = match[1]
        month_name, day_text = (match[2], match[3]) if match.re is _MONTH_DAY else (match[3], match[2])
        month, day = _MONTHS[month_name], int(day_text)
        return TimeGranularity.day, lambda reference: (month_day_from(reference, month, day, modifier, future), None)
    if match := _RELATIVE_PERIOD.match(text):
        return relative_period(match[1], match[2], future)
    if match := _COUNT_AGO.match(text):
        return counted(_count(match[1]), match[2], -1)
    if match := _IN_COUNT.match(text):
        return counted(_count(match[1]), match[2], 1 if future else -1)
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]
