"""DUC/TREC SGML: ``<DOC>`` blocks with ``<DOCNO>`` and ``<TEXT>``; the outlet and date come from the DOCNO."""

from __future__ import annotations

import html
import re
from datetime import date

from newsfuse.ingest.dates import date_from_digits
from newsfuse.ingest.draft import Draft
from newsfuse.model import Rejected

# Every pattern here runs on untrusted text, so none may backtrack: a field's content is matched by a class
# that cannot contain the next tag (``[^<]``), and tags are found one by one with ``str.find``-like searches.
_DOC = re.compile(r"<DOC>(.*?)(?:</DOC>|(?=<DOC>)|\Z)", re.DOTALL | re.IGNORECASE)
_DOCNO = re.compile(r"<DOCNO>([^<]*)</DOCNO>", re.IGNORECASE)
_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.DOTALL | re.IGNORECASE)
_HEADLINE_TAGS = [
    (re.compile(f"<{name}>", re.IGNORECASE), re.compile(f"</{name}>", re.IGNORECASE))
    for name in ("HEADLINE", "HL", "HEAD", "TITLE")
]
_PARAGRAPH_TAG = re.compile(r"</?P>", re.IGNORECASE)
# ``[^<>]``: an unclosed ``<A`` ends its scan at the next ``<``, so ``'<A' * n`` is linear, not quadratic.
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# A DOCNO is an id such as ``APW19981016.0001``; anything longer is not one.
_MAX_DOCNO_CHARS = 100
_DOCNO_PARTS = re.compile(r"([A-Z_]+?)(?:_ENG_)?(\d{8}|\d{6})")
_OUTLETS = {
    "APW": "Associated Press",
    "AP": "Associated Press",
    "NYT": "New York Times",
    "XIE": "Xinhua",
    "AFP": "Agence France-Presse",
    "LTW": "Los Angeles Times/Washington Post",
    "WSJ": "Wall Street Journal",
    "SJMN": "San Jose Mercury News",
    "FT": "Financial Times",
    "LA": "Los Angeles Times",
    "FBIS": "Foreign Broadcast Information Service",
    "CNA": "Central News Agency",
}


def read_sgml(data: str, source: str) -> list[Draft | Rejected]:
    results: list[Draft | Rejected] = []
    for index, match in enumerate(_DOC.finditer(data), start=1):
        block = match.group(1)
        docno_match = _DOCNO.search(block)
        docno = docno_match.group(1).strip()[:_MAX_DOCNO_CHARS] if docno_match else None
        doc_source = f"{source}#{docno or index}"
        text_match = _TEXT.search(block)
        if text_match is None or not _ANY_TAG.sub("", text_match.group(1)).strip():
            results.append(Rejected(source=doc_source, reason="SGML document has no <TEXT> body"))
            continue
        outlet, published = _from_docno(docno)
        results.append(
            Draft(
                text=_body(text_match.group(1)),
                source=doc_source,
                title=_headline(block),
                outlet=outlet,
                published=published,
                strip_boilerplate=False,
            )
        )
    if not results:
        results.append(Rejected(source=source, reason="SGML file has no <DOC> blocks"))
    return results


def _headline(block: str) -> str | None:
    """The earliest closed headline element's text. Each tag name is searched once (its first opening,
    then its closing after it): a block full of unclosed ``<HL>`` costs four scans, not one per tag."""
    found: list[tuple[int, int]] = []
    for opening, closing in _HEADLINE_TAGS:
        opened = opening.search(block)
        closed = closing.search(block, opened.end()) if opened else None
        if opened and closed:
            found.append((opened.end(), closed.start()))
    if not found:
        return None
    start, end = min(found)
    return " ".join(_ANY_TAG.sub("", block[start:end]).split()) or None


def _body(raw: str) -> str:
    text = _PARAGRAPH_TAG.sub("\n\n", raw)
    text = html.unescape(_ANY_TAG.sub("", text))
    # Newswire ``quotes'' become straight double quotes; the clean text is built after this, so offsets hold.
    return text.replace("``", '"').replace("''", '"')


def _from_docno(docno: str | None) -> tuple[str | None, date | None]:
    if not docno:
        return None, None
    match = _DOCNO_PARTS.match(docno.upper())
    if match is None:
        return None, None
    return _OUTLETS.get(match.group(1).rstrip("_")), date_from_digits(match.group(2))
