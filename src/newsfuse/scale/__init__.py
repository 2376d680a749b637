"""Scale: the same stage functions mapped over shards of a corpus on Dask.

The expensive, independent work — ingest + analyse per file, then entities + fuse + brief per story — runs
in Dask partitions (local worker processes, or a Dask cluster given by its scheduler address); only story
grouping, which must see every article, runs on the driver, and it is incremental and cheap per article.

As on the command line and in the server, one article's analysis and one story's brief each run in an
isolated worker (``store.workers``: CPU-time, memory and wall-clock limits) that each Dask worker process
starts once and keeps, models loaded, between partitions: an article or a story past a limit fails alone
with the reason (``IsolatedRun.failed``), and the rest of the corpus is briefed. A distributed worker
must be able to start processes (``LocalCluster`` workers here are started non-daemonic for that; a
cluster's own workers need ``distributed.worker.daemon: false``).

Schedulers: Dask's local ones (``processes``, ``threads``, ``synchronous``); ``local:N``, a
``dask.distributed`` ``LocalCluster`` of N single-threaded worker processes on loopback; or the address of a
running cluster (``tcp://host:8786``), whose workers must read the input files at the same paths. The two
``dask.distributed`` forms need the optional extra ``newsfuse[distributed]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsfuse.batch import AnalyseTask, IsolatedRun, analyse_isolated, analyse_one, brief_isolated, load_models
from newsfuse.errors import InputError
from newsfuse.ingest import ingest_paths, input_files
from newsfuse.ingest.language import english_only
from newsfuse.model import AnnotatedArticle, Article, Brief, Rejected, Settings, Story, Trimmed
from newsfuse.pipeline import event_coverage, group, link_threads
from newsfuse.store.workers import IsolatedWorker, WorkerDidNotStart, WorkerLimits

__all__ = ["brief_corpus"]

LOCAL_SCHEDULERS = ("processes", "threads", "synchronous")
LOCAL_CLUSTER_PREFIX = "local:"


# this process's isolated worker for each set of limits, kept between partitions so its models load once
_WORKERS: dict[WorkerLimits, IsolatedWorker] = {}


def _isolated(limits: WorkerLimits) -> IsolatedWorker:
    worker = _WORKERS.get(limits)
    if worker is None:
        worker = _WORKERS[limits] = IsolatedWorker(limits, warm_up=load_models)
    return worker


def _ingest_and_annotate(
    files: list[Path], settings: Settings, limits: WorkerLimits, analyse: AnalyseTask
) -> list[dict[str, Any]]:
    report = english_only(ingest_paths(
        files, outlet=settings.default_outlet, published=settings.default_published, max_bytes=settings.max_file_bytes
    ))
    annotated: list[AnnotatedArticle] = []
    failed: list[Rejected] = []
    for article in report.articles:
        outcome = _analysed(limits, analyse, article, settings)
        if isinstance(outcome, Rejected):
            failed.append(outcome)
        else:
            annotated.append(outcome)
    return [
        {
            "annotated": [a.model_dump(mode="json") for a in annotated],
            "rejected": [r.model_dump(mode="json") for r in report.rejected],
            "failed": [r.model_dump(mode="json") for r in failed],
            "trimmed": [t.model_dump(mode="json") for t in report.trimmed],
            "duplicates": list(report.duplicates),
        }
    ]


def _analysed(
    limits: WorkerLimits, analyse: AnalyseTask, article: Article, settings: Settings
) -> AnnotatedArticle | Rejected:
    try:
        return analyse_isolated(_isolated(limits), analyse, article, settings)
    except AssertionError as error:  # multiprocessing: "daemonic processes are not allowed to have children"
        raise WorkerDidNotStart(
            f"a Dask worker could not start its isolated worker ({error}): run the cluster's workers with "
            "distributed.worker.daemon: false"
        ) from None


def _brief_partition(
    items: list[tuple[dict[str, Any], list[dict[str, Any]]]], settings: Settings, limits: WorkerLimits
) -> list[Any]:
    """Each story's brief, or the reasons its articles were not briefed: {"brief": ...} or {"failed": [...]}."""
    outcomes: list[Any] = []
    for story_json, member_json in items:
        story = Story.model_validate(story_json)
        members = [AnnotatedArticle.model_validate(m) for m in member_json]
        outcome = brief_isolated(_isolated(limits), story, members, settings)
        if isinstance(outcome, list):
            outcomes.append({"failed": [r.model_dump(mode="json") for r in outcome]})
        else:
            outcomes.append({"brief": outcome.model_dump(mode="json")})
    return outcomes


