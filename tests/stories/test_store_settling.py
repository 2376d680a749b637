"""Settling in the store, on SQLite and PostgreSQL: the story index splits and merges stories once a run is in, and
the stored memberships, counts, threads and cached briefs follow; the queue path gives the batch's stories.

The pipeline is the store tests' hand-written one, except that stories come from the real ``StoryIndex`` (content
only, hand-made vectors with known cosines: see test_settle.py)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray

from newsfuse.ingest import ingest_bytes
from newsfuse.model import AnnotatedArticle, Article
from newsfuse.store import Store, enqueue, process_queue
from newsfuse.store.settling import SettlingAssigner, settle_store
from newsfuse.stories import StoryIndex, group_stories
from newsfuse.story_window import WindowedStoryIndex
from tests.store.conftest import db_url, postgres  # noqa: F401  (fixtures: both backends)
from tests.store.fakes import FakeProcessor

from .test_settle import CONTENT_ONLY


def _at(degrees: float, plane: int = 0) -> NDArray[np.float32]:
    """A unit vector at ``degrees`` in the plane of axes (2·plane, 2·plane + 1): two planes are orthogonal."""
    vector = np.zeros(8, dtype=np.float32)
    vector[2 * plane] = math.cos(math.radians(degrees))
    vector[2 * plane + 1] = math.sin(math.radians(degrees))
    return vector


class AngleProcessor(FakeProcessor):
    """The fake pipeline with the real story index: each text's vector is the one it was written with."""

    def __init__(self, vectors: dict[str, NDArray[np.float32]]) -> None:
        super().__init__()
        self.vectors = vectors

    def embed(self, articles: Sequence[AnnotatedArticle]) -> NDArray[np.float32]:
        return np.stack([self.vectors[a.article.text] for a in articles])

    def new_assigner(self) -> StoryIndex:  # type: ignore[override]  # the real index, not the fake one
        return StoryIndex(params=CONTENT_ONLY)


def _report(text: str, outlet: str, day: int | None = None) -> Article:
    published = date(2024, 5, day) if day else None
    (article,) = ingest_bytes(text.encode(), source=f"{outlet}.txt", outlet=outlet, published=published).articles
    return article


# Event A at 0 degrees, event B at 60 (cosine 0.5: two events of one kind); B's first report at 41.4 reads as A
# (cosine 0.75) and joins A's story, B's later reports follow it (test_settle.py's stream).
TWO_EVENTS = [
    ("The harbour crane collapsed on Monday at the east quay.", 0.0),
    ("A second crane fell at the west quay of the harbour.", 41.4),
    ("The west quay crane fall injured two dockers.", 60.0),
    ("Investigators examined the east quay crane wreck.", 0.0),
    ("West quay dockers stopped work after the crane fall.", 60.0),
    ("The east quay crane operator spoke to the inquiry.", 0.0),
]
# One event's reports at 0, 50 and 25 degrees: the second starts a story of its own, the third joins the first;
# settled, the three are one story (test_settle.py's split-early case), in a plane of their own.
SPLIT_EARLY = [
    ("The river ferry ran aground near the northern lock.", 0.0),
    ("Passengers were taken off the grounded ferry by boat.", 50.0),
    ("The ferry that ran aground will be towed off tomorrow.", 25.0),
]


def _processor() -> AngleProcessor:
    vectors = {text: _at(degrees) for text, degrees in TWO_EVENTS}
    vectors.update({text: _at(degrees, plane=1) for text, degrees in SPLIT_EARLY})
    return AngleProcessor(vectors)


def _partition(store: Store) -> set[frozenset[str]]:
    stories = [store.story(summary.id) for summary in store.stories(limit=50).items]
    return {frozenset(story.article_ids) for story in stories if story is not None}


