"""Bad input becomes a one-line Rejected reason (never a traceback); duplicates are reported, not repeated."""

from __future__ import annotations

import json
from pathlib import Path

from newsfuse.ingest import MAX_ARTICLE_CHARS, ingest_bytes, ingest_paths
from newsfuse.model import IngestReport

_TWENTY_MB = 20_000_000
_RECORDS = 16_500


def _only_rejection(report: IngestReport) -> str:
    assert not report.articles
    assert len(report.rejected) == 1
    reason = report.rejected[0].reason
    assert reason and "\n" not in reason and "Traceback" not in reason
    return reason


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in _only_rejection(ingest_paths([path]))


def test_whitespace_only_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\t\n   \n", encoding="utf-8")
    assert "whitespace" in _only_rejection(ingest_paths([path]))


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "binary" in _only_rejection(ingest_paths([path]))


def test_latin1_file_is_decoded_and_accepted(tmp_path: Path) -> None:
    text = (
        "Le café de la gare a rouvert lundi après des travaux qui ont duré trois mois.\n\n"
        "Selon le propriétaire, la façade a été entièrement rénovée et le menu élargi."
    )
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    report = ingest_paths([path])
    assert not report.rejected
    assert report.articles[0].text == text


def test_file_over_max_bytes_is_rejected_naming_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (_TWENTY_MB // 5))
    reason = _only_rejection(ingest_paths([path], max_bytes=10_000_000))
    assert "20,000,000 bytes" in reason and "10,000,000" in reason


def test_bytes_over_max_bytes_are_rejected() -> None:
    reason = _only_rejection(ingest_bytes(b"x" * 101, source="stdin", max_bytes=100))
    assert "101 bytes" in reason and "100-byte limit" in reason


def test_twenty_megabyte_plain_text_hits_the_article_character_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    sentence = b"The committee met again on Thursday to discuss the harbour budget.\n\n"
    path.write_bytes(sentence * (_TWENTY_MB // len(sentence)))
    reason = _only_rejection(ingest_paths([path]))
    assert f"{MAX_ARTICLE_CHARS:,}-character article limit" in reason


def test_large_jsonl_of_normal_articles_goes_through(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    body = " ".join(["The harbour authority published its monthly traffic figures."] * 20)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(_RECORDS):
            handle.write(json.dumps({"text": f"Report {number}. {body}"}) + "\n")
    assert path.stat().st_size > _TWENTY_MB
    report = ingest_paths([path])
    assert not report.rejected
    assert len(report.articles) == _RECORDS


def test_broken_html_is_rejected_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><script>var x = 1;</script></div", encoding="utf-8")
    assert "HTML" in _only_rejection(ingest_paths([path]))


def test_broken_feed_is_rejected_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Gazette</title><item><ti', "utf-8")
    assert "feed" in _only_rejection(ingest_paths([path]))


def test_nonexistent_path_is_rejected(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    report = ingest_paths([missing])
    assert report.rejected[0].source == str(missing)
    assert "no such file" in _only_rejection(report)


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a_bad.bin").write_bytes(b"\x00\x01\x02" * 10)
    (tmp_path / "b_good.txt").write_text("The ferry resumed service on Friday.", encoding="utf-8")
    report = ingest_paths([tmp_path])
    assert [a.text for a in report.articles] == ["The ferry resumed service on Friday."]
    assert [Path(r.source).name for r in report.rejected] == ["a_bad.bin"]


def test_same_content_twice_goes_to_duplicates(tmp_path: Path) -> None:
    first = tmp_path / "one.txt"
    second = tmp_path / "two.txt"
    first.write_text("The ferry resumed service on Friday.", encoding="utf-8")
    second.write_text("The ferry  resumed service\non Friday.\n", encoding="utf-8")
    report = ingest_paths([first, second])
    assert len(report.articles) == 1
    assert report.duplicates == [str(second)]
    assert not report.rejected


def test_folder_documentation_is_skipped_with_a_reason_but_read_when_named(tmp_path: Path) -> None:
    article = "The council voted on Monday to reopen the old ferry terminal, the mayor said.\n"
    (tmp_path / "story.txt").write_text(article, encoding="utf-8")
    (tmp_path / "README.md").write_text("These files are the council coverage of the week.\n", encoding="utf-8")
    report = ingest_paths([tmp_path])
    assert [Path(a.source or "").name for a in report.articles] == ["story.txt"]
    assert [(Path(r.source).name, r.reason.startswith("skipped")) for r in report.rejected] == [("README.md", True)]
    named = ingest_paths([tmp_path / "README.md"])
    assert len(named.articles) == 1
