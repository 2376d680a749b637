"""``newsfuse brief`` and ``newsfuse schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.batch import IsolatedRun, brief_report_isolated
from newsfuse.cli.app import app, err_console, existing_store, fail, in_range, parse_date, report_skips
from newsfuse.cli.inputs import check_paths_exist, fetch_urls, merged, split_inputs
from newsfuse.cli.progress import stage_progress
from newsfuse.ingest import ingest_bytes, ingest_paths
from newsfuse.ingest.language import english_only
from newsfuse.model import Brief, Settings
from newsfuse.pipeline import BriefRun
from newsfuse.render import Format, output_schema, render
from newsfuse.scale import brief_corpus
from newsfuse.store import brief_for_story

MAX_SUMMARY_WORDS = 5_000  # a summary longer than this is the articles again
MAX_PARTITIONS = 10_000


@app.command()
def brief(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders or http(s) URLs to read; '-' reads standard input."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, json, html, csv or term.")] = "term",
    full: Annotated[
        bool, typer.Option("--full", help="term: every fact, quotation, date and citation, not one page.")
    ] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    published: Annotated[str | None, typer.Option("--date", help="Publication date for undated inputs.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet for inputs that do not name one.")] = None,
    words: Annotated[int, typer.Option("--words", help="Summary length in words.")] = 150,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Run on Dask: processes, threads, or a cluster address tcp://host:8786."),
    ] = None,
    partitions: Annotated[int, typer.Option("--partitions", help="Shards for --dask.")] = 8,
    story: Annotated[str | None, typer.Option("--story", help="Brief this stored story (with --db).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Store: a SQLite file or a postgresql:// URL.")] = None,
) -> None:
    """Brief every story in PATHS (or one stored story): a cited summary, quotations, timeline, consensus
    and conflicts.

    Each article is analysed, and each story briefed, in a worker process with CPU-time, memory and
    wall-clock limits: an article that overruns them is reported with the reason and the rest are briefed.

    Example: newsfuse brief examples/harbour-bridge --format md -o brief.md
    Example: newsfuse brief https://example.org/news/a.html saved/b.html --format md
    Example: newsfuse brief --story STORY_ID --db newsfuse.db --format html -o story.html
    """
    if fmt not in ("md", "json", "html", "csv", "term"):
        fail(f"--format must be one of md, json, html, csv, term; got {fmt!r}")
    if story is not None or db is not None:
        if story is None or db is None or paths:
            fail("a stored story is briefed with both --story ID and --db, and no PATHS")
        stored = brief_for_story(existing_store(db), story, "json" if fmt == "term" else fmt)
        _write(render([Brief.model_validate_json(stored)], "term", full=full) if fmt == "term" else stored, output)
        return
    if not paths:
        fail("give files or folders to brief, '-' for standard input, or --story ID --db FILE")
        return
    in_range("--words", words, 1, MAX_SUMMARY_WORDS)
    in_range("--partitions", partitions, 1, MAX_PARTITIONS)
    settings = Settings(
        summary_words=words, default_outlet=outlet, default_published=parse_date(published), progress=True
    )
    with stage_progress(err_console) as bars:
        progress = bars.update

        run: BriefRun
        inputs = split_inputs(paths)
        if paths == ["-"]:
            report = ingest_bytes(
                sys.stdin.buffer.read(), source="stdin", outlet=outlet, published=settings.default_published
            )
            run = brief_report_isolated(english_only(report), settings, progress)
        else:
            check_paths_exist(inputs.paths)
            if dask and inputs.urls:
                fail("--dask reads files on its workers: save the pages first, or brief URLs without --dask")
            if dask:
                run = brief_corpus(inputs.paths, settings, partitions=partitions, scheduler=dask)
            else:
                fetched = fetch_urls(inputs.urls, outlet=outlet, published=settings.default_published)
                files = ingest_paths(
                    inputs.paths, outlet=outlet, published=settings.default_published, max_bytes=settings.max_file_bytes
                )
                run = brief_report_isolated(english_only(merged(files, fetched)), settings, progress)
    report_skips(run)
    if isinstance(run, IsolatedRun):
        _report_isolated(run)
    if not run.briefs:
        fail("no article could be read from the input")
    _write(render(run.briefs, _format(fmt), full=full), output)


def _report_isolated(run: IsolatedRun) -> None:
    """One line on stderr for every article kept in part, and every article that failed in its worker."""
    for trimmed in run.trimmed:
        err_console.print(f"[dim]trimmed[/] {trimmed.source}: {trimmed.reason}", highlight=False)
    for failed in run.failed:
        err_console.print(f"[red]failed[/] {failed.source}: {failed.reason}", highlight=False)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {output}", highlight=False)


def _format(value: str) -> Format:
    if value == "md":
        return "md"
    if value == "json":
        return "json"
    if value == "html":
        return "html"
    if value == "csv":
        return "csv"
    return "term"


@app.command()
def schema() -> None:
    """Print the JSON schema of the JSON output: one brief, or several in a {"schema_version", "briefs"} envelope.

    Example: newsfuse schema > brief.schema.json
    """
    sys.stdout.write(json.dumps(output_schema(), indent=2) + "\n")
