"""Every command is documented: its help text exists and ends with an example (sqlite-utils style)."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.cli.app import load_commands


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Leaf commands of the Typer tree, with their full names (``eval summaries``)."""
    found: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if getattr(command, "commands", None):
            found.extend(_commands(command, full + " "))
        else:
            found.append((full, command))
    return found


def test_every_command_has_help_with_an_example() -> None:
    commands = _commands(load_commands())
    assert {"brief", "schema"} <= {name for name, _ in commands}
    for name, command in commands:
        assert command.help, f"`newsfuse {name}` has no help text"
        assert "Example:" in command.help, f"`newsfuse {name}` help has no example"


def test_help_runs_for_every_command() -> None:
    runner = CliRunner()
    for name, _ in _commands(load_commands()):
        result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, f"`newsfuse {name} --help` failed: {result.output}"
        assert "Usage" in result.output
