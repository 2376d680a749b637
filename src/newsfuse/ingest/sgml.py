"""DUC/TREC SGML: ``<DOC>`` blocks with ``<DOCNO>`` and ``<TEXT>``; the outlet and date come from the DOCNO."""

from __future__ import annotations

import html
import re
from datetime import date

from newsfuse.ingest.dates import date_from_digits
from newsfuse.ingest.draft import Draft
from newsfuse.model import Rejected

_DOC = re.compile(r"<DOC>(.*?)(?:</DOC>|(?=<DOC>)|\Z)", re.DOTALL | re.IGNORECASE)
_DOCNO = re.compile(r"<DOCNO>\s*(.*?)\s*</DOCNO>", re.DOTALL | re.IGNORECASE)
_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.DOTALL | re.IGNORECASE)
_HEADLINE = re.compile(r"<(HEADLINE|HL|HEAD|TITLE)>(.*?)</\1>", re.DOTALL | re.IGNORECASE)
_PARAGRAPH_TAG = re.compile(r"\s*</?P>\s*", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^>]*>")
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
        docno = docno_match.group(1).strip() if docno_match else None
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
    match = _HEADLINE.search(block)
    if match is None:
        return None
    return " ".join(_ANY_TAG.sub("", match.group(2)).split()) or None


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
