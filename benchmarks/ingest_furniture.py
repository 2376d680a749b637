"""Page furniture left in the sentences of plain web text, before and after ``ingest.furniture``, on the
Multi-News sample's raw source documents (Fabbri et al., ACL 2019; ../shared/corpora/multinews).

Run: .venv/bin/python benchmarks/ingest_furniture.py [--sample 50] [--seed 13]
"Before" is the ingest path with ``text.strip_boilerplate`` only; "after" adds ``strip_furniture``; both run
in this process on the same documents. Printed for reading by hand: a seeded sample of the short paragraphs
(at most 30 words, headings excluded) left in the text before and after (furniture is short: that is where
it hides), every removed line of 12 words or more that ends a sentence (prose that may have been lost),
and a sample of the lines the furniture pass removed. Counts: lines removed, documents left with no text,
words removed. Writes benchmarks/results/ingest_furniture.json.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from newsfuse.errors import InputError
from newsfuse.ingest import furniture as furniture_module
from newsfuse.ingest import ingest_text

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "multinews" / "sample_test.csv"
RESULTS = Path(__file__).resolve().parent / "results" / "ingest_furniture.json"
_PROSE = re.compile(r"[.!?][\"'”’]?$")
_PROSE_MIN_WORDS = 12
_SHORT_WORDS = 30


def _documents() -> list[str]:
    csv.field_size_limit(1 << 30)
    with CORPUS.open(encoding="utf-8") as handle:
        return [doc for row in csv.DictReader(handle) for doc in ast.literal_eval(row["documents"])]


def _short_paragraphs(documents: list[str]) -> tuple[list[tuple[int, str]], int, int]:
    """Short non-heading paragraphs of every document's clean text, the documents with no text left, words."""
    paragraphs: list[tuple[int, str]] = []
    empty = words = 0
    for index, document in enumerate(documents):
        try:
            article = ingest_text(document, source=f"multinews-{index}")
        except InputError:
            empty += 1
            continue
        words += len(article.text.split())
        headings = {(h.start, h.end) for h in article.headings}
        position = 0
        for paragraph in article.text.split("\n\n"):
            start = article.text.find(paragraph, position)
            position = start + len(paragraph)
            if (start, start + len(paragraph)) in headings:
                continue
            collapsed = " ".join(paragraph.split())
            if collapsed and len(collapsed.split()) <= _SHORT_WORDS:
                paragraphs.append((index, collapsed))
    return paragraphs, empty, words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    documents = _documents()
    real_strip = furniture_module.strip_furniture
    import newsfuse.ingest as ingest_package

    ingest_package.strip_furniture = lambda text, settings=furniture_module.FURNITURE: text  # type: ignore[assignment]
    before, empty_before, words_before = _short_paragraphs(documents)
    ingest_package.strip_furniture = real_strip  # type: ignore[assignment]
    after, empty_after, words_after = _short_paragraphs(documents)

    removed: list[str] = []
    datelines: list[str] = []
    for document in documents:
        for line in document.split("\n"):
            collapsed = " ".join(line.split())
            if collapsed and furniture_module.is_furniture(collapsed):
                removed.append(collapsed)
        first = next((" ".join(line.split()) for line in document.split("\n") if line.strip()), "")
        if first and furniture_module.strip_dateline(first) != first:
            datelines.append(first[:120])
    prose_like = [line for line in removed if len(line.split()) >= _PROSE_MIN_WORDS and _PROSE.search(line)]
    rng = random.Random(args.seed)
    results: dict[str, Any] = {
        "corpus": "Multi-News sample_test.csv (Fabbri et al., ACL 2019), 250 clusters",
        "documents": len(documents),
        "short_paragraphs": {"before": len(before), "after": len(after)},
        "documents_without_text": {"before": empty_before, "after": empty_after},
        "words": {"before": words_before, "after": words_after},
        "furniture_lines_removed": len(removed),
        "datelines_seen_on_first_lines": len(datelines),
        "prose_like_removed": prose_like,
        "sample_before": rng.sample(before, min(args.sample, len(before))),
        "sample_after": random.Random(args.seed).sample(after, min(args.sample, len(after))),
        "sample_removed": random.Random(args.seed).sample(removed, min(args.sample, len(removed))),
    }
    print(f"Multi-News sample: {len(documents)} documents")
    print(f"short paragraphs (<= {_SHORT_WORDS} words, not headings): {len(before)} before, {len(after)} after")
    print(f"documents with no text left: {empty_before} before, {empty_after} after")
    print(f"words in the clean texts: {words_before} before, {words_after} after")
    print(f"lines removed by the furniture pass: {len(removed)}; first lines with a dateline: {len(datelines)}")
    print(f"\nremoved lines that look like prose (>= {_PROSE_MIN_WORDS} words, sentence end): {len(prose_like)}")
    for line in prose_like:
        print(f"  ! {line[:200]}")
    kept_after = set(after)
    tails = {(index, paragraph[-40:]) for index, paragraph in after}
    print("\nsample_before (read by hand), each marked as it is after the furniture pass:")
    for index, paragraph in results["sample_before"]:
        if (index, paragraph) in kept_after:
            status = "kept   "
        elif (index, paragraph[-40:]) in tails:
            status = "trimmed"  # a dateline cut from its start
        else:
            status = "REMOVED"
        print(f"  {status} {index:4d}  {paragraph[:160]}")
    print("\nsample_after (read by hand):")
    for index, paragraph in results["sample_after"]:
        print(f"          {index:4d}  {paragraph[:160]}")
    print("\nsample of removed lines:")
    for line in results["sample_removed"]:
        print(f"  - {line[:170]}")
    print("\ndatelines stripped (first lines):")
    for line in datelines[:20]:
        print(f"  > {line}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
