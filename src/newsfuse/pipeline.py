"""Wires the stages: the only module that knows their order. ``brief_files`` is the front door."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.analyse import analyse, resolve_times
from newsfuse.brief import make_brief
from newsfuse.embed import get_encoder
from newsfuse.entities import link_entities
from newsfuse.fuse import fuse
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article, Brief, IngestReport, Rejected, Settings, Story
from newsfuse.stories import group_stories

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


def brief_stories(
    annotated: Sequence[AnnotatedArticle], settings: Settings, progress: ProgressCallback | None = None
) -> tuple[list[Story], list[Brief]]:
    """Group annotated articles into stories and brief each one."""
    encoder = get_encoder()
    stories = group_stories(annotated, encoder)
    by_id = {a.article.id: a for a in annotated}
    _inherit_story_dates(stories, by_id)
    briefs: list[Brief] = []
    for index, story in enumerate(stories):
        members = [by_id[article_id] for article_id in story.article_ids]
        entities, linked = link_entities(members)
        fusion = fuse(story, linked, entities, encoder)
        briefs.append(make_brief(fusion, linked, encoder, settings))
        if progress:
            progress("brief", index + 1, len(stories))
    return stories, briefs


def brief_report(report: IngestReport, settings: Settings, progress: ProgressCallback | None = None) -> BriefRun:
    run = BriefRun(rejected=list(report.rejected), duplicates=list(report.duplicates))
    if not report.articles:
        return run
    annotated = annotate(report.articles, settings)
    if progress:
        progress("analyse", len(annotated), len(report.articles))
    run.stories, run.briefs = brief_stories(annotated, settings, progress)
    return run


def brief_files(paths: Iterable[Path], settings: Settings | None = None, progress: ProgressCallback | None = None) -> BriefRun:
    """Ingest files or folders, group them into stories, and brief each story."""
    settings = settings or Settings()
    report = ingest_paths(
        paths,
        outlet=settings.default_outlet,
        published=settings.default_published,
        max_bytes=settings.max_file_bytes,
    )
    return brief_report(report, settings, progress)
