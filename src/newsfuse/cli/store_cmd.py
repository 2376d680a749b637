"""``newsfuse ingest`` and ``newsfuse serve``: the store and the server."""

from __future__ import annotations

from typing import Annotated

import typer

from newsfuse.cli.app import app, err_console, existing_store, fail, in_range, parse_date, plural, port_taken
from newsfuse.cli.inputs import check_paths_exist, split_inputs, take_pages
from newsfuse.cli.progress import stage_progress
from newsfuse.ingest.language import not_analysed_reason, other_languages
from newsfuse.model import Settings
from newsfuse.store import DEFAULT_DB, Added, IngestOutcome, Store, default_processor, enqueue, process_queue
from newsfuse.store.amendments import correct_reposted
from newsfuse.store.held import hold

DbOption = Annotated[str, typer.Option("--db", help="SQLite file, or a PostgreSQL URL (postgresql://user@host/db).")]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs to add to the store.")],
    db: DbOption = DEFAULT_DB,
    published: Annotated[str | None, typer.Option("--date", help="Publication date for undated inputs.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet for inputs that do not name one.")] = None,
) -> None:
    """Add articles to the store: analyse each new one, place it in a story, commit it. Idempotent: a text
    already stored is skipped; an interrupted run loses nothing committed and a re-run completes it. A text
    already stored whose input gives another outlet, title, date or URL corrects the stored article (its
    briefs are recomputed). A URL is fetched; a page fetched before is asked for conditionally, and one whose
    text changed replaces its earlier text in its story (a revision). An article in another language than
    English is held: stored and listed, but not analysed nor placed in a story.

    Example: newsfuse ingest ../shared/corpora/seeds --db news.db
    Example: newsfuse ingest https://example.org/news/a.html --db news.db
    """
    inputs = split_inputs(paths)
    check_paths_exist(inputs.paths)
    settings = Settings(default_outlet=outlet, default_published=parse_date(published))
    processor = default_processor(settings)
    with stage_progress(err_console) as bars:
        queued = 0

        def on_queued(count: int) -> None:
            nonlocal queued
            queued = count
            bars.update("storing", 0, count)

        def on_stored(_added: Added) -> None:
            bars.advance("storing", queued)

        outcome = IngestOutcome()
        with Store(db) as store:
            report = processor.read_paths(inputs.paths)
            outcome.rejected += report.rejected
            outcome.trimmed += report.trimmed
            outcome.duplicates += report.duplicates
            corrected = correct_reposted(store, report.articles, processor)
            analysed, others = other_languages(report.articles)
            stored_before = [a.source or a.id for a in others if store.has_article(a.id)]  # analysed, earlier
            held, held_before = hold(store, [a for a in others if not store.has_article(a.id)])
            pages = take_pages(store, processor, inputs.urls, outlet=outlet, published=settings.default_published)
            page_stories = {store.story_of(page.article_id) for page in pages.stored}
            accepted = enqueue(store, analysed)
            on_queued(len(accepted.queued))
            stored = process_queue(store, processor, on_stored=on_stored)
        outcome.added += stored.added
        outcome.duplicates += accepted.duplicates + stored.duplicates + held_before + stored_before
        outcome.rejected += stored.rejected
    for article in held:
        err_console.print(f"[yellow]held[/] {article.source}: {not_analysed_reason(article.language)}", highlight=False)
    for article, changes in corrected:
        said = "; ".join(f"{c.field} {c.old or '(none)'} -> {c.new or '(none)'}" for c in changes)
        err_console.print(f"[green]corrected[/] {article.source}: {said}", highlight=False)
    for page in pages.revisions:
        err_console.print(
            f"[green]revised[/] {page.url}: revision {page.revision} replaces the earlier text", highlight=False
        )
    for rejected in pages.rejected + outcome.rejected:
        err_console.print(f"[yellow]skipped[/] {rejected.source}: {rejected.reason}", highlight=False)
    for trimmed in outcome.trimmed:
        err_console.print(f"[cyan]trimmed[/] {trimmed.source}: {trimmed.reason}", highlight=False)
    added = len(outcome.added) + len(pages.stored) + len(held)
    stories = len({item.story_id for item in outcome.added} | (page_stories - {None}))
    corrected_sources = {article.source for article, _ in corrected}
    known = [d for d in outcome.duplicates if d not in corrected_sources] + pages.duplicates
    unchanged = len(known) + pages.unchanged
    revised = f"{len(pages.revisions):,} revised; " if pages.revisions else ""
    fixed = f"{len(corrected):,} corrected; " if corrected else ""
    fixed += f"{len(held):,} held (not English); " if held else ""
    skipped = len(outcome.rejected) + len(pages.rejected)
    typer.echo(
        f"added {plural(added, 'article')} to {plural(stories, 'story', 'stories')}; {revised}{fixed}"
        f"{unchanged:,} already stored; {skipped:,} skipped ({db})"
    )
    if not added and not unchanged and not pages.revisions and not corrected:
        raise typer.Exit(1)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
) -> None:
    """Serve the store: the REST API (OpenAPI at /openapi.json) and the pages (stories of the day; each
    story with its brief and its sources side by side). Writes (POST /articles) need the token in
    NEWSFUSE_TOKEN or in the file NEWSFUSE_TOKEN_FILE names; reads are open unless NEWSFUSE_READ_TOKEN is
    set. Extra allowed Host names: NEWSFUSE_ALLOWED_HOSTS (see the README on running behind a proxy).

    Example: NEWSFUSE_TOKEN_FILE=~/.newsfuse-token newsfuse serve --db news.db --port 8000
    """
    from newsfuse.serve import serve as run_server
    from newsfuse.serve.security import ServeOptions

    in_range("--port", port, 1, 65_535)
    taken = port_taken(host, port)
    if taken:
        fail(f"cannot listen on {host}:{port}: {taken} (another server? choose one with --port)")
    options = ServeOptions.from_environment(host)
    if not options.write_token:  # a read-only server of a store that does not exist would serve nothing
        existing_store(db)
    store = Store(db)
    writes = "writes need the token" if options.write_token else "read-only (set NEWSFUSE_TOKEN to take writes)"
    err_console.print(f"serving {db} on http://{host}:{port}/ ({writes})", highlight=False)
    try:
        run_server(store, default_processor(), host=host, port=port, options=options)
    finally:
        store.close()
