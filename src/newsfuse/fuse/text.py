"""Word-level evidence shared by the fusion steps: content stems, clauses, overlap measures."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nltk.stem.porter import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Clause boundaries inside a long sentence: where a second fact usually starts.
_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|—|–|\s-\s|,\s+(?:while|which|who|whereas|where|after|before|as|and|but|with|saying|adding)\b"
    r"|\s(?=(?:after|since|because|while|whereas|although|when)\s))\s*",
    re.IGNORECASE,
)
MIN_CLAUSE_WORDS = 4
# Where a sentence's next claim starts: a semicolon or dash, a comma before a linking word or a new subject
# pronoun, or a subordinating word; the linking word stays with the claim it opens ("while Kim waited").
# Only breaks after which a claim reads on its own: a subordinate clause without its comma ("since she took
# office") or a dateline dash would leave a fragment.
_CLAIM_BREAK = re.compile(
    r"\s*(?:;|—|–)\s*"
    r"|,\s+(?=(?:while|whereas|but|saying|adding|he|she|they|we)\s)",
    re.IGNORECASE,
)
MIN_CLAIM_WORDS = 6
# Reporting verbs and filler that every news sentence carries: sharing them says nothing about the fact.
_NEWS_FILLER = frozenset({"said", "say", "says", "told", "according", "added", "also", "would", "could", "new"})


@lru_cache(maxsize=1)
def _stemmer() -> PorterStemmer:
    return PorterStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The word's Porter stem, lower-cased and without accents: outlets spell one name "Orléans" and
    "Orleans", "Milanović" and "Milanovic"."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    return str(_stemmer().stem(folded or word.lower()))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry content: no stop words, no reporting verbs, no single letters."""
    return frozenset(
        stem(word)
        for word in words(text)
        if len(word) > 1 and word.lower() not in ENGLISH_STOP_WORDS and word.lower() not in _NEWS_FILLER
    )


def clauses(text: str) -> list[str]:
    """The sentence cut at clause boundaries; parts too short to state a fact rejoin their neighbour."""
    parts = [part for part in _CLAUSE_BREAK.split(text) if part.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and (len(words(part)) < MIN_CLAUSE_WORDS or len(words(merged[-1])) < MIN_CLAUSE_WORDS):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged if len(merged) > 1 else []


# Finer than a claim: where a relative, subordinate, coordinated or participle clause adds a second fact to
# one claim ("…, who offered his full support", "… after Putin launched an invasion", "…, and took him for a
# drive", "…, pointing to the 28,000 troops"). Sub-claims refine a claim's support; they are never cut alone.
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|scores"
# a count, with the qualifier it may carry ("at least 21", "more than 700", "two", "dozens")
_COUNT = rf"(?:(?:at least|more than|about|some|nearly|almost|over|up to)\s+)?(?:\d|(?:{_NUMBER_WORDS})\b)"
_SUBCLAIM_BREAK = re.compile(
    r"\s*(?:;|—|–)\s*"
    r"|,\s+(?=(?:while|whereas|which|who|whom|whose|where|after|before|as|and|but|with|without|saying|adding"
    r"|(?-i:(?!(?:accord|includ|dur|regard|concern|follow|morn|even|build|bring|th)ing\b)[a-z]+ing))\s)"
    r"|\s(?=(?:after|since|because|while|whereas|although|when|before)\s)"
    # a second count joined to the first ("killing two people and wounding 21"): outlets that agree on one
    # figure give the other differently as the day goes on, so each is its own sub-claim
    rf"|\s+and\s+(?=[a-z]+(?:ing|ed)\s+{_COUNT}|{_COUNT}\S*(?:\s+[a-z]+){{0,2}}\s+[a-z]+(?:ed|ing)\b)",
    re.IGNORECASE,
)
_COUNTED = re.compile(_COUNT, re.IGNORECASE)


def clause_spans(
    text: str, start: int, end: int, min_words: int = MIN_CLAIM_WORDS, finer: bool = False
) -> list[tuple[int, int]]:
    """The claims of ``text[start:end]``: (start, end) of each clause, cut where a second fact usually starts
    (as ``clauses``; with ``finer``, at every relative, subordinate or participle clause too) and trimmed of
    the break's punctuation; a part too short to state a fact joins the one before it (or the next, at the
    start). One span, the whole, when there is nothing to cut."""
    pattern = _SUBCLAIM_BREAK if finer else _CLAIM_BREAK
    cuts = [(m.start(), m.end()) for m in pattern.finditer(text, start, end) if m.start() > start]
    spans: list[tuple[int, int]] = []
    cursor = start
    for cut_start, cut_end in cuts:
        spans.append((cursor, cut_start))
        cursor = cut_end
    spans.append((cursor, end))
    merged: list[tuple[int, int]] = []
    for span in spans:
        if not text[span[0] : span[1]].strip():
            continue
        part, previous = text[span[0] : span[1]], text[merged[-1][0] : merged[-1][1]] if merged else ""
        short = len(words(part)) < min_words or len(words(previous)) < min_words
        if merged and short and not (finer and _counted_pair(previous, part)):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged or [(start, end)]


def _counted_pair(first: str, second: str) -> bool:
    """Two short parts that each give a count ("killing two people", "wounding 21") stand apart."""
    return len(words(first)) >= 2 and len(words(second)) >= 2 and all(_COUNTED.search(p) for p in (first, second))


def dice(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return 2.0 * len(first & second) / (len(first) + len(second))


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part`` found in ``whole``."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)
