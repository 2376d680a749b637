"""The brief's sections besides the summary and headline: sources, facts by coverage tier,
quotation table, timeline and main entities. Every cited text is the source's own text at its offsets."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from newsfuse.analyse.name_genders import first_name_gender
from newsfuse.analyse.speaker_words import HONORIFICS
from newsfuse.brief.citations import citation_for_sentence, citation_for_span, citations_for_group, source_of_articles
from newsfuse.model import (
    AnnotatedArticle,
    BriefEntity,
    BriefSource,
    Citation,
    CitedSentence,
    CoverageTier,
    Entity,
    FactGroup,
    Fusion,
    QuotationRow,
    QuoteGroup,
    QuoteKind,
    SentenceRef,
    Settings,
    TimeExpression,
    TimelineEvent,
    after_dateline,
)

MAX_ENTITIES = 20
# A fragment such as the first sentence of a multi-sentence quotation ("They were lucky.") is not a fact
# worth listing on its own.
MIN_FACT_WORDS = 5
_WORD = re.compile(r"[^\W_]+")
_OPENS_WITH_PRONOUN = re.compile(r"^[\"“‘']?(He|She|They|It|His|Her|Their|Its|Him|Them)\b")
# A sentence opening on one of these answers, extends or refers to the one before it.
_OPENS_WITH_LINK = re.compile(
    r"^[\"“‘']?(But|And|Yet|Still|So|Also|However|Instead|Then|Both|This|That|These|Those|Such|Nor|Or)\b"
)
# What each pronoun can stand for: "he" is a person, "it" a thing or a body, "they" people or a body.
_PERSON: tuple[str, ...] = ("PERSON",)
_THING: tuple[str, ...] = ("ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "LAW")
_PRONOUN_LABELS = {"He": _PERSON, "She": _PERSON, "His": _PERSON, "Her": _PERSON, "Him": _PERSON}
_THING_PRONOUNS = frozenset({"It", "Its"})  # the thing the sentence before opens on (``_opening_thing``)
_PRONOUN_GENDER = {"He": "m", "His": "m", "Him": "m", "She": "f", "Her": "f"}


def outlet_name(article: AnnotatedArticle, with_agency: bool = False) -> str:
    """How the brief names a source: its outlet, else its file name, else its title, else its id; with
    ``with_agency``, also the agency whose report it carries ("Harbour Gazette, via Associated Press", in the
    source list; tier headings stay short)."""
    source = article.article.source
    file_name = PurePath(source).name if source and source != "stdin" else None
    name = article.article.outlet or file_name or article.article.title or article.article.id
    agency = article.article.agency
    return f"{name}, via {agency}" if with_agency and agency and agency != article.article.outlet else name


def sources(fusion: Fusion, articles: Sequence[AnnotatedArticle]) -> list[BriefSource]:
    family_of = source_of_articles(fusion)
    return [
        BriefSource(
            id=a.article.id,
            outlet=a.article.outlet,
            title=a.article.title,
            url=a.article.url,
            published=a.article.published,
            family_id=family_of.get(a.article.id, a.article.id),
            text=a.article.text,
            label=outlet_name(a, with_agency=True),
        )
        for a in articles
    ]


def coverage(
    fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle], settings: Settings | None = None
) -> list[CoverageTier]:
    """The story's facts in tiers by how many independent sources report them, most first, each tier in
    story order; then, per source, what only that source reports.

    Each sentence is stated at most once and never both as a shared fact and as one source's own: the most
    widely supported statements are taken first, and a sentence cited for one (or a copy of such a sentence
    in the same source) is not stated again."""
    source_of = {a: fusion.source_of.get(a, a) for a in articles_by_id}
    sources = list(dict.fromkeys(source_of.values()))
    if len(sources) < 2:
        return []  # with one source, "only this source says so" says nothing
    order = {article_id: index for index, article_id in enumerate(articles_by_id)}
    groups = [g for g in fusion.fact_groups if g.statement.article_id in articles_by_id]
    ranked = sorted(groups, key=lambda g: (-len(g.family_ids), order[g.statement.article_id], g.statement.start))
    settings = settings or Settings()
    covered = _Covered(articles_by_id, source_of, settings.copy_jaccard)
    shared: dict[int, list[FactGroup]] = {}
    own: dict[str, list[FactGroup]] = {}
    for group in ranked:
        if len(group.family_ids) >= 2 and all(covered.holds(m) for m in group.members[1:]) and covered.holds(
            group.statement, settings.version_jaccard
        ):
            covered.add(group.statement)
            continue  # another version's wording of a fact already stated, cited by the same sentences
        if covered.holds(group.statement):
            if len(group.family_ids) < 2 or (rerooted := _rerooted(group, covered, source_of)) is None:
                continue
            group = rerooted
        if len(_sentence_text(group.statement, articles_by_id[group.statement.article_id]).split()) < MIN_FACT_WORDS:
            continue  # a caption or credit ("(Facebook)", "Facebook/Handout via REUTERS") states no fact
        if len(group.family_ids) >= 2:
            shared.setdefault(len(group.family_ids), []).append(group)
            for member in group.members:
                covered.add(member)
        else:
            own.setdefault(source_of[group.statement.article_id], []).append(group)
            covered.add(group.statement)
    total = len(sources)
    tiers: list[CoverageTier] = []
    for count in sorted(shared, reverse=True):
        label = _shared_label(count, total)
        tiers.append(CoverageTier(label=label, sources=count, of=total,
                                  facts=_cited(_story_order(shared[count], order), fusion, articles_by_id)))
    for source in sources:
        if source not in own:
            continue
        names = list(dict.fromkeys(outlet_name(articles_by_id[a]) for a, s in source_of.items() if s == source))
        # the label names the source by its first report; ``outlets`` lists every report's name
        tiers.append(CoverageTier(label=f"1 of {total} sources: only in {names[0]}", sources=1, of=total,
                                  outlets=names, facts=_cited(_story_order(own[source], order), fusion,
                                                              articles_by_id)))
    return tiers


def _shared_label(count: int, total: int) -> str:
    """A shared tier's heading: "Reported by both sources", "Reported by all 3 sources", "by 2 of 5"."""
    if count == total:
        return "Reported by both sources" if total == 2 else f"Reported by all {total} sources"
    return f"Reported by {count} of {total} sources"


