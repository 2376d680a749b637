"""JSON Lines: one article object per line; a broken line is rejected by number, the rest go through."""

from __future__ import annotations

import json
from typing import Any

from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.draft import Draft
from newsfuse.model import Rejected

_FIELDS = ("text", "title", "outlet", "url", "published")


def read_jsonl(data: str, source: str) -> list[Draft | Rejected]:
    results: list[Draft | Rejected] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            results.append(_draft(json.loads(line), line_source))
        except json.JSONDecodeError as error:
            results.append(Rejected(source=line_source, reason=f"line {number}: invalid JSON ({error.msg})"))
        except ValueError as error:
            results.append(Rejected(source=line_source, reason=f"line {number}: {error}"))
    if not results:
        results.append(Rejected(source=source, reason="JSONL file has no records"))
    return results


def read_json(data: str, source: str) -> list[Draft | Rejected]:
    """A whole JSON document: one article object, or a list of them (same fields as a JSONL line)."""
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        return [Rejected(source=source, reason=f"invalid JSON at line {error.lineno} ({error.msg})")]
    records = document if isinstance(document, list) else [document]
    if not records or not all(isinstance(record, dict) and "text" in record for record in records):
        return [Rejected(source=source, reason="JSON is not an article or a list of articles (no 'text' field)")]
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
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
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
