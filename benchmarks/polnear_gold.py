"""PolNeAR gold for the quotation benchmark: direct quotations, their sources and the kind of each source.

A direct quotation is a quote-marked part of an attribution's ``Content`` span (BRAT standoff), its speaker the
linked ``Source``. Kinds of source, read from the source phrase: ``pronoun`` ("he"); ``relayed`` (the quotation
also sits inside another attribution's content, whose source relayed it); ``role noun`` (the head is a common
noun: "the chief justice", "a spokesman for X", "Obama's former campaign strategist"); ``apposition`` (a name
with a description after it: "Michael Oppenheimer, a professor ..."); ``named`` (a name, with any title before
it: "White House press secretary Josh Earnest"). The gold links no pronoun or role noun to a name, so a proxy
stands in: the last named source of the article before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("named", "apposition", "relayed", "role noun", "pronoun")
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"})
_QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
_PARENTHESES = re.compile(r"\([^)]*\)")
_DESCRIPTION = re.compile(r",|\bwho\b|\bwhich\b")


@dataclass(frozen=True)
class _Attribution:
    source: str
    source_start: int
    content: tuple[int, int]


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    source: str
    name: str  # the source up to its description: "Michael Oppenheimer" of "Michael Oppenheimer, a professor"
    kind: str
    antecedent: str | None  # role nouns and pronouns: the last named source before it (a proxy)
    relay: str | None  # relayed: the source of the enclosing attribution


def last_word(phrase: str) -> str:
    """The last word of a name, without parentheses, possessive or punctuation, case folded."""
    words = _PARENTHESES.sub(" ", _DESCRIPTION.split(phrase)[0]).split()
    if not words:
        return ""
    word = re.sub(r"(?:['’]s|['’])$", "", words[-1].strip(".,;:\"“”'’()"))
    return word.casefold()


def name_words(phrase: str) -> set[str]:
    """The last words a name can be judged by: "Gov. Earl Ray Tomblin of West Virginia" gives both "virginia"
    and "tomblin", "Mr. Morgan of the Sierra Club" both "club" and "morgan"."""
    name = _name_part(phrase)
    return {last_word(name), *(last_word(part) for part in name.split(" of ")[:1])} - {""}


def _name_part(source: str) -> str:
    return " ".join(_PARENTHESES.sub(" ", _DESCRIPTION.split(source)[0]).split())


def _is_named(source: str, text: str) -> bool:
    """Whether the source's head is a name: capitalised, and (when it opens the phrase alone) capitalised
    inside a sentence somewhere in the article too ("Protesters" at a sentence start is no name)."""
    if source.strip().lower() in PRONOUNS:
        return False
    words = _name_part(source).split()
    if not words:
        return False
    head = words[-1].strip(".,;:\"“”'’()")
    head = re.sub(r"(?:['’]s|['’])$", "", head)
    if not head or not head[0].isupper():
        return False
    if len(words) > 1:
        return True
    return re.search(r"[a-z,] " + re.escape(head) + r"\b", text) is not None


def _attributions(annotation: str) -> list[_Attribution]:
    spans: dict[str, tuple[int, int, str]] = {}
    links: list[dict[str, str]] = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 3:
            numbers = [int(n) for n in re.findall(r"\d+", fields[1])]
            spans[fields[0]] = (min(numbers), max(numbers), fields[2])
        elif line.startswith("E") and len(fields) >= 2:
            links.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    found = []
    for link in links:
        content, source = spans.get(link.get("Content", "")), spans.get(link.get("Source", ""))
        if content is not None and source is not None:
            found.append(_Attribution(source[2], source[0], (content[0], content[1])))
    return found


def read_gold(text: str, annotation: str) -> list[GoldQuote]:
    attributions = _attributions(annotation)
    named_sources = sorted((a.source_start, a.source) for a in attributions if _is_named(a.source, text))
    quotes: dict[tuple[int, int], GoldQuote] = {}
    for attribution in sorted(attributions, key=lambda a: a.content[1] - a.content[0], reverse=True):
        low, high = attribution.content
        for match in _QUOTED.finditer(text, low, high):
            start, end = match.start(1), match.end(1)
            enclosing = [
                other for other in attributions
                if other is not attribution and other.content[0] <= low and high <= other.content[1]
                and other.content != attribution.content and other.source_start != attribution.source_start
            ]  # fmt: skip
            relay = min(enclosing, key=lambda a: a.content[1] - a.content[0]).source if enclosing else None
            source = attribution.source
            if source.strip().lower() in PRONOUNS:
                kind = "pronoun"
            elif relay is not None:
                kind = "relayed"
            elif not _is_named(source, text):
                kind = "role noun"
            else:
                kind = "apposition" if _DESCRIPTION.search(source) else "named"
            before = [name for at, name in named_sources if at < attribution.source_start]
            antecedent = _name_part(before[-1]) if kind in ("role noun", "pronoun") and before else None
            # innermost attribution wins: sorted widest first, so later (narrower) ones overwrite
            quotes[(start, end)] = GoldQuote(start, end, source, _name_part(source), kind, antecedent, relay)
    return [quotes[key] for key in sorted(quotes)]
