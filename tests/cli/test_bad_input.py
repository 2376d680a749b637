"""A batch with bad inputs: each bad one gets one clear line on stderr, the good ones are briefed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli import app

GOOD_LATIN1 = (
    "Caf\xe9 owners in the old town said on Monday that the new parking rules had cut their trade by a third. "
    '"We are losing customers every week," said Jos\xe9 Mart\xednez, who runs a caf\xe9 near the square.\n'
)
GOOD_JSONL = {
    "text": "The harbour ferry resumed service on Tuesday after a week of repairs, the operator said.",
    "outlet": "Test Wire",
    "published": "2025-03-11",
}


def _bad_batch(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (folder / "latin1.txt").write_bytes(GOOD_LATIN1.encode("latin-1"))
    line = "the council said the harbour bridge was closed on Monday to all traffic again .\n"
    (folder / "huge.txt").write_text(line * (20_000_000 // len(line)), encoding="utf-8")
    (folder / "feed.jsonl").write_text(json.dumps(GOOD_JSONL) + "\n{broken json\n", encoding="utf-8")


def test_bad_inputs_each_get_one_line_and_the_rest_are_briefed(tmp_path: Path) -> None:
    _bad_batch(tmp_path)
    result = CliRunner().invoke(app, ["brief", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert {line.split(":")[0].split("/")[-1] for line in skipped} == {
        "empty.txt",
        "binary.bin",
        "huge.txt",
        "feed.jsonl",
    }
    assert "Traceback" not in result.stderr
    briefs = json.loads(result.stdout)
    texts = [source["text"] for brief in briefs.get("briefs", [briefs]) for source in brief["sources"]]
    assert any("Martínez" in text for text in texts), "the Latin-1 file is decoded, not rejected"
    assert any(text.startswith("The harbour ferry") for text in texts), "the good JSONL line goes through"


def test_missing_path_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["brief", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
