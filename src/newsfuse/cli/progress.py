"""Progress of a long command on stderr: per stage, how many of how many are done and the time left.

Drawn only when stderr is a terminal: a pipe, a file or CI gets nothing (the commands' one-line summaries
still say what was done). Transient: the bars vanish when the command finishes, leaving its output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class StageProgress:
    """One bar per stage, made when the stage first reports: ``update("analyse", 12, 97)``."""

    def __init__(self, bar: Progress) -> None:
        self._bar = bar
        self._tasks: dict[str, TaskID] = {}

    def update(self, stage: str, done: int, total: int | None) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)

    def advance(self, stage: str, total: int | None = None) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        self._bar.advance(self._tasks[stage])


def progress_columns() -> tuple[ProgressColumn, ...]:
    return (
        TextColumn("{task.description:<10}"),
        BarColumn(bar_width=30),
        MofNCompleteColumn(),
        TextColumn("· elapsed"),
        TimeElapsedColumn(),
        TextColumn("· left"),
        TimeRemainingColumn(),
    )


@contextmanager
def stage_progress(console: Console) -> Iterator[StageProgress]:
    """Bars on ``console`` (stderr) while the block runs, if it is a terminal; otherwise silent."""
    with Progress(*progress_columns(), console=console, transient=True, disable=not console.is_terminal) as bar:
        yield StageProgress(bar)
