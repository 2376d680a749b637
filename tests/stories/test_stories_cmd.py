"""``newsfuse stories`` on a folder prints one row per story."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli import app

from .texts import FISHING_A, FISHING_B, FISHING_DAY, PATENT_A, PATENT_B, PATENT_DAY


def _write(folder: Path) -> None:
    for name, text, day in (
        ("fishing-a.txt", FISHING_A, FISHING_DAY),
        ("fishing-b.txt", FISHING_B, FISHING_DAY),
        ("patent-a.txt", PATENT_A, PATENT_DAY),
        ("patent-b.txt", PATENT_B, PATENT_DAY),
    ):
        (folder / name).write_text(f" date {day.isoformat()} {text}\n", encoding="utf-8")


def test_stories_command_prints_the_table(tmp_path: Path) -> None:
    _write(tmp_path)
    result = CliRunner().invoke(app, ["stories", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2 stories from 4 articles" in result.output
    assert FISHING_DAY.isoformat() in result.output
    assert PATENT_DAY.isoformat() in result.output


def test_stories_command_json_lists_each_story_with_its_files(tmp_path: Path) -> None:
    _write(tmp_path)
    result = CliRunner().invoke(app, ["stories", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)
    files = sorted(sorted(Path(source).name for source in story["sources"].values()) for story in stories)
    assert files == [["fishing-a.txt", "fishing-b.txt"], ["patent-a.txt", "patent-b.txt"]]


def test_stories_command_on_a_missing_path_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stories", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output
