"""The incremental story index: a new article joins the best-matching story or starts one, without
re-clustering what came before. Stories are grouped into threads (the stories of one topic) by
``ThreadGraph``, which re-computes only the threads of the recent window.

Cost per article stays flat as the corpus grows because candidates are blocked by time: story
centroids live in weekly buckets keyed by the story's latest date, and an article only scores the
stories of the buckets within ``window_days`` of its own date (plus the undated ones). Term weights live
in one compact table, so memory per article is a few kilobytes."""

from __future__ import annotations

import base64
import math
from collections import Counter
from datetime import date

import numpy as np
from numpy.typing import NDArray

from newsfuse.errors import InputError
from newsfuse.model import AnnotatedArticle, SourceFamily, Story, TextEncoder

from .families import FamilyFinder
from .features import ArticleFeatures, article_features, lead_text
from .identity import NameWeights
from .scoring import (
    DayCounts,
    StoryState,
    event_days_of,
    gap_days,
    pair_scores,
    range_gap,
    similarities,
    story_day_counts,
    story_score,
)
from .settings import StoryParams
from .settle import linkage_groups
from .state import IndexedArticle, StoryIndexState
from .tables import Bucket, TermTable
from .threads import ThreadGraph, ThreadSettings

_UNDATED = None


class StoryIndex:
    """Stories built one article at a time. ``assign`` places a new article; ``restore`` replays a known
    assignment (a store rebuilding its index); ``to_state``/``from_state`` persist it."""

    def __init__(self, encoder: TextEncoder | None = None, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self._encoder = encoder
        self._articles: dict[str, ArticleFeatures] = {}
        self._story_of: dict[str, str] = {}
        self._stories: dict[str, StoryState] = {}
        self._buckets: dict[int | None, Bucket] = {}
        self._bucket_of: dict[str, int | None] = {}
        self._terms = TermTable()
        self._name_frequency: Counter[str] = Counter()
        self._days = DayCounts()
        self._threads = ThreadGraph(
            ThreadSettings(
                neighbours=self.params.thread_neighbours,
                resolution=self.params.thread_resolution,
                window_days=self.params.thread_window_days,
                min_degree=self.params.thread_min_degree,
            )
        )
        self._families = FamilyFinder(self.params.duplicate_jaccard, self.params.permutations)
        self._arrival: dict[str, int] = {}  # article → its rank in order of arrival (members stay in that order)
        self._unsettled: dict[str, None] = {}  # stories that grew since the last settle_stories (a dict: ordered)
        self._removed: dict[str, None] = {}  # stories merged away since the last take_removed

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
        nearest = self._nearest_stories(features)
        similarity = self._member_similarity(features, nearest)
        if target is None:
            best = next(iter(self._score(features, nearest, similarity)), None)
            if best is not None and best[1] >= self.params.threshold:
                target = best[0]
        return self.story(self._join(features, duplicates, target, similarity=similarity))

    def restore(self, article: AnnotatedArticle, vector: NDArray[np.float32], story_id: str) -> None:
        """Replay an assignment made earlier (the store rebuilding its index): no decision is taken, and the story is
        not settled again for it (it settled, or not, where the assignment was made: the store keeps what did)."""
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

    def settle_stories(self) -> list[Story]:
        """Re-examine the stories that grew since the last call, under the term and name frequencies of now, with
        their nearest stories (``settle_neighbours``): their (latest ``member_cap``) members are grouped by average
        linkage at ``settle_threshold`` (see ``settle``), so a story whose members fall apart is split and a story
        split early (a new topic's first reports still read far apart) joins the one it belongs to. Each group keeps
        the story most of its members were in. Returns the stories that changed (a story merged away is gone from
        the index: see ``take_removed``). A batch calls it once it is all in; a stream may call it as it goes (cost:
        the grown stories' neighbourhoods pair by pair, bounded by ``member_cap`` and ``settle_neighbours``)."""
        threshold = self.params.settle_threshold
        unsettled, self._unsettled = list(self._unsettled), {}
        if threshold is None:
            return []
        changed: dict[str, None] = {}
        for story_id in unsettled:
            state = self._stories.get(story_id)
            if state is None:
                continue
            neighbourhood = [story_id, *self._settle_neighbours(state)]
            members = [m for sid in neighbourhood for m in self._stories[sid].members[-self.params.member_cap :]]
            if len(members) < 2:
                continue
            held = [self._articles[m] for m in members]
            story = [self._stories[self._story_of[m]] for m in members]
            weights = NameWeights(self._name_idf, self.params.name_idf_power)
            scores = pair_scores(self.params, self._terms, held, story, weights, self._days)
            groups = [
                sorted((members[i] for i in group), key=self._arrival.__getitem__)
                for group in linkage_groups(scores, threshold)
            ]
            for touched in self._regroup(groups):
                changed[touched] = None
            if self.params.settle_reassign:
                for touched in self._reassign(members):
                    changed[touched] = None
        return [self.story(story_id) for story_id in changed if story_id in self._stories]

    def take_removed(self) -> list[str]:
        """The stories merged away since the last call (their articles are in other stories now)."""
        removed, self._removed = list(self._removed), {}
        return removed

    def _settle_neighbours(self, state: StoryState) -> list[str]:
        """The stories nearest a story's centroid within the time window (the ones it may have been split from)."""
        count = self.params.settle_neighbours
        if not count:
            return []
        ids: list[str] = []
        sims: list[NDArray[np.float32]] = []
        for bucket in self._candidate_buckets(state.last):
            if bucket.ids:
                ids.extend(bucket.ids)
                sims.append(bucket.similarities(state.centroid()))
        if not ids:
            return []
        cosines = np.concatenate(sims)
        found: list[str] = []
        for position in np.argsort(-cosines, kind="stable"):
            other = self._stories[ids[int(position)]]
            if other.id != state.id and range_gap(state, other) <= self.params.window_days:
                found.append(other.id)
                if len(found) == count:
                    break
        return found

    def _reassign(self, members: list[str]) -> list[str]:
        """Each member of a settled neighbourhood, in arrival order, moves to the neighbourhood's story that assignment
        would give it now, when that story scores at least the threshold and more than the member's own story
        without it (or the member is alone). Average linkage splits off the members whose mean score to the rest
        is low, though their best members, which assignment goes by, match well (a report with its own angle on
        the event); this makes the settled stories what assignment would keep. Returns the stories that changed."""
        threshold = self.params.threshold
        weights = NameWeights(self._name_idf, self.params.name_idf_power)
        touched: dict[str, None] = {}
        for member in members:
            stories = list(dict.fromkeys(self._story_of[m] for m in members))
            if len(stories) < 2:
                break
            features = self._articles[member]
            pool = [self._articles[m] for sid in stories for m in self._stories[sid].members[-self.params.member_cap :]]
            scores = similarities(
                self.params, self._terms, features, self._terms.query(self._terms.weights_of(member)), pool
            )
            similarity = {other.id: float(score) for other, score in zip(pool, scores, strict=True)}
            name_idf = {name: self._name_idf(name) for name in features.names}
            own = self._story_of[member]
            alone = story_score(
                self.params,
                self._articles,
                features,
                self._stories[own],
                similarity,
                weights,
                name_idf,
                leave_out=member,
                days=self._days,
            )
            best, best_score = None, -math.inf if alone is None else alone
            for story_id in stories:
                if story_id == own:
                    continue
                score = story_score(
                    self.params, self._articles, features, self._stories[story_id], similarity, weights, name_idf,
                    days=self._days,
                )
                if score is not None and score >= threshold and score > best_score:
                    best, best_score = story_id, score
            if best is None:
                continue
            source = self._stories[own]
            self._move(member, best)
            self._recount(self._stories[best])
            touched[own] = touched[best] = None
            if source.members:
                self._recount(source)
            else:
                self._drop(source)
        return [story_id for story_id in touched if story_id in self._stories]

    def _regroup(self, groups: list[list[str]]) -> list[str]:
        """Make each group one story: the largest group first takes the story most of its members are in, a group
        whose stories are all taken starts a new one. Returns the stories that changed."""
        taken: set[str] = set()
        moves: list[tuple[str, str]] = []
        for group in sorted(groups, key=lambda g: (-len(g), self._arrival[g[0]])):
            votes = sorted(Counter(self._story_of[m] for m in group).items(), key=lambda vote: (-vote[1], vote[0]))
            target = next((story_id for story_id, _ in votes if story_id not in taken), None)
            target = target or self._fresh_story_id(group[0])
            taken.add(target)
            moves.extend((m, target) for m in group if self._story_of[m] != target)
        touched: dict[str, None] = {}
        for article_id, target in moves:
            touched[self._story_of[article_id]] = None
            touched[target] = None
            self._move(article_id, target)
        for story_id in touched:
            state = self._stories[story_id]
            if state.members:
                self._recount(state)
            else:
                self._drop(state)
        return [story_id for story_id in touched if story_id in self._stories]

    def settle_threads(self) -> None:
        """Re-compute the threads of the recent window now (they are otherwise refreshed as the stream moves
        on: at each new day, and after enough arrivals). A batch calls it once it is all in."""
        self._threads.refresh()

    def take_thread_changes(self) -> list[Story]:
        """The stories whose thread or list of related stories changed since the last call (a store updates
        what it keeps of them)."""
        return [self.story(story_id) for story_id in sorted(self._threads.take_changed())]

    def stories(self) -> list[Story]:
        """Every story, largest first (then earliest, then by id, for a stable order)."""
        states = sorted(self._stories.values(), key=lambda s: (-len(s.members), s.first or date.max, s.id))
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
                terms=self._terms.weights_of(f.id),
                days=sorted(f.days),
                stated_days=sorted(f.stated_days),
            )
            for f in self._articles.values()
        ]
        unsettled = [story_id for story_id in self._unsettled if story_id in self._stories]
        return StoryIndexState(params=self.params, articles=articles, unsettled=unsettled)

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
                days=frozenset(stored.days),
                stated_days=frozenset(stored.stated_days),
            )
            duplicates = index._families.near_duplicates(features.signature)
            index._join(features, duplicates, None, forced_id=stored.story_id)
        index._unsettled = {story_id: None for story_id in state.unsettled if story_id in index._stories}
        return index

    # ------------------------------------------------------------ deciding

    def _features(self, article: AnnotatedArticle, vector: NDArray[np.float32] | None) -> ArticleFeatures:
        if vector is None:
            if self._encoder is None:
                raise InputError("the story index needs an encoder or a vector for each article")
            vector = self._encoder.encode([lead_text(article)])[0]
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        return article_features(article, vector, self.params.shingle_words, self.params.permutations)

    def _duplicate_story(self, features: ArticleFeatures, duplicates: list[tuple[str, float]]) -> str | None:
        """A syndicated copy belongs with its original, unless they are far apart in time (a re-run)."""
        for other, _ in duplicates:
            state = self._stories[self._story_of[other]]
            if gap_days(features.published, state) <= self.params.window_days:
                return state.id
        return None

    def _candidate_buckets(self, published: date | None) -> list[Bucket]:
        if published is None:
            return list(self._buckets.values())
        span = self.params.bucket_days
        reach = max(self.params.window_days, self.params.thread_window_days)
        low = (published.toordinal() - reach) // span
        high = (published.toordinal() + reach) // span
        keys: list[int | None] = [*range(low, high + 1), _UNDATED]
        return [self._buckets[key] for key in keys if key in self._buckets]

    def _nearest_stories(self, features: ArticleFeatures) -> list[tuple[str, float]]:
        """The stories of the time window whose centroids are nearest the article's lead vector, as
        (id, cosine), nearest first: enough for both the story decision and the thread decision."""
        ids: list[str] = []
        sims: list[NDArray[np.float32]] = []
        for bucket in self._candidate_buckets(features.published):
            if bucket.ids:
                ids.extend(bucket.ids)
                sims.append(bucket.similarities(features.vector))
        if not ids:
            return []
        cosines = np.concatenate(sims)
        count = max(self.params.candidates, self.params.thread_candidates)
        top = np.argsort(-cosines)[:count] if len(cosines) > count else np.argsort(-cosines)
        return [(ids[int(position)], float(cosines[int(position)])) for position in top]

    def _member_similarity(self, features: ArticleFeatures, nearest: list[tuple[str, float]]) -> dict[str, float]:
        """Similarity of the article to the latest members of its nearest stories: what both the story
        decision and the thread graph's links are made of, computed once."""
        count = max(self.params.candidates, self.params.thread_candidates)
        pool = [
            self._articles[member]
            for story_id, _ in nearest[:count]
            for member in self._stories[story_id].members[-self.params.member_cap :]
        ]
        if not pool:
            return {}
        scores = similarities(self.params, self._terms, features, self._terms.query(features.terms), pool)
        return {member.id: float(score) for member, score in zip(pool, scores, strict=True)}

    def _score(
        self, features: ArticleFeatures, nearest: list[tuple[str, float]], similarity: dict[str, float]
    ) -> list[tuple[str, float]]:
        """Candidate stories as (id, score), best first: member linkage + entity bonus - time penalty."""
        name_idf = {name: self._name_idf(name) for name in features.names}
        weights = NameWeights(self._name_idf, self.params.name_idf_power)
        scored: list[tuple[str, float]] = []
        for story_id, _ in nearest[: self.params.candidates]:
            score = story_score(
                self.params, self._articles, features, self._stories[story_id], similarity, weights, name_idf,
                days=self._days,
            )
            if score is not None:
                scored.append((story_id, score))
        return sorted(scored, key=lambda item: (-item[1], item[0]))

    def _thread_links(self, features: ArticleFeatures, similarity: dict[str, float]) -> list[tuple[str, float]]:
        """The article's candidate links in the thread graph: similarity less a small cost per day apart, to
        the articles of the thread window, kept when they beat ``thread_min_similarity``."""
        links: list[tuple[str, float]] = []
        for article_id, score in similarity.items():
            other = self._articles[article_id]
            gap = (
                0
                if features.published is None or other.published is None
                else abs((features.published - other.published).days)
            )
            weight = score - self.params.thread_day_penalty * gap
            if gap <= self.params.thread_window_days and weight > max(0.0, self.params.thread_min_similarity):
                links.append((article_id, weight))
        return links

    def _name_idf(self, name: str) -> float:
        return math.log((len(self._articles) + 1) / (self._name_frequency.get(name, 0) + 1)) + 1.0

    # ------------------------------------------------------------ updating

    def _join(
        self,
        features: ArticleFeatures,
        duplicates: list[tuple[str, float]],
        target: str | None,
        forced_id: str | None = None,
        similarity: dict[str, float] | None = None,
    ) -> str:
        story_id = forced_id or target or f"story-{features.id}"
        if similarity is None:
            similarity = self._member_similarity(features, self._nearest_stories(features))
        links = self._thread_links(features, similarity)
        state = self._stories.get(story_id)
        if state is None:
            state = self._stories[story_id] = StoryState(id=story_id)
        self._articles[features.id] = features
        self._arrival[features.id] = len(self._arrival)
        if forced_id is None:  # a replayed assignment settled where it was made
            self._unsettled[story_id] = None
        self._story_of[features.id] = story_id
        self._families.add(features.id, features.signature, duplicates)
        state.members.append(features.id)
        state.vector_sum = features.vector.copy() if state.vector_sum is None else state.vector_sum + features.vector
        state.names.update(features.names)
        state.event_days.update(event_days_of(features))
        state.day_counts.update(day.toordinal() for day in event_days_of(features))
        state.text_days.update(features.days)
        state.stated_days.update(features.stated_days)
        self._terms.add(features.id, features.terms)
        features.terms = {}  # kept once, compactly, in the term table
        self._name_frequency.update(features.names)
        self._days.add(event_days_of(features))
        if features.published is not None:
            state.first = min(state.first or features.published, features.published)
            state.last = max(state.last or features.published, features.published)
        self._reindex(state)
        self._threads.add(features.id, story_id, features.published, links)
        return story_id

    def _fresh_story_id(self, founder: str) -> str:
        story_id = f"story-{founder}"
        serial = 1
        while story_id in self._stories:
            story_id, serial = f"story-{founder}-{serial}", serial + 1
        return story_id

    def _move(self, article_id: str, story_id: str) -> None:
        """Move an article into another story (a new one if unknown); the stories' sums are left to ``_recount``."""
        source = self._stories[self._story_of[article_id]]
        target = self._stories.get(story_id)
        if target is None:
            target = self._stories[story_id] = StoryState(id=story_id)
        source.members.remove(article_id)
        target.members.append(article_id)
        target.members.sort(key=self._arrival.__getitem__)
        self._story_of[article_id] = story_id
        self._threads.move(article_id, story_id, self._articles[article_id].published)

    def _drop(self, state: StoryState) -> None:
        """Forget a story left with no members (merged into another when stories settled)."""
        del self._stories[state.id]
        self._unsettled.pop(state.id, None)
        key = self._bucket_of.pop(state.id, None)
        if key in self._buckets and state.id in self._buckets[key].row:
            self._buckets[key].remove(state.id)
        self._threads.drop(state.id)
        self._removed[state.id] = None

    def _recount(self, state: StoryState) -> None:
        """A story's centroid, names, event days and dates from its members, after members moved."""
        members = [self._articles[member] for member in state.members]
        state.vector_sum = np.sum([m.vector for m in members], axis=0).astype(np.float32)
        state.names = Counter(name for m in members for name in m.names)
        state.event_days = {day for m in members for day in event_days_of(m)}
        state.day_counts = story_day_counts([event_days_of(m) for m in members])
        state.text_days = {day for m in members for day in m.days}
        state.stated_days = {day for m in members for day in m.stated_days}
        dated = [m.published for m in members if m.published is not None]
        state.first, state.last = (min(dated), max(dated)) if dated else (None, None)
        self._reindex(state)

    def _reindex(self, state: StoryState) -> None:
        key = None if state.last is None else state.last.toordinal() // self.params.bucket_days
        previous = self._bucket_of.get(state.id, key)
        if state.id in self._bucket_of and previous != key:
            self._buckets[previous].remove(state.id)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = Bucket(len(state.centroid()))
        bucket.put(state.id, state.centroid())
        self._bucket_of[state.id] = key

    # ------------------------------------------------------------ reading

    def _materialise(self, state: StoryState) -> Story:
        thread = self._threads.thread_of(state.id)
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
            related=self._threads.related(state.id),
            thread=thread,
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
