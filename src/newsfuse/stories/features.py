"""What the grouper knows about one article: a lead embedding, salient entity names, the days its lead reports,
a date, a MinHash."""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np
from datasketch import MinHash
from numpy.typing import NDArray
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.model import DATELINE, HEADLINE_MAX_WORDS, AnnotatedArticle

LEAD_SENTENCES = 3
LEAD_FALLBACK_CHARS = 600
HEADLINE_CHARS = 200
# an untitled article's headline: as many words as a gist may have (the shared bound), and at least as many as
# a statement needs
HEADLINE_WORDS = HEADLINE_MAX_WORDS
HEADLINE_MIN_WORDS = 4
MINHASH_SCHEME = "affine32"

# NORP ("American", "Democrats") names a group, not a participant: it links every story of a topic.
_SALIENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
# The lead says when the event happened ("on Friday", "May 3, 2013"); later sentences give background dates.
_EVENT_DAY_SENTENCES = 4
# Names in the opening sentences say what the story is about; later ones are often background.
_SALIENT_OPENING_SENTENCES = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s$")


def lead_text(annotated: AnnotatedArticle) -> str:
    """Title plus the first sentences: what an article says its story is. The text that gets embedded."""
    text = annotated.article.text
    lead = " ".join(text[s.start : s.end] for s in annotated.sentences[:LEAD_SENTENCES])
    if not lead:
        lead = " ".join(text[:LEAD_FALLBACK_CHARS].split())
    return f"{annotated.article.title or ''}. {lead}".strip(". ")


def normalise_name(text: str) -> str:
    """Mention text → a comparable key: case, possessive, leading article and spacing ignored."""
    name = unicodedata.normalize("NFKC", text).lower().strip()
    name = _POSSESSIVE.sub("", name)
    name = _LEADING_ARTICLE.sub("", name)
    return " ".join(name.split())


def salient_names(annotated: AnnotatedArticle) -> frozenset[str]:
    """Normalised names of the entities an article is about: named in the title or the opening
    sentences, or named at least twice. A multi-word person also counts by surname (later mentions)."""
    counts: Counter[str] = Counter()
    early: set[str] = set()
    for mention in annotated.mentions:
        if mention.label not in _SALIENT_LABELS:
            continue
        name = normalise_name(mention.text)
        if len(name) < 2:
            continue
        keys = [name]
        if mention.label == "PERSON" and " " in name:
            keys.append(name.rsplit(" ", 1)[1])
        for key in keys:
            counts[key] += 1
            if mention.sentence < _SALIENT_OPENING_SENTENCES:
                early.add(key)
    title = normalise_name(annotated.article.title or "")
    in_title = {name for name in counts if title and re.search(rf"\b{re.escape(name)}\b", title)}
    return frozenset(name for name, count in counts.items() if count >= 2 or name in early or name in in_title)


def event_days(annotated: AnnotatedArticle, absolute_only: bool = False) -> frozenset[date]:
    """The days the lead says things happened on ("on Friday" resolved against the publication date, "May 3,
    2013"), future ones left out. ``absolute_only``: only the dates the text states in full."""
    days: set[date] = set()
    for expression in annotated.times:
        if expression.sentence >= _EVENT_DAY_SENTENCES or expression.future or expression.granularity != "day":
            continue
        if absolute_only and expression.relative:
            continue
        try:
            days.add(date.fromisoformat(expression.value or ""))
        except ValueError:
            continue
    return frozenset(days)


def day_gap(days: frozenset[date] | set[date], others: frozenset[date] | set[date]) -> int | None:
    """Days between the nearest two of two sets of days; None when either is empty."""
    if not days or not others:
        return None
    ordered = sorted(others)
    best: int | None = None
    for day in days:
        at = bisect_left(ordered, day)
        for other in ordered[max(0, at - 1) : at + 1]:
            gap = abs((day - other).days)
            best = gap if best is None else min(best, gap)
    return best


def word_shingles(text: str, size: int) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash_of(text: str, shingle_words: int, permutations: int) -> MinHash:
    signature = MinHash(num_perm=permutations, seed=1, scheme=MINHASH_SCHEME)
    shingles = word_shingles(text, shingle_words)
    if shingles:
        signature.update_batch(list(shingles))
    return signature


