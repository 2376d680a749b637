"""SIGKILL halfway through a batch loses nothing already acknowledged, leaves the store consistent, and
re-running the batch completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from newsfuse.store import Store
from tests.store.fakes import FakeProcessor

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 40


def _write_batch(folder: Path) -> None:
    folder.mkdir()
    topics = [
        "harbour bridge cables steel engineers traffic repairs",
        "jazz festival tickets musicians concert stage summer",
        "river flood warning rainfall levees evacuation water",
        "school library opening books pupils teachers reading",
    ]
    for index in range(ARTICLES):
        words = topics[index % len(topics)]
        (folder / f"{index:03d}.txt").write_text(
            f"title: Report {index}\noutlet: Outlet {index % 5}\ndate: 2025-04-{1 + index % 20:02d}\n\n"
            f"{words.capitalize()} {index}. Latest {words}.\n",
            encoding="utf-8",
        )


def _child(db: str, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_child", db, str(folder)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_sigkill_halfway_loses_nothing_acknowledged(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    _write_batch(folder)
    child = _child(db_url, folder)
    assert child.stdout is not None
    acknowledged: list[str] = []
    for line in child.stdout:
        if line.startswith("stored "):
            acknowledged.append(line.split()[1])
        if len(acknowledged) >= ARTICLES // 2:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""

    with Store(db_url) as store:
        assert all(store.has_article(article_id) for article_id in acknowledged)
        assert ARTICLES // 2 <= store.count_articles() < ARTICLES
        assert store.check_consistency() == []

    rerun = _child(db_url, folder)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    added, duplicates, rejected = (int(n) for n in out.strip().splitlines()[-1].split()[1:])
    assert rejected == 0 and added + duplicates == ARTICLES
    with Store(db_url) as store:
        assert store.count_articles() == ARTICLES
        assert store.check_consistency() == []
        # the story index was rebuilt from the stored rows: stories stay grouped by topic
        assert store.count_stories() == 4
        assert all(store.brief(s.id, FakeProcessor()) is not None for s in store.stories(limit=50).items)
