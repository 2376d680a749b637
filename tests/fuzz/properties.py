"""What must hold for any input, as lists of problems (empty: all held). Shared by the property tests and
the fuzz benchmark, so both judge an input the same way."""

from __future__ import annotations

import json
import re

from newsfuse.ingest import LIMITS
from newsfuse.model import AnnotatedArticle, IngestReport, article_id_for

_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{LIMITS.max_punctuation_run + 1},}}")
_LONG_TOKEN = re.compile(rf"\S{{{LIMITS.max_token_chars + 1},}}")
_TOKENS = re.compile(r"\w+|[^\w\s]")  # words and marks, as the ingest cap counts them


def report_problems(report: IngestReport, data: bytes | None = None) -> list[str]:
    """An ingest report's problems: a silent drop, an article past a cap, a bad reason or metadata, and
    (given the input ``data``) a JSON upload stored whole as an article's text."""
    problems: list[str] = []
    if data is not None and _json_document(data):
        whole = " ".join(data.decode("utf-8", "replace").split())
        if any(" ".join(article.text.split()) == whole for article in report.articles):
            problems.append("a JSON document stored as article text")
    if not (report.articles or report.rejected or report.duplicates):
        problems.append("silent drop: no article, no rejection, no duplicate")
    for rejected in report.rejected:
        if not rejected.reason or "\n" in rejected.reason or "Traceback" in rejected.reason:
            problems.append(f"unclear rejection: {rejected.reason!r}")
    for article in report.articles:
        text = article.text
        if not text.strip():
            problems.append("empty article")
        if article.id != article_id_for(text):
            problems.append("id is not the content hash")
        if len(text) > LIMITS.max_clean_chars or text.count("\n\n") + 1 > LIMITS.max_paragraphs:
            problems.append(f"article past the caps: {len(text)} chars, {text.count(chr(10) * 2) + 1} paragraphs")
        if len(_TOKENS.findall(text)) > LIMITS.max_tokens:
            problems.append(f"article past the token cap: {len(_TOKENS.findall(text))} words and marks")
        if _PUNCTUATION_RUN.search(text) or _LONG_TOKEN.search(text):
            problems.append("a punctuation run or a token past its cap")
        if any(len(p) > LIMITS.max_paragraph_chars for p in text.split("\n\n")):
            problems.append("a paragraph past its cap")
        if any(not 0 <= h.start < h.end <= len(text) for h in article.headings):
            problems.append("a heading outside the text")
        if article.published and not LIMITS.earliest_year <= article.published.year <= LIMITS.latest_year:
            problems.append(f"publication date out of range: {article.published}")
        for name, value, cap in (
            ("title", article.title, LIMITS.max_title_chars),
            ("outlet", article.outlet, LIMITS.max_outlet_chars),
            ("url", article.url, LIMITS.max_url_chars),
        ):
            if value is not None and len(value) > cap:
                problems.append(f"{name} past its cap ({len(value)})")
    return problems


def _json_document(data: bytes) -> bool:
    try:
        return isinstance(json.loads(data), dict | list)
    except (ValueError, RecursionError):
        return False


def annotation_problems(annotated: AnnotatedArticle) -> list[str]:
    """An annotated article's problems: a span outside the text or not verbatim."""
    text = annotated.article.text
    problems: list[str] = []
    for sentence in annotated.sentences:
        if not 0 <= sentence.start < sentence.end <= len(text):
            problems.append(f"sentence outside the text: {sentence.start}-{sentence.end}")
    for kind, spans in (
        ("mention", annotated.mentions),
        ("quotation", annotated.quotations),
        ("time", annotated.times),
    ):
        for span in spans:
            if text[span.start : span.end] != span.text:
                problems.append(f"{kind} not verbatim at {span.start}-{span.end}")
    try:
        if AnnotatedArticle.model_validate_json(annotated.model_dump_json()) != annotated:
            problems.append("the stored annotations read back different")
    except ValueError as error:
        problems.append(f"the stored annotations do not read back: {str(error).splitlines()[0]}")
    for time in annotated.times:
        if time.value is not None and not re.fullmatch(r"\d{4}(?:s|-\d{2}(?:-\d{2})?)?", time.value):
            problems.append(f"time value not a date: {time.value!r}")
    return problems