def term_weights(annotated: AnnotatedArticle) -> dict[str, float]:
    """Content words of title and body with sublinear counts, scaled to unit length (the lexical view)."""
    counts = Counter(
        word
        for word in (w.lower() for w in _WORD.findall(f"{annotated.article.title or ''} {annotated.article.text}"))
        if len(word) > 2 and not word.isdigit() and word not in ENGLISH_STOP_WORDS
    )
    weights = {word: 1.0 + math.log(count) for word, count in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {word: w / norm for word, w in weights.items()}


def _clip(text: str) -> str:
    """A title of at most HEADLINE_CHARS (a longer one is page furniture run together), cut at a word boundary
    with an ellipsis rather than mid-word. Sentences are never clipped: see ``headline_candidate``."""
    text = " ".join(text.split())
    if len(text) <= HEADLINE_CHARS:
        return text
    return text[: HEADLINE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def without_dateline(text: str) -> str:
    """The text less a wire dateline at its start ("MUNICH, Germany (AP) _ ", "WASHINGTON — "): a place and
    a credit, not what the story is about."""
    match = DATELINE.match(text)
    return (text[match.end() :] if match else text).strip()


def headline_candidate(annotated: AnnotatedArticle) -> str | None:
    """The title; an untitled article (a wire report, a DUC document) is named by the gist of its first
    sentence (its main clause in a few words, read from the parse by the analyse stage), or of the next one
    when the first is a dateline standing alone; without a gist, by that sentence whole when it has a
    headline's length (``HEADLINE_WORDS``), else by the gist of a later sentence, else by the first later one
    short enough whole; else by none (the brief names the story from its lead claims): a headline of a few
    words, never a sentence cut with "…"."""
    if annotated.article.title and annotated.article.title.strip():
        return _clip(annotated.article.title)
    if not annotated.sentences:
        return _whole(without_dateline(annotated.article.text))
    for position in range(min(2, len(annotated.sentences))):
        sentence = without_dateline(annotated.sentence_text(position))
        if not sentence:
            continue
        later = range(position + 1, len(annotated.sentences))
        return (
            annotated.sentence_gist(position)
            or _whole(sentence)
            or next((gist for i in later if (gist := annotated.sentence_gist(i))), None)
            or next((whole for i in later if (whole := _whole(without_dateline(annotated.sentence_text(i))))), None)
        )
    return None


def _whole(sentence: str) -> str | None:
    """A sentence short enough to head a story as it stands, less its closing mark; None when it is longer, a
    fragment of a few words ("AP", "EXCLUSIVE:") or no sentence's start (not on a capital)."""
    words = sentence.split()
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_WORDS or not words[0][:1].isupper():
        return None
    return " ".join(words).rstrip(" .,;:")


@dataclass
class ArticleFeatures:
    """One article as the story index holds it (small: the text itself is not kept)."""

    id: str
    vector: NDArray[np.float32]
    names: frozenset[str]
    published: date | None
    headline: str | None
    length: int
    signature: NDArray[np.uint64]
    terms: dict[str, float]
    days: frozenset[date] = frozenset()  # the days the lead reports: see event_days
    stated_days: frozenset[date] = frozenset()  # the lead's own absolute dates ("May 3, 2013"), no publication day


def article_features(
    annotated: AnnotatedArticle, vector: NDArray[np.float32], shingle_words: int, permutations: int
) -> ArticleFeatures:
    norm = float(np.linalg.norm(vector))
    unit = (vector / norm if norm > 0 else vector).astype(np.float32)
    signature = minhash_of(annotated.article.text, shingle_words, permutations)
    return ArticleFeatures(
        id=annotated.article.id,
        vector=unit,
        names=salient_names(annotated),
        published=annotated.article.published,
        headline=headline_candidate(annotated),
        length=len(annotated.article.text),
        signature=signature.hashvalues.astype(np.uint64),
        terms=term_weights(annotated),
        days=event_days(annotated),
        stated_days=event_days(annotated, absolute_only=True),
    )
