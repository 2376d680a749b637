"""Wires the stages: the only module that knows their order. ``brief_files`` is the front door."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from newsfuse.analyse import analyse, load_nlp, resolve_times
from newsfuse.brief import make_brief
from newsfuse.embed import OnnxSentenceEncoder, get_encoder
from newsfuse.entities import link_entities
from newsfuse.fuse import fuse
from newsfuse.ingest import ingest_bytes, ingest_paths
from newsfuse.ingest.language import english_only
from newsfuse.model import (
    AnnotatedArticle,
    Article,
    Brief,
    IngestReport,
    Rejected,
    RelatedStory,
    Settings,
    Story,
)
from newsfuse.render import render
from newsfuse.store.workers import IsolatedWorker, WorkerLimits
from newsfuse.stories import StoryIndex, group_stories, lead_text
from newsfuse.stories.coverage import chain_members, coverage_chains, merged_story
from newsfuse.story_window import WindowedStoryIndex

ProgressCallback = Callable[[str, int, int], None]


@dataclass
class BriefRun:
    """What one run produced: a brief per story, and every input that produced no article."""

    briefs: list[Brief] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def _inherit_story_dates(stories: Sequence[Story], by_id: dict[str, AnnotatedArticle]) -> None:
    """An undated article (seed 004) takes its story's earliest publication date as reference."""
    for story in stories:
        if story.first_published is None:
            continue
        for article_id in story.article_ids:
            annotated = by_id[article_id]
            if annotated.reference_date is None:
                by_id[article_id] = resolve_times(annotated, story.first_published)


def annotate(articles: Sequence[Article], settings: Settings) -> list[AnnotatedArticle]:
    return analyse(articles, settings)


def group(annotated: Sequence[AnnotatedArticle]) -> tuple[list[Story], list[list[AnnotatedArticle]]]:
    """Group annotated articles into stories; return each story with its members, dates inherited."""
    stories = group_stories(annotated, get_encoder())
    by_id = {a.article.id: a for a in annotated}
    _inherit_story_dates(stories, by_id)
    return stories, [[by_id[article_id] for article_id in story.article_ids] for story in stories]


def brief_story(story: Story, members: Sequence[AnnotatedArticle], settings: Settings) -> Brief:
    """Entities → fuse → brief for one story.

    Its matrix products run on one BLAS thread wherever it runs: OpenBLAS sums a product in another order on
    two threads than on one (Dask's workers are started with one), and a cosine that moves in its last bit
    can fall the other way of a threshold, so the same story was briefed differently on a cluster."""
    encoder = get_encoder()
    with threadpool_limits(limits=1, user_api="blas"):
        entities, linked = link_entities(members)
        fusion = fuse(story, linked, entities, encoder)
        return make_brief(fusion, linked, encoder, settings)


def brief_stories(
    annotated: Sequence[AnnotatedArticle], settings: Settings, progress: ProgressCallback | None = None
) -> tuple[list[Story], list[Brief]]:
    """Group annotated articles into stories and brief each event's coverage: a story with the follow-up
    stories of its thread from the next days (``stories.coverage``), fused as one."""
    stories, memberships = group(annotated)
    work = event_coverage(stories, memberships)
    briefs: list[Brief] = []
    for index, (story, members) in enumerate(work):
        briefs.append(brief_story(story, members, settings))
        if progress:
            progress("brief", index + 1, len(work))
    link_threads(stories, briefs)
    return stories, briefs


def event_coverage(
    stories: Sequence[Story], memberships: Sequence[Sequence[AnnotatedArticle]]
) -> list[tuple[Story, list[AnnotatedArticle]]]:
    """What is briefed: each event's coverage (a story and its thread's follow-ups of the next days, as one
    story) with its articles."""
    members_of = {story.id: members for story, members in zip(stories, memberships, strict=True)}
    return [(merged_story(chain), chain_members(chain, members_of)) for chain in coverage_chains(stories)]


def link_threads(stories: Sequence[Story], briefs: Sequence[Brief]) -> None:
    """Tell each brief its thread and the other stories in it (known only once every story is grouped)."""
    by_id = {story.id: story for story in stories}
    for brief in briefs:
        story = by_id.get(brief.story_id)
        if story is None:
            continue
        brief.thread = story.thread
        shown = {source.id for source in brief.sources}
        # a follow-up briefed together with the story (one event's coverage) is in it, not beside it
        related = [
            by_id[story_id] for story_id in story.related
            if story_id in by_id and not set(by_id[story_id].article_ids) <= shown
        ]
        brief.related = [
            RelatedStory(story_id=other.id, headline=other.headline, first_published=other.first_published)
            for other in sorted(related, key=lambda s: (s.first_published or date.max, s.id))
        ]


def brief_report(report: IngestReport, settings: Settings, progress: ProgressCallback | None = None) -> BriefRun:
    run = BriefRun(rejected=list(report.rejected), duplicates=list(report.duplicates))
    if not report.articles:
        return run
    annotated = annotate(report.articles, settings)
    if progress:
        progress("analyse", len(annotated), len(report.articles))
    run.stories, run.briefs = brief_stories(annotated, settings, progress)
    return run


