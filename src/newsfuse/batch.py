"""The command line's batch run: the pipeline of ``pipeline.brief_report`` with each article's analysis and
each story's brief in an isolated worker (``store.workers``), as the store and the server run them.

One hostile file in a batch must not take the batch down or stall it: an article whose analysis overruns
the worker's CPU-time, memory or wall-clock limit, kills the worker, or raises, is reported with the reason
and left out; a story whose brief fails is reported for each of its articles; every other article is
analysed, grouped and briefed exactly as ``pipeline.brief_report`` would (analysis is per article, so one
article at a time gives the same annotations as a batch). Grouping runs here, in the calling process: it
reads the lead embeddings and entity sets, whose size the ingest caps bound.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from newsfuse.analyse import load_nlp
from newsfuse.embed import get_encoder, use_encoder_threads
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article, Brief, IngestReport, Rejected, Settings, Story, Trimmed
from newsfuse.pipeline import BriefRun, ProgressCallback, annotate, brief_story, event_coverage, group, link_threads
from newsfuse.store.workers import IsolatedWorker, WorkerDidNotStart, WorkerFailed, WorkerLimits, WorkerPool


@dataclass
class IsolatedRun(BriefRun):
    """A ``BriefRun`` that also says which articles were kept in part, and which failed in a worker."""

    trimmed: list[Trimmed] = field(default_factory=list)
    failed: list[Rejected] = field(default_factory=list)


def load_models(encoder_threads: int | None = None) -> None:
    """A fresh worker loads the models before its first call, so no article's budget pays for them; a worker
    of a pool of several runs its encoder on ``encoder_threads``."""
    if encoder_threads is not None:
        use_encoder_threads(encoder_threads)
    load_nlp()
    get_encoder()


def pool_size(settings: Settings, articles: int) -> int:
    """Workers for a batch of ``articles``: one more per ``articles_per_worker``, up to ``workers`` (0: one per
    core this process may run on)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    most = settings.workers or cores
    return max(1, min(most, articles // max(1, settings.articles_per_worker)))


def analyse_one(article: Article, settings: Settings) -> AnnotatedArticle:
    """One article's analysis, as the worker runs it."""
    return annotate([article], settings)[0]


def brief_files_isolated(
    paths: Iterable[Path],
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    limits: WorkerLimits | None = None,
) -> IsolatedRun:
    """Ingest files or folders, then brief them with analysis and briefs in an isolated worker."""
    settings = settings or Settings()
    outlet, published = settings.default_outlet, settings.default_published
    report = ingest_paths(paths, outlet=outlet, published=published, max_bytes=settings.max_file_bytes)
    return brief_report_isolated(report, settings, progress, limits)


AnalyseTask = Callable[[Article, Settings], AnnotatedArticle]


def brief_report_isolated(
    report: IngestReport,
    settings: Settings,
    progress: ProgressCallback | None = None,
    limits: WorkerLimits | None = None,
    analyse: AnalyseTask = analyse_one,
) -> IsolatedRun:
    """Brief what ``report`` read; ``analyse`` (a module-level function, run in the worker) is the
    analysis of one article."""
    run = IsolatedRun(rejected=list(report.rejected), duplicates=list(report.duplicates), trimmed=list(report.trimmed))
    if not report.articles:
        return run
    size = pool_size(settings, len(report.articles))
    pool = WorkerPool(size, limits, warm_up=partial(load_models, 1) if size > 1 else load_models)
    try:
        annotated = _analyse_each(pool, analyse, report.articles, settings, run, progress)
        if annotated:
            run.stories, run.briefs = _brief_each(pool, annotated, settings, run, progress)
    finally:
        pool.close()
    return run


def analyse_isolated(
    worker: IsolatedWorker, analyse: AnalyseTask, article: Article, settings: Settings
) -> AnnotatedArticle | Rejected:
    """One article's analysis in ``worker``: the annotations, or the article rejected with the reason (a
    worker that cannot start at all stops the run: no article is to blame)."""
    try:
        annotated: AnnotatedArticle = worker.call(analyse, article, settings)
    except WorkerDidNotStart:
        raise
    except WorkerFailed as failure:
        return Rejected(source=article.source, reason=f"analysis failed: {failure}")
    return annotated


def brief_isolated(
    worker: IsolatedWorker, story: Story, members: list[AnnotatedArticle], settings: Settings
) -> Brief | list[Rejected]:
    """One story's brief in ``worker``, or each of its articles rejected with the reason."""
    try:
        brief: Brief = worker.call(brief_story, story, members, settings)
    except WorkerDidNotStart:
        raise
    except WorkerFailed as failure:
        reason = f"not briefed: the brief of its story ({len(members)} article(s)) failed: {failure}"
        return [Rejected(source=member.article.source, reason=reason) for member in members]
    return brief


def _analyse_each(
    pool: WorkerPool,
    analyse: AnalyseTask,
    articles: list[Article],
    settings: Settings,
    run: IsolatedRun,
    progress: ProgressCallback | None,
) -> list[AnnotatedArticle]:
    finished = _Counter("analyse", len(articles), progress)
    outcomes = pool.map(lambda worker, article: analyse_isolated(worker, analyse, article, settings), articles,
                        finished.step)
    annotated: list[AnnotatedArticle] = []
    for outcome in outcomes:
        if isinstance(outcome, Rejected):
            run.failed.append(outcome)
        else:
            annotated.append(outcome)
    return annotated


def _brief_each(
    pool: WorkerPool,
    annotated: list[AnnotatedArticle],
    settings: Settings,
    run: IsolatedRun,
    progress: ProgressCallback | None,
) -> tuple[list[Story], list[Brief]]:
    stories, memberships = group(annotated)
    work = event_coverage(stories, memberships)
    finished = _Counter("brief", len(work), progress)
    # the largest stories first, so that no worker is left with a long brief after the others are done
    order = sorted(range(len(work)), key=lambda i: -sum(len(m.article.text) for m in work[i][1]))
    outcomes = pool.map(
        lambda worker, index: brief_isolated(worker, work[index][0], list(work[index][1]), settings), order,
        finished.step,
    )
    by_index = dict(zip(order, outcomes, strict=True))
    briefs: list[Brief] = []
    for index in range(len(work)):
        outcome = by_index[index]
        if isinstance(outcome, list):
            run.failed.extend(outcome)
        else:
            briefs.append(outcome)
    link_threads(stories, briefs)
    return stories, briefs


class _Counter:
    """Reports a stage's progress as its items finish, in whatever order they do."""

    def __init__(self, stage: str, total: int, progress: ProgressCallback | None) -> None:
        self.stage, self.total, self.progress, self.count = stage, total, progress, 0

    def step(self) -> None:
        self.count += 1
        if self.progress:
            self.progress(self.stage, self.count, self.total)
