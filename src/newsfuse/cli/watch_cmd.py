"""``newsfuse watch``: keep a store current from RSS/Atom feeds and news sitemaps."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from newsfuse.cli.app import app, err_console, fail, in_range
from newsfuse.ingest.fetch import Fetcher, FetchSettings
from newsfuse.ingest.language import is_analysed, not_analysed_reason
from newsfuse.model import Settings
from newsfuse.store import DEFAULT_DB, Store, default_processor
from newsfuse.store.watching import WatchState
from newsfuse.watch import PollReport, StoredPage, Watcher, WatchSettings


def feed_urls(values: list[str]) -> list[str]:
    """URLs given on the command line, or read from files of URLs (one a line, '#' comments)."""
    urls: list[str] = []
    for value in values:
        if value.startswith(("http://", "https://")):
            urls.append(value)
            continue
        path = Path(value)
        if not path.is_file():
            fail(f"not a URL and no such file: {value}")
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                if not line.startswith(("http://", "https://")):
                    fail(f"{value}: not an http(s) URL: {line[:120]}")
                urls.append(line)
    return urls


def _stored(page: StoredPage) -> None:
    what = "stored" if page.revision == 1 else f"revision {page.revision} of"
    if not is_analysed(page.language):
        what = "held" if page.revision == 1 else f"held revision {page.revision} of"
    line = f"{what} [{page.language}] {page.url} ({page.credit})"
    err_console.print(line, markup=False, highlight=False)
    if not is_analysed(page.language):
        err_console.print(f"[yellow]note[/] {escape(page.url)}: {not_analysed_reason(page.language)}", highlight=False)


def _summary(report: PollReport) -> None:
    for rejected in report.rejected:
        err_console.print(f"[yellow]skipped[/] {escape(rejected.source)}: {escape(rejected.reason)}", highlight=False)
    typer.echo(
        f"polled {report.feeds} feed(s) ({report.not_modified} not modified), {report.links} link(s): "
        f"{len(report.stored)} new article(s), {len(report.revisions)} revision(s), {report.unchanged} unchanged, "
        f"{len(report.duplicates)} duplicate(s), {len(report.rejected)} skipped; {report.requests} request(s)"
    )


@app.command()
def watch(
    feeds: Annotated[
        list[str] | None, typer.Argument(help="Feed or sitemap URLs, or files listing them (one a line).")
    ] = None,
    db: Annotated[str, typer.Option("--db", help="SQLite file, or a PostgreSQL URL.")] = DEFAULT_DB,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron).")] = False,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between polls.")] = 900.0,
    list_feeds: Annotated[bool, typer.Option("--list", help="List the registered feeds and their last poll.")] = False,
    delay: Annotated[float, typer.Option("--delay", help="Seconds between two requests to one host.")] = 1.0,
) -> None:
    """Poll feeds (RSS/Atom) and sitemaps: conditional GET, new pages fetched and stored, a changed page kept
    as a revision. The feeds given are registered in the store; later runs poll every registered feed.
    SIGINT/SIGTERM finish the page in flight and stop; what was acknowledged ("stored …") is kept.

    Example: newsfuse watch --db news.db feeds.txt --once
    """
    in_range("--interval", interval, 1)
    in_range("--delay", delay, 0)
    with Store(db) as store:
        state = WatchState(store)
        if feeds:
            state.add_feeds(feed_urls(feeds))
        if list_feeds:
            for feed in state.feeds():
                polled = feed.last_polled_at.isoformat(timespec="seconds") if feed.last_polled_at else "never"
                typer.echo(f"{feed.url}\tlast poll {polled}\t{feed.last_status or ''}")
            return
        if not state.feeds():
            fail("no feeds: give feed URLs or a file of them")
        with Fetcher(FetchSettings(per_host_delay_seconds=delay)) as fetcher:
            watcher = Watcher(
                store, default_processor(Settings()), fetcher, WatchSettings(interval_seconds=interval), _stored
            )
            with watcher.signals():
                if once:
                    _summary(watcher.poll())
                else:
                    watcher.run(_summary)
