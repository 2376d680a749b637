"""The web side of ingest: a fetched page becomes articles, a fetched feed or sitemap becomes the links it
lists. Sitemaps (sitemaps.org, with Google News tags) are read with lxml, entities off; feeds with feedparser."""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import feedparser
from lxml import etree  # type: ignore[import-untyped]

from newsfuse.errors import InputError
from newsfuse.ingest import ingest_bytes
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.feeds import has_entity_declaration
from newsfuse.ingest.fetch import Fetched, Fetcher, FetchError
from newsfuse.ingest.sniff import Format
from newsfuse.model import IngestReport, Rejected

_SITEMAP = re.compile(r"<(?:\w+:)?(urlset|sitemapindex)[\s>]")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_JSON_TYPES = ("application/json",)


@dataclass(frozen=True)
class Link:
    """One entry of a feed or sitemap: the page it points to, and what the listing says about it."""

    url: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None  # for a page whose own metadata names none (``ingest URL --outlet``)


@dataclass(frozen=True)
class Listing:
    """What a feed or sitemap lists: pages, and (for a sitemap index) further sitemaps."""

    kind: str  # "feed" or "sitemap"
    links: list[Link]
    sitemaps: list[str]
    title: str | None = None


def read_listing(text: str, source: str) -> Listing:
    """The links of a feed (RSS/Atom) or a sitemap / sitemap index; InputError if it is neither."""
    head = text[:4096]
    if _SITEMAP.search(head):
        return _read_sitemap(text, source)
    if has_entity_declaration(text):
        raise InputError("feed declares XML entities (<!ENTITY>): refused, they can amplify")
    parsed: Any = feedparser.parse(text.lstrip())
    entries: list[Any] = list(parsed.get("entries", []))
    if not entries and parsed.get("bozo"):
        reason = str(parsed.get("bozo_exception", "malformed XML")).splitlines()[0]
        raise InputError(f"neither a feed nor a sitemap: {reason}")
    links = []
    for entry in entries:
        url = str(entry.get("link") or "").strip()
        if not url:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        day = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        links.append(Link(url=url, title=_text(entry.get("title")), published=day))
    return Listing(kind="feed", links=links, sitemaps=[], title=_text(parsed.get("feed", {}).get("title")))


def _read_sitemap(text: str, source: str) -> Listing:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(text.lstrip().encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"broken sitemap {source}: {str(error).splitlines()[0]}") from None
    links: list[Link] = []
    sitemaps: list[str] = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        values = {
            _local(child.tag): (child.text or "").strip() for child in element.iter() if isinstance(child.tag, str)
        }
        location = values.get("loc")
        if not location:
            continue
        if _local(element.tag) == "sitemap":
            sitemaps.append(location)
        else:
            day = parse_date(values.get("publication_date") or values.get("lastmod"))
            links.append(Link(url=location, title=values.get("title") or None, published=day))
    return Listing(kind="sitemap", links=links, sitemaps=sitemaps)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_GZIP_MAGIC = b"\x1f\x8b"
_MAX_LISTING_BYTES = 50_000_000  # the sitemaps.org limit for one uncompressed sitemap


def listing_text(fetched: Fetched, max_bytes: int = _MAX_LISTING_BYTES) -> str:
    """A feed's or sitemap's text; a sitemap served as a .gz file (not as a gzip-encoded response) is
    decompressed here, up to the sitemap size limit."""
    body = fetched.body
    if body.startswith(_GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as unpacked:
                body = unpacked.read(max_bytes + 1)
        except (OSError, EOFError):
            raise InputError("broken gzip file") from None
        if len(body) > max_bytes:
            raise InputError(f"listing over {max_bytes:,} bytes once decompressed")
        fetched = Fetched(url=fetched.url, final_url=fetched.final_url, status=fetched.status, body=body)
    return fetched.text()


def page_format(fetched: Fetched) -> Format | None:
    """The format a response declares, when it declares one newsfuse reads; None: sniff the body."""
    if fetched.content_type in _HTML_TYPES:
        return "html"
    if fetched.content_type in _FEED_TYPES:
        return "feed"
    if fetched.content_type in _JSON_TYPES:
        return "json"
    return None


def articles_from(fetched: Fetched, *, outlet: str | None = None, published: date | None = None) -> IngestReport:
    """The articles of a fetched page (or feed), each with the page's final URL when the page names none."""
    source = fetched.final_url
    try:
        text = fetched.text()
    except InputError as error:
        return IngestReport(rejected=[Rejected(source=source, reason=str(error))])
    report = ingest_bytes(
        text.encode("utf-8"), source=source, outlet=outlet, published=published, fmt=page_format(fetched)
    )
    report.articles = [a if a.url else a.model_copy(update={"url": source}) for a in report.articles]
    return report


def ingest_urls(
    urls: list[str], fetcher: Fetcher, *, outlet: str | None = None, published: date | None = None
) -> IngestReport:
    """Fetch each URL and read it; a URL that fails is one ``Rejected`` line and the batch goes on."""
    report = IngestReport()
    seen: set[str] = set()
    for url in urls:
        try:
            fetched = fetcher.fetch(url)
        except FetchError as error:
            report.rejected.append(Rejected(source=url, reason=str(error)))
            continue
        page = articles_from(fetched, outlet=outlet, published=published)
        for article in page.articles:
            if article.id in seen:
                page.duplicates.append(article.source or url)
            else:
                seen.add(article.id)
                report.articles.append(article)
        report.rejected += page.rejected
        report.trimmed += page.trimmed
        report.duplicates += page.duplicates
    return report


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
