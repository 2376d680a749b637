"""The incremental story index: a new article joins the best-matching story or starts one, without
re-clustering what came before.

Cost per article stays flat as the corpus grows because candidates are blocked by time: story
centroids live in weekly buckets keyed by the story's latest date, and an article only scores the
stories of the buckets within ``window_days`` of its own date (plus the undated ones)."""

from __future__ import annotations

import base64
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from newsfuse.errors import InputError
from newsfuse.model import AnnotatedArticle, SourceFamily, Story, TextEncoder

from .families import FamilyFinder
from .features import ArticleFeatures, article_features, lead_text


class StoryParams(BaseModel):
    """How similar an article must be to join a story. One setting, tuned on DUC 2004 and AllSides
    together (benchmarks/stories.py). The score is the mean similarity to the story's best-matching
    members (``link_weight``), plus an entity bonus, less a time penalty that is a small step: a day
    apart costs ``day_penalty``, never more than ``max_penalty``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    threshold: float = Field(default=0.22, description="Minimum score (cosine + entity bonus - time penalty) to join.")
    entity_weight: float = Field(
        default=0.2, description="Bonus for the (IDF-weighted) share of the article's names the story has."
    )
    grace_days: int = Field(default=0, description="Date gap to the story's range that costs nothing.")
    day_penalty: float = Field(default=0.1, description="Score lost per day of gap beyond the grace.")
    max_penalty: float = Field(default=0.3, description="Cap on the time penalty.")
    window_days: int = Field(default=60, description="Stories further away in time than this are not candidates.")
    related_similarity: float = Field(default=0.55, description="Cosine linking a later story.")
    lexical_weight: float = Field(default=0.8, description="Share of the TF-IDF cosine in the similarity.")
    candidates: int = Field(default=10, description="Nearest centroids re-scored with entities and time.")
    link_weight: float = Field(
        default=1.0, description="Share of the member linkage (mean of the best member similarities) in the score."
    )
    name_idf_power: float = Field(default=2.0, description="0 counts names equally; higher favours rare names.")
    link_members: int = Field(default=2, description="Best-matching members averaged for the member linkage.")
    member_cap: int = Field(default=40, description="Latest members of a story compared one by one (bounds cost).")
    merge_similarity: float = Field(
        default=1.0,
        description="Story-to-story similarity (centroids, less the time penalty) at which a candidate story the "
        "new article touched is merged into its story; 1.0 turns the repair off (it cost AllSides precision).",
    )
    duplicate_jaccard: float = Field(default=0.5, description="Shingle Jaccard that makes two articles one family.")
    shingle_words: int = 5
    permutations: int = 64
    bucket_days: int = 7


class IndexedArticle(BaseModel):
    """One article as the index state stores it (the vector and MinHash as base64)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    story_id: str
    vector: str
    names: list[str]
    published: date | None
    headline: str | None
    length: int
    signature: str
    terms: dict[str, float] = Field(default_factory=dict)


class StoryIndexState(BaseModel):
    """Everything needed to rebuild a ``StoryIndex`` and continue it: JSON-serialisable."""

    model_config = ConfigDict(extra="forbid")

    params: StoryParams
    articles: list[IndexedArticle] = Field(default_factory=list, description="In arrival order.")
    related: dict[str, list[str]] = Field(default_factory=dict)


@dataclass
class _StoryState:
    id: str
    members: list[str] = field(default_factory=list)
    vector_sum: NDArray[np.float32] | None = None
    names: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    related: set[str] = field(default_factory=set)
    terms: Counter[str] = field(default_factory=Counter)

    def centroid(self) -> NDArray[np.float32]:
        assert self.vector_sum is not None
        norm = float(np.linalg.norm(self.vector_sum))
        return (self.vector_sum / norm if norm > 0 else self.vector_sum).astype(np.float32)


