"""Progress of the long commands: counts, time elapsed and time left per stage on a terminal's stderr; nothing
when stderr is a pipe or a file."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

from newsfuse.cli.progress import stage_progress
from tests.serve.warehouse import write_reports

NEWSFUSE = Path(sys.executable).parent / "newsfuse"  # the console script of the interpreter running the tests
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


def _on_a_terminal(args: list[str]) -> tuple[str, bytes]:
    """Run the installed command with stderr a terminal and stdout a file: what the terminal showed (escape
    codes removed), and what went to stdout."""
    env = {**os.environ, "COLUMNS": "120"}
    controller, terminal = pty.openpty()  # stderr a terminal, stdout not one
    # stdout to a file, not a pipe: the brief outgrows a pipe's buffer, and nothing reads it until the
    # terminal side closes, so the command would block writing it (a 300 s stall)
    with tempfile.TemporaryFile() as stdout:
        process = subprocess.Popen([str(NEWSFUSE), *args], stdout=stdout, stderr=terminal, env=env)
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
        assert process.wait(timeout=60) == 0, drawn.decode("utf-8", "replace")
        stdout.seek(0)
        output = stdout.read()
    os.close(controller)
    return _ESCAPES.sub("", drawn.decode("utf-8", "replace")), output


def test_brief_draws_its_stages_on_a_terminal(seed_paths: tuple[Path, Path]) -> None:
    screen, output = _on_a_terminal(["brief", *map(str, seed_paths), "--format", "json"])
    assert re.search(r"analyse .* 2/2 · elapsed", screen), screen
    assert re.search(r"brief .* 1/1 · elapsed", screen), screen
    assert output.startswith(b"{"), "the brief itself still goes to stdout"


def test_ingest_draws_its_count_and_time_left_on_a_terminal(tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "reports", 3)
    screen, _ = _on_a_terminal(["ingest", *map(str, paths), "--db", str(tmp_path / "news.db")])
    assert re.search(r"\d/3 · elapsed \d:\d\d:\d\d · left", screen), screen


def test_stories_draws_its_count_and_time_left_on_a_terminal(tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "reports", 3)
    screen, output = _on_a_terminal(["stories", *map(str, paths), "--json"])
    assert re.search(r"analysing .*3/3 · elapsed \d:\d\d:\d\d · left", screen), screen
    assert output.startswith(b"["), "the stories still go to stdout"


def test_eval_draws_its_count_and_time_left_on_a_terminal(tmp_path: Path, corpora: Path) -> None:
    args = ["eval", "summaries", "--corpus", "allsides", "--limit", "1", "--corpora", str(corpora)]
    screen, output = _on_a_terminal([*args, "--cache", str(tmp_path / "cache")])
    assert re.search(r"allsides .*1/1 · elapsed \d:\d\d:\d\d · left", screen), screen
    assert b"citation precision" in output, "the table still goes to stdout"