def _rerooted(group: FactGroup, covered: _Covered, source_of: Mapping[str, str]) -> FactGroup | None:
    """A shared fact whose statement is already cited for another fact, stated by its first supporter not yet
    cited (an agency sentence cited beside another outlet's must not hide the fact both outlets report)."""
    fresh = next((m for m in group.members[1:] if not covered.holds(m)), None)
    if fresh is None:
        return None
    members = [fresh] + [m for m in group.members if m != fresh]
    first = source_of.get(fresh.article_id)
    families = [f for f in group.family_ids if f == first] + [f for f in group.family_ids if f != first]
    return group.model_copy(update={"members": members, "family_ids": families})


class _Covered:
    """The sentences already stated or cited, and their copies in the same source (an agency's later
    version repeats its own paragraphs)."""

    def __init__(
        self, articles_by_id: Mapping[str, AnnotatedArticle], source_of: Mapping[str, str], copy_jaccard: float
    ) -> None:
        self._articles = articles_by_id
        self._source_of = source_of
        self._copy_jaccard = copy_jaccard
        self._spans: set[tuple[str, int]] = set()
        self._stems: dict[str, list[frozenset[str]]] = {}

    def add(self, ref: SentenceRef) -> None:
        self._spans.add((ref.article_id, ref.start))
        stems = _word_set(_sentence_text(ref, self._articles[ref.article_id]))
        self._stems.setdefault(self._source_of[ref.article_id], []).append(stems)

    def holds(self, ref: SentenceRef, jaccard: float | None = None) -> bool:
        """Whether ``ref`` or a copy of it (word Jaccard from ``jaccard``, else the copy threshold) is cited."""
        if (ref.article_id, ref.start) in self._spans:
            return True
        threshold = self._copy_jaccard if jaccard is None else jaccard
        stems = _word_set(_sentence_text(ref, self._articles[ref.article_id]))
        return bool(stems) and any(
            len(stems & other) >= threshold * len(stems | other)
            for other in self._stems.get(self._source_of[ref.article_id], [])
        )


def _word_set(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if len(w) > 2)


def _story_order(groups: Sequence[FactGroup], order: Mapping[str, int]) -> list[FactGroup]:
    return sorted(groups, key=lambda g: (order[g.statement.article_id], g.statement.start))


def _cited(
    groups: Sequence[FactGroup], fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle]
) -> list[CitedSentence]:
    result: list[CitedSentence] = []
    for group in groups:
        citations = citations_for_group(group, articles_by_id, fusion)
        if not citations:
            continue
        statement = articles_by_id[group.statement.article_id]
        result.append(
            CitedSentence(
                text=" ".join(citations[0].text.split()),
                fact_group_id=group.id,
                citations=citations,
                about=lead_in(statement, group.statement) or subject_of(statement, group.statement.sentence)
                or leans_on(statement, group.statement),
            )
        )
    return result