class _Bucket:
    """Unit centroids of the stories whose latest date falls in one time slice, as one matrix."""

    def __init__(self, dimension: int) -> None:
        self.ids: list[str] = []
        self.row: dict[str, int] = {}
        self.matrix = np.zeros((8, dimension), dtype=np.float32)

    def put(self, story_id: str, centroid: NDArray[np.float32]) -> None:
        row = self.row.get(story_id)
        if row is None:
            row = len(self.ids)
            if row == len(self.matrix):
                self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
            self.ids.append(story_id)
            self.row[story_id] = row
        self.matrix[row] = centroid

    def remove(self, story_id: str) -> None:
        row = self.row.pop(story_id)
        last = len(self.ids) - 1
        if row != last:  # keep rows dense: the last story moves into the hole
            moved = self.ids[last]
            self.ids[row] = moved
            self.row[moved] = row
            self.matrix[row] = self.matrix[last]
        self.ids.pop()

    def similarities(self, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        result: NDArray[np.float32] = self.matrix[: len(self.ids)] @ vector
        return result


_UNDATED = None


class StoryIndex:
    """Stories built one article at a time. ``assign`` places a new article; ``restore`` replays a known
    assignment (a store rebuilding its index); ``to_state``/``from_state`` persist it."""

    def __init__(self, encoder: TextEncoder | None = None, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self._encoder = encoder
        self._articles: dict[str, ArticleFeatures] = {}
        self._story_of: dict[str, str] = {}
        self._stories: dict[str, _StoryState] = {}
        self._buckets: dict[int | None, _Bucket] = {}
        self._bucket_of: dict[str, int | None] = {}
        self._document_frequency: Counter[str] = Counter()
        self._name_frequency: Counter[str] = Counter()
        self._norms: dict[str, tuple[float, int]] = {}
        self._families = FamilyFinder(self.params.duplicate_jaccard, self.params.permutations)

    # ------------------------------------------------------------ public

    def __len__(self) -> int:
        return len(self._articles)

    def assign(self, article: AnnotatedArticle, vector: NDArray[np.float32] | None = None) -> Story:
        """Put a new article into the story it belongs to (or a new one) and return that story.
        ``vector`` is the article's lead embedding; without it the index's encoder computes it."""
        known = self._story_of.get(article.article.id)
        if known is not None:
            return self.story(known)
        features = self._features(article, vector)
        duplicates = self._families.near_duplicates(features.signature)
        target = self._duplicate_story(features, duplicates)
        scored = self._score(features)
        if target is None:
            best = next(iter(scored), None)
            if best is not None and best[1] >= self.params.threshold:
                target = best[0]
        story_id = self._join(features, duplicates, target)
        story_id = self._merge_candidates(story_id, scored)
        self._link_related(story_id, [item for item in scored if item[0] in self._stories])
        return self.story(story_id)

    def restore(self, article: AnnotatedArticle, vector: NDArray[np.float32], story_id: str) -> None:
        """Replay an assignment made earlier (the store rebuilding its index): no decision is taken."""
        if article.article.id in self._story_of:
            return
        features = self._features(article, vector)
        self._join(features, self._families.near_duplicates(features.signature), None, forced_id=story_id)

    def story(self, story_id: str) -> Story:
        state = self._stories.get(story_id)
        if state is None:
            raise KeyError(story_id)
        return self._materialise(state)

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def stories(self) -> list[Story]:
        """Every story, largest first (then earliest, then by id, for a stable order)."""
        states = sorted(
            self._stories.values(), key=lambda s: (-len(s.members), s.first or date.max, s.id)
        )
        return [self._materialise(state) for state in states]

    def to_state(self) -> StoryIndexState:
        articles = [
            IndexedArticle(
                id=f.id,
                story_id=self._story_of[f.id],
                vector=base64.b64encode(f.vector.astype(np.float32).tobytes()).decode("ascii"),
                names=sorted(f.names),
                published=f.published,
                headline=f.headline,
                length=f.length,
                signature=base64.b64encode(f.signature.astype(np.uint64).tobytes()).decode("ascii"),
                terms=f.terms,
            )
            for f in self._articles.values()
        ]
        related = {s.id: sorted(s.related) for s in self._stories.values() if s.related}
        return StoryIndexState(params=self.params, articles=articles, related=related)

    @classmethod
    def from_state(cls, state: StoryIndexState, encoder: TextEncoder | None = None) -> StoryIndex:
        index = cls(encoder, state.params)
        for stored in state.articles:
            features = ArticleFeatures(
                id=stored.id,
                vector=np.frombuffer(base64.b64decode(stored.vector), dtype=np.float32).copy(),
                names=frozenset(stored.names),
                published=stored.published,
                headline=stored.headline,
                length=stored.length,
                signature=np.frombuffer(base64.b64decode(stored.signature), dtype=np.uint64).copy(),
                terms=dict(stored.terms),
            )
            duplicates = index._families.near_duplicates(features.signature)
            index._join(features, duplicates, None, forced_id=stored.story_id)
        for story_id, linked in state.related.items():
            if story_id in index._stories:
                index._stories[story_id].related.update(s for s in linked if s in index._stories)
        return index

    # ------------------------------------------------------------ deciding

    def _features(self, article: AnnotatedArticle, vector: NDArray[np.float32] | None) -> ArticleFeatures:
        if vector is None:
            if self._encoder is None:
                raise InputError("the story index needs an encoder or a vector for each article")
            vector = self._encoder.encode([lead_text(article)])[0]
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        return article_features(article, vector, self.params.shingle_words, self.params.permutations)

    def _gap_days(self, published: date | None, state: _StoryState) -> int:
        if published is None or state.first is None or state.last is None:
            return 0
        return max(0, (state.first - published).days, (published - state.last).days)

    def _duplicate_story(self, features: ArticleFeatures, duplicates: list[tuple[str, float]]) -> str | None:
        """A syndicated copy belongs with its original, unless they are far apart in time (a re-run)."""
        for other, _ in duplicates:
            state = self._stories[self._story_of[other]]
            if self._gap_days(features.published, state) <= self.params.window_days:
                return state.id
        return None

    def _candidate_buckets(self, published: date | None) -> list[_Bucket]:
        if published is None:
            return list(self._buckets.values())
        span = self.params.bucket_days
        low = (published.toordinal() - self.params.window_days) // span
        high = (published.toordinal() + self.params.window_days) // span
        keys: list[int | None] = [*range(low, high + 1), _UNDATED]
        return [self._buckets[key] for key in keys if key in self._buckets]

    def _score(self, features: ArticleFeatures) -> list[tuple[str, float, float, int]]:
        """Candidate stories as (id, score, cosine, gap days), best score first."""
        ids: list[str] = []
        sims: list[NDArray[np.float32]] = []
        for bucket in self._candidate_buckets(features.published):
            if bucket.ids:
                ids.extend(bucket.ids)
                sims.append(bucket.similarities(features.vector))
        if not ids:
            return []
        cosines = np.concatenate(sims)
        idf = {term: self._idf(term) for term in features.terms}
        name_idf = {name: self._name_idf(name) for name in features.names}
        top = np.argsort(-cosines)[: self.params.candidates]
        scored: list[tuple[str, float, float, int]] = []
        for position in top:
            state = self._stories[ids[int(position)]]
            gap = self._gap_days(features.published, state)
            if gap > self.params.window_days:
                continue
            cosine = float(cosines[int(position)])
            overlap = self._name_overlap(features.names, state.names, name_idf)
            if self.params.lexical_weight:
                lexical = self._lexical(features.terms, state.terms)
                cosine = (1 - self.params.lexical_weight) * cosine + self.params.lexical_weight * lexical
            if self.params.link_weight:
                link = self._linkage(features, state, idf)
                cosine = (1 - self.params.link_weight) * cosine + self.params.link_weight * link
            scored.append((state.id, cosine + self.params.entity_weight * overlap - self._penalty(gap), cosine, gap))
        return sorted(scored, key=lambda item: (-item[1], item[0]))

    def _linkage(self, features: ArticleFeatures, state: _StoryState, idf: dict[str, float]) -> float:
        """Mean similarity of the article to its best-matching story members (average-link flavour)."""
        members = [self._articles[m] for m in state.members[-self.params.member_cap :]]
        vectors = np.stack([m.vector for m in members])
        embedded = vectors @ features.vector
        weight = self.params.lexical_weight
        article_norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in features.terms.items())) or 1.0
        sims: list[float] = []
        for member, cosine in zip(members, embedded, strict=True):
            lexical = 0.0
            if weight:
                dot = 0.0
                for term, w in features.terms.items():
                    other = member.terms.get(term)
                    if other is not None:
                        dot += w * other * idf[term] ** 2
                if dot > 0:
                    lexical = dot / (article_norm * self._norm(member))
            sims.append((1 - weight) * float(cosine) + weight * lexical)
        best = sorted(sims, reverse=True)[: self.params.link_members]
        return sum(best) / len(best)

    def _norm(self, member: ArticleFeatures) -> float:
        """TF-IDF norm of a member, cached for a while (IDF drifts slowly as the index grows)."""
        cached = self._norms.get(member.id)
        size = len(self._articles)
        if cached is None or size > cached[1] * 1.2 + 20:
            value = math.sqrt(sum((w * self._idf(t)) ** 2 for t, w in member.terms.items())) or 1.0
            cached = self._norms[member.id] = (value, size)
        return cached[0]

    def _name_idf(self, name: str) -> float:
        return math.log((len(self._articles) + 1) / (self._name_frequency.get(name, 0) + 1)) + 1.0

    def _name_overlap(self, names: frozenset[str], story_names: Counter[str], idf: dict[str, float]) -> float:
        """IDF-weighted share of the article's names the story has: a rare shared name counts for more."""
        if not names:
            return 0.0
        total = sum(idf[name] ** self.params.name_idf_power for name in names)
        shared = sum(idf[name] ** self.params.name_idf_power for name in names if name in story_names)
        return shared / total if total else 0.0

    def _idf(self, term: str) -> float:
        return math.log((len(self._articles) + 1) / (self._document_frequency.get(term, 0) + 1)) + 1.0

    def _lexical(self, terms: dict[str, float], story_terms: Counter[str]) -> float:
        """TF-IDF cosine between an article and a story's summed term vector (IDF from the index so far)."""
        idf = {term: self._idf(term) for term in terms}
        dot = sum(weight * idf[term] ** 2 * story_terms[term] for term, weight in terms.items() if term in story_terms)
        if dot <= 0:
            return 0.0
        article_norm = math.sqrt(sum((weight * idf[term]) ** 2 for term, weight in terms.items()))
        story_norm = math.sqrt(sum((weight * self._idf(term)) ** 2 for term, weight in story_terms.items()))
        return dot / (article_norm * story_norm) if article_norm and story_norm else 0.0

    def _story_similarity(self, one: _StoryState, two: _StoryState) -> float:
        cosine = float(one.centroid() @ two.centroid())
        weight = self.params.lexical_weight
        if not weight:
            return cosine
        idf: dict[str, float] = {}
        for term in one.terms:
            idf[term] = self._idf(term)
        for term in two.terms:
            if term not in idf:
                idf[term] = self._idf(term)
        small, large = (one.terms, two.terms) if len(one.terms) <= len(two.terms) else (two.terms, one.terms)
        dot = sum(count * large[term] * idf[term] ** 2 for term, count in small.items() if term in large)
        norm_one = math.sqrt(sum((count * idf[term]) ** 2 for term, count in one.terms.items()))
        norm_two = math.sqrt(sum((count * idf[term]) ** 2 for term, count in two.terms.items()))
        lexical = dot / (norm_one * norm_two) if norm_one and norm_two else 0.0
        return (1 - weight) * cosine + weight * lexical

    def _merge_candidates(self, story_id: str, scored: list[tuple[str, float, float, int]]) -> str:
        """Local repair: a candidate story the new article made very similar to its own story joins it
        (only the stories this article was scored against are looked at, so the cost stays bounded)."""
        if self.params.merge_similarity >= 1.0:
            return story_id
        for other_id, _, _, _ in scored:
            if other_id == story_id or other_id not in self._stories:
                continue
            state, other = self._stories[story_id], self._stories[other_id]
            gap = self._story_gap(state, other)
            if gap > self.params.window_days:
                continue
            if self._story_similarity(state, other) - self._penalty(gap) >= self.params.merge_similarity:
                keep, gone = (state, other) if len(state.members) >= len(other.members) else (other, state)
                self._absorb(keep, gone)
                story_id = keep.id
        return story_id

    def _penalty(self, gap: int) -> float:
        return min(self.params.max_penalty, self.params.day_penalty * max(0, gap - self.params.grace_days))

    def _story_gap(self, one: _StoryState, two: _StoryState) -> int:
        if one.first is None or one.last is None or two.first is None or two.last is None:
            return 0
        return max(0, (one.first - two.last).days, (two.first - one.last).days)

    def _absorb(self, keep: _StoryState, gone: _StoryState) -> None:
        for article_id in gone.members:
            self._story_of[article_id] = keep.id
        keep.members.extend(gone.members)
        assert keep.vector_sum is not None and gone.vector_sum is not None
        keep.vector_sum = keep.vector_sum + gone.vector_sum
        keep.names.update(gone.names)
        keep.terms.update(gone.terms)
        dates = [d for d in (keep.first, keep.last, gone.first, gone.last) if d is not None]
        if dates:
            keep.first, keep.last = min(dates), max(dates)
        for linked in gone.related:
            if linked in self._stories and linked != keep.id:
                self._stories[linked].related.discard(gone.id)
                self._stories[linked].related.add(keep.id)
                keep.related.add(linked)
        keep.related.discard(gone.id)
        self._buckets[self._bucket_of.pop(gone.id)].remove(gone.id)
        del self._stories[gone.id]
        self._reindex(keep)

    def _link_related(self, story_id: str, scored: list[tuple[str, float, float, int]]) -> None:
        """A similar story that time keeps apart (the follow-up a week later) is linked, not merged."""
        for other_id, _, cosine, gap in scored:
            if other_id != story_id and cosine >= self.params.related_similarity and gap > self.params.grace_days:
                self._stories[story_id].related.add(other_id)
                self._stories[other_id].related.add(story_id)

    # ------------------------------------------------------------ updating

    def _join(
        self,
        features: ArticleFeatures,
        duplicates: list[tuple[str, float]],
        target: str | None,
        forced_id: str | None = None,
    ) -> str:
        story_id = forced_id or target or f"story-{features.id}"
        state = self._stories.get(story_id)
        if state is None:
            state = self._stories[story_id] = _StoryState(id=story_id)
        self._articles[features.id] = features
        self._story_of[features.id] = story_id
        self._families.add(features.id, features.signature, duplicates)
        state.members.append(features.id)
        state.vector_sum = features.vector.copy() if state.vector_sum is None else state.vector_sum + features.vector
        state.names.update(features.names)
        state.terms.update(features.terms)
        self._document_frequency.update(features.terms.keys())
        self._name_frequency.update(features.names)
        if features.published is not None:
            state.first = min(state.first or features.published, features.published)
            state.last = max(state.last or features.published, features.published)
        self._reindex(state)
        return story_id

    def _reindex(self, state: _StoryState) -> None:
        key = None if state.last is None else state.last.toordinal() // self.params.bucket_days
        previous = self._bucket_of.get(state.id, key)
        if state.id in self._bucket_of and previous != key:
            self._buckets[previous].remove(state.id)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(len(state.centroid()))
        bucket.put(state.id, state.centroid())
        self._bucket_of[state.id] = key

    # ------------------------------------------------------------ reading

    def _materialise(self, state: _StoryState) -> Story:
        centroid = state.centroid()
        members = [self._articles[article_id] for article_id in state.members]
        central = max(members, key=lambda f: (float(f.vector @ centroid), f.headline is not None))
        headline = central.headline or next((f.headline for f in members if f.headline), None)
        return Story(
            id=state.id,
            article_ids=list(state.members),
            families=self._story_families(members),
            headline=headline,
            first_published=state.first,
            last_published=state.last,
            related=sorted(state.related),
        )

    def _story_families(self, members: list[ArticleFeatures]) -> list[SourceFamily]:
        grouped: dict[str, list[ArticleFeatures]] = {}
        for member in members:
            grouped.setdefault(self._families.family_of(member.id), []).append(member)
        families: list[SourceFamily] = []
        for root, group in grouped.items():
            # the representative: the earliest copy, and among same-day copies the fullest text
            representative = min(group, key=lambda f: (f.published or date.max, -f.length))
            families.append(
                SourceFamily(id=f"family-{root}", article_ids=[f.id for f in group], representative=representative.id)
            )
        return families
