"""``newsfuse ingest`` and ``newsfuse serve``: the store and the server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from newsfuse.cli.app import app, err_console, fail, parse_date, plural, port_taken
from newsfuse.model import Settings
from newsfuse.store import DEFAULT_DB, Added, Store, default_processor, ingest_into_store

DbOption = Annotated[str, typer.Option("--db", help="SQLite file, or a PostgreSQL URL (postgresql://user@host/db).")]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to add to the store.")],
    db: DbOption = DEFAULT_DB,
    published: Annotated[str | None, typer.Option("--date", help="Publication date for undated inputs.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet for inputs that do not name one.")] = None,
) -> None:
    """Add articles to the store: analyse each new one, place it in a story, commit it. Idempotent: a text
    already stored is skipped; an interrupted run loses nothing committed and a re-run completes it.

    Example: newsfuse ingest ../shared/corpora/seeds --db news.db
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")
    settings = Settings(default_outlet=outlet, default_published=parse_date(published))
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True, console=err_console) as bar:
        task = bar.add_task("reading and analysing", total=None)
        stored = 0

        def on_stored(_added: Added) -> None:
            nonlocal stored
            stored += 1
            bar.update(task, description=f"stored {stored} article{'s' if stored != 1 else ''}")

        outcome = ingest_into_store(paths, db, settings, on_stored=on_stored)
    for rejected in outcome.rejected:
        err_console.print(f"[yellow]skipped[/] {rejected.source}: {rejected.reason}", highlight=False)
    for trimmed in outcome.trimmed:
        err_console.print(f"[cyan]trimmed[/] {trimmed.source}: {trimmed.reason}", highlight=False)
    stories = len({added.story_id for added in outcome.added})
    typer.echo(
        f"added {plural(len(outcome.added), 'article')} to {plural(stories, 'story', 'stories')}; "
        f"{len(outcome.duplicates):,} already stored; {len(outcome.rejected):,} skipped ({db})"
    )
    if not outcome.added and not outcome.duplicates:
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

    taken = port_taken(host, port)
    if taken:
        fail(f"cannot listen on {host}:{port}: {taken} (another server? choose one with --port)")
    options = ServeOptions.from_environment(host)
    store = Store(db)
    writes = "writes need the token" if options.write_token else "read-only (set NEWSFUSE_TOKEN to take writes)"
    err_console.print(f"serving {db} on http://{host}:{port}/ ({writes})", highlight=False)
    try:
        run_server(store, default_processor(), host=host, port=port, options=options)
    finally:
        store.close()
