"""``newsfuse stories``: which stories a pile of articles holds."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsfuse.cli.app import app, err_console, existing_store, fail, plural, report_skips
from newsfuse.cli.progress import stage_progress
from newsfuse.embed import get_encoder
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article, Settings, Story
from newsfuse.pipeline import annotate
from newsfuse.store import list_stories
from newsfuse.stories import group_stories


def _outlets(story: Story, by_id: dict[str, Article]) -> list[str]:
    return list(dict.fromkeys(by_id[a].outlet or "?" for a in story.article_ids))


def _dates(story: Story) -> str:
    if story.first_published is None or story.last_published is None:
        return "undated"
    if story.first_published == story.last_published:
        return story.first_published.isoformat()
    return f"{story.first_published.isoformat()} – {story.last_published.isoformat()}"


def _table(stories: list[Story], by_id: dict[str, Article]) -> Table:
    table = Table(
        title=f"{plural(len(stories), 'story', 'stories')} from {plural(len(by_id), 'article')}", show_lines=False
    )
    # the story id is the handle `brief --story` takes: never wrapped mid-id
    table.add_column("story", no_wrap=True, style="dim")
    table.add_column("headline", overflow="fold")
    table.add_column("outlets", overflow="fold")
    table.add_column("dates", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("families", justify="right")
    table.add_column("thread", no_wrap=True, style="dim")
    for story in stories:
        table.add_row(
            story.id,
            story.headline or "(no headline)",
            ", ".join(_outlets(story, by_id)),
            _dates(story),
            str(len(story.article_ids)),
            str(len(story.families) or len(story.article_ids)),
            story.thread if story.related else "",  # a thread of one story says nothing
        )
    return table


def _as_json(stories: list[Story], by_id: dict[str, Article]) -> str:
    rows = [
        {
            **story.model_dump(mode="json"),
            "outlets": _outlets(story, by_id),
            "sources": {a: by_id[a].source for a in story.article_ids},
        }
        for story in stories
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False)


def _stored_stories(db: str, offset: int, limit: int, as_json: bool) -> None:
    page = list_stories(db, offset=offset, limit=limit)
    if as_json:
        sys.stdout.write(page.model_dump_json(indent=2) + "\n")
        return
    table = Table(title=f"stories {offset + 1}–{offset + len(page.items)} of {page.total} in {db}")
    # the story id is the handle `brief --story` takes: never wrapped mid-id
    table.add_column("story", no_wrap=True, style="dim")
    table.add_column("headline", overflow="fold")
    table.add_column("outlets", overflow="fold")
    table.add_column("dates", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("thread", no_wrap=True, style="dim")
    for item in page.items:
        first, last = item.first_published, item.last_published
        dates = "undated" if first is None or last is None else f"{first}" if first == last else f"{first} – {last}"
        table.add_row(
            item.id,
            item.headline or "(no headline)",
            ", ".join(item.outlets),
            dates,
            str(item.article_count),
            item.thread if item.related else "",
        )
    Console(width=max(120, Console().width)).print(table)


@app.command()
def stories(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to read.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the stories as JSON instead of a table.")] = False,
    db: Annotated[str | None, typer.Option("--db", help="List a store's stories (SQLite file or URL).")] = None,
    offset: Annotated[int, typer.Option("--offset", help="With --db: skip this many stories.")] = 0,
    limit: Annotated[int, typer.Option("--limit", help="With --db: show at most this many.")] = 50,
) -> None:
    """List the stories in PATHS (or in a store): headline, outlets, dates, article count and source
    families (syndicated copies of one report count as one family).

    Example: newsfuse stories examples/ ../more-news/
    Example: newsfuse stories --db newsfuse.db --limit 20
    """
    if db is not None:
        if paths:
            fail("give either PATHS or --db, not both")
        _stored_stories(existing_store(db), offset, limit, as_json)
        return
    if not paths:
        fail("give files or folders to read, or --db FILE to list a store's stories")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")
    report = ingest_paths(paths)
    report_skips(report)
    if not report.articles:
        fail("no article could be read from the input")
    annotated = _annotate_with_progress(report.articles)
    found = group_stories(annotated, get_encoder())
    by_id = {a.id: a for a in report.articles}
    if as_json:
        sys.stdout.write(_as_json(found, by_id) + "\n")
        return
    Console(width=max(120, Console().width)).print(_table(found, by_id))


_PROGRESS_BATCH = 8  # articles analysed between two updates of the count: small, and still one spaCy batch


def _annotate_with_progress(articles: list[Article]) -> list[AnnotatedArticle]:
    """Analyse the articles with a count and the time left on stderr, then one line saying what took how long."""
    start = time.monotonic()
    annotated: list[AnnotatedArticle] = []
    with stage_progress(err_console) as bars:
        for first in range(0, len(articles), _PROGRESS_BATCH):
            batch = articles[first : first + _PROGRESS_BATCH]
            annotated += annotate(batch, Settings())
            bars.update("analysing", len(annotated), len(articles))
    err_console.print(
        f"analysed {plural(len(articles), 'article')} in {time.monotonic() - start:.1f} s", highlight=False
    )
    return annotated
