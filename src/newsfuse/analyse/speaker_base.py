"""What every speaker module shares: a speaker's span, the test for a reporting verb, bounded walks up the parse."""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from .quote_settings import QuoteSettings
from .speaker_words import REPORTING

SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Speaker:
    start: int
    end: int
    label: str  # an entity label, "NP" for a description (a noun phrase), "PRON" for an unresolved pronoun


def inside_any(offset: int, inside: Sequence[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls in one of the sorted, non-nested ``inside`` spans."""
    index = bisect_right(inside, (offset, sys.maxsize)) - 1
    return index >= 0 and inside[index][0] <= offset < inside[index][1]


def is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return any(child.lower_ == "to" for child in token.children)
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING


def ancestors(token: Token, settings: QuoteSettings) -> Iterable[Token]:
    """The token's heads up to the root, at most ``max_climb`` of them."""
    for count, ancestor in enumerate(token.ancestors):
        if count >= settings.max_climb:
            return
        yield ancestor
