"""Publication dates from metadata strings: ISO first, dateparser only for the rest."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_COMPACT_DATE = re.compile(r"(19|20)(\d{2})(\d{2})(\d{2})")


def parse_date(value: str | None) -> date | None:
    """A date from a metadata value (``2024-06-19``, ``2024-06-19T10:00Z``, ``June 19, 2024``); None if unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    iso = _ISO_DATE.match(value)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    compact = _COMPACT_DATE.fullmatch(value)
    if compact:
        return _safe_date(int(compact.group(1) + compact.group(2)), int(compact.group(3)), int(compact.group(4)))
    return _dateparser_date(value)


def date_from_digits(digits: str) -> date | None:
    """``19981016`` → 1998-10-16; ``881016`` (TREC style) → 1988-10-16."""
    if len(digits) == 8:
        return _safe_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 6:
        return _safe_date(1900 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dateparser_date(value: str) -> date | None:
    if len(value) > 80 or not re.search(r"\d", value):
        return None
    import dateparser  # slow to import; most inputs never need it

    parsed: datetime | None = dateparser.parse(
        value, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None
