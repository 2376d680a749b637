"""Time expressions: find them in a spaCy ``Doc`` and resolve them against the publication date.

News needs rules the date libraries get wrong (see DESIGN.md): "on Wednesday" in a Wednesday article is
the publication day; another weekday is the most recent such day within six days unless its verb is in
the future tense; "in September" is the most recent September; a bare number is a year only in a date
context. Only spans the NER marks as DATE/TIME are read, plus a few patterns the small model misses
("since 2006"). Each expression keeps its text and tense, so ``resolve_times`` can re-resolve it later
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

from spacy.tokens import Doc, Span, Token

from newsfuse.model import AnnotatedArticle, TimeExpression, TimeGranularity

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
_FUTURE_MODALS = {"will", "shall", "'ll", "wo", "would", "'d", "must", "should", "may", "might", "can", "could"}
# Verbs that put their complement in the future: "is set to fly on Thursday", "plans to visit in May".
_FUTURE_FRAMES = {"set", "due", "schedule", "slate", "plan", "expect", "intend", "go", "prepare", "aim", "hope"}
_SCHEDULING_WORDS = {"schedule", "slate", "expect", "due"}
_REPORTING_VERBS = {"say", "tell", "announce", "report", "add", "note", "warn", "claim", "insist", "write", "state",
                    "confirm", "deny", "argue", "explain", "acknowledge", "admit", "recall", "remember"}  # fmt: skip
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


LIMITS = DateLimits()


class _Reading:
    """One article's reading of date texts: each distinct text is resolved once (a page repeating one odd
    date 700 times pays for it once), and dateparser is asked about at most ``max_dateparser_texts`` texts."""

    def __init__(self) -> None:
        self.resolved: dict[tuple[str, bool, date | None], _Resolution | None] = {}
        self.parser_texts_left = LIMITS.max_dateparser_texts
        self.children: dict[int, dict[str, list[Token]]] = {}  # a token's children by dependency label


_READING: ContextVar[_Reading | None] = ContextVar("newsfuse_date_reading", default=None)


@contextmanager
def _one_reading() -> Iterator[None]:
    token = _READING.set(_Reading())
    try:
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


def _find_time_expressions(
    doc: Doc, sentence_of: Callable[[int], int], reference: date | None
) -> list[TimeExpression]:
    expressions: dict[tuple[int, int], TimeExpression] = {}
    held = _Spans()
    doc_text = doc.text
    for span in _candidate_spans(doc):
        future = _is_future(span) or (_names_a_day_or_month(span.text) and _is_scheduled_present(span))
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
    with _one_reading():
        times = [_resolved_again(expression, reference) for expression in annotated.times]
    return annotated.model_copy(update={"times": times, "reference_date": reference})


def _resolved_again(expression: TimeExpression, reference: date) -> TimeExpression:
    resolution = _resolve(expression.text, expression.future, reference)
    if resolution is None:
        return expression
    return expression.model_copy(
        update={
            "value": resolution.value,
            "granularity": resolution.granularity,
            "end_value": resolution.end_value,
            "relative": resolution.relative,
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


def _is_future(span: Span) -> bool:
    """Whether the clause the span belongs to speaks of the future: "will meet on Friday", "would open Sunday",
    "are to meet Nov. 18", "is set to fly on Thursday", "is scheduled for Friday"."""
    verb: Token = span.root
    for _ in range(8):
        if verb.pos_ in {"VERB", "AUX"} or verb.dep_ == "ROOT" or verb.head is verb:
            break
        verb = verb.head
    chain = [verb]
    while chain[-1].dep_ in {"xcomp", "conj"} and chain[-1].head is not chain[-1] and len(chain) < 4:
        chain.append(chain[-1].head)
    for token in chain:
        if token.tag_ == "MD" and token.lower_ in _FUTURE_MODALS:
            return True
        auxiliaries = _children_of(token, "aux") + _children_of(token, "auxpass")
        words = {child.lower_ for child in auxiliaries}
        # "would have met" looks back, not forward.
        if any(child.tag_ == "MD" and child.lower_ in _FUTURE_MODALS for child in auxiliaries) and "have" not in words:
            return True
        if "to" in words and token.dep_ == "xcomp" and token.head.lemma_ == "be":
            return True
        if token is not verb and token.lemma_.lower() in _FUTURE_FRAMES:
            return True
        if token.lemma_.lower() in _SCHEDULING_WORDS and token.tag_ in {"VBN", "JJ"}:  # "was expected Wednesday"
            return True
        if any(child.lower_ == "due" for child in _children_of(token, "acomp")):
            return True
    return False


def _names_a_day_or_month(text: str) -> bool:
    normalised = _FILLER.sub("", _normalise(text))
    return bool(_WEEKDAY_ALONE.match(normalised) or _MONTH_ALONE.match(normalised) or _MONTH_DAY.match(normalised))


def _is_scheduled_present(span: Span) -> bool:
    """A present-tense main verb with a day or month names a scheduled event: "the law takes effect Monday",
    "the court term ends in June", "is meeting the envoy Friday". Reporting verbs ("says Friday") and present
    perfects look back instead."""
    verb: Token = span.root
    for _ in range(8):
        if verb.pos_ in {"VERB", "AUX"} or verb.dep_ == "ROOT" or verb.head is verb:
            break
        verb = verb.head
    if verb.lemma_.lower() in _REPORTING_VERBS:
        return False
    if verb.tag_ == "VBG":  # "is meeting the envoy Friday", not "has been struggling since August"
        auxiliaries = _children_of(verb, "aux")
        return any(child.lemma_ == "be" and child.tag_ in {"VBZ", "VBP"} for child in auxiliaries) and not any(
            child.lemma_ == "have" for child in auxiliaries
        )
    if verb.tag_ not in {"VBZ", "VBP"}:
        return False
    return not any(child.lemma_.lower() == "have" for child in _children_of(verb, "aux"))


def _children_of(token: Token, dependency: str) -> list[Token]:
    """``token``'s children with that dependency label. Read once per token in an article: a head with
    thousands of children (one 40,000-character sentence) was walked again for each of 2,000 candidates."""
    reading = _READING.get()
    if reading is None:
        return [child for child in token.children if child.dep_ == dependency]
    by_label = reading.children.get(token.i)
    if by_label is None:
        by_label = {}
        for child in token.children:
            by_label.setdefault(child.dep_, []).append(child)
        reading.children[token.i] = by_label
    return by_label.get(dependency, [])


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


_Compute = Callable[[date], tuple[str | None, str | None]]


def _relative_resolver(text: str, future: bool) -> tuple[TimeGranularity, _Compute] | None:
    """The granularity of a relative expression and how to compute it from a reference date."""
    if match := _DEICTIC_DAY.match(text):
        offset = 0 if match[1] else (-2 if "before" in text else -1) if match[2] else (2 if "after" in text else 1)
        return TimeGranularity.day, lambda reference: ((reference + timedelta(days=offset)).isoformat(), None)
    if match := _WEEKDAY_ALONE.match(text):
        modifier, weekday = match[1], _WEEKDAYS[match[2]]
        return TimeGranularity.day, lambda reference: (_weekday(reference, weekday, modifier, future).isoformat(), None)
    if match := _MONTH_ALONE.match(text):
        modifier, month = match[1], _MONTHS[match[2]]
        return TimeGranularity.month, lambda reference: (_month(reference, month, modifier, future), None)
    if (match := _MONTH_DAY.match(text)) or (match := _DAY_MONTH.match(text)):
        modifier = match[1]
        month_name, day_text = (match[2], match[3]) if match.re is _MONTH_DAY else (match[3], match[2])
        month, day = _MONTHS[month_name], int(day_text)
        return TimeGranularity.day, lambda reference: (_month_day(reference, month, day, modifier, future), None)
    if match := _RELATIVE_PERIOD.match(text):
        return _relative_period(match[1], match[2])
    if match := _COUNT_AGO.match(text):
        return _counted(_count(match[1]), match[2], -1)
    if match := _IN_COUNT.match(text):
        return _counted(_count(match[1]), match[2], 1 if future else -1)
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _weekday(reference: date, weekday: int, modifier: str | None, future: bool) -> date:
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


def _month(reference: date, month: int, modifier: str | None, future: bool) -> str:
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


def _month_day(reference: date, month: int, day: int, modifier: str | None, future: bool) -> str | None:
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


def _relative_period(modifier: str, unit: str) -> tuple[TimeGranularity, _Compute] | None:
    step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[modifier]
    if unit in {"week", "weekend"}:

        def week(reference: date) -> tuple[str | None, str | None]:
            monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=step)
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


def _counted(count: int, unit: str, direction: int) -> tuple[TimeGranularity, _Compute]:
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
