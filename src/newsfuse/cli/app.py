"""The Typer application and the error boundary: library errors become one-line messages."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from newsfuse.errors import NewsfuseError

app = typer.Typer(
    name="newsfuse",
    help="Read the news from many sources at once: group coverage into stories, fuse it, brief it with citations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)


def fail(message: str, code: int = 1) -> None:
    """Print one clear line on stderr and exit."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def main() -> None:
    try:
        app()
    except NewsfuseError as error:
        err_console.print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
