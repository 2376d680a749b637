"""Summary selection: the sentences that best cover a story within a word budget, each with its citations.

The method was chosen on DUC 2004 (``benchmarks/summaries.py``), against greedy coverage and MMR over
centrality: budgeted maximum coverage of *concepts*, solved exactly as an integer linear programme, as in
ICSISumm (Gillick & Favre, 2009). Concepts are content-word bigrams. A concept's weight grows with the
square of the number of independent sources (source families) that report it, and with the number that
report it in their opening sentences, so facts reported independently by many outlets, and early, win.
At most one sentence per fact group is picked and near-duplicate sentences exclude each other, so the
summary does not repeat itself. A group's sentences may differ in what they name ("Mayor Park said it will
cost $40m" against "it will cost $40m"); of a group, only the members that every other member supports
(by the support check its citations go through) are candidates, when it has any, so a stated sentence
does not claim more than its sources carry. The budget is a hard constraint: the summary never exceeds ``words``.
On DUC 2004 (ROUGE-2 recall at 100 words, rouge-score, with this pipeline's fact groups) the programme
scored 9.75, its greedy approximation 9.47, and MMR over encoder centrality 7.37.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np
from nltk.stem.porter import PorterStemmer
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.brief.citations import citation_for_sentence, citations_for_group, source_of_articles
from newsfuse.brief.native_output import native_stdout_to_stderr
from newsfuse.brief.support import check_support
from newsfuse.model import AnnotatedArticle, CitedSentence, FactGroup, Fusion, SentenceRef, TextEncoder

Concept = tuple[str, str]

@dataclass(frozen=True)
class SummarySettings:
    """The summary's tunable values, in one place (chosen on DUC 2004, see the module docstring)."""

    min_sentence_words: int = 10
    max_sentence_words: int = 55
    lead_sentences: int = 4  # a concept in an article's first sentences is what the outlet thought most important
    lead_bonus: float = 3.0
    support_power: float = 2.0
    max_candidates: int = 400  # keeps the programme small on long web articles
    duplicate_cosine: float = 0.85
    # Dice share of content words under which two sentences are not compared (nor encoded): of the 337 pairs of
    # the 500 DUC articles at duplicate_cosine, the least alike in words had 0.38; 0.3 encoded twice the texts
    duplicate_words: float = 0.35
    solver_seconds: float = 5.0
    fully_cited_supply: float = 1.0  # fully cited sentences are kept alone when they fill the budget this often


SETTINGS = SummarySettings()

_WORD = re.compile(r"[^\W_]+")
# A sentence that opens on a pronoun or a link to what came before ("He added…", "But the deal…") leans on
# the sentence before it in its article: lifted into a summary alone, it points at nothing, so it is only
# chosen together with that sentence, and read right after it.
_OPENS_WITH_REFERENCE = re.compile(
    r"^(?:He|She|They|It|His|Her|Their|Its|But|And|Also|However|Meanwhile|Moreover|Instead|Yet"
    r"|(?:This|That|These|Those)(?!\s+(?:year|week|month|morning|afternoon|evening|weekend|time)s?\b))\b"
)


@dataclass(frozen=True)
class _Candidate:
    article_index: int
    sentence: int
    text: str
    words: int
    concepts: frozenset[Concept]
    group: FactGroup | None
    leans_on: int | None = None  # the sentence (of the same article) it needs before it
    same_fact: tuple[tuple[int, int], ...] = ()  # (article, sentence) of its supporters: one of them is enough


def select_summary(
    fusion: Fusion, articles: Sequence[AnnotatedArticle], encoder: TextEncoder, words: int
) -> list[CitedSentence]:
    """Pick verbatim sentences covering the story's most widely reported facts in at most ``words`` words,
    ordered by publication date and position, each citing every article of its fact group whose span
    passes the support check (of a group, a version every member supports is stated where one exists)."""
    if words <= 0 or not articles:
        return []
    family_of = _family_of(fusion, articles)
    weights = _concept_weights(articles, family_of)
    candidates = _candidates(fusion, articles)
    candidates = [c for c in candidates if c.words <= words]
    if not candidates:
        return []
    candidates = _shortlist(candidates, weights)
    claims = _claims_by_sentence(fusion)
    cited = {_key(c): _cite(c, fusion, articles, encoder, claims) for c in candidates if c.group is not None}
    candidates = _supported_statements(candidates, cited)
    candidates = _fully_cited(candidates, cited, words)
    # when every sentence left leans on one that is gone, a summary that leans is better than none
    candidates = _with_antecedents(candidates) or [replace(c, leans_on=None) for c in candidates]
    duplicates = _duplicate_pairs(candidates, encoder) + _rival_values(candidates, articles, fusion)
    chosen = _solve(candidates, weights, words, duplicates)
    ordered = _after_antecedents(sorted(chosen, key=lambda c: _reading_order(c, articles)))
    return [cited.get(_key(c)) or _cite(c, fusion, articles, encoder, claims) for c in ordered]


