"""Scale: the same stage functions mapped over shards of a corpus on Dask.

The expensive, independent work — ingest + analyse per file, then entities + fuse + brief per story — runs
in Dask partitions (local worker processes, or a Dask cluster given by its scheduler address); only story
grouping, which must see every article, runs on the driver, and it is incremental and cheap per article.
Each worker loads spaCy and the encoder once (the stages cache them per process).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsfuse.errors import InputError
from newsfuse.ingest import ingest_paths, input_files
from newsfuse.model import AnnotatedArticle, Brief, Rejected, Settings, Story
from newsfuse.pipeline import BriefRun, annotate, brief_story, event_coverage, group, link_threads

__all__ = ["brief_corpus"]

LOCAL_SCHEDULERS = ("processes", "threads", "synchronous")


def _ingest_and_annotate(files: list[Path], settings: Settings) -> list[dict[str, Any]]:
    report = ingest_paths(
        files, outlet=settings.default_outlet, published=settings.default_published, max_bytes=settings.max_file_bytes
    )
    annotated = annotate(report.articles, settings) if report.articles else []
    return [
        {
            "annotated": [a.model_dump(mode="json") for a in annotated],
            "rejected": [r.model_dump(mode="json") for r in report.rejected],
            "duplicates": list(report.duplicates),
        }
    ]


def _brief_partition(items: list[tuple[dict[str, Any], list[dict[str, Any]]]], settings: Settings) -> list[Any]:
    briefs: list[Any] = []
    for story_json, member_json in items:
        story = Story.model_validate(story_json)
        members = [AnnotatedArticle.model_validate(m) for m in member_json]
        briefs.append(brief_story(story, members, settings).model_dump(mode="json"))
    return briefs


def _from_sequence(items: Sequence[Any], npartitions: int) -> Any:
    import dask.bag

    return dask.bag.from_sequence(items, npartitions=npartitions)  # type: ignore[no-untyped-call]


def _compute(collection: Any, scheduler: str) -> Any:
    if scheduler in LOCAL_SCHEDULERS:
        return collection.compute(scheduler=scheduler)
    try:
        from dask.distributed import Client
    except ImportError:
        raise InputError(f"scheduler {scheduler!r} needs dask.distributed: pip install 'dask[distributed]'") from None
    with Client(scheduler) as client:
        return client.compute(collection).result()


def brief_corpus(
    paths: Sequence[Path], settings: Settings | None = None, *, partitions: int = 8, scheduler: str = "processes"
) -> BriefRun:
    """Brief a corpus by mapping ingest+analyse over file shards and fuse+brief over stories on Dask.

    ``scheduler`` is a local Dask scheduler (processes, threads, synchronous) or a cluster address
    (tcp://host:8786). The result equals ``pipeline.brief_files`` on the same input.
    """
    settings = settings or Settings()
    files, refused = input_files(paths)
    run = BriefRun(rejected=list(refused))
    if not files:
        return run
    shards = _from_sequence(files, npartitions=max(1, min(partitions, len(files))))
    pieces = _compute(shards.map_partitions(_ingest_and_annotate, settings), scheduler)

    annotated: list[AnnotatedArticle] = []
    seen: set[str] = set()
    for piece in pieces:
        run.rejected.extend(Rejected.model_validate(item) for item in piece["rejected"])
        run.duplicates.extend(piece["duplicates"])
        for item in piece["annotated"]:
            article = AnnotatedArticle.model_validate(item)
            if article.article.id in seen:  # the same text in two shards
                run.duplicates.append(article.article.source or article.article.id)
                continue
            seen.add(article.article.id)
            annotated.append(article)
    if not annotated:
        return run

    run.stories, memberships = group(annotated)
    work = [
        (story.model_dump(mode="json"), [m.model_dump(mode="json") for m in members])
        for story, members in event_coverage(run.stories, memberships)
    ]
    story_bag = _from_sequence(work, npartitions=max(1, min(partitions, len(work))))
    run.briefs = [
        Brief.model_validate(b) for b in _compute(story_bag.map_partitions(_brief_partition, settings), scheduler)
    ]
    link_threads(run.stories, run.briefs)
    return run
