"""Entity mentions: spaCy's named entities, trimmed to the name ("the", a possessive "'s" go)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import get_args

from spacy.tokens import Doc, Token

from newsfuse.model import EntityLabel, Mention

_KEPT_LABELS: frozenset[str] = frozenset(get_args(EntityLabel)) - {"OTHER"}
_LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


def find_mentions(doc: Doc, text: str, sentence_of: Callable[[int], int]) -> list[Mention]:
    """Named-entity mentions of the kinds the later stages use; numbers, dates and quantities are not names."""
    mentions: list[Mention] = []
    for entity in doc.ents:
        if entity.label_ not in _KEPT_LABELS:
            continue
        start, end = entity.start_char, entity.end_char
        leading = _LEADING_ARTICLE.match(text, start, end)
        if leading:
            start = leading.end()
        possessive = _POSSESSIVE.search(text, start, end)
        if possessive:
            end = possessive.start()
        while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
            end -= 1
        if end <= start:
            continue
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=text[start:end],
                label=entity.label_,
                sentence=sentence_of(start),
                subject=_is_subject(entity.root),
            )
        )
    return mentions


# links by which a name stands in for the noun it hangs from: "two actors, Greta Gerwig and David Krumholtz"
_STANDS_FOR_HEAD = frozenset({"compound", "appos", "conj", "flat"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _is_subject(root: Token) -> bool:
    """Whether the name is who its clause is about: the subject, or a name in apposition to or joined with it."""
    token = root
    while token.dep_ in _STANDS_FOR_HEAD and token.head is not token:
        token = token.head
    return token.dep_ in _SUBJECTS
