"""Hypothesis strategies for hostile uploads: every kind of tests/fuzz/hostile.py at small sizes, wrapped in
every format ingest reads, mixed with random text and bytes. Small sizes are enough: what the properties
check is structure (caps hold, nothing dropped silently, offsets verbatim), not cost."""

from __future__ import annotations

import json
from collections.abc import Callable

from hypothesis import strategies as st

from tests.fuzz import hostile

_SIZED: list[Callable[[int], str]] = [
    hostile.docno_spaces,
    hostile.docno_spaces_closed,
    hostile.open_tags_in_text,
    hostile.open_tags_in_headline,
    hostile.closing_quotes,
    hostile.straight_quotes,
    hostile.punctuation_run,
    hostile.long_word,
    hostile.dates_text,
    hostile.nested_quotes,
    hostile.long_title,
    hostile.long_title_json,
    hostile.tiny_paragraphs,
    hostile.repeated_line,
    hostile.long_sentence,
    hostile.entity_feed,
    hostile.jsonl_with_bad_lines,
    hostile.jsonl_first_line_not_object,
    hostile.deep_json,
    hostile.huge_number_json,
    hostile.long_text_json,
    hostile.json_list,
    hostile.pretty_json,
    hostile.json_scalar,
    hostile.out_of_range_dates,
    hostile.header_date_out_of_range,
    hostile.long_article,
    hostile.line_separators,
    hostile.numeric_dates,
    hostile.dateline_commas,
]
# characters that have broken text handling somewhere: quotes, separators, controls, combining marks, astral
_AWKWARD = "\"'“”‘’`´«»„‟‹›.,;:!?…-–—()[]{}<>&#/\\ \t\n\r\x0b\x0c\x00\x85\u2028\u2029\u00a0\u200b\ufeff\u0301\U0001f600"
_WORDS = ["The", "council", "said", "on", "Monday", "1999", "Jan.", "5", "Mr.", "Smith", '"', "'", "<P>", "<DOC>"]


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """One generated hostile input, as text."""
    kind = draw(st.sampled_from(["sized", "awkward", "words", "wrapped", "dated"]))
    if kind == "sized":
        return draw(st.sampled_from(_SIZED))(draw(st.integers(min_value=0, max_value=300)))
    if kind == "awkward":
        return draw(st.text(alphabet=st.sampled_from(list(_AWKWARD) + list("abcXYZ019")), max_size=400))
    if kind == "words":
        return " ".join(draw(st.lists(st.sampled_from(_WORDS), max_size=120)))
    body = draw(st.text(max_size=300))
    if kind == "dated":
        year = draw(st.integers(min_value=1, max_value=9999))
        return f"title: {body[:40]}\ndate: {year:04d}-06-19\n\n{body} on Wednesday."
    wrapper = draw(st.sampled_from(["sgml", "json", "jsonl", "feed", "html"]))
    if wrapper == "sgml":
        return f"<DOC>\n<DOCNO>{body[:30]}</DOCNO>\n<TEXT>\n{body}\n</TEXT>\n</DOC>\n"
    if wrapper == "json":
        return json.dumps({"text": body, "title": body[:50], "published": body[:10]})
    if wrapper == "jsonl":
        return "\n".join(json.dumps({"text": line}) if line.strip() else line for line in body.split("\n"))
    if wrapper == "feed":
        item = f"<item><title>x</title><description>{body}</description></item>"
        return f'<rss version="2.0"><channel><title>T</title>{item}</channel></rss>'
    return f"<html><head><title>{body[:40]}</title></head><body><article><p>{body}</p></article></body></html>"


def hostile_bytes() -> st.SearchStrategy[bytes]:
    """Hostile text in UTF-8 (most of the time), raw bytes, or text in another encoding."""
    return st.one_of(
        hostile_text().map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.binary(max_size=600),
        hostile_text().map(lambda text: text.encode("utf-16")),
        hostile_text().map(lambda text: text.encode("latin-1", "replace")),
    )