# ---------------------------------------------------------------- concepts


@lru_cache(maxsize=1)
def _stemmer() -> PorterStemmer:
    return PorterStemmer()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(_stemmer().stem(word))


def _concepts(text: str) -> frozenset[Concept]:
    """Bigrams of adjacent words, stemmed, unless both are stop words ("of the" says nothing)."""
    tokens = _WORD.findall(text.lower())
    return frozenset(
        (_stem(first), _stem(second))
        for first, second in itertools.pairwise(tokens)
        if not (first in ENGLISH_STOP_WORDS and second in ENGLISH_STOP_WORDS)
    )


def _family_of(fusion: Fusion, articles: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """Article id → its source family; an article no family lists is a source of its own."""
    return {a.article.id: a.article.id for a in articles} | fusion.story.family_of()


def _source_of(fusion: Fusion, articles: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """Article id → its independent source, for citations."""
    return {a.article.id: a.article.id for a in articles} | source_of_articles(fusion)


def _concept_weights(articles: Sequence[AnnotatedArticle], family_of: dict[str, str]) -> dict[Concept, float]:
    """Weight = (families reporting it)² × (1 + bonus × share of families reporting it in their lead).

    A concept one source alone reports carries no weight, unless the story has a single source."""
    families: dict[Concept, set[str]] = {}
    lead_families: dict[Concept, set[str]] = {}
    for annotated in articles:
        family = family_of[annotated.article.id]
        for index in range(len(annotated.sentences)):
            for concept in _concepts(annotated.sentence_text(index)):
                families.setdefault(concept, set()).add(family)
                if index < SETTINGS.lead_sentences:
                    lead_families.setdefault(concept, set()).add(family)
    source_count = max(1, len(set(family_of.values())))
    min_support = 2 if source_count > 1 else 1
    return {
        concept: len(reporters) ** SETTINGS.support_power
        * (1.0 + SETTINGS.lead_bonus * len(lead_families.get(concept, ())) / source_count)
        for concept, reporters in families.items()
        if len(reporters) >= min_support
    }


# ---------------------------------------------------------------- candidates


def _is_summary_sentence(text: str) -> bool:
    """A sentence that can stand alone in a summary: a statement of reasonable length with its quotes closed."""
    words = len(text.split())
    if not SETTINGS.min_sentence_words <= words <= SETTINGS.max_sentence_words:
        return False
    if text.rstrip().endswith("?") or (not text[:1].isupper() and text[:1] not in "\"“'‘"):
        return False
    straight = text.count('"')
    return straight % 2 == 0 and text.count("“") == text.count("”")


def _candidates(fusion: Fusion, articles: Sequence[AnnotatedArticle]) -> list[_Candidate]:
    group_of = _sentence_groups(fusion)
    candidates: list[_Candidate] = []
    seen_texts: set[str] = set()
    index_of = {a.article.id: i for i, a in enumerate(articles)}
    stale = _superseded_values(fusion)
    for article_index, annotated in enumerate(articles):
        for index in range(len(annotated.sentences)):
            text = " ".join(annotated.sentence_text(index).split())
            # a syndicated copy repeats the sentence verbatim; the first copy stands for all (same citations)
            if text in seen_texts or not _is_summary_sentence(text):
                continue
            sentence = annotated.sentences[index]
            if any(sentence.start <= at < sentence.end for at in stale.get(annotated.article.id, ())):
                continue  # it gives a figure a later report updated: the summary states the latest one
            seen_texts.add(text)
            own_group = group_of.get((annotated.article.id, index))
            supporters = tuple(
                (index_of[m.article_id], m.sentence)
                for m in (own_group.members[1:] if own_group else [])
                if m.article_id in index_of
            )
            candidates.append(
                _Candidate(
                    article_index=article_index,
                    sentence=index,
                    text=text,
                    words=len(text.split()),
                    concepts=_concepts(text),
                    group=group_of.get((annotated.article.id, index)),
                    leans_on=index - 1 if _OPENS_WITH_REFERENCE.match(text) else None,
                    same_fact=supporters,
                )
            )
    if not candidates:  # nothing passes the filters (very short articles): any sentence is better than none
        for article_index, annotated in enumerate(articles):
            for index in range(len(annotated.sentences)):
                text = " ".join(annotated.sentence_text(index).split())
                if text and text not in seen_texts:
                    seen_texts.add(text)
                    candidates.append(
                        _Candidate(
                            article_index, index, text, len(text.split()), _concepts(text),
                            group_of.get((annotated.article.id, index)),
                        )
                    )
    return candidates


def _superseded_values(fusion: Fusion) -> dict[str, list[int]]:
    """Article → offsets of the values that an update conflict says later reports replaced (all but the
    last value of an update, whose values come in publication order)."""
    stale: dict[str, list[int]] = {}
    for conflict in fusion.conflicts:
        if conflict.relation != "update":
            continue
        for value in conflict.values[:-1]:
            for side in value.sides:
                stale.setdefault(side.article_id, []).append(side.start)
    return stale


def _sentence_groups(fusion: Fusion) -> dict[tuple[str, int], FactGroup]:
    """(article, sentence) → one group for the sentence: its claims (each the statement of a group) and
    every supporter of any of them, each article's best first."""
    claims: dict[tuple[str, int], list[FactGroup]] = {}
    for group in fusion.fact_groups:
        claims.setdefault((group.statement.article_id, group.statement.sentence), []).append(group)
    merged: dict[tuple[str, int], FactGroup] = {}
    for key, groups in claims.items():
        if len(groups) == 1:
            merged[key] = groups[0]
            continue
        statements = [g.statement for g in groups]
        supporters = [m for g in groups for m in g.members[1:]]
        members = statements + supporters
        merged[key] = FactGroup(
            id=groups[0].id,
            members=members,
            article_ids=list(dict.fromkeys(m.article_id for m in members)),
            family_ids=list(dict.fromkeys(f for g in groups for f in g.family_ids)),
            centrality=max(g.centrality for g in groups),
        )
    return merged


def _shortlist(candidates: list[_Candidate], weights: dict[Concept, float]) -> list[_Candidate]:
    """The candidates with the most concept weight per word, so the programme stays small."""
    if len(candidates) <= SETTINGS.max_candidates:
        return candidates
    scored = sorted(candidates, key=lambda c: -math.fsum(weights.get(k, 0.0) for k in c.concepts) / c.words)
    return scored[:SETTINGS.max_candidates]


def _duplicate_pairs(candidates: list[_Candidate], encoder: TextEncoder) -> list[tuple[int, int]]:
    """Pairs of candidates that say the same thing (outside fact groups, which exclude themselves)."""
    if len(candidates) < 2:
        return []
    # blocking: sentences this close in meaning share many of their content words, so only the pairs that do
    # are encoded and compared (a one-source story's sentences are otherwise all encoded for nothing)
    words = [frozenset(word for concept in c.concepts for word in concept) for c in candidates]
    vocabulary: dict[str, int] = {}
    matrix = lil_matrix((len(candidates), 1 + sum(len(w) for w in words)), dtype=np.float32)
    for row, sentence_words in enumerate(words):
        for word in sentence_words:
            matrix[row, vocabulary.setdefault(word, len(vocabulary))] = 1.0
    counts = matrix.tocsr()
    shared = (counts @ counts.T).tocoo()
    sizes = np.asarray([len(w) for w in words], dtype=np.float32)
    blocked = sorted(
        (int(i), int(j)) for i, j, n in zip(shared.row, shared.col, shared.data, strict=True)
        if i < j and 2 * n >= SETTINGS.duplicate_words * (sizes[i] + sizes[j])
    )
    if not blocked:
        return []
    involved = sorted({i for pair in blocked for i in pair})
    position = {index: k for k, index in enumerate(involved)}
    vectors = encoder.encode([candidates[i].text for i in involved])
    return [
        (i, j) for i, j in blocked if float(vectors[position[i]] @ vectors[position[j]]) >= SETTINGS.duplicate_cosine
    ]


def _rival_values(
    candidates: list[_Candidate], articles: Sequence[AnnotatedArticle], fusion: Fusion
) -> list[tuple[int, int]]:
    """Pairs of candidates that give different values of one disputed figure (a conflict's sides in each, none
    in common): side by side they contradict each other ("injuring fifteen people", "Fourteen people were
    injured"), so at most one is chosen; a sentence giving both values ("rose from 4 to 9") rivals neither."""
    row_of = {(articles[c.article_index].article.id, c.sentence): row for row, c in enumerate(candidates)}
    starts = {a.article.id: [s.start for s in a.sentences] for a in articles}
    given: dict[int, dict[int, set[int]]] = {}  # conflict → candidate → the values it gives
    for number, conflict in enumerate(fusion.conflicts):
        for index, value in enumerate(conflict.values):
            for side in value.sides:
                sentence = bisect_right(starts.get(side.article_id, []), side.start) - 1
                row = row_of.get((side.article_id, sentence))
                if row is not None:
                    given.setdefault(number, {}).setdefault(row, set()).add(index)
    rivals: set[tuple[int, int]] = set()
    for by_row in given.values():
        for first, second in itertools.combinations(sorted(by_row), 2):
            if not by_row[first] & by_row[second]:
                rivals.add((first, second))
    return sorted(rivals)


def _key(candidate: _Candidate) -> tuple[int, int]:
    return candidate.article_index, candidate.sentence


def _antecedent(candidate: _Candidate) -> tuple[int, int] | None:
    return None if candidate.leans_on is None else (candidate.article_index, candidate.leans_on)


def _with_antecedents(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop the sentences that lean on one no longer a candidate (removed as a copy, a fragment, ...)."""
    while True:
        keys = {_key(c) for c in candidates}
        kept = [c for c in candidates if c.leans_on is None or _antecedent(c) in keys]
        if len(kept) == len(candidates):
            return kept
        candidates = kept


def _after_antecedents(ordered: list[_Candidate]) -> list[_Candidate]:
    """Each sentence that leans on another right after it, whatever the reading order put between them."""
    followers: dict[tuple[int, int], list[_Candidate]] = {}
    for candidate in ordered:
        antecedent = _antecedent(candidate)
        if antecedent is not None:
            followers.setdefault(antecedent, []).append(candidate)
    chosen = {_key(c) for c in ordered}
    result: list[_Candidate] = []

    def place(candidate: _Candidate) -> None:
        result.append(candidate)
        for follower in followers.get(_key(candidate), []):
            place(follower)

    for candidate in ordered:
        if _antecedent(candidate) not in chosen:
            place(candidate)
    return result


def _supported_statements(
    candidates: list[_Candidate], cited: dict[tuple[int, int], CitedSentence]
) -> list[_Candidate]:
    """Of the sentences reporting one fact (a sentence and its supporters), the ones every other member
    of their group supports, when there are any.

    They say the same thing in different words, but one may add a name or a number the others lack;
    stated in the summary, that sentence would cite sources that do not carry all of it. The version every
    cited source supports is the one to state. Each sentence states a group of its own, so a sentence is
    set aside when one of its supporters is such a version."""
    by_key = {_key(c): c for c in candidates}

    def supported(candidate: _Candidate) -> bool:
        return candidate.group is not None and _every_source_cited(candidate, cited)

    def has_supported_version(candidate: _Candidate) -> bool:
        return any(key in by_key and supported(by_key[key]) for key in candidate.same_fact)

    return [c for c in candidates if c.group is None or supported(c) or not has_supported_version(c)]


def _fully_cited(
    candidates: list[_Candidate], cited: dict[tuple[int, int], CitedSentence], words: int
) -> list[_Candidate]:
    """The sentences every source of their fact group carries, when they can fill the summary
    ``SummarySettings.fully_cited_supply`` times over: a sentence the support check cuts a source from says
    more than that source reports, and stated in the summary it would cite fewer sources than the fact lists
    give it."""
    full = [c for c in candidates if c.group is None or _every_source_cited(c, cited)]
    return full if sum(c.words for c in full) >= SETTINGS.fully_cited_supply * words else candidates


def _every_source_cited(candidate: _Candidate, cited: dict[tuple[int, int], CitedSentence]) -> bool:
    """Every article of the sentence's group (all its claims' supporters) passed the support check."""
    group = candidate.group
    return group is not None and len(cited[_key(candidate)].citations) >= len(set(group.article_ids))


# ---------------------------------------------------------------- the programme


def _solve(
    candidates: list[_Candidate],
    weights: dict[Concept, float],
    words: int,
    duplicates: list[tuple[int, int]],
) -> list[_Candidate]:
    """maximise Σ w_c·y_c  s.t.  Σ len_s·x_s ≤ words;  y_c ≤ Σ_{s∋c} x_s;
    one sentence per fact group; near-duplicates exclude each other; a sentence that leans on the one
    before it comes only with it."""
    # columns and rows in a fixed order: the solver's choice among equal optima follows their order, and a
    # set's order changes with the process's string hashing (a worker's brief differed from the parent's)
    concept_ids: dict[Concept, int] = {}
    for candidate in candidates:
        for concept in sorted(candidate.concepts):
            if concept in weights and concept not in concept_ids:
                concept_ids[concept] = len(concept_ids)
    n_sentences, n_concepts = len(candidates), len(concept_ids)
    objective = np.zeros(n_sentences + n_concepts)
    for index, candidate in enumerate(candidates):
        # a tiny length-based term breaks ties towards fuller summaries when no concept is left to cover
        objective[index] = -1e-6 * candidate.words
    for concept, column in concept_ids.items():
        objective[n_sentences + column] = -weights[concept]

    row_of = {_key(c): index for index, c in enumerate(candidates)}
    same_fact = sorted({
        tuple(sorted({index, *(row_of[key] for key in c.same_fact if key in row_of)}))
        for index, c in enumerate(candidates)
    })
    exclusive = [list(rows) for rows in same_fact if len(rows) > 1] + [list(pair) for pair in duplicates]
    leaning = [(index, row_of[key]) for index, c in enumerate(candidates) if (key := _antecedent(c)) is not None]

    n_rows = 1 + n_concepts + len(exclusive) + len(leaning)
    matrix = lil_matrix((n_rows, n_sentences + n_concepts))
    lower = np.full(n_rows, -np.inf)
    upper = np.zeros(n_rows)
    for index, candidate in enumerate(candidates):
        matrix[0, index] = candidate.words
        for concept in candidate.concepts:
            if concept in concept_ids:
                matrix[1 + concept_ids[concept], index] = -1.0
    upper[0] = words
    for column in range(n_concepts):
        matrix[1 + column, n_sentences + column] = 1.0
    for offset, rows in enumerate(exclusive):
        for index in rows:
            matrix[1 + n_concepts + offset, index] = 1.0
        upper[1 + n_concepts + offset] = 1.0
    for offset, (index, antecedent) in enumerate(leaning):  # x_sentence ≤ x_antecedent
        row = 1 + n_concepts + len(exclusive) + offset
        matrix[row, index] = 1.0
        matrix[row, antecedent] = -1.0
    integrality = np.concatenate([np.ones(n_sentences), np.zeros(n_concepts)])
    with native_stdout_to_stderr():  # HiGHS may print from C++; stdout may be the brief itself
        result = milp(
            objective,
            constraints=LinearConstraint(matrix.tocsr(), lower, upper),
            integrality=integrality,
            bounds=Bounds(0.0, 1.0),
            options={"time_limit": SETTINGS.solver_seconds},
        )
    if result.x is None:  # the solver gave up: fall back on the greedy approximation of the same objective
        return _greedy(candidates, weights, words, exclusive, row_of)
    chosen = [candidates[i] for i in range(n_sentences) if result.x[i] > 0.5]
    if sum(c.words for c in chosen) > words:  # never trust a time-limited incumbent with the hard budget
        return _greedy(candidates, weights, words, exclusive, row_of)
    return chosen


def _greedy(
    candidates: list[_Candidate],
    weights: dict[Concept, float],
    words: int,
    exclusive: list[list[int]],
    row_of: dict[tuple[int, int], int],
) -> list[_Candidate]:
    """Greedy budgeted coverage: the best new concept weight per word, while it fits."""
    covered: set[Concept] = set()
    blocked: set[int] = set()
    chosen: list[int] = []
    used = 0
    while True:
        best, best_score = -1, 0.0
        for index, candidate in enumerate(candidates):
            if index in blocked or index in chosen or used + candidate.words > words:
                continue
            antecedent = _antecedent(candidate)
            if antecedent is not None and row_of[antecedent] not in chosen:
                continue
            gain = math.fsum(weights.get(k, 0.0) for k in candidate.concepts - covered) / candidate.words
            if gain > best_score:
                best, best_score = index, gain
        if best < 0:
            break
        chosen.append(best)
        used += candidates[best].words
        covered |= candidates[best].concepts
        for rows in exclusive:
            if best in rows:
                blocked.update(rows)
    return [candidates[i] for i in chosen]


# ---------------------------------------------------------------- reading order and citations


def _reading_order(candidate: _Candidate, articles: Sequence[AnnotatedArticle]) -> tuple[date, int, int]:
    """Older reports first, so the summary reads as the story unfolded; among reports of one day, by the
    sentence's position in its article, so every outlet's opening comes before anyone's later detail (the
    inverted pyramid: news puts what matters most first)."""
    published = articles[candidate.article_index].article.published or date.max
    return published, candidate.sentence, candidate.article_index


def _whole_sentences(group: FactGroup, by_id: dict[str, AnnotatedArticle]) -> FactGroup:
    """The group with each supporting claim widened to its sentence: a summary sentence is judged against,
    and cites, whole sentences."""
    members = []
    for member in group.members:
        article = by_id.get(member.article_id)
        if article is None or not 0 <= member.sentence < len(article.sentences):
            members.append(member)
            continue
        sentence = article.sentences[member.sentence]
        members.append(member.model_copy(update={"start": min(member.start, sentence.start),
                                                 "end": max(member.end, sentence.end)}))
    return group.model_copy(update={"members": members})


def _cite(
    candidate: _Candidate,
    fusion: Fusion,
    articles: Sequence[AnnotatedArticle],
    encoder: TextEncoder,
    claims: dict[tuple[str, int], list[FactGroup]],
) -> CitedSentence:
    annotated = articles[candidate.article_index]
    sentence = annotated.sentences[candidate.sentence]
    own = SentenceRef(
        article_id=annotated.article.id, sentence=candidate.sentence, start=sentence.start, end=sentence.end
    )
    source_of = _source_of(fusion, articles)
    citations = [citation_for_sentence(own, annotated, source_of[own.article_id])]
    if candidate.group is not None:  # the chosen sentence stands for its own article; the group adds the others
        by_id = {a.article.id: a for a in articles}
        # each supporter is checked against the claim it supports (a long sentence states several facts, and
        # one source may report only one of them), then cited as its whole sentence
        supported: set[str] = set()
        for claim in claims.get((own.article_id, own.sentence), []):
            claim_citations = [c for c in citations_for_group(claim, by_id, fusion) if c.article_id != own.article_id]
            supported |= {c.article_id for c in check_support(claim.statement, claim_citations, articles, encoder)}
        others = citations_for_group(_whole_sentences(candidate.group, by_id), by_id, fusion)
        # a source that states another value of a figure this sentence gives disagrees with it, whichever of its
        # sentences supports the rest ("injuring fifteen people" citing a report's fire sentence, twelve later)
        disputed = _other_values(own, fusion)
        citations += [
            c for c in others
            if c.article_id != own.article_id and c.article_id in supported and c.article_id not in disputed
        ]
    return CitedSentence(
        text=candidate.text, fact_group_id=candidate.group.id if candidate.group else None, citations=citations
    )


def _claims_by_sentence(fusion: Fusion) -> dict[tuple[str, int], list[FactGroup]]:
    """The fact groups stated by the claims of each sentence, by (article id, sentence index)."""
    claims: dict[tuple[str, int], list[FactGroup]] = {}
    for group in fusion.fact_groups:
        claims.setdefault((group.statement.article_id, group.statement.sentence), []).append(group)
    return claims


def _other_values(sentence: SentenceRef, fusion: Fusion) -> set[str]:
    """The articles that state another value of a figure this sentence gives (a conflict or an update): a
    sentence citing them would present the dispute as agreement ("injuring fifteen people" citing the sources
    that count twelve), whatever claim of theirs supports it."""
    found: set[str] = set()
    for conflict in fusion.conflicts:
        own = {
            index for index, value in enumerate(conflict.values) for side in value.sides
            if side.article_id == sentence.article_id and sentence.start <= side.start < sentence.end
        }
        if own:
            found |= {
                side.article_id
                for index, value in enumerate(conflict.values) if index not in own for side in value.sides
            }
    return found
