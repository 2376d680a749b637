"""Progress of the long commands: counts, time elapsed and time left per stage on a terminal's stderr; nothing
when stderr is a pipe or a file."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import tempfile
import time
from pathlib import Path

from rich.console import Console

from newsfuse.cli.progress import stage_progress

NEWSFUSE = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "newsfuse"
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _run_stages(console: Console) -> None:
    with stage_progress(console) as bars:
        for done in range(1, 4):
            bars.update("analyse", done, 3)
            time.sleep(0.15)
        for _ in range(2):
            bars.advance("brief", 2)
            time.sleep(0.15)


def test_a_terminal_sees_each_stage_with_its_counts_and_the_time_left() -> None:
    screen = io.StringIO()
    _run_stages(Console(file=screen, force_terminal=True, width=100))
    drawn = _ESCAPES.sub("", screen.getvalue())
    assert re.search(r"analyse .*3/3 · elapsed 0:00:0\d · left", drawn), drawn
    assert re.search(r"brief .*2/2", drawn), drawn


def test_a_pipe_or_a_file_gets_no_progress_at_all() -> None:
    """What the commands' stderr is under a pipe (rich asks the file whether it is a terminal)."""
    piped = io.StringIO()
    _run_stages(Console(file=piped, force_terminal=False, width=100))
    assert piped.getvalue() == ""


def test_brief_draws_its_stages_on_a_terminal(seed_paths: tuple[Path, Path]) -> None:
    args = [str(NEWSFUSE), "brief", *map(str, seed_paths), "--format", "json"]
    env = {**os.environ, "COLUMNS": "120"}
    controller, terminal = pty.openpty()  # stderr a terminal, stdout not one
    # stdout to a file, not a pipe: the brief outgrows a pipe's buffer, and nothing reads it until the
    # terminal side closes, so the command would block writing it (a 300 s stall)
    with tempfile.TemporaryFile() as stdout:
        process = subprocess.Popen(args, stdout=stdout, stderr=terminal, env=env)
        os.close(terminal)
        drawn = b""
        while True:
            ready, _, _ = select.select([controller], [], [], 300)
            try:
                chunk = os.read(controller, 65536) if ready else b""
            except OSError:  # the command closed its side
                break
            if not chunk:
                break
            drawn += chunk
        assert process.wait(timeout=60) == 0
        stdout.seek(0)
        output = stdout.read()
    os.close(controller)
    screen = _ESCAPES.sub("", drawn.decode("utf-8", "replace"))
    assert re.search(r"analyse .* 2/2 · elapsed", screen), screen
    assert re.search(r"brief .* 1/1 · elapsed", screen), screen
    assert output.startswith(b"{"), "the brief itself still goes to stdout"
