"""Sentence-encoder throughput on DUC 2004 newswire sentences (cold, then cached).

    .venv/bin/python benchmarks/embed_speed.py [--sentences 2000]

Prints a table and writes benchmarks/results/embed_speed.json. Data: DUC 2004 Task 2 (NIST).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

from newsfuse.embed import OnnxSentenceEncoder

BENCHMARKS = Path(__file__).resolve().parent
DUC_DOCS = BENCHMARKS.parent / ".." / "shared" / "corpora" / "duc2004" / "docs"
RESULTS = BENCHMARKS / "results" / "embed_speed.json"

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
# A crude splitter is enough to get sentence-sized inputs for a speed measurement.
_SENTENCE_END = re.compile(r"(?<=[.!?'\"])\s+(?=[A-Z`'\"])")


def _duc_sentences(limit: int) -> list[str]:
    sentences: list[str] = []
    for path in sorted(DUC_DOCS.glob("*/*")):
        match = _TEXT.search(path.read_text(encoding="utf-8", errors="replace"))
        if not match:
            continue
        body = " ".join(match.group(1).split())
        sentences.extend(part for part in _SENTENCE_END.split(body) if len(part) > 20)
        if len(sentences) >= limit:
            break
    return sentences[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=2000)
    args = parser.parse_args()
    sentences = _duc_sentences(args.sentences)
    started = time.perf_counter()
    encoder = OnnxSentenceEncoder()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    encoder.encode(sentences)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    encoder.encode(sentences)
    cached_s = time.perf_counter() - started
    result = {
        "data": "DUC 2004 Task 2 newswire sentences",
        "sentences": len(sentences),
        "cpu_count": os.cpu_count(),
        "load_seconds": round(load_s, 3),
        "cold_sentences_per_second": round(len(sentences) / cold_s, 1),
        "cached_sentences_per_second": round(len(sentences) / cached_s, 1),
    }
    width = max(len(key) for key in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
