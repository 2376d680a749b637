"""RSS and Atom feeds through feedparser: each entry is an article, its HTML cleaned like a page's."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import feedparser

from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.draft import Draft
from newsfuse.ingest.html import html_fragment_text
from newsfuse.model import Rejected

# An entity declared in the document itself: the XML parser would expand it, and nested ones multiply
# (a 400-byte "billion laughs" feed becomes 550,000 characters). News feeds declare none.
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)


def has_entity_declaration(data: str) -> bool:
    return _ENTITY_DECLARATION.search(data) is not None


def read_feed(data: str, source: str) -> list[Draft | Rejected]:
    if has_entity_declaration(data):
        return [Rejected(source=source, reason="feed declares XML entities (<!ENTITY>): refused, they can amplify")]
    # Always a document string (sniffed to start with '<'), never something feedparser could fetch as a URL.
    parsed: Any = feedparser.parse(data.lstrip())
    entries: list[Any] = list(parsed.get("entries", []))
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception", "malformed XML")).splitlines()[0]
            return [Rejected(source=source, reason=f"broken feed: {reason}")]
        return [Rejected(source=source, reason="feed has no entries")]
    outlet = _text(parsed.get("feed", {}).get("title"))
    results: list[Draft | Rejected] = []
    for index, entry in enumerate(entries, start=1):
        entry_source = f"{source}#entry{index}"
        body = _entry_body(entry)
        if not body.strip():
            results.append(Rejected(source=entry_source, reason="feed entry has no content or summary text"))
            continue
        results.append(
            Draft(
                text=body,
                source=entry_source,
                title=_text(entry.get("title")),
                outlet=outlet,
                url=_text(entry.get("link")),
                published=_entry_date(entry),
                layout="lines",
            )
        )
    return results


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    html = max((str(c.get("value", "")) for c in contents), key=len, default="")
    if not html.strip():
        html = str(entry.get("summary", "") or "")
    return html_fragment_text(html)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return parse_date(_text(entry.get("published")) or _text(entry.get("updated")))


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
