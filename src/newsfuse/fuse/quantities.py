"""Quantities: what a stated number measures, so that two sources' numbers are compared only when they fill
the same slot.

A number mention (from analysis) becomes a ``Quantity``: its value in a base unit where it has a physical
one ("24-ton" and "42,000-pound" are both masses; pint converts them), its dimension (a mass, a sum of
money in one currency, a percentage, a count), and the content words around it, which say what it is of
("21 Israelis wounded", "the 24-ton Zarya"). Two quantities can conflict only when their dimensions match
and their surroundings share a word that is not the unit itself. Quantities that qualify as a part of
another ("43 more flights"), a threshold ("159 needed") or another event's figure (a clause dated years
before the story) are set apart: they are not the slot's value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.fuse.text import content_stems, words
from newsfuse.model import AnnotatedArticle, FusionSettings, NumberMention

_DEFAULTS = FusionSettings()

_CLAUSE_BREAK = re.compile(
    r"([,;:.()\[\]\"“”—–]|\s(?:and|but|or|while|which|who|whereas|after|before)\s)", re.IGNORECASE
)
# Words that make a number a part, a remainder or a threshold of a total rather than the total itself: after
# the number ("43 more flights"), or near it ("159 needed", "five per day"). "More than 20" is a bound, not a part.
_PART_AFTER = frozenset({"more", "additional", "extra", "further", "remaining", "left"})
_THRESHOLD_NEAR = frozenset({
    "needed", "need", "required", "requires", "necessary", "minimum", "threshold", "each", "per", "every",
})  # fmt: skip
# Counted nouns that stand for people in general: "21 others", "24 people" and "21 Israelis" may be one count.
_GROUP_WORDS = frozenset({"the", "them", "those", "these", "whom", "which", "us", "its", "their"})
_GENERIC_PEOPLE = frozenset({"people", "persons", "others", "victims", "individuals", "men", "women"})
_CURRENCY_BEFORE = {"dlrs": "USD", "dlr": "USD", "usd": "USD", "us$": "USD", "$": "USD", "eur": "EUR", "€": "EUR",
                    "£": "GBP", "gbp": "GBP"}
_DURATION_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.4,
                  "year": 365.25, "decade": 3652.5, "century": 36525.0}
# Reporting words for the same count: a toll is "killed", "dead" or "deaths"; the hurt are "wounded" or
# "injured". Context stems are compared after this folding.
_SLOT_SYNONYMS = {"wound": "injur", "hurt": "injur", "injuri": "injur", "dead": "kill", "die": "kill", "death": "kill",
                  "toll": "kill", "slain": "kill", "fatal": "kill", "detain": "arrest", "held": "arrest"}
# What a count of casualties counts, folded: the dead and the wounded are never one slot, and a toll noun
# names its slot ("deaths", "injuries", "arrests").
CASUALTY_STEMS = frozenset({"kill", "injur", "arrest"})
_AGE_AFTER_NAME = re.compile(r",\s+(\d{1,3})\s*[,.;]")
_AGE_AFTER = re.compile(r"^(?:,|-year-old\b|\s+years?\s+old\b)")
_PHYSICAL = frozenset({"[mass]", "[length]", "[length] ** 2", "[length] ** 3", "[length] / [time]"})
_UNIT_WORD = re.compile(r"[-\s]*([A-Za-z]+(?:\s+miles|\s+feet|\s+meters|\s+kilometers)?)")
_MONEY_SCALE = frozenset({"million", "billion", "trillion", "sterling"})
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# The conditions casualty reports count apart: of 19 wounded, "five critically injured" and "13 with minor
# injuries" are parts, not other values of the 19. Word beginnings, since stemmers drop "serious".
_STATUS_CLASSES = (
    ("critical", ("critical", "life-threat")),
    ("serious", ("serious", "severe", "grave")),
    ("minor", ("minor", "slight", "light injur")),
    ("stable", ("stable",)),
    ("hospital", ("hospital",)),
)
# Round-number words an approximate count is given in ("several dozen", "a few hundred"): the range they span.
_VAGUE_BEFORE = frozenset({"several", "few", "many", "some"})
_ROUND_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands"})


@dataclass(frozen=True)
class Quantity:
    article_index: int
    sentence: int
    start: int
    end: int
    text: str
    value: float  # in the base unit of its dimension
    dimension: str  # "mass", "USD", "percent", "count"
    unit: str | None  # the counted noun or unit word as written
    context: frozenset[str]  # content stems around it, the unit's own excluded
    partial: bool  # a part, remainder or threshold, not the slot's total
    converted: bool  # the value was converted from another unit (compare with a tolerance)
    predicate: str | None = None  # the verb next to it ("killed 12", "15 were injured"), folded like the context
    status: frozenset[str] = frozenset()  # the condition it counts ("critically injured", "minor injuries")
    vague: tuple[float, float] | None = None  # the range a round-number word stands for ("several dozen": 24-144)


@cache
def _registry() -> Any:
    import logging

    import pint  # loaded only when a story states a physical quantity (the registry takes a second to build)

    # pint logs a warning for every ambiguous word it is asked about ("mins"); they are not units here
    logging.getLogger("pint").setLevel(logging.ERROR)
    return pint.UnitRegistry()


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def _physical(unit_word: str, sentence_text: str) -> tuple[str, float] | None:
    """(dimension, factor to base units) of a unit word pint knows ("ton", "pounds", "square miles")."""
    word = unit_word.lower()
    if len(word) < 2 or _PLURAL_ACRONYM.fullmatch(unit_word):
        return None  # "48 MPs", "300 PCs": a counted plural, not metres per second or parsecs
    if word in ("pound", "pounds") and ("£" in sentence_text or any(w in sentence_text.lower() for w in _MONEY_SCALE)):
        return None  # "5 million pounds" in British copy is money
    try:
        quantity = _registry().Quantity(1.0, word)
    except Exception:  # pint raises several error types for words it does not know; none is a unit then
        return None
    dimension = str(quantity.dimensionality)
    if dimension not in _PHYSICAL:
        return None
    return dimension, float(quantity.to_base_units().magnitude)


def quantities(
    article_index: int, annotated: AnnotatedArticle, story_start: date | None, settings: FusionSettings = _DEFAULTS
) -> list[Quantity]:
    """The article's numbers as quantities, in text order."""
    text = annotated.article.text
    other_times = _other_event_times(annotated, story_start)
    found: list[Quantity] = []
    for number in annotated.numbers:
        if not 0 <= number.sentence < len(annotated.sentences):
            continue
        sentence = annotated.sentences[number.sentence]
        if not sentence.start <= number.start < sentence.end:
            continue  # a number in a heading or caption, which no sentence holds
        other_event = any(_same_clause(text, start, number.start) for start in other_times.get(number.sentence, ()))
        found.append(_quantity(article_index, annotated, number, text[sentence.start : sentence.end],
                               sentence.start, other_event, settings.quantity_context_words))
    taken = {q.start for q in found}
    found.extend(q for q in _ages(article_index, annotated) if q.start not in taken)
    return sorted(found, key=lambda q: q.start)


