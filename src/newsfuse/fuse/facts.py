"""Facts: for every sentence of a story, which other independent sources report what it states.

Support is searched, not assumed: every sentence is compared with the sentences of every other source
(``fuse/support.py``), and a sentence is reported by a source when one of that source's sentences supports
it. Each sentence thus becomes one ``FactGroup``: the sentence as statement, then the best supporting
sentence of each other source. A sentence whose only candidate in a source states another value of a
quantity it gives is not supported by that source: that is a conflict, found by ``fuse/conflicts.py``.

Units are claims: a long sentence is cut into its clauses (each keeps its own character span), so that a
fact another source reports and one it does not, stated in one sentence, are told apart. A quotation that
runs over several sentences is one unit, and a sentence holding a quotation is not cut, so quoted words
stay whole. A long claim is also searched as its sub-claims (its relative, subordinate and participle
clauses, ``clause_spans(finer=True)``): when the sources that report each sub-claim differ (another outlet
reports the welcoming ceremony, none the invitation that follows it), the claim is stated as its sub-claims,
each with its own sources; otherwise it is stated whole. Only the first
``max_sentences_per_article`` sentences of an article take part (a bound on any article's cost), and fewer
in a story past ``max_sentences_per_story`` (each article's share cut evenly: a story of many long hostile
articles stays bounded); the rest are left out of fusion, not of the brief's sources.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsfuse.entities.names import family_name
from newsfuse.fuse.quantities import Quantity, quantities
from newsfuse.fuse.support import StoryVectors, Unit, conflicting, judge_pairs, search, strongest
from newsfuse.fuse.text import clause_spans, clauses, content_stems, dice
from newsfuse.model import (
    AnnotatedArticle,
    Entity,
    FactGroup,
    FusionSettings,
    Mention,
    SentenceRef,
    Story,
    TextEncoder,
    TimeExpression,
    asks,
)

MIN_CLAUSE_STEMS = 3
# Two claims of one source this alike (Dice of their stems) are its copies of one sentence: one fact.
COPY_DICE = 0.7


@dataclass
class SupportMap:
    """Every unit, the pairs judged, and each unit's best supporter per other source."""

    units: list[Unit]
    story: StoryVectors | None
    judged: dict[tuple[int, int], tuple[float, bool]]  # (i, j) with i < j → (probability, conflicting)
    supporters: dict[int, dict[str, tuple[int, float]]]  # unit → source → (unit, probability)
    # unit → source → every supporter in that source, best first (the next one stands in for a best
    # supporter that gives another figure of the statement's sentence)
    alternatives: dict[int, dict[str, list[tuple[int, float]]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Evidence:
    """What one article gives its units: the text, source, quantities, and mentions and dates by sentence."""

    article_index: int
    source: str
    text: str
    quantities: tuple[Quantity, ...]
    mentions: dict[int, list[Mention]]
    times: dict[int, list[TimeExpression]]
    persons: dict[str, bool]  # linked entity id → whether it is a person (``_persons``)
    speakers: tuple[tuple[int, int, str], ...]  # (start, end, person) of each quotation a person is quoted in


def units_of(
    articles: Sequence[AnnotatedArticle], source_of: dict[str, str], story_start: date | None, settings: FusionSettings,
    entities: Sequence[Entity] = (),
) -> list[Unit]:
    """Every article's claims (and long claims' sub-claims), within the story's budgets. Past
    ``max_units_per_story`` the sub-claims go first, then each article's sentences are cut evenly: every unit
    is encoded, and the encoder is the dearest step of a brief (a story of long, alike articles would
    otherwise cost minutes). ``entities`` (the story's, linked) tell which mentions are persons."""
    per_article = settings.max_sentences_per_article
    if sum(min(len(a.sentences), per_article) for a in articles) > settings.max_sentences_per_story:
        per_article = max(settings.min_sentences_per_article, settings.max_sentences_per_story // len(articles))
    persons = _persons(entities)
    evidence = [
        _evidence(index, article, source_of, story_start, persons, settings) for index, article in enumerate(articles)
    ]
    units = _units_within(articles, evidence, per_article, True, settings)
    if len(units) <= settings.max_units_per_story:
        return units
    units = _units_within(articles, evidence, per_article, False, settings)
    while len(units) > settings.max_units_per_story and per_article > 1:
        per_article = max(1, int(per_article * settings.max_units_per_story / len(units)))
        units = _units_within(articles, evidence, per_article, False, settings)
    return units[: settings.max_units_per_story]


def _persons(entities: Sequence[Entity]) -> dict[str, bool]:
    """Linked entity id → whether it is a person (the linker's label, from all of its mentions)."""
    return {entity.id: entity.label == "PERSON" for entity in entities}


def _is_person(mention: Mention, persons: dict[str, bool]) -> bool:
    """A mention linked to a person is one, whatever its own label: the tagger reads a bare surname as an
    organisation often ("Wang announced ..."), and the linker has already tied it to "Wang Youcai"."""
    if mention.entity_id is not None and mention.entity_id in persons:
        return persons[mention.entity_id]
    return mention.label == "PERSON"


def _evidence(
    article_index: int, annotated: AnnotatedArticle, source_of: dict[str, str], story_start: date | None,
    persons: dict[str, bool], settings: FusionSettings,
) -> _Evidence:
    mentions: dict[int, list[Mention]] = {}
    for mention in annotated.mentions:
        mentions.setdefault(mention.sentence, []).append(mention)
    times: dict[int, list[TimeExpression]] = {}
    reference = annotated.reference_date.isoformat() if annotated.reference_date else None
    for time in annotated.times:
        if time.value and time.value != reference:  # the publication day is in half of a report's sentences
            times.setdefault(time.sentence, []).append(time)
    return _Evidence(
        article_index, source_of[annotated.article.id], annotated.article.text,
        tuple(quantities(article_index, annotated, story_start, settings)), mentions, times,
        persons,
        tuple(
            (q.start, q.end, q.speaker_entity) for q in annotated.quotations
            if q.kind == "speech" and q.speaker_entity is not None and persons.get(q.speaker_entity, False)
        ),
    )


def _units_within(
    articles: Sequence[AnnotatedArticle], evidence: Sequence[_Evidence], per_article: int, with_subclaims: bool,
    settings: FusionSettings,
) -> list[Unit]:
    units: list[Unit] = []
    for annotated, given in zip(articles, evidence, strict=True):
        limit = min(len(annotated.sentences), per_article)
        quoted = [(q.start, q.end) for q in annotated.quotations]
        for first, last in _segments(annotated, limit):
            segment_start, segment_end = annotated.sentences[first].start, annotated.sentences[last].end
            for start, end in _claims(given.text, segment_start, segment_end, quoted, settings):
                if _asks_unquoted(given.text, start, end, quoted):
                    continue  # a question states no claim: it neither needs support nor gives it
                if not _LOWER_CASE_WORD.search(given.text, start, end):
                    continue  # names alone (a caption's credit "Sgt. Ana Ruiz, Tarn Police Department") state none
                units.append(_unit(given, first, last, start, end))
                parent = len(units) - 1
                if not with_subclaims:
                    continue
                for sub_start, sub_end in _subclaims(given.text, start, end, quoted, settings):
                    units.append(_unit(given, first, last, sub_start, sub_end, parent))
    return units


def _unit(evidence: _Evidence, first: int, last: int, start: int, end: int, parent: int | None = None) -> Unit:
    claim_text = " ".join(evidence.text[start:end].split())
    in_claim = [m for i in range(first, last + 1) for m in evidence.mentions.get(i, ()) if start <= m.start < end]
    # whom the claim quotes is part of it, named in its words or not ("... we will help," he said)
    quoted = frozenset(person for q_start, q_end, person in evidence.speakers if q_start < end and start < q_end)
    named = frozenset(_person_key(m) for m in in_claim)
    persons = [m for m in in_claim if _is_person(m, evidence.persons)]
    # a clause cut from its sentence does not take the sentence's subject: "and climate change is real" has its
    # own, and the parse that would tell it from "and expressed regret" is not kept
    subjects = [m for m in persons if m.subject]
    return Unit(
        article_index=evidence.article_index,
        source=evidence.source,
        sentence=first,
        start=start,
        end=end,
        text=claim_text,
        stems=content_stems(claim_text),
        clauses=tuple(
            stems for part in clauses(claim_text) if len(stems := content_stems(part)) >= MIN_CLAUSE_STEMS
        ),
        entities=named | quoted,
        quantities=tuple(q for q in evidence.quantities if first <= q.sentence <= last and start <= q.start < end),
        people=quoted | frozenset(_person_key(m) for m in persons),
        subjects=frozenset(key for m in subjects for key in _name_keys(m)),
        names=frozenset(key for m in persons for key in _name_keys(m)),
        dates=frozenset(
            time.value for i in range(first, last + 1) for time in evidence.times.get(i, ())
            if time.value and start <= time.start < end
        ),
        parent=parent,
    )


def _person_key(mention: Mention) -> str:
    """A mention's linked entity id, else its words (a name the linker did not see)."""
    return mention.entity_id or " ".join(mention.text.lower().split())


def _name_keys(mention: Mention) -> tuple[str, str]:
    """What tells one person from another across outlets: the linked id ("Wang Youcai" and "Wang", family name
    first) and the family name as Western names end on it (the linker does not always tie "Ray Jadallah" to
    "Raide Jadallah"; two persons of one family name in one story are the rarer case)."""
    return _person_key(mention), family_name(mention.text)


# a claim says something in words that are not names: a verb or a common noun, in lower case mid-sentence
_LOWER_CASE_WORD = re.compile(r"(?<![\w'’])[a-z]")


def _asks_unquoted(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> bool:
    """The claim at ``text[start:end]`` asks in the writer's voice: it ends on a question mark that stands outside
    every quotation ('"Who could object?"', and a quotation left open to its paragraph's end, are reported)."""
    if not asks(text[start:end]):
        return False
    mark = text.rfind("?", start, end)
    return not any(a <= mark < b for a, b in quoted)


def _claims(
    text: str, start: int, end: int, quoted: Sequence[tuple[int, int]], settings: FusionSettings
) -> list[tuple[int, int]]:
    """The claims of one unit's text: its clauses when it is a long sentence, never cut inside a quotation
    (quoted words stay whole: a claim holding a quotation holds all of it)."""
    if len(text[start:end].split()) < settings.claim_min_sentence_words:
        return [(start, end)]
    inside = [(a, b) for a, b in quoted if a < end and start < b]
    claims: list[tuple[int, int]] = []
    for claim_start, claim_end in clause_spans(text, start, end):
        if claims and any(a < claim_start < b for a, b in inside):
            claims[-1] = (claims[-1][0], claim_end)  # the cut fell inside quotation marks: undo it
        else:
            claims.append((claim_start, claim_end))
    return claims


def _subclaims(
    text: str, start: int, end: int, quoted: Sequence[tuple[int, int]], settings: FusionSettings
) -> list[tuple[int, int]]:
    """A long claim's sub-claims (its relative, subordinate and participle clauses), none cut inside a
    quotation; none when there is nothing to cut (the claim is then its own finest unit)."""
    if len(text[start:end].split()) < settings.subclaim_min_words:
        return []
    inside = [(a, b) for a, b in quoted if a < end and start < b]
    spans: list[tuple[int, int]] = []
    for sub_start, sub_end in clause_spans(text, start, end, finer=True):
        if spans and any(a < sub_start < b for a, b in inside):
            spans[-1] = (spans[-1][0], sub_end)
        else:
            spans.append((sub_start, sub_end))
    return spans if len(spans) > 1 else []


def _segments(annotated: AnnotatedArticle, limit: int) -> list[tuple[int, int]]:
    """(first, last) sentence of each unit: a sentence, or the sentences one speech quotation spans."""
    spans = [(q.start, q.end) for q in annotated.quotations if q.kind == "speech"]
    segments: list[tuple[int, int]] = []
    index = 0
    while index < limit:
        last = index
        while last + 1 < limit and any(
            start < annotated.sentences[last].end <= end - 1 and start < annotated.sentences[last + 1].start < end
            for start, end in spans
        ):
            last += 1
        segments.append((index, last))
        index = last + 1
    return segments


def support_map(
    articles: Sequence[AnnotatedArticle],
    source_of: dict[str, str],
    encoder: TextEncoder,
    settings: FusionSettings,
    story_start: date | None = None,
    entities: Sequence[Entity] = (),
) -> SupportMap:
    units = units_of(articles, source_of, story_start, settings, entities)
    by_source: dict[str, list[int]] = {}
    for index, unit in enumerate(units):
        by_source.setdefault(unit.source, []).append(index)
    if len(by_source) < 2:  # one source: nothing to search, and no sentence needs encoding for it
        return SupportMap(units, None, {}, {i: {} for i in range(len(units))})
    vectors = np.asarray(encoder.encode([u.text for u in units]), dtype=np.float32)
    story = StoryVectors(units, vectors)
    pairs = search(story, units, settings)
    judged = {
        (min(j.first, j.second), max(j.first, j.second)): (j.probability, j.conflicting)
        for j in judge_pairs(story, units, strongest(pairs, settings.max_judged_pairs), settings)
    }
    alternatives: dict[int, dict[str, list[tuple[int, float]]]] = {i: {} for i in range(len(units))}
    for (first, second), (p, clash) in judged.items():
        if clash or p < settings.support_threshold:
            continue
        if _fragment_support(units, story, first, second, settings.fragment_cover):
            continue
        for this, other in ((first, second), (second, first)):
            alternatives[this].setdefault(units[other].source, []).append((other, p))
    _cap_claims_per_supporter(
        units, alternatives, settings.max_claims_per_supporter, story, settings.distinct_rare_words
    )
    for per_source in alternatives.values():
        for ranked in per_source.values():
            ranked.sort(key=lambda x: (-x[1], x[0]))
    supporters = {
        i: {source: ranked[0] for source, ranked in found.items() if ranked} for i, found in alternatives.items()
    }
    return SupportMap(units, story, judged, supporters, alternatives)


def _cap_claims_per_supporter(
    units: Sequence[Unit], alternatives: dict[int, dict[str, list[tuple[int, float]]]], cap: int,
    story: StoryVectors | None = None, distinct_rare: int = 0,
) -> None:
    """A unit supports at most ``cap`` facts, plus one per sub-claim or clause of its own, those it was judged
    closest to; the claims of one fact count once (a claim and its sub-claims; claims that support each
    other, as the same fact in two other sources; a report's copy of its own sentence). A sentence states one
    fact or a few, but a lead that names the story's people and its event ("May survived a confidence vote on
    Wednesday") is judged alike to half the story's sentences, and was cited for each, as confirming what it
    does not say (the bookmakers' betting, the secret ballot).

    The allowance counts facts that lean on the same words of the supporter. A claim beyond it that shares
    ``distinct_rare`` or more of the story's rare words (``StoryVectors.rare_idf``) with the supporter, none
    of them shared with a fact already kept, tells another part of it and is kept too: a long sentence that
    lists the riot police, the tear gas and the water cannon confirms each of three other sentences, while a
    lead that names the story's people shares the same common names with every sentence it is alike to."""
    if cap <= 0:
        return
    parts = [0] * len(units)
    for unit in units:
        if unit.parent is not None:
            parts[unit.parent] += 1
    allowed = [cap + max(parts[i], len(unit.clauses)) for i, unit in enumerate(units)]

    def claim_of(index: int) -> int:
        parent = units[index].parent
        return parent if parent is not None else index

    backed: dict[int, dict[int, float]] = {}  # supporter → claim → the best probability among its units
    alike: dict[int, set[int]] = {}  # claim → the claims it supports or is supported by
    for statement, per_source in alternatives.items():
        claim = claim_of(statement)
        for ranked in per_source.values():
            for supporter, probability in ranked:
                best = backed.setdefault(supporter, {})
                best[claim] = max(best.get(claim, 0.0), probability)
                alike.setdefault(claim, set()).add(claim_of(supporter))
                alike.setdefault(claim_of(supporter), set()).add(claim)

    def one_fact(first: int, second: int) -> bool:
        if second in alike.get(first, ()):
            return True
        a, b = units[first], units[second]
        return a.source == b.source and dice(a.stems, b.stems) >= COPY_DICE

    kept: dict[int, set[int]] = {}
    for supporter, claims in backed.items():
        if len(claims) <= allowed[supporter]:
            continue
        facts: list[list[int]] = []
        told: set[str] = set()  # the rare words the kept facts share with the supporter
        for claim in sorted(claims, key=lambda c: (-claims[c], c)):
            fact = next((f for f in facts if any(one_fact(claim, other) for other in f)), None)
            rare = _rare_shared(story, units[claim], units[supporter])
            tells_more = distinct_rare > 0 and len(rare - told) >= distinct_rare
            if fact is not None:
                fact.append(claim)
            elif len(facts) < allowed[supporter] or tells_more:
                facts.append([claim])
            else:
                continue
            told |= rare
        kept[supporter] = {claim for fact in facts for claim in fact}
    for statement, per_source in alternatives.items():
        claim = claim_of(statement)
        for source, ranked in per_source.items():
            per_source[source] = [(o, p) for o, p in ranked if o not in kept or claim in kept[o]]


def _rare_shared(story: StoryVectors | None, first: Unit, second: Unit) -> set[str]:
    """The stems two units share that are rare in the story (``StoryVectors.rare_idf``)."""
    if story is None:
        return set()
    return {s for s in first.stems & second.stems if story.idf.get(s, 0.0) >= story.rare_idf}


def _fragment_support(units: Sequence[Unit], story: StoryVectors, first: int, second: int, cover: float) -> bool:
    """A sub-claim judged alike to a whole claim of another source that it holds little of: the claim's other
    words state more ("the 13-year term given Xu" is not evidence that Xu stood up and protested)."""
    kinds = (units[first].parent is None, units[second].parent is None)
    if kinds[0] == kinds[1]:
        return False
    claim, part = (first, second) if kinds[0] else (second, first)
    total = story.weight(units[claim].stems)
    return total > 0 and story.weight(units[claim].stems & units[part].stems) / total < cover


def fact_groups(
    story: Story, articles: Sequence[AnnotatedArticle], support: SupportMap, settings: FusionSettings
) -> list[FactGroup]:
    """One group per stated claim: the claim as statement, then its best supporter in each other source. A
    claim whose sub-claims are reported by different sources is stated as its sub-claims instead."""
    groups: list[FactGroup] = []
    centrality = _centrality(support)
    statements = _statements(support, settings.subclaim_cover, settings.part_cover, settings.conflict_alignment)
    stated_parts: dict[int, list[int]] = {}
    for index, _ in statements:
        if (parent := support.units[index].parent) is not None:
            stated_parts.setdefault(parent, []).append(index)
    units = support.units
    for index, supporters in statements:
        members = [index]
        parent = units[index].parent
        whole = units[index] if parent is None else units[parent]
        for source, (best, _) in sorted(supporters.items(), key=lambda x: (-x[1][1], x[1][0])):
            standing_in = [o for o, _ in support.alternatives.get(index, {}).get(source, []) if o != best]
            for other in [best, *standing_in]:
                other = _stated_part(support, other, index, stated_parts)
                # supporters agree with the statement, and with the rest of its sentence where the statement
                # is a sub-claim (the sentence is what a summary cites); they must not give each other's
                # figures other values either
                if not any(
                    conflicting(units[other], units[kept], settings.number_tolerance) for kept in members[1:]
                ) and not conflicting(whole, units[other], settings.number_tolerance):
                    members.append(other)
                    break
        refs = [_ref(support.units[i], articles) for i in members]
        groups.append(
            FactGroup(
                id=_group_id(story.id, refs),
                members=refs,
                article_ids=list(dict.fromkeys(r.article_id for r in refs)),
                family_ids=list(dict.fromkeys(support.units[i].source for i in members)),
                centrality=round(float(centrality[index]), 6),
            )
        )
    return groups


Supporters = dict[str, tuple[int, float]]


def _statements(
    support: SupportMap, cover: float, part_cover: float, alike: float
) -> list[tuple[int, Supporters]]:
    """The units stated as facts, each with its supporters per source, in text order. A claim with
    sub-claims is stated whole when every sub-claim is reported by the same sources, else as its sub-claims
    (the ceremony one outlet also reports, the invitation only it does)."""
    children: dict[int, list[int]] = {}
    for index, unit in enumerate(support.units):
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(index)
    statements: list[tuple[int, Supporters]] = []
    for index, unit in enumerate(support.units):
        if unit.parent is not None:
            continue
        kids = children.get(index, [])
        supporters = dict(support.supporters[index])
        if kids:
            # a supporter holding little of every one of the claim's parts matched its topic, not a fact of it
            supporters = {
                s: v for s, v in supporters.items() if any(_covered(support, kid, v[0]) >= part_cover for kid in kids)
            }
        # a supporter judged closer to this whole claim than to any of its parts reports the whole, in its own
        # words: it is no reason to state the parts apart ("43 more launches ... to assemble" and "40
        # additional missions ..."; "chanted for the gate to open, and threw bottles" and "they yelled for the
        # door to open as they hurled bottles"); one that reports a part alone is judged closest to that part
        whole = {
            s: v for s, v in supporters.items()
            if kids and v[1] >= max(_judged(support, k, v[0]) for k in kids)
        }
        extended = [whole | _extended(support, index, kid, cover) for kid in kids]
        if extended and any(set(e) != set(extended[0]) for e in extended):
            # stated apart, a part is cited only by the whole's supporters that speak of it: judged alike to
            # it, or holding its words (a report of the water cannon is no evidence of the camp the crowd
            # retreated to, told in the same sentence)
            statements.extend(
                (kid, _speaking_of(support, whole, kid, cover, alike) | _extended(support, index, kid, cover))
                for kid in kids
            )
            continue
        for source in [s for s in extended[0] if s not in supporters] if extended else ():
            supporters[source] = max((e[source] for e in extended), key=lambda x: x[1])
        statements.append((index, supporters))
    return statements


def _speaking_of(support: SupportMap, supporters: Supporters, part: int, cover: float, alike: float) -> Supporters:
    """Those of ``supporters`` that speak of ``part``: judged alike to it, or holding its words."""
    return {
        source: (other, p) for source, (other, p) in supporters.items()
        if _judged(support, part, other) >= alike or _covered(support, part, other) >= cover
    }


def _judged(support: SupportMap, first: int, second: int) -> float:
    judged = support.judged.get((min(first, second), max(first, second)))
    return judged[0] if judged is not None else 0.0


def _extended(support: SupportMap, parent: int, kid: int, cover: float) -> Supporters:
    """A sub-claim's supporters: its own, and its claim's where that supporter holds the sub-claim's words."""
    supporters = dict(support.supporters[kid])
    for source, (other, probability) in support.supporters[parent].items():
        if source not in supporters and _covered(support, kid, other) >= cover:
            supporters[source] = (other, probability)
    return supporters


def _covered(support: SupportMap, part: int, other: int) -> float:
    """Share of ``part``'s IDF weight that ``other``'s words hold."""
    if support.story is None:
        return 0.0
    stems = support.units[part].stems
    total = support.story.weight(stems)
    return support.story.weight(stems & support.units[other].stems) / total if total > 0 else 0.0


def _stated_part(support: SupportMap, other: int, statement: int, stated_parts: dict[int, list[int]]) -> int:
    """The supporter to cite: a claim stated as its sub-claims is cited by the sub-claim judged closest to
    the statement, else the one holding most of its words (its invitation is not evidence for another
    outlet's ceremony)."""
    parts = stated_parts.get(other)
    if not parts:
        return other
    return max(parts, key=lambda i: (_judged(support, statement, i), _covered(support, statement, i), -i))


def _centrality(support: SupportMap) -> np.ndarray:
    if support.story is None or not support.units:
        return np.zeros(len(support.units))
    vectors = support.story.vectors
    centroid = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    return np.asarray(vectors @ (centroid / norm) if norm > 0 else np.zeros(len(support.units)))


def _ref(unit: Unit, articles: Sequence[AnnotatedArticle]) -> SentenceRef:
    return SentenceRef(
        article_id=articles[unit.article_index].article.id, sentence=unit.sentence, start=unit.start, end=unit.end
    )


def _group_id(story_id: str, refs: Sequence[SentenceRef]) -> str:
    key = "|".join(f"{r.article_id}:{r.sentence}" for r in refs[:1])
    return "fact-" + hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:12]
