"""`stories --db` and `brief --story --db` read what `ingest --db` stored."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli import app

FERRY = (
    " date 2025-03-11 The harbour ferry resumed service on Tuesday after a week of repairs, the operator said. "
    '"We are glad to have the boats back," said Mara Quist, the operator\'s director.\n'
)


def test_stored_stories_are_listed_and_briefed(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path / "ferry.txt"), "--db", db]).exit_code == 0

    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    page = json.loads(listed.stdout)
    assert page["total"] == 1
    story_id = page["items"][0]["id"]

    briefed = runner.invoke(app, ["brief", "--story", story_id, "--db", db, "--format", "json"])
    assert briefed.exit_code == 0, briefed.output
    brief = json.loads(briefed.stdout)
    assert brief["story_id"] == story_id
    assert any(row["speaker"] == "Mara Quist" for row in brief["quotations"])


def test_brief_with_db_but_no_story_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["brief", "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 1
    assert "--story" in result.stderr
