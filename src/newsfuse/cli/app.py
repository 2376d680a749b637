"""The Typer application and the error boundary: library errors become one-line messages."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

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
err_console = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
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
    except Exception as error:  # the last boundary: a bug must still reach the user as one line
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        err_console.print(
            f"[bold red]internal error:[/] {type(error).__name__}: {error} (set NEWSFUSE_DEBUG=1 for the traceback)",
            highlight=False,
        )
        sys.exit(2)
