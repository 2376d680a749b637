"""Numbers: cardinals, percentages and money with their value and what they count ("28,000 troops")."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from newsfuse.model import NumberMention

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "dozen": 12, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
    "k": 1_000,
}  # fmt: skip
_CURRENCIES = {
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "won": "KRW", "rupee": "INR", "rupees": "INR",
}  # fmt: skip
_DURATIONS = frozenset(("second", "minute", "hour", "day", "week", "month", "year", "decade", "century"))
_DIGITS = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?$")
_NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_PER_CENT = re.compile(r"\s*(?:per\s*cent|pct|pc)\b\.?\s*$", re.IGNORECASE)


def find_numbers(doc: Doc, text: str, sentence_of: Callable[[int], int]) -> list[NumberMention]:
    """Every cardinal, percentage and sum of money; durations inside dates ("24 years") count, years do not."""
    found: list[NumberMention] = []
    taken: set[int] = set()
    for entity in doc.ents:
        if entity.label_ in _NUMBER_LABELS:
            mention = _mention(list(entity), entity.label_, text, sentence_of)
        elif entity.label_ == "DATE":
            mention = _duration(list(entity), text, sentence_of)
            if mention is None and not _bare_number(entity):
                taken.update(range(entity.start, entity.end))  # a date: its numbers count nothing
        else:
            continue
        if mention is not None:
            found.append(mention)
            taken.update(range(entity.start, entity.end))
    for token in doc:
        # a bare number the tagger took for a date ("that will take 45 assembly flights") is read as a count
        # when it modifies a noun, as any untagged number is
        other_entity = token.ent_type_ and token.ent_type_ != "DATE"
        if token.i in taken or other_entity or token.dep_ != "nummod" or not _is_number_word(token):
            continue
        mention = _mention([token], "CARDINAL", text, sentence_of)
        if mention is not None:
            found.append(mention)
    return sorted(found, key=lambda mention: mention.start)


def _bare_number(entity: Span) -> bool:
    """A "date" of digits alone that cannot be a year: no month, day or year word names a time in it."""
    return all(_DIGITS.match(token.text) for token in entity) and not any(
        len(token.text) == 4 and 1000 <= int(token.text) <= 2999 for token in entity if token.text.isdigit()
    )


def _in_hyphenated_word(token: Token) -> bool:
    """ "one-on-one", "two-thirds": a number word fused with other words is not a count of anything."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    joined_before = before is not None and before.text == "-" and not before.whitespace_ and token.i >= 2
    joined_after = after is not None and after.text == "-" and not token.whitespace_ and not after.whitespace_
    neighbours = [doc[token.i - 2]] if joined_before else []
    neighbours += [doc[token.i + 2]] if joined_after and token.i + 2 < len(doc) else []
    return not _DIGITS.match(token.lower_) and any(not _is_number_word(n) for n in neighbours)


def _is_number_word(token: Token) -> bool:
    lowered = token.lower_
    return bool(_DIGITS.match(lowered)) or (lowered in _UNITS and lowered not in ("a", "an")) or lowered in _SCALES


def _number_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The run of tokens that spells the number: digits, number words, scales ("1.5 million", "twenty-five")."""
    run: list[Token] = []
    for token in tokens:
        lowered = token.lower_
        if _is_number_word(token) or (run and lowered in ("-", "and")) or (lowered in ("a", "an") and not run):
            run.append(token)
        elif run:
            break
    while run and run[-1].lower_ in ("-", "and", "a", "an"):
        run.pop()
    while run and run[0].lower_ in ("a", "an") and (len(run) == 1 or run[1].lower_ not in _SCALES):
        run.pop(0)
    return run


def _value(tokens: Sequence[Token]) -> float | None:
    total = 0.0
    current: float | None = None
    for token in tokens:
        lowered = token.lower_.replace(",", "")
        if lowered in ("-", "and"):
            continue
        if _DIGITS.match(lowered):
            current = (current or 0.0) + float(lowered)
        elif lowered in _UNITS:
            current = (current or 0.0) + _UNITS[lowered]
        elif lowered in _SCALES:
            scale = _SCALES[lowered]
            if scale >= 1_000:
                total += (current if current is not None else 1.0) * scale
                current = None
            else:
                current = (current if current is not None else 1.0) * scale
        else:
            return None
    if current is None and total == 0.0:
        return None
    value = total + (current or 0.0)
    # a 400-digit "number" is infinite as a float, and JSON has no infinity: it would not survive the store
    return value if math.isfinite(value) else None


def _counted_noun(number: Sequence[Token]) -> Token | None:
    last = number[-1]
    head = last.head
    between = last.doc[last.i + 1 : head.i]
    close = 0 < head.i - last.i <= 4 and not any(token.is_punct and token.text != "-" for token in between)
    if last.dep_ in ("nummod", "quantmod", "compound") and head.pos_ in ("NOUN", "PROPN") and close:
        return head
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if following is not None and following.pos_ == "NOUN" and following.i <= last.sent.end:
        return following
    return None


def _mention(tokens: Sequence[Token], label: str, text: str, sentence_of: Callable[[int], int]) -> NumberMention | None:
    number = _number_tokens(tokens)
    if not number or (len(number) == 1 and _in_hyphenated_word(number[0])):
        return None
    value = _value(number)
    if value is None:
        return None
    start, end = number[0].idx, number[-1].idx + len(number[-1].text)
    unit: str | None
    if _PER_CENT.search(text, end, tokens[-1].idx + len(tokens[-1].text)):
        label = "PERCENT"  # the tagger reads the British "33 per cent" as money (a cent) or a bare cardinal
    if label == "MONEY":
        unit = _currency(tokens)
        before = number[0].i - 1
        if before >= 0 and number[0].doc[before].text in _CURRENCIES:
            start = number[0].doc[before].idx
    elif label == "PERCENT":
        unit = "percent"
        end = tokens[-1].idx + len(tokens[-1].text)
    else:
        noun = _counted_noun(number)
        unit = noun.text if noun is not None else None
    return NumberMention(
        start=start, end=end, text=text[start:end], value=value, unit=unit, sentence=sentence_of(start)
    )


def _duration(tokens: Sequence[Token], text: str, sentence_of: Callable[[int], int]) -> NumberMention | None:
    """A number counting time units inside a DATE ("24 years", "three months"); a bare year is not a number."""
    number = _number_tokens(tokens)
    if not number or number[0].lower_ in ("a", "an"):
        return None
    noun = _counted_noun(number)
    if noun is None or noun.lemma_.lower() not in _DURATIONS:
        return None
    value = _value(number)
    if value is None:
        return None
    start, end = number[0].idx, number[-1].idx + len(number[-1].text)
    return NumberMention(
        start=start, end=end, text=text[start:end], value=value, unit=noun.text, sentence=sentence_of(start)
    )


def _currency(tokens: Sequence[Token]) -> str | None:
    doc = tokens[0].doc
    window = [doc[tokens[0].i - 1]] if tokens[0].i > 0 else []
    for token in [*window, *tokens]:
        code = _CURRENCIES.get(token.lower_)
        if code:
            return code
    return None
