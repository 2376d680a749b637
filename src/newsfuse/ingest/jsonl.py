"""JSON and JSON Lines: an article object, a list of them, or one object per line. Every record that is not
an article (a list, a number, ``null``, broken JSON, no ``text``) is rejected by its number; the rest go through.
Nothing JSON is ever read as article text."""

from __future__ import annotations

import json
from typing import Any

from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.draft import Draft
from newsfuse.model import Rejected

_FIELDS = ("text", "title", "outlet", "url", "published")


def parse_json(text: str) -> Any:
    """``json.loads`` with every failure a ``ValueError`` saying why: broken JSON, nesting too deep for the
    parser, a number too long to convert (Python refuses integers over 4,300 digits)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"invalid JSON at line {error.lineno} column {error.colno} ({error.msg})") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except ValueError as error:
        raise ValueError(f"invalid JSON ({str(error).splitlines()[0]})") from None


def read_jsonl(data: str, source: str) -> list[Draft | Rejected]:
    results: list[Draft | Rejected] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            results.append(_draft(parse_json(line), line_source))
        except ValueError as error:
            results.append(Rejected(source=line_source, reason=f"line {number}: {error}"))
    if not results:
        results.append(Rejected(source=source, reason="JSONL file has no records"))
    return results


def read_json(data: str, source: str) -> list[Draft | Rejected]:
    """A whole JSON document: one article object, or a list of them (same fields as a JSONL line). A text that
    is not one document but several lines each opening like JSON is read as JSON Lines."""
    try:
        document = parse_json(data)
    except ValueError as error:
        lines = [line.lstrip() for line in data.splitlines() if line.strip()]
        if len(lines) > 1 and lines[0][:1] in "{[" and lines[1][:1] in "{[":
            return read_jsonl(data, source)
        return [Rejected(source=source, reason=str(error))]
    if isinstance(document, dict):
        records: list[Any] = [document]
    elif isinstance(document, list) and document:
        records = document
    else:
        kind = "an empty list" if document == [] else "null" if document is None else type(document).__name__
        return [Rejected(source=source, reason=f"JSON is {kind}, not an article object or a list of them")]
    results: list[Draft | Rejected] = []
    for number, record in enumerate(records, start=1):
        record_source = source if len(records) == 1 else f"{source}#{number}"
        try:
            results.append(_draft(record, record_source))
        except ValueError as error:
            results.append(Rejected(source=record_source, reason=f"record {number}: {error}"))
    return results


def _draft(record: Any, source: str) -> Draft:
    if not isinstance(record, dict):
        kind = "null" if record is None else type(record).__name__
        raise ValueError(f"expected a JSON object (an article), got {kind}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text' field")
    values = {key: record.get(key) for key in _FIELDS[1:]}
    for key, value in values.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"'{key}' must be a string")
    published = values["published"]
    return Draft(
        text=text,
        source=source,
        title=values["title"] or None,
        outlet=values["outlet"] or None,
        url=values["url"] or None,
        published=parse_date(published),
    )
