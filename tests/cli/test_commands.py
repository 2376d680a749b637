"""What the commands do at their edges: `--help` lists every command without importing any (and so is
quick), a store that does not exist is an error rather than a new empty store, a busy port is one line."""

from __future__ import annotations

import json
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.cli.app import COMMANDS, load_commands
from tests.serve.warehouse import write_reports

NEWSFUSE = Path(sys.executable).parent / "newsfuse"
# the libraries a command needs and `--help` must not load
HEAVY = ["spacy", "numpy", "sqlalchemy", "fastapi", "onnxruntime", "sklearn", "newsfuse.pipeline", "newsfuse.model"]


def test_help_lists_every_command_and_imports_none_of_them() -> None:
    probe = (
        "import json, sys\n"
        "sys.argv = ['newsfuse', '--help']\n"
        "from newsfuse.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([name for name in {HEAVY!r} if name in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    *help_lines, loaded = result.stdout.strip().splitlines()
    assert json.loads(loaded) == []
    shown = "\n".join(help_lines)
    for name in COMMANDS:
        assert f" {name} " in shown, f"`newsfuse --help` does not list {name}"


def test_help_takes_under_half_a_second() -> None:
    """The installed console script, three runs. CPU time (user + system) is what the imports cost, whatever
    else the machine runs; wall time is printed beside it (on a machine shared with other work it is longer)."""
    assert shutil.which(str(NEWSFUSE)), f"{NEWSFUSE} is not installed"
    cpu, wall = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(NEWSFUSE), "--help"], capture_output=True, timeout=120, check=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"newsfuse --help: cpu median {statistics.median(cpu):.3f} s, wall {min(wall):.3f} to {max(wall):.3f} s")
    assert statistics.median(cpu) < 0.5
    assert min(wall) < 0.5, "the best of three runs is the command's own time, the least disturbed by other work"


def test_the_listed_help_is_each_commands_own() -> None:
    group = load_commands()
    for name, (_, short_help) in COMMANDS.items():
        own = group.commands[name].get_short_help_str(limit=1_000)  # its first sentence, as --help would show
        assert own == short_help, f"COMMANDS[{name!r}] has drifted from the command's help"
    assert set(group.commands) == set(COMMANDS), "every command is listed in COMMANDS"


def test_listing_a_store_that_does_not_exist_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = CliRunner().invoke(app, ["stories", "--db", str(missing)])
    assert result.exit_code == 1
    assert f"no store at {missing}" in result.output and "newsfuse ingest" in result.output
    assert not missing.exists()


def test_serving_on_a_busy_port_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "news.db"), "--port", str(port)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and f"cannot listen on 127.0.0.1:{port}" in lines[0], result.output
    assert "Application startup complete" not in result.output


def test_stories_says_how_many_articles_it_analysed_and_how_long_it_took(tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "reports", 3)
    result = CliRunner().invoke(app, ["stories", *map(str, paths), "--json"])
    assert result.exit_code == 0, result.output
    assert re.search(r"analysed 3 articles in \d+\.\d s", result.stderr)
    [story] = json.loads(result.stdout)
    assert len(story["article_ids"]) == 3


def test_a_stored_story_of_a_store_that_does_not_exist_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = CliRunner().invoke(app, ["brief", "--story", "story-1", "--db", str(missing)])
    assert result.exit_code == 1 and f"no store at {missing}" in result.output
    assert not missing.exists()


def test_a_read_only_server_of_a_store_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = CliRunner().invoke(
        app, ["serve", "--db", str(missing), "--port", str(_free_port())], env={"NEWSFUSE_TOKEN": None}
    )
    assert result.exit_code == 1 and f"no store at {missing}" in result.output
    assert not missing.exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["brief", "a.txt", "--words", "0"], "--words must be between 1 and 5,000; got 0"),
        (["brief", "a.txt", "--words", "9000"], "--words must be between 1 and 5,000; got 9,000"),
        (["brief", "a.txt", "--partitions", "0"], "--partitions must be between 1 and 10,000; got 0"),
        (["serve", "--port", "0"], "--port must be between 1 and 65,535; got 0"),
        (["serve", "--port", "70000"], "--port must be between 1 and 65,535; got 70,000"),
        (["stories", "--db", "x.db", "--limit", "0"], "--limit must be between 1 and 200"),
        (["watch", "--db", "x.db", "--once", "--delay", "-1"], "--delay must be 0 or more; got -1.0"),
        (["watch", "--db", "x.db", "--interval", "0"], "--interval must be 1 or more; got 0.0"),
        (["eval", "summaries", "--limit", "0"], "--limit must be 1 or more; got 0"),
        (["eval", "summaries", "--words", "0"], "--words must be between 1 and 5,000; got 0"),
    ],
)
def test_an_option_out_of_its_range_is_refused_in_one_line(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing is created where the test runs: no store, no file
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.output
    assert list(tmp_path.iterdir()) == []
