"""`newsfuse stories --db`: the store's stories by day, each with its thread, narrowed like the story list
page (date range, outlet, entity, article text); bad filters are one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.ingest import ingest_bytes
from newsfuse.store import Store
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, BRIDGE_FOLLOW_UP, FESTIVAL


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("listing") / "news.db")
    processor = FakeProcessor(threshold=0.6, thread_threshold=0.3)
    with Store(path) as store:
        for text in (FESTIVAL, BRIDGE_A, BRIDGE_B, BRIDGE_FOLLOW_UP):
            store.ingest(ingest_bytes(text.encode(), source="written").articles, processor)
    return path


def _squash(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def test_the_stories_are_listed_by_day_each_with_its_thread(db: str) -> None:
    result = CliRunner().invoke(app, ["stories", "--db", db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    days = ["Tuesday 11 March 2025", "Wednesday 5 March 2025", "Saturday 1 March 2025"]
    assert [out.index(day) for day in days] == sorted(out.index(day) for day in days)
    follow_up = next(line for line in out.splitlines() if "Harbour bridge cable supplier" in line)
    assert "Harbour bridge reopens" in follow_up, "a story names its thread by the thread's first story"
    festival = next(line for line in out.splitlines() if "Jazz festival sells out" in line)
    assert _squash(festival).endswith("Arts Weekly 1"), "a story alone in its thread names none"


@pytest.mark.parametrize(
    ("options", "headlines"),
    [
        (["--outlet", "valley herald"], ["Harbour bridge reopens after repairs"]),
        (["--entity", "okafor"], ["Jazz festival sells out"]),
        (["--text", '"six weeks"'], ["Harbour bridge reopens after repairs"]),
        (
            ["--since", "2025-03-05"],
            ["Harbour bridge cable supplier questioned", "Harbour bridge reopens after repairs"],
        ),
        (["--until", "2025-03-02"], ["Jazz festival sells out"]),
    ],
)
def test_the_filters_narrow_the_stored_stories(db: str, options: list[str], headlines: list[str]) -> None:
    result = CliRunner().invoke(app, ["stories", "--db", db, "--json", *options])
    assert result.exit_code == 0, result.output
    assert [item["headline"] for item in json.loads(result.stdout)["items"]] == headlines


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--since", "March"], "--since must be YYYY-MM-DD, got 'March'"),
        (["--since", "2025-03-10", "--until", "2025-03-01"], "the date range ends before it starts"),
        (["--limit", "0"], "--limit must be between 1 and 200"),
    ],
)
def test_a_bad_filter_is_one_clear_line(db: str, options: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["stories", "--db", db, *options])
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output


def test_filters_without_a_store_say_they_need_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stories", str(tmp_path), "--outlet", "Reuters"])
    assert result.exit_code == 1 and "give --db" in result.stderr