def brief_files(
    paths: Iterable[Path], settings: Settings | None = None, progress: ProgressCallback | None = None
) -> BriefRun:
    """Ingest files or folders, group them into stories, and brief each story."""
    settings = settings or Settings()
    report = ingest_paths(
        paths,
        outlet=settings.default_outlet,
        published=settings.default_published,
        max_bytes=settings.max_file_bytes,
    )
    return brief_report(english_only(report), settings, progress)


# ---------------------------------------------------------------- the store's view of the pipeline


def _warm_up() -> None:
    """Load the models in a fresh worker before its first call, so no call's budget pays for them."""
    load_nlp()
    get_encoder()


def _story_members(story: Story, members: Sequence[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """The members in the story's order, undated ones dated by the story."""
    by_id = {a.article.id: a for a in members}
    _inherit_story_dates([story], by_id)
    return [by_id[article_id] for article_id in story.article_ids if article_id in by_id]


def _brief_with_vectors(
    story: Story, members: list[AnnotatedArticle], settings: Settings, known: dict[bytes, bytes]
) -> tuple[Brief, dict[bytes, bytes]]:
    """Encode once: the vectors kept for the story go in the encoder's cache; the brief's new ones come back."""
    encoder = get_encoder()
    if not isinstance(encoder, OnnxSentenceEncoder):
        return brief_story(story, members, settings), {}
    encoder.prime({key: np.frombuffer(vector, dtype="<f4").astype(np.float32) for key, vector in known.items()})
    with encoder.recording() as computed:
        brief = brief_story(story, members, settings)
    return brief, {key: vector.astype("<f4").tobytes() for key, vector in computed.items()}


def _analyse_in_worker(articles: list[Article], settings: Settings) -> list[AnnotatedArticle]:
    return annotate(articles, settings)


class StoreProcessor:
    """The pipeline as the store and the server use it (``newsfuse.store.Processor``). Analysis and
    briefing run in a worker process with CPU-time, memory and wall-clock limits (``isolate``): one
    article or story that overruns them fails with the reason, and the server and the batch go on.
    Calls run one at a time: the models are shared by the server's threads."""

    def __init__(
        self, settings: Settings | None = None, isolate: bool = True, limits: WorkerLimits | None = None
    ) -> None:
        self.settings = settings or Settings()
        self._lock = threading.Lock()
        self._worker = IsolatedWorker(limits, warm_up=_warm_up) if isolate else None

    def worker_factory(self) -> Callable[[], StoreProcessor]:
        """How another process builds the same processor (picklable): the server's queue worker process."""
        limits = self._worker.limits if self._worker is not None else None
        return partial(StoreProcessor, self.settings, self._worker is not None, limits)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()

    def read(
        self, data: bytes, *, source: str, outlet: str | None, published: date | None, as_json: bool = False
    ) -> IngestReport:
        return ingest_bytes(
            data,
            source=source,
            outlet=outlet or self.settings.default_outlet,
            published=published or self.settings.default_published,
            max_bytes=self.settings.max_file_bytes,
            fmt="json" if as_json else None,
        )

    def read_paths(self, paths: Sequence[Path]) -> IngestReport:
        return ingest_paths(
            paths,
            outlet=self.settings.default_outlet,
            published=self.settings.default_published,
            max_bytes=self.settings.max_file_bytes,
        )

    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        if self._worker is not None:
            analysed: list[AnnotatedArticle] = self._worker.call(_analyse_in_worker, list(articles), self.settings)
            return analysed
        with self._lock:
            return annotate(articles, self.settings)

    def embed(self, articles: Sequence[AnnotatedArticle]) -> NDArray[np.float32]:
        """The lead embedding the story index compares articles by."""
        with self._lock:
            return get_encoder().encode([lead_text(a) for a in articles])

    def new_assigner(self) -> WindowedStoryIndex:
        """The store's story index, bounded to its time window: stale stories leave memory (not the store)."""
        return WindowedStoryIndex(StoryIndex(get_encoder()), encoder=get_encoder())

    def brief(self, story: Story, members: Sequence[AnnotatedArticle]) -> Brief:
        ordered = _story_members(story, members)
        if self._worker is not None:
            brief: Brief = self._worker.call(brief_story, story, ordered, self.settings)
            return brief
        with self._lock:
            return brief_story(story, ordered, self.settings)

    def brief_with_vectors(
        self, story: Story, members: Sequence[AnnotatedArticle], known: dict[bytes, bytes]
    ) -> tuple[Brief, dict[bytes, bytes]]:
        """``brief`` with the encoder vectors the store kept for the story (``store.VectorBriefer``)."""
        ordered = _story_members(story, members)
        if self._worker is not None:
            result: tuple[Brief, dict[bytes, bytes]] = self._worker.call(
                _brief_with_vectors, story, ordered, self.settings, known
            )
            return result
        with self._lock:
            return _brief_with_vectors(story, ordered, self.settings, known)

    def render(self, brief: Brief, fmt: str) -> str:
        if fmt not in ("md", "json", "html", "term", "csv"):
            raise ValueError(f"unknown format {fmt!r}")
        return render([brief], fmt)  # type: ignore[arg-type]  # checked above
