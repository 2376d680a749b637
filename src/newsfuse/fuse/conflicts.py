"""Conflicts: aligned facts whose numbers, dates, names or attributions differ.

Conservative by design: a conflict is reported only where two independent sources clearly speak of the
same thing and give it different values.

* number: two sentences of one fact group (different families, published within a day of each other)
  count the same unit after the same word differently, and neither side also gives the other's value;
* date: two such sentences each carry one resolved date, of the same granularity, and the dates disagree
  (2022 and 2022-02 agree);
* attribution: the same words (near-verbatim) are quoted from different speakers by different sources;
* name: the same common noun about the same place is qualified by different proper names in related
  sentences of different sources ("X sanctions on Y" against "Z sanctions on Y").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.fuse.facts import SentenceUnit
from newsfuse.fuse.quotes import speaker_key
from newsfuse.fuse.text import clauses, containment, content_stems, stem, words
from newsfuse.model import (
    AnnotatedArticle,
    Conflict,
    ConflictSide,
    Entity,
    FactGroup,
    Mention,
    Quotation,
)

SAME_DAY_TOLERANCE = 0  # days between two reports' publication for their counts and dates to be comparable
RELATED_SCORE = 0.5  # sentence pair score above which two sentences of a story are about the same matter
ATTRIBUTION_OVERLAP = 0.8
ATTRIBUTION_MIN_WORDS = 4
_PREMODIFIER_WORDS = 4
_TOKEN = re.compile(r"\S+")
# A capital stands for its country in news copy ("Moscow said"): the same target either way.
_CAPITALS = {
    "moscow": "russia", "kyiv": "ukraine", "kiev": "ukraine", "washington": "united states", "beijing": "china",
    "pyongyang": "north korea", "seoul": "south korea", "tokyo": "japan", "london": "united kingdom",
    "paris": "france", "berlin": "germany", "tehran": "iran", "jerusalem": "israel", "ankara": "turkey",
    "new delhi": "india", "islamabad": "pakistan", "kabul": "afghanistan", "damascus": "syria",
    "baghdad": "iraq", "cairo": "egypt", "riyadh": "saudi arabia", "caracas": "venezuela", "havana": "cuba",
    "minsk": "belarus", "taipei": "taiwan", "hanoi": "vietnam", "brussels": "european union",
}
_COUNTRY_ALIASES = {"us": "united states", "usa": "united states", "uk": "united kingdom", "dprk": "north korea"}


def find_conflicts(
    story_id: str,
    articles: Sequence[AnnotatedArticle],
    facts: Sequence[FactGroup],
    units: Sequence[SentenceUnit],
    scores: NDArray[np.float64],
    family_of: dict[str, str],
    entities: Sequence[Entity] = (),
) -> list[Conflict]:
    by_id = {a.article.id: a for a in articles}
    names = {e.id: e.name for e in entities}
    unit_index = {(u.ref.article_id, u.ref.sentence): i for i, u in enumerate(units)}
    conflicts: list[Conflict] = []
    for group in facts:
        for first, second in _cross_family_pairs(group, family_of):
            a, b = by_id[first.article_id], by_id[second.article_id]
            if not _same_news_day(a, b):
                continue  # a later report updates counts and dates: that is news, not disagreement
            conflicts.extend(_number_conflicts(group.id, a, first.sentence, b, second.sentence))
            conflicts.extend(_date_conflicts(group.id, a, first.sentence, b, second.sentence))
    conflicts.extend(_attribution_conflicts(articles, family_of))
    conflicts.extend(_name_conflicts(articles, units, unit_index, scores, family_of, names, facts))
    unique: dict[str, Conflict] = {}
    for conflict in conflicts:
        key = "|".join(sorted(f"{s.article_id}:{s.start}:{s.end}" for s in conflict.sides)) + conflict.kind
        identifier = "conflict-" + hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:12]
        unique.setdefault(identifier, conflict.model_copy(update={"id": identifier}))
    return list(unique.values())


def _cross_family_pairs(group: FactGroup, family_of: dict[str, str]) -> Iterator[tuple[_Ref, _Ref]]:
    members = [_Ref(m.article_id, m.sentence) for m in group.members]
    for i, first in enumerate(members):
        for second in members[i + 1 :]:
            if family_of.get(first.article_id, first.article_id) != family_of.get(second.article_id, second.article_id):
                yield first, second


@dataclass(frozen=True)
class _Ref:
    article_id: str
    sentence: int


def _side(article: AnnotatedArticle, start: int, end: int, value: str) -> ConflictSide:
    return ConflictSide(article_id=article.article.id, start=start, end=end, value=value)


def _number_conflicts(
    group_id: str, a: AnnotatedArticle, sa: int, b: AnnotatedArticle, sb: int
) -> Iterator[Conflict]:
    left = [n for n in a.numbers if n.sentence == sa and n.unit]
    right = [n for n in b.numbers if n.sentence == sb and n.unit]
    for unit in {n.unit for n in left} & {n.unit for n in right}:
        left_values = {n.value for n in left if n.unit == unit}
        right_values = {n.value for n in right if n.unit == unit}
        if left_values & right_values or len(left_values) != 1 or len(right_values) != 1:
            continue  # a shared value means the sentences agree on it; several values are different counts
        x = next(n for n in left if n.unit == unit)
        y = next(n for n in right if n.unit == unit)
        if _word_before(a, x.start) != _word_before(b, y.start):
            continue  # "killed 12 people" and "injured 15 people" count different things
        yield Conflict(
            id="",
            kind="number",
            fact_group_id=group_id,
            description=f"{_outlet(a)} says {x.text} {unit}, {_outlet(b)} says {y.text} {unit}",
            sides=[_side(a, x.start, x.end, x.text), _side(b, y.start, y.end, y.text)],
        )


def _same_news_day(a: AnnotatedArticle, b: AnnotatedArticle) -> bool:
    """Both reports of one news day, from different outlets (an outlet's later version updates itself)."""
    if a.article.outlet and a.article.outlet == b.article.outlet:
        return False
    first = a.reference_date or a.article.published
    second = b.reference_date or b.article.published
    return first is not None and second is not None and abs((first - second).days) <= SAME_DAY_TOLERANCE


def _word_before(article: AnnotatedArticle, offset: int) -> str | None:
    """The stem of the content word closest before ``offset`` in its sentence: the role of a number."""
    start = max((s.start for s in article.sentences if s.start <= offset), default=0)
    for word in reversed(words(article.article.text[start:offset])):
        stems = content_stems(word)
        if stems:
            return next(iter(stems))
    return None


def _date_conflicts(group_id: str, a: AnnotatedArticle, sa: int, b: AnnotatedArticle, sb: int) -> Iterator[Conflict]:
    left = [t for t in a.times if t.sentence == sa and t.value and not t.future]
    right = [t for t in b.times if t.sentence == sb and t.value and not t.future]
    if len(left) != 1 or len(right) != 1:
        return  # several dates in a sentence: we cannot tell which of them the other side's date is about
    x, y = left[0], right[0]
    if x.granularity != y.granularity or x.value is None or y.value is None:
        return
    if x.value.startswith(y.value) or y.value.startswith(x.value):
        return
    yield Conflict(
        id="",
        kind="date",
        fact_group_id=group_id,
        description=f"{_outlet(a)} dates it {x.value} ({x.text}), {_outlet(b)} {y.value} ({y.text})",
        sides=[_side(a, x.start, x.end, x.value), _side(b, y.start, y.end, y.value)],
    )


def _attribution_conflicts(articles: Sequence[AnnotatedArticle], family_of: dict[str, str]) -> Iterator[Conflict]:
    outlets = {" ".join(a.article.outlet.lower().split()) for a in articles if a.article.outlet}
    # an agency named as the speaker, or a relayed quotation, is a channel, not a rival speaker
    quoted = [
        (a, q, content_stems(q.text))
        for a in articles
        for q in a.quotations
        if speaker_key(q) and q.via is None and " ".join((q.speaker or "").lower().split()) not in outlets
    ]
    for i, (a, x, x_stems) in enumerate(quoted):
        for b, y, y_stems in quoted[i + 1 :]:
            if family_of.get(a.article.id, a.article.id) == family_of.get(b.article.id, b.article.id):
                continue
            if speaker_key(x) == speaker_key(y) or not _same_words(x_stems, y_stems):
                continue
            yield Conflict(
                id="",
                kind="attribution",
                fact_group_id=None,
                description=f"{_outlet(a)} attributes the words to {x.speaker}, {_outlet(b)} to {y.speaker}",
                sides=[_speaker_side(a, x), _speaker_side(b, y)],
            )


def _same_words(first: frozenset[str], second: frozenset[str]) -> bool:
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= ATTRIBUTION_MIN_WORDS and containment(shorter, longer) >= ATTRIBUTION_OVERLAP


def _speaker_side(article: AnnotatedArticle, quotation: Quotation) -> ConflictSide:
    if quotation.speaker_span is not None:
        span = quotation.speaker_span
        return _side(article, span.start, span.end, article.article.text[span.start : span.end])
    return _side(article, quotation.start, quotation.end, quotation.speaker or "")


# ---------------------------------------------------------------- names


@dataclass(frozen=True)
class _Qualified:
    """A common noun qualified by proper names ("U.S.-led Western sanctions"), with the places its clause names."""

    article_index: int
    sentence: int
    noun: str
    modifiers: frozenset[str]
    modifier_start: int
    noun_end: int
    targets: frozenset[str]
    names_body: bool = False  # a qualifier is an organisation (UN, EU, NATO)


def _name_conflicts(
    articles: Sequence[AnnotatedArticle],
    units: Sequence[SentenceUnit],
    unit_index: dict[tuple[str, int], int],
    scores: NDArray[np.float64],
    family_of: dict[str, str],
    names: dict[str, str],
    facts: Sequence[FactGroup],
) -> Iterator[Conflict]:
    qualified = [q for index, a in enumerate(articles) for q in _qualified_nouns(index, a, names)]
    group_of = {(m.article_id, m.sentence): g.id for g in facts for m in g.members}
    for i, x in enumerate(qualified):
        for y in qualified[i + 1 :]:
            a, b = articles[x.article_index], articles[y.article_index]
            if family_of.get(a.article.id, a.article.id) == family_of.get(b.article.id, b.article.id):
                continue
            if x.noun != y.noun or not (x.targets & y.targets) or _same_names(x.modifiers, y.modifiers):
                continue
            if not (x.names_body or y.names_body):
                continue  # nationality words alone ("British officials") describe people, not who acted
            first = unit_index.get((a.article.id, x.sentence))
            second = unit_index.get((b.article.id, y.sentence))
            if first is None or second is None or not scores[first, second] >= RELATED_SCORE:
                continue
            left = a.article.text[x.modifier_start : x.noun_end]
            right = b.article.text[y.modifier_start : y.noun_end]
            same_group = group_of.get((a.article.id, x.sentence))
            yield Conflict(
                id="",
                kind="name",
                fact_group_id=same_group if same_group == group_of.get((b.article.id, y.sentence)) else None,
                description=f"{_outlet(a)} says {left!r}, {_outlet(b)} says {right!r}",
                sides=[_side(a, x.modifier_start, x.noun_end, left), _side(b, y.modifier_start, y.noun_end, right)],
            )


def _qualified_nouns(article_index: int, annotated: AnnotatedArticle, names: dict[str, str]) -> Iterator[_Qualified]:
    text = annotated.article.text
    for index, sentence in enumerate(annotated.sentences):
        mentions = [m for m in annotated.mentions if m.sentence == index]
        persons = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
        tokens = [(m.start() + sentence.start, m.end() + sentence.start, m.group())
                  for m in _TOKEN.finditer(text[sentence.start : sentence.end])]
        for position, (start, end, token) in enumerate(tokens):
            noun = token.strip(".,;:!?\"'“”‘’()")
            # a past form ("Russia signed") is a verb after its subject, not a qualified noun
            if len(noun) < 4 or not noun.isalpha() or not noun.islower() or noun.endswith("ed"):
                continue
            if not content_stems(noun):
                continue
            modifiers: list[tuple[int, str]] = []
            for before_start, _, before in reversed(tokens[max(0, position - _PREMODIFIER_WORDS) : position]):
                word = before.strip("\"'“”‘’()")
                if not _is_qualifier(word, before, before_start, persons):
                    break
                modifiers.append((before_start, word))
            if not modifiers:
                continue
            modifier_start = min(s for s, _ in modifiers)
            clause = _clause_span(text, sentence.start, sentence.end, start)
            targets = frozenset(
                _place(m, names) for m in mentions
                if m.label == "GPE" and clause[0] <= m.start < clause[1] and not modifier_start <= m.start < end
            )
            organisations = any(
                m.label == "ORG" and modifier_start <= m.start < start for m in mentions
            )
            if targets:
                head, head_end = _compound_head(tokens, position)
                yield _Qualified(
                    article_index=article_index,
                    sentence=index,
                    noun=stem(head),
                    modifiers=frozenset(_normal_name(w) for _, w in modifiers),
                    modifier_start=modifier_start,
                    noun_end=head_end,
                    targets=targets,
                    names_body=organisations,
                )


def _compound_head(tokens: Sequence[tuple[int, int, str]], position: int) -> tuple[str, int]:
    """The head of the noun compound starting at ``tokens[position]`` ("trade sanctions" → "sanctions") and
    where it ends: following lower-case content words extend it, up to two, until punctuation."""
    last = position
    while last + 1 < len(tokens) and last - position < 2 and tokens[last][2][-1:].isalpha():
        word = tokens[last + 1][2].rstrip(".,;:!?\"'“”‘’()")
        if not word.isalpha() or not word.islower() or word.endswith(("ed", "ly")) or word in ENGLISH_STOP_WORDS:
            break
        last += 1
    start, _, token = tokens[last]
    head = token.rstrip(".,;:!?\"'“”‘’()")
    return head, start + len(head)


def _is_qualifier(word: str, token: str, start: int, persons: Sequence[tuple[int, int]]) -> bool:
    """A proper name used as a qualifier: capitalised, no function word, no possessive or person (a subject
    or an owner, not the body the noun belongs to), and no clause punctuation after it."""
    if not word or not word[0].isupper() or token[-1:] in ",;:":
        return False
    if word.lower() in ENGLISH_STOP_WORDS and not word.isupper():  # "UN" is a body, "Un" would not be
        return False
    if word.endswith(("'s", "’s")):
        return False
    return not any(s <= start < e for s, e in persons)


def _clause_span(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The character range of the clause of ``text[start:end]`` that holds ``offset``."""
    sentence = text[start:end]
    cursor = 0
    for clause in clauses(sentence) or [sentence]:
        found = sentence.find(clause.split(" ")[0], cursor)
        clause_start = start + (found if found >= 0 else cursor)
        clause_end = clause_start + len(clause)
        if clause_start <= offset < clause_end:
            return clause_start, clause_end
        cursor = max(cursor, clause_end - start)
    return start, end


def _place(mention: Mention, names: dict[str, str]) -> str:
    name = names.get(mention.entity_id or "", mention.text)
    normal = " ".join(name.lower().replace(".", "").split())
    normal = _COUNTRY_ALIASES.get(normal, normal)
    return _CAPITALS.get(normal, normal)


def _normal_name(word: str) -> str:
    word = re.sub(r"-(led|backed|based|sponsored|brokered)$", "", word, flags=re.IGNORECASE)
    return word.replace(".", "").lower()


def _same_names(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two sets of qualifying names can name the same body: shared name, or an acronym of the other."""
    if first & second:
        return True
    first_initials = "".join(w[0] for w in sorted(first) if w)
    second_initials = "".join(w[0] for w in sorted(second) if w)
    return any(w == second_initials for w in first) or any(w == first_initials for w in second)


def _outlet(article: AnnotatedArticle) -> str:
    source = article.article.source
    file_name = PurePath(source).name if source and source != "stdin" else None
    return article.article.outlet or file_name or article.article.title or article.article.id
