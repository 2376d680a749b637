"""``newsfuse ingest`` with a hand-written pipeline: thin over ``ingest_into_store``, idempotent, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsfuse.store
from newsfuse.cli import app
from newsfuse.model import Settings
from newsfuse.store import Processor, list_stories
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    def processor(_settings: Settings | None = None) -> Processor:
        return FakeProcessor()

    monkeypatch.setattr(newsfuse.store, "default_processor", processor)


def test_ingest_command_is_idempotent(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BRIDGE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BRIDGE_B, encoding="utf-8")
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db])
    assert first.exit_code == 0, first.output
    assert "added 2 articles to 1 story; 0 already stored" in first.output
    again = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db])
    assert again.exit_code == 0 and "added 0 articles" in again.output and "2 already stored" in again.output
    stories = list_stories(db)
    assert stories.total == 1 and stories.items[0].outlet_count == 2


def test_ingest_command_fails_in_one_line_on_a_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output and "Traceback" not in result.output
