"""The store's stories in the formats other tools read: the story list as CSV, new stories as an Atom feed
(RFC 4287), both with links back to this server's pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree import ElementTree

from newsfuse.csv_cells import write_csv
from newsfuse.store.views import StorySummary

_ATOM = "http://www.w3.org/2005/Atom"
# characters XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def stories_as_csv(stories: list[StorySummary], thread_names: dict[str, str | None], base_url: str) -> str:
    header = ("first date", "last date", "headline", "outlets", "outlet count", "articles", "thread", "page")
    rows = [
        (
            story.first_published.isoformat() if story.first_published else "",
            story.last_published.isoformat() if story.last_published else "",
            story.headline or "Untitled story",
            "; ".join(story.outlets),
            story.outlet_count,
            story.article_count,
            (thread_names.get(story.thread) or "Untitled thread") if story.thread and story.related else "",
            f"{base_url}story/{story.id}",
        )
        for story in stories
    ]
    return write_csv(header, rows)


def atom_feed(stories: list[StorySummary], base_url: str) -> str:
    """The stories as Atom entries, latest update first; an entry's id is its story page's address."""
    ElementTree.register_namespace("", _ATOM)

    def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> None:
        child = ElementTree.SubElement(parent, f"{{{_ATOM}}}{tag}", attributes)
        if text is not None:
            child.text = _NOT_XML.sub("", text)

    root = ElementTree.Element(f"{{{_ATOM}}}feed")
    add(root, "title", "newsfuse: new stories")
    add(root, "id", f"{base_url}feed.atom")
    add(root, "link", rel="self", href=f"{base_url}feed.atom", type="application/atom+xml")
    add(root, "link", rel="alternate", href=base_url, type="text/html")
    newest = max((story.updated_at for story in stories), default=datetime(1970, 1, 1))
    add(root, "updated", _rfc3339(newest))
    author = ElementTree.SubElement(root, f"{{{_ATOM}}}author")
    add(author, "name", "newsfuse")
    for story in stories:
        entry = ElementTree.SubElement(root, f"{{{_ATOM}}}entry")
        page = f"{base_url}story/{story.id}"
        add(entry, "title", story.headline or "Untitled story")
        add(entry, "id", page)
        add(entry, "link", rel="alternate", href=page, type="text/html")
        add(entry, "updated", _rfc3339(story.updated_at))
        if story.first_published:
            add(entry, "published", f"{story.first_published.isoformat()}T00:00:00Z")
        add(entry, "summary", _summary_line(story))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def _summary_line(story: StorySummary) -> str:
    outlets = story.outlet_count
    parts = [
        f"{outlets} outlet{'' if outlets == 1 else 's'}" + (f" ({', '.join(story.outlets)})" if story.outlets else ""),
        f"{story.article_count} article{'' if story.article_count == 1 else 's'}",
    ]
    if story.first_published:
        last = story.last_published
        span = story.first_published.isoformat() + (
            f" to {last.isoformat()}" if last and last != story.first_published else ""
        )
        parts.append(span)
    return " · ".join(parts)


def _rfc3339(moment: datetime) -> str:
    """A stored time (naive UTC, or aware) as Atom's date-time."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.strftime("%Y-%m-%dT%H:%M:%SZ")
