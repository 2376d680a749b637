"""Conflicts: slots of the story's event that independent sources fill with different values.

* number: quantities of one dimension whose surroundings say they measure the same thing (``fuse/
  quantities.py``: the same counted noun or unit and a shared context word; not a part, a threshold or
  another event's figure), stated by different sources with values that do not agree once rounding and
  units are accounted for. The quantities linked this way form one slot, reported once with each value and
  the sources that give it. A slot is an **update** when its values follow each other in time (every
  source of an earlier value published before the first report of the next; for undated reports, the later
  value's sentence says so: "rose to", "now") and a **disagreement** otherwise;
* date: two sentences the support search aligned, each giving one resolved day for it, differently;
* attribution: the same words (near-verbatim) quoted from two different named people by different sources;
* name: the same body named differently for the same act (``fuse/names.py``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import PurePath

from newsfuse.fuse.facts import SupportMap
from newsfuse.fuse.names import name_conflicts
from newsfuse.fuse.quantities import CASUALTY_STEMS, Quantity, agree, comparable, counts_one_toll
from newsfuse.fuse.quantities import folded as _folded
from newsfuse.fuse.quotes import speaker_key
from newsfuse.fuse.text import containment, content_stems, words
from newsfuse.fuse.text import stem as stem_of
from newsfuse.model import (
    AnnotatedArticle,
    Conflict,
    ConflictSide,
    ConflictValue,
    Entity,
    FusionSettings,
    Quotation,
    TimeExpression,
)

# Context words too common to make two counts one slot on their own ("said", "people", "year").
_COMMON_SLOT_WORDS = frozenset({"peopl", "year", "time", "day", "report", "offici"})
_UPDATE_CUES = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|now|latest|so far|by late|updated|revised|has grown|swelled)\b",
    re.IGNORECASE,
)


def find_conflicts(
    story_id: str,
    articles: Sequence[AnnotatedArticle],
    support: SupportMap,
    source_of: dict[str, str],
    entities: Sequence[Entity],
    settings: FusionSettings,
) -> list[Conflict]:
    names = {e.id: e.name for e in entities}
    conflicts: list[Conflict] = []
    conflicts.extend(_number_conflicts(articles, support, source_of, settings))
    conflicts.extend(_date_conflicts(articles, support, source_of, settings))
    conflicts.extend(_attribution_conflicts(articles, source_of, entities, settings))
    sentence_units: dict[tuple[int, int], list[int]] = {}
    for index, unit in enumerate(support.units):
        sentence_units.setdefault((unit.article_index, unit.sentence), []).append(index)

    def related(article: int, sentence: int, other_article: int, other_sentence: int) -> bool:
        """Some claim of one sentence and some claim of the other were judged alike enough, or the two
        sentences share what the named act is done to (the noun and its place already match)."""
        if _shared_rare_stems(support, sentence_units.get((article, sentence), []),
                              sentence_units.get((other_article, other_sentence), [])):
            return True
        for first in sentence_units.get((article, sentence), []):
            for second in sentence_units.get((other_article, other_sentence), []):
                judged = support.judged.get((min(first, second), max(first, second)))
                if judged is not None and judged[0] >= settings.conflict_alignment:
                    return True
        return False

    conflicts.extend(name_conflicts(articles, source_of, names, related, outlet_label))
    unique: dict[str, Conflict] = {}
    for conflict in conflicts:
        key = "|".join(sorted(f"{s.article_id}:{s.start}:{s.end}" for s in conflict.sides)) + conflict.kind
        identifier = "conflict-" + hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:12]
        unique.setdefault(identifier, conflict.model_copy(update={"id": identifier}))
    return list(unique.values())


def _shared_rare_stems(support: SupportMap, first: list[int], second: list[int]) -> bool:
    if support.story is None:
        return False
    stems_a = {s for i in first for s in support.units[i].stems}
    stems_b = {s for i in second for s in support.units[i].stems}
    rare = [s for s in stems_a & stems_b if support.story.idf.get(s, 0.0) >= support.story.rare_idf]
    return len(rare) >= 2


def outlet_label(article: AnnotatedArticle) -> str:
    source = article.article.source
    file_name = PurePath(source).name if source and source != "stdin" else None
    return article.article.outlet or file_name or article.article.title or article.article.id


# ---------------------------------------------------------------- numbers


def _number_conflicts(
    articles: Sequence[AnnotatedArticle], support: SupportMap, source_of: dict[str, str], settings: FusionSettings
) -> Iterator[Conflict]:
    # durations ("11 years", "two years") are prison terms, ages and periods of every kind in one story, and
    # their words seldom say which: they are not compared
    quantities = [
        (u.source, q) for u in support.units for q in u.quantities
        if u.parent is None and not q.partial and q.dimension != "duration"  # a sub-claim repeats its claim's
    ][: settings.max_quantities]
    unit_index = {
        id(q): index for index, u in enumerate(support.units) for q in u.quantities if u.parent is None
    }
    idf = support.story.idf if support.story is not None else None

    def probability(x: Quantity, y: Quantity) -> float:
        first, second = unit_index.get(id(x)), unit_index.get(id(y))
        if first is None or second is None:
            return 0.0
        judged = support.judged.get((min(first, second), max(first, second)))
        return judged[0] if judged is not None else 0.0

    def linked(x: Quantity, y: Quantity, similar: float, strict: bool) -> bool:
        """One slot: their words say the same thing is measured and, for counts (everywhere in news: "two
        years", "six men"), something names what is counted (the same verb, noun or condition) or the
        support search found that their claims state one fact; or their claims state the same fact (judged to support
        each other) each with one count of the same noun ("more than 150 migrants have crossed into
        Croatia", "by late afternoon, more than 600 migrants walked ... into Croatia")."""
        if comparable(x, y, idf, similar, strict, settings):
            if x.dimension != "count":
                return True
            shared = (x.context & y.context) - _COMMON_SLOT_WORDS
            named = (x.predicate is not None and x.predicate == y.predicate) or bool(x.status & y.status) or bool(
                x.unit and y.unit and content_stems(x.unit) & content_stems(y.unit)
            )
            if (shared or counts_one_toll(x, y)) and named:
                return True
            # nothing names what is counted ("a father of four", "three little girls"): the claims themselves
            # must be found to state one fact
            return probability(x, y) >= settings.support_threshold
        return _same_claim_count(x, y, support, unit_index) and probability(x, y) >= settings.support_threshold

    for members in _slots(quantities, list(range(len(quantities))), linked, settings, settings.similar_context):
        conflict = _slot_conflict([quantities[i] for i in members], articles, source_of, settings)
        if conflict is not None:
            yield conflict


def _same_claim_count(x: Quantity, y: Quantity, support: SupportMap, unit_index: dict[int, int]) -> bool:
    """Both are counts of one noun and of the same condition, each the only count its claim gives (a claim
    that counts the dead and the wounded is not one fact with one figure)."""
    if x.dimension != "count" or y.dimension != "count" or x.partial or y.partial or x.status != y.status:
        return False
    if not (x.unit and y.unit) or not content_stems(x.unit) & content_stems(y.unit):
        return False
    if x.predicate != y.predicate and {x.predicate, y.predicate} <= CASUALTY_STEMS:
        return False
    for quantity in (x, y):
        unit = support.units[unit_index[id(quantity)]]
        if sum(1 for q in unit.quantities if q.dimension == "count") != 1:
            return False
    return True


def _slots(
    quantities: Sequence[tuple[str, Quantity]],
    indices: Sequence[int],
    linked: Callable[[Quantity, Quantity, float, bool], bool],
    settings: FusionSettings,
    similar: float,
    strict: bool = False,
) -> Iterator[list[int]]:
    """Groups of the quantities that measure one thing (``linked``), each holding values of
    different sources that do not agree. A group with more values than one disputed figure has is several
    slots chained through loose links: it is split again with a stricter bar on the words around them."""
    parent = {i: i for i in indices}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    clashes: set[int] = set()
    by_dimension: dict[str, list[int]] = {}
    for index in indices:
        by_dimension.setdefault(quantities[index][1].dimension, []).append(index)
    for group in by_dimension.values():
        for position, i in enumerate(group):
            source_i, x = quantities[i]
            for j in group[position + 1 :]:
                source_j, y = quantities[j]
                if not linked(x, y, similar, strict):
                    continue
                parent[find(j)] = find(i)
                if source_i != source_j and not agree(x, y, settings.number_tolerance):
                    clashes.add(i)
    slots: dict[int, list[int]] = {}
    for index in indices:
        slots.setdefault(find(index), []).append(index)
    for members in slots.values():
        if not any(i in clashes for i in members):
            continue
        values = _distinct_values([quantities[i][1] for i in members], settings.number_tolerance)
        if values > 2 and not strict:
            # more values than a plain dispute: first try to tell chained slots apart, keep the whole if
            # the stricter words find no dispute in it and it is still small enough for one figure
            split = list(_slots(quantities, members, linked, settings, settings.strict_context, strict=True))
            if split:
                yield from split
            elif values <= settings.max_slot_values:
                yield members
        else:
            yield members


def _distinct_values(quantities: Sequence[Quantity], tolerance: float) -> int:
    values: list[Quantity] = []
    for quantity in quantities:
        if not any(agree(quantity, other, tolerance) for other in values):
            values.append(quantity)
    return len(values)


def _slot_conflict(
    members: list[tuple[str, Quantity]],
    articles: Sequence[AnnotatedArticle],
    source_of: dict[str, str],
    settings: FusionSettings,
) -> Conflict | None:
    values: list[list[tuple[str, Quantity]]] = []
    for source, quantity in sorted(members, key=lambda m: (m[1].article_index, m[1].start)):
        for group in values:
            if agree(group[0][1], quantity, settings.number_tolerance):
                group.append((source, quantity))
                break
        else:
            values.append([(source, quantity)])
    if not 2 <= len(values) <= settings.max_slot_values or len({s for group in values for s, _ in group}) < 2:
        return None  # more values than that are several slots chained together, not one disputed figure
    magnitudes = [abs(group[0][1].value) for group in values]
    if min(magnitudes) == 0 or max(magnitudes) / min(magnitudes) > settings.max_slot_spread:
        return None  # reports of one figure differ by a few percent or a few times, not by orders of magnitude
    sources_of = [{source for source, _ in group} for group in values]
    if not any(a - b and b - a for a in sources_of for b in sources_of):
        return None  # every source that gives one value gives the other too: two figures, not a dispute
    rendered = [_conflict_value(group, articles) for group in values]
    relation = _relation(values, articles)
    if relation == "update":
        order = sorted(range(len(values)), key=lambda i: _value_time(values[i], articles))
        rendered = [rendered[i] for i in order]
    slot = _slot_name([q for _, q in members], articles)
    joiner = " → " if relation == "update" else " · "
    description = joiner.join(f"{v.value} ({', '.join(_names(v, articles))})" for v in rendered)
    return Conflict(id="", kind="number", slot=slot, relation=relation, fact_group_id=None,
                    description=description, values=rendered)


# What a reader calls a measure: a slot reads "mass of Zarya", not "pound zarya"
_MEASURE_NAMES = {"[mass]": "mass", "[length]": "length", "[length] ** 2": "area", "[length] ** 3": "volume",
                  "[length] / [time]": "speed", "percent": "share", "duration": "duration"}
# Words beside a measure that name its currency, scale or time, not what it measures
_NOT_MEASURED = frozenset({"dlr", "dlrs", "dollar", "usd", "euro", "eur", "pound", "sterl", "gbp", "yen", "million",
                          "billion", "trillion", "equival", "worth", "year", "month", "week", "day", "today"})


def _slot_name(members: list[Quantity], articles: Sequence[AnnotatedArticle]) -> str:
    """What the values are of, in the sources' words: the counted noun or unit and the word around the
    numbers that most of them share ("people wounded"); a measure by its name and the name it measures
    ("mass of Zarya"), else by its name alone ("amount in USD")."""
    dimension = members[0].dimension
    measure = _MEASURE_NAMES.get(dimension) or ("amount" if dimension.isupper() and len(dimension) == 3 else None)
    counts: dict[str, int] = {}
    for quantity in members:
        for stem in quantity.context:
            if measure is None or stem not in _NOT_MEASURED:
                counts[stem] = counts.get(stem, 0) + 1
    head = members[0].unit if dimension not in ("age",) else "age"
    if not counts:
        return _bare_measure(measure, dimension) if measure else head or dimension
    best = max(counts, key=lambda stem: (counts[stem], stem))
    for quantity in members:
        text = articles[quantity.article_index].article.text
        window = text[max(0, quantity.start - 60) : quantity.end + 60]
        for word in words(window):
            if stem_of(word) == best or _folded(stem_of(word)) == best:
                if measure is not None:
                    # a name says what is measured ("mass of Zarya"); a common word beside a figure is as often
                    # a verb or an aside as the thing measured ("will receive", "this year")
                    return f"{measure} of {word}" if word[:1].isupper() else _bare_measure(measure, dimension)
                return f"{head} {word.lower()}".strip() if head and head.lower() != word.lower() else word.lower()
    return _bare_measure(measure, dimension) if measure else head or best


def _bare_measure(measure: str, dimension: str) -> str:
    return f"{measure} in {dimension}" if measure == "amount" else measure


def _conflict_value(group: list[tuple[str, Quantity]], articles: Sequence[AnnotatedArticle]) -> ConflictValue:
    sides: list[ConflictSide] = []
    seen: set[int] = set()
    for _, quantity in group:
        if quantity.article_index in seen:
            continue
        seen.add(quantity.article_index)
        article = articles[quantity.article_index].article
        sides.append(ConflictSide(article_id=article.id, start=quantity.start, end=quantity.end, value=quantity.text))
    dates = [d for _, q in group if (d := articles[q.article_index].article.published) is not None]
    return ConflictValue(
        value=_value_text(group[0][1], articles),
        family_ids=list(dict.fromkeys(source for source, _ in group)),
        sides=sides,
        published=min(dates) if dates else None,
    )


def _value_text(quantity: Quantity, articles: Sequence[AnnotatedArticle]) -> str:
    unit = quantity.unit or ""
    return f"{quantity.text} {unit}".strip() if unit and unit not in quantity.text else quantity.text


def _names(value: ConflictValue, articles: Sequence[AnnotatedArticle]) -> list[str]:
    by_id = {a.article.id: a for a in articles}
    return list(dict.fromkeys(outlet_label(by_id[s.article_id]) for s in value.sides if s.article_id in by_id))


def _value_time(group: list[tuple[str, Quantity]], articles: Sequence[AnnotatedArticle]) -> tuple[date, int]:
    dates = [d for _, q in group if (d := articles[q.article_index].article.published) is not None]
    cue = any(_UPDATE_CUES.search(_sentence_text(articles[q.article_index], q.sentence)) for _, q in group)
    return (min(dates) if dates else date.max, 1 if cue else 0)


def _relation(values: list[list[tuple[str, Quantity]]], articles: Sequence[AnnotatedArticle]) -> str:
    """'update' when a later report revises the figure: a source itself gives a new value later, or the later
    value comes after the earlier ones and its sentence says it changed ("rose to", "now", "by late
    afternoon"). Sources that simply give other values, whatever the day, disagree."""
    def published(quantity: Quantity) -> date | None:
        return articles[quantity.article_index].article.published

    def cued(group: list[tuple[str, Quantity]]) -> bool:
        return any(_UPDATE_CUES.search(_sentence_text(articles[q.article_index], q.sentence)) for _, q in group)

    for earlier, later in ((a, b) for a in values for b in values if a is not b):
        revised = any(
            source == other and (d1 := published(q1)) is not None and (d2 := published(q2)) is not None and d1 < d2
            for source, q1 in earlier for other, q2 in later
        )
        if revised:
            return "update"
    ordered = sorted(values, key=lambda group: _value_time(group, articles))
    last = ordered[-1]
    last_dates = [d for _, q in last if (d := published(q)) is not None]
    earlier_dates = [d for group in ordered[:-1] for _, q in group if (d := published(q)) is not None]
    in_order = not last_dates or not earlier_dates or max(earlier_dates) < min(last_dates)
    return "update" if in_order and cued(last) and not any(cued(group) for group in ordered[:-1]) else "disagreement"


def _sentence_text(annotated: AnnotatedArticle, sentence: int) -> str:
    if not 0 <= sentence < len(annotated.sentences):
        return ""
    return annotated.sentence_text(sentence)


# ---------------------------------------------------------------- dates


def _date_conflicts(
    articles: Sequence[AnnotatedArticle], support: SupportMap, source_of: dict[str, str], settings: FusionSettings
) -> Iterator[Conflict]:
    dated: dict[tuple[int, int], list[TimeExpression]] = {}  # (article, sentence) → its stated dates, built once
    for index, annotated in enumerate(articles):
        for time in annotated.times:
            if time.value and not time.future:
                dated.setdefault((index, time.sentence), []).append(time)
    for (first, second), (probability, _) in support.judged.items():
        if probability < settings.support_threshold:
            continue
        a_unit, b_unit = support.units[first], support.units[second]
        a, b = articles[a_unit.article_index], articles[b_unit.article_index]
        left = dated.get((a_unit.article_index, a_unit.sentence), [])
        right = dated.get((b_unit.article_index, b_unit.sentence), [])
        if len(left) != 1 or len(right) != 1:
            continue  # several dates in a sentence: we cannot tell which the other side's date is about
        x, y = left[0], right[0]
        if x.granularity != y.granularity or x.granularity != "day" or x.value is None or y.value is None:
            continue
        if x.value == y.value or x.relative or y.relative:
            continue  # "on Friday" is the reporter's reckoning from a dateline, not a claim about the date
        yield Conflict(
            id="", kind="date", slot="when it happened", fact_group_id=None,
            description=f"{outlet_label(a)} dates it {x.value} ({x.text}), {outlet_label(b)} {y.value} ({y.text})",
            values=[
                ConflictValue(value=x.value, family_ids=[source_of[a.article.id]], published=a.article.published,
                              sides=[ConflictSide(article_id=a.article.id, start=x.start, end=x.end, value=x.value)]),
                ConflictValue(value=y.value, family_ids=[source_of[b.article.id]], published=b.article.published,
                              sides=[ConflictSide(article_id=b.article.id, start=y.start, end=y.end, value=y.value)]),
            ],
        )


# ---------------------------------------------------------------- attributions


_CLOSING = " \t\n\"'”’»?!.,;"  # what may stand between a quotation's words and its cue


def _attribution_conflicts(
    articles: Sequence[AnnotatedArticle], source_of: dict[str, str], entities: Sequence[Entity],
    settings: FusionSettings,
) -> Iterator[Conflict]:
    people = {e.id for e in entities if e.label == "PERSON"}
    quoted = [
        (a, q, content_stems(q.text))
        for a in articles
        for q in a.quotations
        # a person on both sides, not an office or a channel, named beside the words: a speaker found through a
        # pronoun is our reading, and a wrong antecedent ("Samaranch Sunday ruled out ... He said, '...'" parsed
        # with no named subject) would be reported as the sources disagreeing
        if q.via is None and q.speaker_entity in people and _named_beside(a, q)
    ]
    for i, (a, x, x_stems) in enumerate(quoted):
        for b, y, y_stems in quoted[i + 1 :]:
            if source_of[a.article.id] == source_of[b.article.id]:
                continue
            if speaker_key(x) == speaker_key(y) or not _same_words(x_stems, y_stems, settings):
                continue
            yield Conflict(
                id="", kind="attribution", slot="who said it", fact_group_id=None,
                description=f"{outlet_label(a)} attributes the words to {x.speaker}, {outlet_label(b)} to {y.speaker}",
                values=[
                    ConflictValue(value=x.speaker or "", family_ids=[source_of[a.article.id]],
                                  published=a.article.published, sides=[_speaker_side(a, x)]),
                    ConflictValue(value=y.speaker or "", family_ids=[source_of[b.article.id]],
                                  published=b.article.published, sides=[_speaker_side(b, y)]),
                ],
            )


def _named_beside(article: AnnotatedArticle, quotation: Quotation) -> bool:
    """The quotation's speaker is named in the sentences the quotation spans, or in the cue sentence right beside it
    ('"... is?" Berg asked.', where the question mark ends a sentence; 'Holt said:' before a quotation that starts
    a sentence of its own), not resolved from further back."""
    span, sentences, text = quotation.speaker_span, article.sentences, article.article.text
    if span is None or not 0 <= quotation.sentence < len(sentences):
        return False
    opening = quotation.sentence
    if opening > 0 and text[sentences[opening - 1].start : sentences[opening - 1].end].rstrip().endswith(":"):
        opening -= 1
    closing = next((i for i in range(quotation.sentence, len(sentences)) if sentences[i].end >= quotation.end),
                   len(sentences) - 1)
    if closing + 1 < len(sentences) and not text[quotation.end : sentences[closing + 1].start].strip(_CLOSING):
        closing += 1  # nothing but closing marks between the words and the next sentence: its cue
    return sentences[opening].start <= span.start and span.end <= max(sentences[closing].end, quotation.end)


def _same_words(first: frozenset[str], second: frozenset[str], settings: FusionSettings) -> bool:
    shorter, longer = sorted((first, second), key=len)
    return (len(shorter) >= settings.attribution_min_words
            and containment(shorter, longer) >= settings.attribution_overlap)


def _speaker_side(article: AnnotatedArticle, quotation: Quotation) -> ConflictSide:
    if quotation.speaker_span is not None:
        span = quotation.speaker_span
        return ConflictSide(article_id=article.article.id, start=span.start, end=span.end,
                            value=article.article.text[span.start : span.end])
    return ConflictSide(article_id=article.article.id, start=quotation.start, end=quotation.end,
                        value=quotation.speaker or "")
