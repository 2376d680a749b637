"""Sentences: spaCy's, repaired for news, never crossing a paragraph break and never covering a heading."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from newsfuse.model import Sentence, Span

from .nlp import paragraph_starts

# Titles that precede a name: a period after them never ends a sentence.
_TITLE_WORDS = "mr mrs ms dr gen sen rep gov lt col capt prof rev sgt maj adm cmdr st pres supt insp amb messrs"
_TITLES = frozenset(_TITLE_WORDS.split())
_CLOSING_MARK = re.compile(r"(?:''|[\"”’'])(?=\s|$|[,.;:!?)])")
# No alternation of ``''`` with ``'`` under the star: that is exponential on a run of straight quotes.
_FINAL = re.compile(r"[.!?…][\"”’')\]]*$")
_TITLE_AT_END = re.compile(r"(\w+)\.$")
_TITLE_TAIL_CHARS = 12
_DOUBLE_MARK = re.compile(r"``|''|[\"“”]")


def split_sentences(doc: Doc, text: str, headings: Sequence[Span] = ()) -> list[Sentence]:
    """Sentences of ``text`` (``doc`` was parsed from it), as character spans with their paragraph index."""
    spans = [_trim(text, sent.start_char, sent.end_char) for sent in doc.sents]
    inside_heading = _heading_test(headings)
    spans = [span for span in spans if span[1] > span[0] and not inside_heading(span)]
    paragraphs = paragraph_starts(text)
    repaired = _repair(text, spans, paragraphs, _QuoteMarks(text))
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


def _heading_test(headings: Sequence[Span]) -> Callable[[tuple[int, int]], bool]:
    """Whether a span lies inside a heading: a binary search over the headings, not a scan per sentence."""
    ordered = sorted((heading.start, heading.end) for heading in headings)
    starts = [start for start, _ in ordered]
    # the widest end among the headings starting at or before each one (headings may nest or overlap)
    reach: list[int] = []
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)

    def inside(span: tuple[int, int]) -> bool:
        index = bisect_right(starts, span[0]) - 1
        return index >= 0 and reach[index] >= span[1]

    return inside


def _same_paragraph(paragraphs: list[int], left: int, right: int) -> bool:
    return bisect_right(paragraphs, left) == bisect_right(paragraphs, right)


class _QuoteMarks:
    """The double quotation marks of a text, found once, with running counts: how many open, close or are
    straight between two offsets is two binary searches, not a scan of the paragraph for every sentence."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.opened = [0]
        self.closed = [0]
        self.straight = [0]
        for match in _DOUBLE_MARK.finditer(text):
            mark = match.group(0)
            self.starts.append(match.start())
            self.ends.append(match.end())
            self.opened.append(self.opened[-1] + (mark in ("``", "“")))
            self.closed.append(self.closed[-1] + (mark in ("''", "”")))
            self.straight.append(self.straight[-1] + (mark == '"'))

    def inside_quotation(self, paragraph_start: int, offset: int) -> bool:
        """Whether an odd number of double quotation marks open the paragraph before ``offset`` (the marks
        that start at or after the paragraph's start and end at or before ``offset``)."""
        first = bisect_left(self.starts, paragraph_start)
        last = max(first, bisect_right(self.ends, offset))
        opened = self.opened[last] - self.opened[first]
        closed = self.closed[last] - self.closed[first]
        straight = self.straight[last] - self.straight[first]
        return opened > closed or straight % 2 == 1


def _ends_with_title(text: str, start: int, end: int) -> bool:
    match = _TITLE_AT_END.search(text, max(start, end - _TITLE_TAIL_CHARS), end)
    return bool(match and match.group(1).lower() in _TITLES)


def _repair(
    text: str, spans: list[tuple[int, int]], paragraphs: list[int], marks: _QuoteMarks
) -> list[tuple[int, int]]:
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
            or (marks.inside_quotation(paragraph_start, start) and not _FINAL.search(text[prev_start:prev_end]))
        )
        if glued:
            repaired[-1] = (prev_start, end)
        else:
            repaired.append((start, end))
    return repaired
