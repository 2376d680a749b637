"""HTML pages through trafilatura (main text and metadata); small fragments (feed entries) through lxml."""

from __future__ import annotations

from typing import Any

import lxml.html  # type: ignore[import-untyped]
import trafilatura
from lxml import etree

from newsfuse.errors import InputError
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.draft import Draft
from newsfuse.ingest.limits import LIMITS
from newsfuse.ingest.pagemeta import drop_metadata_lines, headline, site_outlet

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "figcaption", "tr"}
_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "footer", "aside", "button")


def read_html(html: str, source: str, max_tags: int = LIMITS.max_html_tags) -> Draft:
    """Extract a page's main text, title, date, site name and URL; raise InputError if there is no article.
    A page of more than ``max_tags`` tags is read up to its ``max_tags``-th tag (and the draft says so)."""
    trimmed: list[str] = []
    tags = html.count("<")
    if tags > max_tags:
        cut = -1
        for _ in range(max_tags):
            cut = html.index("<", cut + 1)
        html = html[:cut]
        trimmed.append(f"HTML read up to its {max_tags:,}th tag of {tags:,}")
    try:
        document: Any = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
        )
    except Exception as error:  # trafilatura raises assorted lxml/parser errors on broken markup
        raise InputError(f"HTML could not be parsed ({type(error).__name__})") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError("HTML page has no extractable article text")
    # a fetched page is named by its address: it is the page's URL when the markup gives none
    page_url = source if source.startswith(("http://", "https://")) else None
    url = _clean_meta(getattr(document, "url", None)) or page_url
    site_name = _clean_meta(getattr(document, "sitename", None))
    title = headline(_clean_meta(getattr(document, "title", None)), site_name, url)
    return Draft(
        text=drop_metadata_lines(text, title),
        source=source,
        title=title,
        outlet=site_outlet(site_name, url),
        url=url,
        published=parse_date(getattr(document, "date", None)),
        layout="lines",
        trimmed=trimmed,
    )


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element (a feed entry's content or summary)."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in root.iter(*_DROP_TAGS):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    lines: list[str] = []
    if not any(element.tag in _BLOCK_TAGS for element in root.iter()):
        return str(root.text_content())
    for element in root.iter():
        if element.tag in _BLOCK_TAGS and not any(a.tag in _BLOCK_TAGS for a in element.iterancestors()):
            lines.append(" ".join(str(element.text_content()).split()))
    return "\n".join(line for line in lines if line)


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
