"""Sentences: spaCy's, repaired for news, never crossing a paragraph break and never covering a heading."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from newsfuse.model import Sentence, Span

from .nlp import paragraph_starts

# Titles that precede a name: a period after them never ends a sentence.
_TITLE_WORDS = "mr mrs ms dr gen sen rep gov lt col capt prof rev sgt maj adm cmdr st pres supt insp amb messrs"
_TITLES = frozenset(_TITLE_WORDS.split())
_CLOSING_MARK = re.compile(r"(?:''|[\"”’'])(?=\s|$|[,.;:!?)])")
_FINAL = re.compile(r"[.!?…](?:''|[\"”’')\]])*$")
_DOUBLE_MARK = re.compile(r"``|''|[\"“”]")


def split_sentences(doc: Doc, text: str, headings: Sequence[Span] = ()) -> list[Sentence]:
    """Sentences of ``text`` (``doc`` was parsed from it), as character spans with their paragraph index."""
    spans = [_trim(text, sent.start_char, sent.end_char) for sent in doc.sents]
    spans = [span for span in spans if span[1] > span[0] and not _inside_heading(span, headings)]
    paragraphs = paragraph_starts(text)
    repaired = _repair(text, spans, paragraphs)
    return [Sentence(start=start, end=end, paragraph=bisect_right(paragraphs, start) - 1) for start, end in repaired]


def sentence_locator(sentences: Sequence[Sentence]) -> Callable[[int], int]:
    """Map a character offset to the index of the sentence holding it (or the last one before it)."""
    starts = [sentence.start for sentence in sentences]

    def sentence_of(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    return sentence_of


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside_heading(span: tuple[int, int], headings: Sequence[Span]) -> bool:
    return any(heading.start <= span[0] and span[1] <= heading.end for heading in headings)


def _same_paragraph(paragraphs: list[int], left: int, right: int) -> bool:
    return bisect_right(paragraphs, left) == bisect_right(paragraphs, right)


def _inside_quotation(text: str, paragraph_start: int, offset: int) -> bool:
    """Whether an odd number of double quotation marks open the paragraph before ``offset``."""
    marks = _DOUBLE_MARK.findall(text, paragraph_start, offset)
    opened = sum(1 for mark in marks if mark in ("``", "“"))
    closed = sum(1 for mark in marks if mark in ("''", "”"))
    straight = sum(1 for mark in marks if mark == '"')
    return opened > closed or straight % 2 == 1


def _ends_with_title(text: str, start: int, end: int) -> bool:
    match = re.search(r"(\w+)\.$", text[start:end])
    return bool(match and match.group(1).lower() in _TITLES)


def _repair(text: str, spans: list[tuple[int, int]], paragraphs: list[int]) -> list[tuple[int, int]]:
    """Fix spaCy's news errors: a closing quotation mark pushed into the next sentence, splits inside a quotation
    or before a lowercase word, and splits after a title such as "Mr."."""
    repaired: list[tuple[int, int]] = []
    for start, end in spans:
        if not repaired or not _same_paragraph(paragraphs, repaired[-1][0], start):
            repaired.append((start, end))
            continue
        prev_start, prev_end = repaired[-1]
        closing = _CLOSING_MARK.match(text, start)
        if closing:
            # the mark belongs to the previous sentence; what follows it may be a sentence of its own
            repaired[-1] = (prev_start, closing.end())
            start, end = _trim(text, closing.end(), end)
            if end <= start:
                continue
            prev_start, prev_end = repaired[-1]
        paragraph_start = paragraphs[bisect_right(paragraphs, start) - 1]
        glued = (
            text[start].islower()
            or _ends_with_title(text, prev_start, prev_end)
            or (_inside_quotation(text, paragraph_start, start) and not _FINAL.search(text[prev_start:prev_end]))
        )
        if glued:
            repaired[-1] = (prev_start, end)
        else:
            repaired.append((start, end))
    return repaired