def _ages(article_index: int, annotated: AnnotatedArticle) -> list[Quantity]:
    """Ages news copy gives after a name ("Yusef Zughayar, 22, ..."), which analysis may not read as a number."""
    text = annotated.article.text
    ages: list[Quantity] = []
    for mention in annotated.mentions:
        if mention.label != "PERSON":
            continue
        match = _AGE_AFTER_NAME.match(text, mention.end)
        if match is None:
            continue
        start, end = match.span(1)
        ages.append(Quantity(
            article_index=article_index, sentence=mention.sentence, start=start, end=end, text=text[start:end],
            value=float(text[start:end]), dimension="age", unit="years old",
            context=frozenset({_person_key(mention.text)}), partial=False, converted=False,
        ))
    return ages


def _person_key(name: str) -> str:
    """First and last name, lower-cased: spellings of one person are compared on both (a father and his son
    share a surname)."""
    parts = name.lower().split()
    return f"{parts[0]} {parts[-1]}" if len(parts) > 1 else parts[0] if parts else ""


def _same_person(first: str, second: str, similar: int) -> bool:
    a, b = first.split(), second.split()
    if len(a) < 2 or len(b) < 2:
        return fuzz.ratio(a[-1] if a else "", b[-1] if b else "") >= similar and (len(a) < 2 or len(b) < 2)
    return fuzz.ratio(a[0], b[0]) >= similar and fuzz.ratio(a[-1], b[-1]) >= similar