def _from_sequence(items: Sequence[Any], npartitions: int) -> Any:
    import dask.bag

    return dask.bag.from_sequence(items, npartitions=npartitions)  # type: ignore[no-untyped-call]


Compute = Callable[[Any], Any]


def _local_workers(scheduler: str) -> int | None:
    """N of ``local:N``; None for any other scheduler."""
    if not scheduler.startswith(LOCAL_CLUSTER_PREFIX):
        return None
    count = scheduler.removeprefix(LOCAL_CLUSTER_PREFIX)
    if not count.isdigit() or int(count) < 1:
        raise InputError(f"scheduler {scheduler!r}: 'local:N' needs a worker count of at least 1, e.g. local:2")
    return int(count)


@contextmanager
def _computing(scheduler: str) -> Iterator[Compute]:
    """A function that computes a Dask collection on ``scheduler``, its cluster kept open for the whole run."""
    if scheduler in LOCAL_SCHEDULERS:
        yield lambda collection: collection.compute(scheduler=scheduler)
        return
    workers = _local_workers(scheduler)
    if workers is None and "://" not in scheduler:
        raise InputError(
            f"unknown scheduler {scheduler!r}: use processes, threads, synchronous, local:N or tcp://host:port"
        )
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError(
            f"scheduler {scheduler!r} needs dask.distributed: pip install 'newsfuse[distributed]'"
        ) from None
    if workers is None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield lambda collection: client.compute(collection).result()
        return
    import dask.config

    # one thread per worker: spaCy and onnxruntime each keep a core busy, and the models are per process;
    # non-daemonic, so that each can start its isolated worker
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield lambda collection: client.compute(collection).result()


def brief_corpus(
    paths: Sequence[Path],
    settings: Settings | None = None,
    *,
    partitions: int = 8,
    scheduler: str = "processes",
    limits: WorkerLimits | None = None,
    analyse: AnalyseTask = analyse_one,
) -> IsolatedRun:
    """Brief a corpus by mapping ingest+analyse over file shards and fuse+brief over stories on Dask.

    ``scheduler`` is a local Dask scheduler (processes, threads, synchronous), ``local:N`` (a LocalCluster
    of N worker processes) or a cluster address (tcp://host:8786). The result equals
    ``pipeline.brief_files`` on the same input. ``limits`` bound each article's analysis and each story's
    brief (``analyse``, a module-level function, is the analysis of one article).
    """
    settings = settings or Settings()
    files, refused = input_files(paths)
    run = IsolatedRun(rejected=list(refused))
    if not files:
        return run
    with _computing(scheduler) as compute:
        _brief_on(files, settings, partitions, compute, run, (limits or WorkerLimits(), analyse))
    return run


def _brief_on(
    files: list[Path],
    settings: Settings,
    partitions: int,
    compute: Compute,
    run: IsolatedRun,
    isolation: tuple[WorkerLimits, AnalyseTask],
) -> None:
    limits, analyse = isolation
    shards = _from_sequence(files, npartitions=max(1, min(partitions, len(files))))
    pieces = compute(shards.map_partitions(_ingest_and_annotate, settings, limits, analyse))

    annotated: list[AnnotatedArticle] = []
    seen: set[str] = set()
    for piece in pieces:
        run.rejected.extend(Rejected.model_validate(item) for item in piece["rejected"])
        run.duplicates.extend(piece["duplicates"])
        run.failed.extend(Rejected.model_validate(item) for item in piece["failed"])
        run.trimmed.extend(Trimmed.model_validate(item) for item in piece["trimmed"])
        for item in piece["annotated"]:
            article = AnnotatedArticle.model_validate(item)
            if article.article.id in seen:  # the same text in two shards
                run.duplicates.append(article.article.source or article.article.id)
                continue
            seen.add(article.article.id)
            annotated.append(article)
    if not annotated:
        return

    run.stories, memberships = group(annotated)
    work = [
        (story.model_dump(mode="json"), [m.model_dump(mode="json") for m in members])
        for story, members in event_coverage(run.stories, memberships)
    ]
    story_bag = _from_sequence(work, npartitions=max(1, min(partitions, len(work))))
    for outcome in compute(story_bag.map_partitions(_brief_partition, settings, limits)):
        if "brief" in outcome:
            run.briefs.append(Brief.model_validate(outcome["brief"]))
        else:
            run.failed.extend(Rejected.model_validate(item) for item in outcome["failed"])
    link_threads(run.stories, run.briefs)
