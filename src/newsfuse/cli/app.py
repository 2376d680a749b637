"""The Typer application and the error boundary: library errors become one-line messages."""

from __future__ import annotations

import importlib
import os
import socket
import sys
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

import typer
import typer.main
from typer import _click as click  # typer bundles its own click; its commands are of that one
from typer.core import TyperCommand, TyperGroup

from newsfuse.errors import NewsfuseError

if TYPE_CHECKING:
    from rich.console import Console

    from newsfuse.model import Rejected

# Every command: the module that registers it, and its one-line help (the module's own help says more; a
# test keeps the two in step). `newsfuse --help` lists these without importing any of them: they import
# spaCy, numpy, SQLAlchemy and the pipeline, seconds before a word is printed.
COMMANDS: dict[str, tuple[str, str]] = {
    "brief": (
        "newsfuse.cli.brief_cmd",
        "Brief every story in PATHS (or one stored story): a cited summary, quotations, timeline, consensus and "
        "conflicts.",
    ),
    "schema": (
        "newsfuse.cli.brief_cmd",
        'Print the JSON schema of the JSON output: one brief, or several in a {"schema_version", "briefs"} envelope.',
    ),
    "ingest": (
        "newsfuse.cli.store_cmd",
        "Add articles to the store: analyse each new one, place it in a story, commit it.",
    ),
    "serve": (
        "newsfuse.cli.store_cmd",
        "Serve the store: the REST API (OpenAPI at /openapi.json) and the pages (stories of the day; each story "
        "with its brief and its sources side by side).",
    ),
    "stories": (
        "newsfuse.cli.stories_cmd",
        "List the stories in PATHS (or in a store): headline, outlets, dates, article count and source families "
        "(syndicated copies of one report count as one family).",
    ),
    "watch": (
        "newsfuse.cli.watch_cmd",
        "Poll feeds (RSS/Atom) and sitemaps: conditional GET, new pages fetched and stored, a changed page kept as "
        "a revision.",
    ),
    "eval": ("newsfuse.cli.eval_cmd", "Measure newsfuse against public benchmarks."),
}


class _LazyCommands(TyperGroup):
    """A command group that imports a command's module only when that command is run (or its own help
    asked for); listing the commands reads ``COMMANDS``."""

    _listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *super().list_commands(ctx)]))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or cmd_name in self.commands:
            return super().get_command(ctx, cmd_name)
        if self._listing:
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name][1], short_help=COMMANDS[cmd_name][1])
        importlib.import_module(COMMANDS[cmd_name][0])  # registers the command on `app`
        return typer.main.get_group(app).commands.get(cmd_name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # the list of commands in click's plain layout: typer's rich layout imports rich's Markdown and
        # traceback modules (a fifth of a second) to draw one table
        self._listing, markup = True, self.rich_markup_mode
        self.rich_markup_mode = None
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing, self.rich_markup_mode = False, markup


app = typer.Typer(
    name="newsfuse",
    cls=_LazyCommands,
    help="Read the news from many sources at once: group coverage into stories, fuse it, brief it with citations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@cache
def error_console() -> Console:
    """The console of messages and progress, on stderr; made when first used (rich's console module is a tenth
    of a second of imports that `--help` does without)."""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


def __getattr__(name: str) -> Any:
    """``err_console``, made on first use (see ``error_console``)."""
    if name == "err_console":
        return error_console()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_commands() -> TyperGroup:
    """Import every command's module; the whole command tree (for the tests and the docs)."""
    for module, _ in COMMANDS.values():
        importlib.import_module(module)
    return typer.main.get_group(app)


@app.callback()
def _root() -> None:
    """Read the news from many sources at once: group coverage into stories, fuse it, brief it with citations."""


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line on stderr and exit."""
    error_console().print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def parse_date(value: str | None) -> date | None:
    """A --date option: YYYY-MM-DD, or a one-line error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--date must be YYYY-MM-DD, got {value!r}")


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``3 stories`` (with ``many``)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def in_range(option: str, value: float, low: float, high: float | None = None) -> None:
    """An option's value within its range, or one line saying the range (``--words 0`` is no summary)."""
    if value < low or (high is not None and value > high):
        bound = f"between {low:,} and {high:,}" if high is not None else f"{low:,} or more"
        fail(f"{option} must be {bound}; got {value:,}")


def existing_store(db: str) -> str:
    """``--db`` of a command that reads a store: a SQLite path must name a file that exists (opening a missing
    one would create an empty store and answer "no stories"); a database URL is the server's to check."""
    if "://" not in db and not Path(db).expanduser().is_file():
        fail(f"no store at {db} (create one with `newsfuse ingest PATHS --db {db}`)")
    return db


def port_taken(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (another server holds it, or the address is not this
    machine's), or None. Probed as uvicorn binds, with SO_REUSEADDR, so a closing connection is no obstacle."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        return error.strerror or str(error)
    return None


class HasSkips(Protocol):
    @property
    def rejected(self) -> list[Rejected]: ...

    @property
    def duplicates(self) -> list[str]: ...


def report_skips(run: HasSkips) -> None:
    """One line on stderr for every input that gave no article, and every duplicate."""
    for rejected in run.rejected:
        error_console().print(f"[yellow]skipped[/] {rejected.source}: {rejected.reason}", highlight=False)
    for duplicate in run.duplicates:
        error_console().print(f"[dim]duplicate[/] {duplicate}: same text as an article already read", highlight=False)


def main() -> None:
    try:
        app()
    except NewsfuseError as error:
        error_console().print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last boundary: a bug must still reach the user as one line
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        error_console().print(
            f"[bold red]internal error:[/] {type(error).__name__}: {error} (set NEWSFUSE_DEBUG=1 for the traceback)",
            highlight=False,
        )
        sys.exit(2)
