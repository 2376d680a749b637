"""Quality gate: quotations and speakers on the seed pair against gold.json (floors: 0.90).

A match is the same document and overlapping spans after whitespace collapse (see benchmarks/quotes.py, which
prints every miss). The seed texts are read from ../shared/corpora, never copied here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from newsfuse.analyse import analyse
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, QuoteKind, Settings

FLOOR = 0.90


def _collapse_map(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    position: list[int] = []
    for char in text:
        position.append(len(out))
        if not char.isspace():
            out.append(char)
        elif out and out[-1] != " ":
            out.append(" ")
    position.append(len(out))
    return "".join(out), position


def _occurrences(collapsed: str, needle: str) -> list[tuple[int, int]]:
    needle = " ".join(needle.split())
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), collapsed)]


def _overlap(left: tuple[int, int], right: tuple[int, int]) -> bool:
    return left[0] < right[1] and right[0] < left[1]


@pytest.fixture(scope="module")
def seed_docs(seed_paths: tuple[Path, Path]) -> dict[str, AnnotatedArticle]:
    report = ingest_paths(list(seed_paths))
    assert len(report.articles) == 2, report.rejected
    return {Path(a.article.source or "").name: a for a in analyse(report.articles, Settings())}


def _spans(doc: AnnotatedArticle, needle: str) -> tuple[list[tuple[int, int]], list[int]]:
    collapsed, position = _collapse_map(doc.article.text)
    return _occurrences(collapsed, needle), position


def _scores(docs: dict[str, AnnotatedArticle], gold: dict[str, Any]) -> dict[str, float]:
    speech_gold = [q for q in gold["quotes"] if q["kind"] == "speech"]
    found = right_speaker = 0
    for quote in speech_gold:
        doc = docs[quote["doc"]]
        spans, position = _spans(doc, quote["text"])
        hits = [q for q in doc.quotations if any(_overlap((position[q.start], position[q.end]), s) for s in spans)]
        if hits:
            found += 1
            right_speaker += " ".join((hits[0].speaker or "").split()).casefold() == quote["speaker"].casefold()
    predicted = correct = 0
    for name, doc in docs.items():
        gold_spans = [s for q in gold["quotes"] if q["doc"] == name for s in _spans(doc, q["text"])[0]]
        _, position = _collapse_map(doc.article.text)
        for quotation in doc.quotations:
            if quotation.kind is QuoteKind.speech:
                predicted += 1
                span = (position[quotation.start], position[quotation.end])
                correct += any(_overlap(span, s) for s in gold_spans)
    return {
        "precision": correct / predicted if predicted else 0.0,
        "recall": found / len(speech_gold),
        "speaker_accuracy": right_speaker / found if found else 0.0,
    }


def test_speech_quotation_precision_floor(seed_docs: dict[str, AnnotatedArticle], gold: dict[str, Any]) -> None:
    assert _scores(seed_docs, gold)["precision"] >= FLOOR


def test_speech_quotation_recall_floor(seed_docs: dict[str, AnnotatedArticle], gold: dict[str, Any]) -> None:
    assert _scores(seed_docs, gold)["recall"] >= FLOOR


def test_speaker_accuracy_floor(seed_docs: dict[str, AnnotatedArticle], gold: dict[str, Any]) -> None:
    assert _scores(seed_docs, gold)["speaker_accuracy"] >= FLOOR


def test_no_subhead_heading_or_sign_is_reported(seed_docs: dict[str, AnnotatedArticle], gold: dict[str, Any]) -> None:
    reported = []
    for item in gold["not_quotes"]:
        doc = seed_docs[item["doc"]]
        spans, position = _spans(doc, item["text"])
        assert spans, f"not_quote text not found in the ingested article: {item['text']!r}"
        for quotation in doc.quotations:
            inner = (position[quotation.start], position[quotation.end])
            if any(s[0] <= inner[0] and inner[1] <= s[1] for s in spans):
                reported.append(item["text"])
    assert reported == []


def test_relayed_quotations_name_the_relay(seed_docs: dict[str, AnnotatedArticle], gold: dict[str, Any]) -> None:
    relayed = [q for q in gold["quotes"] if q.get("via")]
    assert relayed
    for quote in relayed:
        doc = seed_docs[quote["doc"]]
        spans, position = _spans(doc, quote["text"])
        [hit] = [q for q in doc.quotations if any(_overlap((position[q.start], position[q.end]), s) for s in spans)]
        assert hit.via is not None and quote["via"] in hit.via