LEAD_IN_WORDS = 8


def lead_in(article: AnnotatedArticle, ref: SentenceRef) -> str | None:
    """What a claim cut from the middle of its sentence leans on: the words before it in the sentence (the
    last ``LEAD_IN_WORDS``), so "which it is due to leave in March" shows the departure it is about."""
    if not 0 <= ref.sentence < len(article.sentences):
        return None
    shown = _last_words(article.article.text[article.sentences[ref.sentence].start : ref.start]).rstrip(",;:—– ")
    return shown + " …" if shown else None


def _last_words(text: str) -> str:
    """The last ``LEAD_IN_WORDS`` of ``text``, after "…" when there were more."""
    words = text.split()
    return ("…" if len(words) > LEAD_IN_WORDS else "") + " ".join(words[-LEAD_IN_WORDS:])


def leans_on(article: AnnotatedArticle, ref: SentenceRef) -> str | None:
    """What a sentence opening on a link word or an unresolved pronoun ("But Hungary did not change its mind",
    "Both had served time in Israeli jails", "She faces a vote") leans on: the end of the sentence before it in
    its paragraph (the last ``LEAD_IN_WORDS``), shown with it as a lead-in is."""
    index = ref.sentence
    if not 0 < index < len(article.sentences) or ref.start != article.sentences[index].start:
        return None
    text = article.sentence_text(index)
    if not (_OPENS_WITH_LINK.match(text) or _OPENS_WITH_PRONOUN.match(text)):
        return None
    previous = article.sentences[index - 1]
    if previous.paragraph != article.sentences[index].paragraph:
        return None
    return _last_words(article.article.text[previous.start : previous.end]) or None


def subject_of(article: AnnotatedArticle, sentence: int) -> str | None:
    """Whom a sentence opening on a pronoun is about: the speaker of its quotation, else the last name before
    it that the pronoun can stand for (a person for "he", a thing or a body for "it", either for "they")."""
    text = article.sentence_text(sentence) if 0 <= sentence < len(article.sentences) else ""
    opening = _OPENS_WITH_PRONOUN.match(text)
    if opening is None:
        return None
    for quotation in article.quotations:
        if quotation.sentence == sentence and quotation.speaker and not _OPENS_WITH_PRONOUN.match(quotation.speaker):
            return quotation.speaker
    start = article.sentences[sentence].start
    pronoun = opening.group(1)
    if pronoun in _THING_PRONOUNS:
        return _opening_thing(article, sentence)
    labels = _PRONOUN_LABELS.get(pronoun, ("PERSON", "ORG"))
    named = [
        m for m in article.mentions
        if m.end <= start and m.label in labels and _may_be(m.text, _PRONOUN_GENDER.get(pronoun))
    ]
    return named[-1].text if named else None


def _opening_thing(article: AnnotatedArticle, sentence: int) -> str | None:
    """The named thing the sentence before opens on ("The Tarn Bridge carries …. It opened in 1962."): "it" most
    often stands for the subject before it, and a name further in is often not what "it" is ("… a referendum on
    joining the Russian Federation. It will be held by May 11."); with none, the bullet shows that sentence."""
    if sentence < 1:
        return None
    before = article.sentences[sentence - 1]
    text = article.article.text
    opening = [
        m for m in article.mentions
        if before.start <= m.start < before.end and m.label in _THING
        and len(_WORD.findall(text[after_dateline(text, before.start, m.start) : m.start])) <= 1
    ]
    return min(opening, key=lambda m: m.start).text if opening else None


def _may_be(name: str, gender: str | None) -> bool:
    """Whether a person so named can be the "he" or "she" (``gender``): not when the name opens on a title or,
    in a name of two words or more, a first name of the other sex only ("Mary Magdalene" is no "he")."""
    words = name.split()
    if gender is None or not words:
        return True
    named_as = HONORIFICS.get(words[0].lower()) or (first_name_gender(words[0]) if len(words) > 1 else None)
    return named_as is None or named_as == gender


# ---------------------------------------------------------------- quotations


