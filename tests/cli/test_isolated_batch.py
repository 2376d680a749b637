"""The command line's batch runs each article's analysis in an isolated worker: an article that kills its
worker or overruns its CPU-time limit is reported with the reason, and every other article is briefed."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsfuse.batch import brief_files_isolated, brief_report_isolated, pool_size
from newsfuse.cli import app
from newsfuse.ingest import ingest_bytes
from newsfuse.model import IngestReport, Settings
from newsfuse.store.workers import WorkerLimits
from tests.cli.batch_tasks import CRASH, SPIN, analyse_or_misbehave
from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

LIMITS = WorkerLimits(cpu_seconds=5, wall_seconds=120.0)


def _report(texts: dict[str, str]) -> IngestReport:
    report = IngestReport()
    for source, text in texts.items():
        read = ingest_bytes(text.encode("utf-8"), source=source)
        report.articles += read.articles
        report.trimmed += read.trimmed
    return report


def test_an_article_that_kills_or_stalls_its_worker_fails_alone_with_the_reason() -> None:
    crashing = BRIDGE_B.replace("Traffic resumed", f"Traffic resumed ({CRASH})")
    spinning = FESTIVAL.replace("The summer", f"The summer ({SPIN})")
    report = _report({"a.txt": BRIDGE_A, "crash.txt": crashing, "spin.txt": spinning, "b.txt": BRIDGE_B})
    run = brief_report_isolated(report, Settings(), limits=LIMITS, analyse=analyse_or_misbehave)
    reasons = {failed.source: failed.reason for failed in run.failed}
    assert set(reasons) == {"crash.txt", "spin.txt"}
    assert "SIGSEGV" in reasons["crash.txt"]
    assert "CPU-time limit" in reasons["spin.txt"]
    briefed = {source.id for brief in run.briefs for source in brief.sources}
    assert briefed == {article.id for article in report.articles if article.source in {"a.txt", "b.txt"}}


def test_the_isolated_batch_briefs_what_the_in_process_pipeline_briefs(tmp_path: Path) -> None:
    from newsfuse.pipeline import brief_files

    for name, text in {"a.txt": BRIDGE_A, "b.txt": BRIDGE_B, "c.txt": FESTIVAL}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    isolated = brief_files_isolated([tmp_path])
    assert isolated.failed == []
    assert isolated.briefs == brief_files([tmp_path]).briefs


def test_the_command_line_says_which_articles_were_kept_in_part(tmp_path: Path) -> None:
    long_title = BRIDGE_A.replace("title: Harbour bridge reopens after repairs", "title: " + "Harbour " * 200)
    (tmp_path / "long-title.txt").write_text(long_title, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BRIDGE_B, encoding="utf-8")
    result = CliRunner().invoke(app, ["brief", str(tmp_path), "--format", "md"])
    assert result.exit_code == 0, result.output
    trimmed = [line for line in result.stderr.splitlines() if line.startswith("trimmed")]
    assert len(trimmed) == 1
    assert "long-title.txt" in trimmed[0] and "title of" in trimmed[0]
    assert "Traceback" not in result.stderr


def test_a_batch_over_two_workers_briefs_what_one_worker_briefs() -> None:
    report = _report({"a.txt": BRIDGE_A, "b.txt": BRIDGE_B, "c.txt": FESTIVAL})
    assert pool_size(Settings(workers=2, articles_per_worker=1), 3) == 2
    assert pool_size(Settings(workers=2, articles_per_worker=16), 3) == 1  # a small batch starts one worker
    one = brief_report_isolated(report, Settings(workers=1))
    two = brief_report_isolated(report, Settings(workers=2, articles_per_worker=1))
    assert two.failed == one.failed == []
    assert two.briefs == one.briefs
