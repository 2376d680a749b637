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

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.analyse import load_nlp
from newsfuse.embed import get_encoder
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article, Brief, IngestReport, Rejected, Settings, Story, Trimmed
from newsfuse.pipeline import BriefRun, ProgressCallback, annotate, brief_story, event_coverage, group, link_threads
from newsfuse.store.workers import IsolatedWorker, WorkerDidNotStart, WorkerFailed, WorkerLimits


@dataclass
class IsolatedRun(BriefRun):
    """A ``BriefRun`` that also says which articles were kept in part, and which failed in a worker."""

    trimmed: list[Trimmed] = field(default_factory=list)
    failed: list[Rejected] = field(default_factory=list)


def load_models() -> None:
    """A fresh worker loads the models before its first call, so no article's budget pays for them."""
    load_nlp()
    get_encoder()


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
    worker = IsolatedWorker(limits, warm_up=load_models)
    try:
        annotated = _analyse_each(worker, analyse, report.articles, settings, run, progress)
        if annotated:
            run.stories, run.briefs = _brief_each(worker, annotated, settings, run, progress)
    finally:
        worker.close()
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
    worker: IsolatedWorker,
    analyse: AnalyseTask,
    articles: list[Article],
    settings: Settings,
    run: IsolatedRun,
    progress: ProgressCallback | None,
) -> list[AnnotatedArticle]:
    annotated: list[AnnotatedArticle] = []
    for index, article in enumerate(articles):
        outcome = analyse_isolated(worker, analyse, article, settings)
        if isinstance(outcome, Rejected):
            run.failed.append(outcome)
        else:
            annotated.append(outcome)
        if progress:
            progress("analyse", index + 1, len(articles))
    return annotated


def _brief_each(
    worker: IsolatedWorker,
    annotated: list[AnnotatedArticle],
    settings: Settings,
    run: IsolatedRun,
    progress: ProgressCallback | None,
) -> tuple[list[Story], list[Brief]]:
    stories, memberships = group(annotated)
    work = event_coverage(stories, memberships)
    briefs: list[Brief] = []
    for index, (story, members) in enumerate(work):
        outcome = brief_isolated(worker, story, list(members), settings)
        if isinstance(outcome, list):
            run.failed.extend(outcome)
        else:
            briefs.append(outcome)
        if progress:
            progress("brief", index + 1, len(work))
    link_threads(stories, briefs)
    return stories, briefs
