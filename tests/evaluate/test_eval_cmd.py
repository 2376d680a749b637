"""``newsfuse eval summaries``: documented, and bad options get one clear line."""

from __future__ import annotations

from typer.testing import CliRunner

from newsfuse.cli import app


def test_eval_summaries_help_works() -> None:
    result = CliRunner().invoke(app, ["eval", "summaries", "--help"])
    assert result.exit_code == 0
    assert "--corpus" in result.output and "--limit" in result.output and "--words" in result.output


def test_unknown_corpus_is_refused_in_one_line() -> None:
    result = CliRunner().invoke(app, ["eval", "summaries", "--corpus", "cnn"])
    assert result.exit_code == 1
    assert "--corpus must be one of" in result.output
