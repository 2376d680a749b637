"""Quoted spans: quotation marks paired paragraph by paragraph, and what between them is not speech.

Pairing covers straight, curly and DUC-style ``...'' double marks and top-level single quotes (single quotes
nested in a double quotation stay part of it). Dropped as not speech: headings, all-caps subheads, a paragraph
that is nothing but a short quoted line, the words of a sign, the title of a work. Every step is about linear in
the paragraph's length (closing apostrophes and covered ranges are looked up by bisection, never rescanned), and
an article yields at most ``QuoteSettings.max_candidates`` spans, so hostile nesting costs no more than prose.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newsfuse.model import QuoteKind, Span

from .quote_settings import QuoteSettings


def lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SIGN_WORDS = lexicon(
    """message sign banner slogan placard poster inscription caption billboard graffiti shirt t-shirt hashtag motto
    sticker plaque logo banners signs placards posters slogans messages reading read emblazoned bearing"""
)
_WORK_WORDS = lexicon(
    """book film movie song album novel play poem documentary series show episode opera essay column painting
    exhibition titled entitled memoir musical single track programme program"""
)
_FUNCTION_WORDS = lexicon("a an the of and or in on at to for by with from as vs is nor but")
DOUBLE_MARKS = re.compile(r"``|''|[\"“”„]")
_OPENING_DOUBLES = frozenset({"“", "``", "„"})
_ELIDED_YEAR = re.compile(r"['’]\d\ds?\b")  # the '90s
_APOSTROPHE = re.compile(r"['’]")
_TERMINAL = re.compile(r"[.!?,;:…]['\"’”]*$")
_ALNUM = re.compile(r"[^\W_]")
_SENTENCE_ENDS = frozenset(".!?…\n\r")
_WORD = re.compile(r"\w[\w'’.-]*")


@dataclass(frozen=True)
class Marked:
    """A span between quotation marks: ``start``/``end`` cover the words inside."""

    start: int
    end: int
    open_at: int
    paragraph: int
    closed: bool
    close_at: int  # offset just past the closing mark (the paragraph's end when unclosed)


def marked_spans(text: str, paragraphs: list[int], settings: QuoteSettings) -> list[Marked]:
    spans: list[Marked] = []
    bounds = [*paragraphs, len(text)]
    for index, (start, end) in enumerate(pairwise(bounds)):
        doubles = _double_quoted(text, start, end)
        spans.extend(Marked(s, e, o, index, closed, after) for s, e, o, closed, after in doubles)
        singles = _single_quoted(text, start, end, doubles, settings)
        spans.extend(Marked(s, e, o, index, True, after) for s, e, o, after in singles)
        if len(spans) >= settings.max_candidates:
            break
    return sorted(spans, key=lambda span: span.start)[: settings.max_candidates]


def _opens(text: str, at: int, mark: str, start: int) -> bool:
    if mark in _OPENING_DOUBLES:
        return True
    if mark in ("”", "''"):
        return False
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_quoted(text: str, start: int, end: int) -> list[tuple[int, int, int, bool, int]]:
    """(inner start, inner end, opening mark offset, closed, past the closing mark) per double quotation. A
    quotation inside a quotation ("what he calls “hell” than live ...") stays part of the outer one, as long as
    every opening mark of the paragraph closes; else an opening mark never closed is a slip, and pairing starts
    again from the next opening mark."""
    nested = _paired(text, start, end, nest=True)
    return nested if nested is not None else _paired(text, start, end, nest=False) or []


def _paired(text: str, start: int, end: int, nest: bool) -> list[tuple[int, int, int, bool, int]] | None:
    found: list[tuple[int, int, int, bool, int]] = []
    opened: list[re.Match[str]] = []  # the outer quotation's opening mark, then the nested ones still open
    nested_any = False
    for mark in DOUBLE_MARKS.finditer(text, start, end):
        if not opened:
            if _opens(text, mark.start(), mark.group(), start):
                opened.append(mark)
            continue
        if mark.group() in _OPENING_DOUBLES or (nest and mark.group() == '"' and _opens_inside(text, mark.start())):
            if nest and _mid_sentence(text, mark.start(), start):
                opened.append(mark)
                nested_any = True
            else:
                opened[0] = mark  # an unmatched opening mark: start again from the new one
            continue
        if len(opened) > 1:
            opened.pop()  # closes a quotation inside the quotation
            continue
        inner = _trimmed(text, opened[0].end(), mark.start())
        if inner[1] > inner[0]:
            found.append((inner[0], inner[1], opened[0].start(), True, mark.end()))
        opened.clear()
    if nest and nested_any and len(opened) > 1:
        return None
    if opened:  # runs on into the next paragraph (news style for long quotations)
        inner = _trimmed(text, opened[0].end(), end)
        if inner[1] > inner[0]:
            found.append((inner[0], inner[1], opened[0].start(), False, end))
    return found


def _mid_sentence(text: str, at: int, start: int) -> bool:
    """Whether a mark stands inside a sentence: a word or a comma before it, not a line break or a full stop (an
    opening mark there begins a new quotation, the one before it left unclosed)."""
    before = text[max(start, at - 40) : at].rstrip(" \t")
    return bool(before) and before[-1] not in _SENTENCE_ENDS


def _opens_inside(text: str, at: int) -> bool:
    """A straight mark inside a quotation opens a nested one only between a space and a word: 'calls "hell"'."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return before.isspace() and after.isalnum()