def quotations(fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle]) -> list[QuotationRow]:
    """A row per utterance that is speech, or a scare-quoted term several outlets use; most outlets first."""
    family_of = source_of_articles(fusion)
    kinds = {
        q.id: q.kind for a in articles_by_id.values() for q in a.quotations
    }
    names = {e.id: e.name for e in fusion.entities}
    rows: list[tuple[int, int, QuotationRow]] = []
    order = {article_id: index for index, article_id in enumerate(articles_by_id)}
    for group in fusion.quote_groups:
        renderings = [r for r in group.renderings if r.article_id in articles_by_id]
        if not renderings:
            continue
        speech = any(kinds.get(r.quotation_id) == QuoteKind.speech for r in renderings)
        if not speech and len({r.article_id for r in renderings}) < 2:
            continue
        citations = [
            citation_for_span(articles_by_id[r.article_id], r.start, r.end, family_of.get(r.article_id, r.article_id))
            for r in renderings
        ]
        main = max(citations, key=lambda c: (len(c.text), -order[c.article_id]))
        outlets = list(dict.fromkeys(outlet_name(articles_by_id[c.article_id]) for c in citations))
        main_text = " ".join(main.text.split())
        variants = [
            c for c in citations if c.article_id != main.article_id and " ".join(c.text.split()) != main_text
        ]
        relays = [q.via for a in articles_by_id.values() for q in a.quotations
                  if q.via and q.id in {r.quotation_id for r in renderings}]
        row = QuotationRow(
            via=relays[0] if relays else None,
            speaker=_speaker_name(group, names),
            speaker_entity=group.speaker_entity,
            text=main.text,
            outlets=outlets,
            citations=citations,
            variants=variants,
        )
        rows.append((len(outlets), min((order[c.article_id], c.start) for c in citations)[1], row))
    rows.sort(key=lambda item: (-item[0], item[1]))
    return [row for _, _, row in rows]


def _speaker_name(group: QuoteGroup, names: Mapping[str, str]) -> str | None:
    if group.speaker_entity and group.speaker_entity in names:
        return names[group.speaker_entity]
    return group.speaker


# ---------------------------------------------------------------- timeline


def timeline(fusion: Fusion, articles: Sequence[AnnotatedArticle]) -> list[TimelineEvent]:
    """An event per resolved date, earliest first; the same date in several articles is one event citing
    each sentence that mentions it, described by the most central of those sentences."""
    family_of = source_of_articles(fusion)
    # the event is best told by a widely reported, central sentence that is not itself a quotation
    weight = {
        (m.article_id, m.sentence): len(g.family_ids) + g.centrality for g in fusion.fact_groups for m in g.members
    }
    events: dict[str, list[tuple[TimeExpression, AnnotatedArticle]]] = {}
    for annotated in articles:
        for time in annotated.times:
            if time.value is None or time.granularity is None or not 0 <= time.sentence < len(annotated.sentences):
                continue
            key = f"{time.value}/{time.end_value}" if time.end_value else time.value
            events.setdefault(key, []).append((time, annotated))
    result: list[TimelineEvent] = []
    for key, occurrences in events.items():
        citations: list[Citation] = []
        seen: set[tuple[str, int]] = set()
        seen_texts: set[str] = set()
        best: tuple[float, str] | None = None
        for time, annotated in occurrences:
            where = (annotated.article.id, time.sentence)
            text = " ".join(annotated.sentence_text(time.sentence).split())
            if where in seen or text in seen_texts:
                continue  # a sentence repeated verbatim (boilerplate, a syndicated copy) is cited once
            seen.add(where)
            seen_texts.add(text)
            sentence = annotated.sentences[time.sentence]
            ref = SentenceRef(article_id=where[0], sentence=where[1], start=sentence.start, end=sentence.end)
            citations.append(citation_for_sentence(ref, annotated, family_of.get(where[0], where[0])))
            quoted = any(q.start <= time.start < q.end for q in annotated.quotations)
            score = weight.get(where, 0.0) - (10.0 if quoted else 0.0)
            if best is None or score > best[0]:
                best = (score, text)
        if best is None:
            continue
        granularity = occurrences[0][0].granularity
        assert granularity is not None
        result.append(TimelineEvent(date=key, granularity=granularity, what=best[1], citations=citations))
    result.sort(key=lambda e: e.date)
    return result


# ---------------------------------------------------------------- entities


def entities(fusion: Fusion, articles_by_id: Mapping[str, AnnotatedArticle]) -> list[BriefEntity]:
    """The most mentioned entities, with the outlets that name them."""
    ranked: list[Entity] = sorted(fusion.entities, key=lambda e: (-e.mentions, -len(e.article_ids), e.name))
    return [
        BriefEntity(
            id=e.id,
            name=e.name,
            label=e.label,
            aliases=list(e.aliases),
            mentions=e.mentions,
            outlets=list(
                dict.fromkeys(outlet_name(articles_by_id[a]) for a in e.article_ids if a in articles_by_id)
            ),
        )
        for e in ranked[:MAX_ENTITIES]
    ]


def _sentence_text(ref: SentenceRef, article: AnnotatedArticle) -> str:
    return " ".join(article.article.text[ref.start : ref.end].split())
