"""Threads: the stories of one topic, found as communities of a nearest-neighbour graph of articles.

Every article links to its ``neighbours`` most similar articles of the time window (and an earlier
article re-links when a newer one beats its weakest link), so the graph keeps the strongest ties only and
a busy topic cannot swallow its neighbours through many weak ones. Threads are the communities of that
graph under modularity (Louvain, scikit-network), with a resolution that does not depend on the size of
the graph: two stories share a thread when the weight between them exceeds ``resolution`` times the
product of their degrees.

The graph grows one article at a time; threads are re-computed only over the recent window. The stories
of the window are nodes of their own; every older thread next to them is one node carrying its whole
degree, so the window's stories weigh joining an old thread against its real size, and nothing outside
the window moves. A new story gets the thread with the best modularity gain at once; the next refresh
may move it."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse
from sknetwork.clustering import Louvain

_UNDATED = -1
# A story lists the thread's stories next to it in time, this many each side, not all of them: a topic followed
# for a year has thousands, and a new story then changes the lists of its neighbours only, not the whole thread's.
RELATED_EACH_SIDE = 6


@dataclass(frozen=True)
class ThreadSettings:
    neighbours: int
    resolution: float
    window_days: int
    min_degree: float


class ThreadGraph:
    """The article graph and the thread of every story. Deterministic: the same arrivals in the same order
    give the same threads, which is what lets a stored index be rebuilt by replaying it."""

    def __init__(self, settings: ThreadSettings) -> None:
        self.settings = settings
        self._links: dict[str, dict[str, float]] = {}  # article → its strongest links (at most `neighbours`)
        # article → the articles whose strongest links include it (a dict, not a set: its order must not depend
        # on string hashing, which differs between processes, or a replayed index could disagree)
        self._linked_by: dict[str, dict[str, None]] = {}
        self._degree: dict[str, float] = {}
        self._story_of: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}  # story → articles
        self._thread_of: dict[str, str] = {}  # story → thread
        self._stories: dict[str, list[str]] = {}  # thread → stories, in order of creation
        self._thread_degree: defaultdict[str, float] = defaultdict(float)
        self._serial: dict[str, int] = {}  # story → its rank in order of creation
        self._story_day: dict[str, int] = {}  # story → its latest date (ordinal), _UNDATED if none
        self._day_stories: defaultdict[int, set[str]] = defaultdict(set)
        self._now: int | None = None
        self._refreshed_at: int | None = None
        self._since_refresh = 0
        self._touched: set[str] = set()  # stories whose links changed since the last refresh
        self._last_window = 0
        self._changed: set[str] = set()  # stories whose thread or related list changed since take_changed()

    # ------------------------------------------------------------ reading

    def thread_of(self, story_id: str) -> str:
        return self._thread_of[story_id]

    def stories_of(self, thread: str) -> list[str]:
        return list(self._stories.get(thread, ()))

    def related(self, story: str) -> list[str]:
        """The other stories of the story's thread next to it in order of creation (at most
        ``RELATED_EACH_SIDE`` before and after it), earliest first."""
        stories = self._stories[self._thread_of[story]]
        at = self._position(stories, story)
        return stories[max(0, at - RELATED_EACH_SIDE) : at] + stories[at + 1 : at + 1 + RELATED_EACH_SIDE]

    def take_changed(self) -> set[str]:
        """Stories whose thread or related list changed since the last call."""
        changed = {story for story in self._changed if story in self._thread_of}
        self._changed = set()
        return changed

    # ------------------------------------------------------------ growing

    def add(self, article_id: str, story_id: str, published: date | None, scored: list[tuple[str, float]]) -> None:
        """Add an article of ``story_id`` with its positive similarities to earlier articles, then refresh the
        window's threads when due (a new day, or enough arrivals since the last refresh)."""
        self._degree[article_id] = 0.0
        self._links[article_id] = {}
        self._linked_by[article_id] = {}
        best = sorted(scored, key=lambda item: (-item[1], item[0]))[: self.settings.neighbours]
        for other, weight in best:
            self._links[article_id][other] = weight
            self._linked_by[other][article_id] = None
            self._grow(article_id, other, weight)
        for other, weight in scored:
            self._offer(other, article_id, weight)
        if story_id not in self._thread_of:
            self._serial[story_id] = len(self._serial)
            self._members[story_id] = []
            self._put(story_id, self._best_gain_thread(article_id, story_id))
        self._story_of[article_id] = story_id
        self._members[story_id].append(article_id)
        self._thread_degree[self._thread_of[story_id]] += self._strength(article_id)
        self._date_story(story_id, published)
        self._touched.add(story_id)
        self._since_refresh += 1
        if self._due():
            self.refresh()

    def move(self, article_id: str, story_id: str, published: date | None) -> None:
        """Move an article into another story (a story split when it settled); a new story starts in the thread of
        the story it left, and the next refresh may move it."""
        source = self._story_of[article_id]
        if source == story_id:
            return
        if story_id not in self._thread_of:
            self._serial[story_id] = len(self._serial)
            self._members[story_id] = []
            self._put(story_id, self._thread_of[source])
        strength = self._strength(article_id)
        self._members[source].remove(article_id)
        self._thread_degree[self._thread_of[source]] -= strength
        self._members[story_id].append(article_id)
        self._thread_degree[self._thread_of[story_id]] += strength
        self._story_of[article_id] = story_id
        self._date_story(story_id, published)
        self._touched.update((source, story_id))

    def drop(self, story: str) -> None:
        """Forget a story left with no articles (merged into another when stories settled)."""
        if self._members.get(story):
            raise ValueError(f"story {story} still has articles")
        thread = self._thread_of.pop(story, None)
        if thread is not None:
            stories = self._stories[thread]
            at = self._position(stories, story)
            self._changed.update(self._around(stories, at))
            del stories[at]
            if not stories:
                del self._stories[thread]
                self._thread_degree.pop(thread, None)
        self._members.pop(story, None)
        day = self._story_day.pop(story, None)
        if day is not None:
            self._day_stories[day].discard(story)
        self._touched.discard(story)
        self._changed.discard(story)

    def refresh(self) -> None:
        """Re-compute the threads of the stories of the last ``window_days``, and of every story whose links
        changed since the last refresh (so an article that arrives late, dated before the window, still
        moves the stories it links to)."""
        window = self._window_stories()
        self._refreshed_at = self._now
        self._since_refresh = 0
        self._touched = set()
        self._last_window = sum(len(self._members[story]) for story in window)
        if not window:
            return
        node = {story: position for position, story in enumerate(window)}
        outside: dict[str, int] = {}  # older thread → its node
        rows: list[int] = []
        columns: list[int] = []
        weights: list[float] = []
        inner_degree: defaultdict[str, float] = defaultdict(float)  # per thread: its window members' degree
        crossing: defaultdict[str, float] = defaultdict(float)  # per older thread: its edges into the window
        for story in window:
            padding = 0.0
            for article in self._members[story]:
                inner_degree[self._thread_of[story]] += self._strength(article)
                padding += self._strength(article) - self._degree[article]
                for other, weight in self._edges(article):
                    other_story = self._story_of[other]
                    if other_story in node:
                        rows.append(node[story])
                        columns.append(node[other_story])
                        weights.append(weight)
                        continue
                    thread = self._thread_of[other_story]
                    position = outside.setdefault(thread, len(node) + len(outside))
                    rows += [node[story], position]
                    columns += [position, node[story]]
                    weights += [weight, weight]
                    crossing[thread] += weight
            if padding:  # a self-loop only raises the node's degree: no partition gains or loses by it
                rows.append(node[story])
                columns.append(node[story])
                weights.append(padding)
        for thread, position in outside.items():
            # the rest of the old thread's degree, as a self-loop: joining it weighs its real size
            rest = self._thread_degree[thread] - inner_degree[thread] - crossing[thread]
            rows.append(position)
            columns.append(position)
            weights.append(max(0.0, rest))
        size = len(node) + len(outside)
        adjacency = sparse.csr_matrix((weights, (rows, columns)), shape=(size, size))
        total = float(adjacency.sum())
        if total <= 0:
            return
        louvain = Louvain(resolution=self.settings.resolution * total, modularity="newman", random_state=0)
        labels = np.asarray(louvain.fit_predict(adjacency))
        self._relabel(window, labels, outside)

    # ------------------------------------------------------------ internals

    def _edges(self, article: str) -> list[tuple[str, float]]:
        links = self._links[article]
        edges = list(links.items())
        edges += [(other, self._links[other][article]) for other in self._linked_by[article] if other not in links]
        return edges

    def _strength(self, article: str) -> float:
        """The article's degree, at least ``min_degree``: in a small collection every article has few and weak
        links, and modularity would join any two linked stories; the floor makes a weak tie not enough."""
        return max(self._degree[article], self.settings.min_degree)

    def _grow(self, one: str, other: str, weight: float) -> None:
        for article in (one, other):
            before = self._strength(article)
            self._degree[article] += weight
            story = self._story_of.get(article)  # None for the article being added: counted once placed
            if story is not None:
                self._thread_degree[self._thread_of[story]] += self._strength(article) - before
                self._touched.add(story)

    def _offer(self, article: str, newcomer: str, weight: float) -> None:
        """The newcomer enters ``article``'s strongest links if it beats the weakest of them."""
        links = self._links[article]
        if len(links) >= self.settings.neighbours:
            weakest = min(links, key=lambda other: (links[other], other))
            if weight <= links[weakest]:
                return
            dropped = links.pop(weakest)
            self._linked_by[weakest].pop(article, None)
            if article not in self._links[weakest]:  # no link either way: the edge is gone
                self._grow(article, weakest, -dropped)
        already = article in self._links[newcomer]
        links[newcomer] = weight
        self._linked_by[newcomer][article] = None
        if not already:
            self._grow(article, newcomer, weight)

    def _best_gain_thread(self, article: str, story: str) -> str:
        """The thread whose modularity gains most from the new story, or the story's own new thread."""
        degree = self._strength(article)
        towards: defaultdict[str, float] = defaultdict(float)
        for other, weight in self._edges(article):
            other_story = self._story_of[other]
            if other_story in self._thread_of:
                towards[self._thread_of[other_story]] += weight
        best: tuple[float, str] | None = None
        for thread, weight in sorted(towards.items()):
            gain = weight - self.settings.resolution * degree * self._thread_degree[thread]
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, thread)
        return story if best is None else best[1]

    def _put(self, story: str, thread: str) -> None:
        previous = self._thread_of.get(story)
        if previous == thread:
            return
        if previous is not None:
            stories = self._stories[previous]
            at = self._position(stories, story)
            self._changed.update(self._around(stories, at))  # they listed the story among their related
            del stories[at]
            moved = sum(self._strength(article) for article in self._members[story])
            self._thread_degree[previous] -= moved
            self._thread_degree[thread] += moved
            if not stories:
                del self._stories[previous]
                del self._thread_degree[previous]
        self._thread_of[story] = thread
        stories = self._stories.setdefault(thread, [])
        insort(stories, story, key=self._serial.__getitem__)
        self._changed.update(self._around(stories, self._position(stories, story)))

    def _position(self, stories: list[str], story: str) -> int:
        return bisect_left(stories, self._serial[story], key=self._serial.__getitem__)

    @staticmethod
    def _around(stories: list[str], at: int) -> list[str]:
        return stories[max(0, at - RELATED_EACH_SIDE) : at + 1 + RELATED_EACH_SIDE]

    def _date_story(self, story: str, published: date | None) -> None:
        day = published.toordinal() if published else _UNDATED
        previous = self._story_day.get(story)
        if previous is not None and previous >= day:
            return
        if previous is not None:
            self._day_stories[previous].discard(story)
        self._story_day[story] = day
        self._day_stories[day].add(story)
        if day != _UNDATED:
            self._now = day if self._now is None else max(self._now, day)

    def _due(self) -> bool:
        if self._now != self._refreshed_at:
            return True
        # the same day: refresh once arrivals reach an eighth of the window, so the amortised cost stays flat
        return self._since_refresh >= max(64, self._last_window // 8)

    def _window_stories(self) -> list[str]:
        days = [_UNDATED]
        if self._now is not None:
            days += range(self._now - self.settings.window_days, self._now + 1)
        found = {story for day in days for story in self._day_stories.get(day, ())} | self._touched
        return sorted(found, key=self._serial.__getitem__)

    def _relabel(self, window: list[str], labels: np.ndarray, outside: dict[str, int]) -> None:
        """Name each community: after the largest older thread in it, else after the thread most of its
        stories had, else after its first story. Older threads never move."""
        communities: defaultdict[int, list[str]] = defaultdict(list)
        for position, story in enumerate(window):
            communities[int(labels[position])].append(story)
        anchors: defaultdict[int, list[str]] = defaultdict(list)
        for thread, position in outside.items():
            anchors[int(labels[position])].append(thread)
        taken = set(outside)
        names: dict[int, str] = {}
        for community, threads in anchors.items():
            if community in communities:
                names[community] = max(threads, key=lambda t: (self._thread_degree[t], t))
        # communities list their stories in window order, so the first story orders them
        order_of = {story: at for at, story in enumerate(window)}
        ordered = sorted(communities.items(), key=lambda item: (-len(item[1]), order_of[item[1][0]]))
        for community, stories in ordered:
            if community in names:
                continue
            votes = Counter(self._thread_of[story] for story in stories)
            name = next((thread for thread, _ in votes.most_common() if thread not in taken), None)
            name = name or self._fresh_name(stories, taken)
            taken.add(name)
            names[community] = name
        for community, stories in communities.items():
            for story in stories:
                self._put(story, names[community])

    def _fresh_name(self, stories: list[str], taken: set[str]) -> str:
        """A thread is named after one of its stories: the first whose id names no other thread."""
        members = set(stories)
        for story in stories:
            if story not in taken and set(self._stories.get(story, ())) <= members:
                return story
        serial = len(self._serial)
        while f"{stories[0]}~{serial}" in self._stories or f"{stories[0]}~{serial}" in taken:
            serial += 1
        return f"{stories[0]}~{serial}"