def _same_clause(text: str, first: int, second: int) -> bool:
    low, high = sorted((first, second))
    return _CLAUSE_BREAK.search(text, low, high) is None


def _quantity(
    article_index: int, annotated: AnnotatedArticle, number: NumberMention, sentence_text: str, sentence_start: int,
    other_event: bool, context_words: int,
) -> Quantity:
    text = annotated.article.text
    after = text[number.end : number.end + 20]
    unit_match = _UNIT_WORD.match(after)
    unit_word = unit_match.group(1) if unit_match else ""
    if unit_word.lower() in ENGLISH_STOP_WORDS:
        unit_word = ""  # "two were in critical condition", "280,000 in 2014" (not inches): no counted noun
    physical = _physical(unit_word, sentence_text) or (
        _physical(number.unit, sentence_text) if number.unit and number.unit.lower() not in ENGLISH_STOP_WORDS else None
    )
    value = number.value
    converted = False
    before_text = text[max(sentence_start, number.start - 60) : number.start]
    sentence_end = sentence_start + len(sentence_text)
    after_text = text[number.end : min(sentence_end, number.end + 60)]
    before_words = _clause_words(before_text, context_words, backwards=True, widen=False)
    after_words = _clause_words(after_text, context_words, backwards=False, widen=False)
    if not content_stems(" ".join(before_words + after_words)):
        before_words = _clause_words(before_text, context_words, backwards=True, widen=True)
        after_words = _clause_words(after_text, context_words, backwards=False, widen=True)
    previous = before_text.split()[-1].lower().lstrip("([") if before_text.split() else ""
    unit = number.unit if number.unit and number.unit.lower() not in ENGLISH_STOP_WORDS else None
    counted = unit or unit_word
    if counted and counted.islower() and counted.endswith("ed"):
        # "21 injured": the participle says what happened, not what is counted
        after_words = [counted, *after_words] if counted not in after_words else after_words
        unit = unit_word = None
    person = _age_of(annotated, number, before_text)
    if person is not None:
        dimension, unit = "age", "years old"
    elif physical is not None:
        dimension, factor = physical
        value, converted = value * factor, factor != 1.0
    elif previous in _CURRENCY_BEFORE:
        dimension = unit = _CURRENCY_BEFORE[previous]
    elif number.unit and number.unit.isupper() and len(number.unit) == 3:
        dimension = number.unit  # a currency code
    elif number.unit == "percent":
        dimension = "percent"
    elif number.unit and number.unit.lower().rstrip("s") in _DURATION_DAYS:
        dimension, converted = "duration", True
        value = value * _DURATION_DAYS[number.unit.lower().rstrip("s")]
    else:
        dimension = "count"
    measured = after_words[1:] if after_words and unit_word and after_words[0] == unit_word else after_words
    part_of_group = len(measured) > 1 and measured[0].lower() == "of" and measured[1].lower() in _GROUP_WORDS
    if measured and measured[0].lower() == "of" and not part_of_group:
        before_words, after_words = [], measured[1:3]  # "6 tons of fuel" weighs the fuel
    unit_stems = content_stems(unit or "") | content_stems(unit_word or "")
    context = content_stems(" ".join(before_words + after_words)) - unit_stems
    context = frozenset(_SLOT_SYNONYMS.get(stem, stem) for stem in context if not stem.isdigit())
    if person is not None:
        context = frozenset({person})
    predicate = _predicate(before_words, after_words)
    around = " ".join(before_words + after_words).lower()
    status = frozenset(name for name, beginnings in _STATUS_CLASSES if any(b in around for b in beginnings))
    vague = (2 * number.value, 10 * number.value) if _is_vague(number.text, previous) else None
    following = [w.lower() for w in words(text[number.end : number.end + 30])[:2]]
    near = {w.lower() for w in before_words[-3:] + after_words[:3]}
    # "three of the injured" is a part of a count given elsewhere
    partial = bool(set(following[:1]) & _PART_AFTER) or bool(near & _THRESHOLD_NEAR) or part_of_group
    return Quantity(
        article_index=article_index,
        sentence=number.sentence,
        start=number.start,
        end=number.end,
        text=number.text,
        value=value,
        dimension=dimension,
        unit=unit or (unit_word or None),
        context=context,
        partial=partial or other_event,
        converted=converted,
        predicate=predicate,
        status=status,
        vague=vague,
    )