def test_a_story_split_off_early_merges_into_its_own_and_the_store_follows(db_url: str) -> None:  # noqa: F811
    articles = [_report(text, f"outlet{n}") for n, (text, _) in enumerate(SPLIT_EARLY)]
    with Store(db_url) as store:
        outcome = store.ingest(articles, _processor())
        assert len({added.story_id for added in outcome.added}) == 2, "assigned one by one: two stories"
        assert _partition(store) == {frozenset(a.id for a in articles)}
        assert store.count_stories() == 1
        (summary,) = store.stories().items
        assert summary.article_count == 3 and summary.outlet_count == 3
        assert {store.story_of(a.id) for a in articles} == {summary.id}
        assert store.check_consistency() == []


def test_a_story_of_two_events_is_split_and_its_cached_brief_is_stale(db_url: str) -> None:  # noqa: F811
    articles = [_report(text, f"outlet{n}", day=3) for n, (text, _) in enumerate(TWO_EVENTS)]
    processor = _processor()
    with Store(db_url) as store:
        first = store.ingest(articles[:2], processor).added  # A's first and B's first read as one event
        (story_id,) = {added.story_id for added in first}
        assert store.brief(story_id, processor) is not None and store.is_brief_cached(story_id)
        store.ingest(articles[2:], processor)
        event_a = {articles[i].id for i in (0, 3, 5)}
        event_b = {articles[i].id for i in (1, 2, 4)}
        assert _partition(store) == {frozenset(event_a), frozenset(event_b)}
        assert not store.is_brief_cached(story_id), "the brief of the articles it had then is stale"
        brief = store.brief(story_id, processor)
        assert brief is not None and {source.id for source in brief.sources} in (event_a, event_b)
        for summary in store.stories().items:
            assert summary.article_count == 3 and summary.first_published == date(2024, 5, 3)
        split_off = next(s.id for s in store.stories().items if s.id != story_id)
        assert store.story(split_off) is not None and store.story(split_off).thread  # type: ignore[union-attr]
        assert store.check_consistency() == []


def test_a_reopened_store_continues_from_the_settled_stories(db_url: str) -> None:  # noqa: F811
    articles = [_report(text, f"outlet{n}", day=3) for n, (text, _) in enumerate(TWO_EVENTS)]
    processor = _processor()
    with Store(db_url) as store:
        store.ingest(articles, processor)
        settled = _partition(store)
    later = _report("Another west quay report of the crane fall.", "later", day=3)
    processor.vectors[later.text] = _at(60.0)
    with Store(db_url) as store:  # a new process: the index is rebuilt from the stored (settled) memberships
        (added,) = store.ingest([later], processor).added
        event_b = {articles[i].id for i in (1, 2, 4)}
        assert set(store.story(added.story_id).article_ids) == event_b | {later.id}  # type: ignore[union-attr]
        assert _partition(store) == (settled - {frozenset(event_b)}) | {frozenset(event_b | {later.id})}
        assert settle_store(store).changed == [], "settled already: nothing moves again"
        assert store.check_consistency() == []


def test_the_queue_path_gives_the_batch_stories(db_url: str) -> None:  # noqa: F811
    texts = [*TWO_EVENTS, *SPLIT_EARLY]
    articles = [_report(text, f"outlet{n}") for n, (text, _) in enumerate(texts)]
    processor = _processor()
    with Store(db_url) as store:
        enqueue(store, articles)
        assert len(process_queue(store, processor).added) == len(articles)
        stored = _partition(store)
        assert store.check_consistency() == []
    annotated = processor.analyse(articles)
    vectors = processor.embed(annotated)
    batch = group_stories(annotated, _NoEncoder(), CONTENT_ONLY, vectors)  # type: ignore[arg-type]
    assert stored == {frozenset(story.article_ids) for story in batch}
    assert len(stored) == 3


def test_the_pipeline_index_settles() -> None:
    assert isinstance(WindowedStoryIndex(StoryIndex(params=CONTENT_ONLY)), SettlingAssigner)
    assert isinstance(StoryIndex(params=CONTENT_ONLY), SettlingAssigner)


class _NoEncoder:
    """``group_stories`` with every vector given never encodes."""

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        raise AssertionError("no text should be encoded")
