"""The Typer application and the error boundary: library errors become one-line messages."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import NoReturn, Protocol

import typer
from rich.console import Console

from newsfuse.errors import NewsfuseError
from newsfuse.model import Rejected

app = typer.Typer(
    name="newsfuse",
    help="Read the news from many sources at once: group coverage into stories, fuse it, brief it with citations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line on stderr and exit."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def parse_date(value: str | None) -> date | None:
    """A --date option: YYYY-MM-DD, or a one-line error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--date must be YYYY-MM-DD, got {value!r}")


class HasSkips(Protocol):
    @property
    def rejected(self) -> list[Rejected]: ...

    @property
    def duplicates(self) -> list[str]: ...


def report_skips(run: HasSkips) -> None:
    """One line on stderr for every input that gave no article, and every duplicate."""
    for rejected in run.rejected:
        err_console.print(f"[yellow]skipped[/] {rejected.source}: {rejected.reason}", highlight=False)
    for duplicate in run.duplicates:
        err_console.print(f"[dim]duplicate[/] {duplicate}: same text as an article already read", highlight=False)


def main() -> None:
    try:
        app()
    except NewsfuseError as error:
        err_console.print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last boundary: a bug must still reach the user as one line
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        err_console.print(
            f"[bold red]internal error:[/] {type(error).__name__}: {error} (set NEWSFUSE_DEBUG=1 for the traceback)",
            highlight=False,
        )
        sys.exit(2)