def _is_vague(number_text: str, previous_word: str) -> bool:
    """A count given as an order of magnitude: "dozens", "several hundred" (a lone "a dozen" is twelve)."""
    last = number_text.lower().split()[-1] if number_text.split() else ""
    if last not in _ROUND_WORDS:
        return False
    first = number_text.lower().split()[0]
    return last.endswith("s") or first in _VAGUE_BEFORE or previous_word in _VAGUE_BEFORE


def folded(stem: str) -> str:
    """A context stem as numbers are compared by it (casualty reporting synonyms folded)."""
    return _SLOT_SYNONYMS.get(stem, stem)


def _predicate(before: list[str], after: list[str]) -> str | None:
    """The verb form nearest the number in its clause (a word in -ed or -ing), its stem folded like the
    context: "killed 12 people" and "15 were injured" count different things whatever else they share."""
    ordered = [*reversed(before[-2:]), *after[:3]]
    for word in ordered:
        lower = word.lower()
        if len(lower) > 4 and lower.endswith(("ed", "ing")) and (stems := content_stems(lower)):
            stem = next(iter(stems))
            return _SLOT_SYNONYMS.get(stem, stem)
    return None


def _age_of(annotated: AnnotatedArticle, number: NumberMention, before_text: str) -> str | None:
    """The person whose age the number is: "Zughayar, 21," or "a 21-year-old student" after a name."""
    after = annotated.article.text[number.end : number.end + 12]
    if not _AGE_AFTER.match(after) or number.unit not in (None, "year", "years"):
        return None
    for mention in annotated.mentions:
        if mention.label == "PERSON" and 0 <= number.start - mention.end <= 3:
            return _person_key(mention.text)
    return None


def _clause_words(text: str, limit: int, backwards: bool, widen: bool) -> list[str]:
    """The words next to a number up to the nearest clause break ("killing two people and wounding 21": the
    21 is of "wounding", not of "killing"), at most ``limit``; with ``widen``, past an appositive
    comma when the number's own part holds no content word ("Zarya, a 42,000-pound", the mass is Zarya's).
    Only a number whose clause has no content word on either side is widened."""
    pieces = _CLAUSE_BREAK.split(text)  # parts and, between them, the breaks (the pattern captures them)
    parts, breaks = pieces[::2], pieces[1::2]
    if backwards:
        parts, breaks = parts[::-1], breaks[::-1]
    found = words(parts[0])
    if widen and not content_stems(" ".join(found)) and len(parts) > 1 and breaks[0].strip() == ",":
        found = words(parts[1]) + found if backwards else found + words(parts[1])
    return found[-limit:] if backwards else found[:limit]


def _other_event_times(annotated: AnnotatedArticle, story_start: date | None) -> dict[int, list[int]]:
    """Sentence → offsets of the times in it that lie a year or more before the story ("the 1999 quake
    killed 2,400"): a figure in the same clause as one is another event's."""
    reference = story_start or annotated.reference_date or annotated.article.published
    if reference is None:
        return {}
    dated: dict[int, list[int]] = {}
    for time in annotated.times:
        year = time.value[:4] if time.value else ""
        if _YEAR.match(year) and int(year) < reference.year:
            dated.setdefault(time.sentence, []).append(time.start)
    return dated


def agree(first: Quantity, second: Quantity, tolerance: float) -> bool:
    """Whether two values of one dimension are the same figure: equal once the more precise one is rounded to
    the other's precision, or, after a unit conversion, within ``tolerance``."""
    for vague, other in ((first, second), (second, first)):
        if vague.vague is not None:
            low, high = vague.vague
            if other.vague is not None:
                return other.vague[0] < high and low < other.vague[1]
            return low <= abs(other.value) < high
    if first.converted or second.converted:
        larger = max(abs(first.value), abs(second.value))
        return larger == 0 or abs(first.value - second.value) / larger <= tolerance
    return _rounded_equal(first.value, second.value)


def _rounded_equal(a: float, b: float) -> bool:
    if a == b:
        return True
    digits = min(_significant_digits(a), _significant_digits(b))
    return _round_to(a, digits) == _round_to(b, digits)


def _significant_digits(value: float) -> int:
    text = f"{abs(value):.6f}".rstrip("0").rstrip(".").lstrip("0").replace(".", "")
    return max(1, len(text.rstrip("0")) if "." not in f"{abs(value):g}" else len(text))


