"""``newsfuse stories``: which stories a pile of articles holds."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsfuse.cli.app import app, err_console, existing_store, fail, plural, report_skips
from newsfuse.cli.progress import stage_progress
from newsfuse.embed import get_encoder
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article, Settings, Story
from newsfuse.pipeline import annotate
from newsfuse.store import Store
from newsfuse.store.listing import StoryFilter, filtered_stories, headlines
from newsfuse.store.repository import MAX_PAGE
from newsfuse.store.views import StorySummary
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


def _stored_stories(db: str, offset: int, limit: int, as_json: bool, wanted: StoryFilter) -> None:
    """A store's stories, newest first: as JSON, or as the story list page reads, by day and, in a day, by
    thread (a story of a longer thread names it by its first story's headline)."""
    with Store(db) as store:
        page = filtered_stories(store, wanted, offset=offset, limit=limit)
        threads = headlines(store, {item.thread for item in page.items if item.thread and item.related})
    if as_json:
        sys.stdout.write(page.model_dump_json(indent=2) + "\n")
        return
    console = Console(width=max(120, Console().width))
    shown = f"{offset + 1}–{offset + len(page.items)} of " if page.items else ""
    console.print(Text(f"stories {shown}{page.total:,} in {db}" + ("" if wanted.is_empty() else " (filtered)")))
    for day, stories in groupby(_by_thread_within_day(page.items), key=lambda item: item.last_published):
        table = Table(title=day.strftime("%A %-d %B %Y") if day else "Undated", title_justify="left", expand=True)
        # the story id is the handle `brief --story` takes: never wrapped mid-id
        table.add_column("story", no_wrap=True, style="dim")
        table.add_column("headline", overflow="fold", ratio=3)
        table.add_column("outlets", overflow="fold", ratio=2)
        table.add_column("articles", justify="right")
        table.add_column("thread", overflow="fold", ratio=2)
        for item in stories:
            thread = (threads.get(item.thread) or "untitled thread") if item.thread and item.related else ""
            table.add_row(
                item.id, item.headline or "(no headline)", ", ".join(item.outlets), str(item.article_count), thread
            )
        console.print(table)


def _day(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be YYYY-MM-DD, got {value!r}")


def _by_thread_within_day(items: list[StorySummary]) -> list[StorySummary]:
    """Each day's stories with a thread's stories together, where its first story of the day comes."""
    ordered: list[StorySummary] = []
    for _, day in groupby(items, key=lambda item: item.last_published):
        stories = list(day)
        first_place: dict[str | None, int] = {}
        for place, item in enumerate(stories):
            first_place.setdefault(item.thread if item.related else item.id, place)
        ordered += sorted(stories, key=lambda item: first_place[item.thread if item.related else item.id])
    return ordered


@app.command()
def stories(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to read.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the stories as JSON instead of a table.")] = False,
    db: Annotated[str | None, typer.Option("--db", help="List a store's stories (SQLite file or URL).")] = None,
    offset: Annotated[int, typer.Option("--offset", help="With --db: skip this many stories.")] = 0,
    limit: Annotated[int, typer.Option("--limit", help="With --db: show at most this many.")] = 50,
    since: Annotated[
        str | None, typer.Option("--since", help="With --db: stories running on or after this day.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="With --db: stories begun on or before this day.")
    ] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="With --db: stories with an article from it.")] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="With --db: stories naming this person or body.")
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help='With --db: words or "a phrase" in an article.')] = None,
) -> None:
    """List the stories in PATHS (or in a store): headline, outlets, dates, article count and source
    families (syndicated copies of one report count as one family).

    Example: newsfuse stories examples/ ../more-news/
    Example: newsfuse stories --db newsfuse.db --limit 20
    Example: newsfuse stories --db newsfuse.db --since 2024-06-01 --outlet Reuters --text "summit"
    """
    filters = (since, until, outlet, entity, text)
    if db is not None:
        if paths:
            fail("give either PATHS or --db, not both")
        if not 1 <= limit <= MAX_PAGE or offset < 0:
            fail(f"--limit must be between 1 and {MAX_PAGE}, and --offset 0 or more")
        try:
            wanted = StoryFilter(_day("--since", since), _day("--until", until), outlet, entity, text)
        except ValueError as error:
            fail(str(error))
        _stored_stories(existing_store(db), offset, limit, as_json, wanted)
        return
    if any(filters):
        fail("--since, --until, --outlet, --entity and --text filter a store's stories: give --db")
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