def _single_quoted(
    text: str, start: int, end: int, doubles: Sequence[tuple[int, int, int, bool, int]], settings: QuoteSettings
) -> list[tuple[int, int, int, int]]:
    """Single-quoted spans outside double quotations; an apostrophe inside a word never opens or closes one."""
    covered_starts = [open_at for _, _, open_at, _, _ in doubles]
    covered_ends = [inner_end + 1 for _, inner_end, _, _, _ in doubles]
    closings = [match.start() for match in _APOSTROPHE.finditer(text, start, end) if _closes(text, match.start(), end)]
    found: list[tuple[int, int, int, int]] = []
    position = start
    while position < end:
        opening = text.find("‘", position, end)
        straight = text.find("'", position, end)
        candidates = [at for at in (opening, straight) if at >= 0]
        if not candidates:
            break
        at = min(candidates)
        position = at + 1
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        if not (before.isspace() or before in "([{—–-") or not after.isalnum() or _ELIDED_YEAR.match(text, at):
            continue
        covering = bisect_right(covered_starts, at) - 1
        if covering >= 0 and at < covered_ends[covering]:
            continue
        next_closing = bisect_left(closings, at + 1)
        if next_closing == len(closings):
            continue
        closing = closings[next_closing]
        if closing - at > settings.single_max_chars:
            continue
        inner = _trimmed(text, at + 1, closing)
        words = text[inner[0] : inner[1]]
        if inner[1] > inner[0] and not DOUBLE_MARKS.search(words) and len(words.split()) <= settings.single_max_words:
            found.append((inner[0], inner[1], at, closing + 1))
            position = closing + 1
    return found


def _closes(text: str, at: int, end: int) -> bool:
    after = text[at + 1] if at + 1 < end else " "
    return at > 0 and not after.isalnum() and not text[at - 1].isspace()


# ---------------------------------------------------------------- what is not speech


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


class SpeechFilter:
    """Tells speech from subheads, signs and titles. "Is this quotation alone in its paragraph" is asked only of
    short quotations and stops at the first letter or digit outside it, so it costs the same for the hundredth
    quotation of a paragraph as for the first."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        paragraphs: list[int],
        headings: Sequence[Span],
        is_reported: Callable[[Marked], bool],
        entity_of: Mapping[int, TokenSpan],
    ) -> None:
        self._doc = doc
        self._text = text
        self._paragraphs = paragraphs
        self._headings = sorted((heading.start, heading.end) for heading in headings)
        self._is_reported = is_reported
        self._entity_of = entity_of

    def _holds_work_title(self, start: int, end: int) -> bool:
        """Whether tokens ``start:end`` hold a whole WORK_OF_ART entity."""
        for at in range(start, end):
            entity = self._entity_of.get(at)
            if entity is not None and entity.label_ == "WORK_OF_ART" and start <= entity.start and entity.end <= end:
                return True
        return False

    def _has_alnum(self, start: int, end: int) -> bool:
        return _ALNUM.search(self._text, start, end) is not None

    def _in_heading(self, span: Marked) -> bool:
        index = bisect_right(self._headings, (span.end, span.end)) - 1
        return any(
            start < span.end and span.start < end for start, end in self._headings[max(0, index - 1) : index + 1]
        )

    def not_speech(self, span: Marked) -> bool:
        text = self._text
        inner = text[span.start : span.end]
        if self._in_heading(span):
            return True
        letters = [char for char in inner if char.isalpha()]
        if len(letters) >= 2 and all(char.isupper() for char in letters):
            return True  # an all-caps subhead
        words = words_of(inner)
        paragraph_start = self._paragraphs[span.paragraph]
        paragraph_end = (
            self._paragraphs[span.paragraph + 1] if span.paragraph + 1 < len(self._paragraphs) else len(text)
        )
        # only a short quotation can stand alone; the search stops at the first letter or digit outside it
        standing_alone = len(words) <= 10 and not (
            self._has_alnum(paragraph_start, span.open_at) or self._has_alnum(span.end, paragraph_end)
        )
        if standing_alone and (not _TERMINAL.search(inner) or title_case(words)):
            return True  # a quoted line standing alone: a subhead
        if title_case(words) and len(words) <= 10 and not self._is_reported(span):
            return True  # the title of a work, a show, a law (but "X called Y 'Miss Piggy'" is a quotation)
        if len(words) <= 10 and not _TERMINAL.search(inner):
            before = [token for token in tokens_before(self._doc, span.open_at, 3) if not token.is_punct]
            if any(token.lower_ in _SIGN_WORDS or token.lower_ in _WORK_WORDS for token in before[-2:]):
                return True  # the words of a sign, or the title of a work
            tokens = self._doc.char_span(span.start, span.end, alignment_mode="expand")
            if tokens is not None and self._holds_work_title(tokens.start, tokens.end):
                return True
        return False


def title_case(words: Sequence[str]) -> bool:
    """Headline or title capitalisation: two or more capitalised words and no lowercase word but small ones."""
    capitalised = [word for word in words if word[0].isupper()]
    lowercase = [word for word in words if not word[0].isupper() and word.lower() not in _FUNCTION_WORDS]
    return len(capitalised) >= 2 and not lowercase and len(capitalised) > len(words) / 2


def tokens_before(doc: Doc, offset: int, count: int) -> list[Token]:
    at = doc.char_span(offset, offset + 1, alignment_mode="expand")
    first = at.start if at is not None else len(doc)
    before = [token for token in doc[max(0, first - 2 * count) : first] if not token.is_space]
    return before[-count:]


def kind_of(doc: Doc, text: str, span: Marked) -> QuoteKind:
    words = words_of(text[span.start : span.end])
    if len(words) > 3:
        return QuoteKind.speech
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    has_verb = tokens is not None and any(token.pos_ in ("VERB", "AUX") for token in tokens)
    return QuoteKind.speech if has_verb else QuoteKind.term