def _round_to(value: float, digits: int) -> float:
    if value == 0:
        return 0.0
    return round(value, -math.floor(math.log10(abs(value))) + digits - 1)


def comparable(
    first: Quantity,
    second: Quantity,
    idf: Mapping[str, float] | None = None,
    similar: float = _DEFAULTS.similar_context,
    strict: bool = False,
    settings: FusionSettings = _DEFAULTS,
) -> bool:
    """Both measure the same thing: one dimension, neither a part or another event's figure, and either
    their surroundings say the same thing is counted (IDF-weighted word overlap; synonyms of casualty
    reporting folded), or, for an age, the person's names are spellings of one, or, for a mass, a length or
    a sum of money, the values are close (reported one way and another)."""
    if first.dimension != second.dimension or first.partial or second.partial:
        return False
    if first.dimension == "age":
        return any(_same_person(a, b, settings.similar_name) for a in first.context for b in second.context)
    if first.dimension == "count" and not _same_counted(first.unit, second.unit):
        return False
    if first.status != second.status:
        return False  # "five critically injured" is a part of "19 wounded", not another value of it
    if first.predicate and second.predicate and first.predicate != second.predicate:
        return False
    if first.dimension == "count" and counts_one_toll(first, second):
        return True  # "2 deaths" and "blamed in four deaths": the noun names the toll, whatever the words around
    weighed_or_priced = first.dimension == "[mass]" or first.dimension.isupper()
    if weighed_or_priced and _close(first.value, second.value, settings.close_ratio):
        return True  # a story weighs or prices few things; sizes and distances it gives are many
    shared = first.context & second.context
    if not shared:
        return False
    if idf is None:
        return True
    def weight(stems: frozenset[str]) -> float:
        return math.fsum(idf.get(w, 1.0) for w in stems)  # exact: the same in any set order

    # the sparer side's words found in the other; strictly, the words of both (a lone "injured" is in every
    # count of casualties, "critically injured" and "minor injuries" are not one count)
    base = weight(first.context | second.context) if strict else min(weight(first.context), weight(second.context))
    return weight(shared) >= similar * base


def may_clash(first: Quantity, second: Quantity, spread: float = _DEFAULTS.max_slot_spread) -> bool:
    """Looser than ``comparable``: the two could be one figure (one dimension and the same counted noun, or
    shared context words; for a measure, also values within one slot's spread: a 50-foot arm is no other
    value of a 240-mile altitude). Sentences whose numbers may clash are never cited as agreeing."""
    if first.dimension != second.dimension or first.partial or second.partial or first.dimension == "duration":
        return False
    if first.dimension == "count":
        nouns = bool(first.unit and second.unit and content_stems(first.unit) & content_stems(second.unit))
        return nouns or bool(first.context & second.context)
    low, high = sorted((abs(first.value), abs(second.value)))
    return bool(first.context & second.context) or (low > 0 and high / low <= spread)


def _close(a: float, b: float, ratio: float) -> bool:
    low, high = sorted((abs(a), abs(b)))
    return low > 0 and high / low <= ratio


def counts_one_toll(first: Quantity, second: Quantity) -> bool:
    """Both count one casualty noun ("2 deaths", "four deaths"; "21 injuries", "21 wounded" folded): the noun
    is the slot. A count of people, men or migrants is not: a story counts those in many groups."""
    tolls = [
        {folded(stem) for stem in content_stems(q.unit or "")} & CASUALTY_STEMS for q in (first, second)
    ]
    return bool(tolls[0] and tolls[0] == tolls[1])


def _same_counted(first: str | None, second: str | None) -> bool:
    """Whether two counted nouns can count the same things: the same noun, no noun on one side ("wounding
    21"), or people in general against a group of people ("24 people", "21 Israelis")."""
    if not first or not second:
        return True
    if content_stems(first) & content_stems(second):
        return True
    def people(noun: str) -> bool:
        return noun.lower() in _GENERIC_PEOPLE or (noun[:1].isupper() and noun.endswith("s"))
    return people(first) and people(second)


def values_in(quantities_: Sequence[Quantity], sentence: int) -> list[Quantity]:
    return [q for q in quantities_ if q.sentence == sentence]
